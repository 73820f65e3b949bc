package build

import (
	"errors"
	"gongkai/internal/diag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// writeSmallSite writes a site of one page; bad makes the page an error.
func writeSmallSite(t *testing.T, dir string, bad bool) {
	t.Helper()
	date := "2022-01-10"
	if bad {
		date = "5"
	}
	writeFile(t, filepath.Join(dir, "content/site.toml"), []byte(fuzzSiteConfig))
	writeFile(t, filepath.Join(dir, fuzzColumnPath), []byte(fuzzColumn))
	writeFile(t, filepath.Join(dir, fuzzPagePath), []byte("+++\ntitle = \"通知\"\ndate = "+date+"\n+++\n正文。\n"))
}

// ls lists the names in dir, sorted.
func ls(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestSecondBuildRefused holds the lock on OUT, as a running build does:
// a second build into OUT is refused and changes nothing; once the lock is
// let go, a build works.
func TestSecondBuildRefused(t *testing.T) {
	dir := t.TempDir()
	siteDir, out := filepath.Join(dir, "site"), filepath.Join(dir, "out")
	writeSmallSite(t, siteDir, false)
	opt := Options{Site: os.DirFS(siteDir), Out: out, Now: fuzzNow}
	running, err := openOutput(out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(opt)
	if err == nil || !strings.Contains(err.Error(), "another build is writing "+out) {
		t.Errorf("a build while another writes %s: have %v, want another build is writing", out, err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the refused build touched OUT: %v", err)
	}
	running.abort()
	if _, err := Build(opt); err != nil {
		t.Fatalf("build after the lock was let go: %v", err)
	}
}

// TestBuildLeavesOnlyOut: a successful build, a failed one and a check
// leave nothing beside OUT — no lock file, no temporary folder — that an
// editor could commit by mistake.
func TestBuildLeavesOnlyOut(t *testing.T) {
	dir := t.TempDir()
	good, bad, parent := filepath.Join(dir, "good"), filepath.Join(dir, "bad"), filepath.Join(dir, "parent")
	writeSmallSite(t, good, false)
	writeSmallSite(t, bad, true)
	out := filepath.Join(parent, "out")
	steps := []struct {
		name string
		opt  Options
		fail bool
	}{
		{"first build", Options{Site: os.DirFS(good), Out: out}, false},
		{"failed build", Options{Site: os.DirFS(bad), Out: out}, true},
		{"second build", Options{Site: os.DirFS(good), Out: out}, false},
		{"check", Options{Site: os.DirFS(good), Out: out, Check: true}, false},
	}
	for _, s := range steps {
		s.opt.Now = fuzzNow
		if _, err := Build(s.opt); (err != nil) != s.fail {
			t.Fatalf("%s: have error %v, want failure %v", s.name, err, s.fail)
		}
		if have := ls(t, parent); !slices.Equal(have, []string{"out"}) {
			t.Errorf("after the %s, OUT's folder holds %q, want only out", s.name, have)
		}
	}
	// A failed first build leaves OUT's folder as empty as it was.
	fresh := filepath.Join(dir, "fresh")
	os.Mkdir(fresh, 0o755)
	if _, err := Build(Options{Site: os.DirFS(bad), Out: filepath.Join(fresh, "out"), Now: fuzzNow}); err == nil {
		t.Fatal("the bad site built")
	}
	if have := ls(t, fresh); len(have) > 0 {
		t.Errorf("a failed first build left %q", have)
	}
}

// TestKilledBuildDebrisCleared: a killed build leaves its lock file and
// temporary folder behind; the next build takes the lock over, clears the
// folder and leaves only OUT.
func TestKilledBuildDebrisCleared(t *testing.T) {
	dir := t.TempDir()
	siteDir, parent := filepath.Join(dir, "site"), filepath.Join(dir, "parent")
	writeSmallSite(t, siteDir, false)
	writeFile(t, filepath.Join(parent, ".out.lock"), nil)
	writeFile(t, filepath.Join(parent, ".out.tmp-123", "index.html"), []byte("half a site"))
	writeFile(t, filepath.Join(parent, ".out.tmp-456-old", "index.html"), []byte("an old site"))
	if _, err := Build(Options{Site: os.DirFS(siteDir), Out: filepath.Join(parent, "out"), Now: fuzzNow}); err != nil {
		t.Fatal(err)
	}
	if have := ls(t, parent); !slices.Equal(have, []string{"out"}) {
		t.Errorf("after a build over a killed one's debris, OUT's folder holds %q, want only out", have)
	}
}

// TestNoOutputFolderRefused: a build (not a check) without OUT is an
// error, not a build into the current folder.
func TestNoOutputFolderRefused(t *testing.T) {
	dir := t.TempDir()
	writeSmallSite(t, dir, false)
	if _, err := Build(Options{Site: os.DirFS(dir), Now: fuzzNow}); err == nil || err.Error() != "no output folder" {
		t.Errorf("a build without OUT: have %v, want no output folder", err)
	}
}

// TestOldSiteLeft: when the old site cannot all be removed after the new
// one is swapped in (on Windows, a file another program has open), the
// build has still succeeded: it says which folder is left, and the next
// build removes it.
func TestOldSiteLeft(t *testing.T) {
	dir := t.TempDir()
	siteDir, out := filepath.Join(dir, "site"), filepath.Join(dir, "out")
	writeSmallSite(t, siteDir, false)
	opt := Options{Site: os.DirFS(siteDir), Out: out, Now: fuzzNow}
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(siteDir, fuzzPagePath), []byte("+++\ntitle = \"通知\"\ndate = 2022-01-10\n+++\n新的正文。\n"))
	remove := removeTree
	removeTree = func(string) error { return os.ErrPermission }
	res, err := Build(opt)
	removeTree = remove
	if err != nil {
		t.Fatalf("old site left: build failed: %v", err)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Msg, "delete this folder") {
		t.Fatalf("notices %v, want one saying which folder to delete", res.Notices)
	}
	left := res.Notices[0].Path
	if _, err := os.Stat(filepath.Join(left, "index.html")); err != nil {
		t.Errorf("the folder named is not the old site: %v", err)
	}
	page, _ := os.ReadFile(filepath.Join(out, "notices", "a", "index.html"))
	if !strings.Contains(string(page), "新的正文") {
		t.Errorf("the new site is not in place")
	}
	if _, err := Build(opt); err != nil {
		t.Fatalf("the build after: %v", err)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the build after left the old site's folder: %v", err)
	}
}

// TestDiskFull: a build whose files cannot be written for want of space
// says so once, not once per file, and leaves OUT as it was.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00")}
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, opt.Out)
	writeOut = func(name string, data []byte, perm fs.FileMode) error {
		return &fs.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
	}
	defer func() { writeOut = os.WriteFile }()
	_, err := Build(opt)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Error(), "the disk is full") {
		t.Fatalf("a build on a full disk: %v, want one error saying the disk is full", err)
	}
	compareTrees(t, readTree(t, opt.Out), before)
}

// TestHTMLExcerpt: a page's description, read from its rendered body
// only as far as it needs, is the excerpt of the body's whole text.
func TestHTMLExcerpt(t *testing.T) {
	long := strings.Repeat("科技特派员服务乡村振兴。", 20)
	for _, h := range []string{
		"", "<p>短</p>", "<p>" + long + "</p>",
		"<h2>一、总体情况</h2>\n<p>全县&amp;各乡镇 " + long + "</p>",
		"<p>" + strings.Repeat("a ", 99) + "</p><p>b c</p>",
		"<p>" + strings.Repeat("字", 100) + "</p>", "<p>" + strings.Repeat("字", 101) + "</p>",
		"<script>var x = '<p>';</script><p>正文</p>", "<p>断开的标签", "文字 &lt;b&gt; <b>粗</b>",
	} {
		if got, want := htmlExcerpt([]byte(h)), excerpt(htmlText([]byte(h))); got != want {
			t.Errorf("%q: %q, want %q", h, got, want)
		}
	}
}
