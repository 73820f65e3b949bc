// Package digest writes a value as bytes to hash: two values give the same
// bytes only when encoding/json would write them the same, field by field,
// but several times faster, as nothing is escaped or quoted. The build
// cache's keys are a view's digest, made for every output of a site at
// every build:
//
//	buf = digest.Append(buf[:0], v)
//	h.Write(buf)
//
// What is written is what encoding/json writes: the exported fields of a
// struct, in order (not those tagged json:"-", nor those of an unexported
// embedded struct), the elements of a slice
// or array, what a pointer points to, a map's entries (by sorted key); a
// value whose type has a MarshalJSON or MarshalText method, as that method
// writes it. Strings and lists are written with their lengths, so no two
// different values run together the same way. The bytes are not a format
// to keep: they change when a type does.
package digest

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"math"
	"reflect"
	"sync"
)

// Append appends v's digest to buf.
func Append(buf []byte, v any) []byte {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return append(buf, 0)
	}
	return encoderOf(rv.Type())(buf, rv)
}

type encoder func(buf []byte, v reflect.Value) []byte

var encoders sync.Map // reflect.Type → encoder

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// encoderOf returns the encoder of type t, made once.
func encoderOf(t reflect.Type) encoder {
	if e, ok := encoders.Load(t); ok {
		return e.(encoder)
	}
	// A type that holds itself (a tree) reaches encoderOf(t) again while
	// its encoder is made: it then finds this one, which waits for it.
	var (
		wg sync.WaitGroup
		e  encoder
	)
	wg.Add(1)
	if old, loaded := encoders.LoadOrStore(t, encoder(func(buf []byte, v reflect.Value) []byte {
		wg.Wait()
		return e(buf, v)
	})); loaded {
		return old.(encoder)
	}
	e = newEncoder(t)
	wg.Done()
	encoders.Store(t, e)
	return e
}

func newEncoder(t reflect.Type) encoder {
	switch {
	case t.Implements(jsonMarshaler), t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(jsonMarshaler),
		t.Implements(textMarshaler), t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshaler):
		return asJSON
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(buf []byte, v reflect.Value) []byte {
			if v.Bool() {
				return append(buf, 1)
			}
			return append(buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(buf []byte, v reflect.Value) []byte { return binary.AppendVarint(buf, v.Int()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(buf []byte, v reflect.Value) []byte { return binary.AppendUvarint(buf, v.Uint()) }
	case reflect.Float32, reflect.Float64:
		return func(buf []byte, v reflect.Value) []byte {
			return binary.AppendUvarint(buf, math.Float64bits(v.Float()))
		}
	case reflect.String:
		return appendString
	case reflect.Pointer:
		elem := encoderOf(t.Elem())
		return func(buf []byte, v reflect.Value) []byte {
			if v.IsNil() {
				return append(buf, 0)
			}
			return elem(append(buf, 1), v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return func(buf []byte, v reflect.Value) []byte {
				b := v.Bytes()
				return append(binary.AppendUvarint(buf, uint64(len(b))), b...)
			}
		}
		fallthrough
	case reflect.Array:
		elem := encoderOf(t.Elem())
		return func(buf []byte, v reflect.Value) []byte {
			n := v.Len()
			buf = binary.AppendUvarint(buf, uint64(n))
			for i := range n {
				buf = elem(buf, v.Index(i))
			}
			return buf
		}
	case reflect.Struct:
		return structEncoder(t)
	}
	// Maps (sorted by key) and interfaces, which views do not hold, as
	// encoding/json writes them.
	return asJSON
}

// structEncoder writes the fields encoding/json writes, in order.
func structEncoder(t reflect.Type) encoder {
	type field struct {
		index int
		enc   encoder
	}
	var fields []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get("json") == "-" {
			continue
		}
		fields = append(fields, field{i, encoderOf(f.Type)})
	}
	return func(buf []byte, v reflect.Value) []byte {
		for _, f := range fields {
			buf = f.enc(buf, v.Field(f.index))
		}
		return buf
	}
}

func appendString(buf []byte, v reflect.Value) []byte {
	s := v.String()
	return append(binary.AppendUvarint(buf, uint64(len(s))), s...)
}

// asJSON writes v as encoding/json does, with its length; an error, which
// no value written before can equal, in its place. A value it can
// address goes by its pointer, as encoding/json's do, so that a
// MarshalJSON of the pointer is called.
func asJSON(buf []byte, v reflect.Value) []byte {
	x := v.Interface()
	if v.CanAddr() {
		x = v.Addr().Interface()
	}
	data, err := json.Marshal(x)
	if err != nil {
		data = []byte("error: " + err.Error())
	}
	return append(binary.AppendUvarint(buf, uint64(len(data))), data...)
}
