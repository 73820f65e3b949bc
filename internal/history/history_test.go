package history

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// repo is a git repository made for a test, committing at fixed dates.
type repo struct {
	t   testing.TB
	dir string
}

func newRepo(t testing.TB) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	r.git("", "config", "gc.auto", "0")
	r.git("", "config", "user.name", "编辑")
	r.git("", "config", "user.email", "editor@example.gov.cn")
	return r
}

func (r *repo) git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (r *repo) write(name, data string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits everything at date (2021-03-01T10:00:00+08:00).
func (r *repo) commit(date, msg string) {
	r.t.Helper()
	r.git(date, "add", "-A")
	r.git(date, "commit", "-q", "-m", msg)
}

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestRead(t *testing.T) {
	r := newRepo(t)
	r.write("content/news/a.md", "a")
	r.write("content/news/b.md", "b")
	r.write("content/reports/2021/index.md", "r")
	r.write("README.md", "outside content/")
	r.commit("2021-02-23T09:00:00+08:00", "发布 a、b 和年报")
	r.write("content/news/a.md", "a, corrected")
	r.commit("2021-03-01T10:00:00+08:00", "更正 a 的错别字\n\nlonger text, not shown")
	r.write("content/reports/2021/report.pdf", "%PDF")
	r.write("README.md", "again")
	r.commit("2021-03-05T16:30:00+08:00", "补充年报附件")
	r.write("content/news/c.md", "c, not committed")

	log, err := Read(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	rev := func(date, msg string) Revision { return Revision{Time: day(date), Message: msg} }
	tests := []struct {
		name string
		have []Revision
		want []Revision
	}{
		{"a file changed twice", log.Of("content/news/a.md"), []Revision{
			rev("2021-03-01T10:00:00+08:00", "更正 a 的错别字"),
			rev("2021-02-23T09:00:00+08:00", "发布 a、b 和年报"),
		}},
		{"a file added once", log.Of("content/news/b.md"), []Revision{rev("2021-02-23T09:00:00+08:00", "发布 a、b 和年报")}},
		{"a file not committed", log.Of("content/news/c.md"), nil},
		{"a file outside content/", log.Of("README.md"), nil},
		{"a bundle: every file in its folder", log.Under("content/reports/2021"), []Revision{
			rev("2021-03-05T16:30:00+08:00", "补充年报附件"),
			rev("2021-02-23T09:00:00+08:00", "发布 a、b 和年报"),
		}},
		{"a folder name is not a prefix of another", log.Under("content/reports/202"), nil},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.have, tt.want) {
			t.Errorf("%s: have %v, want %v", tt.name, tt.have, tt.want)
		}
	}
}

// TestReadSiteInSubfolder: the site is a folder of a larger repository;
// paths are relative to the site.
func TestReadSiteInSubfolder(t *testing.T) {
	r := newRepo(t)
	r.write("sites/kjj/content/news/a.md", "a")
	r.write("content/news/a.md", "another site's")
	r.commit("2021-02-23T09:00:00+08:00", "add")
	log, err := Read(filepath.Join(r.dir, "sites/kjj"))
	if err != nil {
		t.Fatal(err)
	}
	if have := log.Of("content/news/a.md"); len(have) != 1 {
		t.Errorf("have %v, want one revision", have)
	}
	if len(log.paths) != 1 {
		t.Errorf("have paths %q, want only the site's", log.paths)
	}
}

// TestReadShallow: a clone with --depth 1 has one commit, which seems to
// have added every file; Read must not offer its date as theirs.
func TestReadShallow(t *testing.T) {
	r := newRepo(t)
	r.write("content/news/a.md", "a")
	r.commit("2021-02-23T09:00:00+08:00", "first")
	r.write("content/news/a.md", "a2")
	r.commit("2021-03-01T10:00:00+08:00", "second")
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("", "clone", "-q", "--depth", "1", "file://"+r.dir, clone)

	log, err := Read(clone)
	if !errors.Is(err, ErrShallow) {
		t.Fatalf("have error %v, want ErrShallow", err)
	}
	if have := log.Of("content/news/a.md"); have != nil {
		t.Errorf("a shallow clone gave dates %v, want none", have)
	}

	// The full clone of the same repository knows both commits.
	full := filepath.Join(t.TempDir(), "full")
	r.git("", "clone", "-q", "file://"+r.dir, full)
	log, err = Read(full)
	if err != nil {
		t.Fatal(err)
	}
	if have := log.Of("content/news/a.md"); len(have) != 2 {
		t.Errorf("a full clone: have %v, want two revisions", have)
	}
}

func TestReadNotACheckout(t *testing.T) {
	log, err := Read(t.TempDir())
	if log != nil || err != nil {
		t.Errorf("have %v, %v; want nil, nil", log, err)
	}
	if log.Of("content/a.md") != nil || log.Under("content/a") != nil {
		t.Error("a nil Log knows a file")
	}
}

func TestReadNoCommitYet(t *testing.T) {
	r := newRepo(t)
	r.write("content/news/a.md", "a")
	log, err := Read(r.dir)
	if err != nil || log == nil {
		t.Fatalf("have %v, %v; want an empty log", log, err)
	}
	if have := log.Of("content/news/a.md"); have != nil {
		t.Errorf("have %v, want nil", have)
	}
}

// TestDeleted: the pages deleted by a commit, and those missing from the
// work tree or the index since the last one, each as it was; not a page
// still there, a column's other files, nor a folder that is no checkout.
func TestDeleted(t *testing.T) {
	if got, err := Deleted(t.TempDir()); got != nil || err != nil {
		t.Fatalf("not a checkout: %q, %v", got, err)
	}
	r := newRepo(t)
	if got, err := Deleted(r.dir); got != nil || err != nil {
		t.Fatalf("no commit yet: %q, %v", got, err)
	}
	const at = "2021-03-01T10:00:00+08:00"
	for _, name := range []string{"a", "b", "c", "d", "e", "名单"} {
		r.write("content/news/"+name+".md", "+++\nindex_no = \""+name+"\"\n+++\n")
	}
	r.write("content/news/photo.jpg", "jpg")
	r.write("notes.md", "not a page")
	r.commit(at, "pages")
	for _, name := range []string{"content/news/a.md", "content/news/名单.md", "content/news/photo.jpg", "notes.md"} {
		r.git(at, "rm", "-q", name)
	}
	r.commit(at, "a and 名单 gone")
	r.write("content/news/a.md", "+++\nindex_no = \"a again\"\n+++\n") // a new page at a deleted page's path
	r.commit(at, "a new a")
	r.git(at, "rm", "-q", "content/news/b.md") // staged, not committed
	if err := os.Remove(filepath.Join(r.dir, "content/news/c.md")); err != nil {
		t.Fatal(err)
	}
	got, err := Deleted(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range got {
		texts = append(texts, string(b))
	}
	slices.Sort(texts)
	want := []string{}
	for _, name := range []string{"a", "b", "c", "名单"} {
		want = append(want, "+++\nindex_no = \""+name+"\"\n+++\n")
	}
	if !slices.Equal(texts, want) {
		t.Errorf("Deleted = %q, want %q", texts, want)
	}
}

// TestDeletedSiteInSubfolder: a site in a folder of a larger repository.
func TestDeletedSiteInSubfolder(t *testing.T) {
	r := newRepo(t)
	const at = "2021-03-01T10:00:00+08:00"
	r.write("site/content/news/a.md", "a")
	r.write("site/content/news/b.md", "b")
	r.write("content/news/other.md", "another site's")
	r.commit(at, "pages")
	r.git(at, "rm", "-q", "site/content/news/a.md", "content/news/other.md")
	r.commit(at, "a gone")
	if err := os.Remove(filepath.Join(r.dir, "site/content/news/b.md")); err != nil {
		t.Fatal(err)
	}
	got, err := Deleted(filepath.Join(r.dir, "site"))
	if err != nil || len(got) != 2 || string(got[0]) != "a" || string(got[1]) != "b" {
		t.Errorf("Deleted = %q, %v; want a, b", got, err)
	}
}

// TestDeletionIsNoRevision: a page deleted by a commit and written again
// at its path has not that commit as a revision (the QA of 2026-11-27:
// its 更新日期 was the deletion's).
func TestDeletionIsNoRevision(t *testing.T) {
	r := newRepo(t)
	r.write("content/news/a.md", "a")
	r.commit("2021-03-01T10:00:00+08:00", "add")
	r.git("2021-04-01T10:00:00+08:00", "rm", "-q", "content/news/a.md")
	r.commit("2021-04-01T10:00:00+08:00", "撤回")
	r.write("content/news/a.md", "a again")
	log, err := Read(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	revs := log.Of("content/news/a.md")
	if len(revs) != 1 || revs[0].Message != "add" {
		t.Errorf("revisions %v, want only the commit that added it", revs)
	}
}
