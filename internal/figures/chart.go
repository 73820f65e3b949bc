package figures

import (
	"strconv"
	"unicode/utf8"
)

// The charts are plain SVG, so they need no script and print well. A chart
// compares like with like: there is one per unit of the table's metrics
// (项 and 万元 never share a scale), and in it every metric of that unit is
// drawn on one scale that starts at zero, so a bar twice as long is a
// figure twice as large. The bars are horizontal: a metric's name on its
// own line, then a bar per year with the year before it and the value
// after it. Names and values are text a reader never has to estimate, a
// phone only makes the chart taller, and no colour has to be told apart.
// The table above holds the same figures for screen readers, and the
// chart's description repeats them. The theme's figures.html draws the
// charts; Charts computes where everything goes.

// Chart geometry, in px at the chart's natural size. A chart is
// chartWidth wide, narrow enough for a phone 360 px wide.
const (
	chartWidth    = 320
	chartFont     = 14 // font size of every text
	chartLine     = 20 // height of a line of a metric's name
	chartRow      = 24 // height of a year's bar row
	chartBar      = 16 // thickness of a bar
	chartYears    = 56 // room for the year labels, left of the bars
	chartGap      = 10 // between two metrics
	chartValueGap = 5  // between a bar's end and its value
)

// Chart is the geometry of the bar chart of the table's metrics of one
// unit, in px, with y growing downwards. The zero axis is the vertical
// line at x = Zero; UnitY is the baseline of the line naming the unit.
type Chart struct {
	N             int    // 1-based, in the order of the units' first rows
	Unit          string // "" for metrics without a unit
	Width, Height int
	UnitY         Px
	Zero          Px
	Metrics       []ChartMetric // in the table's order
}

// ChartMetric is one metric of a Chart: its name, in Lines, then a bar per
// year of the table. The zero axis runs beside its bars from Top to Bottom.
type ChartMetric struct {
	Metric      Metric
	Lines       []ChartLine // the name, wrapped to the chart's width
	Top, Bottom Px
	Bars        []Bar // one per year of the table
}

// ChartLine is a line of text starting at x = 0 with its baseline at Y.
type ChartLine struct {
	Text string
	Y    Px
}

// Bar is one year of a ChartMetric. Its rectangle is X, Y, Width, Height;
// when Missing there is none. The year's label ends at YearX and the value
// label (Value, or a dash when Missing) starts at ValueX, both on the
// baseline TextY. A negative bar reaches left of the axis and its value
// is written right of the axis, in its own row.
type Bar struct {
	Year                string
	Value               string // as the table shows it
	Missing, Negative   bool
	X, Y, Width, Height Px
	YearX, ValueX       Px
	TextY               Px
}

// Px is a length in px. It prints rounded to a tenth of a pixel: enough
// for drawing, and the same text on every machine.
type Px float64

func (p Px) String() string { return strconv.FormatFloat(float64(p), 'f', 1, 64) }

// Charts lays out a bar chart per unit of the table's rows, in the order
// in which the units first appear. Each chart has one scale for all its
// metrics, from zero (or the smallest value, when negative) to the largest
// value (or zero).
func (t *Table) Charts() []Chart {
	var units []string
	rows := map[string][]Row{}
	for _, r := range t.Rows {
		u := r.Metric.Unit
		if _, ok := rows[u]; !ok {
			units = append(units, u)
		}
		rows[u] = append(rows[u], r)
	}
	charts := make([]Chart, len(units))
	for i, u := range units {
		charts[i] = t.chart(i+1, u, rows[u])
	}
	return charts
}

func (t *Table) chart(n int, unit string, rows []Row) Chart {
	d := t.Dataset
	lo, hi := 0.0, 0.0
	room := 0.0 // for the widest value label
	for _, r := range rows {
		for _, y := range t.Years {
			v, ok := d.Value(y, r.Metric.Key)
			if !ok {
				continue
			}
			lo, hi = min(lo, v.Float64()), max(hi, v.Float64())
			room = max(room, textWidth(v.String()))
		}
	}
	room = max(room, textWidth(missingText)) + chartValueGap + 2
	plot := chartWidth - chartYears - room // the length of the whole scale
	span := hi - lo
	if span == 0 {
		span = 1
	}
	c := Chart{N: n, Unit: unit, Width: chartWidth, UnitY: chartFont + 2, Zero: Px(chartYears + plot*-lo/span)}
	y := Px(chartFont + 2 + 10) // below the unit's line
	for _, r := range rows {
		m := ChartMetric{Metric: r.Metric}
		for _, line := range wrap(r.Metric.Label, chartWidth) {
			m.Lines = append(m.Lines, ChartLine{Text: line, Y: y + chartFont})
			y += chartLine
		}
		m.Top = y + 2
		for _, year := range t.Years {
			b := Bar{Year: strconv.Itoa(year) + "年", YearX: chartYears - 6, TextY: y + chartRow/2 + chartFont*0.35}
			b.Y, b.Height = y+(chartRow-chartBar)/2, chartBar
			v, ok := d.Value(year, r.Metric.Key)
			switch {
			case !ok:
				b.Missing, b.Value, b.Height = true, missingText, 0
				b.ValueX = c.Zero + chartValueGap
			case v.Sign() < 0:
				b.Negative, b.Value = true, v.String()
				b.Width = Px(plot * -v.Float64() / span)
				b.X, b.ValueX = c.Zero-b.Width, c.Zero+chartValueGap
			default:
				b.Value = v.String()
				b.Width = Px(plot * v.Float64() / span)
				b.X, b.ValueX = c.Zero, c.Zero+b.Width+chartValueGap
			}
			m.Bars = append(m.Bars, b)
			y += chartRow
		}
		m.Bottom = y - 2
		c.Metrics = append(c.Metrics, m)
		y += chartGap
	}
	c.Height = int(y)
	return c
}

// textWidth estimates the width of s in px at chartFont: a CJK or other
// wide character is a full em, anything else about 0.6 of one.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) float64 {
	if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
		return chartFont
	}
	return chartFont * 0.6
}

// wrap breaks s into lines no wider than width, between any two
// characters, as Chinese text breaks.
func wrap(s string, width float64) []string {
	var lines []string
	line, w := []rune{}, 0.0
	for _, r := range s {
		rw := runeWidth(r)
		if w+rw > width && len(line) > 0 {
			lines = append(lines, string(line))
			line, w = line[:0:0], 0
		}
		line = append(line, r)
		w += rw
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, string(line))
	}
	return lines
}
