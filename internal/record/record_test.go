package record

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestRoundTrip: what is appended reads back, and a file cut short or
// changed does not open.
func TestRoundTrip(t *testing.T) {
	var b []byte
	b = AppendStr(b, "政策文件/a/index.html")
	b = binary.AppendUvarint(b, 300)
	b = binary.AppendVarint(b, -7)
	b = binary.LittleEndian.AppendUint64(b, 1<<60)
	b = append(b, 9, 'x', 'y')
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write(b)
	if err := w.Seal(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	body, ok := Open(data)
	if !ok {
		t.Fatal("a sealed file does not open")
	}
	r := Reader{S: body}
	if s, u, v, w, c, rest := r.Str(), r.Uvarint(), r.Varint(), r.U64(), r.Byte(), r.Bytes(2); s != "政策文件/a/index.html" || u != 300 || v != -7 || w != 1<<60 || c != 9 || rest != "xy" || r.Bad || r.S != "" {
		t.Errorf("read back %q %d %d %d %d %q (bad %v)", s, u, v, w, c, rest, r.Bad)
	}
	if r.Byte(); !r.Bad {
		t.Error("a read past the end is not bad")
	}
	for _, d := range [][]byte{data[:len(data)-1], append([]byte{1}, data[1:]...), nil} {
		if _, ok := Open(d); ok {
			t.Errorf("%q opens", d)
		}
	}
	for _, s := range []string{"\x05ab", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "1234567"} {
		r := Reader{S: s}
		r.Str()
		r.U64()
		if !r.Bad || r.S != "" {
			t.Errorf("%q: not bad", s)
		}
	}
}
