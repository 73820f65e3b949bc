package disclosure

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
)

// HTMLOptions says where a rendered table sits.
type HTMLOptions struct {
	CSVURL string // link to the table's CSV under it; none when empty
	// ID prefixes the ids of the table's header cells, so several tables
	// on one page stay unique. Empty means "disclosure-" + the table name.
	ID string
}

// WriteHTML writes one of Tables as the national format prints it: the
// same labels, numbering and spans, every 总计 computed, zeros shown.
// Header cells are <th> with ids and every number cell lists its headers,
// so a screen reader can say what a number means; the table scrolls inside
// its own box on a narrow screen.
func (r *Report) WriteHTML(w io.Writer, table string, o HTMLOptions) error {
	caption, ok := captions[table]
	if !ok {
		return fmt.Errorf("unknown disclosure table %q (want %s)", table, list(Tables, "or"))
	}
	t := &tableWriter{prefix: o.ID}
	if t.prefix == "" {
		t.prefix = "disclosure-" + table
	}
	t.printf(`<div class="table-scroll" role="region" aria-label="%s" tabindex="0"`, esc(caption))
	if o.ID != "" {
		t.printf(` id="%s"`, esc(o.ID))
	}
	t.printf(">\n<table class=\"disclosure disclosure-%s\">\n<caption>%s</caption>\n", table, esc(caption))
	switch table {
	case "active":
		r.activeHTML(t)
	case "applications":
		r.applicationsHTML(t)
	case "appeals":
		r.appealsHTML(t)
	}
	t.printf("</table>\n</div>\n")
	if o.CSVURL != "" {
		t.printf("<p class=\"table-download\"><a href=\"%s\" download>下载本表 CSV</a></p>\n", esc(o.CSVURL))
	}
	_, err := io.WriteString(w, t.b.String())
	return err
}

func esc(s string) string { return html.EscapeString(s) }

type tableWriter struct {
	b      strings.Builder
	prefix string
}

func (t *tableWriter) printf(format string, args ...any) { fmt.Fprintf(&t.b, format, args...) }

// cell is a <th> or a <td>; ids are local, without the table's prefix.
type cell struct {
	header           bool
	text             string
	id               string
	scope            string
	colspan, rowspan int
	headers          []string // for a <td>
}

func (t *tableWriter) cell(c cell) {
	tag := "td"
	if c.header {
		tag = "th"
	}
	t.printf("<%s", tag)
	if !c.header {
		t.printf(` class="num"`)
	}
	if c.id != "" {
		t.printf(` id="%s"`, esc(t.prefix+"-"+c.id))
	}
	if c.scope != "" {
		t.printf(` scope="%s"`, c.scope)
	}
	if c.colspan > 1 {
		t.printf(` colspan="%d"`, c.colspan)
	}
	if c.rowspan > 1 {
		t.printf(` rowspan="%d"`, c.rowspan)
	}
	if len(c.headers) > 0 {
		ids := make([]string, len(c.headers))
		for i, h := range c.headers {
			ids[i] = t.prefix + "-" + h
		}
		t.printf(` headers="%s"`, esc(strings.Join(ids, " ")))
	}
	t.printf(">%s</%s>", esc(c.text), tag)
}

func (t *tableWriter) row(cells ...cell) {
	t.printf("<tr>")
	for _, c := range cells {
		t.cell(c)
	}
	t.printf("</tr>\n")
}

// An activeSection is one 第二十条 block of table 二.
type activeSection struct {
	title   string   // 第二十条第（一）项
	columns []string // headers after 信息内容
	rows    []activeRow
}

type activeRow struct {
	label string
	cells []string
}

func ints(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

func (r *Report) activeSections() []activeSection {
	if r.Format == Format2019 {
		a := r.Active2019
		docs := []string{"本年新制作数量", "本年新公开数量", "对外公开总数量"}
		matters := []string{"上一年项目数量", "本年增/减", "处理决定数量"}
		m := func(label string, x Matters) activeRow {
			return activeRow{label, ints(x.LastYear, x.Change, x.Decisions)}
		}
		return []activeSection{
			{"第二十条第（一）项", docs, []activeRow{
				{"规章", ints(a.Rules.Made, a.Rules.Published, a.Rules.Total)},
				{"规范性文件", ints(a.Normative.Made, a.Normative.Published, a.Normative.Total)},
			}},
			{"第二十条第（五）项", matters, []activeRow{m("行政许可", a.Licensing), m("其他对外管理服务事项", a.OtherServices)}},
			{"第二十条第（六）项", matters, []activeRow{m("行政处罚", a.Penalties), m("行政强制", a.Enforcement)}},
			{"第二十条第（八）项", []string{"上一年项目数量", "本年增/减"}, []activeRow{
				{"行政事业性收费", []string{a.Fees.LastYear.String(), a.Fees.Change.String()}},
			}},
			{"第二十条第（九）项", []string{"采购项目数量", "采购总金额"}, []activeRow{
				{"政府集中采购", []string{strconv.Itoa(a.Procurement.Count), a.Procurement.Amount.String()}},
			}},
		}
	}
	a := r.Active
	docs := []string{"本年制发件数", "本年废止件数", "现行有效件数"}
	decisions := []string{"本年处理决定数量"}
	return []activeSection{
		{"第二十条第（一）项", docs, []activeRow{
			{"规章", ints(a.Rules.Issued, a.Rules.Repealed, a.Rules.InForce)},
			{"行政规范性文件", ints(a.Normative.Issued, a.Normative.Repealed, a.Normative.InForce)},
		}},
		{"第二十条第（五）项", decisions, []activeRow{{"行政许可", ints(a.Licensing)}}},
		{"第二十条第（六）项", decisions, []activeRow{{"行政处罚", ints(a.Penalties)}, {"行政强制", ints(a.Enforcement)}}},
		{"第二十条第（八）项", []string{"本年收费金额（单位：万元）"}, []activeRow{{"行政事业性收费", []string{a.Fees.String()}}}},
	}
}

// activeHTML writes table 二: four columns, each 第二十条 block a title row,
// a 信息内容 header row and its rows; the last value cell of a row with
// fewer than three values spans the rest.
func (r *Report) activeHTML(t *tableWriter) {
	t.printf("<tbody>\n")
	for i, s := range r.activeSections() {
		sec := fmt.Sprintf("s%d", i+1)
		t.row(cell{header: true, text: s.title, id: sec, scope: "colgroup", colspan: 4})
		head := []cell{{header: true, text: "信息内容", id: sec + "-c0", scope: "col"}}
		for j, c := range s.columns {
			head = append(head, cell{header: true, text: c, id: fmt.Sprintf("%s-c%d", sec, j+1), scope: "col", colspan: span(j, len(s.columns))})
		}
		t.row(head...)
		for k, row := range s.rows {
			rid := fmt.Sprintf("%s-r%d", sec, k+1)
			cells := []cell{{header: true, text: row.label, id: rid, scope: "row"}}
			for j, v := range row.cells {
				cells = append(cells, cell{text: v, colspan: span(j, len(row.cells)),
					headers: []string{sec, rid, fmt.Sprintf("%s-c%d", sec, j+1)}})
			}
			t.row(cells...)
		}
	}
	t.printf("</tbody>\n")
}

// span is the colspan of value column j of n in table 二's three.
func span(j, n int) int {
	if j == n-1 {
		return 4 - n
	}
	return 1
}

// applicantHeaders are the header ids above each of table 三's columns.
func applicantHeaders(c int) []string {
	id := fmt.Sprintf("c%d", c)
	if c >= 1 && c <= 5 {
		return []string{"applicant", "org", id}
	}
	return []string{"applicant", id}
}

// numbers returns a row's seven number cells under the given row headers.
func numbers(r Row, rowHeaders ...string) []cell {
	cells := make([]cell, 7)
	for c := range cells {
		cells[c] = cell{text: strconv.Itoa(r.col(c)), headers: append(append([]string{}, rowHeaders...), applicantHeaders(c)...)}
	}
	return cells
}

func (r *Report) applicationsHTML(t *tableWriter) {
	a := &r.Applications
	t.printf("<thead>\n")
	t.row(cell{header: true, text: identityNote, id: "note", colspan: 3, rowspan: 3},
		cell{header: true, text: "申请人情况", id: "applicant", scope: "colgroup", colspan: 7})
	t.row(cell{header: true, text: "自然人", id: "c0", scope: "col", rowspan: 2},
		cell{header: true, text: "法人或其他组织", id: "org", scope: "colgroup", colspan: 5},
		cell{header: true, text: "总计", id: "c6", scope: "col", rowspan: 2})
	var orgs []cell
	for c := 1; c <= 5; c++ {
		orgs = append(orgs, cell{header: true, text: ApplicantColumns[c], id: fmt.Sprintf("c%d", c), scope: "col"})
	}
	t.row(orgs...)
	t.printf("</thead>\n<tbody>\n")

	top := func(it item, row Row) {
		t.row(append([]cell{{header: true, text: it.label, id: it.key, scope: "row", colspan: 3}}, numbers(row, it.key)...)...)
	}
	top(received, a.Received)
	top(carriedIn, a.CarriedIn)

	groups := r.groups()
	n := 3 // （一）（二）（七）
	for _, g := range groups {
		n += len(g.rows)
	}
	result := cell{header: true, text: resultHead, id: "result", scope: "rowgroup", rowspan: n}
	item2 := func(first []cell, it item, row Row) {
		head := cell{header: true, text: it.label, id: it.key, scope: "row", colspan: 2}
		t.row(append(append(first, head), numbers(row, "result", it.key)...)...)
	}
	item2([]cell{result}, disclosed, a.Disclosed)
	item2(nil, partly, a.Partly)
	for _, g := range groups {
		rows := a.groupRows(g.key)
		if len(g.rows) == 1 {
			item2(nil, item{g.key, g.label}, rows[0])
			continue
		}
		for i, it := range g.rows {
			var cells []cell
			if i == 0 {
				cells = append(cells, cell{header: true, text: g.label, id: g.key, scope: "rowgroup", rowspan: len(g.rows)})
			}
			id := g.key + "-" + it.key
			cells = append(cells, cell{header: true, text: it.label, id: id, scope: "row"})
			t.row(append(cells, numbers(rows[i], "result", g.key, id)...)...)
		}
	}
	item2(nil, item{"total", resultSum}, a.Result())
	top(carriedOut, a.CarriedOut)
	t.printf("</tbody>\n")
}

// appealGroups are table 四's three groups, with their parent header.
var appealGroups = []struct {
	id, parent, label string
}{
	{"review", "", "行政复议"},
	{"direct", "suit", "未经复议直接起诉"},
	{"after", "suit", "复议后起诉"},
}

func (r *Report) outcomes() []Outcomes {
	return []Outcomes{r.Appeals.Review, r.Appeals.DirectSuit, r.Appeals.SuitAfterReview}
}

// outcomeLabels are the five columns of each group of table 四.
var outcomeLabels = append(append([]string{}, OutcomeColumns...), "总计")

func (r *Report) appealsHTML(t *tableWriter) {
	t.printf("<thead>\n")
	t.row(cell{header: true, text: "行政复议", id: "review", scope: "colgroup", colspan: 5},
		cell{header: true, text: "行政诉讼", id: "suit", scope: "colgroup", colspan: 10})
	var second, third []cell
	for j, l := range outcomeLabels {
		second = append(second, cell{header: true, text: l, id: fmt.Sprintf("review-%d", j), scope: "col", rowspan: 2})
	}
	for _, g := range appealGroups[1:] {
		second = append(second, cell{header: true, text: g.label, id: g.id, scope: "colgroup", colspan: 5})
		for j, l := range outcomeLabels {
			third = append(third, cell{header: true, text: l, id: fmt.Sprintf("%s-%d", g.id, j), scope: "col"})
		}
	}
	t.row(second...)
	t.row(third...)
	t.printf("</thead>\n<tbody>\n")
	var cells []cell
	for i, o := range r.outcomes() {
		g := appealGroups[i]
		for j := range 5 {
			v := o.Total()
			if j < 4 {
				v = o[j]
			}
			hs := []string{g.id, fmt.Sprintf("%s-%d", g.id, j)}
			if g.parent != "" {
				hs = append([]string{g.parent}, hs...)
			}
			cells = append(cells, cell{text: strconv.Itoa(v), headers: hs})
		}
	}
	t.row(cells...)
	t.printf("</tbody>\n")
}
