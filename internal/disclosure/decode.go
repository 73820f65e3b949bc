package disclosure

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

// Decode reads a tables.toml. path names the file in errors, relative to
// the site root. It reports every problem it finds, sorted by line; a
// report with errors must not be published. The Report is nil only when
// the TOML itself does not parse.
func Decode(path string, data []byte) (*Report, []diag.Error) {
	t, errs := tomldoc.Parse(path, data, 1)
	if t == nil {
		return nil, errs
	}
	r := &Report{Path: path, Format: Format2021, doc: t}
	for _, name := range Tables {
		if t.Has(name) {
			r.Held = append(r.Held, name)
		}
	}
	year, ok := t.Int("year")
	switch {
	case !ok && !t.Reported("year"):
		t.Errorf("year", "year is required")
	case ok && (year < 2008 || year > 2100):
		t.Errorf("year", "year: want a year such as 2021, have %d", year)
	}
	r.Year, r.YearLine = year, t.Line("year")
	if f, ok := t.Str("format"); ok {
		if f == Format2021 || f == Format2019 {
			r.Format = f
		} else {
			t.Errorf("format", `format: want "2021" or "2019", have %q`, f)
		}
	}

	d := &decoder{format: r.Format}
	if r.Format == Format2019 {
		r.Active2019 = d.active2019(t.Table("active"))
	} else {
		r.Active = d.active2021(t.Table("active"))
	}
	before := len(t.Errors())
	r.Applications = d.applications(t.Table("applications"), r)
	if len(t.Errors()) == before {
		// With a bad cell the sums mean little; its error says enough.
		errs = r.checkIdentity()
	}
	r.Appeals = d.appeals(t.Table("appeals"))
	t.Unknown()
	return r, diag.List(append(t.Errors(), errs...)).Sort()
}

// checkIdentity checks 一 + 二 = （七）总计 + 四 in every column the editor
// types. The 总计 column is their sum: it fails only when one of them
// does, whose error already says what to fix.
func (r *Report) checkIdentity() []diag.Error {
	a := &r.Applications
	res := a.Result()
	var errs []diag.Error
	for c, name := range ApplicantColumns[:6] {
		in := a.Received.col(c) + a.CarriedIn.col(c)
		out := res.col(c) + a.CarriedOut.col(c)
		if in != out {
			errs = append(errs, diag.Errorf(r.Path, r.line("applications"),
				"applications: column %s: the rows of 三、本年度办理结果 add up to %d and 四、结转下年度继续办理 is %d, together %d, but 一、本年新收 + 二、上年结转 = %d + %d = %d (%s)",
				name, res.col(c), a.CarriedOut.col(c), out, a.Received.col(c), a.CarriedIn.col(c), in, strings.Trim(identityNote, "（）")))
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

// line is the line of key, a dotted path of bare names, else of its
// nearest parent that has one.
func (r *Report) line(key string) int { return r.doc.Line(strings.Split(key, ".")...) }

type decoder struct {
	format string
}

// only reports the keys of t, once its known keys are read, that no
// accessor read. Keys in otherFormat but not in known belong to the format
// this report is not in.
func (d *decoder) only(t *tomldoc.Table, known, otherFormat []string) {
	for _, k := range otherFormat {
		if t.Has(k) && !slices.Contains(known, k) {
			t.Errorf(k, "%s: a key of format %q, not of format %q", diag.Key(t.Name(k)), d.otherFormat(), d.format)
		}
	}
	t.Unknown()
}

// otherFormat is the format this report is not in.
func (d *decoder) otherFormat() string {
	if d.format == Format2019 {
		return Format2021
	}
	return Format2019
}

// count returns key as a count: a whole number ≥ 0. A missing value is 0.
func count(t *tomldoc.Table, key string) int {
	v, ok := t.Value(key)
	if !ok {
		return 0
	}
	if _, ok := v.(string); ok {
		t.WantNumber(key, v)
		return 0
	}
	n, problem := countOf(v)
	if problem != nil {
		t.Errorf(key, "%s: %v", diag.Key(t.Name(key)), *problem)
	}
	return n
}

// countOf returns v as a count, or what is wrong with it.
func countOf(v any) (int, *diag.Error) {
	problem := func(e diag.Error) (int, *diag.Error) { return 0, &e }
	if s, ok := v.(string); ok {
		switch n, ok := tomldoc.PlainNumber(s); {
		case ok && n == strings.TrimSpace(s):
			return problem(diag.Errorf("", 0, "%q: a number is written without quotes: %s", s, n))
		case ok:
			return problem(diag.Errorf("", 0, "%q: type numbers in half-width digits 0-9, without a unit: %s", s, n))
		}
	}
	if !isNumber(v) {
		return problem(diag.Errorf("", 0, "want a whole number, have %s", tomldoc.Kind(v)))
	}
	n, ok := whole(v)
	if ok && n > maxCount {
		return problem(diag.Errorf("", 0, "%s is too large to be a count", show(v)))
	}
	if !ok || n < 0 {
		return problem(diag.Errorf("", 0, "%s is not a count", show(v)))
	}
	return n, nil
}

// signed returns key as a whole number, which may be negative.
func signed(t *tomldoc.Table, key string) int {
	v, ok := t.Value(key)
	if !ok {
		return 0
	}
	if !isNumber(v) {
		t.WantNumber(key, v)
		return 0
	}
	n, ok := whole(v)
	if !ok {
		t.Errorf(key, "%s: %s is not a whole number", diag.Key(t.Name(key)), show(v))
		return 0
	}
	if n > maxCount || n < -maxCount {
		t.Errorf(key, "%s: %s is too large", diag.Key(t.Name(key)), show(v))
		return 0
	}
	return n
}

// maxCount bounds every count and change, far above any real one, so that
// no 总计 or sum of the tables can overflow.
const maxCount = 1<<53 - 1

var plainDecimal = regexp.MustCompile(`^[+-]?[0-9][0-9_]*(\.[0-9][0-9_]*)?$`)

// amount returns key as an Amount, keeping the digits as typed.
func amount(t *tomldoc.Table, key string, negative bool) Amount {
	v, ok := t.Value(key)
	if !ok {
		return Amount{}
	}
	var f float64
	switch x := v.(type) {
	case int64:
		f = float64(x)
	case float64:
		f = x
	default:
		t.WantNumber(key, v)
		return Amount{}
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 && !negative {
		t.Errorf(key, "%s: %s is not an amount", diag.Key(t.Name(key)), show(v))
		return Amount{}
	}
	a := Amount{Value: f}
	if raw, _ := t.Raw(key); plainDecimal.MatchString(raw) {
		a.Text = strings.TrimPrefix(strings.ReplaceAll(raw, "_", ""), "+")
	}
	return a
}

// row returns key as len(columns) counts.
func row(t *tomldoc.Table, key string, columns []string) []int {
	out := make([]int, len(columns))
	v, ok := t.Value(key)
	if !ok {
		return out
	}
	arr, ok := v.([]any)
	switch {
	case !ok:
		t.Errorf(key, "%s: want %d numbers (%s), have %s", diag.Key(t.Name(key)), len(columns), strings.Join(columns, ", "), tomldoc.Kind(v))
		return out
	case len(arr) != len(columns):
		t.Errorf(key, "%s: want %d numbers (%s), have %d", diag.Key(t.Name(key)), len(columns), strings.Join(columns, ", "), len(arr))
		return out
	}
	for i, x := range arr {
		n, problem := countOf(x)
		if problem != nil {
			t.Errorf(key, "%s: column %s: %v", diag.Key(t.Name(key)), columns[i], *problem)
		}
		out[i] = n
	}
	return out
}

func row6(t *tomldoc.Table, key string) (r Row) {
	copy(r[:], row(t, key, ApplicantColumns[:6]))
	return r
}

func outcomes(t *tomldoc.Table, key string) (o Outcomes) {
	copy(o[:], row(t, key, OutcomeColumns))
	return o
}

var (
	active2021Keys = []string{"rules", "normative", "licensing", "penalties", "enforcement", "fees"}
	active2019Keys = []string{"rules", "normative", "licensing", "other_services", "penalties", "enforcement", "fees", "procurement"}
)

func (d *decoder) active2021(t *tomldoc.Table) (a Active) {
	docs := func(k string) Documents {
		m := t.Table(k)
		defer m.Unknown()
		return Documents{Issued: count(m, "issued"), Repealed: count(m, "repealed"), InForce: count(m, "in_force")}
	}
	a.Rules = docs("rules")
	a.Normative = docs("normative")
	a.Licensing = count(t, "licensing")
	a.Penalties = count(t, "penalties")
	a.Enforcement = count(t, "enforcement")
	a.Fees = amount(t, "fees", false)
	d.only(t, active2021Keys, active2019Keys)
	return a
}

func (d *decoder) active2019(t *tomldoc.Table) (a Active2019) {
	docs := func(k string) Documents2019 {
		m := t.Table(k)
		defer m.Unknown()
		return Documents2019{Made: count(m, "made"), Published: count(m, "published"), Total: count(m, "total")}
	}
	matters := func(k string) Matters {
		m := t.Table(k)
		defer m.Unknown()
		return Matters{LastYear: count(m, "last_year"), Change: signed(m, "change"), Decisions: count(m, "decisions")}
	}
	a.Rules = docs("rules")
	a.Normative = docs("normative")
	a.Licensing = matters("licensing")
	a.OtherServices = matters("other_services")
	a.Penalties = matters("penalties")
	a.Enforcement = matters("enforcement")
	fees := t.Table("fees")
	a.Fees = Fees2019{LastYear: amount(fees, "last_year", false), Change: amount(fees, "change", true)}
	fees.Unknown()
	p := t.Table("procurement")
	a.Procurement = Procurement{Count: count(p, "count"), Amount: amount(p, "amount", false)}
	// The national table leaves the unit of the amount to the report
	// (元 or 万元): without it the figure means nothing.
	switch unit, ok := p.Str("unit"); {
	case ok && unit != "元" && unit != "万元":
		p.Errorf("unit", "%s: want \"元\" or \"万元\", have %q", p.Name("unit"), unit)
	case ok:
		a.Procurement.Unit = unit
	case !p.Reported("unit") && a.Procurement.Amount.Value != 0:
		p.Errorf("amount", "%s: say its unit too, as the report prints it: unit = \"万元\" or unit = \"元\"", p.Name("amount"))
	}
	p.Unknown()
	d.only(t, active2019Keys, active2021Keys)
	return a
}

func (d *decoder) applications(t *tomldoc.Table, r *Report) (a Applications) {
	a.Received = row6(t, received.key)
	a.CarriedIn = row6(t, carriedIn.key)
	a.Disclosed = row6(t, disclosed.key)
	a.Partly = row6(t, partly.key)
	a.CarriedOut = row6(t, carriedOut.key)
	for _, g := range r.groups() {
		if g.key == "other" {
			a.Other = make([]Row, len(g.rows))
		}
		sub := t.Table(g.key)
		rows := a.groupRows(g.key)
		for i, it := range g.rows {
			rows[i] = row6(sub, it.key)
		}
		var elsewhere []string
		if g.key == "other" {
			elsewhere = keys(other2021.rows)
			if r.Format != Format2019 {
				elsewhere = keys(other2019.rows)
			}
		}
		d.only(sub, keys(g.rows), elsewhere)
	}
	t.Unknown()
	return a
}

func (d *decoder) appeals(t *tomldoc.Table) (a Appeals) {
	a.Review = outcomes(t, "review")
	a.DirectSuit = outcomes(t, "direct_suit")
	a.SuitAfterReview = outcomes(t, "suit_after_review")
	t.Unknown()
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

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// show formats a number for a message, as the editor would write it.
func show(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return string(tomldoc.Kind(v))
}

// list joins words as "a, b or c".
func list(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
