package figures

import (
	"html"
	"io"
	"strconv"
	"strings"
)

// HTMLOptions says how a Table is embedded in a page.
type HTMLOptions struct {
	Chart      bool   // also draw one small bar chart per metric
	DatasetURL string // link to the dataset's /data/<key>/ page; "" for none
	CSVURL     string // link to /data/<key>.csv; "" for none
	// ID prefixes every id the table and charts use. It must be unique in the
	// page; "" means "figures-<key>", enough while a page shows a dataset
	// once.
	ID string
}

// WriteHTML writes the table as a <figure>: an accessible <table> in a
// horizontally scrollable region, the charts if asked for, and a
// <figcaption> with the source, the note and the links.
//
// With a single year the change and percent columns are left out: there is
// nothing to compare. Output depends only on t and o.
func (t *Table) WriteHTML(w io.Writer, o HTMLOptions) error {
	d := t.Dataset
	id := htmlID(o.ID, d.Key)
	compare := len(t.Years) >= 2
	var b strings.Builder
	p := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
		}
	}
	e := html.EscapeString

	p(`<figure class="figures" id="`, id, `">`, "\n")
	p(`<div class="table-scroll" role="region" aria-labelledby="`, id, `-caption" tabindex="0">`, "\n")
	p("<table>\n")
	p(`<caption id="`, id, `-caption">`, e(d.Title), "</caption>\n")
	p("<thead>\n<tr>")
	p(`<th scope="col">指标</th><th scope="col">单位</th>`)
	for _, y := range t.Years {
		p(`<th scope="col" class="num">`, strconv.Itoa(y), "年</th>")
	}
	if compare {
		p(`<th scope="col" class="num">`, e(t.ChangeHeader()), "</th>")
		p(`<th scope="col" class="num">`, PercentHeader, "</th>")
	}
	p("</tr>\n</thead>\n<tbody>\n")
	for _, r := range t.Rows {
		p(`<tr><th scope="row">`, e(r.Metric.Label), `</th><td class="unit">`, e(r.Metric.Unit), "</td>")
		for _, c := range r.Values {
			writeCell(&b, c)
		}
		if compare {
			writeCell(&b, r.Change)
			writeCell(&b, r.Percent)
		}
		p("</tr>\n")
	}
	p("</tbody>\n</table>\n</div>\n")

	if o.Chart {
		t.writeCharts(&b, id)
	}

	var caption []string
	if d.Source != "" {
		caption = append(caption, `<p class="source">数据来源：`+e(d.Source)+"</p>\n")
	}
	if d.Note != "" {
		caption = append(caption, `<p class="note">注：`+e(d.Note)+"</p>\n")
	}
	var links []string
	if o.DatasetURL != "" {
		links = append(links, `<a href="`+e(o.DatasetURL)+`">查看数据集</a>`)
	}
	if o.CSVURL != "" {
		links = append(links, `<a href="`+e(o.CSVURL)+`" download>下载 CSV</a>`)
	}
	if len(links) > 0 {
		caption = append(caption, `<p class="links">`+strings.Join(links, " ")+"</p>\n")
	}
	if len(caption) > 0 {
		p("<figcaption>\n")
		p(caption...)
		p("</figcaption>\n")
	}
	p("</figure>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCell(b *strings.Builder, c Cell) {
	switch {
	case c.Missing:
		b.WriteString(`<td class="num missing"><abbr title="无数据">—</abbr></td>`)
	case c.Negative:
		b.WriteString(`<td class="num neg">` + html.EscapeString(c.Text) + "</td>")
	default:
		b.WriteString(`<td class="num">` + html.EscapeString(c.Text) + "</td>")
	}
}

// htmlID makes a usable id prefix: letters, digits, - and _ only.
func htmlID(id, key string) string {
	if id == "" {
		id = "figures-" + key
	}
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '-'
	}, id)
}
