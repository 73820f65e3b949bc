package disclosure

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"gongkai/internal/diag"
	"gongkai/internal/tomlpos"
)

// Decode reads a tables.toml. path names the file in errors, relative to
// the site root. It reports every problem it finds, sorted by line; a
// report with errors must not be published. The Report is nil only when
// the TOML itself does not parse.
func Decode(path string, data []byte) (*Report, []diag.Error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, []diag.Error{diag.Errorf(path, syntaxLine(data, pe), "%s", pe.Message)}
		}
		return nil, []diag.Error{diag.Errorf(path, 0, "%v", err)}
	}
	src := tomlpos.Scan(data)
	d := &decoder{path: path, src: src}
	r := &Report{Path: path, Format: Format2021, src: src}

	d.only("", m, []string{"year", "format", "active", "applications", "appeals"}, nil)
	switch y, ok := m["year"]; {
	case !ok:
		d.errorf("", "missing year")
	default:
		n, isInt := y.(int64)
		if !isInt || n < 2008 || n > 2100 {
			d.errorf("year", "year: want a year such as 2021, have %s", show(y))
		}
		r.Year = int(n)
	}
	if f, ok := m["format"]; ok {
		if s, _ := f.(string); s == Format2021 || s == Format2019 {
			r.Format = s
		} else {
			d.errorf("format", `format: want "2021" or "2019", have %s`, show(f))
		}
	}

	d.format = r.Format
	if r.Format == Format2019 {
		r.Active2019 = d.active2019(d.table(m, "active"))
	} else {
		r.Active = d.active2021(d.table(m, "active"))
	}
	before := len(d.errs)
	r.Applications = d.applications(d.table(m, "applications"), r)
	if len(d.errs) == before {
		// With a bad cell the sums mean little; its error says enough.
		d.errs = append(d.errs, r.checkIdentity()...)
	}
	r.Appeals = d.appeals(d.table(m, "appeals"))
	return r, diag.List(d.errs).Sort()
}

// syntaxLine is the line of a TOML syntax error in data: that of the byte
// the parser stopped at when known, as toml leaves Position.Line 0 for
// some errors (an escape cut short by the end of the input), and never
// past the last line.
func syntaxLine(data []byte, pe toml.ParseError) int {
	line := pe.Position.Line
	if s := pe.Position.Start; s > 0 && s <= len(data) {
		line = 1 + bytes.Count(data[:s], []byte("\n"))
	}
	return min(max(line, 0), 1+bytes.Count(data, []byte("\n")))
}

// checkIdentity checks 一 + 二 = （七）总计 + 四 in every column.
func (r *Report) checkIdentity() []diag.Error {
	a := &r.Applications
	res := a.Result()
	var errs []diag.Error
	for c, name := range ApplicantColumns {
		left := a.Received.col(c) + a.CarriedIn.col(c)
		right := res.col(c) + a.CarriedOut.col(c)
		if left != right {
			errs = append(errs, diag.Errorf(r.Path, r.line("applications"),
				"applications: column %s: 一 + 二 = %d but （七）总计 + 四 = %d (%s)",
				name, left, right, strings.Trim(identityNote, "（）")))
		}
	}
	return errs
}

// CheckCarryOver checks that cur's 上年结转 equals prev's 结转下年度继续办理
// in every column, when cur is the year after prev. Errors are in cur.
func CheckCarryOver(prev, cur *Report) []diag.Error {
	if prev == nil || cur == nil || cur.Year != prev.Year+1 {
		return nil
	}
	var errs []diag.Error
	for c, name := range ApplicantColumns {
		in, out := cur.Applications.CarriedIn.col(c), prev.Applications.CarriedOut.col(c)
		if in != out {
			errs = append(errs, diag.Errorf(cur.Path, cur.line("applications.carried_in"),
				"applications.carried_in: column %s: 上年结转 %d does not equal %d's 结转下年度继续办理 %d in %s",
				name, in, prev.Year, out, prev.Path))
		}
	}
	return errs
}

// line is the line of key, else of its nearest parent that has one.
func (r *Report) line(key string) int { return r.src.Line(keyPath(key)...) }

// keyPath splits a dotted key of bare names, "applications.withheld",
// into the path tomlpos takes. "" is the document, which has no line.
func keyPath(key string) []string {
	if key == "" {
		return nil
	}
	return strings.Split(key, ".")
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

type decoder struct {
	path   string
	format string
	src    *tomlpos.Map // where each key is, for errors
	errs   []diag.Error
}

// errorf reports a problem with key, a dotted path of bare names.
func (d *decoder) errorf(key, format string, args ...any) {
	d.errorAt(d.src.Line(keyPath(key)...), format, args...)
}

func (d *decoder) errorAt(line int, format string, args ...any) {
	d.errs = append(d.errs, diag.Errorf(d.path, line, format, args...))
}

// table returns parent[key] as a table; nil, meaning all zeros, when it
// is absent or not a table.
func (d *decoder) table(parent map[string]any, key string) map[string]any {
	v, ok := parent[key]
	if !ok {
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		d.errorf(key, "%s: want a table, have %s", key, kind(v))
	}
	return t
}

// record returns v, the value of key, as a table with the given fields.
func (d *decoder) record(key string, v any, fields ...string) map[string]any {
	if v == nil {
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		d.errorf(key, "%s: want a table of %s, have %s", key, list(fields, "and"), kind(v))
		return nil
	}
	d.only(key, t, fields, nil)
	return t
}

// only reports the keys of t, the table at prefix, that are not in known.
// Keys in otherFormat belong to the format this report is not in.
func (d *decoder) only(prefix string, t map[string]any, known, otherFormat []string) {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(known, k) {
			continue
		}
		full := join(prefix, k)
		line := d.src.Line(append(keyPath(prefix), k)...) // k may hold a dot
		if slices.Contains(otherFormat, k) {
			d.errorAt(line, "%s: a key of format %q, not of format %q", full, d.otherFormat(), d.format)
			continue
		}
		d.errorAt(line, "%s: unknown key (want %s)", full, list(known, "or"))
	}
}

// otherFormat is the format this report is not in.
func (d *decoder) otherFormat() string {
	if d.format == Format2019 {
		return Format2021
	}
	return Format2019
}

// count returns v as a count: a whole number ≥ 0. A missing value is 0.
func (d *decoder) count(key, column string, v any) int {
	if v == nil {
		return 0
	}
	n, ok := whole(v)
	if ok && n > maxCount {
		if column != "" {
			d.errorf(key, "%s: column %s: %s is too large to be a count", key, column, show(v))
		} else {
			d.errorf(key, "%s: %s is too large to be a count", key, show(v))
		}
		return 0
	}
	if !ok || n < 0 {
		if column != "" {
			d.errorf(key, "%s: column %s: %s is not a count", key, column, show(v))
		} else {
			d.errorf(key, "%s: %s is not a count", key, show(v))
		}
		return 0
	}
	return n
}

// signed returns v as a whole number, which may be negative.
func (d *decoder) signed(key string, v any) int {
	if v == nil {
		return 0
	}
	n, ok := whole(v)
	if !ok {
		d.errorf(key, "%s: %s is not a whole number", key, show(v))
		return 0
	}
	if n > maxCount || n < -maxCount {
		d.errorf(key, "%s: %s is too large", key, show(v))
		return 0
	}
	return n
}

// maxCount bounds every count and change, far above any real one, so that
// no 总计 or sum of the tables can overflow.
const maxCount = 1<<53 - 1

var plainDecimal = regexp.MustCompile(`^[+-]?[0-9][0-9_]*(\.[0-9][0-9_]*)?$`)

// amount returns v as an Amount, keeping the digits as typed.
func (d *decoder) amount(key string, v any, negative bool) Amount {
	var f float64
	switch x := v.(type) {
	case nil:
		return Amount{}
	case int64:
		f = float64(x)
	case float64:
		f = x
	default:
		d.errorf(key, "%s: %s is not a number", key, show(v))
		return Amount{}
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 && !negative {
		d.errorf(key, "%s: %s is not an amount", key, show(v))
		return Amount{}
	}
	a := Amount{Value: f}
	if t, _ := d.src.Raw(keyPath(key)...); plainDecimal.MatchString(t) {
		a.Text = strings.TrimPrefix(strings.ReplaceAll(t, "_", ""), "+")
	}
	return a
}

// row returns v as len(columns) counts.
func (d *decoder) row(key string, v any, columns []string) []int {
	out := make([]int, len(columns))
	if v == nil {
		return out
	}
	arr, ok := v.([]any)
	have := kind(v)
	if ok {
		have = strconv.Itoa(len(arr))
	}
	if !ok || len(arr) != len(columns) {
		d.errorf(key, "%s: want %d numbers (%s), have %s", key, len(columns), strings.Join(columns, ", "), have)
		return out
	}
	for i, x := range arr {
		out[i] = d.count(key, columns[i], x)
	}
	return out
}

func (d *decoder) row6(key string, v any) (r Row) {
	copy(r[:], d.row(key, v, ApplicantColumns[:6]))
	return r
}

func (d *decoder) outcomes(key string, v any) (o Outcomes) {
	copy(o[:], d.row(key, v, OutcomeColumns))
	return o
}

var (
	active2021Keys = []string{"rules", "normative", "licensing", "penalties", "enforcement", "fees"}
	active2019Keys = []string{"rules", "normative", "licensing", "other_services", "penalties", "enforcement", "fees", "procurement"}
)

func (d *decoder) active2021(t map[string]any) (a Active) {
	d.only("active", t, active2021Keys, active2019Keys)
	docs := func(k string) Documents {
		key := "active." + k
		m := d.record(key, t[k], "issued", "repealed", "in_force")
		return Documents{
			Issued:   d.count(key+".issued", "", m["issued"]),
			Repealed: d.count(key+".repealed", "", m["repealed"]),
			InForce:  d.count(key+".in_force", "", m["in_force"]),
		}
	}
	a.Rules = docs("rules")
	a.Normative = docs("normative")
	a.Licensing = d.count("active.licensing", "", t["licensing"])
	a.Penalties = d.count("active.penalties", "", t["penalties"])
	a.Enforcement = d.count("active.enforcement", "", t["enforcement"])
	a.Fees = d.amount("active.fees", t["fees"], false)
	return a
}

func (d *decoder) active2019(t map[string]any) (a Active2019) {
	d.only("active", t, active2019Keys, active2021Keys)
	docs := func(k string) Documents2019 {
		key := "active." + k
		m := d.record(key, t[k], "made", "published", "total")
		return Documents2019{
			Made:      d.count(key+".made", "", m["made"]),
			Published: d.count(key+".published", "", m["published"]),
			Total:     d.count(key+".total", "", m["total"]),
		}
	}
	matters := func(k string) Matters {
		key := "active." + k
		m := d.record(key, t[k], "last_year", "change", "decisions")
		return Matters{
			LastYear:  d.count(key+".last_year", "", m["last_year"]),
			Change:    d.signed(key+".change", m["change"]),
			Decisions: d.count(key+".decisions", "", m["decisions"]),
		}
	}
	a.Rules = docs("rules")
	a.Normative = docs("normative")
	a.Licensing = matters("licensing")
	a.OtherServices = matters("other_services")
	a.Penalties = matters("penalties")
	a.Enforcement = matters("enforcement")
	fees := d.record("active.fees", t["fees"], "last_year", "change")
	a.Fees = Fees2019{
		LastYear: d.amount("active.fees.last_year", fees["last_year"], false),
		Change:   d.amount("active.fees.change", fees["change"], true),
	}
	p := d.record("active.procurement", t["procurement"], "count", "amount")
	a.Procurement = Procurement{
		Count:  d.count("active.procurement.count", "", p["count"]),
		Amount: d.amount("active.procurement.amount", p["amount"], false),
	}
	return a
}

func (d *decoder) applications(t map[string]any, r *Report) (a Applications) {
	known := []string{received.key, carriedIn.key, disclosed.key, partly.key, carriedOut.key,
		withheld.key, unavailable.key, rejected.key, other2021.key}
	d.only("applications", t, known, nil)
	a.Received = d.row6("applications.received", t[received.key])
	a.CarriedIn = d.row6("applications.carried_in", t[carriedIn.key])
	a.Disclosed = d.row6("applications.disclosed", t[disclosed.key])
	a.Partly = d.row6("applications.partly", t[partly.key])
	a.CarriedOut = d.row6("applications.carried_out", t[carriedOut.key])
	for _, g := range r.groups() {
		if g.key == "other" {
			a.Other = make([]Row, len(g.rows))
		}
		key := "applications." + g.key
		var sub map[string]any
		if v, ok := t[g.key]; ok {
			var isTable bool
			if sub, isTable = v.(map[string]any); !isTable {
				d.errorf(key, "%s: want a table, have %s", key, kind(v))
			}
		}
		names := keys(g.rows)
		var elsewhere []string
		if g.key == "other" {
			elsewhere = keys(other2021.rows)
			if r.Format != Format2019 {
				elsewhere = keys(other2019.rows)
			}
		}
		d.only(key, sub, names, elsewhere)
		rows := a.groupRows(g.key)
		for i, it := range g.rows {
			rows[i] = d.row6(key+"."+it.key, sub[it.key])
		}
	}
	return a
}

func (d *decoder) appeals(t map[string]any) (a Appeals) {
	d.only("appeals", t, []string{"review", "direct_suit", "suit_after_review"}, nil)
	a.Review = d.outcomes("appeals.review", t["review"])
	a.DirectSuit = d.outcomes("appeals.direct_suit", t["direct_suit"])
	a.SuitAfterReview = d.outcomes("appeals.suit_after_review", t["suit_after_review"])
	return a
}

func keys(items []item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.key
	}
	return out
}

// whole returns v as an int when it is a whole number.
func whole(v any) (int, bool) {
	switch x := v.(type) {
	case int64:
		return int(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x), true
		}
	}
	return 0, false
}

// show formats a TOML value for a message.
func show(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return strconv.Quote(x)
	}
	return kind(v)
}

// kind names the type of a TOML value for a message.
func kind(v any) string {
	switch v.(type) {
	case int64, float64:
		return "a number"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

// list joins words as "a, b or c".
func list(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
