package figures

import (
	"slices"
	"strings"
	"testing"

	"gongkai/internal/diag"
)

const path = "content/data/x.toml"

// head is a valid start of a dataset: lines 1–9.
const head = `title = "科技计划项目"
[[metric]]
key = "total"
label = "项目"
unit = "项"
[[metric]]
key = "agri"
label = "其中：农业"
[[metric]]
key = "other"
label = "其中：其他"
`

func errStrings(errs []diag.Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestDecodeErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want []string
	}{{
		name: "syntax",
		in:   "title = \"x\"\n[year.2021\nagri = 1\n",
		want: []string{path + ":2:11: invalid TOML: expected '.' or ']' to end table name, but got the end of the line instead"},
	}, {
		name: "duplicate key",
		in:   head + "[year.2021]\ntotal = 1\ntotal = 2\n",
		want: []string{path + ":14:1: invalid TOML: key 'year.2021.total' has already been defined"},
	}, {
		name: "empty file",
		in:   "",
		want: []string{path + ": no [[metric]]: a dataset needs at least one", path + ": title is required"},
	}, {
		name: "unknown top-level keys",
		in:   "titel = \"x\"\ntitle = \"y\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[years.2020]\na = 1\n",
		want: []string{
			path + ":1: unknown key \"titel\" (did you mean \"title\"?)",
			path + ":6: unknown key \"years\" (did you mean \"year\"?)",
		},
	}, {
		name: "wrong types",
		in:   "title = 3\nsource = [\"a\"]\n[[metric]]\nkey = \"a\"\nlabel = 4\n",
		want: []string{
			path + ":1: title: want a string, have a whole number",
			path + ":2: source: want a string, have a list",
			path + ":5: metric.label: want a string, have a whole number",
		},
	}, {
		name: "empty title",
		in:   "title = \"\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n",
		want: []string{path + ":1: title is required"},
	}, {
		name: "metrics",
		in: `title = "x"
[[metric]]
key = "Agri"
label = "A"
[[metric]]
label = "no key"
[[metric]]
key = "b"
unit = "项"
[[metric]]
key = "c"
label = "C"
lable = "typo"
[[metric]]
key = "c"
label = "C again"
[year.2020]
Agri = 1 # already reported
`,
		want: []string{
			path + ":3: metric key \"Agri\" may only contain a-z, 0-9 and _",
			path + ":5: [[metric]] has no key",
			path + ":7: metric \"b\" has no label",
			path + ":13: unknown key \"metric.lable\" (did you mean \"label\"?)",
			path + ":15: metric \"c\" is declared twice (first at line 11)",
		},
	}, {
		name: "year tables",
		in: head + `[year.2020]
total = 3
forestry = 1
[year.2021]
total = "abc"
agri = true
other = inf
[year.20211]
total = 1
[year.2022]
total = 12345678901234567
agri = 1.1234567
`,
		want: []string{
			path + ":14: unknown metric \"forestry\" in year 2020",
			path + ":16: year.2021.total: want a number, have a string",
			path + ":17: year.2021.agri: want a number, have true or false",
			path + ":18: metric \"other\" in year 2021: value inf is not a number",
			path + ":19: year \"20211\" is not a four-digit year",
			path + ":22: metric \"total\" in year 2022: value 12345678901234567 has more than 15 digits or 6 decimal places",
			path + ":23: metric \"agri\" in year 2022: value 1.1234567 has more than 15 digits or 6 decimal places",
		},
	}, {
		name: "dotted keys",
		in:   "title = \"x\"\nyear.2020.b = 1\nyear.2020.a = \"1\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n",
		want: []string{
			path + ":2: unknown metric \"b\" in year 2020",
			path + ":3: year.2020.a: a number is written without quotes: a = 1",
		},
	}, {
		name: "a figure with its unit",
		in:   "title = \"x\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.2020]\na = 120万元\n",
		want: []string{
			path + ":6:5: a: type numbers in half-width digits 0-9, without a unit (a dataset's unit is its [[metric]] unit): a = 120",
		},
	}, {
		name: "a metric misspelled",
		in:   "title = \"x\"\n[[metric]]\nkey = \"city_projects\"\nlabel = \"A\"\n[year.2020]\ncity_project = 1\n",
		want: []string{
			path + ":6: unknown metric \"city_project\" in year 2020 (did you mean \"city_projects\"?)",
		},
	}, {
		name: "year not a table",
		in:   "year = 2020\n" + head,
		want: []string{path + ":1: year: want a table, have a whole number"},
	}, {
		name: "check names unknown metrics",
		in: head + `[[check]]
sum = "totl"
of = ["agri", "othr"]
[[check]]
of = ["agri"]
[[check]]
sum = "total"
of = []
unit = "项"
`,
		want: []string{
			path + ":13: check names unknown metric \"totl\"",
			path + ":14: check names unknown metric \"othr\"",
			path + ":15: [[check]] has no sum",
			path + ":19: check of lists no metrics",
			path + ":20: unknown key \"check.unit\" (want sum or of)",
		},
	}, {
		name: "check fails",
		in: head + `[[check]]
sum = "total"
of = ["agri", "other"]
[year.2020]
total = 31
agri = 27
other = 3
[year.2021]      # skipped: other is missing
total = 39
agri = 27
[year.2022]
agri = 20.5
total = 30
other = 9.25
`,
		want: []string{
			path + ":16: check failed in year 2020: total = 31, but agri + other = 30",
			path + ":24: check failed in year 2022: total = 30, but agri + other = 29.75",
		},
	}, {
		name: "every error at once",
		in: `titel = "x"
[[metric]]
key = "a"
[year.2020]
a = "1"
b = 2
`,
		want: []string{
			path + ": title is required",
			path + ":1: unknown key \"titel\" (did you mean \"title\"?)",
			path + ":2: metric \"a\" has no label",
			path + ":5: year.2020.a: a number is written without quotes: a = 1",
			path + ":6: unknown metric \"b\" in year 2020",
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Decode(path, "x", []byte(tt.in))
			if have := errStrings(errs); !slices.Equal(have, tt.want) {
				t.Errorf("have\n\t%s\nwant\n\t%s", strings.Join(have, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestDecode(t *testing.T) {
	d, errs := Decode("content/data/science-projects.toml", "science-projects", []byte(scienceProjects))
	if len(errs) > 0 {
		t.Fatalf("have errors %v", errs)
	}
	if d.Key != "science-projects" || d.Path != "content/data/science-projects.toml" || d.Title != "科技计划项目及经费" || d.Source != "秦安县科学技术局" {
		t.Errorf("have %q %q %q %q", d.Key, d.Path, d.Title, d.Source)
	}
	var keys []string
	for _, m := range d.Metrics {
		keys = append(keys, m.Key)
	}
	if want := []string{"county_projects", "county_funds", "agri", "industry"}; !slices.Equal(keys, want) {
		t.Errorf("metrics: have %v, want %v", keys, want)
	}
	if d.Metrics[1].Line != 10 || d.Metrics[1].Unit != "万元" {
		t.Errorf("second metric: have %+v, want line 10, unit 万元", d.Metrics[1])
	}
	if len(d.Checks) != 1 || d.Checks[0].Line != 25 || d.Checks[0].Sum != "county_projects" {
		t.Errorf("checks: have %+v", d.Checks)
	}
	if !slices.Equal(d.Years, []int{2020, 2021}) {
		t.Errorf("years: have %v, want [2020 2021]", d.Years)
	}
	if n, ok := d.Value(2021, "county_funds"); !ok || n.String() != "135.5" {
		t.Errorf("2021 county_funds: have %v %v, want 135.5", n, ok)
	}
	if _, ok := d.Value(2020, "agri"); ok {
		t.Errorf("2020 agri: have a value, want none")
	}
}

func TestDecodeValues(t *testing.T) {
	// Values keep the places typed, however TOML spells them; checks are
	// exact (0.1 + 0.2 = 0.3), and a check is skipped in a year without all
	// its values.
	in := head + `[[check]]
sum = "total"
of = ["agri", "other"]
[year.2019]
total = 0.3
agri = 0.1
other = 0.2
[year.2020]
total = 1_200
agri = 1_199.50   # comment
other = 0.5
[year.2021]
"total" = 27.50
[year.2023]
total = -3
agri = +4
[year]
2024 = { total = 1.0 }
`
	d, errs := Decode(path, "x", []byte(in))
	if len(errs) > 0 {
		t.Fatalf("have errors %v", errs)
	}
	for _, tt := range []struct {
		year   int
		metric string
		want   string
	}{
		{2019, "total", "0.3"},
		{2020, "total", "1200"},
		{2020, "agri", "1199.50"},
		{2021, "total", "27.50"},
		{2023, "total", "-3"},
		{2023, "agri", "4"},
		{2024, "total", "1.0"}, // as typed, in an inline table too
	} {
		if n, ok := d.Value(tt.year, tt.metric); !ok || n.String() != tt.want {
			t.Errorf("%d %s: have %v (%v), want %s", tt.year, tt.metric, n, ok, tt.want)
		}
	}
	if want := []int{2019, 2020, 2021, 2023, 2024}; !slices.Equal(d.Years, want) {
		t.Errorf("years: have %v, want %v", d.Years, want)
	}
}

func TestDecodeLinesPastMultilineStrings(t *testing.T) {
	// A multi-line note that looks like TOML must not shift the lines of
	// what follows.
	in := `title = "x"
note = """
[year.1999]
foo = 1
"""
[[metric]]
key = "a"
label = '''A
[b]'''
[year.2020]
a = [1,
  2]
foo = 1
`
	_, errs := Decode(path, "x", []byte(in))
	want := []string{
		path + ":11: year.2020.a: want a number, have a list",
		path + ":13: unknown metric \"foo\" in year 2020",
	}
	if have := errStrings(errs); !slices.Equal(have, want) {
		t.Errorf("have\n\t%s\nwant\n\t%s", strings.Join(have, "\n\t"), strings.Join(want, "\n\t"))
	}
}
