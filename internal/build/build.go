// Package build turns a site into its public output. It is the only
// package that knows the whole pipeline, and it runs in three stages, each
// with its own state:
//
//	load  (load.go)   site.Load reads content/ (settings, columns, pages,
//	                  front matter); figures.Decode reads every dataset;
//	                  disclosure.Decode every annual report's tables.toml,
//	                  checked year against year; the theme is parsed; 索引号
//	                  are assigned. The result is a loaded.
//	plan  (plan.go)   decides what is published, computes the lists
//	                  (columns, the home page, /data/) once, and makes one
//	                  job per output file, each claiming its path. The
//	                  result is a planned.
//	run   (render.go) runs the jobs on all cores, each worker with its own
//	                  goldmark converter; a page's job reads its Markdown
//	                  again (site.Page keeps none, so that memory does not
//	                  grow with the text of a million pages: only what
//	                  lists, 索引号 and links need stays), refusing a file
//	                  changed since loading; a job builds the view its template
//	                  receives (view.go), renders the Markdown into it, with
//	                  the ```figures and ```disclosure blocks registered in
//	                  blocks.go, and executes the theme. Each job writes its
//	                  own file, so output does not depend on scheduling.
//
// All markup is the theme's (package theme): the figures and disclosure
// packages lay out their tables and charts, the theme's figures.html and
// disclosure.html draw them; a template's errors carry the template's file
// and line; the parts the same on many pages (head, header, footer,
// crumbs) it renders once per build, as base.html asks with cached.
//
// A check (Options.Check) also has each worker keep what package check
// reads (check.go): the findings in each body's text, its links, and the
// ids of each page made; after the run, check.Site reviews the whole site
// with them and the output paths of the plan.
//
// Files go to a temporary folder beside OUT (output.go); only when the run
// had no error at all does that folder replace OUT, in one rename. A run
// with errors, or a check, writes nothing: it renders everything into a
// discarding output, so that one run reports every error, and OUT stays
// exactly as it was.
//
// When the site is a git checkout (Options.Dir), one `git log` gives each
// page its 更新日期 and, when site.toml asks, its 更新记录 (history.go).
//
// A build for gongkai publish (package publish) gives LinkFrom, the
// release it replaces: an output whose content is the same as the file at
// its path there is hard-linked from it, not written, so that a one-page
// change writes little. With Sources, the Result lists every output with
// its content's hash, the source file it is made from, and that file's
// hash: what publish compares releases by.
//
// Every error is collected, never just the first: Build returns them all
// as a diag.List, sorted. Nothing depends on the clock but the Now option
// (embargoes, 有效性), so two builds of the same input at the same Now are
// byte-identical. A Preview (preview.go) keeps a build's state for the
// live preview and re-renders only the outputs whose inputs changed; the
// build cache (Options.Cache, cache.go) keeps the same keys on disk, so
// that the next build process re-renders only those too, and links the
// rest from the files it kept.
//
//	res, err := build.Build(build.Options{Site: os.DirFS(dir), Out: out})
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"time"

	"gongkai/internal/check"
	"gongkai/internal/diag"
	"gongkai/internal/search"
	"gongkai/internal/site"
)

// Options say what to build and where.
type Options struct {
	Site fs.FS // the site folder
	// Dir is the site folder on disk, for the dates of its git history
	// (history.go); "" reads none, as if the site were not in git.
	Dir    string
	Out    string // output folder; ignored by a check
	Check  bool   // gongkai check: render everything, write nothing
	Drafts bool   // publish drafts too
	// Org, in a check, keeps the findings of the pages and columns of the
	// body with this organization code (gongkai check --org).
	Org string
	// Now is the build clock, for embargoes and 有效性. It is given the
	// site's time zone, as --now values without an offset are read in it.
	Now func(*time.Location) time.Time
	// LinkFrom is a folder holding an earlier build: an output the same
	// as the file at its path there is hard-linked from it.
	LinkFrom string
	Sources  bool // fill Result.Outputs
	// Cache is the build cache's folder (cache.go): an output whose inputs
	// are those of one a build before made is linked from there, not made
	// again. "" keeps no cache.
	Cache string
	// Release says OUT is to be a published release (gongkai publish
	// into a web root): none of its files is one of the build cache's,
	// which SITE/public shares, so that a file of SITE/public edited in
	// place cannot change a published page. A kept file is linked from
	// LinkFrom when the file there has its bytes, else copied; a file
	// made is copied into the cache.
	Release bool
	// Deliver, when set, is given the result once OUT holds the new site,
	// and OUT is then its own: gongkai publish installs it as a release,
	// or sends it to a bucket and removes it. It runs before the build
	// cache records its kept files' stamps, which removing files linked
	// to them (the folder a publish to a bucket sent) would change. No spare
	// of OUT is kept, and the cache is used even on another file system
	// than OUT's (cache.go: holdCache). Its error is Build's.
	Deliver func(Result) error
}

// Result tells what a build did.
type Result struct {
	Language string       // the site's, for messages; "" when site.toml did not load
	BaseURL  string       // the site's base_url
	Pages    int          // pages published (in a check of one body, Options.Org, the body's)
	Files    int          // files written in all
	Held     []Held       // pages not published, by path
	Warnings []diag.Error // editorial warnings (gongkai check prints them)
	Notices  []diag.Error // those of Warnings that say what the output lacks (gongkai build prints them too)
	Written  []string     // a preview update's or cached build's files written (not reused), sorted
	Removed  []string     // a preview update's files removed, sorted
	Outputs  []Output     // with Options.Sources: every file made, by path
	Linked   int          // files hard-linked from Options.LinkFrom
	Bytes    int64        // bytes written into files (linked files not counted)
	Reused   int          // files taken from Options.Cache
	// CacheOther says Options.Cache held a build of other settings
	// (site.toml, the theme, --drafts or another gongkai), which no file
	// was taken from: every file was made again.
	CacheOther bool
	// CacheDamaged says Options.Cache's manifest did not read as one
	// (damaged, or of an older gongkai): no file was taken from it.
	CacheDamaged bool
	// CacheBusy says another build held Options.Cache: it was not used.
	CacheBusy bool
	// CacheElsewhere says Options.Cache is on another file system than
	// OUT, where its files cannot be linked: it was not used.
	CacheElsewhere bool
	// PagesKept counts the pages taken from Options.Cache as the last
	// build read them, their files unchanged (site.Kept).
	PagesKept int
	// ErrorsElsewhere, in a check of one body (Options.Org), counts the
	// errors in the rest of the site that stop its build: the body's
	// pages are right, but the site does not build until those are fixed
	// too. CheckErrorsElsewhere counts the rest's other errors, which
	// check finds and a build does not (a broken link, …).
	ErrorsElsewhere, CheckErrorsElsewhere int
}

// Output is one file of a build, as publish compares releases by it.
type Output struct {
	Path   string // site-relative: news/a/index.html
	Hash   string // SHA-256 of its content, in hex
	Source string // the file it is made from: content/news/a.md, or "(theme) …"
	// SourceHash is a page's source file's hash (site.Page.Hash: the first
	// 16 hex digits of its SHA-256); "" for other files.
	SourceHash string
	Page       bool   // a page's own HTML: a public document
	IndexNo    string // a page's 索引号, which a moved page keeps (publish tells it moved)
	Linked     bool   // hard-linked from Options.LinkFrom: unchanged
}

// Held is a page a build left out: a draft, or embargoed until a moment
// (publish_at) still to come.
type Held struct {
	Path  string
	Draft bool
	Until time.Time // of an embargo; zero for a draft
}

func held(p *site.Page, drafts bool) Held {
	if p.Draft && !drafts {
		return Held{Path: p.Path, Draft: true}
	}
	return Held{Path: p.Path, Until: p.Extras().PublishAt}
}

// Build runs the whole pipeline. A content error returns a diag.List
// holding every error found, and writes nothing.
func Build(o Options) (Result, error) {
	b := &builder{opt: o}
	var hold *cacheHold
	if o.Cache != "" && !o.Check {
		b.keptPages = openKeptPages(o.Cache)
		defer b.keptPages.close()
		hold = holdCache(o.Cache, o.Out, o.Deliver != nil || o.Release)
	}
	if !b.load(nil, nil, nil) {
		hold.drop()
		return Result{}, b.errs.Err()
	}
	b.plan()
	if hold != nil && !b.writeNothing() {
		b.cache = b.openCache(hold)
		b.keyed = b.cache != nil
		defer b.cache.close()
		if b.cache != nil && b.search != nil {
			b.search.sums = make([]key, len(b.search.pages))
			b.search.store, b.search.stored = b.cache, make([]bool, len(b.search.pages))
		}
	}
	out, err := b.output(nil, hold)
	if err != nil {
		return Result{Language: b.site.Config.Language}, err
	}
	if b.search != nil && !b.writeNothing() {
		b.search.start(searchPages{b}, b.keptRuns())
	}
	b.hold = hold
	return b.run(out, nil)
}

// knownOrg fails a check of one body (Options.Org) whose code no body of
// the site has: a mistyped code would find nothing, and say all is well.
func (b *builder) knownOrg() error {
	bodies := check.Bodies(b.site)
	var codes []string
	for _, o := range bodies {
		if strings.EqualFold(o.Code, b.opt.Org) {
			return nil
		}
		if len(codes) < 10 {
			codes = append(codes, o.Code+" "+o.Name)
		}
	}
	if len(bodies) == 0 {
		return diag.Errorf("", 0, "--org %s: no body of this site has an organization code: give it as code under [organization]", b.opt.Org)
	}
	list := strings.Join(codes, ", ")
	if len(bodies) > len(codes) {
		list += fmt.Sprintf(" … (%d)", len(bodies))
	}
	return diag.Errorf("", 0, "--org %s: no body of this site has that organization code; the codes are: %s", b.opt.Org, list)
}

// builder is one build: its options, the state of each stage, and what
// went wrong.
type builder struct {
	opt  Options
	hold *cacheHold // the cache folder as taken, or not (holdCache); nil for none asked
	*loaded
	*planned
	errs        diag.List
	checkErrs   diag.List       // a check's errors that do not stop a build (review)
	warns       diag.List       // editorial warnings found while rendering
	notices     diag.List       // warnings about the output itself, such as dates it cannot have
	search      *searchIndex    // the site search's pages and texts (search.go)
	searchFiles []string        // the index's files, once written
	searchTaken map[string]bool // those of them taken from the build cache: whether the spare held each untouched (take)
	// searchLayout is the index's, once written; in a preview before
	// then, the one the /search/ page written names.
	searchLayout search.Layout
	keyed        bool        // each job's key is kept in it as it runs (job.key)
	indexLater   bool        // run leaves the search index and /search/ page to a preview's Index
	cache        *buildCache // the build cache, when used (cache.go)
	keptPages    *keptPages  // the pages loaded, kept in the build cache's folder
	diskFull     atomic.Bool // a file could not be written for want of space: said once
}

func (b *builder) errorf(path string, line int, format string, args ...any) {
	b.errs = append(b.errs, diag.Errorf(path, line, format, args...))
}

// writeNothing reports whether this run must leave OUT alone: a check, or
// a build that found errors before rendering (rendering would find block
// errors too; it runs anyway, so that one run reports everything).
func (b *builder) writeNothing() bool {
	return b.opt.Check || b.theme == nil || len(b.errs) > 0
}

// files counts the files a run makes: one per job, and the .gz files.
func (b *builder) files() int {
	n := len(b.jobs)
	for i := range b.jobs {
		if b.jobs[i].gz {
			n++
		}
	}
	return n
}

// output opens where the run writes: a fresh folder to be swapped in for
// OUT (with the build cache, the spare hold took over while the site
// loaded; hold is let go otherwise), the preview's held files when held
// is set, or nothing at all.
func (b *builder) output(held *output, hold *cacheHold) (*output, error) {
	var out *output
	var err error
	switch {
	case b.cache != nil:
		out, err = hold.output()
	case b.writeNothing():
		hold.drop()
		return discard(), nil
	case held != nil:
		return held, nil
	default:
		hold.drop()
		out, err = openOutput(b.opt.Out, "", nil)
	}
	if err != nil {
		return nil, err
	}
	out.linkFrom, out.linked, out.release = b.opt.LinkFrom, map[string]bool{}, b.opt.Release
	if b.opt.Sources || b.cache != nil {
		out.hashes = map[string]string{}
	}
	return out, nil
}

// index makes the search index and the /search/ page, which names it,
// into out, after the run rendered the rest (those only says yes to, or
// all), and returns how many files of the index it wrote.
func (b *builder) index(out *output, only func(j *job) bool) int {
	named := b.searchLayout
	index := b.writeSearch(out)
	if b.theme != nil && !b.writeNothing() {
		b.render(out, func(j *job) bool { return j.late && (only == nil || only(j) || b.searchLayout != named) })
	}
	return index
}

// run renders the planned jobs — all of them, or those for which only
// says yes — into out, and commits out when there was no error.
func (b *builder) run(out *output, only func(j *job) bool) (Result, error) {
	if b.search != nil {
		// Unless a preview kept them (writeSearch), or left the index
		// for later (Preview.Index).
		defer func() {
			b.search.finish(false) // a failed build's: stopped, let go
			if !b.indexLater {
				b.search.texts.close()
			}
		}()
	}
	// The /search/ page names the index, made after the pages: it is
	// rendered last (in a preview, when the index changed too), but with
	// the rest in a run that writes nothing (check looks at all pages at
	// once).
	late := !b.writeNothing()
	if b.theme != nil {
		b.render(out, func(j *job) bool { return !(late && j.late) && (only == nil || only(j)) })
	}
	b.ran()
	index := 0
	if !b.indexLater {
		index = b.index(out, only)
	}
	res := Result{Language: b.site.Config.Language, BaseURL: b.site.Config.BaseURL, Pages: b.pages, Files: b.files() + index, Held: b.held, Warnings: b.warnings(), Notices: b.notices.Sort()}
	if b.opt.Check && b.opt.Org != "" {
		if err := b.knownOrg(); err != nil {
			res.Warnings = nil // of no body
			return res, err
		}
		kept, keptCheck := check.Org(b.errs, b.site, b.opt.Org), check.Org(b.checkErrs, b.site, b.opt.Org)
		res.ErrorsElsewhere, res.CheckErrorsElsewhere = len(b.errs)-len(kept), len(b.checkErrs)-len(keptCheck)
		b.errs, b.checkErrs = kept, keptCheck
		res.Warnings = check.Org(res.Warnings, b.site, b.opt.Org)
		res.Pages = 0 // the body's, not the site's
		for _, p := range b.site.Pages {
			if b.isPublished(p) && strings.EqualFold(p.Section.Org.Code, b.opt.Org) {
				res.Pages++
			}
		}
	}
	b.errs = append(b.errs, b.checkErrs...)
	if len(b.errs) > 0 {
		out.abort()
		return res, b.errs.Err()
	}
	res.Written = out.written()
	res.Linked, res.Bytes = len(out.linked), out.bytes.Load()
	if b.opt.Sources {
		res.Outputs = b.outputList(out)
	}
	var kept cacheManifest
	if b.cache != nil {
		kept = b.cache.store(b, out)
		res.Reused, res.Written = int(b.cache.reused.Load()), b.madeAnew()
		res.CacheOther, res.CacheDamaged = b.cache.other, b.cache.damaged
	}
	if b.hold != nil {
		res.CacheElsewhere, res.CacheBusy = b.hold.elsewhere, b.hold.busy
	}
	if err := out.commit(); err != nil {
		var left *oldSiteLeft
		if !errors.As(err, &left) {
			return res, err
		}
		res.Notices = append(res.Notices, diag.Warnf(left.dir, 0, "the site is built, but its old copy here could not all be removed (%v): the next build removes it, or delete this folder", left.err))
	}
	if b.keptPages != nil {
		res.PagesKept = b.keptPages.Taken
	}
	var err error
	if b.opt.Deliver != nil {
		err = b.opt.Deliver(res)
	}
	if b.cache != nil {
		// The site is built: a cache that cannot be written only makes
		// the next build a full one.
		b.keptPages.save()
		b.cache.save(kept)
	}
	return res, err
}
