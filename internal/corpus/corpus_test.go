package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The same options write the same site, whatever the scheduling of the
// writers: benchmarks compare like with like.
func TestWriteIsDeterministic(t *testing.T) {
	o := Options{Pages: 300, Orgs: 7, Seed: 3}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if err := Write(a, o); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, o); err != nil {
		t.Fatal(err)
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("have %d and %d files", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs", name)
		}
	}
	if err := Write(a, o); err == nil {
		t.Error("Write into an existing folder: no error")
	}
}

// Pages are dealt to every body, and each links to one of its own body.
func TestPlace(t *testing.T) {
	seen := map[string]bool{}
	for i := range 1000 {
		dir, _ := Place(i, 25)
		seen[bodyOf(dir)] = true
		if j := related(i, 25); j >= 0 {
			if d, _ := Place(j, 25); bodyOf(d) != bodyOf(dir) || j >= i {
				t.Errorf("page %d (%s) links to page %d (%s)", i, dir, j, d)
			}
		}
	}
	for n := 1; n <= 25; n++ {
		if !seen[fmt.Sprintf("org%03d", n)] {
			t.Errorf("body %d has no page", n)
		}
	}
}

// bodyOf is the folder of the body a page folder is in; "" for the portal's.
func bodyOf(dir string) string {
	if strings.HasPrefix(dir, "org") {
		return dir[:6]
	}
	return ""
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
