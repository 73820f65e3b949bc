package figures

import (
	"slices"
	"testing"
)

func decodeOK(t testing.TB, in string) *Dataset {
	t.Helper()
	d, errs := Decode(path, "x", []byte(in))
	if len(errs) > 0 {
		t.Fatalf("Decode: %v", errs)
	}
	return d
}

const yoyData = `title = "x"
[[metric]]
key = "a"
label = "A"
unit = "项"
[[metric]]
key = "b"
label = "B"
[[metric]]
key = "c"
label = "C"
[year.2019]
a = 10
b = 0
c = 5
[year.2020]
a = 31
b = 7
[year.2021]
a = 39
b = 7
c = -2.5
`

func rowTexts(r Row) []string {
	var out []string
	for _, c := range r.Values {
		out = append(out, c.Text)
	}
	return append(out, r.Change.Text, r.Percent.Text)
}

func TestTable(t *testing.T) {
	d := decodeOK(t, yoyData)
	for _, tt := range []struct {
		name    string
		metrics []string
		years   []int
		header  string
		want    map[string][]string // metric key → values…, change, percent
	}{{
		name:   "all",
		header: "较上年增减",
		want: map[string][]string{
			"a": {"10", "31", "39", "+8", "+25.8%"},
			"b": {"0", "7", "7", "0", "0.0%"},
			"c": {"5", "—", "-2.5", "—", "—"}, // missing 2020: no comparison
		},
	}, {
		name:    "zero base, gap years",
		metrics: []string{"c", "b"},
		years:   []int{2021, 2019, 2021},
		header:  "较2019年增减",
		want: map[string][]string{
			"c": {"5", "-2.5", "-7.5", "-150.0%"},
			"b": {"0", "7", "+7", "—"},
		},
	}, {
		name:   "one year",
		years:  []int{2020},
		header: "较上年增减",
		want: map[string][]string{
			"a": {"31", "—", "—"},
			"b": {"7", "—", "—"},
			"c": {"—", "—", "—"},
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := d.Table(tt.metrics, tt.years)
			if err != nil {
				t.Fatal(err)
			}
			if have := tab.ChangeHeader(); have != tt.header {
				t.Errorf("header: have %q, want %q", have, tt.header)
			}
			if len(tab.Rows) != len(tt.want) {
				t.Fatalf("have %d rows, want %d", len(tab.Rows), len(tt.want))
			}
			for i, r := range tab.Rows {
				if len(tt.metrics) > 0 && r.Metric.Key != tt.metrics[i] {
					t.Errorf("row %d: have %s, want %s", i, r.Metric.Key, tt.metrics[i])
				}
				if have, want := rowTexts(r), tt.want[r.Metric.Key]; !slices.Equal(have, want) {
					t.Errorf("%s: have %q, want %q", r.Metric.Key, have, want)
				}
			}
		})
	}
}

func TestTableCells(t *testing.T) {
	tab, err := decodeOK(t, yoyData).Table([]string{"c"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := tab.Rows[0]
	if have := r.Values[1]; !have.Missing || have.Text != "—" {
		t.Errorf("missing value: have %+v, want missing —", have)
	}
	if have := r.Values[2]; have.Missing || !have.Negative {
		t.Errorf("-2.5: have %+v, want negative", have)
	}
}

func TestTableErrors(t *testing.T) {
	d := decodeOK(t, yoyData)
	for _, tt := range []struct {
		metrics []string
		years   []int
		want    string
	}{
		{[]string{"a", "foo"}, nil, `unknown metric "foo" in dataset "x"`},
		{nil, []int{2020, 2018}, `dataset "x" has no year 2018`},
	} {
		_, err := d.Table(tt.metrics, tt.years)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Table(%v, %v): have %v, want %s", tt.metrics, tt.years, err, tt.want)
		}
	}
}
