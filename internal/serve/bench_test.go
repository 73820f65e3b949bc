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

	"gongkai/internal/corpus"
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
	if err := corpus.WriteCounty(dir, n); err != nil {
		b.Fatal(err)
	}
	idle := make(chan bool, 16) // an update is done, the search index too
	s, err := New(Options{Dir: dir, Updated: func([]string) { idle <- true }})
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
	<-idle

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
		// The editor saves again later: the index, made after the
		// reload, is not part of the wait, nor of the next.
		b.StopTimer()
		<-idle
		b.StartTimer()
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
