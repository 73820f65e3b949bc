package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src   string
		front, body string
		bodyLine    int
		wantErr     bool
	}{
		{"plain", "+++\ntitle = \"a\"\n+++\nbody\n", "title = \"a\"\n", "body\n", 4, false},
		{"none", "just text\n", "", "just text\n", 1, false},
		{"bom", "\xef\xbb\xbf+++\na = 1\n+++\nx", "a = 1\n", "x", 4, false},
		{"crlf", "+++\r\na = 1\r\n+++\r\nx\r\n", "a = 1\r\n", "x\r\n", 4, false},
		{"empty front", "+++\n+++\nx", "", "x", 3, false},
		{"no newline after fence", "+++\na = 1\n+++", "a = 1\n", "", 4, false},
		{"unclosed", "+++\na = 1\n", "", "", 0, true},
		{"++ in a string of many lines", "+++\nsummary = \"\"\"\n++\n\"\"\"\n+++\nx", "summary = \"\"\"\n++\n\"\"\"\n", "x", 6, false},
		{"closed with full-width plus signs", "+++\na = 1\n＋＋＋\nx", "", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, line, err := splitFrontMatter([]byte(tt.src))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err: have %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if string(front) != tt.front || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("have (%q, %q, %d), want (%q, %q, %d)", front, body, line, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}

func page(path, date, indexNo, code string) *Page {
	d, _ := time.Parse("2006-01-02", date)
	return &Page{Path: path, Date: d, IndexNo: indexNo, IndexCode: code, lines: keyLines{title: 2, date: 3, indexNo: 4}}
}

func TestAssignIndexNumbers(t *testing.T) {
	a := page("content/a.md", "2021-03-01", "", "CODE")
	b := page("content/b.md", "2021-01-01", "", "CODE")
	c := page("content/c.md", "2021-03-01", "CODE/2021-00003", "CODE") // typed: generated numbers skip it
	d := page("content/d.md", "2020-12-31", "", "CODE")
	e := page("content/e.md", "2021-02-01", "", "")
	f := page("content/f.md", "2021-05-01", "", "CODE")
	errs := AssignIndexNumbers([]*Page{a, b, c, d, e, f}, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := map[*Page]string{ // after the highest typed, by date
		b: "CODE/2021-00004", a: "CODE/2021-00005", f: "CODE/2021-00006",
		d: "CODE/2020-00001", e: "2021-00001", c: "CODE/2021-00003",
	}
	for p, w := range want {
		if p.IndexNo != w {
			t.Errorf("%s: have %q, want %q", p.Path, p.IndexNo, w)
		}
	}

	// A page dated later in the year changes no earlier number.
	g := page("content/g.md", "2021-06-01", "", "CODE")
	pages := []*Page{page("content/a.md", "2021-03-01", "", "CODE"), page("content/b.md", "2021-01-01", "", "CODE"), g}
	AssignIndexNumbers(pages, nil)
	if pages[0].IndexNo != "CODE/2021-00002" || pages[1].IndexNo != "CODE/2021-00001" || g.IndexNo != "CODE/2021-00003" {
		t.Errorf("numbers moved: %s %s %s", pages[0].IndexNo, pages[1].IndexNo, g.IndexNo)
	}
}

// TestRetiredIndexNumbers: a number a deleted page held is given to no
// other page, generated or new; a new page's serial follows the highest,
// filling no gap.
func TestRetiredIndexNumbers(t *testing.T) {
	retired := Retired([][]byte{
		[]byte("+++\ntitle = \"撤下的通知\"\nindex_no = \"CODE/2021-00002\"\n+++\n正文"),
		[]byte("+++\nindex_no = \"CODE/2021-00007\"\n+++\n"),
		[]byte("no front matter"),
		[]byte("+++\ntitle = \"没有索引号\"\n+++\n"),
	})
	if len(retired) != 2 || !retired["CODE/2021-00002"] || !retired["CODE/2021-00007"] {
		t.Fatalf("Retired = %v", retired)
	}
	a := page("content/a.md", "2021-01-01", "", "CODE")
	b := page("content/b.md", "2021-02-01", "", "CODE")
	c := page("content/c.md", "2021-03-01", "CODE/2021-00003", "CODE")
	pages := []*Page{a, b, c}
	if errs := AssignIndexNumbers(pages, retired); len(errs) != 0 {
		t.Fatal(errs)
	}
	if a.IndexNo != "CODE/2021-00008" || b.IndexNo != "CODE/2021-00009" {
		t.Errorf("generated %s, %s; want CODE/2021-00008, CODE/2021-00009 (after the retired 00007)", a.IndexNo, b.IndexNo)
	}
	sparse := []*Page{page("content/x.md", "2021-01-01", "CODE/2021-00001", "CODE"), page("content/y.md", "2021-02-01", "CODE/2021-00005", "CODE")}
	for _, tc := range []struct {
		pages   []*Page
		retired map[string]bool
		code    string
		year    int
		want    string
	}{
		{pages, retired, "CODE", 2021, "CODE/2021-00010"},
		{sparse, nil, "CODE", 2021, "CODE/2021-00006"},     // no gap filled
		{sparse, retired, "CODE", 2021, "CODE/2021-00008"}, // after the retired 00007
		{sparse, retired, "CODE", 2022, "CODE/2022-00001"},
		{sparse, retired, "OTHER", 2021, "OTHER/2021-00001"},
		{sparse, retired, "", 2021, "2021-00001"},
	} {
		if got := NextIndexNumber(tc.pages, tc.retired, tc.code, tc.year); got != tc.want {
			t.Errorf("NextIndexNumber(%s, %d) = %s, want %s", tc.code, tc.year, got, tc.want)
		}
	}
}

func TestDuplicateIndexNumber(t *testing.T) {
	errs := AssignIndexNumbers([]*Page{page("content/a.md", "2021-01-01", "X", ""), page("content/b.md", "2021-01-01", "X", "")}, nil)
	if len(errs) != 1 || errs[0].Error() != `content/b.md:4: duplicate 索引号 "X" (also in content/a.md)` {
		t.Errorf("have %v", errs)
	}
	// The newer page is told, whatever the paths' order: the older one,
	// published first, keeps its number (the QA of 2026-11-27).
	errs = AssignIndexNumbers([]*Page{page("content/tzgg/new.md", "2022-05-01", "X", ""), page("content/zcwj/old.md", "2021-01-01", "X", "")}, nil)
	if len(errs) != 1 || errs[0].Error() != `content/tzgg/new.md:4: duplicate 索引号 "X" (also in content/zcwj/old.md)` {
		t.Errorf("have %v", errs)
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.toml":         {Data: []byte("title = \"T\"\nbase_url = \"https://example.gov.cn/kjj\"\ntimezone = \"Asia/Shanghai\"\n[organization]\nname = \"局\"\ncode = \"C1\"\n")},
		"content/a/_index.md":       {Data: []byte("+++\ntitle = \"甲\"\n[organization]\nname = \"甲局\"\ncode = \"C2\"\n+++\n")},
		"content/a/b/_index.md":     {Data: []byte("+++\ntitle = \"乙\"\n+++\n")},
		"content/a/b/p.md":          {Data: []byte("+++\ntitle = \"P\"\ndate = 2021-02-23\nvalid_until = 2021-12-31\n+++\n")},
		"content/q.md":              {Data: []byte("+++\ntitle = \"Q\"\ndate = 2021-02-23T09:00:00+00:00\npublisher = \"别的局\"\n+++\n")},
		"content/a/bundle/index.md": {Data: []byte("+++\ntitle = \"B\"\ndate = 2021-02-23\n[[attachment]]\nfile = \"x.pdf\"\n+++\n")},
		"content/a/bundle/x.pdf":    {Data: []byte("12345")},
	}
	s, errs := Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Config.BaseURL != "https://example.gov.cn/kjj/" || s.Config.BasePath != "/kjj/" {
		t.Errorf("base: have %q %q", s.Config.BaseURL, s.Config.BasePath)
	}
	byPath := map[string]*Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	p := byPath["content/a/b/p.md"]
	if p.URL != "a/b/p/" || p.Publisher != "甲局" || p.IndexCode != "C2" {
		t.Errorf("inherited: have URL %q publisher %q code %q", p.URL, p.Publisher, p.IndexCode)
	}
	if h, m := p.Date.Hour(), p.Date.Location().String(); h != 0 || m != "Asia/Shanghai" {
		t.Errorf("date: have %v", p.Date)
	}
	end := time.Date(2021, 12, 31, 23, 59, 0, 0, s.Config.Location)
	if p.Expired(end) || !p.Expired(end.Add(2*time.Minute)) {
		t.Errorf("valid_until should hold through its last day")
	}
	if q := byPath["content/q.md"]; q.Publisher != "别的局" || q.IndexCode != "C1" || q.Date.Hour() != 9 {
		t.Errorf("q: have %q %q %v", q.Publisher, q.IndexCode, q.Date)
	}
	b := byPath["content/a/bundle/index.md"]
	if b.URL != "a/bundle/" || len(b.Extras().Attachments) != 1 || b.Extras().Attachments[0].Size != 5 || b.Extras().Attachments[0].Type != "PDF" {
		t.Errorf("bundle: have %q %+v", b.URL, b.Extras().Attachments)
	}
	if strings.Join(s.Files, ",") != "content/a/bundle/x.pdf" {
		t.Errorf("files: have %v", s.Files)
	}
	// A page that sets none of the extras keeps none: a portal's million.
	if q := byPath["content/q.md"]; q.extra != nil {
		t.Errorf("q keeps extras it does not set: %+v", *q.extra)
	}
}

// TestPageSize keeps a page small: a portal builds a million of them, all
// kept through the build. A field few pages set belongs in Extras.
func TestPageSize(t *testing.T) {
	if n := unsafe.Sizeof(Page{}); n > 216 {
		t.Errorf("a Page is %d bytes, more than 216: put what few pages set in Extras", n)
	}
}

func TestPublished(t *testing.T) {
	now := time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		p      Page
		drafts bool
		want   bool
	}{
		{Page{}, false, true},
		{Page{Draft: true}, false, false},
		{Page{Draft: true}, true, true},
		{Page{extra: &Extras{PublishAt: now.Add(time.Second)}}, false, false},
		{Page{extra: &Extras{PublishAt: now}}, false, true},
		{Page{extra: &Extras{PublishAt: now.Add(-time.Hour)}}, false, true},
	}
	for i, tt := range tests {
		if have := tt.p.Published(now, tt.drafts); have != tt.want {
			t.Errorf("%d: have %v, want %v", i, have, tt.want)
		}
	}
}

// A page's body is read again where it is rendered; a file changed since
// the site was loaded is refused, not rendered under the old title.
func TestReadBody(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.toml": {Data: []byte("title = \"示例\"\nbase_url = \"http://localhost/\"\n[organization]\nname = \"示例局\"\n")},
		"content/a.md":      {Data: []byte("+++\ntitle = \"甲\"\ndate = 2021-01-01\n+++\n正文。\n")},
	}
	s, errs := Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := s.Pages[0]
	_, body, line, err := p.ReadBody(fsys, make([]byte, 0, 4))
	if err != nil || string(body) != "正文。\n" || line != 5 {
		t.Errorf("have (%q, %d, %v), want (%q, 5, nil)", body, line, err, "正文。\n")
	}
	if have, want := p.Line("date"), 3; have != want {
		t.Errorf("date on line %d, want %d", have, want)
	}
	fsys["content/a.md"].Data = []byte("+++\ntitle = \"乙\"\ndate = 2021-01-01\n+++\n改了。\n")
	if _, _, _, err := p.ReadBody(fsys, nil); err == nil || !strings.Contains(err.Error(), "content/a.md: the file changed during the build") {
		t.Errorf("a file changed since loading: have %v", err)
	}
}

// BenchmarkAssignIndexNumbers: a portal's numbers, most typed, a
// thousand pages without (its bodies' annual reports): one pass over the
// typed numbers, not one per body and year (it took 15 s at 100,000
// pages so).
func BenchmarkAssignIndexNumbers(b *testing.B) {
	var pages []*Page
	for i := range 100_000 {
		code := fmt.Sprintf("ORG%03d", i%500)
		pages = append(pages, page(fmt.Sprintf("content/p%06d.md", i), "2021-03-01", fmt.Sprintf("%s/2021-%05d", code, i), code))
	}
	for i := range 1000 {
		code := fmt.Sprintf("ORG%03d", i%500)
		pages = append(pages, page(fmt.Sprintf("content/r%06d.md", i), fmt.Sprintf("%d-01-20", 2021+i%2), "", code))
	}
	for b.Loop() {
		for _, p := range pages[100_000:] {
			p.IndexNo, p.IndexGenerated = "", false
		}
		AssignIndexNumbers(pages, nil)
	}
}
