package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"slices"
	"strings"
	"sync/atomic"
)

// A build with kept runs (Runs) keeps its merged sections too, as the
// memo: merging encodes every token's joined posting, which after a
// one-page edit is the same as the last build's for all but the tokens
// of that page (at 100,000 pages, encoding was 1.3 s of CPU each build).
// The next merge takes a token's dictionary entry and posting from the
// memo, without joining or encoding them, when its records in the runs
// are those the memo was merged from: the memo names its runs, and a run
// whose key changed is compared record by record with the run it
// replaces (still kept, under the key the memo names). The memo is used
// only when the runs are as many and numbered from the same pages: a new
// page, the newest, takes the next number and leaves the others as they
// were, but a page removed, or added with an older date, numbers every
// newer page anew.
//
// It is kept under memoKey: the runs' number, each one's key and first
// page, each section's place and length in what follows, then the merged
// sections (mergeRuns), in order.
var memoKey = sha256.Sum256([]byte("gongkai search merged sections 1"))

// memo is the last build's merge, as read back.
type memo struct {
	src  io.ReaderAt
	keys [][32]byte         // the runs it was merged from
	at   [sections][2]int64 // each section's records in src
	// was is, for each run whose key is not the memo's, the run the memo
	// was merged from in its place; the others' src is nil.
	was []run
}

// keepMemo keeps the merged sections at (in the spill) of runs as the
// memo.
func (s *spill) keepMemo(kept Runs, runs []run, at [][2]int64) {
	if s.failed() {
		return
	}
	head := binary.AppendUvarint(nil, uint64(len(runs)))
	for _, r := range runs {
		head = append(head, r.key[:]...)
		head = binary.AppendUvarint(head, uint64(r.base))
	}
	parts := []io.Reader{nil}
	off := int64(0)
	for _, a := range at {
		head = binary.AppendUvarint(head, uint64(off))
		head = binary.AppendUvarint(head, uint64(a[1]))
		parts = append(parts, io.NewSectionReader(s.f, a[0], a[1]))
		off += a[1]
	}
	head = binary.LittleEndian.AppendUint64(head, uint64(len(head)+8)) // where the sections start
	parts[0] = bytes.NewReader(head)
	kept.Keep(memoKey, io.MultiReader(parts...))
}

// readMemo is the memo kept for runs, if there is one merged from as
// many runs numbered from the same pages, and each run it names in
// place of one of runs is kept too.
func readMemo(kept Runs, runs []run) *memo {
	f, ok := kept.Open(memoKey)
	if !ok {
		return nil
	}
	head := make([]byte, min(f.Size(), int64(binary.MaxVarintLen64*(1+2*len(runs)+2*sections)+32*len(runs)+8)))
	if _, err := f.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil
	}
	r := records{b: head}
	if r.uvarint() != len(runs) {
		return nil
	}
	m := &memo{src: f, was: make([]run, len(runs)), keys: make([][32]byte, len(runs))}
	keys := m.keys
	for i := range runs {
		if len(r.b) < 32 {
			return nil
		}
		keys[i] = [32]byte(r.b[:32])
		r.b = r.b[32:]
		if base := r.uvarint(); r.err != nil || base != runs[i].base {
			return nil
		}
	}
	for k := range m.at {
		m.at[k] = [2]int64{int64(r.uvarint()), int64(r.uvarint())}
	}
	if r.err != nil || len(r.b) < 8 {
		return nil
	}
	start := int64(binary.LittleEndian.Uint64(r.b))
	end := start
	for k := range m.at {
		m.at[k][0] += start
		if m.at[k][0] < start || m.at[k][1] < 0 || m.at[k][1] > f.Size() {
			return nil // numbers too large for an int64
		}
		end = max(end, m.at[k][0]+m.at[k][1])
	}
	if start != int64(len(head)-len(r.b))+8 || end != f.Size() {
		return nil
	}
	for i, k := range keys {
		if k != runs[i].key {
			if m.was[i], ok = readRun(kept, k, runs[i].base); !ok {
				return nil
			}
		}
	}
	return m
}

// same reports whether the memo was merged from the runs it is used
// with: it is then the merge made with it, byte for byte.
func (m *memo) same() bool {
	return m != nil && !slices.ContainsFunc(m.was, func(r run) bool { return r.src != nil })
}

// cursor reads a section's records one by one, in the order of their
// hash and key: a memo's (memo set: per token its hash, the size it adds
// to the dictionaries, its entry and its posting), or a run's, read only
// as far as its key and bytes, which the memo compares.
type cursor struct {
	records
	memo bool
	hash uint32
	key  []byte
	size int    // of a memo's record
	rec  []byte // the whole record; nil at the section's end
}

// next reads the next record.
func (c *cursor) next() {
	c.rec = nil
	if len(c.b) < 4 || c.err != nil {
		return
	}
	start := c.b
	c.hash = binary.LittleEndian.Uint32(c.b)
	c.b = c.b[4:]
	if c.memo {
		c.size = c.uvarint()
		e := records{b: c.bytes()}
		c.bytes()
		if c.key = e.bytes(); e.err != nil { // an entry starts with its key
			c.err = errCorrupt
		}
	} else {
		c.key = c.bytes()
		for range 7 { // as records.next reads them
			c.uvarint()
		}
		for range 3 {
			c.bytes()
		}
	}
	if c.err == nil {
		c.rec = start[:len(start)-len(c.b)]
	}
}

// seek reads on to the record of hash h and key and returns it; nil when
// there is none, the cursor then past where it would be.
func (c *cursor) seek(h uint32, key string) []byte {
	for c.rec != nil && (c.hash < h || c.hash == h && string(c.key) < key) {
		c.next()
	}
	if c.rec != nil && c.hash == h && string(c.key) == key {
		return c.rec
	}
	return nil
}

// splice merges section k into m.out from the memo and returns what it
// adds to the size of the dictionaries, and the hashes of the tokens it
// merged again. The tokens merged again are
// those whose records differ in a run whose key changed from the run the
// memo names in its place (or that only one of the two has); their
// records in every run are looked up by the runs' marks (finder), so
// that the runs of the pages an edit did not touch are read only near
// those tokens. The others are the memo's records, as they are.
func (m *merger) splice(old *memo, k int) (size int, again []uint32) {
	var changed []token
	for i, r := range old.was {
		if r.src == nil {
			continue
		}
		now := m.runs[i]
		m.read[i] = m.s.readInto(m.read[i], now.src, now.at[k], now.at[k+1]-now.at[k])
		m.was[i] = m.s.readInto(m.was[i], r.src, r.at[k], r.at[k+1]-r.at[k])
		changed = differ(changed, m.read[i], m.was[i])
	}
	slices.SortFunc(changed, func(a, b token) int { return cmpToken(a.hash, a.key, b.hash, b.key) })
	changed = slices.CompactFunc(changed, func(a, b token) bool { return a.hash == b.hash && a.key == b.key })
	for i := range m.runs {
		m.find[i].start(m, i, k, len(changed), old.was[i].src != nil)
	}
	memo := cursor{memo: true}
	m.memo = m.s.readInto(m.memo, old.src, old.at[k][0], old.at[k][1])
	memo.b = m.memo
	memo.next()
	for memo.rec != nil || len(changed) > 0 {
		c := 1 // the memo's record is next (-1: changed[0]; 0: both)
		switch {
		case memo.rec == nil:
			c = -1
		case len(changed) > 0:
			c = cmpToken(changed[0].hash, changed[0].key, memo.hash, string(memo.key))
		}
		if c > 0 {
			m.out = append(m.out, memo.rec...)
			size += memo.size
			memo.next()
			continue
		}
		t := changed[0]
		changed = changed[1:]
		again = append(again, t.hash)
		if c == 0 {
			memo.next()
		}
		m.heads = m.heads[:0]
		found := false
		for i := range m.runs {
			h := m.find[i].find(t.hash, t.key)
			m.heads = append(m.heads, h)
			found = found || h != nil
		}
		if found { // else gone from every run
			size += m.encode(m.heads)
		}
	}
	if memo.err != nil {
		m.s.fail(memo.err) // checked whole when read (Runs.Open): a fault of this code's
	}
	for i := range m.runs {
		if m.find[i].err != nil {
			m.s.fail(m.find[i].err)
		}
	}
	return size, again
}

// token is a token's hash and key.
type token struct {
	hash uint32
	key  string
}

// cmpToken orders tokens as runs and memos hold them: by hash, then key.
func cmpToken(h1 uint32, k1 string, h2 uint32, k2 string) int {
	if h1 != h2 {
		return cmp.Compare(h1, h2)
	}
	return strings.Compare(k1, k2)
}

// differ appends to changed the tokens whose records differ between two
// versions of a run's section, or that one version has and the other
// not.
func differ(changed []token, now, was []byte) []token {
	a, b := cursor{records: records{b: now}}, cursor{records: records{b: was}}
	a.next()
	b.next()
	for a.rec != nil || b.rec != nil {
		c := -1
		switch {
		case a.rec == nil:
			c = 1
		case b.rec != nil:
			c = cmpToken(a.hash, string(a.key), b.hash, string(b.key))
		}
		switch {
		case c < 0:
			changed = append(changed, token{a.hash, string(a.key)})
			a.next()
		case c > 0:
			changed = append(changed, token{b.hash, string(b.key)})
			b.next()
		default:
			if !bytes.Equal(a.rec, b.rec) {
				changed = append(changed, token{a.hash, string(a.key)})
			}
			a.next()
			b.next()
		}
	}
	return changed
}

// finder looks up tokens in one run's section, in order: in the whole
// section read at once, when the tokens are many (or the run changed,
// and its section is read already), else in the records between the two
// marks around each token.
type finder struct {
	m        *merger
	run      int
	lo, hi   int64  // the section's place in the run's src
	marks    []mark // the section's
	whole    bool
	buf      []byte
	from, to int64 // what of the section buf holds, when not whole
	c        cursor
	err      error
}

// start readies f for section k of run i, in which n tokens are to be
// looked up; changed: the run's key changed, its section is in m.read.
func (f *finder) start(m *merger, i, k, n int, changed bool) {
	r := m.runs[i]
	*f = finder{m: m, run: i, lo: r.at[k], hi: r.at[k+1], marks: r.marks[r.markAt[k]:r.markAt[k+1]], buf: f.buf, from: -1}
	f.whole = changed || n == 0 || 2*n >= len(f.marks)
	switch {
	case changed:
		f.c = cursor{records: records{b: m.read[i]}}
		f.c.next()
	case f.whole && n > 0:
		f.buf = m.s.readInto(f.buf, r.src, f.lo, f.hi-f.lo)
		f.c = cursor{records: records{b: f.buf}}
		f.c.next()
	}
}

// find is the run's record of the token, read, or nil if it has none;
// tokens are looked up in their order.
func (f *finder) find(h uint32, key string) *term {
	if !f.whole {
		// From the last mark before h (a hash may be on two marks'
		// records) to the first after it.
		i, _ := slices.BinarySearchFunc(f.marks, h, func(m mark, h uint32) int { return cmp.Compare(m.hash, h) })
		if i == len(f.marks) && i == 0 || i == 0 && f.marks[0].hash > h {
			return nil // before the section's first record
		}
		j := i
		for j < len(f.marks) && f.marks[j].hash <= h {
			j++
		}
		from, to := int64(f.marks[max(i-1, 0)].off), f.hi-f.lo
		if j < len(f.marks) {
			to = int64(f.marks[j].off)
		}
		if from != f.from || to != f.to {
			f.buf = f.m.s.readInto(f.buf, f.m.runs[f.run].src, f.lo+from, to-from)
			f.from, f.to = from, to
		}
		f.c = cursor{records: records{b: f.buf}}
		f.c.next()
	}
	rec := f.c.seek(h, key)
	if f.c.err != nil {
		f.err = f.c.err
	}
	if rec == nil {
		return nil
	}
	r := records{b: rec}
	t := r.next()
	if r.err != nil {
		f.err = r.err
	}
	return t
}

// dictsKey is where the sums of the dictionaries and packs made with a
// memo are kept: the runs the memo was merged from, the number of
// dictionaries, and each one's and its pack's SHA-256. With as many
// dictionaries, one whose range of hashes holds no token merged again
// is the file the last build made, and its pack too: a caller that has
// them (Index.Have) keeps them, and they are not made again.
var dictsKey = sha256.Sum256([]byte("gongkai search dictionaries 1"))

// dictSums are a dictionary's SHA-256 and its pack's.
type dictSums struct{ t, p [32]byte }

// keepDicts keeps the sums of the dictionaries made from runs.
func keepDicts(kept Runs, runs []run, sums []dictSums) {
	b := binary.AppendUvarint(nil, uint64(len(runs)))
	for _, r := range runs {
		b = append(b, r.key[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(sums)))
	for _, s := range sums {
		b = append(b, s.t[:]...)
		b = append(b, s.p[:]...)
	}
	kept.Keep(dictsKey, bytes.NewReader(b))
}

// dicts is the sums of the dictionaries made with the memo's runs, if
// they are kept.
func (m *memo) dicts(kept Runs) []dictSums {
	f, ok := kept.Open(dictsKey)
	if !ok {
		return nil
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil
	}
	r := records{b: b}
	if r.uvarint() != len(m.keys) {
		return nil
	}
	for _, k := range m.keys {
		if len(r.b) < 32 || [32]byte(r.b[:32]) != k {
			return nil
		}
		r.b = r.b[32:]
	}
	n := r.uvarint()
	if r.err != nil || len(r.b) != 64*n {
		return nil
	}
	sums := make([]dictSums, n)
	for i := range sums {
		sums[i] = dictSums{[32]byte(r.b[64*i:]), [32]byte(r.b[64*i+32:])}
	}
	return sums
}

// encoded counts the tokens merged by encoding them, not taken from the
// memo (TestMemo).
var encoded atomic.Int64
