package figures

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseBlock(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want Block
		line int    // of the *BlockError
		msg  string // "" for no error
	}{{
		name: "full",
		in: `dataset = "science-projects"
metrics = ["county_projects", "county_funds"]   # default: all
years = [2020, 2021]
chart = true
`,
		want: Block{Dataset: "science-projects", Metrics: []string{"county_projects", "county_funds"}, Years: []int{2020, 2021}, Chart: true},
	}, {
		name: "defaults",
		in:   `dataset = "x"`,
		want: Block{Dataset: "x"},
	}, {
		name: "unknown key",
		in:   "dataset = \"x\"\n\nchrat = true\n",
		line: 3, msg: `unknown key "chrat"`,
	}, {
		name: "missing dataset",
		in:   "chart = true\n",
		msg:  "figures block has no dataset",
	}, {
		name: "first error by line",
		in:   "years = [\"2020\"]\nchart = 1\n",
		line: 1, msg: "years must be a list of years",
	}, {
		name: "wrong type",
		in:   "dataset = \"x\"\nchart = \"yes\"\n",
		line: 2, msg: "chart must be true or false",
	}, {
		name: "syntax error",
		in:   "dataset = \"x\"\nmetrics = [\"a\", \n\nyears = 2020\n",
		line: 4, msg: `invalid TOML: expected value but found "years" instead`,
	}} {
		t.Run(tt.name, func(t *testing.T) {
			have, err := ParseBlock([]byte(tt.in))
			if tt.msg == "" {
				if err != nil || !reflect.DeepEqual(have, tt.want) {
					t.Errorf("have %+v, %v, want %+v", have, err, tt.want)
				}
				return
			}
			var be *BlockError
			if !errors.As(err, &be) {
				t.Fatalf("have %v, want *BlockError", err)
			}
			if be.Line != tt.line || be.Msg != tt.msg {
				t.Errorf("have line %d %q, want line %d %q", be.Line, be.Msg, tt.line, tt.msg)
			}
		})
	}
}

func TestBlockTable(t *testing.T) {
	sets := map[string]*Dataset{"x": decodeOK(t, yoyData)}
	for _, tt := range []struct {
		b    Block
		want string
	}{
		{Block{Dataset: "y"}, `unknown dataset "y"`},
		{Block{Dataset: "x", Metrics: []string{"z"}}, `unknown metric "z" in dataset "x"`},
		{Block{Dataset: "x", Years: []int{2030}}, `dataset "x" has no year 2030`},
		{Block{Dataset: "x", Years: []int{2020}}, ""},
	} {
		_, err := tt.b.Table(sets)
		if have := errString(err); have != tt.want {
			t.Errorf("%+v: have %q, want %q", tt.b, have, tt.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
