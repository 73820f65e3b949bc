// Package search makes the index that a site's /search/ page queries in
// the browser, with no server: Chinese without a dictionary, as
// overlapping bigrams with their positions (segment.go), so any run of two
// or more characters is found, and a phrase only where its bigrams sit
// side by side in order.
//
// Build takes the published pages, newest first, and returns the files of
// the index, all under search/:
//
//	index.json    the manifest: the number of pages and of shards, the
//	              columns, 主题分类 and years (each year a range of page
//	              numbers, as pages are numbered newest first), and a
//	              version that changes with any byte of the index, which
//	              the script adds to every fetch so a cache never mixes two
//	              builds
//	s/K.bin       shard K: the tokens whose FNV-1a hash is K modulo the
//	              number of shards, with their postings
//	b/K.bin       the postings of one token too large to share a shard
//	d/K.bin       pages 64K to 64K+63: URL, title, date, column, 文号, 主题分类
//	f.bin         each page's column and 主题分类, for the filters
//
// Every .bin file is gzip-compressed (the script decompresses it with the
// browser's DecompressionStream), so no server setting is needed for the
// index to travel small. A shard is made to hold about shardSize bytes
// before compression; a token whose postings exceed bigSize gets a file
// of its own, so a query fetches the shards of its tokens and the large
// postings it needs, and the number of files is bounded by the size of
// the index, not by the number of pages.
//
// A shard is a list of tokens, sorted, then the postings of those stored
// in it, one after another. All numbers are unsigned LEB128 varints:
//
//	count
//	count × (key length, key UTF-8, pages holding it, kind, [big file], posting length)
//	the postings of the tokens of kind 0 and 1, in that order
//
// Kind 0 is a bigram or word, its posting for each page holding it: the
// page number less the previous one (the first as is), the number of
// places, and each place less the previous one (the first as is). Kind 1
// is a unigram: the page difference, then twice its count plus 1 when it
// is in the title or 文号. Kinds 2 and 3 are 0 and 1 stored in b/F.bin.
//
// A page's places are counted in characters: its title, 文号 and 索引号
// (one line each) from 0, cut at head characters, and its body from head,
// so a place tells the title from the body.
package search

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

const (
	head      = 256      // places of the title, 文号 and 索引号; the body starts here
	chunk     = 64       // pages per d/K.bin
	shardSize = 32 << 10 // bytes of postings a shard is made to hold
	bigSize   = 12 << 10 // postings larger than this get a file of their own
)

// Doc is a published page as the index knows it.
type Doc struct {
	URL, Title, Date, Column, DocNo, IndexNo, Topic string
	Year                                            int
	Body                                            string // the text readers see
}

// File is one file of the index.
type File struct {
	Path string // under search/
	Data []byte
}

// posting is one token's list of pages and places, being encoded.
type posting struct {
	buf   []byte
	df    int // pages holding the token
	first int // first page
	last  int // last page added
}

func (p *posting) addDoc(doc int) {
	if p.df == 0 {
		p.first = doc
		p.buf = binary.AppendUvarint(p.buf, uint64(doc))
	} else {
		p.buf = binary.AppendUvarint(p.buf, uint64(doc-p.last))
	}
	p.df++
	p.last = doc
}

// part is what one worker indexed: a run of pages, in order.
type part struct {
	bigrams  map[uint64]*posting
	unigrams map[rune]*posting
	words    map[string]*posting
}

// Build makes the index of docs, given newest first: among pages that
// match a query equally well, the script lists the earlier first.
func Build(docs []Doc) []File {
	n := runtime.GOMAXPROCS(0)
	per := max(1, (len(docs)+n-1)/n)
	var parts []*part
	var wg sync.WaitGroup
	for from := 0; from < len(docs); from += per {
		p := &part{bigrams: map[uint64]*posting{}, unigrams: map[rune]*posting{}, words: map[string]*posting{}}
		parts = append(parts, p)
		wg.Add(1)
		go func(from, to int) {
			defer wg.Done()
			p.index(docs, from, to)
		}(from, min(from+per, len(docs)))
	}
	wg.Wait()
	terms := merge(parts)
	return write(docs, terms)
}

// term is a token with its whole posting.
type term struct {
	key     string
	unigram bool
	p       *posting
}

// index adds pages from to to-1.
func (p *part) index(docs []Doc, from, to int) {
	type places struct {
		key uint64
		at  []int32
	}
	var pos []places
	idx := newTable()
	type count struct {
		r    rune
		n    int
		head bool
	}
	// A page's unigrams: counts, and for the common Han characters a
	// direct index into them (slot+1), cleared after each page.
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
		c.n++
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
		d := &docs[doc]
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
		cut(headText(d), 0, bigram, unigram, word)
		inHead = false
		cut(d.Body, head, bigram, unigram, word)
		for i := range idx.n {
			pl := p.bigrams[pos[i].key]
			if pl == nil {
				pl = &posting{}
				p.bigrams[pos[i].key] = pl
			}
			pl.addPlaces(doc, pos[i].at)
		}
		for i := range len(widx) {
			pl := p.words[wordKeys[i]]
			if pl == nil {
				pl = &posting{}
				p.words[wordKeys[i]] = pl
			}
			pl.addPlaces(doc, words[i].at)
		}
		for _, c := range uni {
			pl := p.unigrams[c.r]
			if pl == nil {
				pl = &posting{}
				p.unigrams[c.r] = pl
			}
			pl.addDoc(doc)
			v := uint64(c.n) * 2
			if c.head {
				v++
			}
			pl.buf = binary.AppendUvarint(pl.buf, v)
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

func (p *posting) addPlaces(doc int, at []int32) {
	p.addDoc(doc)
	p.buf = binary.AppendUvarint(p.buf, uint64(len(at)))
	prev := int32(0)
	for _, a := range at {
		p.buf = binary.AppendUvarint(p.buf, uint64(a-prev))
		prev = a
	}
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

// merge joins the parts' postings, in the order of their pages.
func merge(parts []*part) []term {
	all := map[string]*term{}
	add := func(key string, unigram bool, p *posting) {
		t := all[key]
		if t == nil {
			all[key] = &term{key: key, unigram: unigram, p: p}
			return
		}
		// The part's first page was written as is: write it as a difference.
		_, n := binary.Uvarint(p.buf)
		t.p.buf = binary.AppendUvarint(t.p.buf, uint64(p.first-t.p.last))
		t.p.buf = append(t.p.buf, p.buf[n:]...)
		t.p.df += p.df
		t.p.last = p.last
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
	slices.SortFunc(terms, func(a, c term) int { return strings.Compare(a.key, c.key) })
	return terms
}

// Hash is the shard hash of a key: 32-bit FNV-1a of its UTF-8.
func Hash(key string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32()
}

// manifest is index.json.
type manifest struct {
	Version string   `json:"version"`
	Docs    int      `json:"docs"`
	Shards  int      `json:"shards"`
	Chunk   int      `json:"chunk"`
	Head    int      `json:"head"`
	Columns []string `json:"columns"`
	Topics  []string `json:"topics"`
	Years   [][3]int `json:"years"` // year, first page, last page
}

// write lays the postings out in files (see the package doc).
func write(docs []Doc, terms []term) []File {
	inline := 0
	for _, t := range terms {
		if len(t.p.buf) <= bigSize {
			inline += len(t.p.buf)
		}
	}
	m := manifest{Docs: len(docs), Shards: max(1, (inline+shardSize-1)/shardSize), Chunk: chunk, Head: head,
		Columns: []string{}, Topics: []string{}, Years: [][3]int{}}
	shards := make([][]*term, m.Shards)
	for i := range terms {
		k := Hash(terms[i].key) % uint32(m.Shards)
		shards[k] = append(shards[k], &terms[i])
	}
	var files []File
	var big []*term
	bigFile := map[*term]int{}
	for _, list := range shards {
		for _, t := range list {
			if len(t.p.buf) > bigSize {
				bigFile[t] = len(big)
				big = append(big, t)
			}
		}
	}
	for k, list := range shards {
		var b []byte
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, t := range list {
			b = binary.AppendUvarint(b, uint64(len(t.key)))
			b = append(b, t.key...)
			b = binary.AppendUvarint(b, uint64(t.p.df))
			kind := 0
			if t.unigram {
				kind = 1
			}
			f, isBig := bigFile[t]
			if isBig {
				kind += 2
			}
			b = binary.AppendUvarint(b, uint64(kind))
			if isBig {
				b = binary.AppendUvarint(b, uint64(f))
			}
			b = binary.AppendUvarint(b, uint64(len(t.p.buf)))
		}
		for _, t := range list {
			if _, isBig := bigFile[t]; !isBig {
				b = append(b, t.p.buf...)
			}
		}
		files = append(files, File{Path: fmt.Sprintf("s/%d.bin", k), Data: b})
	}
	for i, t := range big {
		files = append(files, File{Path: fmt.Sprintf("b/%d.bin", i), Data: t.p.buf})
	}

	// The pages: their lines, and the columns and topics as numbers.
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
	facets := make([]byte, 0, 2*len(docs))
	for from := 0; from < len(docs); from += chunk {
		var rows [][]any
		for i := from; i < min(from+chunk, len(docs)); i++ {
			d := &docs[i]
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
		files = append(files, File{Path: fmt.Sprintf("d/%d.bin", from/chunk), Data: data})
	}
	files = append(files, File{Path: "f.bin", Data: facets})
	compress(files)

	h := fnv.New64a()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write(f.Data)
	}
	m.Version = fmt.Sprintf("%x", h.Sum64())
	data, _ := json.Marshal(m)
	return append(files, File{Path: "index.json", Data: data})
}

// compress gzips every file, on all cores. The header carries no name
// or time, so the output depends only on the input.
func compress(files []File) {
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			// BestSpeed: 1% larger than the default level on an index, at a
			// third of the time (measured on the 10,000-page corpus).
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= len(files) {
					return
				}
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(files[j].Data)
				zw.Close()
				files[j].Data = bytes.Clone(buf.Bytes())
			}
		}()
	}
	wg.Wait()
}
