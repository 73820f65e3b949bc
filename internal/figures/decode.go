package figures

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"gongkai/internal/diag"
	"gongkai/internal/tomlpos"
)

var (
	metricKeyRE = regexp.MustCompile(`^[a-z0-9_]+$`)
	yearRE      = regexp.MustCompile(`^[1-9][0-9]{3}$`)
)

// Decode reads one dataset file. path is the file relative to the site root,
// used in errors; key is its base name without .toml.
//
// Decode reports every problem it finds. The Dataset is nil only when the
// file is not TOML at all; otherwise it holds everything that was valid, so
// a caller can still resolve references to it without piling follow-on
// errors ("unknown dataset") onto the real ones.
func Decode(path, key string, data []byte) (*Dataset, []diag.Error) {
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil, []diag.Error{syntaxError(path, data, err)}
	}
	dec := &decoder{path: path, src: tomlpos.Scan(data), invalid: map[string]bool{}}
	d := dec.dataset(key, doc)
	slices.SortStableFunc(dec.errs, func(a, b diag.Error) int { return cmp.Compare(a.Line, b.Line) })
	return d, dec.errs
}

func syntaxError(path string, data []byte, err error) diag.Error {
	line, msg := syntaxPosition(data, err)
	return diag.Errorf(path, line, "%s", msg)
}

// syntaxPosition returns the line and message of a toml.Decode error. The
// line is that of the byte the parser stopped at: toml counts a line ending
// that cuts a table header short ("[year.2021" ⏎) as the next line's.
func syntaxPosition(data []byte, err error) (line int, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return 0, "invalid TOML: " + tomlMessage(err.Error())
	}
	line = pe.Position.Line
	if s := pe.Position.Start; s > 0 && s <= len(data) {
		line = 1 + bytes.Count(data[:s], []byte("\n"))
	}
	return line, "invalid TOML: " + tomlMessage(pe.Message)
}

// tomlMessage fits a toml package message to our style: lower case, no
// trailing period.
func tomlMessage(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "toml: "), ".")
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' {
		s = string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

type decoder struct {
	path string
	src  *tomlpos.Map // where each key is, for errors
	errs []diag.Error
	// invalid holds metric keys already reported as malformed, so their
	// values do not each add an "unknown metric" error.
	invalid map[string]bool
}

func (dec *decoder) errorf(line int, format string, args ...any) {
	dec.errs = append(dec.errs, diag.Errorf(dec.path, line, format, args...))
}

// keysByLine returns the keys of a table in the order the file defines
// them, so errors come out in reading order.
func (dec *decoder) keysByLine(t map[string]any, parent ...string) []string {
	keys := make([]string, 0, len(t))
	lines := make(map[string]int, len(t))
	path := append(parent[:len(parent):len(parent)], "")
	for k := range t {
		keys = append(keys, k)
		path[len(parent)] = k
		lines[k] = dec.src.Line(path...)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(lines[a], lines[b]), cmp.Compare(a, b))
	})
	return keys
}

// str decodes a string value; wrong types are reported.
func (dec *decoder) str(v any, name string, path ...string) string {
	s, ok := v.(string)
	if !ok {
		dec.errorf(dec.src.Line(path...), "%s must be a string", name)
	}
	return s
}

func (dec *decoder) dataset(key string, doc map[string]any) *Dataset {
	d := &Dataset{Key: key, Path: dec.path, Values: map[int]map[string]Number{}}
	for _, k := range dec.keysByLine(doc) {
		switch v := doc[k]; k {
		case "title":
			d.Title = dec.str(v, "title", k)
		case "source":
			d.Source = dec.str(v, "source", k)
		case "note":
			d.Note = dec.str(v, "note", k)
		case "metric", "check", "year":
			// below, in dependency order
		default:
			dec.errorf(dec.src.Line(k), "unknown key %q", k)
		}
	}
	if doc["title"] == nil {
		dec.errorf(0, "missing title")
	} else if _, isString := doc["title"].(string); isString && d.Title == "" {
		dec.errorf(dec.src.Line("title"), "title is empty")
	}
	dec.metrics(d, doc["metric"])
	dec.checks(d, doc["check"])
	dec.years(d, doc["year"])
	dec.runChecks(d)
	return d
}

// tables accepts both [[name]] tables and an inline array of tables.
func tables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		ts := make([]map[string]any, len(v))
		for i, e := range v {
			t, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			ts[i] = t
		}
		return ts, true
	}
	return nil, false
}

func (dec *decoder) metrics(d *Dataset, v any) {
	ts, ok := tables(v)
	if v != nil && !ok {
		dec.errorf(dec.src.Line("metric"), "metric must be [[metric]] tables")
		return
	}
	if len(ts) == 0 {
		dec.errorf(0, "no [[metric]]: a dataset needs at least one")
		return
	}
	first := map[string]int{}
	for i, t := range ts {
		at := []string{"metric", strconv.Itoa(i)}
		m := Metric{Line: dec.src.Line(at...)}
		for _, k := range dec.keysByLine(t, at...) {
			switch k {
			case "key":
				m.Key = dec.str(t[k], "metric key", append(at, k)...)
			case "label":
				m.Label = dec.str(t[k], "metric label", append(at, k)...)
			case "unit":
				m.Unit = dec.str(t[k], "metric unit", append(at, k)...)
			default:
				dec.errorf(dec.src.Line(append(at, k)...), "unknown key %q in [[metric]]", k)
			}
		}
		keyLine := dec.src.Line(append(at, "key")...)
		switch {
		case t["key"] == nil:
			dec.errorf(m.Line, "[[metric]] has no key")
			continue
		case !metricKeyRE.MatchString(m.Key):
			dec.errorf(keyLine, "metric key %q may only contain a-z, 0-9 and _", m.Key)
			dec.invalid[m.Key] = true
			continue
		}
		if l, dup := first[m.Key]; dup {
			dec.errorf(keyLine, "metric %q is declared twice (first at line %d)", m.Key, l)
			continue
		}
		first[m.Key] = keyLine
		if _, isString := t["label"].(string); m.Label == "" && (isString || t["label"] == nil) {
			dec.errorf(m.Line, "metric %q has no label", m.Key)
		}
		d.Metrics = append(d.Metrics, m)
	}
}

func (dec *decoder) checks(d *Dataset, v any) {
	if v == nil {
		return
	}
	ts, ok := tables(v)
	if !ok {
		dec.errorf(dec.src.Line("check"), "check must be [[check]] tables")
		return
	}
	for i, t := range ts {
		at := []string{"check", strconv.Itoa(i)}
		c := Check{Line: dec.src.Line(at...)}
		valid := true
		for _, k := range dec.keysByLine(t, at...) {
			line := dec.src.Line(append(at, k)...)
			switch k {
			case "sum":
				c.Sum = dec.str(t[k], "check sum", append(at, k)...)
			case "of":
				of, ok := stringList(t[k])
				if !ok {
					dec.errorf(line, "check of must be a list of metric keys")
					valid = false
				}
				c.Of = of
			default:
				dec.errorf(line, "unknown key %q in [[check]]", k)
			}
		}
		if c.Sum == "" {
			dec.errorf(c.Line, "[[check]] has no sum")
			valid = false
		} else if _, ok := d.Metric(c.Sum); !ok {
			dec.errorf(dec.src.Line(append(at, "sum")...), "check names unknown metric %q", c.Sum)
			valid = false
		}
		if t["of"] != nil && len(c.Of) == 0 {
			dec.errorf(dec.src.Line(append(at, "of")...), "check of lists no metrics")
			valid = false
		} else if t["of"] == nil {
			dec.errorf(c.Line, "[[check]] has no of: the metrics that add up to its sum")
			valid = false
		}
		for _, k := range c.Of {
			if _, ok := d.Metric(k); !ok {
				dec.errorf(dec.src.Line(append(at, "of")...), "check names unknown metric %q", k)
				valid = false
			}
		}
		if valid {
			d.Checks = append(d.Checks, c)
		}
	}
}

func stringList(v any) ([]string, bool) {
	vs, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(vs))
	for i, e := range vs {
		if out[i], ok = e.(string); !ok {
			return nil, false
		}
	}
	return out, true
}

func (dec *decoder) years(d *Dataset, v any) {
	if v == nil {
		return
	}
	years, ok := v.(map[string]any)
	if !ok {
		dec.errorf(dec.src.Line("year"), "year must hold [year.N] tables")
		return
	}
	for _, yk := range dec.keysByLine(years, "year") {
		at := []string{"year", yk}
		if !yearRE.MatchString(yk) {
			dec.errorf(dec.src.Line(at...), "year %q is not a four-digit year", yk)
			continue
		}
		year, _ := strconv.Atoi(yk)
		t, ok := years[yk].(map[string]any)
		if !ok {
			dec.errorf(dec.src.Line(at...), "year %d must be a [year.%d] table of metric values", year, year)
			continue
		}
		values := map[string]Number{}
		for _, k := range dec.keysByLine(t, at...) {
			path := append(at[:2:2], k)
			if _, ok := d.Metric(k); !ok {
				if !dec.invalid[k] {
					dec.errorf(dec.src.Line(path...), "unknown metric %q in year %d", k, year)
				}
				continue
			}
			n, err := dec.number(t[k], path)
			if err != nil {
				dec.errorf(dec.src.Line(path...), "metric %q in year %d: %v", k, year, err)
				continue
			}
			values[k] = n
		}
		d.Years = append(d.Years, year)
		d.Values[year] = values
	}
	slices.Sort(d.Years)
}

// number converts a decoded TOML value, preferring the text as typed so
// that 27.50 keeps its places. A value in an inline table is taken as
// decoded: 2024 = { total = 1.0 } is 1.
func (dec *decoder) number(v any, path []string) (Number, error) {
	raw, hasRaw := dec.src.Raw(path...)
	if hasRaw && dec.src.Inline(path...) {
		raw, hasRaw = "", false
	}
	var n Number
	var err error
	switch v := v.(type) {
	case int64:
		n, err = NumberFromInt(v)
	case float64:
		if n, err = ParseNumber(raw); !hasRaw || errors.Is(err, errNotNumber) {
			n, err = NumberFromFloat(v)
		}
	default:
		err = errNotNumber
	}
	if err == nil {
		return n, nil
	}
	shown := raw
	if s, ok := v.(string); ok {
		shown = strconv.Quote(s)
	} else if !hasRaw {
		shown = fmt.Sprint(v)
	}
	if errors.Is(err, errTooLarge) {
		return Number{}, fmt.Errorf("value %s has more than %d digits or %d decimal places", shown, maxDigits, maxPlaces)
	}
	return Number{}, fmt.Errorf("value %s is not a number", shown)
}

// runChecks tests every check in every year that has all its values.
func (dec *decoder) runChecks(d *Dataset) {
	for _, year := range d.Years {
		values := d.Values[year]
	checks:
		for _, c := range d.Checks {
			want, ok := values[c.Sum]
			if !ok {
				continue
			}
			var have Number
			for _, k := range c.Of {
				n, ok := values[k]
				if !ok {
					continue checks
				}
				if have, ok = have.Add(n); !ok {
					dec.errorf(dec.src.Line("year", strconv.Itoa(year), c.Sum), "check in year %d: numbers too large to add", year)
					continue checks
				}
			}
			if !have.Equal(want) {
				dec.errorf(dec.src.Line("year", strconv.Itoa(year), c.Sum),
					"check failed in year %d: %s = %s, but %s = %s",
					year, c.Sum, want, strings.Join(c.Of, " + "), have)
			}
		}
	}
}
