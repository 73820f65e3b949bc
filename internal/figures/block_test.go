package figures

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"gongkai/internal/diag"
)

func TestParseBlock(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want Block
		errs []string // "line: message", the line in the body
	}{{
		name: "full",
		in: `dataset = "science-projects"
metrics = ["county_projects", "county_funds"]   # default: all
years = [2020, 2021]
chart = true
`,
		want: Block{Dataset: "science-projects", Metrics: []string{"county_projects", "county_funds"}, Years: []int{2020, 2021}, MetricsLine: 2, YearsLine: 3, Chart: true},
	}, {
		name: "defaults",
		in:   `dataset = "x"`,
		want: Block{Dataset: "x"},
	}, {
		name: "unknown key",
		in:   "dataset = \"x\"\n\nchrat = true\n",
		errs: []string{`3: unknown key "chrat" (did you mean "chart"?)`},
	}, {
		name: "missing dataset",
		in:   "chart = true\n",
		errs: []string{"0: dataset is required"},
	}, {
		name: "every error, in line order",
		in:   "years = [\"2020\"]\nchart = 1\n",
		errs: []string{
			"0: dataset is required",
			"1: years: want a list of whole numbers, have a string in it",
			"2: chart: want true or false, have a whole number",
		},
	}, {
		name: "wrong type is not also missing",
		in:   "dataset = 5\n",
		errs: []string{"1: dataset: want a string, have a whole number"},
	}, {
		name: "syntax error",
		in:   "dataset = \"x\"\nmetrics = [\"a\", \n\nyears = 2020\n",
		errs: []string{`4:1: invalid TOML: expected value but found "years" instead`},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			have, errs := ParseBlock([]byte(tt.in))
			if got := blockErrs(errs); !slices.Equal(got, tt.errs) {
				t.Errorf("errors: have %q, want %q", got, tt.errs)
			}
			if tt.errs == nil && !reflect.DeepEqual(have, tt.want) {
				t.Errorf("have %+v, want %+v", have, tt.want)
			}
		})
	}
}

// blockErrs shows errors as "line: msg", or "line:col: msg".
func blockErrs(errs []diag.Error) []string {
	var out []string
	for _, e := range errs {
		if e.Path != "" {
			out = append(out, "path "+e.Path+"!")
		}
		if e.Col > 0 {
			out = append(out, fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg))
		} else {
			out = append(out, fmt.Sprintf("%d: %s", e.Line, e.Msg))
		}
	}
	return out
}

func TestDatasetTable(t *testing.T) {
	d := decodeOK(t, yoyData)
	for _, tt := range []struct {
		metrics []string
		years   []int
		want    string
	}{
		{[]string{"z"}, nil, `unknown metric "z" in dataset "x"`},
		{nil, []int{2030}, `dataset "x" has no year 2030`},
		{nil, []int{2020}, ""},
	} {
		_, err := d.Table(tt.metrics, tt.years)
		if have := errString(err); have != tt.want {
			t.Errorf("%v %v: have %q, want %q", tt.metrics, tt.years, have, tt.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
