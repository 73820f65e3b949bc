package figures

import (
	"html"
	"strconv"
	"strings"
)

// The charts are plain SVG, one per metric with a bar per year, so they need
// no script and print well. Every bar carries its value as text: a reader
// never has to estimate a height, and the table above holds the same
// figures for screen readers, which get a one-line summary in <desc>.

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

// Colours meet WCAG contrast against white: text 4.5:1 or more, bars 3:1
// or more (#1d4f91 ≈ 8.5:1, #a4262c ≈ 7:1).
const (
	colourBar      = "#1d4f91"
	colourNegative = "#a4262c"
	colourText     = "#1a1a1a"
	colourAxis     = "#595959"
)

func (t *Table) writeCharts(b *strings.Builder, id string) {
	b.WriteString(`<div class="figures-charts">` + "\n")
	for i, r := range t.Rows {
		t.writeChart(b, id+"-chart-"+strconv.Itoa(i+1), r.Metric)
	}
	b.WriteString("</div>\n")
}

func (t *Table) writeChart(b *strings.Builder, id string, m Metric) {
	e := html.EscapeString
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
	zero := chartTop + chartPlot*hi/span
	width := 2*chartPad + chartSlot*len(t.Years)
	height := chartTop + chartPlot + chartBelow + chartLabels

	name := m.Label
	if m.Unit != "" {
		name += "（" + m.Unit + "）"
	}
	var desc []string
	for _, y := range t.Years {
		if n, ok := d.Value(y, m.Key); ok {
			desc = append(desc, strconv.Itoa(y)+"年："+n.String()+m.Unit)
		} else {
			desc = append(desc, strconv.Itoa(y)+"年：无数据")
		}
	}

	b.WriteString(`<svg class="figures-chart" role="img" aria-labelledby="` + id + `-title ` + id + `-desc"` +
		` viewBox="0 0 ` + itoa(width) + " " + itoa(height) + `" width="` + itoa(width) + `" height="` + itoa(height) + `"` +
		` font-family="sans-serif" font-size="12">` + "\n")
	b.WriteString(`<title id="` + id + `-title">` + e(name) + "</title>\n")
	b.WriteString(`<desc id="` + id + `-desc">` + e(strings.Join(desc, "；")) + "</desc>\n")
	for i, y := range t.Years {
		mid := float64(chartPad + chartSlot*i + chartSlot/2)
		x := mid - chartBar/2
		n, ok := d.Value(y, m.Key)
		switch {
		case !ok:
			text(b, mid, zero-4, colourText, missingText)
		case n.Sign() < 0:
			h := chartPlot * -n.Float64() / span
			rect(b, x, zero, h, colourNegative)
			text(b, mid, zero+h+14, colourText, n.String())
		default:
			h := chartPlot * n.Float64() / span
			rect(b, x, zero-h, h, colourBar)
			text(b, mid, zero-h-4, colourText, n.String())
		}
		text(b, mid, float64(height-6), colourText, strconv.Itoa(y))
	}
	b.WriteString(`<line x1="` + itoa(chartPad) + `" x2="` + itoa(width-chartPad) + `" y1="` + ftoa(zero) + `" y2="` + ftoa(zero) +
		`" stroke="` + colourAxis + `" stroke-width="1"/>` + "\n")
	b.WriteString("</svg>\n")
}

func rect(b *strings.Builder, x, y, h float64, fill string) {
	b.WriteString(`<rect x="` + ftoa(x) + `" y="` + ftoa(y) + `" width="` + itoa(chartBar) + `" height="` + ftoa(h) + `" fill="` + fill + `"/>` + "\n")
}

func text(b *strings.Builder, x, y float64, fill, s string) {
	b.WriteString(`<text x="` + ftoa(x) + `" y="` + ftoa(y) + `" text-anchor="middle" fill="` + fill + `">` + html.EscapeString(s) + "</text>\n")
}

func itoa(i int) string { return strconv.Itoa(i) }

// ftoa rounds to a tenth of a pixel: enough for drawing, and the same text
// on every machine.
func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
