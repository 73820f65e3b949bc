package build

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/check"
	"gongkai/internal/diag"
	"gongkai/internal/site"
)

// listSize is how many items a column's list page shows.
const listSize = 20

// homeSize is how many of each column's latest items the home page shows.
const homeSize = 6

// planned is what the plan stage decided: what is published, the lists,
// and one job per output file.
type planned struct {
	pages    int                            // how many are published (isPublished)
	held     []Held                         // pages left out: drafts, embargoed
	hidden   map[string]bool                // bundle folders of pages not published
	lists    map[*site.Section][]*site.Page // published pages of each column, sorted for lists
	home     []columnView                   // the home page's latest items of each column
	bodies   []bodyView                     // the bodies whose disclosure the site carries
	columns  map[*site.Section][]columnView // a body's column: the latest items of each of its columns
	siteView *siteView
	trails   map[*site.Section]trail // from the home down to each column
	outputs  map[string]string       // output path → the source that makes it
	jobs     []job
	// The theme's CSS and JS under names that carry their content's hash
	// (css/site.css → css/site.3f2a9c01de.css), which rel links to: a page
	// always gets the stylesheet it was built with, even while a newer
	// release is being switched in (publish keeps the older ones).
	fingerprinted map[string]string
	feeds         map[*site.Section]link // the Atom feed of each column that has one
}

// job makes one output file: a public document's own HTML, from its page
// alone (a portal's million jobs keep nothing else), or any other file,
// from what its make says.
type job struct {
	rel  string     // output path
	src  string     // the source that makes it, for errors
	page *site.Page // the page whose own HTML this is (Output.Page), whose text the search index takes; nil for any other file
	make *maker     // how any other file is made; nil for a page's

	gz     bool // with a .gz beside it (site.toml gzip)
	late   bool // made after the search index, whose version it names (the /search/ page)
	reused bool // taken from the build cache
	asWas  bool // reused, and the spare held its files untouched: their stamps are the manifest's still

	used []string // datasets the page's Markdown embedded when it last ran
	key  key      // its key (cache.go) when it ran or was reused, if the builder keeps keys
}

// maker makes one output file, in one of three ways.
type maker struct {
	// A page made by a theme template: view returns the data the template
	// receives, fill adds the parts of it read from files (the Markdown, a
	// dataset's table), and sources stands for the content of those files.
	view    func() *view
	fill    func(w *worker, v *view) error
	sources func() string

	// A file made in Go (CSV, JSON); sources stands for what it is made of.
	write func(w *worker) ([]byte, error)

	// A file copied as it is from copyFS; sources stands for its content.
	copyFS   fs.FS
	copyName string
}

// maker returns how j is made: for a page's own HTML, made as it is asked for.
func (b *builder) maker(j *job) *maker {
	if p := j.page; p != nil {
		return &maker{
			view: func() *view { return b.pageView(p) },
			fill: func(w *worker, v *view) error { return b.fillPage(w, p, v) },
			sources: func() string {
				return "page " + strconv.FormatUint(p.Hash, 16) + " report " + strconv.FormatUint(b.reportHash[p], 16)
			},
		}
	}
	return j.make
}

// plan decides what is published and makes one job per output file.
func (b *builder) plan() {
	s := b.site
	cfg := s.Config
	p := &planned{
		hidden: map[string]bool{}, outputs: map[string]string{},
		columns: map[*site.Section][]columnView{},
	}
	b.planned = p
	for _, pg := range s.Pages {
		if b.isPublished(pg) {
			p.pages++
			continue
		}
		p.held = append(p.held, held(pg, b.opt.Drafts))
		if pg.Extras().BundleDir != "" {
			p.hidden[pg.Extras().BundleDir] = true
		}
	}
	p.siteView = &siteView{
		Title: cfg.Title, Language: cfg.Language, BaseURL: cfg.BaseURL, BasePath: cfg.BasePath,
		Origin: strings.TrimSuffix(cfg.BaseURL, cfg.BasePath), Org: cfg.Organization, Footer: cfg.Footer,
	}
	if cfg.Search {
		p.siteView.Search = b.url("search/")
	}
	for _, sec := range s.Home.Sections {
		if !sec.OwnOrg { // a portal's hundreds of bodies are listed on its home instead
			p.siteView.Menu = append(p.siteView.Menu, link{Title: sec.Title, URL: b.url(sec.URL)})
		}
	}
	if len(b.dsOrder) > 0 {
		p.siteView.Menu = append(p.siteView.Menu, link{Title: "数据", URL: b.url("data/")})
	}
	p.trails = map[*site.Section]trail{}
	for _, sec := range append([]*site.Section{s.Home}, s.Sections...) {
		p.trails[sec] = b.trail(sec)
	}

	// Lists are computed once: each column's published pages, in order.
	p.lists = map[*site.Section][]*site.Page{}
	for _, sec := range append([]*site.Section{s.Home}, s.Sections...) {
		var pages []*site.Page
		for _, pg := range sec.Pages {
			if b.isPublished(pg) {
				pages = append(pages, pg)
			}
		}
		slices.SortFunc(pages, listOrder)
		p.lists[sec] = pages
	}

	// Pages are planned, and so rendered, newest first, the order the
	// search index takes them in (search.Pages) and adds its batches in:
	// each batch is made as soon as its pages are rendered
	// (searchIndex.start).
	published := make([]*site.Page, 0, p.pages)
	for _, pg := range s.Pages {
		if b.isPublished(pg) {
			published = append(published, pg)
		}
	}
	sortNewest(published)
	if cfg.Search && !b.opt.Check { // a check writes nothing: no index to make
		b.search = newSearchIndex(published)
	}
	for i, pg := range published {
		if b.planPage(pg) && b.search != nil {
			b.search.expect(i)
		}
	}
	b.planHome()
	for _, sec := range s.Sections {
		b.planSection(sec)
	}
	b.planData()
	if cfg.Search {
		b.planSearch()
	}
	b.addPage("404.html", "(theme) 404.html", 0, func() *view {
		return &view{Site: b.siteView, Kind: "404", Title: "页面未找到", URL: b.url("404.html")}
	}, nil, nil)
	b.planFiles()
	b.planServing()
	if cfg.Gzip {
		b.planGzip()
	}
}

// isPublished reports whether the build publishes p: not a draft (unless
// --drafts), past its embargo.
func (b *builder) isPublished(p *site.Page) bool { return p.Published(b.now, b.opt.Drafts) }

// listOrder puts weighted pages first (by weight), then the newest first.
func listOrder(a, c *site.Page) int {
	wa, wc := a.Extras().Weight, c.Extras().Weight
	if (wa == 0) != (wc == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	if d := cmp.Or(cmp.Compare(wa, wc), c.Date.Compare(a.Date)); d != 0 {
		return d
	}
	return strings.Compare(a.Path, c.Path)
}

// items are the list items of pages, made as a list page is: a portal's
// million would be hundreds of megabytes kept.
func (b *builder) items(pages []*site.Page) []item {
	items := make([]item, len(pages))
	for i, p := range pages {
		items[i] = item{Title: p.Title, URL: b.url(p.URL), Date: b.date(p.Date), Expired: p.Expired(b.now)}
	}
	return items
}

// claim records that src makes output path rel, reporting a clash.
func (b *builder) claim(rel, src string, line int) bool {
	if other, ok := b.outputs[rel]; ok {
		b.errorf(src, line, "/%s is also made by %s", rel, other)
		return false
	}
	b.outputs[rel] = src
	return true
}

// addPage plans the output rel, a page of a theme template (see job),
// and reports whether it did (claim).
func (b *builder) addPage(rel, src string, line int, view func() *view, fill func(w *worker, v *view) error, sources func() string) bool {
	if !b.claim(rel, src, line) {
		return false
	}
	b.jobs = append(b.jobs, job{rel: rel, src: src, make: &maker{view: view, fill: fill, sources: sources}})
	return true
}

// addFile plans the output rel, a file made in Go.
func (b *builder) addFile(rel, src string, write func(w *worker) ([]byte, error), sources func() string) {
	if b.claim(rel, src, 0) {
		b.jobs = append(b.jobs, job{rel: rel, src: src, make: &maker{write: write, sources: sources}})
	}
}

// addCopy plans a file copied as it is.
func (b *builder) addCopy(rel, src string, fsys fs.FS, name string, sources func() string) {
	if b.claim(rel, src, 0) {
		b.jobs = append(b.jobs, job{rel: rel, src: src, make: &maker{copyFS: fsys, copyName: name, sources: sources}})
	}
}

// crumbs returns the links from the home down to sec, inclusive.
func (b *builder) crumbs(sec *site.Section) trail { return b.trails[sec] }

func (b *builder) trail(sec *site.Section) trail {
	list := trail{{Title: "首页", URL: b.url("")}}
	for _, a := range append(sec.Ancestors(), sec) {
		if a.Parent != nil {
			list = append(list, link{Title: a.Title, URL: b.url(a.URL)})
		}
	}
	return list
}

// column returns the top-level column sec is in, for the ColumnName meta.
func column(sec *site.Section) string {
	for sec.Parent != nil && sec.Parent.Parent != nil {
		sec = sec.Parent
	}
	if sec.Parent == nil {
		return ""
	}
	return sec.Title
}

// planPage plans a page's outputs, and reports whether its own HTML is
// among them (its path not claimed before).
func (b *builder) planPage(p *site.Page) bool {
	report := b.reports[p]
	rel := p.URL + "index.html"
	own := b.claim(rel, p.Path, 1)
	if own {
		b.jobs = append(b.jobs, job{rel: rel, src: p.Path, page: p})
	}
	for _, a := range p.Extras().Aliases {
		rel := a
		if strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		b.addPage(rel, p.Path, p.Line("aliases"), func() *view {
			return &view{Site: b.siteView, Kind: "alias", Title: p.Title, URL: b.url(p.URL), Permalink: b.site.Config.BaseURL + p.URL}
		}, nil, nil)
	}
	if report != nil {
		for _, t := range report.Held {
			b.addFile(p.URL+t+".csv", p.Extras().TablesPath, func(w *worker) ([]byte, error) {
				w.buf.Reset()
				err := report.WriteCSV(&w.buf, t)
				return w.buf.Bytes(), err
			}, func() string { return fmt.Sprintf("%x", b.reportHash[p]) })
		}
	}
	return own
}

// fillPage adds a page's body to its view. The body is read here, on its
// way through: pages keep none.
func (b *builder) fillPage(w *worker, p *site.Page, v *view) error {
	file, body, line, err := p.ReadBody(b.opt.Site, w.src)
	if file != nil {
		w.src = file
	}
	if err != nil {
		return err
	}
	content, err := b.markdown(w, markdownSource{path: p.Path, body: body, line: line, url: p.URL, page: p})
	v.Content = content
	if v.Description == "" { // no summary: the body's beginning
		v.Description = htmlExcerpt([]byte(content))
	}
	// The front matter's title, summary, 文号 … are published too.
	if p.Extras().PersonalInfo != "" || !bytes.HasSuffix(file, body) {
		return err
	}
	return withFound(err, check.PersonalInTOML(p.Path, file[:len(file)-len(body)], 1, true))
}

// withFound adds found, errors of a file's front matter, to err, a
// rendering's.
func withFound(err error, found []diag.Error) error {
	var list diag.List
	switch {
	case len(found) == 0:
		return err
	case errors.As(err, &list):
		return append(diag.List(found), list...)
	case err != nil:
		return err
	}
	return diag.List(found)
}

// columnPersonal is the personal information in the front matter of a
// column's _index.md (its title, its [organization]'s phone …, published
// in its pages), which no personal_info can make lawful.
func (b *builder) columnPersonal(sec *site.Section) []diag.Error {
	if sec.Path == sec.Dir {
		return nil // no _index.md
	}
	file, err := site.ReadFile(b.opt.Site, sec.Path)
	if err != nil || !bytes.HasSuffix(file, sec.Body) {
		return nil // changed since it was loaded: the next build reads it
	}
	return check.PersonalInTOML(sec.Path, file[:len(file)-len(sec.Body)], 1, false)
}

// planHome plans the home page: the latest items of each of the site's
// own columns, and the list of the bodies it hosts (columns with an
// [organization] of their own, at any depth, in menu order).
func (b *builder) planHome() {
	home := b.site.Home
	for _, c := range home.Sections {
		if !c.OwnOrg {
			b.home = append(b.home, columnView{Title: c.Title, URL: b.url(c.URL), Items: b.latest(c, homeSize)})
		}
	}
	var walk func(sec *site.Section)
	walk = func(sec *site.Section) {
		for _, c := range sec.Sections {
			if c.OwnOrg {
				b.bodies = append(b.bodies, bodyView{Name: c.Org.Name, Title: c.Title, URL: b.url(c.URL)})
			}
			walk(c)
		}
	}
	walk(home)
	b.addPage("index.html", home.Path, 0, b.homeView, func(w *worker, v *view) error {
		content, err := b.markdown(w, markdownSource{path: home.Path, body: home.Body, line: home.BodyLine})
		v.Content = content
		return err
	}, func() string { return fmt.Sprintf("%x", home.Hash) })
}

func (b *builder) planSection(sec *site.Section) {
	if sec.OwnOrg {
		// A body's column is that body's home: its columns, each with
		// its latest items, as the portal's home shows the portal's.
		for _, c := range sec.Sections {
			b.columns[sec] = append(b.columns[sec], columnView{Title: c.Title, URL: b.url(c.URL), Items: b.latest(c, homeSize)})
		}
	}
	pages := max(1, (len(b.lists[sec])+listSize-1)/listSize)
	for n := 1; n <= pages; n++ {
		rel := sec.URL + "index.html"
		if n > 1 {
			rel = fmt.Sprintf("%spage/%d/index.html", sec.URL, n)
		}
		var fill func(w *worker, v *view) error
		if n == 1 {
			fill = func(w *worker, v *view) error {
				content, err := b.markdown(w, markdownSource{path: sec.Path, body: sec.Body, line: sec.BodyLine, url: sec.URL})
				v.Content = content
				return withFound(err, b.columnPersonal(sec))
			}
		}
		b.addPage(rel, sec.Path, 0, func() *view { return b.listView(sec, n, pages) }, fill, func() string { return fmt.Sprintf("%x", sec.Hash) })
	}
}

func (b *builder) planData() {
	if len(b.dsOrder) == 0 {
		return
	}
	views := make([]datasetView, len(b.dsOrder))
	for i, d := range b.dsOrder {
		views[i] = b.datasetView(d)
	}
	b.addPage("data/index.html", site.DataDir, 0, func() *view {
		return &view{
			Site: b.siteView, Kind: "datasets", Title: "数据", URL: b.url("data/"),
			Permalink: b.site.Config.BaseURL + "data/", Crumbs: b.crumbs(b.site.Home),
			Column: "数据", Datasets: views,
		}
	}, nil, nil)
	for i, d := range b.dsOrder {
		sources := func() string { return fmt.Sprintf("%x", b.dsHash[d.Key]) }
		b.addPage("data/"+d.Key+"/index.html", d.Path, 0, func() *view {
			v := views[i]
			return &view{
				Site: b.siteView, Kind: "dataset", Title: d.Title, URL: v.URL,
				Permalink: b.site.Config.BaseURL + "data/" + d.Key + "/", Description: d.Note,
				Crumbs: append(slices.Clip(b.crumbs(b.site.Home)), link{Title: "数据", URL: b.url("data/")}), Column: "数据", Dataset: &v,
			}
		}, func(w *worker, v *view) error {
			table, err := b.datasetTable(w, d)
			v.Dataset.Table = table
			return err
		}, sources)
		b.addFile("data/"+d.Key+".csv", d.Path, func(w *worker) ([]byte, error) {
			w.buf.Reset()
			err := d.WriteCSV(&w.buf)
			return w.buf.Bytes(), err
		}, sources)
		b.addFile("data/"+d.Key+".json", d.Path, func(w *worker) ([]byte, error) {
			w.buf.Reset()
			err := d.WriteJSON(&w.buf)
			return w.buf.Bytes(), err
		}, sources)
	}
}

// planFiles copies the theme's static files and the files of content/
// that are not pages, except those of bundles that are not published: an
// attachment must not be out before its page.
func (b *builder) planFiles() {
	if b.theme != nil {
		b.fingerprinted = map[string]string{}
		for _, f := range b.theme.Static {
			src := "(theme) static/" + f.Path
			b.addCopy(f.Path, src, f.FS, "static/"+f.Path, func() string { return "" })
			if name, ok := fingerprint(f.FS, f.Path); ok && b.claim(name, src, 0) {
				b.fingerprinted[f.Path] = name
				b.jobs = append(b.jobs, job{rel: name, src: src, make: &maker{copyFS: f.FS, copyName: "static/" + f.Path, sources: func() string { return "" }}})
			}
		}
	}
	for _, f := range b.site.Files {
		if b.bundleOfUnpublished(f) {
			continue
		}
		b.addCopy(strings.TrimPrefix(f, "content/"), f, b.opt.Site, f, func() string {
			// Its content, not its time: a file put back with an old
			// time (tar, rsync -t) must not pass for the one before.
			data, err := fs.ReadFile(b.opt.Site, f)
			if err != nil {
				return err.Error()
			}
			return fmt.Sprintf("%x", site.HashBytes(data))
		})
	}
}

// bundleOfUnpublished reports whether file f belongs to a bundle whose
// page is not published: its attachments must not leak before the page.
func (b *builder) bundleOfUnpublished(f string) bool {
	for dir := path.Dir(f); dir != "content" && dir != "."; dir = path.Dir(dir) {
		if b.hidden[dir] {
			return true
		}
	}
	return false
}
