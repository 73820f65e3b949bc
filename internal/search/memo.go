package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"slices"
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
	src io.ReaderAt
	at  [sections][2]int64 // each section's records in src
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
	m := &memo{src: f, was: make([]run, len(runs))}
	keys := make([][32]byte, len(runs))
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
		for range 7 { // as records.nextRaw reads them
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

// asMerged reports whether token t's records in the runs are those the
// memo was merged from: in each run whose key changed, its record (raws,
// for the runs whose head is t) is the one in the run the memo names in
// its place, or neither has one.
func asMerged(t *term, heads []*term, raws [][]byte, old *memo, was []cursor) bool {
	for i, r := range old.was {
		if r.src == nil {
			continue
		}
		var now []byte
		if h := heads[i]; h != nil && h.hash == t.hash && h.key == t.key {
			now = raws[i]
		}
		then := was[i].seek(t.hash, t.key)
		if (now == nil) != (then == nil) || !bytes.Equal(now, then) {
			return false
		}
	}
	return true
}

// encoded counts the tokens merged by encoding them, not taken from the
// memo (TestMemo).
var encoded atomic.Int64
