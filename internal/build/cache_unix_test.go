//go:build unix

package build

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"gongkai/internal/stamp"
)

// TestCacheUmask: a cache filled under one umask (a strict one, as cron
// may run a build with), then built from under another, gives the files
// and folders the modes a clean build under that one gives them: a web
// server of another user must be able to read them. A folder of links
// to the kept files (an OUT before, which may be served) keeps its
// modes.
func TestCacheUmask(t *testing.T) {
	was := syscall.Umask(0o077)
	defer syscall.Umask(was)
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	time.Sleep(stamp.Tick)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00"), Cache: filepath.Join(dir, "cache")}
	for range 2 { // the cache filled, then the first site kept as the spare
		if _, err := Build(opt); err != nil {
			t.Fatal(err)
		}
	}
	released := filepath.Join(dir, "release")
	if err := filepath.WalkDir(opt.Out, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(opt.Out, p)
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return os.MkdirAll(filepath.Join(released, rel), 0o700)
		}
		return os.Link(p, filepath.Join(released, rel))
	}); err != nil {
		t.Fatal(err)
	}
	releasedModes := modesOf(t, released)
	syscall.Umask(0o027)
	edit("content/notices/a.md", "详见", "请见")(t, siteDir, "", "", nil)
	for i := range 2 { // from the spare, then from the site the strict umask made
		if _, err := Build(opt); err != nil {
			t.Fatal(err)
		}
		clean := cleanBuild(t, opt, filepath.Join(dir, "clean"))
		compareTrees(t, readTree(t, opt.Out), readTree(t, clean))
		compareModes(t, opt.Out, clean)
		if info, err := os.Stat(filepath.Join(clean, "notices/a/index.html")); err != nil || info.Mode().Perm() != 0o640 {
			t.Fatalf("build %d: a clean build's page: %v", i, info.Mode())
		}
	}
	if have := modesOf(t, released); !maps.Equal(have, releasedModes) {
		t.Errorf("the modes of a release made of the kept files changed: %v, were %v", have, releasedModes)
	}
}

// TestReleaseLinksWhateverTheMode: a release (Options.Release) links a
// kept file from the release before when its bytes are the same, whatever
// its mode, as a build without the cache links a file it made: a publish
// under another umask is no change.
func TestReleaseLinksWhateverTheMode(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/gzip.txtar", siteDir)
	opt := Options{Site: os.DirFS(siteDir), Now: fixedNow("2022-03-01"), Cache: filepath.Join(dir, "cache"), Release: true}
	prev := ""
	for i := range 2 {
		o := opt
		o.Out, o.LinkFrom = filepath.Join(dir, "staging"), prev
		release := filepath.Join(dir, fmt.Sprint("release", i))
		o.Deliver = func(Result) error { return os.Rename(o.Out, release) }
		res, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && (res.Reused == 0 || res.Linked != res.Files) {
			t.Errorf("%d of %d files taken from the cache, %d linked from the release before of another mode; want all", res.Reused, res.Files, res.Linked)
		}
		filepath.WalkDir(release, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				os.Chmod(p, 0o600)
			}
			return err
		})
		prev = release
	}
}
