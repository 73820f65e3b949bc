package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkSaveToReload measures what an editor waits for: from a page's
// save (a temporary file renamed over it) to the reload event an open page
// receives, through the watcher, the quiet period (50 ms) and the preview's
// update, on a generated site of the shape of internal/build's benchmarks.
// It reports the median and the slowest of b.N saves, and the memory of
// the process serving (the Go heap in use, and the peak resident size).
//
//	BENCH_PAGES=10000 go test ./internal/serve -run '^$' -bench SaveToReload -benchtime 20x
func BenchmarkSaveToReload(b *testing.B) {
	n := 2000
	if s := os.Getenv("BENCH_PAGES"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	generate(b, dir, n)
	s, err := New(Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: s}
	go srv.Serve(l)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	events := make(chan int, 16)
	if err := listen(ctx, "http://"+l.Addr().String(), events); err != nil {
		b.Fatal(err)
	}
	<-events

	page := filepath.Join(dir, "content/notices/p000001.md")
	src, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tmp := page + ".tmp~"
		if err := os.WriteFile(tmp, fmt.Appendf(slices.Clone(src), "\n修改%d。\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := os.Rename(tmp, page); err != nil {
			b.Fatal(err)
		}
		select {
		case <-events:
		case <-time.After(30 * time.Second):
			b.Fatal("no reload event")
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "MiB-heap")
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				var kb float64
				fmt.Sscan(strings.TrimSpace(v), &kb)
				b.ReportMetric(kb/1024, "MiB-peak-RSS")
			}
		}
	}
}

// generate writes a site of n pages in the shape of internal/build's
// benchSite: five columns, twenty datasets, a figures block in one page
// of five.
func generate(b *testing.B, dir string, n int) {
	files := map[string]string{
		"content/site.toml": "title = \"示例县科学技术局\"\nbase_url = \"http://localhost/\"\n[organization]\nname = \"示例县科学技术局\"\n",
	}
	sections := []string{"reports", "notices", "policies", "annual", "news"}
	for _, s := range sections {
		files["content/"+s+"/_index.md"] = "+++\ntitle = \"" + s + "\"\n+++\n栏目介绍。\n"
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
		files[fmt.Sprintf("content/data/ds%03d.toml", d)] = t.String()
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
		files[fmt.Sprintf("content/%s/p%06d.md", sections[i%5], i)] = p.String()
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
