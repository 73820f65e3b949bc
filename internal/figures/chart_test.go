package figures

import (
	"fmt"
	"testing"
)

func TestCharts(t *testing.T) {
	d := decodeOK(t, scienceProjects)
	d.Values[2021]["industry"] = num(t, "-4")
	tab, err := d.Table([]string{"industry", "county_projects"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	charts := tab.Charts()
	if len(charts) != 2 {
		t.Fatalf("have %d charts, want one per metric", len(charts))
	}
	neg, pos := charts[0], charts[1]
	for _, tt := range []struct {
		name       string
		have, want any
	}{
		{"numbered from 1", []int{neg.N, pos.N}, []int{1, 2}},
		{"size", []int{pos.Width, pos.Height, pos.BarWidth}, []int{144, 178, 36}},
		{"axis", []any{pos.Left, pos.Right, pos.Zero}, []any{8, 136, "140.0"}},
		// 2020 has no industry figure: no bar, a dash just above the axis.
		{"missing", neg.Bars[0], Bar{Year: 2020, Value: "—", Missing: true, Mid: 40, X: 22, LabelY: 16, YearY: 172}},
		// Only a negative value: the axis is at the top, the bar hangs below.
		{"negative", neg.Bars[1], Bar{Year: 2021, Value: "-4", Negative: true, Mid: 104, X: 86, Y: 20, Height: 120, LabelY: 154, YearY: 172}},
		// The tallest bar fills the plot.
		{"tallest", pos.Bars[1], Bar{Year: 2021, Value: "39", Mid: 104, X: 86, Y: 20, Height: 120, LabelY: 16, YearY: 172}},
	} {
		if have, want := fmtAny(tt.have), fmtAny(tt.want); have != want {
			t.Errorf("%s: have %s, want %s", tt.name, have, want)
		}
	}
}

func fmtAny(v any) string { return fmt.Sprintf("%+v", v) }
