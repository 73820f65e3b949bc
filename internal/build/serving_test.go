package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/site"
)

// TestGzip builds testdata/gzip.txtar twice: every .gz holds its file's
// bytes, and the two builds' .gz files are byte-identical.
func TestGzip(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/gzip.txtar", siteDir)
	var trees [2]map[string][]byte
	for i := range trees {
		out := filepath.Join(dir, "out", string(rune('a'+i)))
		if _, err := Build(Options{Site: os.DirFS(siteDir), Out: out, Now: fixedNow("2022-03-01")}); err != nil {
			t.Fatal(err)
		}
		trees[i] = readTree(t, out)
	}
	n := 0
	for name, data := range trees[0] {
		if !strings.HasSuffix(name, ".gz") {
			continue
		}
		n++
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if orig := trees[0][strings.TrimSuffix(name, ".gz")]; !bytes.Equal(plain, orig) {
			t.Errorf("%s does not hold its file's bytes", name)
		}
		if zr.Header.Name != "" || !zr.Header.ModTime.IsZero() {
			t.Errorf("%s: header has name %q, time %v; want neither", name, zr.Header.Name, zr.Header.ModTime)
		}
		if !bytes.Equal(data, trees[1][name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if n < 10 {
		t.Errorf("only %d .gz files", n)
	}
}

// TestLinkFrom builds a site, then again with LinkFrom the first build:
// unchanged files are hard-links to the first build's, a changed page is
// written, and Outputs says which and from what.
func TestLinkFrom(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/gzip.txtar", siteDir)
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	opt := Options{Site: os.DirFS(siteDir), Out: first, Now: fixedNow("2022-03-01"), Sources: true}
	res1, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	if res1.Linked != 0 || res1.Bytes == 0 {
		t.Errorf("first build: linked %d, wrote %d bytes", res1.Linked, res1.Bytes)
	}
	page := filepath.Join(siteDir, "content/news/a/index.md")
	src, _ := os.ReadFile(page)
	writeFile(t, page, bytes.Replace(src, []byte("正文。"), []byte("新的正文。"), 1))
	opt.Out, opt.LinkFrom = second, first
	res2, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	// The /search/ page names the new index's version.
	changed := map[string]bool{"news/a/index.html": true, "news/a/index.html.gz": true,
		"search/index.html": true, "search/index.html.gz": true}
	byPath := map[string]Output{}
	rewritten := 0 // of the search index, which holds the changed text
	for _, o := range res2.Outputs {
		byPath[o.Path] = o
		if o.Hash == "" {
			t.Errorf("%s: no content hash", o.Path)
		}
		if strings.HasPrefix(o.Path, "search/") && !strings.HasPrefix(o.Path, "search/index.html") {
			if !o.Linked {
				rewritten++
			}
		} else if o.Linked == changed[o.Path] {
			t.Errorf("%s: linked %v, want %v", o.Path, o.Linked, !changed[o.Path])
		}
		if o.Linked != sameInode(t, filepath.Join(first, o.Path), filepath.Join(second, o.Path)) {
			t.Errorf("%s: Linked %v, but the files are not", o.Path, o.Linked)
		}
	}
	if res2.Linked != len(res2.Outputs)-4-rewritten {
		t.Errorf("linked %d of %d files, want all but 4 and the %d of the search index", res2.Linked, len(res2.Outputs), rewritten)
	}
	if rewritten == 0 || rewritten > 3 {
		t.Errorf("%d files of the search index rewritten for one page's text, want 1 to 3", rewritten)
	}
	a := byPath["news/a/index.html"]
	src, err = os.ReadFile(filepath.Join(siteDir, "content/news/a/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(src); !a.Page || a.Source != "content/news/a/index.md" || a.SourceHash != hex.EncodeToString(sum[:8]) {
		t.Errorf("news/a/index.html: %+v", a)
	}
	if byPath["news/index.html"].Page || byPath["news/a/a.pdf"].Source != "content/news/a/a.pdf" {
		t.Errorf("list page or attachment: %+v %+v", byPath["news/index.html"], byPath["news/a/a.pdf"])
	}
	if h1 := outputOf(res1, "news/a/index.html").SourceHash; h1 == a.SourceHash {
		t.Errorf("the edited page's source hash did not change")
	}
	if res2.Bytes >= res1.Bytes/4 {
		t.Errorf("second build wrote %d bytes, the first %d: want far less", res2.Bytes, res1.Bytes)
	}
}

func outputOf(r Result, p string) Output {
	for _, o := range r.Outputs {
		if o.Path == p {
			return o
		}
	}
	return Output{}
}

func sameInode(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("stat: %v %v", err1, err2)
	}
	return os.SameFile(ia, ib)
}

// TestSitemapNewPage: in a sitemap cut into files, a new page changes
// its column's files only (a publish sends those and no other), even
// one whose address comes before every other page's.
func TestSitemapNewPage(t *testing.T) {
	old := sitemapMax
	sitemapMax = 3
	defer func() { sitemapMax = old }()
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/sitemap-split.txtar", siteDir)
	for _, name := range []string{"q", "r", "s"} { // policies after notices, in files of their own
		page := fmt.Sprintf("+++\ntitle = \"%s\"\ndate = 2022-01-16\n+++\n正文。\n", name)
		if err := os.WriteFile(filepath.Join(siteDir, "content/policies", name+".md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var trees [2]map[string][]byte
	for i := range trees {
		if i == 1 {
			page := "+++\ntitle = \"六\"\ndate = 2022-01-15\n+++\n正文。\n"
			if err := os.WriteFile(filepath.Join(siteDir, "content/notices/0.md"), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "out", string(rune('a'+i)))
		if _, err := Build(Options{Site: os.DirFS(siteDir), Out: out, Now: fixedNow("2022-03-01")}); err != nil {
			t.Fatal(err)
		}
		trees[i] = readTree(t, out)
	}
	var changed []string
	for name, data := range trees[1] {
		if strings.HasPrefix(name, "sitemap") && !bytes.Equal(data, trees[0][name]) {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	// notices: its list and five pages, in two files of three.
	if !slices.Equal(changed, []string{"sitemap-2.xml", "sitemap-3.xml"}) || !bytes.Contains(trees[1]["sitemap-2.xml"], []byte("notices/0/")) {
		t.Errorf("a new page in notices changed %v; want sitemap-2.xml (listing it) and sitemap-3.xml alone", changed)
	}
}

// TestNewest: the newest pages of a column and its sub-columns, as the
// feeds and the home page list them, are the first n of them all sorted
// newest first, drafts left out, pages of one day in path order.
func TestNewest(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2021, 1, 1+d, 0, 0, 0, 0, time.UTC) }
	home := &site.Section{}
	sub := &site.Section{}
	home.Sections = []*site.Section{sub}
	var all []*site.Page
	for i := range 60 {
		p := &site.Page{Path: fmt.Sprintf("content/p%02d.md", (i*37)%60), Date: day(i % 7), Draft: i%11 == 0}
		if i%2 == 0 {
			home.Pages = append(home.Pages, p)
		} else {
			sub.Pages = append(sub.Pages, p)
		}
		if !p.Draft {
			all = append(all, p)
		}
	}
	sortNewest(all)
	b := &builder{loaded: &loaded{now: day(30)}}
	for _, n := range []int{0, 1, 5, 20, len(all), len(all) + 3} {
		if got, want := b.newest(home, n), all[:min(n, len(all))]; !slices.Equal(got, want) {
			t.Errorf("the %d newest: %v, want %v", n, paths(got), paths(want))
		}
	}
}

func paths(pages []*site.Page) []string {
	var s []string
	for _, p := range pages {
		s = append(s, p.Path)
	}
	return s
}
