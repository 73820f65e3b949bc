package figures

import (
	"slices"
	"strconv"

	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

// Table is the year-over-year table of some metrics of a dataset over some
// of its years.
type Table struct {
	Dataset *Dataset
	Years   []int // ascending
	Rows    []Row
}

// Row is one metric's line of a Table.
type Row struct {
	Metric  Metric
	Values  []Cell // one per year of the table
	Change  Cell   // 较上年增减: last year minus the one before it
	Percent Cell   // 增幅: Change in percent of the earlier value
}

// Cells are the row's values, and with compare its change and percent.
func (r Row) Cells(compare bool) []Cell {
	if !compare {
		return r.Values
	}
	return append(r.Values[:len(r.Values):len(r.Values)], r.Change, r.Percent)
}

// Cell is one formatted figure.
type Cell struct {
	Text     string // "—" when missing
	Missing  bool
	Negative bool
}

// missingText stands for a value that is not there; never "0".
const missingText = "—"

var missing = Cell{Text: missingText, Missing: true}

// Table selects metrics (in the order given) and years (shown ascending)
// of d; nil or empty selects all. An unknown metric or year is an error
// naming it.
func (d *Dataset) Table(metrics []string, years []int) (*Table, error) {
	t := &Table{Dataset: d}
	if len(years) == 0 {
		t.Years = slices.Clone(d.Years)
	} else {
		for _, y := range years {
			if _, ok := d.Values[y]; !ok {
				return nil, diag.Errorf("", 0, "dataset %q has no year %d", d.Key, y)
			}
		}
		t.Years = slices.Compact(slices.Sorted(slices.Values(years)))
	}
	var ms []Metric
	if len(metrics) == 0 {
		ms = d.Metrics
	}
	for _, k := range metrics {
		m, ok := d.Metric(k)
		if !ok {
			if hint := tomldoc.Closest(k, d.metricKeys()); hint != "" {
				return nil, diag.Errorf("", 0, "unknown metric %q in dataset %q (did you mean %q?)", k, d.Key, hint)
			}
			return nil, diag.Errorf("", 0, "unknown metric %q in dataset %q", k, d.Key)
		}
		ms = append(ms, m)
	}
	for _, m := range ms {
		t.Rows = append(t.Rows, d.row(m, t.Years))
	}
	return t, nil
}

func (d *Dataset) row(m Metric, years []int) Row {
	r := Row{Metric: m, Change: missing, Percent: missing}
	for _, y := range years {
		if n, ok := d.Value(y, m.Key); ok {
			r.Values = append(r.Values, Cell{Text: n.String(), Negative: n.Sign() < 0})
		} else {
			r.Values = append(r.Values, missing)
		}
	}
	if len(years) < 2 {
		return r
	}
	prev, ok1 := d.Value(years[len(years)-2], m.Key)
	last, ok2 := d.Value(years[len(years)-1], m.Key)
	if !ok1 || !ok2 {
		return r
	}
	r.Change, r.Percent = Compare(prev, last)
	return r
}

// Compare formats the change from prev to last and its percent of prev:
// "+8" and "+25.8%", "-3" and "-0.5%", "0" and "0.0%". The percent is
// rounded half away from zero to one decimal and is missing when prev is 0;
// it is taken of |prev|, so its sign is always the change's.
func Compare(prev, last Number) (change, pct Cell) {
	diff, ok := last.Sub(prev)
	if !ok {
		return missing, missing
	}
	change = Cell{Text: signed(diff.String(), diff.Sign()), Negative: diff.Sign() < 0}
	text, sign, ok := percent(diff, prev)
	if !ok {
		return change, missing
	}
	return change, Cell{Text: signed(text, sign) + "%", Negative: sign < 0}
}

// signed puts the sign of a nonzero figure in front of its magnitude.
func signed(s string, sign int) string {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	switch sign {
	case 1:
		return "+" + s
	case -1:
		return "-" + s
	}
	return s
}

// ChangeHeader is the heading of the change column: 较上年增减 when the last
// two years are consecutive, else 较<year>年增减 naming the earlier one.
func (t *Table) ChangeHeader() string {
	return changeHeader(t.Years)
}

func changeHeader(years []int) string {
	if n := len(years); n >= 2 && years[n-1]-years[n-2] != 1 {
		return "较" + strconv.Itoa(years[n-2]) + "年增减"
	}
	return "较上年增减"
}

// PercentHeader is the heading of the percent column.
const PercentHeader = "增幅"
