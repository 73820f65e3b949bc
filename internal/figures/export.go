package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
)

// WriteCSV writes the whole dataset as its year-over-year table: UTF-8 with
// a byte-order mark and CRLF line ends, so Excel opens it as it is. Missing
// values are empty cells.
func (d *Dataset) WriteCSV(w io.Writer) error {
	t, err := d.Table(nil, nil)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	header := []string{"指标", "单位"}
	for _, y := range t.Years {
		header = append(header, strconv.Itoa(y))
	}
	header = append(header, t.ChangeHeader(), PercentHeader)
	cw.Write(header)
	for _, r := range t.Rows {
		rec := []string{csvSafe(r.Metric.Label), csvSafe(r.Metric.Unit)}
		for _, c := range r.Values {
			rec = append(rec, csvCell(c))
		}
		rec = append(rec, csvCell(r.Change), csvCell(r.Percent))
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func csvCell(c Cell) string {
	if c.Missing {
		return ""
	}
	return csvSafe(c.Text)
}

var plainNumberRE = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?%?$`)

// csvSafe keeps a spreadsheet from running a cell as a formula (CSV
// injection): a cell starting with = + - @, tab or CR gets a leading ',
// unless it is a plain number such as -3 or +25.8%.
func csvSafe(s string) string {
	if s == "" || plainNumberRE.MatchString(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// WriteJSON writes the dataset as indented JSON with a fixed key order:
//
//	{"key": …, "title": …, "source": …, "note": …,
//	 "metrics": [{"key": …, "label": …, "unit": …}, …],
//	 "years": {"2020": {"county_projects": 31, …}, …}}
//
// Values are JSON numbers exactly as typed; metrics within a year follow
// the declared order and a missing value is left out.
func (d *Dataset) WriteJSON(w io.Writer) error {
	type metric struct {
		Key   string `json:"key"`
		Label string `json:"label"`
		Unit  string `json:"unit"`
	}
	doc := struct {
		Key     string      `json:"key"`
		Title   string      `json:"title"`
		Source  string      `json:"source"`
		Note    string      `json:"note"`
		Metrics []metric    `json:"metrics"`
		Years   orderedJSON `json:"years"`
	}{Key: d.Key, Title: d.Title, Source: d.Source, Note: d.Note, Metrics: []metric{}}
	for _, m := range d.Metrics {
		doc.Metrics = append(doc.Metrics, metric{m.Key, m.Label, m.Unit})
	}
	for _, y := range d.Years {
		var values orderedJSON
		for _, m := range d.Metrics {
			if n, ok := d.Value(y, m.Key); ok {
				values = append(values, member{m.Key, n})
			}
		}
		doc.Years = append(doc.Years, member{strconv.Itoa(y), values})
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// orderedJSON is a JSON object whose members keep their order.
type orderedJSON []member

type member struct {
	name  string
	value any
}

func (o orderedJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
