package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/build"
)

// BenchmarkPublishOnePage is a publish after one page's text changed, on
// a site of internal/build's benchSite shape (five columns, twenty
// datasets, a figures block in one page of five; BENCH_PAGES pages,
// default 2000): its time, and what it writes.
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
	writeBenchSite(b, siteDir, n)
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

// writeBenchSite writes the site of internal/build's benchSite.
func writeBenchSite(b *testing.B, dir string, n int) {
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
		fmt.Fprintf(&p, "+++\ntitle = \"关于科技项目的通知（第%d号）\"\ndate = %d-%02d-%02d\npublisher = \"示例县科学技术局\"\ndoc_no = \"示科发〔2021〕%d号\"\ntopic = \"科技创新\"\nsummary = \"摘要。\"\n+++\n\n", i, 2010+i%15, 1+i%12, 1+i%28, i%97)
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
}
