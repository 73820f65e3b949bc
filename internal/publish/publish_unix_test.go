//go:build unix

package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gongkai/internal/build"
)

// TestPublishOverFilesOfAnotherMode: a site published again, unchanged,
// over a release whose files have another mode (made under another
// umask, by an older gongkai) is unchanged, with the build cache as
// without it: its files are still those of the release before, not made
// again and reported changed.
func TestPublishOverFilesOfAnotherMode(t *testing.T) {
	for _, cache := range []bool{false, true} {
		dir, o := testSite(t)
		if cache {
			o.Build.Cache = filepath.Join(dir, "site", build.CacheDir)
		}
		first := mustPublish(t, o)
		filepath.WalkDir(filepath.Join(o.WebRoot, "releases", first.Changes.Release), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				os.Chmod(p, 0o600)
			}
			return err
		})
		rep, err := Publish(o)
		if err != nil || rep.Installed || rep.Changes.Restyled != 0 || rep.Changes.Files.Changed != 0 {
			t.Errorf("cache %v: the same site again: installed %v, %d pages restyled, %d other files changed, %v", cache, rep.Installed, rep.Changes.Restyled, rep.Changes.Files.Changed, err)
		}
	}
}

// TestReleaseReadableByAll: a site published under cron's umask 077 can
// still be read by a web server of another user: its files 0644, its
// folders 0755.
func TestReleaseReadableByAll(t *testing.T) {
	_, o := testSite(t)
	was := syscall.Umask(0o077)
	rep, err := Publish(o)
	syscall.Umask(was)
	if err != nil {
		t.Fatal(err)
	}
	release := filepath.Join(o.WebRoot, "releases", rep.Changes.Release)
	filepath.WalkDir(release, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := os.Lstat(p)
		if want := fs.FileMode(0o644); d.IsDir() {
			if want = 0o755; info.Mode().Perm() != want {
				t.Errorf("%s: %v, want %v", p, info.Mode().Perm(), want)
			}
		} else if info.Mode().Perm() != want {
			t.Errorf("%s: %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
}

// TestRemoveTreeThroughALink: removing a link to a folder (a release or
// an upload folder someone linked elsewhere) removes the link, not what
// the folder it points to holds.
func TestRemoveTreeThroughALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	write(t, filepath.Join(target, "a", "index.html"), "x")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(link); err == nil {
		t.Error("the link is still there")
	}
	if _, err := os.Stat(filepath.Join(target, "a", "index.html")); err != nil {
		t.Errorf("the folder the link pointed to lost its files: %v", err)
	}
}
