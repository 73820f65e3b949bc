package site

import (
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"strings"
	"time"

	"gongkai/internal/diag"
)

// Page is one published document: a Markdown file, or a bundle folder
// with index.md and the files that go with it.
type Page struct {
	Path    string // site-relative source: content/reports/x.md or content/reports/x/index.md
	URL     string // site-relative output URL: reports/x/
	Section *Section

	Title     string
	Date      time.Time
	Publisher string // 发布机构, inherited when not set
	DocNo     string // 文号
	IndexNo   string // 索引号; filled in by AssignIndexNumbers when absent
	IndexCode string // organization code used for a generated 索引号
	Topic     string // 主题分类
	Summary   string

	// A page keeps no body: a portal of a million pages would hold
	// gigabytes of Markdown. The build reads it again where it renders
	// it (ReadBody), checked against Hash.
	Hash  uint64   // of the whole file: tells a changed page from an unchanged one
	lines keyLines // for Line
	Draft bool
	// IndexGenerated says IndexNo was generated, not typed: it can still
	// change when pages dated earlier are added (gongkai number fixes it).
	IndexGenerated bool

	extra *Extras // nil when the page sets none of them (most pages)
}

// Extras are what few pages have: a bundle's folder and attachments, an
// embargo, an end of validity, old URLs, a weight, an annual report's
// tables. A portal's million pages keep them only where set (Page.Extras).
type Extras struct {
	BundleDir   string    // content/reports/x for a bundle, else ""
	PublishAt   time.Time // zero: no embargo
	ValidUntil  time.Time // zero: valid without end
	Aliases     []string  // site-relative URL paths, without the leading slash
	Weight      int
	Attachments []Attachment
	TablesPath  string // content/…/tables.toml when the bundle is an annual report

	// PersonalInfo (personal_info) acknowledges personal information in
	// the page — ID, mobile or bank card numbers — as lawfully published,
	// saying on what ground; gongkai check reports such numbers in pages
	// without it.
	PersonalInfo string
}

// Extras returns the page's extras: zero values where it sets none.
func (p *Page) Extras() Extras {
	if p.extra == nil {
		return Extras{}
	}
	return *p.extra
}

// keyLines are the file lines of the front-matter keys that findings made
// after loading point at; 0 where the key is not set.
type keyLines struct{ title, date, indexNo, aliases, docNo int32 }

// HashBytes hashes a source file the way Page.Hash is made: the first
// eight bytes of its SHA-256, the same in every process, as the build
// cache compares hashes made by an earlier run.
func HashBytes(b []byte) uint64 {
	sum := sha256.Sum256(b)
	return binary.BigEndian.Uint64(sum[:8])
}

// Line returns the file line of a front-matter key, for errors and
// findings made after loading (a duplicate 索引号, a clashing alias, a
// late date, a repeated title), or 0. It knows the keys title, date,
// index_no and aliases: the page's front matter is not kept.
func (p *Page) Line(key string) int {
	switch key {
	case "title":
		return int(p.lines.title)
	case "date":
		return int(p.lines.date)
	case "index_no":
		return int(p.lines.indexNo)
	case "aliases":
		return int(p.lines.aliases)
	case "doc_no":
		return int(p.lines.docNo)
	}
	return 0
}

// ReadBody reads the page's file again, for rendering: the whole file,
// the body after the front matter and the file line it starts on. It
// reads into buf when that is large enough (pass file back as the next
// buf). A file changed since it was loaded is an error: the page's
// title, date and 索引号 were read from the old one.
func (p *Page) ReadBody(fsys fs.FS, buf []byte) (file, body []byte, line int, err error) {
	file, err = readFile(fsys, p.Path, buf)
	if err != nil {
		return nil, nil, 0, diag.Place(err, p.Path, 0)
	}
	if HashBytes(file) != p.Hash {
		return file, nil, 0, diag.Errorf(p.Path, 0, "the file changed during the build: build again")
	}
	_, body, line, err = splitFrontMatter(file)
	if err != nil {
		return file, nil, 0, diag.Place(err, p.Path, 1)
	}
	return file, body, line, nil
}

// Attachment is a file of a bundle listed on its page (附件).
type Attachment struct {
	File  string // name inside the bundle folder
	Title string
	Type  string // upper-case extension: PDF, DOCX
	Size  int64
	Line  int
}

// Section is a column (栏目): a folder under content/. The site's home is
// the root section, with URL "".
type Section struct {
	Path        string // content/reports/_index.md, or the folder when it has none
	Dir         string // content/reports
	URL         string // reports/
	Title       string
	Weight      int
	UpdateEvery time.Duration // 0: no freshness expected
	Org         Organization  // effective, after inheritance
	// OwnOrg says the column's _index.md sets [organization]: it is a
	// body's disclosure (a department's on a portal), whose subtree that
	// body publishes.
	OwnOrg   bool
	CodeLine int // of its _index.md's [organization] code; 0 when it sets none
	Parent   *Section
	Sections []*Section // sorted by weight, then folder name
	Pages    []*Page    // in path order; lists sort as they need
	Body     []byte
	BodyLine int
	Hash     uint64 // of _index.md
}

// Published reports whether p is public at now: not a draft (unless
// drafts are shown) and past its embargo.
func (p *Page) Published(now time.Time, drafts bool) bool {
	if p.Draft && !drafts {
		return false
	}
	at := p.Extras().PublishAt
	return at.IsZero() || !now.Before(at)
}

// Expired reports whether p is past its valid_until date at now (有效性 失效).
func (p *Page) Expired(now time.Time) bool {
	until := p.Extras().ValidUntil
	return !until.IsZero() && now.After(until)
}

// Ancestors returns s's parents from the home down, without s.
func (s *Section) Ancestors() []*Section {
	var list []*Section
	for p := s.Parent; p != nil; p = p.Parent {
		list = append([]*Section{p}, list...)
	}
	return list
}

// urlOf makes the pretty URL of a content folder path: content/a/b → a/b/.
// URLs stay unescaped, as file paths in the output; templates escape them
// in links.
func urlOf(dir string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(dir, "content"), "/")
	if rel == "" {
		return ""
	}
	return rel + "/"
}
