package figures

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

var (
	metricKeyRE = regexp.MustCompile(`^[a-z0-9_]+$`)
	yearRE      = regexp.MustCompile(`^[1-9][0-9]{3}$`)
)

// Decode reads one dataset file. path is the file relative to the site root,
// used in errors; key is its base name without .toml.
//
// Decode reports every problem it finds, in line order. The Dataset is nil
// only when the file is not TOML at all; otherwise it holds everything
// that was valid, so a caller can still resolve references to it without
// piling follow-on errors ("unknown dataset") onto the real ones.
func Decode(path, key string, data []byte) (*Dataset, []diag.Error) {
	t, errs := tomldoc.Parse(path, data, 1)
	if t == nil {
		return nil, errs
	}
	dec := &decoder{invalid: map[string]bool{}, yearTables: map[int]*tomldoc.Table{}}
	d := dataset(dec, key, path, t)
	t.Unknown()
	return d, t.Errors()
}

type decoder struct {
	// invalid holds metric keys already reported as malformed, so their
	// values do not each add an "unknown metric" error.
	invalid    map[string]bool
	yearTables map[int]*tomldoc.Table // [year.N], for the lines of failed checks
}

func dataset(dec *decoder, key, path string, t *tomldoc.Table) *Dataset {
	d := &Dataset{Key: key, Path: path, Values: map[int]map[string]Number{}}
	d.Title, _ = t.Str("title")
	d.Source, _ = t.Str("source")
	d.Note, _ = t.Str("note")
	if d.Title == "" && !t.Reported("title") {
		t.Errorf("title", "title is required")
	}
	dec.metrics(d, t)
	dec.checks(d, t)
	dec.years(d, t)
	dec.runChecks(d)
	return d
}

func (dec *decoder) metrics(d *Dataset, t *tomldoc.Table) {
	ts := t.Tables("metric")
	if len(ts) == 0 {
		if !t.Reported("metric") {
			t.Errorf("metric", "no [[metric]]: a dataset needs at least one")
		}
		return
	}
	first := map[string]int{}
	for _, mt := range ts {
		m := Metric{Line: mt.Line()}
		m.Key, _ = mt.Str("key")
		m.Label, _ = mt.Str("label")
		m.Unit, _ = mt.Str("unit")
		mt.Unknown()
		keyLine := mt.Line("key")
		switch {
		case mt.Reported("key"):
			continue
		case !mt.Has("key"):
			mt.Errorf("", "[[metric]] has no key")
			continue
		case !metricKeyRE.MatchString(m.Key):
			mt.Errorf("key", "metric key %q may only contain a-z, 0-9 and _", m.Key)
			dec.invalid[m.Key] = true
			continue
		}
		if l, dup := first[m.Key]; dup {
			mt.Errorf("key", "metric %q is declared twice (first at line %d)", m.Key, l)
			continue
		}
		first[m.Key] = keyLine
		if m.Label == "" && !mt.Reported("label") {
			mt.Errorf("", "metric %q has no label", m.Key)
		}
		d.Metrics = append(d.Metrics, m)
	}
}

func (dec *decoder) checks(d *Dataset, t *tomldoc.Table) {
	for _, ct := range t.Tables("check") {
		c := Check{Line: ct.Line()}
		c.Sum, _ = ct.Str("sum")
		of, hasOf := ct.Strings("of")
		c.Of = of
		ct.Unknown()
		valid := hasOf
		if c.Sum == "" {
			if !ct.Reported("sum") {
				ct.Errorf("", "[[check]] has no sum")
			}
			valid = false
		} else if _, ok := d.Metric(c.Sum); !ok {
			ct.Errorf("sum", "check names unknown metric %q", c.Sum)
			valid = false
		}
		switch {
		case ct.Reported("of"):
		case !ct.Has("of"):
			ct.Errorf("", "[[check]] has no of: the metrics that add up to its sum")
		case len(c.Of) == 0:
			ct.Errorf("of", "check of lists no metrics")
			valid = false
		}
		for _, k := range c.Of {
			if _, ok := d.Metric(k); !ok {
				ct.Errorf("of", "check names unknown metric %q", k)
				valid = false
			}
		}
		if valid {
			d.Checks = append(d.Checks, c)
		}
	}
}

func (dec *decoder) years(d *Dataset, t *tomldoc.Table) {
	years := t.Table("year")
	if years == nil {
		return
	}
	for _, yk := range years.Keys() {
		if !yearRE.MatchString(yk) {
			years.Value(yk) // not also an unknown key
			years.Errorf(yk, "year %q is not a four-digit year", yk)
			continue
		}
		year, _ := strconv.Atoi(yk)
		yt := years.Table(yk)
		if yt == nil {
			continue
		}
		dec.yearTables[year] = yt
		values := map[string]Number{}
		for _, k := range yt.Keys() {
			if _, ok := d.Metric(k); !ok {
				yt.Value(k)
				switch hint := tomldoc.Closest(k, d.metricKeys()); {
				case dec.invalid[k]:
				case hint != "":
					yt.Errorf(k, "unknown metric %q in year %d (did you mean %q?)", k, year, hint)
				default:
					yt.Errorf(k, "unknown metric %q in year %d", k, year)
				}
				continue
			}
			if n, ok := number(yt, k, year); ok {
				values[k] = n
			}
		}
		d.Years = append(d.Years, year)
		d.Values[year] = values
	}
	slices.Sort(d.Years)
}

// number reads a value, preferring the text as typed so that 27.50 keeps
// its places.
func number(t *tomldoc.Table, key string, year int) (Number, bool) {
	v, _ := t.Value(key)
	var n Number
	var err error
	raw, hasRaw := "", false
	switch v := v.(type) {
	case int64:
		n, err = NumberFromInt(v)
	case float64:
		raw, hasRaw = t.Raw(key)
		if n, err = ParseNumber(raw); !hasRaw || errors.Is(err, errNotNumber) {
			n, err = NumberFromFloat(v)
		}
	default:
		t.WantNumber(key, v)
		return Number{}, false
	}
	if err == nil {
		return n, true
	}
	shown := raw
	if !hasRaw {
		shown = fmt.Sprint(v)
	}
	if errors.Is(err, errTooLarge) {
		t.Errorf(key, "metric %q in year %d: value %s has more than %d digits or %d decimal places", key, year, shown, maxDigits, maxPlaces)
	} else {
		t.Errorf(key, "metric %q in year %d: value %s is not a number", key, year, shown)
	}
	return Number{}, false
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
					dec.yearTables[year].Errorf(c.Sum, "check in year %d: numbers too large to add", year)
					continue checks
				}
			}
			if !have.Equal(want) {
				dec.yearTables[year].Errorf(c.Sum,
					"check failed in year %d: %s = %s, but %s = %s",
					year, c.Sum, want, strings.Join(c.Of, " + "), have)
			}
		}
	}
}
