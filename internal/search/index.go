// Package search makes the index that a site's /search/ page queries in
// the browser, with no server: Chinese without a dictionary, as
// overlapping bigrams with their positions (segment.go), so any run of two
// or more characters is found, and a phrase only where its bigrams sit
// side by side in order.
//
// Build takes the published pages, newest first (Pages), and gives the
// files of the index, all under search/, one by one to its caller, which
// writes them:
//
//	layout, err := search.Build(search.Docs(docs), nil, func(f search.File) error { return write(f.Path, f.Data) })
//
// A build cache passes Runs instead of nil, so that the batches of pages
// whose texts have not changed are read back, not indexed again (Runs),
// the tokens an edit did not change are taken from the last build's
// merge, not encoded again (memo.go), and the files that would be made
// as the last build made them are not made again when the caller has
// them (Index.Have).
//
// The files:
//
//	index.json    the manifest: the number of pages and of dictionary
//	              files, the columns, 主题分类 and years (each year a range
//	              of page numbers), and
//	              a version that changes with any byte of the index, which
//	              the script adds to every fetch so a cache never mixes two
//	              builds
//	t/K.bin       dictionary K: the tokens whose FNV-1a hash h has
//	              ⌊h × dictionaries / 2³²⌋ = K (a range of hashes), each
//	              with the lengths of the parts of its postings
//	p/K.bin       pack K: the postings of dictionary K's tokens, one after
//	              another, read by HTTP range requests (a server that
//	              ignores Range sends the whole file, and the script cuts
//	              it)
//	d/K.bin       pages 32K to 32K+31: URL, title, date, column, 文号, 主题分类
//	f.bin         each page's column and 主题分类, for the filters
//
// A query thus fetches a small dictionary file per token, then only the
// parts of the postings it needs: for each token the list of its pages,
// then, for the few pages a phrase leaves, the block of places that holds
// each. A token in nine pages of ten costs a few kilobytes, not its whole
// posting, and the number of files is bounded by the size of the index,
// not by the number of pages. As a pack holds one dictionary's tokens, an
// edit changes the dictionaries and packs of the tokens it adds or takes
// away, not the others: a publish sends a few files of the index.
//
// Dictionaries, d/ and f.bin are gzip-compressed whole (the script
// decompresses them with the browser's DecompressionStream), so no server
// setting is needed for the index to travel small; in the packs each
// part of a posting of deflateAt bytes or more is raw-deflate compressed
// on its own (the smaller are not worth the time), so that a range holds
// whole compressed parts.
//
// All numbers are unsigned LEB128 varints. A dictionary is
//
//	count
//	count × entry
//
// and its tokens' postings follow one another in its pack, in that order. An
// entry is: key length, key UTF-8, pages holding it, kind (1: unigram),
// then for a unigram the length of its one part, and otherwise the
// lengths of its page list and head list, the number of blocks, and
// either the length of the one block or, for each, its pages and length.
// A length is given doubled, plus 1 when the part is deflated. The parts
// of a token's posting, in this order:
//
//	pages   each page less the previous one (the first as is); a unigram
//	        adds, after each, 1 when it is in the title or 文号, else 0
//	        (no count: the script ranks by places, which a unigram has
//	        none of, and a character on nine pages of ten then costs
//	        little, its list deflated)
//	head    the pages with places in the title, 文号 or 索引号: the page
//	        less the previous such page (the first as is), the number of
//	        places, each place less the previous (the first as is)
//	blocks  for each page of the page list, in order: its number of body
//	        places, each less the previous (the first less head); cut
//	        from the newest page back, a block holds blockSize bytes or
//	        more, but for the oldest
//
// Pages are numbered oldest first (numbered): a new page takes the next
// number and every other page keeps its own, so that adding a page, the
// commonest change, leaves the postings of the tokens it does not hold,
// and the files of the other pages' lines, as they were.
//
// A page's places are counted in characters: its title, 文号 and 索引号
// (one line each) from 0, cut at head characters, and its body from head,
// so a place tells the title from the body.
package search

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"gongkai/internal/cores"
)

const (
	head      = 256     // places of the title, 文号 and 索引号; the body starts here
	chunk     = 32      // pages per d/K.bin
	dictSize  = 2 << 10 // bytes of entries a dictionary is made to hold
	blockSize = 4 << 10 // bytes of places a block holds before it closes
	deflateAt = 256     // a part this long or longer is deflated, when that makes it smaller
)

// Doc is a published page as the index knows it.
type Doc struct {
	URL, Title, Date, Column, DocNo, IndexNo, Topic string
	Year                                            int
	Body                                            string // the text readers see (see Build)
}

// File is one file of the index.
type File struct {
	Path string // under search/
	Data []byte
	Sum  [32]byte // Data's SHA-256: the caller need not hash it again
	had  bool     // the caller has it (Index.Have): no Data
}

// posting is one token's pages and places, being encoded in the parts
// the package doc describes.
type posting struct {
	pages []byte
	head  []byte
	body  []byte // each page's body places; cut into blocks when encoded

	df, first, last    int // pages holding the token, the first, the last added
	hdf, hfirst, hlast int // the same for the head list
}

func (p *posting) addDoc(doc int) {
	p.pages = appendDoc(p.pages, doc, p.df, p.last)
	if p.df == 0 {
		p.first = doc
	}
	p.df++
	p.last = doc
}

// appendDoc appends doc to a list of n pages ending with last: as is if
// it is the first, else less last.
func appendDoc(b []byte, doc, n, last int) []byte {
	if n == 0 {
		return binary.AppendUvarint(b, uint64(doc))
	}
	return binary.AppendUvarint(b, uint64(doc-last))
}

// part is what one worker indexed: a run of pages, in order.
type part struct {
	bigrams  map[uint64]*posting
	unigrams map[rune]*posting
	words    map[string]*posting
}

// sizes are how the work is cut (the index is the same however it is
// cut); tests make them small, to join many parts and runs.
var sizes = struct {
	part  int // pages one worker indexes into one part; 0: a batch's share of a core
	batch int // pages whose postings are made in memory at a time (a run); 0: batchSize's
	mark  int // records a run's mark stands for; 0: markEvery
}{}

// SetBatch makes the index's runs of n pages each (0: the size
// batchSize gives), and returns the number it was: for tests, here and in
// package build, of many runs on a small site.
func SetBatch(n int) int {
	was := sizes.batch
	sizes.batch = n
	return was
}

// batchSize is the pages of a batch for an index of n pages: 2,048, or
// more where that makes more than 64 runs, doubled up to 8,192. A
// one-page edit indexes its batch again (at 100,000 pages, 0.9 s of CPU
// in batches of 8,192; 3.7 s in 32,768), but the merge reads every run
// at once, each token's records from all of them; and a batch's postings
// are in memory while it is indexed, which at a million pages is near
// the build's limit (README). A site that grows past a doubling indexes
// every batch again, once.
func batchSize(n int) int {
	if sizes.batch > 0 {
		return sizes.batch
	}
	b := 1 << 11
	for n > 64*b && b < 1<<13 {
		b *= 2
	}
	return b
}

// Pages are the pages an index is made of, newest first: among pages
// that match a query equally well, the script lists the newer first.
// Build asks for each page's text once, when it indexes the page, so
// that a caller need not hold every text (or every Doc) at once.
type Pages interface {
	Len() int
	Doc(i int) Doc     // page i, its Body not needed
	Text(i int) string // page i's body text
}

// Docs are pages held in memory, each with its Body.
type Docs []Doc

func (d Docs) Len() int          { return len(d) }
func (d Docs) Doc(i int) Doc     { return d[i] }
func (d Docs) Text(i int) string { return d[i].Body }

// Layout is what of an index the page that searches it may name, so that
// its script can ask for a query's dictionaries without waiting for
// index.json, which says the same.
type Layout struct {
	Version string // changes with any byte of the index
	Dicts   int    // the number of dictionaries
}

// Runs keeps the runs of one build for the next (package build's cache).
// Pages are indexed a batch at a time, the batches counted from the
// oldest page, and a run numbers its pages from the batch's first: a new
// page changes only the newest batch, an edited page only its own, and a
// batch whose pages all have the titles, 文号, 索引号 and texts they had
// (key) is read back instead of indexed again.
type Runs interface {
	Sum(i int) [32]byte                          // the SHA-256 of page i's text, known without reading it
	Open(key [32]byte) (*io.SectionReader, bool) // the run kept under key, checked whole
	Keep(key [32]byte, run io.Reader)            // keeps a run under key
}

// Build makes the index of docs and returns its layout; kept, when not
// nil, gives the runs of the last build and keeps this one's. Each file
// of the index is given to emit as it is made, and index.json last; after
// emit's first error Build gives it no more files, and returns that error.
func Build(docs Pages, kept Runs, emit func(File) error) (Layout, error) {
	x := NewIndex(docs, kept)
	defer x.Close()
	return x.Write(emit)
}

// Index is an index being made, for a caller that has the pages' texts a
// batch at a time: Add makes each batch's run as soon as its texts are
// there (package build adds a batch as the render workers finish its
// pages, so that the index is made while the pages are), and Write makes
// the runs of the batches not added yet and merges them all into the
// index's files. Build is NewIndex, then Write.
//
// Memory does not grow with the site: the postings of batchSize pages at
// a time are made in memory and spilled, sorted, as a run (spill.go);
// the runs are then merged a range of hashes at a time into the
// dictionaries and packs.
type Index struct {
	// Have, when set, is offered each file Write would make the same
	// as the last build did (its Path and Sum; no Data), and reports
	// whether the caller has it in place: those are not made, nor given
	// to emit. A build cache sets it.
	Have func(File) bool

	docs numbered
	kept Runs
	sp   *spill
	runs []run // in the order added: the newest batch's first
	ends []int // Batches(docs.Len())
}

// NewIndex starts the index of docs; kept is as for Build. Close it.
func NewIndex(docs Pages, kept Runs) *Index {
	return &Index{docs: numbered{docs}, kept: kept, sp: newSpill(), ends: Batches(docs.Len())}
}

// numbered are the pages by their numbers in the index: the oldest is 0,
// the newest last, the reverse of the order Pages gives them in.
type numbered struct{ Pages }

// place is the place of page k in the Pages given, newest first.
func (p numbered) place(k int) int   { return p.Len() - 1 - k }
func (p numbered) Doc(k int) Doc     { return p.Pages.Doc(p.place(k)) }
func (p numbered) Text(k int) string { return p.Pages.Text(p.place(k)) }

// Batches returns where each batch of n pages ends, in the order Add
// takes them: the batches are counted from the oldest page, so only the
// first, the newest, is short.
func Batches(n int) []int {
	var ends []int
	for to, size := batchEnd(n), batchSize(n); to <= n && n > 0; to += size {
		ends = append(ends, to)
	}
	return ends
}

// Add makes the run of the next batch, asking docs for its texts, or
// reads it back from kept.
func (x *Index) Add() {
	end, start := 0, x.ends[len(x.runs)] // its places in Pages, newest first
	if len(x.runs) > 0 {
		end = x.ends[len(x.runs)-1]
	}
	n := x.docs.Len()
	from, to := n-start, n-end // its pages' numbers
	var k [32]byte
	if x.kept != nil {
		k = runKey(x.docs, x.kept, from, to)
		if r, ok := readRun(x.kept, k, from); ok {
			x.runs = append(x.runs, r)
			return
		}
	}
	per := sizes.part
	if per == 0 {
		// One part per core: each part holds its own copy of the
		// common tokens, so no more parts than keep the cores busy.
		per = (to - from + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	}
	parts := make([]*part, (to-from+per-1)/per)
	cores.Each(len(parts), func(i int) {
		p := &part{bigrams: map[uint64]*posting{}, unigrams: map[rune]*posting{}, words: map[string]*posting{}}
		p.index(x.docs, from, from+i*per, min(from+(i+1)*per, to))
		parts[i] = p
	})
	r := x.sp.writeRun(merge(parts), from)
	if x.kept != nil {
		r.key = k
		x.sp.keepRun(x.kept, k, r)
	}
	x.runs = append(x.runs, r)
}

// Write adds the batches not added yet, then merges the runs of every
// batch into the index's files, given to emit as for Build.
func (x *Index) Write(emit func(File) error) (Layout, error) {
	for len(x.runs) < len(x.ends) {
		x.Add()
	}
	sp := x.sp
	runs := slices.Clone(x.runs)
	slices.Reverse(runs) // in the order of their pages' numbers
	var old *memo
	var was []dictSums // the last build's dictionaries
	if x.kept != nil {
		old = readMemo(x.kept, runs)
		if old != nil && x.Have != nil {
			was = old.dicts(x.kept)
		}
	}
	sections, size, remerged := sp.mergeRuns(runs, old)
	if sp.err != nil {
		return Layout{}, sp.err
	}
	// The memo is kept, and the pages' lines made, while the
	// dictionaries are: each of the three is mostly one core's work.
	var kept sync.WaitGroup
	defer kept.Wait() // before the spill it reads is closed
	if x.kept != nil && !old.same() {
		kept.Go(func() { sp.keepMemo(x.kept, runs, sections) })
	}
	w := &writer{emit: emit, have: x.Have, version: sha256.New(), sums: map[string][32]byte{}}
	m := manifest{Docs: x.docs.Len(), Dicts: max(1, (size+dictSize-1)/dictSize), Chunk: chunk, Head: head,
		Columns: []string{}, Topics: []string{}, Years: [][3]int{}}
	var lines lineSums // the last build's
	if x.kept != nil && x.Have != nil {
		lines = readLines(x.kept)
	}
	pages := make(chan []line, 1)
	go func() { pages <- makeLines(x.docs, &m, lines) }()
	var same []*dictSums // of each dictionary the same as the last build's, its sums
	if len(was) == m.Dicts {
		same = make([]*dictSums, m.Dicts)
		for k := range was {
			same[k] = &was[k]
		}
		for _, h := range remerged {
			same[dict(h, m.Dicts)] = nil
		}
	}
	sp.writeDicts(sections, m.Dicts, same, w)
	w.flush()
	now := lineSums{}
	for _, l := range <-pages {
		f := l.File
		switch {
		case l.was && w.have != nil && w.have(File{Path: f.Path, Sum: l.sum}):
			f = File{Path: f.Path, Sum: l.sum, had: true}
		case l.was: // the caller has it no more
			one := []File{f}
			compress(one)
			f = one[0]
		}
		now[l.raw] = f.Sum
		w.emitAll([]File{f})
	}
	if sp.err != nil {
		return Layout{}, sp.err
	}
	kept.Wait() // Runs are kept one at a time
	if x.kept != nil && !maps.Equal(now, lines) {
		keepLines(x.kept, now)
	}
	if x.kept != nil && (!old.same() || was == nil) {
		dicts := make([]dictSums, m.Dicts)
		for k := range dicts {
			dicts[k] = dictSums{w.sums[fmt.Sprintf("t/%d.bin", k)], w.sums[fmt.Sprintf("p/%d.bin", k)]}
		}
		keepDicts(x.kept, runs, dicts)
	}
	m.Version = fmt.Sprintf("%x", w.version.Sum(nil)[:8])
	if w.err != nil {
		return Layout{}, w.err
	}
	// Not through w: the manifest is read as it is, and is not part of
	// the version it gives.
	data, _ := json.Marshal(m)
	if err := emit(File{Path: "index.json", Data: data, Sum: sha256.Sum256(data)}); err != nil {
		return Layout{}, err
	}
	return Layout{Version: m.Version, Dicts: m.Dicts}, nil
}

// Kept gives the keys under which the runs and the memo this index was
// made of are kept (Runs), once written: what the next build may read.
func (x *Index) Kept() [][32]byte {
	if x.kept == nil {
		return nil
	}
	keys := [][32]byte{memoKey, dictsKey, linesKey}
	for _, r := range x.runs {
		keys = append(keys, r.key)
	}
	return keys
}

// Close lets the runs' temporary file go.
func (x *Index) Close() { x.sp.close() }

// term is a token with its whole posting.
type term struct {
	hash    uint32 // Hash(key)
	key     string
	unigram bool
	p       *posting
}

// batchEnd is where the first (newest) batch of n pages ends: the
// batches are counted from the oldest page, so only the newest is short.
func batchEnd(n int) int {
	if r := n % batchSize(n); r > 0 {
		return r
	}
	return min(batchSize(n), n)
}

// runFormat changes when a run's records do.
const runFormat = "gongkai search run 3\n"

// runKey stands for what the run of pages numbered from to to-1 is made
// of: their number, and each one's head (headText) and text, in order.
func runKey(docs numbered, kept Runs, from, to int) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s%d\n", runFormat, to-from)
	for i := from; i < to; i++ {
		d := docs.Doc(i)
		ht := headText(&d)
		fmt.Fprintf(h, "%d:%s", len(ht), ht)
		sum := kept.Sum(docs.place(i))
		h.Write(sum[:])
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// index adds pages from to to-1, numbered from base (the run's first).
func (p *part) index(docs Pages, base, from, to int) {
	type places struct {
		key uint64
		at  []int32
	}
	var pos []places
	idx := newTable()
	type count struct {
		r    rune
		head bool
	}
	// A page's unigrams, and for the common Han characters a direct index
	// into them (slot+1), cleared after each page.
	var uni []count
	direct := make([]int32, 0xA000-0x3400)
	other := map[rune]int32{}
	var words []places
	wordKeys := []string{}
	widx := map[string]int{}
	inHead := false
	bigram := func(a, c rune, at int) {
		k := uint64(a)<<32 | uint64(c)
		i, ok := idx.get(k)
		if !ok {
			i = idx.n - 1
			if i < len(pos) {
				pos[i].key, pos[i].at = k, pos[i].at[:0]
			} else {
				pos = append(pos, places{key: k})
			}
		}
		pos[i].at = append(pos[i].at, int32(at))
	}
	unigram := func(r rune) {
		var slot *int32
		if r >= 0x3400 && r < 0xA000 {
			slot = &direct[r-0x3400]
		} else {
			s := other[r]
			slot = &s
			defer func() { other[r] = s }()
		}
		if *slot == 0 {
			uni = append(uni, count{r: r})
			*slot = int32(len(uni))
		}
		c := &uni[*slot-1]
		c.head = c.head || inHead
	}
	word := func(w []byte, at int) {
		i, ok := widx[string(w)]
		if !ok {
			i = len(widx)
			widx[string(w)] = i
			if i < len(words) {
				words[i].at = words[i].at[:0]
				wordKeys[i] = string(w)
			} else {
				words = append(words, places{})
				wordKeys = append(wordKeys, string(w))
			}
		}
		words[i].at = append(words[i].at, int32(at))
	}
	for doc := from; doc < to; doc++ {
		d := docs.Doc(doc)
		idx.clear()
		for _, c := range uni {
			if c.r >= 0x3400 && c.r < 0xA000 {
				direct[c.r-0x3400] = 0
			}
		}
		uni = uni[:0]
		clear(other)
		clear(widx)
		inHead = true
		cut(headText(&d), 0, bigram, unigram, word)
		inHead = false
		cut(docs.Text(doc), head, bigram, unigram, word)
		for i := range idx.n {
			pl := p.bigrams[pos[i].key]
			if pl == nil {
				pl = &posting{}
				p.bigrams[pos[i].key] = pl
			}
			pl.addPlaces(doc-base, pos[i].at)
		}
		for i := range len(widx) {
			pl := p.words[wordKeys[i]]
			if pl == nil {
				pl = &posting{}
				p.words[wordKeys[i]] = pl
			}
			pl.addPlaces(doc-base, words[i].at)
		}
		for _, c := range uni {
			pl := p.unigrams[c.r]
			if pl == nil {
				pl = &posting{}
				p.unigrams[c.r] = pl
			}
			pl.addDoc(doc - base)
			v := byte(0)
			if c.head {
				v = 1
			}
			pl.pages = append(pl.pages, v)
		}
	}
}

// table numbers the bigrams of one page: an open-addressed hash table
// from key to number, emptied in one step (a new generation) per page, as
// Go's maps cost several times as much for the millions of lookups of a
// large site.
type table struct {
	keys []uint64
	vals []int32
	gens []uint32
	gen  uint32
	n    int // keys in the table this generation; the numbers are 0 to n-1
}

func newTable() *table {
	const size = 1 << 12
	return &table{keys: make([]uint64, size), vals: make([]int32, size), gens: make([]uint32, size), gen: 1}
}

func (t *table) clear() {
	t.gen++
	t.n = 0
}

// get returns k's number, giving it the next one (n-1 after) if it had none.
func (t *table) get(k uint64) (int, bool) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> 20 & mask; ; i = (i + 1) & mask {
		if t.gens[i] != t.gen {
			t.keys[i], t.vals[i], t.gens[i] = k, int32(t.n), t.gen
			t.n++
			return t.n - 1, false
		}
		if t.keys[i] == k {
			return int(t.vals[i]), true
		}
	}
}

func (t *table) grow() {
	old := *t
	size := 2 * len(old.keys)
	t.keys, t.vals, t.gens, t.n = make([]uint64, size), make([]int32, size), make([]uint32, size), 0
	for i, g := range old.gens {
		if g == old.gen {
			t.put(old.keys[i], old.vals[i])
		}
	}
}

func (t *table) put(k uint64, v int32) {
	mask := uint64(len(t.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> 20 & mask; ; i = (i + 1) & mask {
		if t.gens[i] != t.gen {
			t.keys[i], t.vals[i], t.gens[i] = k, v, t.gen
			t.n++
			return
		}
	}
}

// addPlaces adds a page and its places, in order: those below head to
// the head list, the others to the open block.
func (p *posting) addPlaces(doc int, at []int32) {
	p.addDoc(doc)
	nh := 0
	for nh < len(at) && at[nh] < head {
		nh++
	}
	if nh > 0 {
		p.head = appendDoc(p.head, doc, p.hdf, p.hlast)
		if p.hdf == 0 {
			p.hfirst = doc
		}
		p.hdf++
		p.hlast = doc
		p.head = binary.AppendUvarint(p.head, uint64(nh))
		prev := int32(0)
		for _, a := range at[:nh] {
			p.head = binary.AppendUvarint(p.head, uint64(a-prev))
			prev = a
		}
	}
	p.body = binary.AppendUvarint(p.body, uint64(len(at)-nh))
	prev := int32(head)
	for _, a := range at[nh:] {
		p.body = binary.AppendUvarint(p.body, uint64(a-prev))
		prev = a
	}
}

// join appends the posting of the pages after t's, as another worker
// (or batch) indexed them, numbered from off: each list's first page,
// written as is, becomes a difference.
func (t *posting) join(q *posting, off int) {
	_, n := binary.Uvarint(q.pages)
	t.pages = appendDoc(t.pages, q.first+off, t.df, t.last)
	t.pages = append(t.pages, q.pages[n:]...)
	t.df += q.df
	t.last = q.last + off
	if q.hdf > 0 {
		_, n := binary.Uvarint(q.head)
		t.head = appendDoc(t.head, q.hfirst+off, t.hdf, t.hlast)
		t.head = append(t.head, q.head[n:]...)
		if t.hdf == 0 {
			t.hfirst = q.hfirst + off
		}
		t.hdf += q.hdf
		t.hlast = q.hlast + off
	}
	t.body = append(t.body, q.body...)
}

// reserve makes room in t for the postings qs, to be joined one after
// another: one allocation per list, not one per join as the lists grow.
func (t *posting) reserve(qs []*posting) {
	pages, head, body := 0, 0, 0
	for _, q := range qs {
		pages += len(q.pages) + binary.MaxVarintLen64
		if len(q.head) > 0 {
			head += len(q.head) + binary.MaxVarintLen64
		}
		body += len(q.body)
	}
	t.pages = slices.Grow(t.pages, pages)
	t.head = slices.Grow(t.head, head)
	t.body = slices.Grow(t.body, body)
}

// shift numbers t's pages from off, as the first of a run that counts
// from there.
func (t *posting) shift(off int) {
	if off == 0 {
		return
	}
	t.pages = shiftFirst(t.pages, t.first+off)
	t.first, t.last = t.first+off, t.last+off
	if t.hdf > 0 {
		t.head = shiftFirst(t.head, t.hfirst+off)
		t.hfirst, t.hlast = t.hfirst+off, t.hlast+off
	}
}

// shiftFirst is list b with its first number (written as is) made v.
func shiftFirst(b []byte, v int) []byte {
	_, n := binary.Uvarint(b)
	out := binary.AppendUvarint(make([]byte, 0, len(b)+binary.MaxVarintLen64), uint64(v))
	return append(out, b[n:]...)
}

// blocks cuts body places into blocks, appended to bl as (pages, end in
// body), oldest first: a block holds blockSize bytes or more, but for the
// oldest, cut from the newest page back, as the script settles a
// phrase's newest pages first, and a short block there would cost a
// round of requests more. ends is scratch room for the pages' ends. Cut
// when encoded, not as pages are added, the blocks are the same however
// the pages were shared among parts and runs.
func blocks(body []byte, bl [][2]int, ends *[]int) [][2]int {
	e := (*ends)[:0]
	for i := 0; i < len(body); {
		// A page's places: their number, then each place. Most numbers
		// and places are one byte.
		n := uint64(body[i])
		if n < 0x80 {
			i++
		} else {
			var w int
			n, w = binary.Uvarint(body[i:])
			i += max(w, 1)
		}
		for ; n > 0 && i < len(body); i++ {
			if body[i] < 0x80 {
				n--
			}
		}
		e = append(e, i)
	}
	*ends = e
	from := len(bl)
	end, last := len(body), len(e)-1 // the block being cut: its end, its newest page
	for j := len(e) - 1; j >= 0; j-- {
		start := 0
		if j > 0 {
			start = e[j-1]
		}
		if end-start >= blockSize || j == 0 {
			bl = append(bl, [2]int{last - j + 1, end})
			end, last = start, j-1
		}
	}
	slices.Reverse(bl[from:])
	return bl
}

// headText is what a page's places 0 to head-1 hold.
func headText(d *Doc) string {
	s := d.Title + "\n" + d.DocNo + "\n" + d.IndexNo
	if utf8.RuneCountInString(s) >= head {
		r := []rune(s)
		s = string(r[:head-1])
	}
	return s
}

// merge joins the parts' postings, in the order of their pages, and
// sorts them by hash, then key: the order of a run (spill.go).
func merge(parts []*part) []term {
	all := map[string]*term{}
	add := func(key string, unigram bool, p *posting) {
		if t := all[key]; t != nil {
			t.p.reserve([]*posting{p})
			t.p.join(p, 0)
		} else {
			all[key] = &term{hash: Hash(key), key: key, unigram: unigram, p: p}
		}
	}
	var buf [2 * utf8.UTFMax]byte
	for _, pt := range parts {
		for k, p := range pt.bigrams {
			n := utf8.EncodeRune(buf[:], rune(k>>32))
			n += utf8.EncodeRune(buf[n:], rune(k&0xFFFFFFFF))
			add(string(buf[:n]), false, p)
		}
		for r, p := range pt.unigrams {
			add(string(r), true, p)
		}
		for w, p := range pt.words {
			add(w, false, p)
		}
	}
	terms := make([]term, 0, len(all))
	for _, t := range all {
		terms = append(terms, *t)
	}
	slices.SortFunc(terms, func(a, c term) int {
		if a.hash != c.hash {
			return cmp.Compare(a.hash, c.hash)
		}
		return strings.Compare(a.key, c.key) // only then: cmp.Or would compare every pair's keys
	})
	return terms
}

// Hash is a key's 32-bit FNV-1a of its UTF-8, which says which
// dictionary holds it (dict).
func Hash(key string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32()
}

// dict is the dictionary of n that holds the keys of hash h: ⌊h × n / 2³²⌋,
// so that each dictionary holds a range of hashes, and the runs, sorted by
// hash, are merged into them in order.
func dict(h uint32, n int) int {
	return int(uint64(h) * uint64(n) >> 32)
}

// manifest is index.json.
type manifest struct {
	Version string   `json:"version"`
	Docs    int      `json:"docs"`
	Dicts   int      `json:"dicts"`
	Chunk   int      `json:"chunk"`
	Head    int      `json:"head"`
	Columns []string `json:"columns"`
	Topics  []string `json:"topics"`
	Years   [][3]int `json:"years"` // year, first page, last page
}

// writer hands the index's files to emit in order, the dictionaries and
// the pages' lines gzip-compressed and every file summed on all cores a
// batch at a time, and hashes their sums for the manifest's version. A
// file the caller has as the last build made it (Index.Have) is only
// named, with its sum.
type writer struct {
	emit    func(File) error
	have    func(File) bool
	version hash.Hash // of each file's path and SHA-256, in order
	sums    map[string][32]byte
	pending []File
	err     error
}

func (w *writer) add(f File) {
	w.pending = append(w.pending, f)
	if len(w.pending) >= 512 {
		w.flush()
	}
}

// had names a file the caller has (Index.Have).
func (w *writer) had(path string, sum [32]byte) {
	w.add(File{Path: path, Sum: sum, had: true})
}

func (w *writer) flush() {
	compress(w.pending)
	w.emitAll(w.pending)
	w.pending = w.pending[:0]
}

// emitAll hands files, compressed and summed, to emit.
func (w *writer) emitAll(files []File) {
	for _, f := range files {
		w.version.Write([]byte(f.Path))
		w.version.Write(f.Sum[:])
		if w.sums != nil {
			w.sums[f.Path] = f.Sum
		}
		if w.err == nil && !f.had {
			w.err = w.emit(f)
		}
	}
}

// line is a file of the pages' lines (or f.bin), compressed and summed,
// or, when it is as the last build made it (was), its bytes uncompressed
// and the last build's compressed file's sum.
type line struct {
	File
	raw [32]byte // the SHA-256 of its bytes uncompressed
	sum [32]byte // when was
	was bool
}

// makeLines makes the pages' lines, 32 to a file, and their columns and
// topics as numbers for the filters (f.bin), fills in m's columns, topics
// and years, and compresses each file but those it finds in last.
func makeLines(docs Pages, m *manifest, last lineSums) []line {
	var files []line
	add := func(path string, data []byte) {
		l := line{File: File{Path: path, Data: data}, raw: sha256.Sum256(data)}
		l.sum, l.was = last[l.raw]
		files = append(files, l)
	}
	colNo, topicNo := map[string]int{}, map[string]int{}
	number := func(names *[]string, no map[string]int, s string) int {
		i, ok := no[s]
		if !ok {
			i = len(*names)
			no[s] = i
			*names = append(*names, s)
		}
		return i
	}
	n := docs.Len()
	facets := make([]byte, 0, 2*n)
	for from := 0; from < n; from += chunk {
		var rows [][]any
		for i := from; i < min(from+chunk, n); i++ {
			d := docs.Doc(i)
			c, t := number(&m.Columns, colNo, d.Column), number(&m.Topics, topicNo, d.Topic)
			facets = append(facets, byte(min(c, 255)), byte(min(t, 255)))
			rows = append(rows, []any{d.URL, d.Title, d.Date, c, d.DocNo, t})
			if n := len(m.Years); n > 0 && m.Years[n-1][0] == d.Year {
				m.Years[n-1][2] = i
			} else {
				m.Years = append(m.Years, [3]int{d.Year, i, i})
			}
		}
		data, _ := json.Marshal(rows)
		add(fmt.Sprintf("d/%d.bin", from/chunk), data)
	}
	add("f.bin", facets)
	var fresh []File
	for _, l := range files {
		if !l.was {
			fresh = append(fresh, l.File)
		}
	}
	compress(fresh)
	for i := range files {
		if !files[i].was {
			files[i].File, fresh = fresh[0], fresh[1:]
		}
	}
	return files
}

// lineSums are, for each file of the pages' lines (and f.bin), the
// SHA-256 of its bytes → that of the file compressed: a file whose bytes
// are the last build's is not compressed again, if the caller has it
// (Index.Have).
type lineSums map[[32]byte][32]byte

// linesKey is where they are kept: pairs of sums, one after another.
var linesKey = sha256.Sum256([]byte("gongkai search lines 1"))

func keepLines(kept Runs, sums lineSums) {
	b := make([]byte, 0, 64*len(sums))
	for _, raw := range slices.SortedFunc(maps.Keys(sums), func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) }) {
		sum := sums[raw]
		b = append(append(b, raw[:]...), sum[:]...)
	}
	kept.Keep(linesKey, bytes.NewReader(b))
}

func readLines(kept Runs) lineSums {
	f, ok := kept.Open(linesKey)
	if !ok {
		return nil
	}
	b, err := io.ReadAll(f)
	if err != nil || len(b)%64 != 0 {
		return nil
	}
	sums := make(lineSums, len(b)/64)
	for ; len(b) > 0; b = b[64:] {
		sums[[32]byte(b[:32])] = [32]byte(b[32:64])
	}
	return sums
}

// compress gzips every file but the packs, on all cores, and sums
// them all (File.Sum). The header carries no name or time, so the output
// depends only on the input.
func compress(files []File) {
	type gzipper struct {
		buf bytes.Buffer
		zw  *gzip.Writer
	}
	start := func() *gzipper {
		z := &gzipper{}
		// BestSpeed: 1% larger than the default level on an index, at a
		// third of the time (measured on the 10,000-page corpus).
		z.zw, _ = gzip.NewWriterLevel(&z.buf, gzip.BestSpeed)
		return z
	}
	cores.EachWith(len(files), start, func(z *gzipper, j int) {
		// Packs are read by ranges: their parts are deflated one by one.
		if files[j].had {
			return
		}
		if !strings.HasPrefix(files[j].Path, "p/") {
			z.buf.Reset()
			z.zw.Reset(&z.buf)
			z.zw.Write(files[j].Data)
			z.zw.Close()
			files[j].Data = bytes.Clone(z.buf.Bytes())
		}
		files[j].Sum = sha256.Sum256(files[j].Data)
	})
}

// encode appends t's dictionary entry to e and its posting to p.
func (t *term) encode(e, p []byte, z *deflater) ([]byte, []byte) {
	q := t.p
	kind := 0
	if t.unigram {
		kind = 1
	}
	// part appends b to p, deflated when that makes it smaller, and
	// returns its length, doubled, plus 1 when deflated.
	part := func(b []byte) int {
		if len(b) >= deflateAt {
			n := len(p)
			p = z.append(p, b)
			if len(p)-n < len(b) {
				return 2*(len(p)-n) + 1
			}
			p = p[:n]
		}
		p = append(p, b...)
		return 2 * len(b)
	}
	e = binary.AppendUvarint(e, uint64(len(t.key)))
	e = append(e, t.key...)
	e = binary.AppendUvarint(e, uint64(q.df))
	e = binary.AppendUvarint(e, uint64(kind))
	e = binary.AppendUvarint(e, uint64(part(q.pages)))
	z.blocks = z.blocks[:0]
	if t.unigram {
		return e, p
	}
	e = binary.AppendUvarint(e, uint64(part(q.head)))
	z.blocks = blocks(q.body, z.blocks, &z.ends)
	e = binary.AppendUvarint(e, uint64(len(z.blocks)))
	from := 0
	for _, b := range z.blocks {
		if len(z.blocks) > 1 {
			e = binary.AppendUvarint(e, uint64(b[0]))
		}
		e = binary.AppendUvarint(e, uint64(part(q.body[from:b[1]])))
		from = b[1]
	}
	return e, p
}

// deflater compresses parts of postings, one raw deflate stream each;
// it is an encoding worker's state. It codes the bytes with Huffman codes
// alone, no repeats looked for, in klauspost/compress's deflate, not the
// standard library's: postings' varints have few repeats to find, and a
// part is small, so the time goes into making each part's codes, which
// the standard library does in 30 µs and klauspost in 8 (parts of the
// 10,000-page corpus: 3% larger than the standard library's BestSpeed,
// at a quarter of its time).
type deflater struct {
	blocks [][2]int // the blocks of the posting being encoded
	ends   []int    // its pages' ends in its body places (blocks)
	w      *flate.Writer
	buf    bytes.Buffer
}

func (z *deflater) append(dst, b []byte) []byte {
	z.buf.Reset()
	if z.w == nil {
		z.w, _ = flate.NewWriter(&z.buf, flate.HuffmanOnly)
	} else {
		z.w.Reset(&z.buf)
	}
	z.w.Write(b)
	z.w.Close()
	return append(dst, z.buf.Bytes()...)
}
