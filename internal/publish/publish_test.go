package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/site"
)

// testSite writes a site of two pages, one embedding a dataset, with its
// own copy of the theme's stylesheet, and returns the publish options for
// it, with a clock a minute apart per call.
func testSite(t *testing.T) (dir string, o Options) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"site/content/site.toml":                  "title = \"示例\"\nbase_url = \"https://www.example.gov.cn/kjj/\"\n[organization]\nname = \"示例局\"\n",
		"site/content/news/_index.md":             "+++\ntitle = \"新闻\"\n+++\n",
		"site/content/news/a.md":                  "+++\ntitle = \"A\"\ndate = 2022-01-05\n+++\n正文一。\n",
		"site/content/news/b.md":                  "+++\ntitle = \"B\"\ndate = 2022-01-06\n+++\n```figures\ndataset = \"d\"\n```\n",
		"site/content/data/d.toml":                "title = \"数据\"\n[[metric]]\nkey = \"n\"\nlabel = \"数量\"\nunit = \"项\"\n[year.2021]\nn = 1\n[year.2022]\nn = 2\n",
		"site/themes/default/static/css/site.css": "body { color: #000; }\n",
	}
	for name, data := range files {
		write(t, filepath.Join(dir, name), data)
	}
	clock := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	o = Options{
		Build:   build.Options{Site: os.DirFS(filepath.Join(dir, "site")), Now: func(loc *time.Location) time.Time { t, _ := site.ParseTime("2025-03-01", loc); return t }},
		WebRoot: filepath.Join(dir, "www"),
		Clock:   func() time.Time { clock = clock.Add(time.Minute); return clock },
	}
	return dir, o
}

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustPublish(t *testing.T, o Options) Report {
	t.Helper()
	rep, err := Publish(o)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return rep
}

func urls(list []Page) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.URL)
	}
	return out
}

func current(t *testing.T, root string) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(root, "current"))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Base(target)
}

// sameFile reports whether the paths a and b name one file (a hard link).
func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	ib, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	return os.SameFile(ia, ib)
}

// TestPublish publishes a site, then each kind of change to it: what
// changed is reported against the release replaced, unchanged files are
// hard-links to its, and the web root holds only current and releases.
// With the build cache, every release is also the same as a build
// without it, and what did not change is taken from the cache.
func TestPublish(t *testing.T) {
	t.Run("without the build cache", func(t *testing.T) { testPublish(t, false) })
	t.Run("with the build cache", func(t *testing.T) { testPublish(t, true) })
}

func testPublish(t *testing.T, cache bool) {
	dir, o := testSite(t)
	if cache {
		o.Build.Cache = filepath.Join(dir, "site", build.CacheDir)
	}
	root := o.WebRoot
	first := mustPublish(t, o)
	if !first.Installed || current(t, root) != first.Changes.Release {
		t.Fatalf("first publish: installed %v, current %s, release %s", first.Installed, current(t, root), first.Changes.Release)
	}
	if have := urls(first.Changes.Added); !slices.Equal(have, []string{"news/a/", "news/b/"}) {
		t.Errorf("first publish added %q", have)
	}
	steps := []struct {
		name                    string
		change                  func()
		added, removed, changed []string
		unprompted              []string
		moved                   []string // from → to
		restyled                int
		installed               bool
	}{
		{name: "nothing", change: func() {}},
		{
			name: "a page's text",
			change: func() {
				write(t, filepath.Join(dir, "site/content/news/a.md"), "+++\ntitle = \"A\"\ndate = 2022-01-05\n+++\n正文二。\n")
			},
			changed:   []string{"news/a/"},
			installed: true,
		},
		{
			name: "a dataset: the page embedding it changed behind its editor's back",
			change: func() {
				write(t, filepath.Join(dir, "site/content/data/d.toml"), "title = \"数据\"\n[[metric]]\nkey = \"n\"\nlabel = \"数量\"\nunit = \"项\"\n[year.2021]\nn = 1\n[year.2022]\nn = 3\n")
			},
			unprompted: []string{"news/b/"},
			installed:  true,
		},
		{
			name: "a page added dated earlier: the 索引号 of those after it change",
			change: func() {
				write(t, filepath.Join(dir, "site/content/news/c.md"), "+++\ntitle = \"C\"\ndate = 2022-01-02\n+++\n正文。\n")
			},
			added:      []string{"news/c/"},
			unprompted: []string{"news/a/", "news/b/"},
			installed:  true,
		},
		{
			name: "a page moved: said so, not added and removed",
			change: func() {
				if err := os.Rename(filepath.Join(dir, "site/content/news/c.md"), filepath.Join(dir, "site/content/news/c2.md")); err != nil {
					t.Fatal(err)
				}
			},
			moved:     []string{"news/c/ → news/c2/"},
			installed: true,
		},
		{
			name: "its old address given as an alias: no longer moved",
			change: func() {
				write(t, filepath.Join(dir, "site/content/news/c2.md"), "+++\ntitle = \"C\"\ndate = 2022-01-02\naliases = [\"/news/c/\"]\n+++\n正文。\n")
			},
			installed: true, // the page is as it was; the alias is another file
		},
		{
			name:       "a page removed",
			change:     func() { os.Remove(filepath.Join(dir, "site/content/news/c2.md")) },
			removed:    []string{"news/c2/"},
			unprompted: []string{"news/a/", "news/b/"},
			installed:  true,
		},
		{
			name: "the theme's stylesheet: every page links its new address, and that is all",
			change: func() {
				write(t, filepath.Join(dir, "site/themes/default/static/css/site.css"), "body { color: #111; }\n")
			},
			restyled:  2,
			installed: true,
		},
		{
			name: "the stylesheet and a dataset: the page embedding it is listed",
			change: func() {
				write(t, filepath.Join(dir, "site/themes/default/static/css/site.css"), "body { color: #222; }\n")
				write(t, filepath.Join(dir, "site/content/data/d.toml"), "title = \"数据\"\n[[metric]]\nkey = \"n\"\nlabel = \"数量\"\nunit = \"项\"\n[year.2021]\nn = 1\n[year.2022]\nn = 4\n")
			},
			unprompted: []string{"news/b/"},
			restyled:   1,
			installed:  true,
		},
	}
	for _, st := range steps {
		before := current(t, root)
		st.change()
		dry := o
		dry.DryRun = true
		drep := mustPublish(t, dry)
		if current(t, root) != before || drep.Installed {
			t.Errorf("%s: a dry run installed a release", st.name)
		}
		rep := mustPublish(t, o)
		c := rep.Changes
		for _, r := range []Report{drep, rep} {
			if have := urls(r.Changes.Changed); !slices.Equal(have, st.changed) {
				t.Errorf("%s: changed %q, want %q", st.name, have, st.changed)
			}
		}
		if have := urls(c.Added); !slices.Equal(have, st.added) {
			t.Errorf("%s: added %q, want %q", st.name, have, st.added)
		}
		if have := urls(c.Removed); !slices.Equal(have, st.removed) {
			t.Errorf("%s: removed %q, want %q", st.name, have, st.removed)
		}
		if have := urls(c.Unprompted); !slices.Equal(have, st.unprompted) {
			t.Errorf("%s: changed without their source %q, want %q", st.name, have, st.unprompted)
		}
		var moved []string
		for _, m := range c.Moved {
			moved = append(moved, m.From+" → "+m.URL)
		}
		if !slices.Equal(moved, st.moved) {
			t.Errorf("%s: moved %q, want %q", st.name, moved, st.moved)
		}
		if c.Restyled != st.restyled {
			t.Errorf("%s: %d pages restyled, want %d", st.name, c.Restyled, st.restyled)
		}
		if rep.Installed != st.installed {
			t.Errorf("%s: installed %v, want %v", st.name, rep.Installed, st.installed)
			continue
		}
		if !st.installed {
			if current(t, root) != before {
				t.Errorf("%s: current changed", st.name)
			}
			continue
		}
		if current(t, root) != c.Release || c.Previous != before {
			t.Errorf("%s: current %s, previous %s; want %s, %s", st.name, current(t, root), c.Previous, c.Release, before)
		}
		// An unchanged file is the replaced release's, linked.
		if !sameFile(t, filepath.Join(root, "releases", before, "data/d.csv"), filepath.Join(root, "releases", c.Release, "data/d.csv")) && !strings.Contains(st.name, "dataset") {
			t.Errorf("%s: data/d.csv was not hard-linked from the release replaced", st.name)
		}
		if _, err := os.Stat(filepath.Join(root, "releases", c.Release, ".gongkai/changes.json")); err != nil {
			t.Errorf("%s: no changes.json: %v", st.name, err)
		}
		if !cache {
			continue
		}
		themed := strings.Contains(st.name, "theme") || strings.Contains(st.name, "stylesheet")
		if rep.Build.Reused == 0 && !themed {
			t.Errorf("%s: nothing taken from the build cache", st.name)
		}
		sameAsBuilt(t, o, filepath.Join(root, "releases", c.Release))
		apart(t, filepath.Join(root, "releases", c.Release), o.Build.Cache)
	}
	if have := ls(t, root); !slices.Equal(have, []string{"current", "releases"}) {
		t.Errorf("the web root holds %q, want only current and releases", have)
	}
	if have := ls(t, filepath.Join(root, "releases")); len(have) != DefaultKeep {
		t.Errorf("%d releases kept, want %d: %q", len(have), DefaultKeep, have)
	}
}

// sameAsBuilt checks that the release holds what a build of o's site
// without the cache makes, and besides it only publish's own files: its
// manifest and the stylesheets carried from the releases before.
func sameAsBuilt(t *testing.T, o Options, release string) {
	t.Helper()
	opt := o.Build
	opt.Cache, opt.Out = "", filepath.Join(t.TempDir(), "out")
	if _, err := build.Build(opt); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	filepath.WalkDir(opt.Out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(opt.Out, p)
			want[filepath.ToSlash(rel)] = string(data)
		}
		return err
	})
	filepath.WalkDir(release, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(release, p)
		rel = filepath.ToSlash(rel)
		data, _ := os.ReadFile(p)
		w, ok := want[rel]
		delete(want, rel)
		switch {
		case !ok && (strings.HasPrefix(rel, ".gongkai/") || fingerprint.MatchString(rel)):
		case !ok:
			t.Errorf("%s: not in a build without the cache", rel)
		case w != string(data):
			t.Errorf("%s: not as a build without the cache makes it", rel)
		}
		return nil
	})
	for rel := range want {
		t.Errorf("%s: missing from the release", rel)
	}
}

// apart checks that no file of the release is one of the build cache's
// (a hard link to it).
func apart(t *testing.T, release, cache string) {
	t.Helper()
	var kept []os.FileInfo
	filepath.WalkDir(filepath.Join(cache, "objects"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := os.Stat(p); err == nil {
				kept = append(kept, info)
			}
		}
		return err
	})
	if len(kept) == 0 {
		t.Fatalf("no kept files in %s", cache)
	}
	filepath.WalkDir(release, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		for _, k := range kept {
			if os.SameFile(info, k) {
				t.Errorf("%s is a file of the build cache", p)
				break
			}
		}
		return nil
	})
}

// TestPublishApartFromBuild: a build into SITE/public shares its files
// with the build cache; a release shares none with either, so that a
// file of SITE/public edited in place (a script adding a counter to the
// built pages) does not change the published page, nor the next publish.
func TestPublishApartFromBuild(t *testing.T) {
	dir, o := testSite(t)
	o.Build.Cache = filepath.Join(dir, "site", build.CacheDir)
	first := mustPublish(t, o)
	b := o.Build
	b.Out = filepath.Join(dir, "site", "public")
	if res, err := build.Build(b); err != nil || res.Reused == 0 {
		t.Fatalf("build into public/: %d files taken from the cache, %v", res.Reused, err)
	}
	page := filepath.Join(b.Out, "news/a/index.html")
	published := filepath.Join(o.WebRoot, "current/news/a/index.html")
	before, _ := os.ReadFile(published)
	f, err := os.OpenFile(page, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<!-- counter -->")
	f.Close()
	if after, _ := os.ReadFile(published); string(after) != string(before) {
		t.Fatal("a file of public/ edited in place changed the published page")
	}
	// The page the cache kept is now damaged: made again, the same.
	rep := mustPublish(t, o)
	if rep.Installed || current(t, o.WebRoot) != first.Changes.Release {
		t.Errorf("publishing again: installed %v, changes %+v", rep.Installed, rep.Changes)
	}
	apart(t, filepath.Join(o.WebRoot, "releases", first.Changes.Release), o.Build.Cache)
}

// TestAssetsCarried: after the theme's stylesheet changed, the new
// release still holds the old one's fingerprinted stylesheet, which a
// page served just before the switch links to.
func TestAssetsCarried(t *testing.T) {
	t.Run("from assets.json", func(t *testing.T) { testAssetsCarried(t, false) })
	t.Run("from a release made before assets.json", func(t *testing.T) { testAssetsCarried(t, true) })
}

func testAssetsCarried(t *testing.T, older bool) {
	dir, o := testSite(t)
	first := mustPublish(t, o)
	if older {
		mustRemove(t, filepath.Join(o.WebRoot, "releases", first.Changes.Release, assetsFile))
	}
	css := func(release string) []string {
		names, _ := filepath.Glob(filepath.Join(o.WebRoot, "releases", release, "css", "site.*.css"))
		for i := range names {
			names[i] = filepath.Base(names[i])
		}
		return names
	}
	old := css(first.Changes.Release)
	if len(old) != 1 {
		t.Fatalf("first release's fingerprinted CSS: %q", old)
	}
	write(t, filepath.Join(dir, "site/themes/default/static/css/site.css"), "body { color: #222; }\n")
	second := mustPublish(t, o)
	have := css(second.Changes.Release)
	if len(have) != 2 || !slices.Contains(have, old[0]) {
		t.Errorf("second release's fingerprinted CSS: %q, want its own and %s", have, old[0])
	}
	page, _ := os.ReadFile(filepath.Join(o.WebRoot, "current/news/a/index.html"))
	if strings.Contains(string(page), old[0]) {
		t.Errorf("the new release's pages link the old stylesheet")
	}
	// Rolled back, the first release gets the second's stylesheet, which
	// a page served just before the rollback links.
	if _, _, err := Rollback(o.WebRoot, ""); err != nil {
		t.Fatal(err)
	}
	if have := css(first.Changes.Release); len(have) != 2 {
		t.Errorf("the release rolled back to has the fingerprinted CSS %q, want both", have)
	}
}

// TestRollback rolls back to the release replaced, again to the one
// before, then to a named one; a publish after a rollback is compared
// with the release rolled back to.
func TestRollback(t *testing.T) {
	dir, o := testSite(t)
	var ids []string
	for i := range 3 {
		write(t, filepath.Join(dir, "site/content/news/a.md"), "+++\ntitle = \"A\"\ndate = 2022-01-05\n+++\n版本"+string(rune('一'+i))+"。\n")
		ids = append(ids, mustPublish(t, o).Changes.Release)
	}
	for _, want := range []string{ids[1], ids[0]} {
		from, to, err := Rollback(o.WebRoot, "")
		if err != nil || to != want || current(t, o.WebRoot) != want {
			t.Fatalf("rollback from %s: to %s (%v), current %s; want %s", from, to, err, current(t, o.WebRoot), want)
		}
	}
	if _, _, err := Rollback(o.WebRoot, ""); err == nil || !strings.Contains(err.Error(), "no release before") {
		t.Errorf("rollback from the first release: %v", err)
	}
	if _, to, err := Rollback(o.WebRoot, ids[2]); err != nil || to != ids[2] {
		t.Errorf("rollback --release %s: %s, %v", ids[2], to, err)
	}
	if _, _, err := Rollback(o.WebRoot, "nope"); err == nil || !strings.Contains(err.Error(), "there is no release nope") {
		t.Errorf("rollback to a release that is not there: %v", err)
	}
	Rollback(o.WebRoot, ids[0])
	rep := mustPublish(t, o) // the text of ids[2]
	if rep.Changes.Previous != ids[0] || !slices.Equal(urls(rep.Changes.Changed), []string{"news/a/"}) {
		t.Errorf("publish after rollback: previous %s, changed %q", rep.Changes.Previous, urls(rep.Changes.Changed))
	}
	list, err := Releases(o.WebRoot)
	if err != nil || len(list) != 4 || !list[3].Current {
		t.Errorf("releases: %+v, %v", list, err)
	}
}

// TestPublishRefused: a second publish while one holds the lock is
// refused; a build with errors installs nothing.
func TestPublishRefused(t *testing.T) {
	dir, o := testSite(t)
	mustPublish(t, o)
	before := current(t, o.WebRoot)
	unlock, err := build.Lock(filepath.Join(o.WebRoot, ".publish.lock"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(o); err == nil || !strings.Contains(err.Error(), "another publish or rollback is writing") {
		t.Errorf("publish beside a held lock: %v", err)
	}
	unlock()
	write(t, filepath.Join(dir, "site/content/news/a.md"), "+++\ntitel = \"A\"\n+++\n")
	if _, err := Publish(o); err == nil || !strings.Contains(err.Error(), `unknown key "titel"`) {
		t.Errorf("publish of a site with errors: %v", err)
	}
	if current(t, o.WebRoot) != before {
		t.Errorf("a failed publish switched current")
	}
	if have := ls(t, o.WebRoot); !slices.Equal(have, []string{"current", "releases"}) {
		t.Errorf("the web root holds %q, want only current and releases", have)
	}
}

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

// TestWhatCannotBeRemoved: an old release that cannot be removed (a file
// in it an administrator copied in as root) is warned of, by this
// publish and the next, and fails neither, nor a rollback.
func TestWhatCannotBeRemoved(t *testing.T) {
	dir, o := testSite(t)
	o.Keep = 2
	var ids []string
	publishText := func(text string) Report {
		t.Helper()
		write(t, filepath.Join(dir, "site/content/news/a.md"), "+++\ntitle = \"A\"\ndate = 2022-01-05\n+++\n"+text+"\n")
		rep := mustPublish(t, o)
		ids = append(ids, rep.Changes.Release)
		return rep
	}
	publishText("一。")
	publishText("二。")
	stuck := filepath.Join(o.WebRoot, trashPrefix+ids[0], "news/a/index.html")
	removeAll = func(p string) error {
		return &os.PathError{Op: "unlinkat", Path: filepath.Join(p, "news/a/index.html"), Err: os.ErrPermission}
	}
	defer func() { removeAll = os.RemoveAll }()
	for i, text := range []string{"三。", "四。"} {
		rep := publishText(text)
		if !rep.Installed || current(t, o.WebRoot) != rep.Changes.Release {
			t.Fatalf("publish %d with an old release that cannot be removed: not installed", i)
		}
		if len(rep.Left) == 0 || rep.Left[0].Path != stuck || !rep.Left[0].Warning {
			t.Errorf("publish %d: left %v, want a warning of %s", i, rep.Left, stuck)
		}
	}
	if _, to, err := Rollback(o.WebRoot, ""); err != nil || to != ids[2] {
		t.Errorf("rollback: to %s, %v; want %s", to, err, ids[2])
	}
}

// TestCurrentReleaseDeleted: a publish after the current release was
// deleted by hand installs a whole release and makes no empty one in
// the deleted one's place, which a rollback would switch to.
func TestCurrentReleaseDeleted(t *testing.T) {
	_, o := testSite(t)
	first := mustPublish(t, o).Changes.Release
	if err := os.RemoveAll(filepath.Join(o.WebRoot, releasesDir, first)); err != nil {
		t.Fatal(err)
	}
	rep := mustPublish(t, o)
	if !rep.Installed || rep.Changes.Previous != "" {
		t.Errorf("installed %v, previous %q; want a new release replacing none", rep.Installed, rep.Changes.Previous)
	}
	if _, err := os.Stat(filepath.Join(o.WebRoot, "current/index.html")); err != nil {
		t.Errorf("the site is not served: %v", err)
	}
	if _, err := os.Stat(filepath.Join(o.WebRoot, releasesDir, first)); err == nil {
		t.Errorf("the deleted release %s is there again", first)
	}
	list, err := Releases(o.WebRoot)
	if err != nil || len(list) != 1 {
		t.Errorf("releases: %v, %v; want the new one alone", list, err)
	}
	if _, _, err := Rollback(o.WebRoot, ""); err == nil {
		t.Error("rolled back to a release that is not there")
	}
}

// TestFirstPublishFails: a first publish whose build fails leaves no
// web root of releases behind: releases and rollback say there is none.
func TestFirstPublishFails(t *testing.T) {
	dir, o := testSite(t)
	write(t, filepath.Join(dir, "site/content/news/a.md"), "+++\ntitel = \"A\"\n+++\n")
	if _, err := Publish(o); err == nil {
		t.Fatal("a site with an error published")
	}
	if _, err := os.Stat(filepath.Join(o.WebRoot, releasesDir)); err == nil {
		t.Error("a failed first publish made releases/")
	}
	if _, err := Releases(o.WebRoot); err == nil || !strings.Contains(err.Error(), "has no releases") {
		t.Errorf("releases after a failed first publish: %v", err)
	}
	if _, _, err := Rollback(o.WebRoot, ""); err == nil || !strings.Contains(err.Error(), "has no releases") {
		t.Errorf("rollback after a failed first publish: %v", err)
	}
}

// TestCompareOlderManifest: a release made before pages' source hashes
// were cut to 16 hex digits gives them in full; a page whose output
// changed while its source did not is still told apart from one whose
// source changed.
func TestCompareOlderManifest(t *testing.T) {
	full := "3f2a9c01b4e5d6f7" + strings.Repeat("0123456789abcdef", 3)
	old := &manifest{Files: []entry{
		{Path: "a/index.html", Page: true, Source: "content/a.md", SourceHash: full},
		{Path: "b/index.html", Page: true, Source: "content/b.md", SourceHash: full},
	}}
	outputs := []build.Output{
		{Path: "a/index.html", Page: true, Source: "content/a.md", SourceHash: full[:16], Hash: "1"},
		{Path: "b/index.html", Page: true, Source: "content/b.md", SourceHash: "ffff" + full[4:16], Hash: "2"},
	}
	c := compare(old, outputs, nil)
	if have := urls(c.Unprompted); !slices.Equal(have, []string{"a/"}) {
		t.Errorf("changed without their source: %q, want a/", have)
	}
	if have := urls(c.Changed); !slices.Equal(have, []string{"b/"}) {
		t.Errorf("changed: %q, want b/", have)
	}
}

func mustRemove(t *testing.T, p string) {
	t.Helper()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}

// TestPruneWithoutANewRelease: a publish killed before it removed the
// releases no longer kept leaves one too many; the next publish removes
// it even when nothing changed, and installs nothing.
func TestPruneWithoutANewRelease(t *testing.T) {
	dir, o := testSite(t)
	o.Keep = 2
	first := mustPublish(t, o)
	write(t, filepath.Join(dir, "site/content/news/a.md"), "+++\ntitle = \"A\"\ndate = 2022-01-05\n+++\n正文二。\n")
	second := mustPublish(t, o)
	// A third, older release, installed: as a killed publish leaves it.
	older := "20000101T000000.000Z-00000000"
	from := filepath.Join(o.WebRoot, "releases", first.Changes.Release)
	filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(from, p)
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			write(t, filepath.Join(o.WebRoot, "releases", older, rel), string(data))
		}
		return err
	})
	rep := mustPublish(t, o)
	if rep.Installed || !slices.Equal(rep.Pruned, []string{older}) {
		t.Errorf("nothing changed: installed %v, removed %q; want nothing installed and %s removed", rep.Installed, rep.Pruned, older)
	}
	if have := ls(t, filepath.Join(o.WebRoot, "releases")); !slices.Equal(have, []string{first.Changes.Release, second.Changes.Release}) {
		t.Errorf("releases %q, want the two kept", have)
	}
}
