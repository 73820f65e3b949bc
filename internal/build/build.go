// Package build turns a site into its public output. It is the only
// package that knows the whole pipeline:
//
//	load     site.Load reads content/ (settings, columns, pages, front
//	         matter); figures.Decode reads every dataset; disclosure.Decode
//	         reads every annual report's tables.toml; the theme is parsed.
//	validate 索引号 are assigned and checked, output paths checked for
//	         clashes, annual reports checked year against year.
//	render   every output file is one job; jobs run on all cores, each
//	         worker with its own goldmark converter, and each writes its
//	         own file, so output does not depend on scheduling. Markdown
//	         fenced blocks ```figures and ```disclosure are laid out by the
//	         figures and disclosure packages and drawn by the theme's
//	         figures.html and disclosure.html; a block's errors carry the
//	         page's file and line. All markup is the theme's (package
//	         theme): a template's errors carry the template's file and
//	         line, and the parts the same on many pages (head, header,
//	         footer, crumbs) it renders once per build, as base.html asks
//	         with cached.
//	write    files go to a temporary folder beside OUT; only when the run
//	         had no error at all does that folder replace OUT, in one
//	         rename. Any error leaves OUT exactly as it was.
//
// Every error is collected, never just the first: Build returns them all
// as a diag.List, sorted. Lists (columns, the home page, /data/) are
// computed once, before rendering. Nothing depends on the clock but the
// Now option (embargoes, 有效性), so two builds of the same input at the
// same Now are byte-identical.
//
//	res, err := build.Build(build.Options{Site: os.DirFS(dir), Out: out})
package build

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
	"gongkai/internal/theme"
)

// Options say what to build and where.
type Options struct {
	Site   fs.FS  // the site folder
	Out    string // output folder; ignored by a dry run
	DryRun bool   // check only: render everything, write nothing
	Drafts bool   // publish drafts too
	// Now is the build clock, for embargoes and 有效性. It is given the
	// site's time zone, as --now values without an offset are read in it.
	Now func(*time.Location) time.Time
}

// Result tells what a build did.
type Result struct {
	Pages    int          // pages published
	Files    int          // files written in all
	Warnings []diag.Error // editorial warnings (gongkai check prints them)
	Written  []string     // a preview update's files written, sorted
	Removed  []string     // a preview update's files removed, sorted
}

// Build runs the whole pipeline. A content error returns a diag.List
// holding every error found, and writes nothing.
func Build(o Options) (Result, error) {
	b := newBuilder(o)
	if !b.load(nil, nil) {
		return Result{}, b.errs.Err()
	}
	b.plan()
	return b.run(nil)
}

func newBuilder(o Options) *builder {
	return &builder{opt: o, outputs: map[string]string{}, datasets: map[string]*figures.Dataset{}, dsHash: map[string]uint64{}, reportHash: map[*site.Page]uint64{}, reports: map[*site.Page]*disclosure.Report{}}
}

// load reads the site (from cache c, but for the changed files, when c is
// set), the theme, the datasets and the annual reports, and numbers the
// pages. It reports whether there is a site to go on with.
func (b *builder) load(c *site.Cache, changed []string) bool {
	o := b.opt
	s, errs := site.LoadCached(o.Site, c, changed)
	b.errs = append(b.errs, errs...)
	if s == nil {
		return false
	}
	b.site = s
	b.loc = s.Config.Location
	b.now = time.Now().In(b.loc)
	if o.Now != nil {
		b.now = o.Now(b.loc).In(b.loc)
	}
	var terrs []diag.Error
	b.theme, terrs = theme.Load(o.Site, s.Config.Theme, b.funcs())
	b.errs = append(b.errs, terrs...)
	b.loadDatasets()
	b.loadReports()
	b.errs = append(b.errs, site.AssignIndexNumbers(s.Pages)...)
	return true
}

// run renders the planned jobs — all of them, or those for which only
// says yes — and writes them: into a fresh folder swapped in for OUT, or
// with only set (a preview update), into OUT in place once all rendered
// without error.
func (b *builder) run(only func(j *job) bool) (Result, error) {
	o := b.opt
	if b.theme == nil || len(b.errs) > 0 && !o.DryRun {
		// Rendering would find block errors too; do it anyway so that one
		// run reports everything, but only into the void.
		b.opt.DryRun = true
	}
	var out *output
	switch {
	case b.opt.DryRun:
		out = &output{}
	case only != nil:
		out = &output{out: o.Out, held: map[string][]byte{}, removed: b.removed}
	default:
		var err error
		if out, err = openOutput(o.Out); err != nil {
			return Result{}, err
		}
	}
	if b.theme != nil {
		b.render(out, only)
	}
	res := Result{Pages: b.published, Files: len(b.jobs), Warnings: b.warnings()}
	if len(b.errs) > 0 {
		out.abort()
		return res, b.errs.Err()
	}
	res.Written = out.written()
	if err := out.commit(); err != nil {
		return res, err
	}
	return res, nil
}

type builder struct {
	opt        Options
	site       *site.Site
	loc        *time.Location
	now        time.Time
	theme      *theme.Theme
	datasets   map[string]*figures.Dataset
	dsHash     map[string]uint64     // of each dataset's file, for preview keys
	reportHash map[*site.Page]uint64 // of each annual report's tables.toml
	dsOrder    []*figures.Dataset
	reports    map[*site.Page]*disclosure.Report
	errs       diag.List
	warns      diag.List // editorial warnings found while rendering

	// plan
	pages     map[*site.Page]bool      // published
	hidden    map[string]bool          // bundle folders of pages not published
	lists     map[*site.Section][]item // published pages of each column, sorted for lists
	published int
	outputs   map[string]string // output path → the source that makes it
	jobs      []job
	siteView  *siteView
	removed   []string     // a preview update's outputs to delete
	home      []columnView // the home page\'s latest items of each column
}

// job makes one output file: by running run, or by copying copyName
// from copyFS.
type job struct {
	rel      string // output path
	src      string // the source that makes it, for errors
	run      func(w *worker) ([]byte, error)
	copyFS   fs.FS
	copyName string

	// key says what the output depends on, so that a preview update can
	// skip outputs whose inputs did not change; used lists the datasets
	// its Markdown embedded when it last ran, which the key covers too.
	key  func() string
	used []string
}

func (b *builder) errorf(path string, line int, format string, args ...any) {
	b.errs = append(b.errs, diag.Errorf(path, line, format, args...))
}

func (b *builder) loadDatasets() {
	for _, p := range b.site.Datasets {
		src, err := site.ReadFile(b.opt.Site, p)
		if err != nil {
			b.errorf(p, 0, "%v", err)
			continue
		}
		key := strings.TrimSuffix(p[len(site.DataDir)+1:], ".toml")
		b.dsHash[key] = site.HashBytes(src)
		d, errs := figures.Decode(p, key, src)
		b.errs = append(b.errs, errs...)
		if d != nil {
			b.datasets[key] = d
			b.dsOrder = append(b.dsOrder, d)
		}
	}
}

// loadReports decodes every annual report and checks each against the
// report of the year before in the same column.
func (b *builder) loadReports() {
	bySection := map[*site.Section][]*disclosure.Report{}
	var sections []*site.Section
	for _, p := range b.site.Pages {
		if p.TablesPath == "" {
			continue
		}
		src, err := site.ReadFile(b.opt.Site, p.TablesPath)
		if err != nil {
			b.errorf(p.TablesPath, 0, "%v", err)
			continue
		}
		b.reportHash[p] = site.HashBytes(src)
		r, errs := disclosure.Decode(p.TablesPath, src)
		b.errs = append(b.errs, errs...)
		if r == nil {
			continue
		}
		b.reports[p] = r
		if bySection[p.Section] == nil {
			sections = append(sections, p.Section)
		}
		bySection[p.Section] = append(bySection[p.Section], r)
	}
	for _, sec := range sections {
		list := bySection[sec]
		slices.SortFunc(list, func(a, c *disclosure.Report) int { return cmp.Or(a.Year-c.Year, strings.Compare(a.Path, c.Path)) })
		for i := 1; i < len(list); i++ {
			prev, cur := list[i-1], list[i]
			switch cur.Year {
			case prev.Year:
				b.errorf(cur.Path, 0, "a second report for %d in this column (also %s)", cur.Year, prev.Path)
			case prev.Year + 1:
				b.errs = append(b.errs, disclosure.CheckCarryOver(prev, cur)...)
			}
		}
	}
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

func (b *builder) url(rel string) string { return b.site.Config.BasePath + rel }

func (b *builder) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(b.loc).Format("2006-01-02")
}

func (b *builder) funcs() template.FuncMap {
	return template.FuncMap{
		"rel": func(p string) string { return b.url(strings.TrimPrefix(p, "/")) },
	}
}

// worker is one rendering goroutine's own tools.
type worker struct {
	md        *markdown.Converter
	buf       bytes.Buffer
	mdBuf     bytes.Buffer // the current page's Markdown as HTML
	used      []string     // datasets the current job embedded
	warnings  []diag.Error // editorial warnings of the current job
	themeErrs []diag.Error // template errors of the current Markdown's blocks
}

// render runs every job (or those only selects) on all cores and writes
// its file.
func (b *builder) render(out *output, only func(j *job) bool) {
	n := runtime.GOMAXPROCS(0)
	var next atomic.Int64 // workers take jobs by index: no feeding goroutine
	errs := make([][]diag.Error, n)
	warns := make([][]diag.Error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			w := &worker{md: markdown.New(markdown.Options{
				BasePath: b.site.Config.BasePath, Blocks: []string{"figures", "disclosure"}, RawHTML: b.site.Config.RawHTML,
			})}
			for j := int(next.Add(1)) - 1; j < len(b.jobs); j = int(next.Add(1)) - 1 {
				job := &b.jobs[j]
				if only != nil && !only(job) {
					continue
				}
				var err error
				if job.copyFS != nil {
					err = out.copy(job.rel, job.copyFS, job.copyName)
				} else {
					w.used = w.used[:0]
					var data []byte
					data, err = job.run(w)
					if err == nil {
						err = out.write(job.rel, data)
					}
					job.used = slices.Clone(w.used)
				}
				warns[i] = append(warns[i], w.warnings...)
				w.warnings = w.warnings[:0]
				if err != nil {
					var list diag.List
					if errors.As(err, &list) {
						errs[i] = append(errs[i], list...)
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

// execute renders a template kind into the worker's buffer. The bytes it
// returns are the buffer's: valid until the worker's next job.
func (b *builder) execute(w *worker, kind string, v any) ([]byte, error) {
	w.buf.Reset()
	if err := b.theme.Execute(&w.buf, kind, v); err != nil {
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
