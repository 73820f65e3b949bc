package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"gongkai/internal/corpus"
	"gongkai/internal/search"
	"gongkai/internal/site"
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

// TestIndexMadeWhileRendering: the search index, made a batch at a time
// as the render workers finish each batch's pages, is the index, byte
// for byte, and so is the whole site, however many batches there are.
func TestIndexMadeWhileRendering(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(dir, corpus.Options{Pages: 400, Orgs: 8}); err != nil {
		t.Fatal(err)
	}
	build := func(batch int) map[string][]byte {
		was := search.SetBatch(batch)
		defer search.SetBatch(was)
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Site: os.DirFS(dir), Out: out, Now: fixedNow("2026-01-01")}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	whole := build(1 << 15)
	for _, batch := range []int{3, 50} {
		for i := range 2 { // two orders of the workers' finishing
			got := build(batch)
			for rel, data := range whole {
				if !bytes.Equal(got[rel], data) {
					t.Fatalf("batches of %d pages, build %d: %s differs from one batch's", batch, i, rel)
				}
			}
			if len(got) != len(whole) {
				t.Fatalf("batches of %d pages: %d files, want %d", batch, len(got), len(whole))
			}
		}
	}
}

// TestBatchWaitsForItsPages: the index asks for no page's text before
// that page's job has run, whatever order the jobs run in.
func TestBatchWaitsForItsPages(t *testing.T) {
	was := search.SetBatch(3)
	defer search.SetBatch(was)
	pages := make([]*site.Page, 10)
	for i := range pages { // newest first, as the index numbers them
		pages[i] = &site.Page{Path: fmt.Sprintf("p%d.md", i), Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(i) * time.Hour)}
	}
	s := newSearchIndex(pages)
	for i := range pages {
		s.expect(i)
	}
	docs := &watchedPages{t: t, rendered: make([]atomic.Bool, len(pages))}
	s.start(docs, nil)
	for _, i := range []int{9, 0, 5, 1, 8, 2, 7, 3, 6, 4} {
		time.Sleep(time.Millisecond) // the index's turn, were a batch wrongly ready
		docs.rendered[i].Store(true)
		s.rendered(pages[i])
	}
	s.finish(true).Close()
	if docs.asked.Load() != int32(len(pages)) {
		t.Errorf("the index asked for %d texts, want %d", docs.asked.Load(), len(pages))
	}
}

// watchedPages are pages whose texts are asked for only once rendered.
type watchedPages struct {
	t        *testing.T
	rendered []atomic.Bool
	asked    atomic.Int32
}

func (w *watchedPages) Len() int             { return len(w.rendered) }
func (w *watchedPages) Doc(i int) search.Doc { return search.Doc{Title: fmt.Sprint(i)} }
func (w *watchedPages) Text(i int) string {
	w.asked.Add(1)
	if !w.rendered[i].Load() {
		w.t.Errorf("page %d's text asked for before its job ran", i)
	}
	return "正文"
}
