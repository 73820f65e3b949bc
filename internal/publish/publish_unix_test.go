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

// TestPublishUnderAnotherUmask: a site published again, unchanged, by a
// process of another umask (cron's 077) is unchanged, with the build
// cache as without it: its files are still those of the release
// before, not made again and reported changed.
func TestPublishUnderAnotherUmask(t *testing.T) {
	for _, cache := range []bool{false, true} {
		dir, o := testSite(t)
		if cache {
			o.Build.Cache = filepath.Join(dir, "site", build.CacheDir)
		}
		was := syscall.Umask(0o022)
		mustPublish(t, o)
		syscall.Umask(0o077)
		rep, err := Publish(o)
		syscall.Umask(was)
		if err != nil || rep.Installed || rep.Changes.Restyled != 0 || rep.Changes.Files.Changed != 0 {
			t.Errorf("cache %v: the same site again under umask 077: installed %v, %d pages restyled, %d other files changed, %v", cache, rep.Installed, rep.Changes.Restyled, rep.Changes.Files.Changed, err)
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
