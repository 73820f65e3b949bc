package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gongkai/internal/stamp"
)

// TestKeptPages: a load takes from an earlier one's kept pages exactly
// the pages whose files have not changed, each as a load that reads it
// makes it, and nothing from pages kept by another program, for other
// settings, or damaged.
func TestKeptPages(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) { writeIn(t, dir, rel, text) }
	config := "title = \"T\"\nbase_url = \"https://example.gov.cn/\"\ntimezone = \"Asia/Shanghai\"\n[organization]\nname = \"局\"\ncode = \"C1\"\n"
	write("content/site.toml", config)
	write("content/a/_index.md", "+++\ntitle = \"甲\"\n+++\n")
	write("content/a/p.md", "+++\ntitle = \"P\"\ndate = 2021-02-23\ndoc_no = \"秦科发〔2021〕1号\"\nindex_no = \"C1/2021-00001\"\n"+
		"topic = \"科技\"\nsummary = \"摘要\"\npublisher = \"别的局\"\ndraft = true\npublish_at = 2021-03-01T09:00:00\n"+
		"valid_until = 2021-12-31\nweight = -3\naliases = [\"/old/p.html\", \"/old/q/\"]\npersonal_info = \"依法公开\"\n+++\n正文\n")
	write("content/a/q.md", "+++\ntitle = \"Q\"\ndate = 2021-02-24T09:30:00\n+++\n")
	write("content/a-c.md", "+++\ntitle = \"AC\"\ndate = 2020-01-01\n+++\n") // after content/a/… as walked
	write("content/a/zone.md", "+++\ntitle = \"Z\"\ndate = 2021-02-23T09:00:00+00:00\n+++\n")
	write("content/a/bad.md", "+++\ntitle = \"B\"\n+++\n")
	write("content/a/b/index.md", "+++\ntitle = \"Bundle\"\ndate = 2021-02-23\n+++\n")
	time.Sleep(stamp.Tick) // so that the files are settled
	info, err := os.Stat(filepath.Join(dir, "content/a/p.md"))
	if err != nil {
		t.Fatal(err)
	}
	if stamp.Of(info) == 0 {
		t.Skip("no stamps on this system: every page is read")
	}
	fsys := os.DirFS(dir)
	// pages are the site's pages as compared: without their columns,
	// which are made anew by each load.
	pages := func(s *Site) []Page {
		var ps []Page
		for _, p := range s.Pages {
			c := *p
			c.Section = nil
			ps = append(ps, c)
		}
		return ps
	}
	read, errs := Load(fsys)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "bad.md") {
		t.Fatalf("want bad.md's error alone, have %v", errs)
	}
	id := [32]byte{1}
	load := func(from []byte, id [32]byte) (*Site, *Kept, []byte) {
		t.Helper()
		var to bytes.Buffer
		k := &Kept{ID: id, To: &to}
		if from != nil {
			k.From = bytes.NewReader(from)
		}
		s, errs := LoadKept(fsys, k)
		if len(errs) != 1 || k.Err != nil {
			t.Fatalf("have %v, %v", errs, k.Err)
		}
		return s, k, to.Bytes()
	}
	s, k, first := load(nil, id)
	if k.Taken != 0 || !reflect.DeepEqual(pages(s), pages(read)) {
		t.Fatalf("a load that keeps pages: %d taken, pages %+v, want %+v", k.Taken, pages(s), pages(read))
	}
	s, k, again := load(first, id)
	if k.Taken != 3 {
		t.Errorf("taken: %d, want p.md, q.md and a-c.md (not a bundle, a page with an error, a date with an offset)", k.Taken)
	}
	if !reflect.DeepEqual(pages(s), pages(read)) {
		t.Errorf("pages taken:\n%+v\nwant, as read:\n%+v", pages(s), pages(read))
	}
	if !bytes.Equal(again, first) {
		t.Error("a load that took its pages kept other bytes")
	}

	// p.md written again with its size and modification time kept: read.
	mtime := info.ModTime()
	write("content/a/p.md", strings.Replace(mustRead(t, filepath.Join(dir, "content/a/p.md")), "title = \"P\"", "title = \"R\"", 1))
	if err := os.Chtimes(filepath.Join(dir, "content/a/p.md"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	time.Sleep(stamp.Tick)
	s, k, _ = load(first, id)
	if i := slices.IndexFunc(s.Pages, func(p *Page) bool { return p.Path == "content/a/p.md" }); k.Taken != 2 || s.Pages[i].Title != "R" {
		t.Errorf("p.md changed: %d taken, its title %q", k.Taken, s.Pages[i].Title)
	}
	_, _, first = load(nil, id)

	damaged := bytes.Clone(first)
	damaged[len(damaged)/2] ^= 1
	for name, c := range map[string]struct {
		from []byte
		id   [32]byte
	}{
		"another program": {first, [32]byte{2}},
		"damaged":         {damaged, id},
		"cut short":       {first[:len(first)-1], id},
	} {
		if _, k, _ := load(c.from, c.id); k.Taken != 0 {
			t.Errorf("%s: %d pages taken", name, k.Taken)
		}
	}
	// Other settings: a date is read in the site's zone.
	write("content/site.toml", strings.Replace(config, "Asia/Shanghai", "Asia/Urumqi", 1))
	if _, k, _ := load(first, id); k.Taken != 0 {
		t.Errorf("site.toml changed: %d pages taken", k.Taken)
	}
}

// writeIn writes text to the file rel under dir, making its folders.
func writeIn(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWalkOrder: the order kept pages are matched in is the order
// fs.WalkDir visits them.
func TestWalkOrder(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, p := range []string{"a.md", "a/b.md", "a/b/c.md", "a-c.md", "a.b.md", "ab.md", "a b.md", "a/b-c.md", "b.md"} {
		fsys["content/"+p] = &fstest.MapFile{}
	}
	var walked []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			walked = append(walked, p)
		}
		return nil
	})
	if !slices.IsSortedFunc(walked, walkOrder) {
		sorted := slices.SortedFunc(slices.Values(walked), walkOrder)
		t.Errorf("walked %q, walkOrder sorts %q", walked, sorted)
	}
}

// TestKeptPagesLocalTime: a site in "Local" time reads its dates in the
// TZ of each build; a page taken from a load in another TZ has the dates
// a load in this one reads.
func TestKeptPagesLocalTime(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"content/site.toml":   "title = \"T\"\nbase_url = \"https://example.gov.cn/\"\ntimezone = \"Local\"\n[organization]\nname = \"局\"\ncode = \"C1\"\n",
		"content/a/_index.md": "+++\ntitle = \"甲\"\n+++\n",
		"content/a/p.md":      "+++\ntitle = \"P\"\ndate = 2021-02-23\npublish_at = 2021-03-01T09:00:00\nvalid_until = 2021-12-31\n+++\n",
	} {
		writeIn(t, dir, name, text)
	}
	time.Sleep(stamp.Tick)
	if info, _ := os.Stat(filepath.Join(dir, "content/a/p.md")); info == nil || stamp.Of(info) == 0 {
		t.Skip("no stamps on this system: every page is read")
	}
	was := time.Local
	defer func() { time.Local = was }()
	fsys := os.DirFS(dir)
	var kept bytes.Buffer
	time.Local = time.FixedZone("UTC", 0)
	if _, errs := LoadKept(fsys, &Kept{To: &kept}); len(errs) > 0 {
		t.Fatal(errs)
	}
	time.Local = time.FixedZone("CST", 8*3600)
	want, _ := Load(fsys)
	k := &Kept{From: bytes.NewReader(kept.Bytes())}
	have, _ := LoadKept(fsys, k)
	if k.Taken != 1 {
		t.Fatalf("taken: %d", k.Taken)
	}
	w, h := want.Pages[0], have.Pages[0]
	if !w.Date.Equal(h.Date) || !w.Extras().PublishAt.Equal(h.Extras().PublishAt) || !w.Extras().ValidUntil.Equal(h.Extras().ValidUntil) {
		t.Errorf("dates read in UTC, taken in CST: %v %v %v, want %v %v %v",
			h.Date, h.Extras().PublishAt, h.Extras().ValidUntil, w.Date, w.Extras().PublishAt, w.Extras().ValidUntil)
	}
}
