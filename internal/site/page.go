package site

import (
	"hash/maphash"
	"strings"
	"time"

	"gongkai/internal/tomlpos"
)

// Page is one published document: a Markdown file, or a bundle folder
// with index.md and the files that go with it.
type Page struct {
	Path      string // site-relative source: content/reports/x.md or content/reports/x/index.md
	BundleDir string // content/reports/x for a bundle, else ""
	URL       string // site-relative output URL: reports/x/
	Section   *Section

	Title     string
	Date      time.Time
	Publisher string // 发布机构, inherited when not set
	DocNo     string // 文号
	IndexNo   string // 索引号; filled in by AssignIndexNumbers when absent
	// IndexGenerated says IndexNo was generated, not typed: it can still
	// change when pages dated earlier are added (gongkai number fixes it).
	IndexGenerated bool
	IndexCode      string // organization code used for a generated 索引号
	Topic          string // 主题分类
	Summary        string
	Draft          bool
	PublishAt      time.Time // zero: no embargo
	ValidUntil     time.Time // zero: valid without end
	Aliases        []string  // site-relative URL paths, without the leading slash
	Weight         int
	Attachments    []Attachment
	TablesPath     string // content/…/tables.toml when the bundle is an annual report

	// PersonalInfo (personal_info) acknowledges personal information in
	// the page — ID, mobile or bank card numbers — as lawfully published,
	// saying on what ground; gongkai check reports such numbers in pages
	// without it.
	PersonalInfo string

	Body     []byte // Markdown after the front matter
	BodyLine int    // file line on which Body starts
	Hash     uint64 // of the whole file: tells a changed page from an unchanged one
	front    []byte // the front matter, for Line
}

// hashSeed is fixed for the process: hashes are compared only within it.
var hashSeed = maphash.MakeSeed()

// HashBytes hashes a source file the way Page.Hash is made.
func HashBytes(b []byte) uint64 { return maphash.Bytes(hashSeed, b) }

// Line returns the file line of a front-matter key, for errors found
// after loading (a duplicate 索引号, a clashing alias), or 0.
func (p *Page) Line(key string) int {
	if l := tomlpos.Scan(p.front).Line(strings.Split(key, ".")...); l > 0 {
		return l + 1 // the front matter starts on line 2
	}
	return 0
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
	return p.PublishAt.IsZero() || !now.Before(p.PublishAt)
}

// Expired reports whether p is past its valid_until date at now (有效性 失效).
func (p *Page) Expired(now time.Time) bool {
	return !p.ValidUntil.IsZero() && now.After(p.ValidUntil)
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
