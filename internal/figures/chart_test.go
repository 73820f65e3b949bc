package figures

import (
	"fmt"
	"testing"
)

func TestCharts(t *testing.T) {
	d := decodeOK(t, scienceProjects)
	d.Values[2021]["industry"] = num(t, "-4")
	tab, err := d.Table([]string{"industry", "county_funds", "county_projects"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	charts := tab.Charts()
	// One chart per unit, in the order the units come: 项 and 万元 never
	// share a scale (issue 13).
	if len(charts) != 2 || charts[0].Unit != "项" || charts[1].Unit != "万元" {
		t.Fatalf("have %d charts %+v, want one for 项 then one for 万元", len(charts), charts)
	}
	items, funds := charts[0], charts[1]
	if have := []string{items.Metrics[0].Metric.Key, items.Metrics[1].Metric.Key}; fmt.Sprint(have) != "[industry county_projects]" {
		t.Errorf("项 chart: have metrics %v, want industry and county_projects in the table's order", have)
	}
	industry, projects := items.Metrics[0], items.Metrics[1]
	for _, tt := range []struct {
		name       string
		have, want any
	}{
		{"numbered from 1", []int{items.N, funds.N}, []int{1, 2}},
		{"size", []int{items.Width, items.Height, funds.Height}, []int{320, 182, 104}},
		// The scale runs from -4 to 39: the axis sits 4/43 of the way along
		// the 240.2 px between the years and the room for values.
		{"axis", items.Zero, "78.3"},
		{"label", industry.Lines, []ChartLine{{Text: "其中：工业", Y: 40}}},
		// 2020 has no industry figure: no bar, a dash right of the axis.
		{"missing", industry.Bars[0], Bar{Year: "2020年", Value: "—", Missing: true, Y: 50, YearX: 50, ValueX: 83.3, TextY: 62.9}},
		// A negative bar hangs left of the axis; its value is written right of it.
		{"negative", industry.Bars[1], Bar{Year: "2021年", Value: "-4", Negative: true, X: 56, Y: 74, Width: 22.3, Height: 16, YearX: 50, ValueX: 83.3, TextY: 86.9}},
		// The longest bar reaches the end of the scale, leaving room for its value.
		{"longest", projects.Bars[1], Bar{Year: "2021年", Value: "39", X: 78.3, Y: 152, Width: 217.9, Height: 16, YearX: 50, ValueX: 301.2, TextY: 164.9}},
	} {
		if have, want := fmtAny(tt.have), fmtAny(tt.want); have != want {
			t.Errorf("%s: have %s, want %s", tt.name, have, want)
		}
	}
	// One scale per chart, starting at zero: every bar's length is its
	// value times the same factor.
	for _, c := range charts {
		scale := 0.0
		for _, m := range c.Metrics {
			for _, b := range m.Bars {
				if b.Missing {
					continue
				}
				v, _ := d.Value(yearOf(t, b.Year), m.Metric.Key)
				f := float64(b.Width) / abs(v.Float64())
				if scale == 0 {
					scale = f
				}
				if diff := f - scale; diff > 0.01 || diff < -0.01 {
					t.Errorf("chart %s: %s %s is %.1f px for %s, off the chart's scale of %.3f px per unit", c.Unit, m.Metric.Label, b.Year, float64(b.Width), b.Value, scale)
				}
			}
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width float64
		want  string
	}{
		{"县级科技计划项目", 320, "[县级科技计划项目]"},
		{"聘法律专业职工为单位法律顾问", 70, "[聘法律专业 职工为单位 法律顾问]"},
		{"", 70, "[]"},
	} {
		if have := fmt.Sprint(wrap(tt.in, tt.width)); have != tt.want {
			t.Errorf("wrap(%q, %v): have %s, want %s", tt.in, tt.width, have, tt.want)
		}
	}
}

func yearOf(t *testing.T, label string) int {
	t.Helper()
	var y int
	if _, err := fmt.Sscanf(label, "%d年", &y); err != nil {
		t.Fatalf("year label %q: %v", label, err)
	}
	return y
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func fmtAny(v any) string { return fmt.Sprintf("%+v", v) }
