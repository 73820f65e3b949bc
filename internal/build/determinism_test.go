package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// reversedFS lists every folder backwards, as a file system that does not
// sort might.
type reversedFS struct{ fs.FS }

func (r reversedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	list, err := fs.ReadDir(r.FS, name)
	slices.Reverse(list)
	return list, err
}

// TestOutputIndependentOfListingOrder builds the whole site of
// testdata/inputs/site.txtar from folders listed forwards and backwards.
func TestOutputIndependentOfListingOrder(t *testing.T) {
	dir := t.TempDir()
	writeScenarioSite(t, "testdata/inputs/site.txtar", filepath.Join(dir, "site"))
	var trees []map[string][]byte
	for i, fsys := range []fs.FS{os.DirFS(filepath.Join(dir, "site")), reversedFS{os.DirFS(filepath.Join(dir, "site"))}} {
		out := filepath.Join(dir, fmt.Sprint("out", i))
		if _, err := Build(Options{Site: fsys, Out: out, Now: fixedNow("2022-03-01T12:00:00")}); err != nil {
			t.Fatal(err)
		}
		trees = append(trees, readTree(t, out))
	}
	if !treesEqual(trees[0], trees[1]) {
		for name, data := range trees[0] {
			if !bytes.Equal(data, trees[1][name]) {
				t.Errorf("%s differs when folders are listed backwards", name)
			}
		}
	}
}
