// Package record reads and writes the binary files the build cache keeps
// from one build to the next (package site's kept pages, package build's
// manifest): records of unsigned varints, 8-byte numbers and
// length-prefixed strings, the file's SHA-256 at its end.
//
//	w := record.NewWriter(f)
//	b = record.AppendStr(b[:0], path)
//	b = binary.AppendUvarint(b, n)
//	w.Write(b)
//	...
//	err := w.Seal() // the SHA-256 of all written, after it
//
//	body, ok := record.Open(data) // data without its SHA-256, if whole
//	r := record.Reader{S: body}
//	path, n := r.Str(), r.Uvarint()
//	if r.Bad { ... } // cut short or malformed
//
// A Reader reads a string, not a slice: the strings it returns are parts
// of it, with no copy, so a file of a million records is read once and
// its records' strings point into it (see Open).
package record

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io"
	"unsafe"
)

// Open returns data's records as one string, the bytes themselves, not a
// copy (nothing may write to data afterwards), when data ends with the
// SHA-256 of the rest; ok is false when it does not: cut short or
// changed.
func Open(data []byte) (body string, ok bool) {
	if len(data) < sha256.Size {
		return "", false
	}
	b, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(b); !bytes.Equal(got[:], sum) {
		return "", false
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// Writer writes a file of records through a buffer, hashing them as it
// goes; Seal writes their SHA-256 after them. A portal's files are
// hundreds of megabytes: they are streamed, not made whole first.
type Writer struct {
	dst io.Writer
	h   hash.Hash
	w   *bufio.Writer
}

// NewWriter writes to dst.
func NewWriter(dst io.Writer) *Writer {
	h := sha256.New()
	return &Writer{dst: dst, h: h, w: bufio.NewWriterSize(io.MultiWriter(dst, h), 1<<20)}
}

// Write writes b; an error is kept for Seal to return.
func (w *Writer) Write(b []byte) (int, error) { return w.w.Write(b) }

// Seal writes what is buffered, then the SHA-256 of all written; it
// returns the first error.
func (w *Writer) Seal() error {
	if err := w.w.Flush(); err != nil {
		return err
	}
	_, err := w.dst.Write(w.h.Sum(nil))
	return err
}

// AppendStr appends s, its length first (Reader.Str).
func AppendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Reader reads records from S; a read past its end, or a malformed
// number, sets Bad and empties S, and every read after it gives zero.
type Reader struct {
	S   string
	Bad bool
}

func (r *Reader) fail() { r.Bad, r.S = true, "" }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 { return readVarint(r, binary.Uvarint) }

// Varint reads a signed varint.
func (r *Reader) Varint() int64 { return readVarint(r, binary.Varint) }

// readVarint reads a number with decode (binary.Uvarint or Varint).
func readVarint[T uint64 | int64](r *Reader, decode func([]byte) (T, int)) T {
	v, n := decode([]byte(r.S[:min(len(r.S), binary.MaxVarintLen64)]))
	if n <= 0 {
		r.fail()
		return 0
	}
	r.S = r.S[n:]
	return v
}

// U64 reads 8 bytes, little-endian.
func (r *Reader) U64() uint64 {
	if len(r.S) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64([]byte(r.S[:8]))
	r.S = r.S[8:]
	return v
}

// Str reads a string its length precedes (AppendStr).
func (r *Reader) Str() string {
	n := r.Uvarint()
	if n > uint64(len(r.S)) {
		r.fail()
		return ""
	}
	s := r.S[:n]
	r.S = r.S[n:]
	return s
}

// Bytes reads n bytes, as a string.
func (r *Reader) Bytes(n int) string {
	if n > len(r.S) {
		r.fail()
		return ""
	}
	s := r.S[:n]
	r.S = r.S[n:]
	return s
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if len(r.S) == 0 {
		r.fail()
		return 0
	}
	c := r.S[0]
	r.S = r.S[1:]
	return c
}
