package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"time"
	"unsafe"

	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
)

var disclosureTables = disclosure.Tables

// renderPage renders one page: its Markdown with embedded blocks, its
// metadata block and attachments.
func (b *builder) renderPage(w *worker, p *site.Page) ([]byte, error) {
	content, errs := b.markdown(w, p.Path, p.Body, p.BodyLine, b.reports[p], p.URL)
	if len(errs) > 0 {
		return nil, diag.List(errs)
	}
	pv := &pageView{
		IndexNo: p.IndexNo, Publisher: p.Publisher, Date: b.date(p.Date), DocNo: p.DocNo,
		Topic: p.Topic, Valid: !p.Expired(b.now), ValidUntil: b.date(p.ValidUntil),
		Summary: p.Summary, Draft: p.Draft,
	}
	for _, a := range p.Attachments {
		pv.Attachments = append(pv.Attachments, attachmentView{
			Title: a.Title, URL: b.url(p.URL + a.File), Type: a.Type, Size: humanSize(a.Size),
		})
	}
	return b.execute(w, "page", &view{
		Site: b.siteView, Kind: "page", Title: p.Title, URL: b.url(p.URL),
		Permalink: b.site.Config.BaseURL + p.URL, Description: p.Summary,
		Crumbs: b.crumbs(p.Section), Column: column(p.Section), Content: content, Page: pv,
	})
}

// markdown converts a body, rendering its figures and disclosure blocks.
// report is the page's annual report, if it is one.
func (b *builder) markdown(w *worker, path string, body []byte, line int, report *disclosure.Report, pageURL string) (template.HTML, []diag.Error) {
	figuresN := 0
	placed := map[string]bool{}
	w.themeErrs = w.themeErrs[:0]
	resolve := func(lang string, src []byte) ([]byte, error) {
		switch lang {
		case "figures":
			blk, err := figures.ParseBlock(src)
			if err != nil {
				return nil, blockError(err)
			}
			w.used = append(w.used, blk.Dataset)
			d := b.datasets[blk.Dataset]
			if d == nil {
				return nil, fmt.Errorf("unknown dataset %q (no %s/%s.toml)", blk.Dataset, site.DataDir, blk.Dataset)
			}
			t, err := d.Table(blk.Metrics, blk.Years)
			if err != nil {
				return nil, err
			}
			figuresN++
			return b.embed(w, "figures.html", &figuresView{
				Table: t, Chart: blk.Chart, ID: fmt.Sprintf("fig%d", figuresN),
				DatasetURL: b.url("data/" + d.Key + "/"), CSVURL: b.url("data/" + d.Key + ".csv"),
			})
		case "disclosure":
			blk, err := disclosure.ParseBlock(src)
			if err != nil {
				return nil, blockError(err)
			}
			if report == nil {
				return nil, errors.New("this page has no tables.toml: a disclosure table belongs in an annual report bundle (<name>/index.md with tables.toml beside it)")
			}
			if placed[blk.Table] {
				return nil, fmt.Errorf("table %q is placed twice on this page", blk.Table)
			}
			placed[blk.Table] = true
			t, err := report.Table(blk.Table)
			if err != nil {
				return nil, err
			}
			return b.embed(w, "disclosure.html", &disclosureView{Table: t, ID: "t-" + blk.Table, CSVURL: b.url(pageURL + blk.Table + ".csv")})
		}
		return nil, fmt.Errorf("unknown block %q", lang)
	}
	w.mdBuf.Reset()
	errs := w.md.Convert(&w.mdBuf, path, body, line, resolve)
	errs = append(errs, w.themeErrs...)
	w.warnings = append(w.warnings, w.md.Warnings()...)
	// The HTML shares mdBuf's bytes rather than copying them: it is used
	// only by this job's template, before the worker's next job resets
	// mdBuf.
	if w.mdBuf.Len() == 0 {
		return "", errs
	}
	h := w.mdBuf.Bytes()
	return template.HTML(unsafe.String(&h[0], len(h))), errs
}

// embed renders a block's table through the theme's file. An error of the
// template is the template's, at its file and line, not the block's: it
// joins the page's errors rather than going to the block's fence.
func (b *builder) embed(w *worker, file string, v any) ([]byte, error) {
	var out bytes.Buffer
	if err := b.theme.ExecuteFile(&out, file, v); err != nil {
		var e diag.Error
		if !errors.As(err, &e) {
			return nil, err
		}
		w.themeErrs = append(w.themeErrs, e)
		return nil, nil
	}
	return out.Bytes(), nil
}

// blockError keeps the line inside a block's body that figures and
// disclosure report.
func blockError(err error) error {
	var fe *figures.BlockError
	if errors.As(err, &fe) {
		return &markdown.BlockError{Line: fe.Line, Msg: fe.Msg}
	}
	var de *disclosure.BlockError
	if errors.As(err, &de) {
		return &markdown.BlockError{Line: de.Line, Msg: de.Msg}
	}
	return err
}

func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

func (b *builder) renderList(w *worker, sec *site.Section, n, pages int) ([]byte, error) {
	items := b.lists[sec]
	from, to := (n-1)*listSize, min(n*listSize, len(items))
	lv := &listView{Items: items[from:to], Page: n, Pages: pages}
	for _, c := range sec.Sections {
		lv.Sections = append(lv.Sections, link{Title: c.Title, URL: b.url(c.URL)})
	}
	pageURL := func(k int) string {
		if k == 1 {
			return b.url(sec.URL)
		}
		return b.url(fmt.Sprintf("%spage/%d/", sec.URL, k))
	}
	if n > 1 {
		lv.Prev = pageURL(n - 1)
	}
	if n < pages {
		lv.Next = pageURL(n + 1)
	}
	v := &view{
		Site: b.siteView, Kind: "list", Title: sec.Title, URL: pageURL(n),
		Permalink: b.site.Config.BaseURL + sec.URL, Crumbs: b.crumbs(sec.Parent),
		Column: column(sec), List: lv, Reports: b.reportsView(sec),
	}
	if n == 1 {
		content, errs := b.markdown(w, sec.Path, sec.Body, sec.BodyLine, nil, sec.URL)
		if len(errs) > 0 {
			return nil, diag.List(errs)
		}
		v.Content = content
	}
	return b.execute(w, "list", v)
}

func (b *builder) renderHome(w *worker) ([]byte, error) {
	home := b.site.Home
	content, errs := b.markdown(w, home.Path, home.Body, home.BodyLine, nil, "")
	if len(errs) > 0 {
		return nil, diag.List(errs)
	}
	v := &view{
		Site: b.siteView, Kind: "home", Title: b.site.Config.Title, URL: b.url(""),
		Permalink: b.site.Config.BaseURL, Content: content,
	}
	v.Home = b.home
	if items := b.lists[home]; len(items) > 0 {
		v.List = &listView{Items: items[:min(len(items), homeSize)]}
	}
	return b.execute(w, "home", v)
}

// latest returns the n newest published pages of sec and its sub-columns.
func (b *builder) latest(sec *site.Section, n int) []item {
	var pages []*site.Page
	var walk func(s *site.Section)
	walk = func(s *site.Section) {
		for _, p := range s.Pages {
			if b.pages[p] {
				pages = append(pages, p)
			}
		}
		for _, c := range s.Sections {
			walk(c)
		}
	}
	walk(sec)
	sortNewest(pages)
	items := make([]item, 0, min(n, len(pages)))
	for _, p := range pages[:min(n, len(pages))] {
		items = append(items, b.item(p))
	}
	return items
}

// reportsView compares the published annual reports of a column.
func (b *builder) reportsView(sec *site.Section) *reportsView {
	type yearReport struct {
		year int
		h    disclosure.Headline
	}
	var list []yearReport
	for _, p := range sec.Pages {
		if r := b.reports[p]; r != nil && b.pages[p] {
			list = append(list, yearReport{r.Year, r.Headline()})
		}
	}
	if len(list) == 0 {
		return nil
	}
	sortByYear(list, func(r yearReport) int { return r.year })
	rv := &reportsView{Change: len(list) > 1}
	rows := []struct {
		label string
		get   func(h disclosure.Headline) int
	}{
		{"本年新收申请", func(h disclosure.Headline) int { return h.Received }},
		{"上年结转申请", func(h disclosure.Headline) int { return h.CarriedIn }},
		{"予以公开", func(h disclosure.Headline) int { return h.Disclosed }},
		{"部分公开", func(h disclosure.Headline) int { return h.Partly }},
		{"结转下年度继续办理", func(h disclosure.Headline) int { return h.CarriedOut }},
		{"行政复议", func(h disclosure.Headline) int { return h.Reviews }},
		{"行政诉讼", func(h disclosure.Headline) int { return h.Suits }},
	}
	for _, r := range list {
		rv.Years = append(rv.Years, r.year)
	}
	for _, row := range rows {
		rr := reportRow{Label: row.label}
		for _, r := range list {
			rr.Values = append(rr.Values, row.get(r.h))
		}
		if n := len(rr.Values); n > 1 {
			rr.Change = fmt.Sprintf("%+d", rr.Values[n-1]-rr.Values[n-2])
			if rr.Values[n-1] == rr.Values[n-2] {
				rr.Change = "0"
			}
		}
		rv.Rows = append(rv.Rows, rr)
	}
	return rv
}

// warnings are editorial: things an inspector would flag, that do not
// stop a build.
func (b *builder) warnings() []diag.Error {
	list := slices.Clone(b.warns)
	for _, sec := range b.site.Sections {
		if len(b.lists[sec]) == 0 && len(sec.Sections) == 0 {
			list = append(list, diag.Errorf(sec.Path, 0, "column %q has nothing published (empty columns count against a site in inspections)", sec.Title))
			continue
		}
		if sec.UpdateEvery > 0 {
			newest := time.Time{}
			for _, p := range sec.Pages {
				if b.pages[p] && p.Date.After(newest) {
					newest = p.Date
				}
			}
			if !newest.IsZero() && b.now.Sub(newest) > sec.UpdateEvery {
				list = append(list, diag.Errorf(sec.Path, 0, "column %q was last updated %s, longer ago than its update_every", sec.Title, b.date(newest)))
			}
		}
	}
	return list.Sort()
}
