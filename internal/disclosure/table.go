package disclosure

import (
	"fmt"
	"strconv"
)

// Table is one of Tables laid out as the national format prints it: the
// same labels, numbering and spans, every 总计 computed, zeros shown. The
// theme's disclosure.html writes it as HTML. Header cells have ids and
// every number cell lists the ids of its headers, so that a screen reader
// can say what a number means.
type Table struct {
	Name    string // one of Tables
	Caption string // the section title: 三、收到和处理政府信息公开申请情况
	Parts   []Part // <thead> then <tbody>; table 二 has no head
}

// Part is a table's head or its body.
type Part struct {
	Head bool
	Rows [][]Cell
}

// Cell is a header cell (<th>) or a number (<td>). Ids are local to the
// table: a page showing several tables must prefix them.
type Cell struct {
	Header           bool
	Text             string
	ID               string   // of a header cell
	Scope            string   // of a header cell: row, col, rowgroup, colgroup
	Colspan, Rowspan int      // 0 or 1: no span
	Headers          []string // of a number: the ids of its header cells
}

// Table lays out the table with the given name, one of Tables.
func (r *Report) Table(name string) (*Table, error) {
	caption, ok := captions[name]
	if !ok {
		return nil, fmt.Errorf("unknown disclosure table %q (want %s)", name, list(Tables, "or"))
	}
	t := &Table{Name: name, Caption: caption}
	switch name {
	case "active":
		r.activeTable(t)
	case "applications":
		r.applicationsTable(t)
	case "appeals":
		r.appealsTable(t)
	}
	return t, nil
}

// part starts the table's head or body.
func (t *Table) part(head bool) { t.Parts = append(t.Parts, Part{Head: head}) }

// row adds a row to the part begun last.
func (t *Table) row(cells ...Cell) {
	p := &t.Parts[len(t.Parts)-1]
	p.Rows = append(p.Rows, cells)
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
			{"第二十条第（九）项", []string{"采购项目数量", procurementHeader(a.Procurement.Unit)}, []activeRow{
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

// activeTable lays out table 二: four columns, each 第二十条 block a title row,
// a 信息内容 header row and its rows; the last value cell of a row with
// fewer than three values spans the rest.
func (r *Report) activeTable(t *Table) {
	t.part(false)
	for i, s := range r.activeSections() {
		sec := fmt.Sprintf("s%d", i+1)
		t.row(Cell{Header: true, Text: s.title, ID: sec, Scope: "colgroup", Colspan: 4})
		head := []Cell{{Header: true, Text: "信息内容", ID: sec + "-c0", Scope: "col"}}
		for j, c := range s.columns {
			head = append(head, Cell{Header: true, Text: c, ID: fmt.Sprintf("%s-c%d", sec, j+1), Scope: "col", Colspan: span(j, len(s.columns))})
		}
		t.row(head...)
		for k, row := range s.rows {
			rid := fmt.Sprintf("%s-r%d", sec, k+1)
			cells := []Cell{{Header: true, Text: row.label, ID: rid, Scope: "row"}}
			for j, v := range row.cells {
				cells = append(cells, Cell{Text: v, Colspan: span(j, len(row.cells)),
					Headers: []string{sec, rid, fmt.Sprintf("%s-c%d", sec, j+1)}})
			}
			t.row(cells...)
		}
	}
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
func numbers(r Row, rowHeaders ...string) []Cell {
	cells := make([]Cell, 7)
	for c := range cells {
		cells[c] = Cell{Text: strconv.Itoa(r.col(c)), Headers: append(append([]string{}, rowHeaders...), applicantHeaders(c)...)}
	}
	return cells
}

func (r *Report) applicationsTable(t *Table) {
	a := &r.Applications
	t.part(true)
	t.row(Cell{Header: true, Text: identityNote, ID: "note", Colspan: 3, Rowspan: 3},
		Cell{Header: true, Text: "申请人情况", ID: "applicant", Scope: "colgroup", Colspan: 7})
	t.row(Cell{Header: true, Text: "自然人", ID: "c0", Scope: "col", Rowspan: 2},
		Cell{Header: true, Text: "法人或其他组织", ID: "org", Scope: "colgroup", Colspan: 5},
		Cell{Header: true, Text: "总计", ID: "c6", Scope: "col", Rowspan: 2})
	var orgs []Cell
	for c := 1; c <= 5; c++ {
		orgs = append(orgs, Cell{Header: true, Text: ApplicantColumns[c], ID: fmt.Sprintf("c%d", c), Scope: "col"})
	}
	t.row(orgs...)
	t.part(false)

	top := func(it item, row Row) {
		t.row(append([]Cell{{Header: true, Text: it.label, ID: it.key, Scope: "row", Colspan: 3}}, numbers(row, it.key)...)...)
	}
	top(received, a.Received)
	top(carriedIn, a.CarriedIn)

	groups := r.groups()
	n := 3 // （一）（二）（七）
	for _, g := range groups {
		n += len(g.rows)
	}
	result := Cell{Header: true, Text: resultHead, ID: "result", Scope: "rowgroup", Rowspan: n}
	item2 := func(first []Cell, it item, row Row) {
		head := Cell{Header: true, Text: it.label, ID: it.key, Scope: "row", Colspan: 2}
		t.row(append(append(first, head), numbers(row, "result", it.key)...)...)
	}
	item2([]Cell{result}, disclosed, a.Disclosed)
	item2(nil, partly, a.Partly)
	for _, g := range groups {
		rows := a.groupRows(g.key)
		if len(g.rows) == 1 {
			item2(nil, item{g.key, g.label}, rows[0])
			continue
		}
		for i, it := range g.rows {
			var cells []Cell
			if i == 0 {
				cells = append(cells, Cell{Header: true, Text: g.label, ID: g.key, Scope: "rowgroup", Rowspan: len(g.rows)})
			}
			id := g.key + "-" + it.key
			cells = append(cells, Cell{Header: true, Text: it.label, ID: id, Scope: "row"})
			t.row(append(cells, numbers(rows[i], "result", g.key, id)...)...)
		}
	}
	item2(nil, item{"total", resultSum}, a.Result())
	top(carriedOut, a.CarriedOut)
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

func (r *Report) appealsTable(t *Table) {
	t.part(true)
	t.row(Cell{Header: true, Text: "行政复议", ID: "review", Scope: "colgroup", Colspan: 5},
		Cell{Header: true, Text: "行政诉讼", ID: "suit", Scope: "colgroup", Colspan: 10})
	var second, third []Cell
	for j, l := range outcomeLabels {
		second = append(second, Cell{Header: true, Text: l, ID: fmt.Sprintf("review-%d", j), Scope: "col", Rowspan: 2})
	}
	for _, g := range appealGroups[1:] {
		second = append(second, Cell{Header: true, Text: g.label, ID: g.id, Scope: "colgroup", Colspan: 5})
		for j, l := range outcomeLabels {
			third = append(third, Cell{Header: true, Text: l, ID: fmt.Sprintf("%s-%d", g.id, j), Scope: "col"})
		}
	}
	t.row(second...)
	t.row(third...)
	t.part(false)
	var cells []Cell
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
			cells = append(cells, Cell{Text: strconv.Itoa(v), Headers: hs})
		}
	}
	t.row(cells...)
}

// procurementHeader is the 采购总金额 column's heading, with the unit the
// report gives its amount in: 采购总金额（万元）.
func procurementHeader(unit string) string {
	if unit == "" {
		return "采购总金额"
	}
	return "采购总金额（" + unit + "）"
}
