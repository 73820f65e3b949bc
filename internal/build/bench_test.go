package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("content/site.toml", "title = \"示例县科学技术局\"\nbase_url = \"http://localhost/\"\n[organization]\nname = \"示例县科学技术局\"\n")
	sections := []string{"reports", "notices", "policies", "annual", "news"}
	for _, s := range sections {
		write("content/"+s+"/_index.md", "+++\ntitle = \""+s+"\"\n+++\n栏目介绍。\n")
	}
	for d := 0; d < 20; d++ {
		var t strings.Builder
		fmt.Fprintf(&t, "title = \"数据集%d\"\nsource = \"示例\"\n", d)
		for m := 0; m < 8; m++ {
			fmt.Fprintf(&t, "\n[[metric]]\nkey = \"m%02d\"\nlabel = \"指标%d\"\nunit = \"项\"\n", m, m)
		}
		for y := 2012; y <= 2025; y++ {
			fmt.Fprintf(&t, "\n[year.%d]\n", y)
			for m := 0; m < 8; m++ {
				if (y+m+d)%17 != 0 {
					fmt.Fprintf(&t, "m%02d = %d.%d\n", m, (y*m+d)%2000, m%10)
				}
			}
		}
		write(fmt.Sprintf("content/data/ds%03d.toml", d), t.String())
	}
	para := strings.Repeat("科技创新项目管理资金，培训农民企业园区示范推进落实加强完善制度。依法行政执法人员考核全县县级市级省级专项经费立项验收。", 4)
	for i := 0; i < n; i++ {
		var p strings.Builder
		fmt.Fprintf(&p, "+++\ntitle = \"关于科技项目的通知（第%d号）\"\ndate = %d-%02d-%02d\npublisher = \"示例县科学技术局\"\ndoc_no = \"示科发〔2021〕%d号\"\ntopic = \"科技创新\"\nsummary = \"摘要。\"\n+++\n\n", i, 2012+i%14, 1+i%12, 1+i%28, i%97)
		for h := 0; h < 3; h++ {
			fmt.Fprintf(&p, "## 第%d部分\n\n%s\n\n%s\n\n", h+1, para, para)
		}
		p.WriteString("1. 第一项\n2. 第二项\n3. 第三项\n\n| 项目 | 数量 |\n| --- | ---: |\n| 甲 | 1 |\n| 乙 | 2 |\n\n")
		if i%5 == 0 {
			fmt.Fprintf(&p, "```figures\ndataset = \"ds%03d\"\nmetrics = [\"m00\", \"m01\"]\n```\n\n", i%20)
		}
		fmt.Fprintf(&p, "相关文件：[上一篇](/%s/p%06d/)。\n", sections[(i+1)%5], (i+1)%n)
		write(fmt.Sprintf("content/%s/p%06d.md", sections[i%5], i), p.String())
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
// text changed: re-read that page, re-plan, re-render what depends on it.
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
		if written := slices.DeleteFunc(res.Written, isSearchIndex); len(written) != 1 {
			b.Fatalf("wrote %v, want the one page", res.Written)
		}
	}
	b.StopTimer()
	os.WriteFile(filepath.Join(dir, page), src, 0o644)
}

// BenchmarkSearchIndex is the site search's share of a build: making the
// index (search.Build: cutting, postings, shards, gzip) of every
// published page's text, kept from one build's run. The texts' extraction
// from each page's HTML is done by the render workers, as they go.
func BenchmarkSearchIndex(b *testing.B) {
	dir := benchSite(b, benchPages())
	bl := &builder{opt: Options{Site: os.DirFS(dir), Out: filepath.Join(b.TempDir(), "public")}}
	if !bl.load(nil, nil, nil) {
		b.Fatal(bl.errs.Err())
	}
	bl.plan()
	out, err := bl.output(nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bl.run(out, nil); err != nil {
		b.Fatal(err)
	}
	docs := bl.searchDocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		search.Build(docs)
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
