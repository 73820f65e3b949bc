package history

import (
	"fmt"
	"os"
	"testing"
)

// BenchmarkRead reads the history of a site of BENCH_PAGES pages (default
// 2000) committed in 101 commits: one adding them all, then a hundred
// changing ten pages each, then packed (git gc), as a clone is.
//
//	BENCH_PAGES=10000 go test ./internal/history -run '^$' -bench Read
func BenchmarkRead(b *testing.B) {
	n := 2000
	if s := os.Getenv("BENCH_PAGES"); s != "" {
		fmt.Sscan(s, &n)
	}
	r := newRepo(b)
	for i := 0; i < n; i++ {
		r.write(fmt.Sprintf("content/c%d/p%06d.md", i%5, i), fmt.Sprintf("+++\ntitle = \"第%d号\"\ndate = 2021-01-01\n+++\n正文。\n", i))
	}
	r.commit("2021-01-01T09:00:00+08:00", "初始导入")
	for c := 0; c < 100; c++ {
		for k := 0; k < 10; k++ {
			i := (c*97 + k*1009) % n
			r.write(fmt.Sprintf("content/c%d/p%06d.md", i%5, i), fmt.Sprintf("+++\ntitle = \"第%d号\"\ndate = 2021-01-01\n+++\n正文，第%d次修改。\n", i, c))
		}
		r.commit(fmt.Sprintf("2021-02-%02dT09:00:00+08:00", 1+c%28), fmt.Sprintf("修改 %d", c))
	}
	// As a clone is: packed. Loose objects make git log several times slower.
	r.git("", "gc", "-q")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		log, err := Read(r.dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(log.files) != n {
			b.Fatalf("have %d files, want %d", len(log.files), n)
		}
	}
}
