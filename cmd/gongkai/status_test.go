package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitStatus runs the command in-process with each kind of mistake and
// checks the exact exit status: 0 success, 1 content errors, 2 usage
// errors. (A testscript "! exec" only tells zero from non-zero.)
func TestExitStatus(t *testing.T) {
	t.Setenv("GONGKAI_LANG", "en")
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good"), filepath.Join(dir, "bad")
	config := "title = \"示例\"\nbase_url = \"https://www.example.gov.cn/\"\n[organization]\nname = \"示例局\"\n"
	for name, data := range map[string]string{
		"good/content/site.toml":         config,
		"good/content/news/a.md":         "+++\ntitle = \"A\"\ndate = 2022-01-01\n+++\n正文。\n",
		"bad/content/site.toml":          config,
		"bad/content/news/a.md":          "+++\ntitle = \"A\"\ndate = 5\n+++\n正文。\n",
		"good/content/notices/x.md":      "+++\ntitle = \"X\"\ndate = 2022-01-01\n+++\n正文。\n",
		"good/content/news/_index.md":    "+++\ntitle = \"新闻\"\n+++\n",
		"bad/content/news/_index.md":     "+++\ntitle = \"新闻\"\n+++\n",
		"good/content/notices/_index.md": "+++\ntitle = \"通知\"\n+++\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	busy, err := net.Listen("tcp", "127.0.0.1:0") // a port another program holds
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		args   []string
		status int
		stderr string // a part of what it must say
	}{
		{nil, 2, "usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "-x"}, 2, "there is no option -x"},
		{[]string{"check", "-o", out, "-s", good}, 2, "there is no option -o"},
		{[]string{"build", "-s", good, "-o", out, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"check", "-s", good, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "-s", good, "-o", out, "--now", "yesterday"}, 2, "--now"},
		{[]string{"check", "-s", good, "--now", "yesterday"}, 2, "--now"},
		{[]string{"build", "-s", good, "-o", good}, 2, "would replace the site"},
		{[]string{"build", "-s", good, "-o", dir}, 2, "would replace the site"},
		{[]string{"build", "-s", good, "-o", filepath.Join(good, "content", "x")}, 2, "would replace the site"},
		{[]string{"build", "-s", filepath.Join(dir, "nowhere"), "-o", out}, 2, "not a site"},
		{[]string{"check", "-s", filepath.Join(dir, "nowhere")}, 2, "not a site"},
		{[]string{"new", "-s", good}, 2, "new takes one SECTION/NAME"},
		{[]string{"new", "-s", good, "a/b", "c/d"}, 2, "new takes one SECTION/NAME"},
		{[]string{"new", "-x", "a/b"}, 2, "there is no option -x"},
		{[]string{"new", "-s", good, "--report", "2023", "--format", "2020", "annual/2023"}, 2, "--format"},
		{[]string{"new", "-s", good, "--date", "tomorrow", "notices/y"}, 2, "--date"},

		{[]string{"build", "-s", bad, "-o", out}, 1, "1 error"},
		{[]string{"check", "-s", bad}, 1, "1 error"}, // the count; the finding is on stdout
		{[]string{"new", "-s", good, "notices/x"}, 1, "exists already"},

		{[]string{"check", "-s", good, "--format", "xml"}, 2, "want text or json"},
		{[]string{"init", "a", "b"}, 2, "init takes one DIR"},
		{[]string{"init", "-x"}, 2, "there is no option -x"},
		{[]string{"check", "-s", good, "--now", "2022-03-01", "--strict"}, 1, "--strict"},
		{[]string{"init", good}, 1, "is not empty"},
		{[]string{"serve", "-s", good, "--addr", busy.Addr().String()}, 1, busy.Addr().String() + " is in use, by another program or another gongkai serve: stop it, or serve on another port"},

		{[]string{"help"}, 0, ""},
		{[]string{"--version"}, 0, ""},
		{[]string{"build", "-h"}, 0, ""},
		{[]string{"check", "-h"}, 0, ""},
		{[]string{"new", "-h"}, 0, ""},
		{[]string{"number", "-h"}, 0, ""},
		{[]string{"init", "-h"}, 0, ""},
		{[]string{"check", "-s", good, "--now", "2022-03-01", "--org", "nobody", "--strict"}, 1, "no body of this site has"},
		{[]string{"check", "-s", good, "--now", "2022-03-01"}, 0, ""},
		{[]string{"build", "-s", good, "-o", out, "--now", "2022-03-01"}, 0, ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		have := run(tt.args, &stdout, &stderr)
		if have != tt.status {
			t.Errorf("gongkai %s: exit status %d, want %d\n%s", strings.Join(tt.args, " "), have, tt.status, stderr.String())
		}
		if !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("gongkai %s: stderr does not say %q:\n%s", strings.Join(tt.args, " "), tt.stderr, stderr.String())
		}
	}
}
