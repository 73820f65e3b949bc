package disclosure

import (
	"fmt"
	"slices"
	"testing"

	"gongkai/internal/diag"
)

func TestParseBlock(t *testing.T) {
	tests := []struct {
		body string
		want string   // table, when no error
		errs []string // "line: message" or "line:col: message", the line in the body
	}{
		{body: `table = "active"`, want: "active"},
		{body: "# 三\ntable = \"applications\"   # 三、收到和处理政府信息公开申请情况\n", want: "applications"},
		{body: "table = 'appeals'\n", want: "appeals"},
		{body: "\ntable = \"foo\"\n", errs: []string{`2: unknown disclosure table "foo" (want active, applications or appeals)`}},
		{body: "table = \"active\"\ncaption = \"x\"\n", errs: []string{`2: unknown key "caption" (want table)`}},
		{body: "table = 3\n", errs: []string{`1: table: want a string, have a whole number`}},
		{body: "", errs: []string{`0: table is required (want active, applications or appeals)`}},
		{body: "tabel = \"active\"\n", errs: []string{
			`0: table is required (want active, applications or appeals)`,
			`1: unknown key "tabel" (did you mean "table"?)`,
		}},
		{body: "table = \"active\n", errs: []string{"1:9: table: the text has no closing double quote: table = \"active\""}},
	}
	for _, tt := range tests {
		b, errs := ParseBlock([]byte(tt.body))
		if have := blockErrs(errs); !slices.Equal(have, tt.errs) {
			t.Errorf("ParseBlock(%q): have errors %q, want %q", tt.body, have, tt.errs)
		}
		if b.Table != tt.want {
			t.Errorf("ParseBlock(%q): have table %q, want %q", tt.body, b.Table, tt.want)
		}
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
