package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestPreviewMatchesFullBuild edits the whole site of
// testdata/inputs/site.txtar step by step; after each step a preview update
// must leave exactly the bytes a full build of the same files makes, and
// rewrite only what depends on the change.
func TestPreviewMatchesFullBuild(t *testing.T) {
	t.Run("texts in memory", previewMatchesFullBuild)
	t.Run("texts in a file", func(t *testing.T) {
		textsInAFile(t)
		previewMatchesFullBuild(t)
	})
}

// textsInAFile makes the pages' texts for the search index go to a
// temporary file at once, as a large site's do, until the test ends.
func textsInAFile(t *testing.T) {
	was := memTexts
	memTexts = 0
	t.Cleanup(func() { memTexts = was })
}

// TestPageTexts: texts put before and after they moved to a file, by
// several goroutines at once, are read back as they were put.
func TestPageTexts(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	was := memTexts
	memTexts = 1000
	t.Cleanup(func() { memTexts = was })
	const n = 400
	texts := newPageTexts(n)
	defer texts.close()
	text := func(i int) string { return strings.Repeat(fmt.Sprintf("第%d页。", i), 1+i%5) }
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n; i += 4 {
				texts.put(i, text(i))
				if got := texts.get(i); got != text(i) {
					t.Errorf("page %d: have %q, want %q", i, got, text(i))
				}
			}
		}()
	}
	wg.Wait()
	if texts.f == nil || texts.err != nil {
		t.Fatalf("the texts were not moved to a file past %d bytes (error %v)", memTexts, texts.err)
	}
	for i := range n {
		if got := texts.get(i); got != text(i) {
			t.Errorf("page %d: have %q, want %q", i, got, text(i))
		}
	}
}

// TestPageTextsLetGo: texts let go as their batch is indexed (drop) no
// longer count: a build's texts stay in memory, however many pages, as
// long as those of the batches being rendered fit.
func TestPageTextsLetGo(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	was := memTexts
	memTexts = 1000
	t.Cleanup(func() { memTexts = was })
	const n, batch = 2000, 10
	texts := newPageTexts(n)
	defer texts.close()
	text := func(i int) string { return fmt.Sprintf("第%d页的正文。", i) } // 20-odd bytes
	for from := 0; from < n; from += batch {
		for i := from; i < from+batch; i++ {
			texts.put(i, text(i))
		}
		for i := from; i < from+batch; i++ {
			if got := texts.get(i); got != text(i) {
				t.Fatalf("page %d: have %q, want %q", i, got, text(i))
			}
		}
		texts.drop(from, from+batch)
	}
	if texts.f != nil {
		t.Errorf("the texts went to a file, %d bytes in memory: those let go still counted", texts.size)
	}
	if texts.size != 0 || texts.get(0) != "" {
		t.Errorf("%d bytes kept after every text was let go; page 0's %q", texts.size, texts.get(0))
	}
}

// TestPreviewIndexLeftForLater: an update whose search index was never
// asked for (Index) has it made by the next, before its own: two edits in
// a row, then the index, give what a full build gives.
func TestPreviewIndexLeftForLater(t *testing.T) {
	p, opt, _, edit := scenarioPreview(t)
	edit("content/notices/a.md", "详见", "敬请参见")
	if _, err := p.Update([]string{"content/notices/a.md"}); err != nil {
		t.Fatal(err)
	}
	edit("content/notices/d.md", "已失效的文件。", "已失效的文件，另有说明。")
	if _, err := p.Update([]string{"content/notices/d.md"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Index(nil); err != nil {
		t.Fatal(err)
	}
	full := opt
	full.Out = filepath.Join(filepath.Dir(opt.Out), "full")
	if _, err := Build(full); err != nil {
		t.Fatal(err)
	}
	have, want := readTree(t, opt.Out), readTree(t, full.Out)
	for _, name := range slices.Sorted(mapKeys(want)) {
		if !bytes.Equal(have[name], want[name]) {
			t.Errorf("%s differs from a full build:\n%s", name, diffLines(string(have[name]), string(want[name])))
		}
	}
}

// scenarioPreview writes the site of testdata/inputs/site.txtar into a
// temporary folder, siteDir, and makes its preview's first update. edit
// replaces the first from with to in one of the site's files.
func scenarioPreview(t *testing.T) (p *Preview, opt Options, siteDir string, edit func(name, from, to string)) {
	dir := t.TempDir()
	siteDir = filepath.Join(dir, "site")
	writeScenarioSite(t, "testdata/inputs/site.txtar", siteDir)
	opt = Options{Site: os.DirFS(siteDir), Out: filepath.Join(dir, "preview"), Now: fixedNow("2022-03-01T12:00:00")}
	p = NewPreview(opt)
	if _, err := p.Update(nil); err != nil {
		t.Fatal(err)
	}
	edit = func(name, from, to string) {
		t.Helper()
		path := filepath.Join(siteDir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(from)) {
			t.Fatalf("%s has no %q", name, from)
		}
		writeFile(t, path, bytes.Replace(data, []byte(from), []byte(to), 1))
	}
	return p, opt, siteDir, edit
}

func previewMatchesFullBuild(t *testing.T) {
	p, opt, siteDir, edit := scenarioPreview(t)
	steps := []struct {
		name    string
		change  func()
		changed []string
		written []string // nil: not checked
		removed []string
		wantErr string
	}{
		{
			name:    "body of a page",
			change:  func() { edit("content/notices/a.md", "详见", "请见") },
			changed: []string{"content/notices/a.md"},
			written: []string{"notices/a/index.html", "search/index.html"}, // the /search/ page names the new index
		},
		{
			name: "title of a page: its list, the home page, its aliases",
			change: func() {
				edit("content/notices/a.md", "关于开展科技培训的通知", "关于开展科技培训的补充通知")
			},
			changed: []string{"content/notices/a.md"},
			written: []string{"atom.xml", "index.html", "notices/a/index.html", "notices/atom.xml", "notices/index.html", "old/a/index.html", "old/notice-a.html", "search/index.html"},
		},
		{
			name:    "a dataset: the pages that embed it",
			change:  func() { edit("content/data/projects.toml", "funds = 135.5", "funds = 140") },
			changed: []string{"content/data/projects.toml"},
			written: []string{"data/projects.csv", "data/projects.json", "data/projects/index.html", "reports/2021/index.html", "search/index.html"},
		},
		{
			name: "a new page dated earlier in the year renumbers the 索引号 after it",
			change: func() {
				writeFile(t, filepath.Join(siteDir, "content/notices/e.md"), []byte("+++\ntitle = \"新通知\"\ndate = 2022-01-01\n+++\n新的。\n"))
			},
			changed: []string{"content/notices/e.md"},
		},
		{
			name:    "a page deleted: its output and aliases go",
			change:  func() { os.Remove(filepath.Join(siteDir, "content/notices/a.md")) },
			changed: []string{"content/notices/a.md"},
			removed: []string{"notices/a/index.html", "old/a/index.html", "old/notice-a.html"},
		},
		{
			name: "an attachment replaced",
			change: func() {
				writeFile(t, filepath.Join(siteDir, "content/reports/2021/report.pdf"), []byte("%PDF-1.4 a longer file"))
			},
			changed: []string{"content/reports/2021/report.pdf"},
			written: []string{"reports/2021/index.html", "reports/2021/report.pdf"},
		},
		{
			name:    "an error: nothing is written",
			change:  func() { edit("content/notices/d.md", "title =", "titel =") },
			changed: []string{"content/notices/d.md"},
			wantErr: `content/notices/d.md:2: unknown key "titel"`,
		},
		{
			name:    "the error fixed",
			change:  func() { edit("content/notices/d.md", "titel =", "title =") },
			changed: []string{"content/notices/d.md"},
		},
		{
			name: "a page renamed: the old URL goes, the new one comes",
			change: func() {
				os.Rename(filepath.Join(siteDir, "content/notices/d.md"), filepath.Join(siteDir, "content/notices/d2.md"))
			},
			changed: []string{"content/notices/d.md", "content/notices/d2.md"},
		},
		{
			// gongkai serve passes a folder moved in as the folder and
			// every file in it.
			name: "a column moved in at once",
			change: func() {
				writeFile(t, filepath.Join(siteDir, "content/news/_index.md"), []byte("+++\ntitle = \"工作动态\"\n+++\n"))
				writeFile(t, filepath.Join(siteDir, "content/news/n1.md"), []byte("+++\ntitle = \"会议\"\ndate = 2022-02-01\n+++\n会议。\n"))
			},
			changed: []string{"content/news", "content/news/_index.md", "content/news/n1.md"},
		},
		{
			// Keys are the data templates receive: a column's intro text
			// is on its first list page only.
			name:    "the text of a column: its list page",
			change:  func() { edit("content/notices/_index.md", "本栏目发布", "本栏目及时发布") },
			changed: []string{"content/notices/_index.md"},
			written: []string{"notices/index.html"},
		},
		{
			name:    "a column renamed: everything",
			change:  func() { edit("content/reports/_index.md", "工作报告", "年度工作报告") },
			changed: []string{"content/reports/_index.md"},
		},
	}
	for _, st := range steps {
		before := readTree(t, opt.Out)
		st.change()
		res, err := p.Update(st.changed)
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Fatalf("%s: have error %v, want %q", st.name, err, st.wantErr)
			}
			if after := readTree(t, opt.Out); !treesEqual(before, after) {
				t.Fatalf("%s: a failed update changed the output", st.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		full := opt
		full.Out = filepath.Join(filepath.Dir(siteDir), "full")
		if _, err := Build(full); err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		want := readTree(t, full.Out)
		// The update writes the pages; the search index and the /search/
		// page, which names it, follow (Index).
		have := readTree(t, opt.Out)
		for _, name := range slices.Sorted(mapKeys(want)) {
			if !isSearch(name) && !bytes.Equal(have[name], want[name]) {
				t.Errorf("%s: before the index, %s differs from a full build:\n%s", st.name, name, diffLines(string(have[name]), string(want[name])))
			}
		}
		idx, err := p.Index(nil)
		if err != nil {
			t.Fatalf("%s: the index: %v", st.name, err)
		}
		// (Every step here is an update after the first, none of the theme
		// or the settings, which start afresh with the index.)
		if slices.ContainsFunc(res.Written, isSearch) || slices.ContainsFunc(idx.Written, func(f string) bool { return !isSearch(f) }) {
			t.Errorf("%s: the update wrote %q, the index %q: want the search files after, and only them", st.name, res.Written, idx.Written)
		}
		// The search index is rewritten where a change reaches it (its
		// bytes are compared with a full build's below); the rest must be
		// only what depends on the change.
		written := slices.Sorted(slices.Values(slices.DeleteFunc(append(slices.Clone(res.Written), idx.Written...), isSearchIndex)))
		removed := slices.Sorted(slices.Values(slices.DeleteFunc(append(slices.Clone(res.Removed), idx.Removed...), isSearchIndex)))
		if st.written != nil && !slices.Equal(written, st.written) {
			t.Errorf("%s: wrote %q, want %q", st.name, written, st.written)
		}
		if st.removed != nil && !slices.Equal(removed, st.removed) {
			t.Errorf("%s: removed %q, want %q", st.name, removed, st.removed)
		}
		have = readTree(t, opt.Out)
		for _, name := range slices.Sorted(mapKeys(want)) {
			if !bytes.Equal(have[name], want[name]) {
				t.Errorf("%s: %s differs from a full build:\n%s", st.name, name, diffLines(string(have[name]), string(want[name])))
			}
		}
		for name := range have {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is stale: a full build does not make it", st.name, name)
			}
		}
	}
}

func treesEqual(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
