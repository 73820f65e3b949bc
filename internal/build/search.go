package build

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"html"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gongkai/internal/search"
	"gongkai/internal/site"
)

// The site search (package search): the plan adds the /search/ page;
// each render worker keeps the text of the pages it converts (and, with
// the build cache, puts it there); the index is made of those texts a
// batch of pages at a time while the run goes on (pages are planned and
// rendered newest first, the order the index takes them and its batches
// in, so each batch is ready early), each batch's texts let go once its
// run is made, and after the run the batches' runs are merged and
// written under search/.
// With the build cache, the index reads back the runs of the batches of
// pages whose texts did not change (search.Runs), and a page taken from
// the cache has its text read only if its batch is indexed again.
// Its files are written after the run, not by jobs, because each
// depends on every page, and how many there are on what the pages say.

// searchIndex is what a build gathers for the index.
type searchIndex struct {
	pages []*site.Page // published, newest first, as the index takes them (search.Pages; place)
	texts *pageTexts   // each page's body text, kept by the worker that rendered it
	kept  []bool       // the page's text is in texts: rendered (or taken from the build cache) this run, or carried over by a preview
	cache *searchCache // a preview's texts of pages it did not render again; nil in a build
	sums  []key        // each page's text's SHA-256, for the build cache's runs (search.Runs); nil without one
	// With the build cache, each page's text is put there as it is kept
	// (stored: whether it was), not read back after the run.
	store  *buildCache
	stored []bool

	// The index made while the pages are rendered (start).
	ends  []int           // where each batch of pages ends (search.Batches)
	left  []atomic.Int32  // of each batch, the page jobs still to run
	ready []chan struct{} // of each batch, closed when none is left
	early *search.Index
	made  chan struct{} // closed when early has every run, or stopped
	stop  atomic.Bool   // the build failed: make no more runs
}

// searchCache is what a Preview keeps of the index between updates: the
// text of every page, as an update re-renders only some (the texts of
// the last update that made the index, in its temporary file: a large
// site's are hundreds of megabytes), and the index files written, to
// write only those that changed and remove the rest.
type searchCache struct {
	texts  *pageTexts        // every page's text, nil before the first index
	number map[string]int    // page path → its number in texts
	lost   bool              // texts could not be read: the next update is a full one
	files  map[string]uint64 // output path → hash of its bytes
	layout search.Layout     // the index's, as the /search/ page written names it
}

// planSearch plans the /search/ page.
func (b *builder) planSearch() {
	if b.addPage("search/index.html", "(theme) search.html", 0, b.searchView, nil, nil) {
		b.jobs[len(b.jobs)-1].late = true // it names the index's layout
	}
}

// newSearchIndex takes the published pages, newest first, for the index.
func newSearchIndex(pages []*site.Page) *searchIndex {
	s := &searchIndex{pages: pages, texts: newPageTexts(len(pages)), kept: make([]bool, len(pages)), ends: search.Batches(len(pages))}
	s.left = make([]atomic.Int32, len(s.ends))
	return s
}

// expect counts page i's job among those its batch waits for.
func (s *searchIndex) expect(i int) { s.left[s.batch(i)].Add(1) }

// batch is the number of the index's batch page i is in.
func (s *searchIndex) batch(i int) int {
	k, _ := slices.BinarySearch(s.ends, i+1)
	return k
}

// start makes the index's runs while the pages are rendered: each batch
// as soon as the jobs of its pages have run (rendered), in a goroutine
// of its own, which the cores the render leaves idle (waiting for the
// disk, at a portal's million pages) run. Call it before the render.
func (s *searchIndex) start(docs search.Pages, kept search.Runs) {
	s.ready = make([]chan struct{}, len(s.ends))
	for k := range s.ready {
		s.ready[k] = make(chan struct{})
		if s.left[k].Load() == 0 {
			close(s.ready[k])
		}
	}
	s.early, s.made = search.NewIndex(docs, kept), make(chan struct{})
	go func() {
		defer close(s.made)
		for k := range s.ends {
			<-s.ready[k]
			if s.stop.Load() {
				return
			}
			s.early.Add()
			// A build needs a batch's texts no more (a preview, which
			// keeps them all, makes no run early): what is in memory is
			// the texts of the batches being rendered, not of the site.
			from := 0
			if k > 0 {
				from = s.ends[k-1]
			}
			s.texts.drop(from, s.ends[k])
		}
	}()
}

// rendered tells a started index that page p's job has run, with or
// without error.
func (s *searchIndex) rendered(p *site.Page) {
	if s == nil || s.ready == nil {
		return
	}
	i, _ := s.place(p)
	if k := s.batch(i); s.left[k].Add(-1) == 0 {
		close(s.ready[k])
	}
}

// finish waits for the runs start makes and returns the index, or nil,
// having let it go, when the build wrote nothing.
func (s *searchIndex) finish(keep bool) *search.Index {
	if s.early == nil {
		return nil
	}
	s.stop.Store(!keep)
	<-s.made
	x := s.early
	s.early = nil
	if !keep {
		x.Close()
		return nil
	}
	return x
}

// searchView is the view of the /search/ page: the form with its filters.
func (b *builder) searchView() *view {
	sv := &searchView{Index: b.url("search/"), Layout: b.searchLayout}
	years := map[int]bool{}
	cols := map[string]bool{}
	topics := map[string]bool{}
	for _, p := range b.site.Pages {
		if !b.isPublished(p) {
			continue
		}
		years[p.Date.In(b.loc).Year()] = true
		if c := column(p.Section); c != "" {
			cols[c] = true
		}
		if p.Topic != "" {
			topics[p.Topic] = true
		}
	}
	for y := range years {
		sv.Years = append(sv.Years, y)
	}
	slices.SortFunc(sv.Years, func(a, c int) int { return c - a })
	for _, sec := range b.site.Home.Sections {
		if cols[sec.Title] {
			sv.Columns = append(sv.Columns, sec.Title)
		}
	}
	for t := range topics {
		sv.Topics = append(sv.Topics, t)
	}
	slices.Sort(sv.Topics)
	return &view{
		Site: b.siteView, Kind: "search", Title: "站内搜索", URL: b.url("search/"),
		Permalink: b.site.Config.BaseURL + "search/", Crumbs: b.crumbs(b.site.Home), Search: sv,
	}
}

// keepSearchText keeps the text of a page's rendered body for the index,
// and the titles of its attachments, which its 附件 list shows: a
// citizen searches for a form by its name (申报书模板).
func (b *builder) keepSearchText(p *site.Page, body []byte) {
	if b.search == nil {
		return
	}
	if i, ok := b.search.place(p); ok {
		text := htmlText(body)
		if p.Summary != "" { // shown in lists, not on the page: found all the same
			text += "\n" + p.Summary
		}
		for _, a := range p.Extras().Attachments {
			text += "\n" + a.Title
		}
		b.search.keep(i, text, nil)
	}
}

// place is p's place in the pages the index takes (search.Pages), found
// where it was sorted: a map would be tens of megabytes for a portal's
// million pages.
func (s *searchIndex) place(p *site.Page) (int, bool) {
	i, ok := slices.BinarySearchFunc(s.pages, p, newestFirst)
	return i, ok && s.pages[i] == p
}

// keep keeps page i's text; sum is its SHA-256 when known, else nil.
func (s *searchIndex) keep(i int, text string, sum *key) {
	s.texts.put(i, text)
	s.kept[i] = true
	if s.sums != nil {
		if sum == nil {
			h := key(sha256.Sum256([]byte(text)))
			sum = &h
		}
		s.sums[i] = *sum
	}
	if s.store != nil {
		s.stored[i] = s.store.keepText(text, s.sums[i])
	}
}

// text is page i's text: as kept this run, or, in a preview, as the last
// update kept it, then kept in this run's texts too, which the preview
// keeps for the next update in their place.
func (s *searchIndex) text(i int) string {
	if s.kept[i] || s.cache == nil || s.cache.texts == nil {
		return s.texts.get(i)
	}
	n, ok := s.cache.number[s.pages[i].Path]
	if !ok {
		return "" // never rendered: cannot be (a new page is)
	}
	text := s.cache.texts.get(n)
	s.keep(i, text, nil)
	return text
}

// writeSearch makes the index of the pages' texts and writes it to out;
// it returns how many files it wrote (or took from the build cache).
func (b *builder) writeSearch(out *output) int {
	s := b.search
	if s == nil || len(b.errs) > 0 || b.writeNothing() {
		return 0
	}
	written := 0
	now := map[string]uint64{}
	x := s.finish(true)
	if x == nil { // not started (a preview): Write makes every run
		x = search.NewIndex(searchPages{b}, b.keptRuns())
	}
	defer x.Close()
	w := &worker{} // its buffer, for the build cache to check kept files with
	b.searchTaken = map[string]bool{}
	claimed := map[string]bool{} // by place, once
	// place puts f in out as it is on disk already (a preview's) or in
	// the build cache, and reports whether it did; else writes f.Data,
	// if given.
	place := func(f search.File, write bool) bool {
		rel := "search/" + f.Path
		if !claimed[rel] {
			if !b.claim(rel, "(search index)", 0) {
				return true
			}
			claimed[rel] = true
			b.searchFiles = append(b.searchFiles, rel)
		}
		h := binary.LittleEndian.Uint64(f.Sum[:])
		now[rel] = h
		if out.held != nil && s.cache.files[rel] == h {
			return true // a preview update: unchanged on disk
		}
		var sum *key
		if b.cache != nil {
			h := key(f.Sum)
			if taken, asWas := b.cache.takeFile(w, out, rel, h); taken {
				b.searchTaken[rel] = asWas
				written++ // a file of OUT all the same
				return true
			}
			sum = &h
		}
		if !write {
			return false
		}
		if err := out.writeSum(rel, f.Data, sum); err != nil {
			b.errorf(rel, 0, "%v", err)
		}
		written++
		return true
	}
	if b.cache != nil {
		// The files the index would make as the last build did are
		// taken from the cache, not made again.
		x.Have = func(f search.File) bool { return place(f, false) }
	}
	layout, err := x.Write(func(f search.File) error {
		place(f, true)
		return nil
	})
	if err != nil {
		b.errorf("(search index)", 0, "making the search index: %v", err)
		return 0
	}
	b.searchLayout = layout
	if b.cache != nil {
		for _, k := range x.Kept() {
			b.cache.runs = append(b.cache.runs, keptRun{Name: runName(b.cache.id, k)})
		}
	}
	if s.texts.err != nil {
		b.errorf("(search index)", 0, "keeping the pages' texts for the search index in a temporary file: %v", s.texts.err)
		return 0
	}
	if c := s.cache; c != nil && c.texts != nil && c.texts.err != nil {
		b.errorf("(search index)", 0, "reading the pages' texts the preview kept for the search index: %v; the next update builds everything again", c.texts.err)
		c.lost = true
		return 0
	}
	if c := s.cache; c != nil {
		if out.held != nil {
			for rel := range c.files {
				if _, ok := now[rel]; !ok {
					out.removed = append(out.removed, rel)
				}
			}
			slices.Sort(out.removed)
		}
		c.files, c.layout = now, layout
		c.texts.close()
		c.texts, c.number = s.texts, make(map[string]int, len(s.pages)) // every page's, as Build read each
		for i, p := range s.pages {
			c.number[p.Path] = i
		}
		s.texts = nil // the preview's now: not closed as the run ends
	}
	return written
}

// keptRuns is where the index's runs are kept for the next build, and
// read back from: the build cache, when there is one.
func (b *builder) keptRuns() search.Runs {
	if b.cache == nil {
		return nil
	}
	return searchRuns{b.cache, b.search}
}

// searchPages are the published pages as the index takes them, newest
// first, each made when asked for (a portal's would be hundreds of
// megabytes at once), its text read from where the render worker kept it.
type searchPages struct{ b *builder }

func (sp searchPages) Len() int { return len(sp.b.search.pages) }

// Text is page i's text: as a render worker kept it, or, for a page
// taken from the build cache, as the cache kept it; if that is missing or
// changed, the page's body is converted again for it.
func (sp searchPages) Text(i int) string {
	b, s := sp.b, sp.b.search
	if s.kept[i] || b.cache == nil || s.sums[i] == (key{}) {
		return s.text(i)
	}
	if text, ok := b.cache.text(s.sums[i]); ok {
		return text
	}
	p := s.pages[i]
	if err := b.fillPage(b.newWorker(), p, &view{}); err != nil || !s.kept[i] {
		return "" // it converted without error when it was kept
	}
	return s.text(i) // kept for the next build too (keep)
}

func (sp searchPages) Doc(i int) search.Doc {
	b, p := sp.b, sp.b.search.pages[i]
	return search.Doc{
		URL: b.url(p.URL), Title: p.Title, Date: b.date(p.Date), Column: column(p.Section),
		DocNo: p.DocNo, IndexNo: p.IndexNo, Topic: p.Topic, Year: p.Date.In(b.loc).Year(),
	}
}

// pageTexts keeps the pages' texts for the index: in memory while they
// are few (memTexts bytes; a build lets each batch's go once its run is
// made, so they are few unless the render runs far ahead of the index),
// then, all of them, in a temporary file,
// removed as soon as it is made (it goes when the build closes it or the
// process ends, however it ends), with each page's place in it; in
// memory still if no temporary file can be made. A portal's texts are
// gigabytes; a county site's, read again at each save in a preview, are
// best at hand. Render workers (and a preview's index) put and get
// concurrently.
type pageTexts struct {
	mu   sync.Mutex
	mem  []string // page number → text, until the file
	size int64    // bytes in mem
	stay bool     // no temporary file could be made: in memory after all
	f    *os.File
	end  int64
	at   [][2]int64 // page number → offset, length in f
	err  error      // the first failure to write or read
}

// memTexts is how many bytes of texts pageTexts keeps in memory: in a
// build, the texts of the batches being rendered (drop), two or so of
// 8,192 pages at most, about 30 MB each on the generated portal.
var memTexts int64 = 128 << 20

func newPageTexts(n int) *pageTexts { return &pageTexts{mem: make([]string, n)} }

func (t *pageTexts) put(i int, s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.f == nil {
		t.mem[i] = s
		t.size += int64(len(s))
		if t.size > memTexts && !t.stay {
			t.toFile()
		}
		return
	}
	t.write(i, s)
}

// toFile moves the texts to a temporary file, if one can be made.
func (t *pageTexts) toFile() {
	f, err := os.CreateTemp("", "gongkai-texts-*")
	if err == nil && os.Remove(f.Name()) != nil {
		f.Close()
		err = errors.New("not removable")
	}
	if err != nil {
		t.stay = true
		return
	}
	t.f, t.at = f, make([][2]int64, len(t.mem))
	for i, s := range t.mem {
		if s != "" {
			t.write(i, s)
		}
	}
	t.mem = nil
}

// write appends s to the file, where the file's offset is: t.end, as
// only write moves it (get reads at an offset). WriteString, not
// WriteAt([]byte(s)): a copy of every page's text for nothing.
func (t *pageTexts) write(i int, s string) {
	if _, err := t.f.WriteString(s); err != nil && t.err == nil {
		t.err = err
	}
	t.at[i] = [2]int64{t.end, int64(len(s))}
	t.end += int64(len(s))
}

func (t *pageTexts) get(i int) string {
	t.mu.Lock()
	if t.f == nil {
		defer t.mu.Unlock()
		return t.mem[i]
	}
	at := t.at[i]
	t.mu.Unlock()
	buf := make([]byte, at[1])
	if _, err := t.f.ReadAt(buf, at[0]); err != nil {
		t.mu.Lock()
		t.err = cmp.Or(t.err, err)
		t.mu.Unlock()
	}
	return string(buf)
}

// drop lets the texts of pages from to to-1 go, when they are in memory.
func (t *pageTexts) drop(from, to int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.f != nil {
		return
	}
	for i := from; i < to; i++ {
		t.size -= int64(len(t.mem[i]))
		t.mem[i] = ""
	}
}

// close lets the file go.
func (t *pageTexts) close() {
	if t != nil && t.f != nil {
		t.f.Close()
	}
}

// blockTags end a line of text: their text is not run together with the
// next block's.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "td": true, "th": true,
	"tr": true, "table": true, "caption": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "pre": true, "hr": true, "figure": true,
	"figcaption": true, "dt": true, "dd": true, "section": true, "summary": true, "details": true,
}

// htmlText is the text a reader sees in a rendered body: tags dropped (a
// block's end made a line break), entities decoded, the content of
// scripts and styles left out.
func htmlText(h []byte) string {
	var sb strings.Builder
	sb.Grow(len(h))
	eachText(h, func(text []byte) bool {
		sb.Write(text)
		return true
	})
	return sb.String()
}

var lineBreak = []byte{'\n'}

// eachText gives htmlText's text of h to yield piece by piece, for as
// long as yield asks for more: a page's description reads only its
// beginning.
func eachText(h []byte, yield func(text []byte) bool) {
	for len(h) > 0 {
		i := bytes.IndexByte(h, '<')
		if i < 0 {
			i = len(h)
		}
		if i > 0 {
			text := h[:i]
			if bytes.IndexByte(text, '&') >= 0 {
				text = []byte(html.UnescapeString(string(text)))
			}
			if !yield(text) {
				return
			}
		}
		if i == len(h) {
			return
		}
		h = h[i+1:]
		end := bytes.IndexByte(h, '>')
		if end < 0 {
			return
		}
		tag := h[:end]
		h = h[end+1:]
		name := bytes.TrimPrefix(tag, []byte("/"))
		if j := bytes.IndexAny(name, " \t\n/"); j >= 0 {
			name = name[:j]
		}
		lower := strings.ToLower(string(name))
		if blockTags[lower] && !yield(lineBreak) {
			return
		}
		if (lower == "script" || lower == "style") && tag[0] != '/' {
			close := bytes.Index(bytes.ToLower(h), []byte("</"+lower))
			if close < 0 {
				return
			}
			h = h[close:]
		}
	}
}
