package build

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"time"

	"gongkai/internal/check"
	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/history"
	"gongkai/internal/site"
	"gongkai/internal/theme"
)

// loaded is what the load stage read: the site, its theme, and the decoded
// datasets and annual reports.
type loaded struct {
	site     *site.Site
	loc      *time.Location
	now      time.Time
	theme    *theme.Theme // nil when it did not parse
	datasets map[string]*figures.Dataset
	dsOrder  []*figures.Dataset // by key
	reports  map[*site.Page]*disclosure.Report
	// Files that could not be decoded at all: a block that uses one says
	// nothing more, as the file's own error says what is wrong.
	brokenDatasets map[string]bool     // by key
	brokenReports  map[*site.Page]bool // by the report's page
	words          *check.Words        // a check's 错敏词 (content/words.toml)

	git *gitHistory // the site's git history; nil when not asked for

	// Hashes of the files decoded here, for the preview's keys.
	dsHash     map[string]uint64     // of each dataset, by key
	reportHash map[*site.Page]uint64 // of each annual report's tables.toml
}

// load reads the site (from cache c, but for the changed files, when c is
// set), the git history (unless a preview kept it: git), the theme, the
// datasets and the annual reports, and numbers the pages. It reports whether there is a site to go on with.
func (b *builder) load(c *site.Cache, changed []string, git *gitHistory) bool {
	readHistory := b.startHistory(git)
	var s *site.Site
	var errs diag.List
	if b.keptPages != nil {
		s, errs = site.LoadKept(b.opt.Site, &b.keptPages.Kept)
	} else {
		s, errs = site.LoadCached(b.opt.Site, c, changed)
	}
	b.errs = append(b.errs, errs...)
	if s == nil {
		readHistory()
		return false
	}
	l := &loaded{
		site: s, loc: s.Config.Location,
		datasets: map[string]*figures.Dataset{}, dsHash: map[string]uint64{},
		reports: map[*site.Page]*disclosure.Report{}, reportHash: map[*site.Page]uint64{},
		brokenDatasets: map[string]bool{}, brokenReports: map[*site.Page]bool{},
	}
	b.loaded = l
	l.now = time.Now().In(l.loc)
	if b.opt.Now != nil {
		l.now = b.opt.Now(l.loc).In(l.loc)
	}
	l.git = readHistory()
	theme, terrs := theme.Load(b.opt.Site, s.Config.Theme, b.funcs())
	l.theme = theme
	b.errs = append(b.errs, terrs...)
	if src, err := site.ReadFile(b.opt.Site, site.ConfigPath); err == nil {
		// Its strings are on every page: the footer's sponsor, the
		// body's phone … (a dataset's rule: no personal_info there).
		b.errs = append(b.errs, check.PersonalInTOML(site.ConfigPath, src, 1, false)...)
	}
	b.loadDatasets()
	b.loadReports()
	b.errs = append(b.errs, site.AssignIndexNumbers(s.Pages, b.retired())...)
	if b.opt.Check {
		words, errs := check.LoadWords(b.opt.Site)
		l.words = words
		b.errs = append(b.errs, errs...)
	}
	return true
}

// retired is the 索引号 of the pages deleted from the site's git history,
// which a generated number skips, as gongkai number and new do; read
// only when a page has none to generate (a number typed stays as it is).
func (b *builder) retired() map[string]bool {
	if b.opt.Dir == "" || !slices.ContainsFunc(b.site.Pages, func(p *site.Page) bool { return p.IndexNo == "" }) {
		return nil
	}
	texts, _ := history.Deleted(b.opt.Dir) // else none: a generated number is not yet the page's for good
	return site.Retired(texts)
}

func (b *builder) loadDatasets() {
	for _, p := range b.site.Datasets {
		key := strings.TrimSuffix(p[len(site.DataDir)+1:], ".toml")
		src, err := site.ReadFile(b.opt.Site, p)
		if err != nil {
			b.errs = append(b.errs, diag.Place(err, p, 0))
			b.brokenDatasets[key] = true
			continue
		}
		b.dsHash[key] = site.HashBytes(src)
		d, errs := figures.Decode(p, key, src)
		b.errs = append(b.errs, errs...)
		b.errs = append(b.errs, check.PersonalInTOML(p, src, 1, false)...)
		if d == nil {
			b.brokenDatasets[key] = true
		} else {
			b.datasets[key] = d
			b.dsOrder = append(b.dsOrder, d)
		}
	}
}

// loadReports decodes every annual report and checks each against the
// report of the year before of the same body: the same 发布机构 under the
// same organization code, wherever in the site the two are (a portal's
// 年报 column may hold many bodies' reports; a body's may move).
func (b *builder) loadReports() {
	type body struct{ code, publisher string }
	byBody := map[body][]*disclosure.Report{}
	var bodies []body
	for _, p := range b.site.Pages {
		if p.Extras().TablesPath == "" {
			continue
		}
		src, err := site.ReadFile(b.opt.Site, p.Extras().TablesPath)
		if err != nil {
			b.errs = append(b.errs, diag.Place(err, p.Extras().TablesPath, 0))
			b.brokenReports[p] = true
			continue
		}
		b.reportHash[p] = site.HashBytes(src)
		r, errs := disclosure.Decode(p.Extras().TablesPath, src)
		b.errs = append(b.errs, errs...)
		if r == nil {
			b.brokenReports[p] = true
			continue
		}
		b.reports[p] = r
		k := body{p.Section.Org.Code, p.Publisher}
		if byBody[k] == nil {
			bodies = append(bodies, k)
		}
		byBody[k] = append(byBody[k], r)
	}
	for _, k := range bodies {
		list := byBody[k]
		slices.SortFunc(list, func(a, c *disclosure.Report) int {
			return cmp.Or(cmp.Compare(a.Year, c.Year), strings.Compare(a.Path, c.Path))
		})
		for i := 1; i < len(list); i++ {
			prev, cur := list[i-1], list[i]
			switch cur.Year {
			case prev.Year:
				b.errorf(cur.Path, cur.YearLine, "a second report of %s for %d (also %s)", k.publisher, cur.Year, prev.Path)
			case prev.Year + 1:
				b.errs = append(b.errs, disclosure.CheckCarryOver(prev, cur)...)
			}
		}
	}
}

// url makes a site-relative output path a link, with the base path.
func (b *builder) url(rel string) string { return b.site.Config.BasePath + rel }

func (b *builder) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(b.loc).Format("2006-01-02")
}

// funcs are the builder's template funcs. rel links to a site-relative
// path; to the theme's CSS and JS under their fingerprinted names.
func (b *builder) funcs() template.FuncMap {
	return template.FuncMap{
		"rel": func(p string) string {
			p = strings.TrimPrefix(p, "/")
			if f, ok := b.fingerprinted[p]; ok {
				p = f
			}
			return b.url(p)
		},
	}
}
