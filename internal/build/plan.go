package build

import (
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"

	"gongkai/internal/figures"
	"gongkai/internal/site"
)

// listSize is how many items a column's list page shows.
const listSize = 20

// homeSize is how many of each column's latest items the home page shows.
const homeSize = 6

// plan decides what is published and makes one job per output file.
func (b *builder) plan() {
	s := b.site
	cfg := s.Config
	b.pages = map[*site.Page]bool{}
	b.hidden = map[string]bool{}
	for _, p := range s.Pages {
		if p.Published(b.now, b.opt.Drafts) {
			b.pages[p] = true
			b.published++
		} else if p.BundleDir != "" {
			b.hidden[p.BundleDir] = true
		}
	}
	b.siteView = &siteView{
		Title: cfg.Title, Language: cfg.Language, BaseURL: cfg.BaseURL, BasePath: cfg.BasePath,
		Org: cfg.Organization, Footer: cfg.Footer,
	}
	for _, sec := range s.Home.Sections {
		b.siteView.Menu = append(b.siteView.Menu, link{Title: sec.Title, URL: b.url(sec.URL)})
	}
	if len(b.dsOrder) > 0 {
		b.siteView.Menu = append(b.siteView.Menu, link{Title: "数据", URL: b.url("data/")})
	}

	// Lists are computed once: each column's published pages, in order.
	b.lists = map[*site.Section][]item{}
	for _, sec := range append([]*site.Section{s.Home}, s.Sections...) {
		var pages []*site.Page
		for _, p := range sec.Pages {
			if b.pages[p] {
				pages = append(pages, p)
			}
		}
		slices.SortFunc(pages, listOrder)
		items := make([]item, len(pages))
		for i, p := range pages {
			items[i] = b.item(p)
		}
		b.lists[sec] = items
	}

	for _, p := range s.Pages {
		if b.pages[p] {
			b.planPage(p)
		}
	}
	b.planSection(s.Home)
	for _, sec := range s.Sections {
		b.planSection(sec)
	}
	b.planData()
	b.add("404.html", "(theme) 404.html", 0, func(w *worker) ([]byte, error) {
		return b.execute(w, "404", &view{Site: b.siteView, Kind: "404", Title: "页面未找到", URL: b.url("404.html")})
	}, func() string { return "" })
	b.planFiles()
}

// listOrder puts weighted pages first (by weight), then the newest first.
func listOrder(a, c *site.Page) int {
	wa, wc := a.Weight, c.Weight
	if (wa == 0) != (wc == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(wa, wc), c.Date.Compare(a.Date), strings.Compare(a.Path, c.Path))
}

func (b *builder) item(p *site.Page) item {
	return item{Title: p.Title, URL: b.url(p.URL), Date: b.date(p.Date), Expired: p.Expired(b.now)}
}

// add plans the output rel, made by run from src. key says what else than
// the site-wide settings the output depends on (see job.key).
func (b *builder) add(rel, src string, line int, run func(w *worker) ([]byte, error), key func() string) {
	if b.claim(rel, src, line) {
		b.jobs = append(b.jobs, job{rel: rel, src: src, run: run, key: key})
	}
}

// addCopy plans a file copied as it is.
func (b *builder) addCopy(rel, src string, fsys fs.FS, name string, key func() string) {
	if b.claim(rel, src, 0) {
		b.jobs = append(b.jobs, job{rel: rel, src: src, copyFS: fsys, copyName: name, key: key})
	}
}

// globalKey covers what every page shows or depends on: the settings, the
// columns (menu, crumbs, inherited organizations), the datasets' names
// (menu) and the build options. A change in it rebuilds everything.
func (b *builder) globalKey() string {
	var k strings.Builder
	s := b.site
	fmt.Fprintf(&k, "%x|%v|", s.Config.Hash, b.opt.Drafts)
	for _, sec := range append([]*site.Section{s.Home}, s.Sections...) {
		fmt.Fprintf(&k, "%s:%x:%s:%d;", sec.Path, sec.Hash, sec.Title, sec.Weight)
	}
	for _, d := range b.dsOrder {
		k.WriteString(d.Key + ";")
	}
	return k.String()
}

// crumbs returns the links from the home down to sec, inclusive.
func (b *builder) crumbs(sec *site.Section) []link {
	list := []link{{Title: "首页", URL: b.url("")}}
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

func (b *builder) planPage(p *site.Page) {
	b.add(p.URL+"index.html", p.Path, 1, func(w *worker) ([]byte, error) { return b.renderPage(w, p) }, func() string {
		return fmt.Sprintf("%x|%s|%s|%s|%v|%x|%v", p.Hash, p.IndexNo, p.Publisher, p.IndexCode, p.Expired(b.now), b.reportHash[p], p.Attachments)
	})
	for _, a := range p.Aliases {
		rel := a
		if strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		target := b.url(p.URL)
		b.add(rel, p.Path, p.Line("aliases"), func(w *worker) ([]byte, error) {
			return b.execute(w, "alias", &view{Site: b.siteView, Title: p.Title, URL: target, Permalink: b.site.Config.BaseURL + p.URL})
		}, func() string { return p.URL + "|" + p.Title })
	}
	if r := b.reports[p]; r != nil {
		for _, t := range disclosureTables {
			b.add(p.URL+t+".csv", p.TablesPath, 0, func(w *worker) ([]byte, error) {
				w.buf.Reset()
				err := r.WriteCSV(&w.buf, t)
				return w.buf.Bytes(), err
			}, func() string { return fmt.Sprintf("%x", b.reportHash[p]) })
		}
	}
}

func (b *builder) planSection(sec *site.Section) {
	items := b.lists[sec]
	if sec.Parent == nil {
		for _, c := range sec.Sections {
			b.home = append(b.home, columnView{Title: c.Title, URL: b.url(c.URL), Items: b.latest(c, homeSize)})
		}
		b.add("index.html", sec.Path, 0, func(w *worker) ([]byte, error) { return b.renderHome(w) }, func() string {
			return fmt.Sprint(b.home, items[:min(len(items), homeSize)])
		})
		return
	}
	pages := max(1, (len(items)+listSize-1)/listSize)
	for n := 1; n <= pages; n++ {
		rel := sec.URL + "index.html"
		if n > 1 {
			rel = fmt.Sprintf("%spage/%d/index.html", sec.URL, n)
		}
		b.add(rel, sec.Path, 0, func(w *worker) ([]byte, error) { return b.renderList(w, sec, n, pages) }, func() string {
			return fmt.Sprint(pages, items[(n-1)*listSize:min(n*listSize, len(items))], b.reportsView(sec))
		})
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
	b.add("data/index.html", site.DataDir, 0, func(w *worker) ([]byte, error) {
		return b.execute(w, "datasets", &view{
			Site: b.siteView, Kind: "datasets", Title: "数据", URL: b.url("data/"),
			Permalink: b.site.Config.BaseURL + "data/", Crumbs: b.crumbs(b.site.Home),
			Column: "数据", Datasets: views,
		})
	}, func() string { return fmt.Sprint(b.dsHash) })
	for i, d := range b.dsOrder {
		path := d.Path
		dsKey := func() string { return fmt.Sprintf("%x", b.dsHash[d.Key]) }
		b.add("data/"+d.Key+"/index.html", path, 0, func(w *worker) ([]byte, error) {
			v := views[i]
			t, err := d.Table(nil, nil)
			if err != nil {
				return nil, err
			}
			w.buf.Reset()
			if err := b.theme.ExecuteFile(&w.buf, "figures.html", &figuresView{Table: t, Chart: true, CSVURL: v.CSV, ID: "ds"}); err != nil {
				return nil, themeError(err)
			}
			v.Table = template.HTML(w.buf.String())
			return b.execute(w, "dataset", &view{
				Site: b.siteView, Kind: "dataset", Title: d.Title, URL: v.URL,
				Permalink: b.site.Config.BaseURL + "data/" + d.Key + "/", Description: d.Note,
				Crumbs: append(b.crumbs(b.site.Home), link{Title: "数据", URL: b.url("data/")}),
				Column: "数据", Dataset: &v,
			})
		}, dsKey)
		b.add("data/"+d.Key+".csv", path, 0, func(w *worker) ([]byte, error) {
			w.buf.Reset()
			err := d.WriteCSV(&w.buf)
			return w.buf.Bytes(), err
		}, dsKey)
		b.add("data/"+d.Key+".json", path, 0, func(w *worker) ([]byte, error) {
			w.buf.Reset()
			err := d.WriteJSON(&w.buf)
			return w.buf.Bytes(), err
		}, dsKey)
	}
}

func (b *builder) datasetView(d *figures.Dataset) datasetView {
	v := datasetView{
		Key: d.Key, Title: d.Title, Source: d.Source, Note: d.Note,
		URL: b.url("data/" + d.Key + "/"), CSV: b.url("data/" + d.Key + ".csv"), JSON: b.url("data/" + d.Key + ".json"),
		Metrics: len(d.Metrics),
	}
	if n := len(d.Years); n > 0 {
		v.Years = fmt.Sprint(d.Years[0])
		if n > 1 {
			v.Years += "—" + fmt.Sprint(d.Years[n-1])
		}
	}
	return v
}

// planFiles copies the theme's static files and the files of content/
// that are not pages, except those of bundles that are not published: an
// attachment must not be out before its page.
func (b *builder) planFiles() {
	if b.theme != nil {
		for _, f := range b.theme.Static {
			b.addCopy(f.Path, "(theme) static/"+f.Path, f.FS, "static/"+f.Path, func() string { return "" })
		}
	}
	for _, f := range b.site.Files {
		if b.bundleOfUnpublished(f) {
			continue
		}
		b.addCopy(strings.TrimPrefix(f, "content/"), f, b.opt.Site, f, func() string {
			info, err := fs.Stat(b.opt.Site, f)
			if err != nil {
				return err.Error()
			}
			return fmt.Sprint(info.Size(), info.ModTime().UnixNano())
		})
	}
}
