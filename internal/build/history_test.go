package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// gitRepo makes a site folder that is a git repository, committing at
// fixed dates so that tests are reproducible.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	r := &gitRepo{t: t, dir: filepath.Join(t.TempDir(), "site")}
	os.MkdirAll(r.dir, 0o755)
	r.git("", "init", "-q", "-b", "main")
	r.git("", "config", "user.name", "编辑")
	r.git("", "config", "user.email", "editor@example.gov.cn")
	return r
}

func (r *gitRepo) git(date string, args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (r *gitRepo) write(name, data string) {
	r.t.Helper()
	writeFile(r.t, filepath.Join(r.dir, name), []byte(data))
}

func (r *gitRepo) commit(date, msg string) {
	r.t.Helper()
	r.git(date, "add", "-A")
	r.git(date, "commit", "-q", "-m", msg)
}

// historySite is a site with three pages: a, changed after it was added;
// b, added and never changed; c, not committed.
func historySite(t *testing.T, history string) *gitRepo {
	r := newGitRepo(t)
	cfg := "title = \"示例县科学技术局\"\nbase_url = \"https://www.example.gov.cn/kjj/\"\n[organization]\nname = \"示例县科学技术局\"\n"
	if history != "" {
		cfg = "history = \"" + history + "\"\n" + cfg
	}
	r.write("content/site.toml", cfg)
	r.write("content/notices/_index.md", "+++\ntitle = \"通知公告\"\n+++\n")
	r.write("content/notices/a.md", "+++\ntitle = \"通知甲\"\ndate = 2021-02-20\n+++\n正文。\n")
	r.write("content/notices/b.md", "+++\ntitle = \"通知乙\"\ndate = 2021-02-20\n+++\n正文。\n")
	// Committed at 23:30 UTC: 3 March in the site's time zone (UTC+8).
	r.commit("2021-02-23T09:00:00+08:00", "发布通知甲、乙")
	r.write("content/notices/a.md", "+++\ntitle = \"通知甲\"\ndate = 2021-02-20\n+++\n正文，已更正。\n")
	r.commit("2021-03-02T23:30:00+00:00", "更正通知甲的错别字 <b>")
	r.write("content/notices/c.md", "+++\ntitle = \"通知丙\"\ndate = 2021-03-04\n+++\n新的。\n")
	return r
}

var updatedRE = regexp.MustCompile(`<th scope="row">更新日期</th><td colspan="3"><time datetime="([0-9-]+)">`)

func buildPages(t *testing.T, dir string) (map[string]string, Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Site: os.DirFS(dir), Dir: dir, Out: out, Now: fixedNow("2021-04-01")})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, name := range []string{"a", "b", "c"} {
		data, err := os.ReadFile(filepath.Join(out, "notices", name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		pages[name] = string(data)
	}
	return pages, res
}

func updated(page string) string {
	if m := updatedRE.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

// TestGitDates: a page changed after it was added shows that commit's day
// (in the site's time zone) as 更新日期; a page only added, or not
// committed, shows its own date.
func TestGitDates(t *testing.T) {
	r := historySite(t, "")
	pages, res := buildPages(t, r.dir)
	for name, want := range map[string]string{"a": "2021-03-03", "b": "2021-02-20", "c": "2021-03-04"} {
		if have := updated(pages[name]); have != want {
			t.Errorf("%s: 更新日期 %q, want %q", name, have, want)
		}
	}
	if strings.Contains(pages["a"], "更新记录") {
		t.Error("更新记录 shown without history = \"revisions\"")
	}
	for _, w := range res.Warnings {
		if w.Path == "content/site.toml" {
			t.Errorf("warning: %v", w)
		}
	}

	// Two builds of the same commit are byte-identical.
	again, _ := buildPages(t, r.dir)
	for name := range pages {
		if pages[name] != again[name] {
			t.Errorf("%s differs between two builds of one commit", name)
		}
	}

	// Without Dir (tests, and sites not in git) no 更新日期 row at all.
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Site: os.DirFS(r.dir), Out: out, Now: fixedNow("2021-04-01")}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "notices/a/index.html")); bytes.Contains(data, []byte("更新日期")) {
		t.Error("更新日期 shown for a site not read from git")
	}
}

// TestGitDatesInSitemapAndFeeds: the sitemap's lastmod and a feed
// entry's updated are the page's 更新日期, so that crawlers and feed
// readers see the update; its published stays its date.
func TestGitDatesInSitemapAndFeeds(t *testing.T) {
	r := historySite(t, "")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Site: os.DirFS(r.dir), Dir: r.dir, Out: out, Now: fixedNow("2021-04-01")}); err != nil {
		t.Fatal(err)
	}
	sitemap, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	for name, want := range map[string]string{"a": "2021-03-03", "b": "2021-02-20"} {
		entry := "<loc>https://www.example.gov.cn/kjj/notices/" + name + "/</loc>\n    <lastmod>" + want + "</lastmod>"
		if !bytes.Contains(sitemap, []byte(entry)) {
			t.Errorf("sitemap.xml has no %q:\n%s", entry, sitemap)
		}
	}
	feed, _ := os.ReadFile(filepath.Join(out, "notices/atom.xml"))
	entry := "<id>https://www.example.gov.cn/kjj/notices/a/</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"https://www.example.gov.cn/kjj/notices/a/\"></link>\n    <published>2021-02-20T00:00:00+08:00</published>\n    <updated>2021-03-03T07:30:00+08:00</updated>"
	if !bytes.Contains(feed, []byte(entry)) {
		t.Errorf("notices/atom.xml has no %q:\n%s", entry, feed)
	}
}

func TestGitRevisions(t *testing.T) {
	r := historySite(t, "revisions")
	pages, _ := buildPages(t, r.dir)
	want := `<h2 id="revisions-h">更新记录</h2>
<ol reversed><li><time datetime="2021-03-03">2021-03-03</time> 更正通知甲的错别字 &lt;b&gt;</li><li><time datetime="2021-02-23">2021-02-23</time> 发布通知甲、乙</li></ol>`
	if !strings.Contains(pages["a"], want) {
		t.Errorf("a: no revision list\n%s\nin\n%s", want, pages["a"])
	}
	if strings.Contains(pages["c"], "更新记录") {
		t.Error("c, not committed, has a revision list")
	}
}

func TestGitHistoryOff(t *testing.T) {
	r := historySite(t, "off")
	pages, _ := buildPages(t, r.dir)
	if strings.Contains(pages["a"], "更新日期") {
		t.Error(`更新日期 shown with history = "off"`)
	}
}

// TestGitDatesShallowClone: CI clones with --depth 1, where every file
// seems added by the one commit there is. The build warns once and shows
// front-matter dates, never the clone's commit date.
func TestGitDatesShallowClone(t *testing.T) {
	r := historySite(t, "revisions")
	r.commit("2021-03-20T10:00:00+08:00", "新增通知丙")
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("", "clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	pages, res := buildPages(t, clone)
	for name, want := range map[string]string{"a": "2021-02-20", "b": "2021-02-20", "c": "2021-03-04"} {
		if have := updated(pages[name]); have != want {
			t.Errorf("%s: 更新日期 %q, want the front matter's %q", name, have, want)
		}
		if strings.Contains(pages[name], "更新记录") {
			t.Errorf("%s: a revision list from a shallow clone", name)
		}
	}
	n := 0
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "shallow") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("have %d warnings of a shallow clone, want 1: %v", n, res.Warnings)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Msg, "shallow") {
		t.Errorf("notices %v: want the shallow clone's, which build prints", res.Notices)
	}
}
