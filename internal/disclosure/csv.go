package disclosure

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// WriteCSV writes one of Tables as CSV: UTF-8 with a byte order mark, so
// spreadsheet programs read the Chinese labels, and CRLF line ends. The
// header rows are flattened into one, spanning labels joined with "/",
// and every label and number is written, computed totals included.
//
// Table 二's blocks have different columns, so it is written one number
// per line: 条款, 信息内容, 指标, 数值.
func (r *Report) WriteCSV(w io.Writer, table string) error {
	var records [][]string
	switch table {
	case "active":
		records = append(records, []string{"条款", "信息内容", "指标", "数值"})
		for _, s := range r.activeSections() {
			for _, row := range s.rows {
				for j, v := range row.cells {
					records = append(records, []string{s.title, row.label, s.columns[j], v})
				}
			}
		}
	case "applications":
		head := []string{"项目", "办理结果", "具体情形"}
		for c, name := range ApplicantColumns {
			if c >= 1 && c <= 5 {
				name = "法人或其他组织/" + name
			}
			head = append(head, "申请人情况/"+name)
		}
		records = append(records, head)
		line := func(row Row, labels ...string) {
			rec := make([]string, 3, 3+len(ApplicantColumns))
			copy(rec, labels)
			for c := range ApplicantColumns {
				rec = append(rec, strconv.Itoa(row.col(c)))
			}
			records = append(records, rec)
		}
		a := &r.Applications
		line(a.Received, received.label)
		line(a.CarriedIn, carriedIn.label)
		line(a.Disclosed, resultHead, disclosed.label)
		line(a.Partly, resultHead, partly.label)
		for _, g := range r.groups() {
			rows := a.groupRows(g.key)
			if len(g.rows) == 1 {
				line(rows[0], resultHead, g.label)
				continue
			}
			for i, it := range g.rows {
				line(rows[i], resultHead, g.label, it.label)
			}
		}
		line(a.Result(), resultHead, resultSum)
		line(a.CarriedOut, carriedOut.label)
	case "appeals":
		var head, nums []string
		for i, o := range r.outcomes() {
			g := appealGroups[i]
			for j, l := range outcomeLabels {
				if g.parent != "" {
					head = append(head, "行政诉讼/"+g.label+"/"+l)
				} else {
					head = append(head, g.label+"/"+l)
				}
				v := o.Total()
				if j < 4 {
					v = o[j]
				}
				nums = append(nums, strconv.Itoa(v))
			}
		}
		records = append(records, head, nums)
	default:
		return fmt.Errorf("unknown disclosure table %q (want %s)", table, list(Tables, "or"))
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	if err := cw.WriteAll(records); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
