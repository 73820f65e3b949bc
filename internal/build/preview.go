package build

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"gongkai/internal/site"
)

// Preview keeps a site in memory between builds, for the live preview: an
// update after a change re-reads only the changed files and re-renders
// only the outputs whose inputs changed — the changed page, its column's
// list pages, the home page, the pages that embed a changed dataset —
// then writes those into OUT in place and removes outputs that no longer
// exist. The result is byte-identical to a full build of the same files.
//
// An output is rendered again when its key differs from the one it was
// written with. The key of a themed page is the data its template receives
// (the view, as JSON, without the rendered Markdown) with the content of
// the files its Markdown and blocks read (job.sources and the datasets it
// embedded), so a template that gains a field needs no change here. A CSV,
// JSON or copied file's key is the content it is made of. A change of the
// settings or the theme rebuilds everything, and reads the git history
// again: between those, dates from git are the ones read at the start.
// Keys are made in cache.go, one way for the preview and for the build
// cache (Options.Cache), which keeps them from one process to the next;
// Build never uses a Preview.
//
//	p := build.NewPreview(opt)
//	res, err := p.Update(nil)                          // first: a full build
//	res, err = p.Update([]string{"content/news/a.md"}) // then: what changed
//	_, err = p.Index(nil)                              // and the search index
//
// An update after the first leaves the site search's index, and the
// /search/ page that names it, to Index: it is made of every page's text
// (a few hundred milliseconds for 10,000 pages), and the changed page
// can be shown before. The next Update makes it first if Index was not
// called.
type Preview struct {
	opt   Options
	cache site.Cache
	keys  map[string]key      // output path → the key it was written with
	used  map[string][]string // output path → datasets it embedded
	git   *gitHistory         // read at the last full build
	index searchCache         // the search index's texts and files (search.go)
	later *laterIndex         // the index the last update left to Index
}

// laterIndex is an update's builder, its pages written, its index not.
type laterIndex struct {
	b    *builder
	only func(j *job) bool
}

// NewPreview makes a preview of o.Site written to o.Out.
func NewPreview(o Options) *Preview { return &Preview{opt: o} }

// Update rebuilds after the files in changed (paths relative to the site
// folder) changed on disk; the first update builds everything. On error
// OUT is left as it was and the next update tries again.
func (p *Preview) Update(changed []string) (Result, error) {
	full := p.keys == nil
	for _, c := range changed {
		if strings.HasPrefix(c, "themes/") || c == site.ConfigPath {
			full = true // templates are parsed once per build; start afresh
		}
	}
	if full && p.later != nil {
		p.later.b.search.texts.close()
		p.later = nil
	}
	p.Index(nil) // the last update's, if left: its texts are this one's; a failure makes this update a full one
	full = full || p.index.lost
	b := &builder{opt: p.opt, keyed: true}
	if full {
		p.index.texts.close()
		p.index = searchCache{}
		p.cache = site.Cache{}
		p.git = nil
		changed = nil
	}
	if !b.load(&p.cache, changed, p.git) {
		return Result{}, b.errs.Err()
	}
	p.git = b.git
	b.plan()
	if b.search != nil {
		b.search.cache = &p.index
		b.searchLayout = p.index.layout // as the /search/ page written names it, for its key
	}
	keys := b.keysOf(p.used)
	var only func(j *job) bool
	var held *output
	if !full {
		only = func(j *job) bool { return keys[j.rel] != p.keys[j.rel] }
		held = hold(p.opt.Out, p.removed(keys))
	}
	out, err := b.output(held, nil)
	if err != nil {
		return Result{}, err
	}
	b.indexLater = !full && b.search != nil
	res, err := b.run(out, only)
	if err != nil {
		if b.indexLater {
			b.search.texts.close()
		}
		return res, err
	}
	res.Removed = out.removed
	// Record what is on disk now: the keys of the outputs rendered, with
	// the datasets they embedded this time.
	if full {
		p.keys, p.used = map[string]key{}, map[string][]string{}
	}
	for _, rel := range slices.Collect(maps.Keys(p.keys)) {
		if _, ok := keys[rel]; !ok {
			delete(p.keys, rel)
			delete(p.used, rel)
		}
	}
	p.record(b, only, false)
	if b.indexLater {
		p.later = &laterIndex{b, only}
	}
	return res, nil
}

// record notes the keys of the outputs b made again (only says which;
// all when nil), with the datasets they embedded: of the /search/ page,
// made with the index (late), or of the others.
func (p *Preview) record(b *builder, only func(j *job) bool, late bool) {
	for i := range b.jobs {
		j := &b.jobs[i]
		if b.indexLater && j.late != late {
			continue // made in the other step (Index, or the update)
		}
		if only != nil && !only(j) && !(j.late && j.key != key{}) {
			continue // not made again (the /search/ page: when its index changed)
		}
		p.used[j.rel] = j.used
		p.keys[j.rel] = j.key
	}
}

// Index makes the search index, and the /search/ page that names it, of
// the last update, if it left them (see Preview), and writes them into
// OUT holding lock (when not nil): what it makes before, it makes
// without, as a live preview serves the pages the update wrote.
func (p *Preview) Index(lock sync.Locker) (Result, error) {
	l := p.later
	if l == nil {
		return Result{}, nil
	}
	p.later = nil
	b := l.b
	defer func() { b.search.texts.close() }() // unless kept (writeSearch)
	out := hold(p.opt.Out, nil)
	index := b.index(out, l.only)
	res := Result{Files: index}
	if len(b.errs) > 0 {
		p.index.lost = true // its texts are not all in the preview's: start afresh
		return res, b.errs.Err()
	}
	if lock != nil {
		lock.Lock()
		defer lock.Unlock()
	}
	if err := out.commit(); err != nil {
		p.index.lost = true
		return res, err
	}
	res.Written, res.Removed = out.written(), out.removed
	p.record(b, l.only, true)
	return res, nil
}

// removed lists the outputs written before that the site no longer makes.
func (p *Preview) removed(keys map[string]key) []string {
	var list []string
	for rel := range p.keys {
		if _, ok := keys[rel]; !ok {
			list = append(list, rel)
		}
	}
	slices.Sort(list)
	return list
}
