package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gongkai/internal/build"
	"gongkai/internal/corpus"
)

// BenchmarkPublishOnePage is a publish after one page's text changed, on
// corpus.WriteCounty's site (BENCH_PAGES pages, default 2000): its time, and what it writes.
//
//	BENCH_PAGES=10000 go test ./internal/publish -run '^$' -bench . -benchtime 5x
//
// written-B/op is the bytes of the files written into the release (the
// rest are hard links), meta-B/op those of its manifest and changes.json.
func BenchmarkPublishOnePage(b *testing.B) {
	n := 2000
	if s := os.Getenv("BENCH_PAGES"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	siteDir, root := filepath.Join(dir, "site"), filepath.Join(dir, "www")
	if err := corpus.WriteCounty(siteDir, n); err != nil {
		b.Fatal(err)
	}
	o := Options{Build: build.Options{Site: os.DirFS(siteDir)}, WebRoot: root}
	if _, err := Publish(o); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(siteDir, "content/notices/p000001.md")
	src, _ := os.ReadFile(page)
	var written, meta, files, linked int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		os.WriteFile(page, append(src[:len(src):len(src)], fmt.Sprintf("\n修改%d。\n", i)...), 0o644)
		b.StartTimer()
		rep, err := Publish(o)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if !rep.Installed || len(rep.Changes.Changed) != 1 {
			b.Fatalf("installed %v, changed %v", rep.Installed, rep.Changes.Changed)
		}
		written += rep.Build.Bytes
		files += int64(rep.Build.Files)
		linked += int64(rep.Build.Linked)
		for _, f := range []string{manifestFile, changesFile} {
			if info, err := os.Stat(filepath.Join(root, "releases", rep.Changes.Release, f)); err == nil {
				meta += info.Size()
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(written)/float64(b.N), "written-B/op")
	b.ReportMetric(float64(meta)/float64(b.N), "meta-B/op")
	b.ReportMetric(float64(files-linked)/float64(b.N), "files-written/op")
	b.ReportMetric(float64(files)/float64(b.N), "files/op")
}
