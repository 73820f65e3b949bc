package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestExampleSiteDeterministic builds the example site in content/ with
// one core and with several, and wants the same bytes in every file.
func TestExampleSiteDeterministic(t *testing.T) {
	root, _ := filepath.Abs("../..")
	if _, err := os.Stat(filepath.Join(root, "content", "site.toml")); err != nil {
		t.Fatal(err)
	}
	var trees []map[string][]byte
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		out := filepath.Join(t.TempDir(), "public")
		_, err := Build(Options{Site: os.DirFS(root), Out: out, Now: fixedNow("2021-03-01")})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		trees = append(trees, readTree(t, out))
	}
	a, b := trees[0], trees[1]
	if len(a) != len(b) {
		t.Fatalf("file counts differ: %d and %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between GOMAXPROCS=1 and 4", name)
		}
	}
	if _, ok := a["reports/2020-fazhi-zhengfu/index.html"]; !ok {
		t.Errorf("the report page is missing")
	}
}
