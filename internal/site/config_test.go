package site

import (
	"strings"
	"testing"
)

func TestConfigHistory(t *testing.T) {
	const rest = "title = \"局\"\nbase_url = \"https://example.gov.cn/\"\n[organization]\nname = \"局\"\n"
	tests := []struct {
		line    string
		want    string
		wantErr string
	}{
		{"", "updated", ""},
		{"history = \"revisions\"\n", "revisions", ""},
		{"history = \"off\"\n", "off", ""},
		{"history = \"all\"\n", "updated", `content/site.toml:1: history = "all": want "updated"`},
	}
	for _, tt := range tests {
		c, errs := parseConfig([]byte(tt.line + rest))
		if c.History != tt.want {
			t.Errorf("%q: have %q, want %q", tt.line, c.History, tt.want)
		}
		switch {
		case tt.wantErr == "" && len(errs) > 0:
			t.Errorf("%q: %v", tt.line, errs)
		case tt.wantErr != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.wantErr)):
			t.Errorf("%q: have errors %v, want %q", tt.line, errs, tt.wantErr)
		}
	}
}
