package disclosure

import (
	"errors"
	"testing"
)

func TestParseBlock(t *testing.T) {
	tests := []struct {
		body     string
		want     string // table, when no error
		wantErr  string
		wantLine int // of a *BlockError; 0 for a plain error
	}{
		{body: `table = "active"`, want: "active"},
		{body: "# 三\ntable = \"applications\"   # 三、收到和处理政府信息公开申请情况\n", want: "applications"},
		{body: "table = 'appeals'\n", want: "appeals"},
		{body: "\ntable = \"foo\"\n", wantErr: `unknown disclosure table "foo" (want active, applications or appeals)`, wantLine: 2},
		{body: "table = \"active\"\ncaption = \"x\"\n", wantErr: `unknown key "caption" in disclosure block (want table)`, wantLine: 2},
		{body: "table = 3\n", wantErr: `disclosure table must be a string, have 3 (want active, applications or appeals)`, wantLine: 1},
		{body: "", wantErr: `disclosure block: missing table (want active, applications or appeals)`},
		{body: "table = \"active\n", wantErr: "strings cannot contain newlines", wantLine: 1},
	}
	for _, tt := range tests {
		b, err := ParseBlock([]byte(tt.body))
		if tt.wantErr == "" {
			if err != nil || b.Table != tt.want {
				t.Errorf("ParseBlock(%q): have %q, %v; want %q", tt.body, b.Table, err, tt.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("ParseBlock(%q): have %q, want error %q", tt.body, b.Table, tt.wantErr)
			continue
		}
		var be *BlockError
		switch {
		case errors.As(err, &be):
			if be.Line != tt.wantLine || be.Msg != tt.wantErr {
				t.Errorf("ParseBlock(%q): have line %d %q, want line %d %q", tt.body, be.Line, be.Msg, tt.wantLine, tt.wantErr)
			}
		case tt.wantLine != 0 || err.Error() != tt.wantErr:
			t.Errorf("ParseBlock(%q): have %q, want line %d %q", tt.body, err, tt.wantLine, tt.wantErr)
		}
	}
}
