// Package tomldoc decodes every TOML file and block of a site — site.toml,
// front matter, datasets, tables.toml and the bodies of fenced blocks —
// and reads typed values out of it, so that the same mistake gets the same
// words and the line (and, for a syntax error, the column) to fix,
// wherever it is made:
//
//	t, errs := tomldoc.Parse(path, src, firstLine)
//	if t == nil {
//		return errs // not UTF-8, or not TOML: one error
//	}
//	title, _ := t.Str("title")       // a wrong type is reported
//	if title == "" && !t.Reported("title") {
//		t.Errorf("title", "title is required")
//	}
//	for _, a := range t.Tables("attachment") { … a.Str("file") … a.Unknown() }
//	t.Unknown()                      // every key no accessor asked for
//	return t.Errors()                // of the whole document, in line order
//
// The wording is one for all: a wrong type is "<key>: want <kind>, have
// <kind>" with the key as a dotted path ("organization.name"; the elements
// of [[attachment]] are not numbered: the line says which), a key no
// accessor asked for is `unknown key "<key>"` with a hint, and a syntax
// error is "invalid TOML: <the decoder's words>" at line:column, or, for
// the slips editors make most (a date written 2022年2月20日, a number
// typed １２０ or 120万), what to type instead (syntax.go). Every message
// has its Chinese (zh.go).
//
// Lines are found with tomlpos, and only when an error needs one: most
// files have none, and a build reads thousands.
package tomldoc

import (
	"bytes"

	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"gongkai/internal/diag"
	"gongkai/internal/tomlpos"
)

// doc is what the tables of one document share.
type doc struct {
	path      string
	src       []byte
	firstLine int          // the file line of src's first line
	lines     *tomlpos.Map // nil until a line is needed
	errs      []diag.Error
	reported  map[string]bool // keys (joined paths) with an error
}

// Table is one table of a document: the document itself, a [table], or
// one element of an [[array]]. Its accessors remember which keys were
// asked for, so that Unknown can report the rest.
type Table struct {
	doc  *doc
	key  []string // path from the document, for tomlpos: ("attachment", "0")
	name string   // dotted path for messages: "attachment"
	m    map[string]any
	read []string // keys asked for, in the order asked
}

// Parse decodes src, the TOML of the file at path whose first line is file
// line firstLine (2 for front matter under its +++ line; 1 for a file or a
// block body). Errors about the file or block as a whole are at
// firstLine-1: the opening fence, or line 0. A nil Table comes with the
// one error that stopped decoding.
func Parse(path string, src []byte, firstLine int) (*Table, []diag.Error) {
	if err, bad := UTF8Error(path, src, firstLine); bad {
		return nil, []diag.Error{err}
	}
	// The decoder skips a byte-order mark; its positions are then off by
	// its three bytes unless it is cut here too.
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	d := &doc{path: path, src: src, firstLine: firstLine}
	m := map[string]any{}
	if _, err := toml.Decode(string(src), &m); err != nil {
		return nil, []diag.Error{d.syntaxError(err)}
	}
	return &Table{doc: d, m: m}, nil
}

// UTF8Error reports text that is not UTF-8: UTF-16 (Notepad's "Unicode",
// a zero byte in most ASCII characters) at its first line, anything else
// at the line of its first bad byte: an editor's file saved in GBK, most
// likely.
func UTF8Error(path string, src []byte, firstLine int) (diag.Error, bool) {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.Count(src[:min(len(src), 200)], []byte{0}) > min(len(src), 200)/4 {
		// Notepad's "Unicode": every character two bytes, ASCII's
		// with a zero byte.
		return diag.Errorf(path, firstLine, "not UTF-8 text but UTF-16 (what Notepad calls Unicode): save the file as UTF-8"), true
	}
	if utf8.Valid(src) {
		return diag.Error{}, false
	}
	line := firstLine
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return diag.Errorf(path, line, "not UTF-8 text: save the file as UTF-8 (it may be in GBK)"), true
}

// Errors returns every error reported in the document, ordered by line.
func (t *Table) Errors() []diag.Error {
	return diag.List(slices.Clone(t.doc.errs)).Sort()
}

// Name returns the dotted path of key for messages: "organization.name".
// Name("") is the table's own.
func (t *Table) Name(key string) string {
	switch {
	case key == "":
		return t.name
	case t.name == "":
		return key
	}
	return t.name + "." + key
}

// Line returns the file line that sets key, a path below this table,
// else that of its nearest parent that has one, else the line before the
// first (the opening fence, or 0: the whole file). Line() is the table's.
func (t *Table) Line(key ...string) int {
	d := t.doc
	if d.lines == nil {
		d.lines = tomlpos.Scan(d.src)
	}
	if l := d.lines.Line(append(t.path(""), key...)...); l > 0 {
		return l + d.firstLine - 1
	}
	return max(d.firstLine-1, 0)
}

func (t *Table) path(key string) []string {
	p := t.key[:len(t.key):len(t.key)]
	if key != "" {
		p = append(p, key)
	}
	return p
}

// Raw returns the value of key as it was typed, when it is on one line:
// "12.50" for a value that decodes to 12.5.
func (t *Table) Raw(key string) (string, bool) {
	t.Line() // scans
	return t.doc.lines.Raw(t.path(key)...)
}

// Errorf reports a problem with key ("" for the table itself) at its line.
func (t *Table) Errorf(key, format string, args ...any) {
	d := t.doc
	line := t.Line()
	if key != "" {
		line = t.Line(key)
	}
	d.errs = append(d.errs, diag.Errorf(d.path, line, format, args...))
	if d.reported == nil {
		d.reported = map[string]bool{}
	}
	d.reported[strings.Join(t.path(key), "\x00")] = true
}

// Reported says whether an error was reported for key already, so that a
// value of the wrong type is not also called missing.
func (t *Table) Reported(key string) bool {
	if t == nil {
		return false
	}
	return t.doc.reported[strings.Join(t.path(key), "\x00")]
}

// Want reports that key's value v is not the kind wanted.
func (t *Table) Want(key string, want diag.Phrase, v any) {
	t.Errorf(key, "%s: want %s, have %s", diag.Key(t.Name(key)), want, Kind(v))
}

// WantNumber reports that key's value v is not a number. A number in
// quotes, or typed as in a word processor (full-width, with its unit), is
// told how to write it.
func (t *Table) WantNumber(key string, v any) {
	s, ok := v.(string)
	if !ok {
		t.Want(key, "a number", v)
		return
	}
	n, ok := PlainNumber(s)
	switch {
	case ok && n == strings.TrimSpace(s):
		t.Errorf(key, "%s: a number is written without quotes: %s = %s", diag.Key(t.Name(key)), key, n)
	case ok && !strings.HasPrefix(t.doc.path, "content/data/"):
		// Not a dataset's: no [[metric]] to put the unit in.
		t.Errorf(key, "%s: type numbers in half-width digits 0-9, without a unit or commas: %s = %s", diag.Key(t.Name(key)), key, n)
	case ok:
		t.Errorf(key, "%s: type numbers in half-width digits 0-9, without a unit (a dataset's unit is its [[metric]] unit): %s = %s", diag.Key(t.Name(key)), key, n)
	default:
		t.Want(key, "a number", v)
	}
}

// Has says whether key is set, without counting it as known. A nil Table
// (one that is not set) has no keys.
func (t *Table) Has(key string) bool {
	if t == nil {
		return false
	}
	_, ok := t.m[key]
	return ok
}

// Value returns the value of key as decoded, counting key as known.
func (t *Table) Value(key string) (any, bool) {
	if t == nil {
		return nil, false
	}
	if !slices.Contains(t.read, key) {
		t.read = append(t.read, key)
	}
	v, ok := t.m[key]
	return v, ok
}

// Str returns a string. It is false when key is not set or is not a
// string; the second is reported.
func (t *Table) Str(key string) (string, bool) {
	v, ok := t.Value(key)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		t.Want(key, "a string", v)
	}
	return s, ok
}

// Int returns a whole number.
func (t *Table) Int(key string) (int, bool) {
	v, ok := t.Value(key)
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if s, quoted := v.(string); quoted {
		if plain, isNumber := PlainNumber(s); isNumber && plain == strings.TrimSpace(s) && !strings.Contains(plain, ".") {
			// weight = "3": said as WantNumber says it.
			t.Errorf(key, "%s: a number is written without quotes: %s = %s", diag.Key(t.Name(key)), key, plain)
			return 0, false
		}
	}
	if !ok {
		t.Want(key, "a whole number", v)
	}
	return int(n), ok
}

// Bool returns true or false.
func (t *Table) Bool(key string) (bool, bool) {
	v, ok := t.Value(key)
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		t.Want(key, "true or false", v)
	}
	return b, ok
}

// Strings returns a list of strings.
func (t *Table) Strings(key string) ([]string, bool) {
	return list[string](t, key, diag.Phrase("a list of strings"))
}

// Ints returns a list of whole numbers.
func (t *Table) Ints(key string) ([]int, bool) {
	ns, ok := list[int64](t, key, diag.Phrase("a list of whole numbers"))
	if !ok {
		return nil, false
	}
	out := make([]int, len(ns))
	for i, n := range ns {
		out[i] = int(n)
	}
	return out, true
}

func list[T any](t *Table, key string, want diag.Phrase) ([]T, bool) {
	v, ok := t.Value(key)
	if !ok {
		return nil, false
	}
	items, ok := v.([]any)
	if !ok {
		t.Want(key, want, v)
		return nil, false
	}
	out := make([]T, len(items))
	for i, item := range items {
		if out[i], ok = item.(T); !ok {
			t.Errorf(key, "%s: want %s, have %s in it", diag.Key(t.Name(key)), want, Kind(item))
			return nil, false
		}
	}
	return out, true
}

// Date returns a TOML date or date-time, or a string in one of the forms
// ParseTime reads. A value without an offset is in loc.
func (t *Table) Date(key string, loc *time.Location) (time.Time, bool) {
	v, ok := t.Value(key)
	if !ok {
		return time.Time{}, false
	}
	switch v := v.(type) {
	case time.Time:
		if zone, _ := v.Zone(); strings.HasSuffix(zone, "-local") {
			// toml marks values written without an offset with a "…-local" zone.
			v = time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), loc)
		}
		return v, true
	case string:
		tm, err := ParseTime(v, loc)
		if err != nil && (strings.Contains(v, "长期") || strings.Contains(v, "永久")) {
			// 有效性 长期有效, as a register of documents says it.
			t.Errorf(key, "%s: %q is not a date: a document valid without end leaves %s out (its 有效性 then reads 有效)", diag.Key(t.Name(key)), v, t.Name(key))
			return time.Time{}, false
		}
		if err != nil {
			t.Errorf(key, "%s: %q is not a date: write the date as 2022-02-20 (with a time: 2022-02-20T09:00:00)", diag.Key(t.Name(key)), v)
			return time.Time{}, false
		}
		return tm, true
	}
	t.Want(key, "a date", v)
	return time.Time{}, false
}

// ParseTime reads a moment as editors write it: a date, or a date and
// time with or without seconds and offset. Values without an offset are
// in loc.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, diag.Errorf("", 0, "%q is not a date or time: write it as 2024-03-01, or 2024-03-01 09:30", s)
}

// Table returns the table at key, or nil when it is not set or is not a
// table (which is reported).
func (t *Table) Table(key string) *Table {
	v, ok := t.Value(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Want(key, "a table", v)
		return nil
	}
	return t.child(m, []string{key}, t.Name(key))
}

// Tables returns the tables of an array: [[key]] headers, or a list of
// inline tables. One [key] table counts as a list of one.
func (t *Table) Tables(key string) []*Table {
	v, ok := t.Value(key)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch v := v.(type) {
	case map[string]any:
		return []*Table{t.child(v, []string{key}, t.Name(key))}
	case []map[string]any:
		ms = v
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				t.Errorf(key, "%s: want a list of tables, have %s in it", diag.Key(t.Name(key)), Kind(e))
				return nil
			}
			ms = append(ms, m)
		}
	default:
		t.Want(key, "a list of tables", v)
		return nil
	}
	out := make([]*Table, len(ms))
	for i, m := range ms {
		out[i] = t.child(m, []string{key, fmt.Sprint(i)}, t.Name(key))
	}
	return out
}

func (t *Table) child(m map[string]any, key []string, name string) *Table {
	return &Table{doc: t.doc, key: append(t.path(""), key...), name: name, m: m}
}

// Keys returns the keys set in the table, sorted.
func (t *Table) Keys() []string {
	if t == nil {
		return nil
	}
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Unknown reports every key of the table that no accessor asked for and
// that has no error yet. The message suggests a known key within two
// edits ("titel" → "title"), else lists the known keys when they are few.
func (t *Table) Unknown() {
	if t == nil {
		return
	}
	for _, k := range t.Keys() {
		if slices.Contains(t.read, k) || t.Reported(k) {
			continue
		}
		hint := Closest(k, t.read)
		switch {
		case hint != "":
			t.Errorf(k, "unknown key %q (did you mean %q?)", t.Name(k), hint)
		case len(t.read) > 0 && len(t.read) <= 10:
			t.Errorf(k, "unknown key %q (want %s)", t.Name(k), diag.OneOf(t.read))
		default:
			t.Errorf(k, "unknown key %q", t.Name(k))
		}
	}
}

// Or joins words as "a, b or c".
func Or(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// Closest is the word of known within two edits of word, the nearest
// ("titel" → "title"), and at most half its length (b is not a typo
// of a); "" when none is.
func Closest(word string, known []string) string {
	hint, best := "", 3
	for _, k := range known {
		if d := distance(word, k); d < best && 2*d <= utf8.RuneCountInString(word) {
			best, hint = d, k
		}
	}
	return hint
}

// distance is the Levenshtein distance of a and b, in characters.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range ra {
		cur[0] = i + 1
		for j := range rb {
			cost := 1
			if ra[i] == rb[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Kind names the kind of a decoded value for a message.
func Kind(v any) diag.Phrase {
	switch v.(type) {
	case string:
		return diag.Phrase("a string")
	case int64:
		return diag.Phrase("a whole number")
	case float64:
		return diag.Phrase("a decimal number")
	case bool:
		return diag.Phrase("true or false")
	case time.Time:
		return diag.Phrase("a date")
	case []any:
		return diag.Phrase("a list")
	case map[string]any:
		return diag.Phrase("a table")
	case []map[string]any:
		return diag.Phrase("a list of tables")
	}
	return diag.Phrase("a value of another kind")
}
