package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkBuildGit is BenchmarkBuild on the same site committed in a git
// repository (one commit, packed as a clone is), so that every page gets
// its 更新日期 from one git log read beside the loading of the site.
//
//	BENCH_PAGES=10000 go test ./internal/build -run '^$' -bench 'Build(Git)?$' -benchtime 5x
func BenchmarkBuildGit(b *testing.B) {
	dir := benchSite(b, benchPages())
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		for _, args := range [][]string{
			{"init", "-q"}, {"config", "gc.auto", "0"}, {"config", "user.name", "编辑"}, {"config", "user.email", "editor@example.gov.cn"},
			{"add", "-A"}, {"commit", "-q", "-m", "初始导入"}, {"gc", "-q"},
		} {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2021-03-01T09:00:00+08:00", "GIT_COMMITTER_DATE=2021-03-01T09:00:00+08:00", "GIT_CONFIG_GLOBAL=/dev/null")
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
	}
	out := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
		if _, err := Build(Options{Site: os.DirFS(dir), Dir: dir, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
