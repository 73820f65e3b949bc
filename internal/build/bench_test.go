package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/corpus"
	"gongkai/internal/search"
	"gongkai/internal/site"
)

// Benchmarks of each stage on a generated site. The site has the shape of
// ../shared/bench/gencorpus's: five columns, twenty datasets, pages of a
// few paragraphs with lists, tables and a figures block in one page of five.
//
//	go test ./internal/build -run '^$' -bench . -benchtime 5x
//
// BENCH_PAGES sets the number of pages (default 2000; the figures
// use 10000).

func benchPages() int {
	n := 2000
	if s := os.Getenv("BENCH_PAGES"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}

var benchSites = map[int]string{}

// benchSite writes (once per process) a site of n pages and returns its folder.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	if dir, ok := benchSites[n]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "gongkai-bench-")
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.WriteCounty(dir, n); err != nil {
		b.Fatal(err)
	}
	benchSites[n] = dir
	return dir
}

// BenchmarkBuild is the whole build, written to a fresh folder each time.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b, benchPages())
	out := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// As ../shared/bench/compare does: each build into a fresh folder.
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
		if _, err := Build(Options{Site: os.DirFS(dir), Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is the whole pipeline without writing (gongkai check).
func BenchmarkCheck(b *testing.B) {
	dir := benchSite(b, benchPages())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(Options{Site: os.DirFS(dir), Check: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is reading content/: settings, the tree, front matter.
func BenchmarkLoad(b *testing.B) {
	dir := benchSite(b, benchPages())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, errs := site.Load(os.DirFS(dir)); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkPreviewUpdate is the live preview's rebuild after one page's
// text changed: re-read that page, re-plan, re-render what depends on it,
// then make the search index again (Preview.Index).
func BenchmarkPreviewUpdate(b *testing.B) {
	dir := benchSite(b, benchPages())
	p := NewPreview(Options{Site: os.DirFS(dir), Out: filepath.Join(b.TempDir(), "public")})
	if _, err := p.Update(nil); err != nil {
		b.Fatal(err)
	}
	page := "content/notices/p000001.md"
	src, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		edited := append(bytes.Clone(src), fmt.Sprintf("\n修改%d。\n", i)...)
		if err := os.WriteFile(filepath.Join(dir, page), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := p.Update([]string{page})
		if err != nil {
			b.Fatal(err)
		}
		idx, err := p.Index(nil)
		if err != nil {
			b.Fatal(err)
		}
		// The page, then the index and the /search/ page, which names its version.
		if written := slices.DeleteFunc(append(res.Written, idx.Written...), isSearchIndex); !slices.Equal(written, []string{"notices/p000001/index.html", "search/index.html"}) {
			b.Fatalf("wrote %v, want the one page and the /search/ page", written)
		}
	}
	b.StopTimer()
	os.WriteFile(filepath.Join(dir, page), src, 0o644)
}

// BenchmarkSearchIndex is the site search's share of a build: making the
// index (search.Build: cutting, postings, dictionaries, packs, gzip) of every
// published page's text, kept from one build's run. The texts' extraction
// from each page's HTML is done by the render workers, as they go.
func BenchmarkSearchIndex(b *testing.B) {
	dir := benchSite(b, benchPages())
	bl := &builder{opt: Options{Site: os.DirFS(dir), Out: filepath.Join(b.TempDir(), "public")}}
	if !bl.load(nil, nil, nil) {
		b.Fatal(bl.errs.Err())
	}
	bl.plan()
	n := len(bl.search.pages) // the texts in memory, to be read again and again
	bl.search.texts = &pageTexts{at: make([][2]int64, n), mem: make([]string, n)}
	out, err := bl.output(nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bl.run(out, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		search.Build(searchPages{bl}, nil, func(search.File) error { return nil })
	}
}

// benchOrgs is BENCH_ORGS, the bodies of the generated portal (default 50).
func benchOrgs() int {
	n := 50
	if s := os.Getenv("BENCH_ORGS"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}

var portalSites = map[[2]int]string{}

// TestMain removes the generated portals, which the benchmarks share
// (portalSite), once every test and benchmark has run: each is hundreds
// of megabytes, and TMPDIR may be a tmpfs.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range portalSites {
		os.RemoveAll(filepath.Dir(dir))
	}
	os.Exit(code)
}

// portalSite writes (once per process) a generated portal (package corpus)
// of n pages and orgs bodies and returns its folder.
func portalSite(b *testing.B, n, orgs int) string {
	b.Helper()
	if dir, ok := portalSites[[2]int{n, orgs}]; ok {
		return dir
	}
	tmp, err := os.MkdirTemp("", "gongkai-portal-")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(tmp, "site")
	if err := corpus.Write(dir, corpus.Options{Pages: n, Orgs: orgs}); err != nil {
		b.Fatal(err)
	}
	portalSites[[2]int{n, orgs}] = dir
	return dir
}

// BenchmarkBuildPortal is the whole build of a generated portal of
// BENCH_PAGES pages across BENCH_ORGS bodies, with its memory.
func BenchmarkBuildPortal(b *testing.B) {
	dir := portalSite(b, benchPages(), benchOrgs())
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
		if _, err := Build(Options{Site: os.DirFS(dir), Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOnePage is the build cache's purpose: after one page's
// text changed, a fresh Build (as a new gongkai build process makes it,
// nothing kept in memory) of a generated portal of BENCH_PAGES pages
// across BENCH_ORGS bodies, using the cache the build before filled; with
// the site search, and without (search = false), as the search index is
// made again of every page's text in every build. Each iteration also
// makes a clean build of the same files, alternating with it, so that the
// two compare on a shared machine: clean-s/op and cached-s/op are their
// times, reused the files the cache gave.
//
//	BENCH_PAGES=100000 BENCH_ORGS=500 go test ./internal/build -run '^$' -bench RebuildOnePage -benchtime 3x
func BenchmarkRebuildOnePage(b *testing.B) {
	dir := portalSite(b, benchPages(), benchOrgs())
	settings := filepath.Join(dir, site.ConfigPath)
	cfg, err := os.ReadFile(settings)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(settings, cfg, 0o644)
	for _, search := range []bool{true, false} {
		name := "search"
		if !search {
			name = "nosearch"
			if err := os.WriteFile(settings, append([]byte("search = false\n"), cfg...), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		// A page edited, or a new one added (the newest, as a notice of
		// the day is): the commonest commits.
		for _, added := range []bool{false, true} {
			change := "edited"
			if added {
				change = "new"
			}
			b.Run(name+"/"+change, func(b *testing.B) { rebuildOnePage(b, dir, added) })
		}
	}
}

func rebuildOnePage(b *testing.B, dir string, added bool) {
	tmp := b.TempDir()
	clean, cached := filepath.Join(tmp, "clean"), filepath.Join(tmp, "cached")
	opt := Options{Site: os.DirFS(dir), Out: cached, Cache: filepath.Join(tmp, "cache")}
	// Built twice: each timed build then takes the spare over (the site
	// before the last), as every build after the second does.
	for range 2 {
		if _, err := Build(opt); err != nil {
			b.Fatal(err)
		}
	}
	page := ""
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if page == "" && err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			page = p
		}
		return err
	})
	src, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(page, src, 0o644)
	var tClean, tCached time.Duration
	reused := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		change := func() error {
			return os.WriteFile(page, append(bytes.Clone(src), fmt.Sprintf("\n修改%d。\n", i)...), 0o644)
		}
		if added {
			p := filepath.Join(filepath.Dir(page), fmt.Sprintf("bench-new-%d.md", i))
			defer os.Remove(p)
			date := time.Now().Add(-time.Hour + time.Duration(i)*time.Second).Format("2006-01-02T15:04:05")
			change = func() error {
				return os.WriteFile(p, fmt.Appendf(nil, "+++\ntitle = \"新的通知%d\"\ndate = %s\n+++\n\n新的通知，第%d条。\n", i, date, i), 0o644)
			}
		}
		if err := change(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		os.RemoveAll(clean)
		start := time.Now()
		if _, err := Build(Options{Site: os.DirFS(dir), Out: clean}); err != nil {
			b.Fatal(err)
		}
		tClean += time.Since(start)
		start = time.Now()
		res, err := Build(opt)
		if err != nil {
			b.Fatal(err)
		}
		tCached += time.Since(start)
		reused += res.Reused
	}
	b.ReportMetric(tClean.Seconds()/float64(b.N), "clean-s/op")
	b.ReportMetric(tCached.Seconds()/float64(b.N), "cached-s/op")
	b.ReportMetric(float64(reused)/float64(b.N), "reused/op")
}
