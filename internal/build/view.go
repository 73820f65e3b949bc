package build

import (
	"crypto/sha256"
	"html/template"
	"sync"

	"gongkai/internal/digest"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/search"
	"gongkai/internal/site"
)

// The values templates receive. Every URL in them already carries the
// site's base path, so templates never build links themselves.

// view is the data of one page of any kind.
type view struct {
	Site        *siteView
	Kind        string // home, list, page, datasets, dataset, 404, search
	Title       string
	URL         string // this page, with the base path
	Permalink   string // absolute
	Description string
	Crumbs      trail  // from the home down to the parent of this page (crumbs.html)
	Column      string // the column this page belongs to (meta ColumnName)
	Content     template.HTML
	Feed        *link // the Atom feed of this page's column; the site's is in head.html

	Page     *pageView
	List     *listView
	Home     []columnView // home: latest items of each column
	Bodies   []bodyView   // home: the bodies whose disclosure the site carries
	Datasets []datasetView
	Dataset  *datasetView
	Reports  *reportsView // a column of annual reports: the years side by side
	Search   *searchView  // the /search/ page
}

// searchView is the /search/ page's form: where the index is, and the
// choices of its filters.
type searchView struct {
	Index         string   // the index folder, with the base path
	search.Layout          // the index's version and number of dictionaries, for the script
	Columns       []string // top-level columns that hold pages, in menu order
	Years         []int    // newest first
	Topics        []string // 主题分类, sorted
}

type siteView struct {
	Title    string
	Language string
	BaseURL  string
	BasePath string
	Origin   string // BaseURL's scheme and host: https://www.example.gov.cn
	Org      site.Organization
	Footer   site.Footer
	Menu     []link
	Feed     string // the site's Atom feed
	Search   string // the /search/ page; "" when the site has none

	once sync.Once
	sum  [32]byte
}

// keyPart is the SHA-256 of the site view's digest, made once: a key
// (appendViewKey) takes it rather than the digest itself.
func (s *siteView) keyPart() []byte {
	s.once.Do(func() { s.sum = sha256.Sum256(digest.Append(nil, s)) })
	return s.sum[:]
}

// trail is a list of links from the home page down.
type trail []link

// String stands for the trail in the theme's cache of rendered crumbs:
// its last link's URL says where it leads, and so the whole trail.
func (t trail) String() string {
	if len(t) == 0 {
		return ""
	}
	return t[len(t)-1].URL
}

type link struct {
	Title string
	URL   string
}

// pageView is a page's disclosure metadata (信息公开元数据) and its parts.
type pageView struct {
	IndexNo     string
	Publisher   string
	Date        string // 2021-02-23
	PubTime     string // 2021-02-23 09:00, as meta PubDate gives it
	DocNo       string
	Topic       string
	Valid       bool
	ValidUntil  string
	Summary     string
	Attachments []attachmentView
	Draft       bool
	// Updated is 更新日期: the date of the last commit that changed the
	// page after the one that added it, else Date. "" when the site is not
	// a git checkout or site.toml says history = "off".
	Updated string
	// Revisions is 更新记录, newest first: every commit that touched the
	// page, with history = "revisions".
	Revisions []revisionView
}

type revisionView struct {
	Date    string
	Message string
}

type attachmentView struct {
	Title string
	URL   string
	Type  string
	Size  string // 1.2 MB
}

// item is one entry of a list.
type item struct {
	Title   string
	URL     string
	Date    string
	Expired bool
}

type listView struct {
	Sections []link
	// Columns, on the first page of a body's column (one with its own
	// [organization]): its columns with their latest items, as on the home.
	Columns []columnView
	Items   []item
	Page    int // 1-based
	Pages   int
	Prev    string
	Next    string
}

type columnView struct {
	Title string
	URL   string
	Items []item
}

// bodyView is a body whose disclosure a portal carries: a column with an
// [organization] of its own.
type bodyView struct {
	Name  string // the organization's name
	Title string // its column's
	URL   string
}

type datasetView struct {
	Key     string
	Title   string
	Source  string
	Note    string
	URL     string
	CSV     string
	JSON    string
	Years   string // 2020—2021
	Metrics int
	Table   template.HTML
}

// figuresView is the data of figures.html: the table of a ```figures
// block or of a dataset's page.
type figuresView struct {
	Table      *figures.Table
	ID         string // prefixes every id of the table and charts; unique in the page
	Chart      bool   // its bar charts too, one per unit
	DatasetURL string // the dataset's page; "" for no link
	CSVURL     string // its CSV; "" for no link
	NoteAt     string // the id of the figure above that gives the dataset's source and note; "" for this one
}

// disclosureView is the data of disclosure.html: one statutory table of an
// annual report, placed by a ```disclosure block.
type disclosureView struct {
	Table  *disclosure.Table
	ID     string // the table's id, prefixing its header cells' ids
	CSVURL string // the table's CSV
}

type reportsView struct {
	Years  []int
	Rows   []reportRow
	Change bool // whether there are two years to compare
}

type reportRow struct {
	Label  string
	Values []int
	Change string // +3, -1, 0
}
