package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"gongkai/internal/corpus"
)

// A generated portal (package corpus, the shape of the scale benchmarks)
// builds and checks without error: every body has its home listing its
// columns, the portal's home lists every body, and each body's pages carry
// its name and 索引号 code.
func TestGeneratedPortal(t *testing.T) {
	const pages, orgs = 600, 12
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(dir, corpus.Options{Pages: pages, Orgs: orgs}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	opt := Options{Site: os.DirFS(dir), Out: out, Now: fixedNow("2026-01-01")}
	res, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := pages + 2*orgs; res.Pages != want {
		t.Errorf("built %d pages, want %d", res.Pages, want)
	}
	read := func(rel string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	home := read("index.html")
	for n := 1; n <= orgs; n++ {
		if !strings.Contains(home, fmt.Sprintf(`<a href="/org%03d/">`, n)) {
			t.Errorf("the home does not list body %d", n)
		}
		body := read(fmt.Sprintf("org%03d/index.html", n))
		if !strings.Contains(body, fmt.Sprintf(`<h2><a href="/org%03d/xxgknb/">政府信息公开年报</a></h2>`, n)) {
			t.Errorf("body %d's home does not list its columns", n)
		}
	}
	for i := range 40 {
		d, name := corpus.Place(i, orgs)
		page := read(d + "/" + name + "/index.html")
		code := "11620522000000000A"
		if strings.HasPrefix(d, "org") {
			var n int
			fmt.Sscanf(d, "org%d", &n)
			code = corpus.OrgCode(n)
		}
		if !strings.Contains(page, "<td>"+code+"/") {
			t.Errorf("%s/%s: no 索引号 of code %s", d, name, code)
		}
	}
	opt.Check = true
	if _, err := Build(opt); err != nil {
		t.Errorf("check: %v", err)
	}
}

// TestJobSize keeps a job small: a portal has a million, kept through the
// build. A page's job holds its page; what makes any other output is
// behind make.
func TestJobSize(t *testing.T) {
	if n := unsafe.Sizeof(job{}); n > 112 {
		t.Errorf("a job is %d bytes, more than 112", n)
	}
}
