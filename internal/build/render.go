package build

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/check"
	"gongkai/internal/cores"
	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
)

// worker is one rendering goroutine's own tools.
type worker struct {
	md       *markdown.Converter // with the blocks of blocks.go, reading page
	page     *blockPage          // the page being converted, for its blocks
	buf      bytes.Buffer
	src      []byte       // the current page's file, read again to render it
	mdBuf    bytes.Buffer // the current page's Markdown as HTML
	used     []string     // datasets the current job embedded
	warnings []diag.Error // editorial warnings of the current job
	checked  *checked     // a check's findings, links and ids (check.go)
	gz       *gzip.Writer // for the .gz files (serving.go)
	kept     []byte       // a file of the build cache, read to check it
	prev     []byte       // a file of the release before, read to compare (linkPrev)
}

// render runs every job (or those only selects) on all cores and writes
// its file to out.
func (b *builder) render(out *output, only func(j *job) bool) {
	n := runtime.GOMAXPROCS(0)
	if b.cache != nil && b.cache.old != nil && len(b.cache.old.at) > 0 {
		// Most jobs take a kept file, which is looking up files more
		// than working: as many at once as cores.EachReading reads.
		n *= cores.Readers
	}
	var next atomic.Int64 // workers take jobs by index: no feeding goroutine
	errs := make([][]diag.Error, n)
	warns := make([][]diag.Error, n)
	checks := make([]*checked, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			w := b.newWorker()
			if b.opt.Check {
				w.checked = newChecked()
				checks[i] = w.checked
			}
			for j := int(next.Add(1)) - 1; j < len(b.jobs); j = int(next.Add(1)) - 1 {
				job := &b.jobs[j]
				if only != nil && !only(job) {
					continue
				}
				err := b.runJob(w, job, out)
				if job.page != nil {
					b.search.rendered(job.page)
				}
				warns[i] = append(warns[i], w.warnings...)
				w.warnings = w.warnings[:0]
				if err != nil {
					var list diag.List
					var one diag.Error
					if errors.Is(err, syscall.ENOSPC) {
						// Said once, not for each file the build could not write.
						if b.diskFull.CompareAndSwap(false, true) {
							errs[i] = append(errs[i], diag.Errorf(b.opt.Out, 0, "the disk is full: free space on it (df -h says how much is free), then build again; the site was left as it was"))
						}
					} else if errors.As(err, &list) {
						errs[i] = append(errs[i], list...)
					} else if errors.As(err, &one) {
						errs[i] = append(errs[i], one)
					} else {
						errs[i] = append(errs[i], diag.Errorf(job.src, 0, "%v", err))
					}
				}
			}
		}(i)
	}
	wg.Wait()
	for i := range errs {
		b.errs = append(b.errs, errs[i]...)
		b.warns = append(b.warns, warns[i]...)
	}
	if b.opt.Check {
		all := newChecked()
		for _, c := range checks {
			all.merge(c)
		}
		b.review(all)
	}
}

// newWorker is a render worker's state, its Markdown converter set up.
func (b *builder) newWorker() *worker {
	w := &worker{}
	w.md = markdown.New(markdown.Options{
		BasePath: b.site.Config.BasePath, Blocks: b.blocks(w), RawHTML: b.site.Config.RawHTML,
		Collect: true, // for the personal information every build refuses, and the rest a check looks at
	})
	return w
}

// ran lets go of the jobs' makers, and the views and lists they hold,
// once they have run (a builder runs them once), for the search index
// made next. What is said of each output afterwards (its path, source,
// key, page) stays.
func (b *builder) ran() {
	for i := range b.jobs {
		j := &b.jobs[i]
		if !j.late {
			j.make = nil
		}
	}
}

// runJob makes one output file and writes it to out.
func (b *builder) runJob(w *worker, j *job, out *output) error {
	if b.cache != nil && b.cache.reuse(b, w, j, out) {
		return nil
	}
	m := b.maker(j)
	if b.keyed && m.view == nil {
		j.key = b.keyWith(m, nil, nil)
	}
	if m.copyFS != nil {
		if err := out.copy(j.rel, m.copyFS, m.copyName); err != nil || !j.gz {
			return err
		}
		return b.writeGzip(w, j, out, nil)
	}
	var data []byte
	var err error
	if m.write != nil {
		data, err = m.write(w)
	} else {
		w.used = w.used[:0]
		v := m.view()
		var viewKey []byte
		if b.keyed {
			viewKey = appendViewKey(nil, v) // before fill, as keyOf takes it
		}
		if m.fill != nil {
			err = m.fill(w, v)
		}
		j.used = slices.Clone(w.used)
		if b.keyed {
			j.key = b.keyWith(m, viewKey, j.used)
		}
		if err == nil {
			data, err = b.execute(w, v)
		}
		if err == nil && w.checked != nil {
			w.checked.ids[j.rel] = htmlIDs(data)
		}
	}
	if err != nil {
		return err
	}
	if err := out.write(j.rel, data); err != nil || !j.gz {
		return err
	}
	return b.writeGzip(w, j, out, data)
}

// execute renders a view with the template of its kind into the worker's
// buffer. The bytes it returns are the buffer's: valid until the worker's
// next job.
func (b *builder) execute(w *worker, v *view) ([]byte, error) {
	w.buf.Reset()
	if err := b.theme.Execute(&w.buf, v.Kind, v); err != nil {
		return nil, themeError(err)
	}
	return w.buf.Bytes(), nil
}

// themeError is a template's error, at the template's file and line.
func themeError(err error) error {
	var e diag.Error
	if errors.As(err, &e) {
		return diag.List{e}
	}
	return fmt.Errorf("theme: %v", err)
}

// markdownSource is a body of Markdown and where it sits.
type markdownSource struct {
	path string // the file
	body []byte
	line int        // file line of the body's first line
	url  string     // the page's site-relative URL
	page *site.Page // the page it is the body of; nil for a column's or the home's
}

// markdown converts a body, rendering its blocks (blocks.go).
func (b *builder) markdown(w *worker, src markdownSource) (template.HTML, error) {
	w.page = &blockPage{markdownSource: src, noted: map[string]string{}, placed: map[string]bool{}}
	w.mdBuf.Reset()
	errs := w.md.Convert(&w.mdBuf, src.path, src.body, src.line)
	w.page = nil
	w.warnings = append(w.warnings, w.md.Warnings()...)
	if src.page != nil && len(errs) == 0 {
		b.keepSearchText(src.page, w.mdBuf.Bytes())
	}
	if f := w.md.Found(); f != nil && w.checked != nil {
		b.checkBody(w.checked, f, src)
	} else if f != nil && (src.page == nil || src.page.Extras().PersonalInfo == "") {
		errs = append(errs, check.Personal(f)...)
	}
	if len(errs) > 0 {
		return "", diag.List(errs)
	}
	return template.HTML(w.mdBuf.String()), nil
}

// pageView is the view of a page, without its Markdown.
func (b *builder) pageView(p *site.Page) *view {
	pv := &pageView{
		IndexNo: p.IndexNo, Publisher: p.Publisher, Date: b.date(publishedAt(p)), DocNo: p.DocNo,
		PubTime: publishedAt(p).In(b.loc).Format("2006-01-02 15:04"),
		Topic:   p.Topic, Valid: !p.Expired(b.now), ValidUntil: b.date(p.Extras().ValidUntil),
		Summary: p.Summary, Draft: p.Draft,
	}
	b.history(p, pv)
	for _, a := range p.Extras().Attachments {
		pv.Attachments = append(pv.Attachments, attachmentView{
			Title: a.Title, URL: b.url(p.URL + a.File), Type: a.Type, Size: HumanSize(a.Size),
		})
	}
	return &view{
		Site: b.siteView, Kind: "page", Title: p.Title, URL: b.url(p.URL),
		Permalink: b.site.Config.BaseURL + p.URL, Description: p.Summary,
		Crumbs: b.crumbs(p.Section), Column: column(p.Section), Page: pv,
		Feed: b.columnFeed(p.Section),
	}
}

// HumanSize says a file's size as a reader would: 980 B, 12.3 KB, 1.2 MB.
func HumanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

// listView is the view of page n of pages of a column's list, without the
// column's Markdown.
func (b *builder) listView(sec *site.Section, n, pages int) *view {
	list := b.lists[sec]
	from, to := (n-1)*listSize, min(n*listSize, len(list))
	lv := &listView{Items: b.items(list[from:to]), Page: n, Pages: pages}
	if n == 1 {
		lv.Columns = b.columns[sec]
	}
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
	return &view{
		Site: b.siteView, Kind: "list", Title: sec.Title, URL: pageURL(n),
		Permalink: b.site.Config.BaseURL + sec.URL, Description: excerpt(markdownText(sec.Body)), Crumbs: b.crumbs(sec.Parent),
		Column: column(sec), List: lv, Reports: b.reportsView(sec),
		Feed: b.columnFeed(sec),
	}
}

// columnFeed is the link to sec's Atom feed, or nil: the home's is in
// every page's head.
func (b *builder) columnFeed(sec *site.Section) *link {
	if f, ok := b.feeds[sec]; ok && sec != b.site.Home {
		return &f
	}
	return nil
}

// homeView is the view of the home page, without its Markdown.
func (b *builder) homeView() *view {
	v := &view{
		Site: b.siteView, Kind: "home", Title: b.site.Home.Title, URL: b.url(""),
		Permalink: b.site.Config.BaseURL, Home: b.home, Bodies: b.bodies,
	}
	if list := b.lists[b.site.Home]; len(list) > 0 {
		v.List = &listView{Items: b.items(list[:min(len(list), homeSize)])}
	}
	return v
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

// datasetTable renders the whole of a dataset, for its own page: the
// table, its charts, source and note; the page's own download line offers
// its files.
func (b *builder) datasetTable(w *worker, d *figures.Dataset) (template.HTML, error) {
	t, err := d.Table(nil, nil)
	if err != nil {
		return "", err
	}
	w.buf.Reset()
	if err := b.theme.ExecuteFile(&w.buf, "figures.html", &figuresView{Table: t, Chart: true, ID: "ds"}); err != nil {
		return "", themeError(err)
	}
	return template.HTML(w.buf.String()), nil
}

// latest returns the n newest published pages of sec and its sub-columns,
// as list items.
func (b *builder) latest(sec *site.Section, n int) []item {
	return b.items(b.newest(sec, n))
}

// reportsView compares the published annual reports of a column.
func (b *builder) reportsView(sec *site.Section) *reportsView {
	type yearReport struct {
		year int
		h    disclosure.Headline
	}
	var list []yearReport
	for _, p := range sec.Pages {
		if r := b.reports[p]; r != nil && b.isPublished(p) {
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
	for _, p := range b.site.Pages {
		if p.IndexGenerated {
			list = append(list, diag.Warnf(p.Path, 1, "索引号 %s is only generated: a page dated earlier, added later, would change it; run gongkai number to write it into the page", p.IndexNo))
		}
	}
	return list.Sort()
}

// excerptSize is how many characters of a page's text its description
// holds (meta description, where it has no summary).
const excerptSize = 100

// excerpt is text's first excerptSize characters, its spaces and line
// breaks made one space, "…" after when it goes on.
func excerpt(text string) string {
	var e excerpter
	e.add([]byte(text))
	return e.String()
}

// htmlExcerpt is the excerpt of a rendered body's text (htmlText), which
// it reads only as far as it needs: it runs on every page a build renders.
func htmlExcerpt(h []byte) string {
	var e excerpter
	eachText(h, e.add)
	return e.String()
}

// excerpter makes an excerpt of text given piece by piece.
type excerpter struct {
	b           strings.Builder
	n           int
	space, full bool
}

// add adds text and reports whether the excerpt takes more.
func (e *excerpter) add(text []byte) bool {
	for len(text) > 0 && !e.full {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if unicode.IsSpace(r) {
			e.space = e.b.Len() > 0
			continue
		}
		if e.space && e.n < excerptSize {
			e.b.WriteByte(' ')
			e.n, e.space = e.n+1, false
		}
		if e.n == excerptSize {
			e.b.WriteString("…")
			e.full = true
			break
		}
		e.b.WriteRune(r)
		e.n++
	}
	return !e.full
}

func (e *excerpter) String() string { return e.b.String() }

// markdownText is Markdown's text without its marks, for an excerpt.
func markdownText(md []byte) string {
	return strings.NewReplacer("#", "", "*", "", "_", "", ">", "", "`", "", "|", " ").Replace(string(md))
}
