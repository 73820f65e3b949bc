package site

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"gongkai/internal/diag"
	"gongkai/internal/tomlpos"
)

// splitFrontMatter cuts the TOML front matter off a Markdown file. It
// returns the TOML, the body, and the 1-based file line on which the body
// starts, so that errors found in either keep their true line numbers.
// A file without a leading "+++" line has no front matter.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "+++" {
		return nil, src, 1, nil
	}
	start := len(src) - len(rest)
	line := 2 // the line being read
	for found {
		var l []byte
		at := len(src) - len(rest)
		l, rest, found = bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == "+++" {
			return src[start:at], rest, line + 1, nil
		}
		line++
	}
	return nil, nil, 0, fmt.Errorf("front matter has no closing +++ line")
}

// fields reads typed values out of decoded front matter, reporting each
// mistake at its line and remembering which keys were read, so that the
// rest can be reported as unknown.
type fields struct {
	path   string
	offset int // file line of the TOML's first line, minus one
	m      map[string]any
	src    []byte       // the TOML, scanned for lines only when needed
	lines  *tomlpos.Map // nil until then
	prefix string       // key path of a sub-table, for its lines
	used   map[string]bool
	errs   []diag.Error
}

func decodeFields(path string, front []byte, offset int) (*fields, []diag.Error) {
	f := &fields{path: path, offset: offset, m: map[string]any{}, src: front, used: map[string]bool{}}
	if _, err := toml.Decode(string(front), &f.m); err != nil {
		return nil, []diag.Error{tomlError(path, offset, err)}
	}
	return f, nil
}

// line returns the file line of a key. Scanning is deferred to the first
// call: most pages have no error, and then no line is ever needed.
func (f *fields) line(key ...string) int {
	if f.lines == nil {
		f.lines = tomlpos.Scan(f.src)
	}
	if f.prefix != "" {
		key = append(strings.Split(f.prefix, "."), key...)
	}
	if l := f.lines.Line(key...); l > 0 {
		return l + f.offset
	}
	return f.offset
}

func (f *fields) errorf(key string, format string, args ...any) {
	f.errs = append(f.errs, diag.Errorf(f.path, f.line(strings.Split(key, ".")...), format, args...))
}

func (f *fields) get(key string) (any, bool) {
	f.used[key] = true
	v, ok := f.m[key]
	return v, ok
}

func (f *fields) str(key string) string {
	v, ok := f.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.errorf(key, "%s: want a string, have %s", key, kind(v))
	}
	return strings.TrimSpace(s)
}

func (f *fields) boolean(key string) bool {
	v, ok := f.get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		f.errorf(key, "%s: want true or false, have %s", key, kind(v))
	}
	return b
}

func (f *fields) integer(key string) int {
	v, ok := f.get(key)
	if !ok {
		return 0
	}
	n, ok := v.(int64)
	if !ok {
		f.errorf(key, "%s: want a whole number, have %s", key, kind(v))
	}
	return int(n)
}

func (f *fields) strings(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		f.errorf(key, "%s: want a list of strings, have %s", key, kind(v))
		return nil
	}
	var out []string
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			f.errorf(key, "%s: want a list of strings, have %s in it", key, kind(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

// date reads a TOML date or date-time, or a string in one of the forms
// editors type. Values without an offset are in loc.
func (f *fields) date(key string, loc *time.Location) (time.Time, bool) {
	v, ok := f.get(key)
	if !ok {
		return time.Time{}, false
	}
	var t time.Time
	switch v := v.(type) {
	case time.Time:
		t = v
		if zone, _ := t.Zone(); strings.HasPrefix(zone, "date") || strings.HasPrefix(zone, "datetime") || strings.HasPrefix(zone, "time") {
			// toml marks values written without an offset with a "local" zone.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		}
	case string:
		var err error
		t, err = ParseTime(v, loc)
		if err != nil {
			f.errorf(key, "%s: %q is not a date (write 2021-02-23 or 2021-02-23T09:00:00)", key, v)
			return time.Time{}, false
		}
	default:
		f.errorf(key, "%s: want a date, have %s", key, kind(v))
		return time.Time{}, false
	}
	return t, true
}

// table returns a sub-table's fields, sharing this one's error list.
func (f *fields) tables(key string) []map[string]any {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}
	case []map[string]any:
		return v
	}
	f.errorf(key, "%s: want a table, have %s", key, kind(v))
	return nil
}

// unknown reports every top-level key that was not read.
func (f *fields) unknown() {
	var keys []string
	for k := range f.m {
		if !f.used[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		// One name, which may hold a dot ("a.b" = 1): not a path to split.
		f.errs = append(f.errs, diag.Errorf(f.path, f.line(k), "unknown key %q", k))
	}
}

// sub reads a nested table (such as [organization] or one [[attachment]])
// with the same rules; prefix is its key path for lines and messages.
func (f *fields) sub(m map[string]any, prefix string) *fields {
	if f.prefix != "" {
		prefix = f.prefix + "." + prefix
	}
	return &fields{path: f.path, offset: f.offset, m: m, src: f.src, prefix: prefix, used: map[string]bool{}}
}

func kind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a whole number"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any, []map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// ParseTime reads a moment as editors and the --now flag write it: a date,
// or a date and time with or without seconds and offset. Values without an
// offset are in loc.
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
	return time.Time{}, fmt.Errorf("%q is not a date or time", s)
}
