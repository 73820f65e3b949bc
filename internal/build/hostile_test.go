package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHostileOutputIsInert builds testdata/hostile.txtar and looks for any
// payload that survived as markup, whatever the golden files say: a
// refreshed golden must never bless a script.
var (
	elderScript  = regexp.MustCompile(`<script src="/js/elder\.[0-9a-f]+\.js"></script>`)
	searchScript = regexp.MustCompile(`<script src="/js/search\.[0-9a-f]+\.js"></script>`)
)

func TestHostileOutputIsInert(t *testing.T) {
	dir := t.TempDir()
	writeScenarioSite(t, "testdata/hostile.txtar", filepath.Join(dir, "site"))
	out := filepath.Join(dir, "out")
	if _, err := Build(Options{Site: os.DirFS(filepath.Join(dir, "site")), Out: out, Now: fixedNow("2023-01-01")}); err != nil {
		t.Fatal(err)
	}
	live := regexp.MustCompile(`(?i)<script|<iframe|<svg[^>]*\son\w+=|<img[^>]*\son\w+=|<a[^>]*\son\w+=|(href|src)="\s*(javascript|vbscript|data):|\s' on\w+=`)
	files := readTree(t, out)
	if len(files) < 5 {
		t.Fatalf("only %d files built", len(files))
	}
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".html"):
			// The theme's own script, the 长者模式 switch (under its
			// fingerprinted name), is the one allowed.
			data := elderScript.ReplaceAll(data, nil)
			// And the search page's, on that page alone.
			if name == "search/index.html" {
				data = searchScript.ReplaceAll(data, nil)
			}
			if m := live.Find(data); m != nil {
				t.Errorf("%s: live markup from content: %q", name, m)
			}
		case strings.HasSuffix(name, ".json"):
			if strings.Contains(string(data), "<") {
				t.Errorf("%s: unescaped < in JSON", name)
			}
		case strings.HasSuffix(name, ".csv"):
			for _, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
				for _, cell := range strings.Split(line, ",") {
					if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
						t.Errorf("%s: cell %q would run as a spreadsheet formula", name, cell)
					}
				}
			}
		}
	}
}
