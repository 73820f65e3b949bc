package figures

import "strconv"

// The charts are plain SVG, one per metric with a bar per year, so they need
// no script and print well. Every bar carries its value as text: a reader
// never has to estimate a height, and the table holds the same figures for
// screen readers. The theme's figures.html draws them; Charts computes
// where everything goes.

// Chart geometry, in px.
const (
	chartSlot   = 64  // horizontal room per year
	chartBar    = 36  // bar width
	chartPad    = 8   // left and right padding
	chartTop    = 20  // room above the plot for positive value labels
	chartPlot   = 120 // height of the plot
	chartBelow  = 18  // room under the plot for negative value labels
	chartLabels = 20  // room for the year labels
)

// Chart is the geometry of one metric's bar chart, in px, with y growing
// downwards: the zero axis runs from Left to Right at Zero.
type Chart struct {
	N             int // 1-based, in the order of the table's rows
	Metric        Metric
	Width, Height int
	BarWidth      int
	Left, Right   int
	Zero          Px
	Bars          []Bar // one per year of the table
}

// Bar is one year of a Chart. Its rectangle is BarWidth wide at X, Y and
// Height high, above the axis or, when Negative, below it; when Missing
// there is none. Its value label (Value, or a dash when Missing) is
// centred on Mid at LabelY, and the year under the plot at YearY.
type Bar struct {
	Year              int
	Value             string // as the table shows it
	Missing, Negative bool
	Mid, LabelY       Px
	X, Y, Height      Px
	YearY             Px
}

// Px is a length in px. It prints rounded to a tenth of a pixel: enough
// for drawing, and the same text on every machine.
type Px float64

func (p Px) String() string { return strconv.FormatFloat(float64(p), 'f', 1, 64) }

// Charts lays out a bar chart per row of the table. Each chart has its own
// scale, from the smallest value (or 0) to the largest (or 0).
func (t *Table) Charts() []Chart {
	charts := make([]Chart, len(t.Rows))
	for i, r := range t.Rows {
		charts[i] = t.chart(i+1, r.Metric)
	}
	return charts
}

func (t *Table) chart(n int, m Metric) Chart {
	d := t.Dataset
	lo, hi := 0.0, 0.0
	for _, y := range t.Years {
		if n, ok := d.Value(y, m.Key); ok {
			lo, hi = min(lo, n.Float64()), max(hi, n.Float64())
		}
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	width := 2*chartPad + chartSlot*len(t.Years)
	c := Chart{
		N: n, Metric: m, Width: width, Height: chartTop + chartPlot + chartBelow + chartLabels,
		BarWidth: chartBar, Left: chartPad, Right: width - chartPad, Zero: Px(chartTop + chartPlot*hi/span),
	}
	for i, y := range t.Years {
		mid := Px(chartPad + chartSlot*i + chartSlot/2)
		b := Bar{Year: y, Mid: mid, X: mid - chartBar/2, YearY: Px(c.Height - 6)}
		n, ok := d.Value(y, m.Key)
		switch {
		case !ok:
			b.Missing, b.Value, b.LabelY = true, missingText, c.Zero-4
		case n.Sign() < 0:
			b.Negative, b.Value = true, n.String()
			b.Height = Px(chartPlot * -n.Float64() / span)
			b.Y, b.LabelY = c.Zero, c.Zero+b.Height+14
		default:
			b.Value = n.String()
			b.Height = Px(chartPlot * n.Float64() / span)
			b.Y, b.LabelY = c.Zero-b.Height, c.Zero-b.Height-4
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}
