package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/stamp"
	"gongkai/themes"
)

// TestCacheMatchesCleanBuild changes the site of testdata/inputs/site.txtar
// (with gzip on) in each way an editor, a theme author or a broken disk
// can, after a build that filled the cache. A build using that cache, in
// a fresh builder as a new process would have it, must leave exactly the
// bytes of a clean build of the changed site, and make again only what
// the change reaches; a second cached build then reuses everything.
func TestCacheMatchesCleanBuild(t *testing.T) {
	t.Run("texts in memory", cacheMatchesCleanBuild)
	t.Run("texts in a file", func(t *testing.T) {
		textsInAFile(t)
		cacheMatchesCleanBuild(t)
	})
}

func cacheMatchesCleanBuild(t *testing.T) {
	const now = "2022-03-01T12:00:00"
	pageA := []string{"notices/a/index.html", "notices/a/index.html.gz"}
	// The /search/ page names the index's version: made again when the
	// index changes.
	const searchPage = "search/index.html"
	titleA := []string{
		"atom.xml", "atom.xml.gz", "index.html", "index.html.gz", "notices/a/index.html", "notices/a/index.html.gz",
		"notices/atom.xml", "notices/atom.xml.gz", "notices/index.html", "notices/index.html.gz",
		"old/a/index.html", "old/a/index.html.gz", "old/notice-a.html", "old/notice-a.html.gz",
	}
	cases := []struct {
		name string
		// change edits the site in siteDir, the cache folder, or the
		// output of the build before; it may move the clock (now).
		change func(t *testing.T, siteDir, cache, out string, now *string)
		drafts bool
		// made is what the cached build writes again (the search index
		// aside); nil: everything, or not checked when all is false.
		made []string
		all  bool // everything is made again: nothing reused
	}{
		{name: "nothing", change: func(*testing.T, string, string, string, *string) {}, made: []string{}},
		{
			name:   "page text",
			change: edit("content/notices/a.md", "详见", "请见"),
			made:   append(slices.Clone(pageA), searchPage),
		},
		{
			name:   "page title",
			change: edit("content/notices/a.md", "关于开展科技培训的通知", "关于开展科技培训的补充通知"),
			made:   append(slices.Clone(titleA), searchPage),
		},
		{name: "page date", change: edit("content/notices/a.md", "date = 2022-01-10", "date = 2022-01-05")},
		{
			name:   "dataset",
			change: edit("content/data/projects.toml", "funds = 135.5", "funds = 140"),
			made: []string{
				"data/projects.csv", "data/projects.csv.gz", "data/projects.json", "data/projects.json.gz",
				"data/projects/index.html", "data/projects/index.html.gz", "reports/2021/index.html", "reports/2021/index.html.gz",
				searchPage,
			},
		},
		{
			name: "template",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				tmpl, err := fs.ReadFile(themes.Default, "templates/404.html")
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(siteDir, "themes/default/templates/404.html"), append(tmpl, "<!-- 改 -->\n"...))
			},
			all: true,
		},
		{
			name: "theme static file",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				writeFile(t, filepath.Join(siteDir, "themes/default/static/css/print.css"), []byte("body{color:#000}\n"))
			},
			all: true,
		},
		{name: "site.toml", change: edit("content/site.toml", "示例县科学技术局", "示例县科技局"), all: true},
		{name: "site.toml: search off", change: edit("content/site.toml", "gzip = true", "gzip = true\nsearch = false"), all: true},
		{name: "drafts", drafts: true, all: true},
		{
			name: "deletion",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				os.Remove(filepath.Join(siteDir, "content/notices/d.md"))
			},
		},
		{
			name: "rename",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				os.Rename(filepath.Join(siteDir, "content/notices/d.md"), filepath.Join(siteDir, "content/notices/d2.md"))
			},
		},
		{
			name: "new column: every page's menu",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				writeFile(t, filepath.Join(siteDir, "content/guides/_index.md"), []byte("+++\ntitle = \"办事指南\"\n+++\n"))
				writeFile(t, filepath.Join(siteDir, "content/guides/g.md"), []byte("+++\ntitle = \"指南一\"\ndate = 2022-01-02\n+++\n指南。\n"))
			},
		},
		{
			name: "new page dated earlier: 索引号 renumbered",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				writeFile(t, filepath.Join(siteDir, "content/notices/e.md"), []byte("+++\ntitle = \"新通知\"\ndate = 2022-01-01\n+++\n新的。\n"))
			},
		},
		{
			name: "attachment: same size, old time",
			change: func(t *testing.T, siteDir, _, _ string, _ *string) {
				name := filepath.Join(siteDir, "content/reports/2021/report.pdf")
				info, err := os.Stat(name)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, name, []byte("%PDF-1.4 TEST\n"))
				os.Chtimes(name, info.ModTime(), info.ModTime())
			},
			made: []string{"reports/2021/report.pdf"},
		},
		{
			name: "clock: an embargo ends",
			change: func(t *testing.T, _, _, _ string, now *string) {
				*now = "2022-03-03T12:00:00"
			},
		},
		{
			name:   "column text",
			change: edit("content/notices/_index.md", "本栏目发布", "本栏目及时发布"),
			made:   []string{"notices/index.html", "notices/index.html.gz"},
		},
		{
			// Its stamp tells it: the page is read again, not taken as
			// the last build read it.
			name: "page title, the file's size and time kept",
			change: func(t *testing.T, siteDir, cache, out string, now *string) {
				name := filepath.Join(siteDir, "content/notices/a.md")
				info := statOf(t, name)
				edit("content/notices/a.md", "关于开展科技培训的通知", "关于开展科技培训的通告")(t, siteDir, cache, out, now)
				if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
					t.Fatal(err)
				}
			},
			made: append(slices.Clone(titleA), searchPage),
		},
		{
			name:   "the kept pages damaged",
			change: damage("pages", flipMiddle),
			made:   []string{},
		},
		{
			name: "a kept file corrupted",
			change: func(t *testing.T, _, cache, out string, _ *string) {
				obj := object(t, cache, filepath.Join(out, "notices/a/index.html"))
				data, _ := os.ReadFile(obj)
				data[len(data)/2] ^= 1
				writeFile(t, obj, data)
			},
			made: pageA,
		},
		{
			// Its stamp's change time tells it: the size and the
			// modification time are as they were.
			name: "a kept file changed, its size and time kept",
			change: func(t *testing.T, _, cache, out string, _ *string) {
				obj := object(t, cache, filepath.Join(out, "notices/a/index.html"))
				info := statOf(t, obj)
				data, _ := os.ReadFile(obj)
				data[len(data)/2] ^= 1
				writeFile(t, obj, data)
				if err := os.Chtimes(obj, info.ModTime(), info.ModTime()); err != nil {
					t.Fatal(err)
				}
			},
			made: pageA,
		},
		{
			// A run used as it is would put wrong pages in the search
			// index, which the comparison with a clean build would show.
			name: "the kept search runs corrupted",
			change: func(t *testing.T, _, cache, _ string, _ *string) {
				tamper(t, filepath.Join(cache, "runs"), func(data []byte) []byte {
					for i := len(data) / 2; i < len(data); i += 16 {
						data[i] ^= 0x55
					}
					return data
				})
			},
		},
		{
			// Without the runs, the index is made from the kept texts; a
			// text used as it is would put wrong words in it.
			name: "the kept search runs deleted, the pages' texts corrupted",
			change: func(t *testing.T, _, cache, _ string, _ *string) {
				os.RemoveAll(filepath.Join(cache, "runs"))
				tamper(t, filepath.Join(cache, "texts"), func(data []byte) []byte { return append(data, "篡改"...) })
			},
		},
		{
			name: "the kept search runs and the pages' texts deleted",
			change: func(t *testing.T, _, cache, _ string, _ *string) {
				os.RemoveAll(filepath.Join(cache, "runs"))
				os.RemoveAll(filepath.Join(cache, "texts"))
			},
		},
		{
			name: "a published file edited in place, which shares the kept one",
			change: func(t *testing.T, _, _, out string, _ *string) {
				f, err := os.OpenFile(filepath.Join(out, "notices/a/index.html.gz"), os.O_WRONLY|os.O_APPEND, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString("tampered")
				f.Close()
			},
			made: pageA,
		},
		{
			name: "a kept file deleted",
			change: func(t *testing.T, _, cache, out string, _ *string) {
				os.Remove(object(t, cache, filepath.Join(out, "notices/a/index.html")))
			},
			made: pageA,
		},
		{
			name:   "manifest cut short",
			change: damage("manifest", func(b []byte) []byte { return b[:len(b)-1] }),
			all:    true,
		},
		{
			name:   "manifest one byte changed",
			change: damage("manifest", flipMiddle),
			all:    true,
		},
		{
			// Damage that still decodes: two files' hashes swapped, the
			// checksum left as it was. Only the checksum tells.
			name: "manifest damaged but decodable",
			change: func(t *testing.T, _, cache, _ string, _ *string) {
				name := filepath.Join(cache, "manifest")
				data, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				n := len(data) - sha256.Size
				var id key
				copy(id[:], data[len(cacheVersion):])
				old := parseManifest(string(data[:n])).forID(id)
				if old == nil {
					t.Fatal("the manifest does not read")
				}
				m := cacheManifest{ID: id, Entries: slices.Collect(old.entries())}
				at := func(rel string) *cacheEntry {
					for i := range m.Entries {
						if m.Entries[i].Path == rel {
							return &m.Entries[i]
						}
					}
					t.Fatalf("the manifest has no %s", rel)
					return nil
				}
				a, b := at("notices/a/index.html"), at("notices/d/index.html")
				a.Hash, b.Hash = b.Hash, a.Hash
				var buf bytes.Buffer
				encodeManifest(&buf, m)
				buf.Write(data[n:])
				writeFile(t, name, buf.Bytes())
			},
			all: true,
		},
		{
			name: "manifest garbage",
			change: func(t *testing.T, _, cache, _ string, _ *string) {
				writeFile(t, filepath.Join(cache, "manifest"), []byte("gongkai build cache 1\n\x00\x01garbage"))
			},
			all: true,
		},
		{
			name: "cache folder deleted",
			change: func(t *testing.T, _, cache, _ string, _ *string) {
				os.RemoveAll(cache)
			},
			all: true,
		},
		{
			// A build killed after it swapped OUT in, before it wrote the
			// manifest: the next finds the manifest of the build before,
			// whose files the killed one's clean-up may have removed.
			name: "manifest of an older site",
			change: func(t *testing.T, siteDir, cache, out string, now *string) {
				old, err := os.ReadFile(filepath.Join(cache, "manifest"))
				if err != nil {
					t.Fatal(err)
				}
				edit("content/notices/a.md", "关于开展科技培训的通知", "关于开展科技培训的补充通知")(t, siteDir, cache, out, now)
				opt := Options{Site: os.DirFS(siteDir), Out: out + "-killed", Now: fixedNow(*now), Cache: cache}
				if _, err := Build(opt); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(cache, "manifest"), old)
				edit("content/notices/a.md", "补充通知", "通知（修订）")(t, siteDir, cache, out, now)
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			siteDir := filepath.Join(dir, "site")
			writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
			edit("content/site.toml", "[organization]", "gzip = true\n\n[organization]")(t, siteDir, "", "", nil)
			time.Sleep(stamp.Tick) // the pages' files settled: the first build keeps them
			cache := filepath.Join(dir, "cache")
			at := now
			first := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "first"), Now: fixedNow(at), Cache: cache}
			if _, err := Build(first); err != nil {
				t.Fatal(err)
			}
			if c.change != nil {
				c.change(t, siteDir, cache, first.Out, &at)
			}

			clean := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "clean"), Now: fixedNow(at), Drafts: c.drafts}
			want, err := Build(clean)
			if err != nil {
				t.Fatal(err)
			}
			cached := clean
			cached.Out, cached.Cache = filepath.Join(dir, "cached"), cache
			have, err := Build(cached)
			if err != nil {
				t.Fatal(err)
			}
			compareTrees(t, readTree(t, cached.Out), readTree(t, clean.Out))
			made := slices.DeleteFunc(slices.Clone(have.Written), isSearchIndex)
			switch {
			case c.all && have.Reused > 0:
				t.Errorf("reused %d files, want none", have.Reused)
			case c.made != nil && !slices.Equal(made, c.made):
				t.Errorf("made %q, want %q", made, c.made)
			case !c.all && have.Reused == 0:
				t.Errorf("reused nothing")
			case !c.all && c.name != "the kept pages damaged" && have.PagesKept == 0 && stamp.Of(statOf(t, siteDir)) != 0:
				t.Errorf("took no page as the last build read it")
			}
			if have.Files != want.Files || have.Reused+len(have.Written) != have.Files {
				t.Errorf("files: %d reused + %d made, want %d in all", have.Reused, len(have.Written), want.Files)
			}

			// The cache the build left serves the next one whole.
			again := cached
			again.Out = filepath.Join(dir, "again")
			res, err := Build(again)
			if err != nil {
				t.Fatal(err)
			}
			compareTrees(t, readTree(t, again.Out), readTree(t, clean.Out))
			if len(res.Written) > 0 { // the search index's files too: made the same, taken from the cache
				t.Errorf("second cached build made %q, want nothing", res.Written)
			}
		})
	}
}

// TestCacheTakesByStamp: a cached build takes the kept files whose stamps
// are those the manifest recorded without reading them (on Linux, where
// package stamp reads the change time), and reads those whose stamps are not.
func TestCacheTakesByStamp(t *testing.T) {
	if stamp.Of(statOf(t, ".")) == 0 {
		t.Skip("no stamps on this system: every kept file is read")
	}
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	o := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00"), Cache: filepath.Join(dir, "cache")}
	if _, err := Build(o); err != nil {
		t.Fatal(err)
	}
	// A kept file touched: same bytes, another stamp.
	obj := object(t, o.Cache, filepath.Join(o.Out, "notices/a/index.html"))
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(obj, later, later); err != nil {
		t.Fatal(err)
	}
	// A kept file that several outputs share (the same bytes: two
	// redirects to one page) is linked by the first taken, which moves
	// its change time: the others read it.
	shared := 0
	seen := map[string]bool{}
	for _, data := range readTree(t, o.Out) {
		h := string(sha(data))
		if seen[h] {
			shared++
		}
		seen[h] = true
	}
	before, checked := keptReads.Load(), runsChecked.Load()
	res, err := Build(o)
	if err != nil {
		t.Fatal(err)
	}
	if read := keptReads.Load() - before; res.Reused < 10 || read < 1 || read > 1+int64(shared) {
		t.Errorf("reused %d files, of which %d were read to check them; want the one touched read, and at most %d shared by several outputs", res.Reused, read, shared)
	}
	// The search index's run and memo, kept and stamped by the first
	// build, are taken unread.
	if _, err := Build(o); err != nil {
		t.Fatal(err)
	}
	if n := runsChecked.Load() - checked; n > 0 {
		t.Errorf("%d search runs read to check them, whose stamps the manifest has", n)
	}
}

// TestCacheKeepsOnlyWhatItNames checks that the cache does not grow with
// every build: the files no output has any more are removed.
func TestCacheKeepsOnlyWhatItNames(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00"), Cache: filepath.Join(dir, "cache")}
	for i := range 3 {
		edit("content/notices/a.md", "详见", "详见"+strings.Repeat("更", i+1))(t, siteDir, "", "", nil)
		if _, err := Build(opt); err != nil {
			t.Fatal(err)
		}
	}
	kept := readTree(t, filepath.Join(opt.Cache, "objects"))
	out := readTree(t, opt.Out)
	hashes := map[string]bool{}
	for _, data := range out {
		hashes[hex.EncodeToString(sha(data))] = true
	}
	for name := range kept {
		if !hashes[filepath.Base(name)] {
			t.Errorf("cache keeps %s, which no output has", name)
		}
	}
	// The site's pages make one batch of the search index: one run, the
	// last build's (each build changed a page's text), its merge
	// (search's memo) and the sums of its dictionaries and lines, not
	// the runs it replaced.
	if runs := readTree(t, filepath.Join(opt.Cache, "runs")); len(runs) != 4 {
		t.Errorf("cache keeps %d search runs, memos and sums, want the last build's run, memo and two of sums", len(runs))
	}
	var folders []string
	for name, mode := range modesOf(t, filepath.Join(opt.Cache, "runs")) {
		if mode.IsDir() {
			folders = append(folders, name)
		}
	}
	if len(folders) > 5 {
		t.Errorf("runs/ keeps the folders %q, want those of the run, memo and sums", folders)
	}
	if _, err := os.Stat(filepath.Join(opt.Cache, "lock")); err == nil {
		t.Error("the cache's lock file is left behind")
	}
}

// compareTrees reports every file of have that is not want's, byte for byte.
func compareTrees(t *testing.T, have, want map[string][]byte) {
	t.Helper()
	for _, name := range slices.Sorted(mapKeys(want)) {
		if h, ok := have[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if !bytes.Equal(h, want[name]) {
			t.Errorf("%s differs from a clean build:\n%s", name, diffLines(string(h), string(want[name])))
		}
	}
	for _, name := range slices.Sorted(mapKeys(have)) {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is stale: a clean build does not make it", name)
		}
	}
}

// edit replaces from by to in the site's file name.
func edit(name, from, to string) func(t *testing.T, siteDir, cache, out string, now *string) {
	return func(t *testing.T, siteDir, _, _ string, _ *string) {
		t.Helper()
		p := filepath.Join(siteDir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(from)) {
			t.Fatalf("%s has no %q", name, from)
		}
		writeFile(t, p, bytes.Replace(data, []byte(from), []byte(to), 1))
	}
}

// damage changes the cache's file name with f.
func damage(name string, f func([]byte) []byte) func(t *testing.T, siteDir, cache, out string, now *string) {
	return func(t *testing.T, _, cache, _ string, _ *string) {
		p := filepath.Join(cache, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, f(data))
	}
}

// flipMiddle changes one bit of b's middle byte.
func flipMiddle(b []byte) []byte {
	b[len(b)/2] ^= 1
	return b
}

// object is the file the cache keeps for the output file out.
func object(t *testing.T, cache, out string) string {
	t.Helper()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := hex.EncodeToString(sha(data))
	return filepath.Join(cache, "objects", s[:2], s)
}

func sha(data []byte) []byte {
	sum := sha256.Sum256(data)
	return sum[:]
}

// TestCacheFollowsGitHistory: a commit changes a page's 更新日期 and 更新记录
// without changing its file (a change made and taken back): the cached
// build must show the new history, as a clean build does.
func TestCacheFollowsGitHistory(t *testing.T) {
	r := historySite(t, "revisions")
	r.commit("2021-03-05T09:00:00+08:00", "发布通知丙")
	dir := t.TempDir()
	opt := Options{Site: os.DirFS(r.dir), Dir: r.dir, Out: filepath.Join(dir, "first"), Now: fixedNow("2021-04-01"), Cache: filepath.Join(dir, "cache")}
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	b := "content/notices/b.md"
	data, err := os.ReadFile(filepath.Join(r.dir, b))
	if err != nil {
		t.Fatal(err)
	}
	r.write(b, strings.Replace(string(data), "正文。", "正文有误。", 1))
	r.commit("2021-03-10T09:00:00+08:00", "误改通知乙")
	r.write(b, string(data))
	r.commit("2021-03-11T09:00:00+08:00", "恢复通知乙")

	clean := cleanBuild(t, opt, filepath.Join(dir, "clean"))
	cached := opt
	cached.Out = filepath.Join(dir, "cached")
	res, err := Build(cached)
	if err != nil {
		t.Fatal(err)
	}
	compareTrees(t, readTree(t, cached.Out), readTree(t, clean))
	if !slices.Contains(res.Written, "notices/b/index.html") || res.Reused == 0 {
		t.Errorf("made %q, reused %d: want notices/b/index.html made again, the rest reused", res.Written, res.Reused)
	}
	if page, _ := os.ReadFile(filepath.Join(cached.Out, "notices/b/index.html")); !strings.Contains(string(page), "恢复通知乙") {
		t.Errorf("notices/b/index.html does not show the commit 恢复通知乙")
	}
}

// TestCacheAfterFailedBuild: a build that fails leaves OUT and the cache as
// they were, and the build after the fix uses the cache.
func TestCacheAfterFailedBuild(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00"), Cache: filepath.Join(dir, "cache")}
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(opt.Cache, "manifest"))
	if err != nil {
		t.Fatal(err)
	}
	before := readTree(t, opt.Out)
	// An error found only by rendering: the cache is open by then.
	edit("content/reports/2021/index.md", `dataset = "projects"`, `dataset = "nonesuch"`)(t, siteDir, "", "", nil)
	if _, err := Build(opt); err == nil {
		t.Fatal("a build with an unknown dataset succeeded")
	}
	compareTrees(t, readTree(t, opt.Out), before)
	if after, _ := os.ReadFile(filepath.Join(opt.Cache, "manifest")); !bytes.Equal(after, manifest) {
		t.Error("a failed build changed the cache's manifest")
	}
	if _, err := os.Stat(filepath.Join(opt.Cache, "lock")); err == nil {
		t.Error("a failed build left the cache's lock file")
	}
	edit("content/reports/2021/index.md", `dataset = "nonesuch"`, `dataset = "projects"`)(t, siteDir, "", "", nil)
	edit("content/notices/a.md", "详见", "请见")(t, siteDir, "", "", nil)
	res, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	compareTrees(t, readTree(t, opt.Out), readTree(t, cleanBuild(t, opt, filepath.Join(dir, "clean"))))
	if made := slices.DeleteFunc(res.Written, isSearchIndex); !slices.Equal(made, []string{"notices/a/index.html", "search/index.html"}) {
		t.Errorf("made %q after the fix, want notices/a/index.html and search/index.html", made)
	}
}

// cleanBuild builds opt again into out, without the cache, and returns
// out: what a cached build must equal.
func cleanBuild(t *testing.T, opt Options, out string) string {
	t.Helper()
	os.RemoveAll(out)
	opt.Out, opt.Cache = out, ""
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	return out
}

// siteWithSpare writes the scenario site into a temporary folder dir
// and builds it into dir/public twice with the cache: the second build
// keeps the first site as the spare.
func siteWithSpare(t *testing.T) (dir, siteDir string, opt Options) {
	t.Helper()
	dir = t.TempDir()
	siteDir = filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	opt = Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00"), Cache: filepath.Join(dir, "cache")}
	for range 2 {
		if _, err := Build(opt); err != nil {
			t.Fatal(err)
		}
	}
	return dir, siteDir, opt
}

// TestSpareAfterEarlyError: the spare is taken over while the site
// loads, before the build knows whether it will write anything. A build
// that stops at the site's settings, or at an error found before
// rendering, puts it back as it was and lets go of both locks: the next
// build takes it over.
func TestSpareAfterEarlyError(t *testing.T) {
	dir, siteDir, opt := siteWithSpare(t)
	spare := filepath.Join(opt.Cache, "spare")
	wantSpare := readTree(t, spare)
	before := readTree(t, opt.Out)
	for _, c := range []struct{ name, file, from, to string }{
		{"settings that do not parse", "content/site.toml", "title =", "title = = "},
		{"a page's front matter", "content/notices/a.md", "title =", "title = = "},
	} {
		edit(c.file, c.from, c.to)(t, siteDir, "", "", nil)
		if _, err := Build(opt); err == nil {
			t.Fatalf("%s: the build succeeded", c.name)
		}
		edit(c.file, c.to, c.from)(t, siteDir, "", "", nil)
		compareTrees(t, readTree(t, opt.Out), before)
		compareTrees(t, readTree(t, spare), wantSpare)
		for _, left := range []string{filepath.Join(opt.Cache, "lock"), filepath.Join(dir, ".public.lock"), filepath.Join(dir, ".public.tmp-*")} {
			if found, _ := filepath.Glob(left); len(found) > 0 {
				t.Errorf("%s: left %q", c.name, found)
			}
		}
	}
	kept := spareKept.Load()
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	if spareKept.Load() == kept {
		t.Error("the spare put back was not taken over by the next build")
	}
}

// TestSpareWithWhatCannotBeRemoved: a file in the spare the build did
// not make, which it cannot remove (put into OUT, which the spare was, by
// another user), and an empty folder the same, are not published: the
// files the build made are linked into a new folder instead, as a build
// without the cache would make it.
func TestSpareWithWhatCannotBeRemoved(t *testing.T) {
	for _, stuck := range []string{"extra/file.html", "notices/empty"} {
		t.Run(stuck, func(t *testing.T) { spareWithWhatCannotBeRemoved(t, stuck) })
	}
}

func spareWithWhatCannotBeRemoved(t *testing.T, stuck string) {
	dir, siteDir, opt := siteWithSpare(t)
	spare := filepath.Join(opt.Cache, "spare")
	if strings.HasSuffix(stuck, ".html") {
		writeFile(t, filepath.Join(spare, stuck), []byte("not ours"))
	} else if err := os.MkdirAll(filepath.Join(spare, stuck), 0o755); err != nil {
		t.Fatal(err)
	}
	was := removeEntry
	removeEntry = func(name string) error {
		if strings.HasSuffix(filepath.ToSlash(name), "/"+stuck) {
			return &fs.PathError{Op: "remove", Path: name, Err: fs.ErrPermission}
		}
		return was(name)
	}
	t.Cleanup(func() { removeEntry = was })
	edit("content/notices/a.md", "详见", "请见")(t, siteDir, "", "", nil)
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	clean := cleanBuild(t, opt, filepath.Join(dir, "clean"))
	compareTrees(t, readTree(t, opt.Out), readTree(t, clean))
	compareModes(t, opt.Out, clean)
	if _, err := os.Lstat(filepath.Join(opt.Out, stuck)); err == nil {
		t.Errorf("%s, which could not be removed from the spare, was published", stuck)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) > 0 {
		t.Errorf("left %q", left)
	}
}

// TestCacheOnlyWhereItLinks: with OUT on another file system than the
// cache (here /dev/shm, a tmpfs, when the temporary folder is not one),
// kept files could only be copied, which costs about what making them
// does: the build goes without the cache, and says so by reusing nothing.
func TestCacheOnlyWhereItLinks(t *testing.T) {
	dir := t.TempDir()
	shm, err := os.MkdirTemp("/dev/shm", "gongkai-cache-test-")
	if err != nil {
		t.Skip("no second file system here")
	}
	if a, b := statOf(t, dir), statOf(t, shm); sameDevice(a, b) {
		os.RemoveAll(shm)
		t.Skip("no second file system here")
	}
	t.Cleanup(func() { os.RemoveAll(shm) })
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/gzip.txtar", siteDir)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "out"), Now: fixedNow("2022-03-01"), Cache: filepath.Join(dir, "cache")}
	if _, err := Build(opt); err != nil {
		t.Fatal(err)
	}
	if res, err := Build(opt); err != nil || res.Reused == 0 || res.CacheElsewhere {
		t.Fatalf("same file system: reused %d, elsewhere %v, %v; want the cache used", res.Reused, res.CacheElsewhere, err)
	}
	opt.Out = filepath.Join(shm, "nested", "out") // its folder made by the build
	for range 2 {
		if res, err := Build(opt); err != nil || res.Reused != 0 || !res.CacheElsewhere {
			t.Fatalf("OUT on another file system: reused %d, elsewhere %v, %v; want no cache, and said why", res.Reused, res.CacheElsewhere, err)
		}
	}
	// A publish (Deliver) takes its files all the same: copied, or linked
	// from the release before, which is on OUT's file system.
	clean := cleanBuild(t, opt, filepath.Join(dir, "clean"))
	prev := ""
	for i := range 2 {
		d := opt
		d.Out, d.LinkFrom, d.Release = filepath.Join(shm, "staging"), prev, true
		release := filepath.Join(shm, fmt.Sprint("release", i))
		d.Deliver = func(Result) error { return os.Rename(d.Out, release) }
		res, err := Build(d)
		if err != nil || res.Reused == 0 || res.CacheElsewhere {
			t.Fatalf("publish %d onto another file system: reused %d, elsewhere %v, %v; want the cache used", i, res.Reused, res.CacheElsewhere, err)
		}
		if i == 1 && res.Linked != res.Files {
			t.Errorf("publish %d: %d of %d files linked from the release before; nothing changed", i, res.Linked, res.Files)
		}
		compareTrees(t, readTree(t, release), readTree(t, clean))
		prev = release
	}
}

// TestCacheDeliver builds into folders that Deliver sets aside, linking
// what did not change from the one before (LinkFrom), and removes the
// oldest, whose files are links to the kept ones (as a publish to a
// bucket removes the folder it sent). Those removals change the kept
// files' stamps, so the cache records them after Deliver: the next
// build reads none of them to check it. The spare of the builds into
// the site's own folder is left to them.
func TestCacheDeliver(t *testing.T) {
	if stamp.Of(statOf(t, ".")) == 0 {
		t.Skip("no stamps on this system: every kept file is read")
	}
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/gzip.txtar", siteDir)
	releases := filepath.Join(dir, "releases")
	var prev string
	publish := func(n int) Result {
		t.Helper()
		o := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "staging"), Now: fixedNow("2022-03-01"), Cache: filepath.Join(dir, "cache"), LinkFrom: prev}
		delivered := false
		o.Deliver = func(res Result) error {
			delivered = true
			r := filepath.Join(releases, fmt.Sprint(n))
			if err := os.MkdirAll(releases, 0o755); err != nil {
				return err
			}
			if err := os.Rename(o.Out, r); err != nil {
				return err
			}
			prev = r
			return os.RemoveAll(filepath.Join(releases, fmt.Sprint(n-2)))
		}
		res, err := Build(o)
		if err != nil || !delivered {
			t.Fatalf("build %d: %v; delivered %v", n, err, delivered)
		}
		return res
	}
	plain := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01"), Cache: filepath.Join(dir, "cache")}
	for range 2 {
		if _, err := Build(plain); err != nil {
			t.Fatal(err)
		}
	}
	spare := filepath.Join(plain.Cache, "spare")
	statOf(t, spare)
	for n := range 3 {
		publish(n)
	}
	// A kept file several outputs share is read (TestCacheTakesByStamp).
	shared := 0
	seen := map[string]bool{}
	for _, data := range readTree(t, prev) {
		h := string(sha(data))
		if seen[h] {
			shared++
		}
		seen[h] = true
	}
	before := keptReads.Load()
	res := publish(3)
	if read := keptReads.Load() - before; res.Reused < 10 || read > int64(shared) {
		t.Errorf("reused %d files, of which %d were read to check them; want at most the %d shared by several outputs", res.Reused, read, shared)
	}
	if res.Linked != res.Files {
		t.Errorf("%d of %d files linked from the release before; nothing changed", res.Linked, res.Files)
	}
	if _, err := os.Lstat(spare); err != nil {
		t.Errorf("the spare of the builds into public/ was taken: %v", err)
	}
}

func statOf(t *testing.T, p string) os.FileInfo {
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// tamper changes every file under dir with change; there must be one.
func tamper(t *testing.T, dir string, change func([]byte) []byte) {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(p)
			writeFile(t, p, change(data))
			n++
		}
		return nil
	})
	if n == 0 {
		t.Fatalf("the cache keeps nothing in %s", dir)
	}
}

// TestManifestReadBack: a manifest reads back as it was written, its
// entries found by path, and one cut short, changed, made for another
// cache or claiming more entries than it holds is not used.
func TestManifestReadBack(t *testing.T) {
	id := key{1}
	m := cacheManifest{ID: id, Runs: []keptRun{{key{2}, 5}, {key{3}, 6}}}
	for i := range 1000 {
		e := cacheEntry{Path: fmt.Sprintf("p/%06d/index.html", i), Key: key{byte(i), 1}, Hash: key{byte(i)}, Stamp: stamp.Stamp(i + 1)}
		if i%3 == 0 {
			e.GzHash, e.GzStamp = key{byte(i), 2}, stamp.Stamp(i+2)
		}
		if i%5 == 0 {
			e.Text = key{byte(i), 3}
		}
		if i%7 == 0 {
			e.Used = []string{fmt.Sprint(i), "data/x.toml"}
		}
		m.Entries = append(m.Entries, e)
	}
	name := filepath.Join(t.TempDir(), "manifest")
	if err := writeManifest(name, m); err != nil {
		t.Fatal(err)
	}
	old := loadManifest(name).forID(id)
	if have := slices.Collect(old.entries()); !reflect.DeepEqual(have, m.Entries) {
		t.Errorf("read back %d entries, not the %d written as they were", len(have), len(m.Entries))
	}
	for _, e := range m.Entries {
		if have, _, ok := old.entry(e.Path); !ok || !reflect.DeepEqual(have, e) {
			t.Fatalf("%s: %v %+v, want %+v", e.Path, ok, have, e)
		}
	}
	if old.runStamp(key{2}) != 5 || old.runStamp(key{3}) != 6 || old.runStamp(key{4}) != 0 {
		t.Error("the runs' stamps not read back")
	}
	if _, _, ok := old.entry("p/001000/index.html"); ok {
		t.Error("an entry found that was not written")
	}
	if loadManifest(name).forID(key{9}) != nil {
		t.Error("another cache's manifest used")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, data[:len(data)-1])
	if loadManifest(name).forID(id) != nil {
		t.Error("a manifest cut short used")
	}
	var buf bytes.Buffer
	encodeManifest(&buf, m)
	more := bytes.Replace(buf.Bytes(), binary.AppendUvarint(nil, 1000), binary.AppendUvarint(nil, 1001), 1)
	if parseManifest(string(more)).forID(id) != nil {
		t.Error("a manifest with fewer entries than it says used")
	}
	if parseManifest(buf.String()[:buf.Len()-1]).forID(id) != nil {
		t.Error("a manifest whose last entry is cut short used")
	}
	if parseManifest(buf.String()+"x").forID(id) != nil {
		t.Error("a manifest with more than its entries used")
	}
}

// TestCacheSpare: builds into one OUT take its spare (the site before
// last) over and bring it up to date, whatever is in it, and leave OUT as
// a clean build makes it after each kind of change.
func TestCacheSpare(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	edit("content/site.toml", "[organization]", "gzip = true\n\n[organization]")(t, siteDir, "", "", nil)
	time.Sleep(stamp.Tick)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "public"), Now: fixedNow("2022-03-01T12:00:00"), Cache: filepath.Join(dir, "cache")}
	spare := filepath.Join(opt.Cache, "spare")
	steps := []struct {
		name   string
		change func(t *testing.T)
	}{
		{"first", func(*testing.T) {}},
		{"second: the first site kept as the spare", func(*testing.T) {}},
		{"page text", func(t *testing.T) { edit("content/notices/a.md", "详见", "请见")(t, siteDir, "", "", nil) }},
		{"files in the spare no build made", func(t *testing.T) {
			writeFile(t, filepath.Join(spare, "junk.html"), []byte("junk"))
			writeFile(t, filepath.Join(spare, "notices/a/extra.txt"), []byte("junk"))
		}},
		{"a folder in the spare where a file goes", func(t *testing.T) {
			mustRemove(t, filepath.Join(spare, "notices/a/index.html"))
			writeFile(t, filepath.Join(spare, "notices/a/index.html/x.html"), []byte("junk"))
		}},
		{"a file in the spare where a folder goes", func(t *testing.T) {
			mustRemove(t, filepath.Join(spare, "reports/2021"))
			writeFile(t, filepath.Join(spare, "reports/2021"), []byte("junk"))
		}},
		{"a file of the spare edited in place", func(t *testing.T) {
			f, err := os.OpenFile(filepath.Join(spare, "notices/d/index.html"), os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("tampered")
			f.Close()
		}},
		{"a link in the spare to a folder elsewhere", func(t *testing.T) {
			writeFile(t, filepath.Join(dir, "elsewhere/index.html"), []byte("mine"))
			mustRemove(t, filepath.Join(spare, "notices/a"))
			if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(spare, "notices/a")); err != nil {
				t.Skip(err)
			}
		}},
		{"files of the spare, and so kept files, given other modes", func(t *testing.T) {
			for name, mode := range map[string]fs.FileMode{"notices/a/index.html": 0o600, "index.html": 0o4755, "search/index.json": 0} {
				if err := os.Chmod(filepath.Join(spare, name), mode); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"an empty folder in the spare", func(t *testing.T) {
			if err := os.MkdirAll(filepath.Join(spare, "empty/inside"), 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"a folder of the spare made private", func(t *testing.T) {
			if err := os.Chmod(filepath.Join(spare, "notices"), 0o700); err != nil {
				t.Fatal(err)
			}
		}},
		{"the spare a file, the kept pages a folder", func(t *testing.T) {
			mustRemove(t, spare)
			writeFile(t, spare, []byte("junk"))
			mustRemove(t, filepath.Join(opt.Cache, "pages"))
			writeFile(t, filepath.Join(opt.Cache, "pages/junk"), []byte("junk"))
		}},
		{"rename", func(t *testing.T) {
			if err := os.Rename(filepath.Join(siteDir, "content/notices/a.md"), filepath.Join(siteDir, "content/notices/a2.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"deletion", func(t *testing.T) { mustRemove(t, filepath.Join(siteDir, "content/notices/d.md")) }},
		{"gzip off", func(t *testing.T) { edit("content/site.toml", "gzip = true", "gzip = false")(t, siteDir, "", "", nil) }},
		{"no spare", func(*testing.T) { os.RemoveAll(spare) }},
		{"a killed build's folder, the spare it took over, becomes the spare", func(t *testing.T) {
			if err := os.Rename(spare, filepath.Join(dir, ".public.tmp-killed")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	before := spareKept.Load()
	for i, s := range steps {
		s.change(t)
		kept := spareKept.Load()
		if _, err := Build(opt); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		clean := cleanBuild(t, opt, filepath.Join(dir, fmt.Sprintf("clean%d", i)))
		t.Run(s.name, func(t *testing.T) {
			compareTrees(t, readTree(t, opt.Out), readTree(t, clean))
			compareModes(t, opt.Out, clean)
			if _, err := os.Stat(filepath.Join(spare, "junk.html")); i > 0 && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the spare was not taken over: %v", err)
			}
			if info, err := os.Stat(spare); i > 0 && (err != nil || !info.IsDir()) {
				t.Errorf("no spare kept: %v", err)
			}
			if info, err := os.Stat(filepath.Join(opt.Cache, "pages")); err != nil || !info.Mode().IsRegular() {
				t.Errorf("no pages kept: %v", err)
			}
			if data, err := os.ReadFile(filepath.Join(dir, "elsewhere/index.html")); err == nil && string(data) != "mine" {
				t.Errorf("a file outside OUT written through a link: %q", data)
			}
			if info, err := os.Stat(filepath.Join(opt.Out, "notices")); err != nil || info.Mode().Perm() != 0o755 {
				t.Errorf("notices/: %v, want a folder of mode 0755", info.Mode())
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) > 0 {
				t.Errorf("left %q", left)
			}
			if strings.HasPrefix(s.name, "a killed build's") && spareKept.Load() == kept {
				t.Error("the killed build's folder was not taken over")
			}
		})
	}
	if spareKept.Load() == before {
		t.Error("no file of the spare was left as it was")
	}

	// A kept file linked again into the spare is stamped again: the build
	// after it finds it untouched in the next spare, and reads none.
	edit("content/notices/a2.md", "请见", "参见")(t, siteDir, "", "", nil)
	for i := range 3 {
		read := keptReads.Load()
		if _, err := Build(opt); err != nil {
			t.Fatal(err)
		}
		if read := keptReads.Load() - read; i == 2 && read > 0 {
			t.Errorf("the second build after an edit read %d kept files, want none", read)
		}
	}
}

// TestSpareSeenByStamp: the spare's tidy, which on Linux walks it with
// system calls of its own, marks as kept exactly the files, .gz files
// too, that os.Lstat finds there with the stamp the manifest recorded
// and the mode a new file gets: those a build leaves as they are.
func TestSpareSeenByStamp(t *testing.T) {
	_, siteDir, opt := siteWithSpare(t)
	edit("content/site.toml", "[organization]", "gzip = true\n\n[organization]")(t, siteDir, "", "", nil)
	for range 3 {
		time.Sleep(stamp.Tick) // what the last build made settled
		if _, err := Build(opt); err != nil {
			t.Fatal(err)
		}
	}
	spare := filepath.Join(opt.Cache, "spare")
	if err := os.Chmod(filepath.Join(spare, "index.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(spare, "sitemap.xml.gz"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("tampered")
	f.Close()

	m := loadManifest(filepath.Join(opt.Cache, "manifest"))
	if m == nil {
		t.Fatal("no manifest")
	}
	o, err := openOutput(opt.Out, spare, m.seeSpare)
	if err != nil {
		t.Fatal(err)
	}
	defer o.abort()
	if !o.reusing {
		t.Fatal("the spare was not taken over")
	}
	seen, gz, i := 0, 0, 0
	for e := range m.entries() {
		for _, f := range []struct {
			rel string
			st  stamp.Stamp
			gz  bool
		}{{e.Path, e.Stamp, false}, {e.Path + ".gz", e.GzStamp, true}} {
			info, err := os.Lstat(o.path(f.rel))
			want := err == nil && f.st != 0 && stamp.Of(info) == f.st && modeOf(info) == o.fileMode
			if have := m.inSpare(i, f.gz); have != want {
				t.Errorf("%s: seen in the spare as kept: %v, want %v", f.rel, have, want)
			}
			if want {
				seen++
				if f.gz {
					gz++
				}
			}
		}
		i++
	}
	for _, rel := range []string{"index.html", "sitemap.xml.gz"} {
		if _, n, _ := m.entry(strings.TrimSuffix(rel, ".gz")); m.inSpare(n, rel != "index.html") {
			t.Errorf("%s, changed in the spare, seen as kept", rel)
		}
	}
	if runtime.GOOS == "linux" && (seen < i || gz == 0) {
		t.Errorf("%d files seen as kept, %d of them .gz, of %d outputs: want most, .gz files among them", seen, gz, i)
	}
}

// compareModes reports every file and folder under have that a clean
// build's, under want, does not have, or has with another mode, and every
// one it lacks.
func compareModes(t *testing.T, have, want string) {
	t.Helper()
	a, b := modesOf(t, have), modesOf(t, want)
	for _, name := range slices.Sorted(maps.Keys(a)) {
		if m, ok := b[name]; !ok {
			t.Errorf("%s (%v): a clean build has none", name, a[name])
		} else if m != a[name] {
			t.Errorf("%s: mode %v, a clean build's %v", name, a[name], m)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[name]; !ok {
			t.Errorf("%s (%v) is missing", name, b[name])
		}
	}
}

// modesOf is the mode of every file and folder under dir, by path.
func modesOf(t *testing.T, dir string) map[string]fs.FileMode {
	t.Helper()
	modes := map[string]fs.FileMode{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		rel, _ := filepath.Rel(dir, p)
		if err == nil {
			modes[filepath.ToSlash(rel)] = info.Mode()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return modes
}

// mustRemove removes the file or folder at p, which is there.
func mustRemove(t *testing.T, p string) {
	t.Helper()
	if _, err := os.Lstat(p); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
}

// TestSearchTextHasAttachments: the text a page is searched by holds the
// titles of its attachments, as its 附件 list shows them (a citizen
// searches for a form by its name), and its summary, which lists show
// (the QA of 2026-11-27 found a word of a summary not found); the build
// cache keeps each page's text by its hash, where it is read here.
func TestSearchTextHasAttachments(t *testing.T) {
	_, _, opt := siteWithSpare(t)
	found := false
	filepath.WalkDir(filepath.Join(opt.Cache, "texts"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(p)
			found = found || bytes.Contains(data, []byte("报告全文（PDF）")) && bytes.Contains(data, []byte("全年工作情况。"))
		}
		return nil
	})
	if !found {
		t.Error("no page's search text holds the title of its attachment 报告全文（PDF） and its summary 全年工作情况。")
	}
}

// TestCacheBusy: a build while another holds the cache goes without it,
// and says why it took as long as a first build.
func TestCacheBusy(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/gzip.txtar", siteDir)
	opt := Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "out"), Now: fixedNow("2022-03-01"), Cache: filepath.Join(dir, "cache")}
	if res, err := Build(opt); err != nil || res.CacheBusy {
		t.Fatalf("first build: busy %v, %v", res.CacheBusy, err)
	}
	release, err := Lock(filepath.Join(opt.Cache, "lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if res, err := Build(opt); err != nil || !res.CacheBusy || res.Reused != 0 {
		t.Errorf("a build while the cache is held: busy %v, %d files reused, %v", res.CacheBusy, res.Reused, err)
	}
}
