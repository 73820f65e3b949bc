package search

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sync"

	"gongkai/internal/cores"
)

// The postings of a large site do not fit in memory together: a million
// pages make gigabytes. Build makes them batchSize pages at a time (the
// batches counted from the oldest page, each numbering its pages from its
// first, so that a kept run fits the next build: Runs) and writes each
// batch's, sorted by hash then key, to a temporary file as a run: records
// one after another, the run's start of each of the sections (the hash's
// first byte) noted. Then each section is merged on
// its own, all runs' records of a key joined in the order of the runs
// (that is, of the pages), encoded as the index stores them and written
// to the file again; last, the sections are read in order and cut into
// the dictionaries, which are ranges of hashes (dict), as the merged
// total says how many there are. Even a small site's index goes through
// the file: the operating system keeps it in its cache, and the build's
// memory holds one batch's postings, not two copies of them.

const sections = 256 // ranges of hashes merged apart, on all cores

// spill is a temporary file, removed as soon as it is made (it goes when
// it is closed or the process ends, however it ends), written at its end
// and read anywhere.
type spill struct {
	mu    sync.Mutex
	f     *os.File
	named bool // not removed at once (a system that keeps open files' names): removed by close
	size  int64
	err   error // the first failure to make, write or read the file
}

func newSpill() *spill {
	s := &spill{}
	f, err := os.CreateTemp("", "gongkai-search-*")
	if err != nil {
		s.fail(err)
		return s
	}
	s.f, s.named = f, os.Remove(f.Name()) != nil
	return s
}

// fail keeps the first error.
func (s *spill) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = fmt.Errorf("search index: temporary file: %w", err)
	}
}

// failed reports whether the file could not be made, written or read.
func (s *spill) failed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f == nil || s.err != nil
}

// append writes b at the end and returns where it starts.
func (s *spill) append(b []byte) int64 {
	s.mu.Lock()
	at := s.size
	s.size += int64(len(b))
	f := s.f
	s.mu.Unlock()
	if f != nil && len(b) > 0 {
		if _, err := f.WriteAt(b, at); err != nil {
			s.fail(err)
		}
	}
	return at
}

// Write appends b: a run is written through a buffer.
func (s *spill) Write(b []byte) (int, error) {
	s.append(b)
	return len(b), nil
}

// readInto returns the n bytes at off in src (the spill or a kept run),
// read into buf, grown if need be.
func (s *spill) readInto(buf []byte, src io.ReaderAt, off, n int64) []byte {
	if n == 0 {
		return nil
	}
	b := slices.Grow(buf[:0], int(n))[:n]
	if _, err := src.ReadAt(b, off); err != nil {
		s.fail(err)
		return nil
	}
	return b
}

func (s *spill) close() {
	if s.f != nil {
		s.f.Close()
		if s.named {
			os.Remove(s.f.Name())
		}
	}
}

// run is where a run's sections lie in src (the spill, or a run kept by
// an earlier build): section k from at[k] to at[k+1]. Its pages are
// numbered from base, its first. Its marks let a merge that needs a few
// tokens' records (memo.go) read only near them: every markEvery-th
// record of each section, section k's from marks[markAt[k]] to
// marks[markAt[k+1]-1].
type run struct {
	src    io.ReaderAt
	at     [sections + 1]int64
	marks  []mark
	markAt [sections + 1]int32
	base   int
	key    [32]byte // what it was kept under (runKey), when it was
}

// mark is a record of a run's section that reading can start at: its
// hash, and its place from the section's start.
type mark struct{ hash, off uint32 }

// markEvery is how many records a mark stands for: a lookup reads about
// as many records (at 100,000 pages, a run's marks are about 1% of it).
const markEvery = 32

// keepRun gives run r to kept, under key k: its sections' places (from
// the start of its records, sections+1 little-endian uint64s), where
// its sections' marks start (sections+1 uint32s), the marks (hash and
// place, uint32s), then its records.
func (s *spill) keepRun(kept Runs, k [32]byte, r run) {
	if s.f == nil || s.err != nil {
		return
	}
	var head []byte
	for _, at := range r.at {
		head = binary.LittleEndian.AppendUint64(head, uint64(at-r.at[0]))
	}
	for _, m := range r.markAt {
		head = binary.LittleEndian.AppendUint32(head, uint32(m))
	}
	for _, m := range r.marks {
		head = binary.LittleEndian.AppendUint32(head, m.hash)
		head = binary.LittleEndian.AppendUint32(head, m.off)
	}
	kept.Keep(k, io.MultiReader(bytes.NewReader(head), io.NewSectionReader(s.f, r.at[0], r.at[sections]-r.at[0])))
}

// readRun is the run kept under key k, numbered from base, if there is
// one whose sections' places and marks hold together.
func readRun(kept Runs, k [32]byte, base int) (run, bool) {
	f, ok := kept.Open(k)
	const fixed = 12 * (sections + 1)
	if !ok || f.Size() < fixed {
		return run{}, false
	}
	head := make([]byte, fixed)
	if _, err := f.ReadAt(head, 0); err != nil {
		return run{}, false
	}
	r := run{src: f, base: base, key: k}
	for i := range r.markAt {
		r.markAt[i] = int32(binary.LittleEndian.Uint32(head[8*(sections+1)+4*i:]))
		if r.markAt[i] < 0 || i > 0 && r.markAt[i] < r.markAt[i-1] {
			return run{}, false
		}
	}
	n := int64(r.markAt[sections])
	start := fixed + 8*n // of the records
	if f.Size() < start {
		return run{}, false
	}
	marks := make([]byte, 8*n)
	if _, err := f.ReadAt(marks, fixed); err != nil {
		return run{}, false
	}
	r.marks = make([]mark, n)
	for i := range r.marks {
		r.marks[i] = mark{binary.LittleEndian.Uint32(marks[8*i:]), binary.LittleEndian.Uint32(marks[8*i+4:])}
	}
	for i := range r.at {
		r.at[i] = start + int64(binary.LittleEndian.Uint64(head[8*i:]))
		if r.at[i] < start || i > 0 && r.at[i] < r.at[i-1] {
			return run{}, false
		}
	}
	for k := range sections {
		// A section's marks start at its first record and go on, in
		// order, within it.
		ms := r.marks[r.markAt[k]:r.markAt[k+1]]
		if len(ms) > 0 && ms[0].off != 0 {
			return run{}, false
		}
		for i, m := range ms {
			if int64(m.off) >= r.at[k+1]-r.at[k] || section(m.hash) != k ||
				i > 0 && (m.off <= ms[i-1].off || m.hash < ms[i-1].hash) {
				return run{}, false
			}
		}
	}
	return r, r.at[sections] == f.Size()
}

// section is the section of a hash.
func section(h uint32) int { return int(h >> 24) }

// writeRun writes terms, sorted by hash then key, as a run of pages
// numbered from base. A record is the hash (4 bytes, little-endian), the
// key, whether it is a unigram, the posting's counts and its parts, each
// with its length before it.
func (s *spill) writeRun(terms []term, base int) run {
	r := run{base: base}
	if s.f != nil {
		r.src = s.f
	}
	w := bufio.NewWriterSize(s, 1<<20)
	start := s.size               // nothing else writes while a run is
	n := int64(0)                 // bytes of the run so far
	k, from, in := 0, int64(0), 0 // the section, where it starts in the run, its records so far
	every := cmp.Or(sizes.mark, markEvery)
	var b []byte
	for i := range terms {
		t := &terms[i]
		for k < section(t.hash) {
			k++
			r.at[k], r.markAt[k] = start+n, int32(len(r.marks))
			from, in = n, 0
		}
		if in%every == 0 && n-from <= math.MaxUint32 {
			r.marks = append(r.marks, mark{t.hash, uint32(n - from)})
		}
		in++
		p := t.p
		b = binary.LittleEndian.AppendUint32(b[:0], t.hash)
		b = appendBytes(b, []byte(t.key))
		unigram := 0
		if t.unigram {
			unigram = 1
		}
		for _, v := range []int{unigram, p.df, p.first, p.last, p.hdf, p.hfirst, p.hlast} {
			b = binary.AppendUvarint(b, uint64(v))
		}
		for _, part := range [][]byte{p.pages, p.head, p.body} {
			b = binary.AppendUvarint(b, uint64(len(part)))
			w.Write(b)
			w.Write(part)
			n += int64(len(b) + len(part))
			b = b[:0]
		}
		terms[i].p = nil // written: let the collector have it
	}
	w.Flush()
	r.at[0] = start
	for k < sections {
		k++
		r.at[k], r.markAt[k] = start+n, int32(len(r.marks))
	}
	return r
}

func appendBytes(b, v []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(v))), v...)
}

// records reads a run's records from one section.
type records struct {
	b   []byte
	err error
}

var errCorrupt = errors.New("a run does not read back as it was written")

func (r *records) uvarint() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errCorrupt, nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *records) bytes() []byte {
	n := r.uvarint()
	if n > len(r.b) {
		r.err, r.b = errCorrupt, nil
		return nil
	}
	v := r.b[:n:n] // appended to by join: onto a copy, not the next record
	r.b = r.b[n:]
	return v
}

// next reads the next record, or nil at the section's end.
func (r *records) next() *term {
	if len(r.b) < 4 {
		return nil
	}
	t := &term{hash: binary.LittleEndian.Uint32(r.b), p: &posting{}}
	r.b = r.b[4:]
	t.key = string(r.bytes())
	p := t.p
	t.unigram = r.uvarint() == 1
	p.df, p.first, p.last = r.uvarint(), r.uvarint(), r.uvarint()
	p.hdf, p.hfirst, p.hlast = r.uvarint(), r.uvarint(), r.uvarint()
	p.pages, p.head, p.body = r.bytes(), r.bytes(), r.bytes()
	if r.err != nil {
		return nil
	}
	return t
}

// mergeRuns merges the runs section by section, on all cores, and writes
// each merged section to the spill: per key, its hash (4 bytes), what it
// adds to the size of the dictionaries, its dictionary entry and its
// posting as the index stores them (each with its length before it). It
// returns where each section lies, and the entries' size, of which the
// number of dictionaries is made. With a memo (old), only the tokens
// whose records changed are merged again, and the rest taken from it
// (memo.go); it returns those tokens' hashes too.
func (s *spill) mergeRuns(runs []run, old *memo) (at [][2]int64, size int, remerged []uint32) {
	at = make([][2]int64, sections)
	entryBytes := make([]int, sections) // per section: what the size of the dictionaries is reckoned from
	again := make([][]uint32, sections) // per section: the hashes splice merged again
	start := func() *merger {
		return &merger{s: s, runs: runs, read: make([][]byte, len(runs)), was: make([][]byte, len(runs)), find: make([]finder, len(runs))}
	}
	cores.EachWith(sections, start, func(m *merger, k int) {
		m.out = m.out[:0]
		if old != nil {
			entryBytes[k], again[k] = m.splice(old, k)
		} else {
			entryBytes[k] = m.mergeAll(k)
		}
		at[k] = [2]int64{s.append(m.out), int64(len(m.out))}
	})
	for k, n := range entryBytes {
		size += n
		remerged = append(remerged, again[k]...)
	}
	return at, size, remerged
}

// merger is a merging worker's state, kept from one section to the next:
// what the section of each run is read into, the merged section, and
// the buffers of an encoded posting. (Made anew for each section, they
// were a tenth of a build's allocations.)
type merger struct {
	s         *spill
	runs      []run
	read      [][]byte
	was       [][]byte // the memo's changed runs' sections
	memo      []byte   // the memo's section
	find      []finder // each run's records of the tokens merged again (memo.go)
	out, e, p []byte
	heads     []*term
	ps        []*posting
	z         deflater
}

// mergeAll merges section k of every run into m.out and returns what it
// adds to the size of the dictionaries.
func (m *merger) mergeAll(k int) (size int) {
	rs := make([]records, len(m.runs))
	heads := make([]*term, len(m.runs))
	for i, r := range m.runs {
		if r.src != nil {
			m.read[i] = m.s.readInto(m.read[i], r.src, r.at[k], r.at[k+1]-r.at[k])
			rs[i].b = m.read[i]
		}
		heads[i] = rs[i].next()
	}
	for {
		// The least hash and key of the runs' next records, and all
		// runs' postings of it joined, in the order of the runs.
		var t *term
		for _, h := range heads {
			if h != nil && (t == nil || cmpToken(h.hash, h.key, t.hash, t.key) < 0) {
				t = h
			}
		}
		if t == nil {
			break
		}
		m.heads = m.heads[:0]
		for i, h := range heads {
			if h != nil && h.hash == t.hash && h.key == t.key {
				m.heads = append(m.heads, h)
				heads[i] = rs[i].next()
			} else {
				m.heads = append(m.heads, nil)
			}
		}
		size += m.encode(m.heads)
	}
	for i := range rs {
		if rs[i].err != nil {
			m.s.fail(rs[i].err)
		}
	}
	return size
}

// encode joins one token's records, one per run (nil where a run has
// none), in the order of the runs, appends the merged record to m.out
// and returns what it adds to the size of the dictionaries.
func (m *merger) encode(recs []*term) int {
	var joined *term
	m.ps = m.ps[:0]
	for i, t := range recs {
		switch {
		case t == nil:
		case joined == nil:
			joined = t
			joined.p.shift(m.runs[i].base)
		default:
			m.ps = append(m.ps, t.p)
		}
	}
	if len(m.ps) > 0 {
		joined.p.reserve(m.ps)
		first := true
		for i, t := range recs {
			if t != nil && !first {
				joined.p.join(t.p, m.runs[i].base)
			}
			first = first && t == nil
		}
	}
	m.e, m.p = joined.encode(m.e[:0], m.p[:0], &m.z)
	n := len(joined.key) + 8 + 4*len(m.z.blocks)
	m.out = binary.LittleEndian.AppendUint32(m.out, joined.hash)
	m.out = binary.AppendUvarint(m.out, uint64(n))
	m.out = appendBytes(m.out, m.e)
	m.out = appendBytes(m.out, m.p)
	encoded.Add(1)
	return n
}

// writeDicts cuts the merged sections into n dictionaries and their
// packs, in order, and adds them to w. A dictionary same names, with its
// sums, is the last build's: if the caller has it and its pack
// (Index.Have), neither is made, and a section whose dictionaries are
// all such is not read.
func (s *spill) writeDicts(at [][2]int64, n int, same []*dictSums, w *writer) {
	had := make([][2]bool, n) // dictionary k's and its pack's: the caller has them
	if same != nil && w.have != nil {
		for k, sums := range same {
			if sums != nil {
				t, p := fmt.Sprintf("t/%d.bin", k), fmt.Sprintf("p/%d.bin", k)
				had[k] = [2]bool{w.have(File{Path: t, Sum: sums.t}), w.have(File{Path: p, Sum: sums.p})}
			}
		}
	}
	both := func(k int) bool { return had[k][0] && had[k][1] }
	k, count := 0, 0
	var e, p, buf []byte
	done := func() {
		path := fmt.Sprintf("t/%d.bin", k)
		if had[k][0] {
			w.had(path, same[k].t)
		} else {
			t := binary.AppendUvarint(nil, uint64(count))
			w.add(File{Path: path, Data: append(t, e...)})
		}
		path = fmt.Sprintf("p/%d.bin", k)
		if had[k][1] {
			w.had(path, same[k].p)
		} else {
			w.add(File{Path: path, Data: p})
		}
		k, count, e, p = k+1, 0, nil, nil
	}
	for sec, a := range at {
		if s.f == nil {
			break
		}
		first, last := dict(uint32(sec)<<24, n), dict(uint32(sec)<<24|0xffffff, n)
		if !slices.ContainsFunc(had[first:last+1], func(h [2]bool) bool { return !h[0] || !h[1] }) {
			for k < last {
				done() // every dictionary before last ends in this section
			}
			continue
		}
		buf = s.readInto(buf, s.f, a[0], a[1]) // its records are copied into e and p
		r := records{b: buf}
		for len(r.b) >= 4 && r.err == nil {
			h := binary.LittleEndian.Uint32(r.b)
			r.b = r.b[4:]
			r.uvarint() // its size, for the memo
			for k < dict(h, n) {
				done()
			}
			entry, posting := r.bytes(), r.bytes()
			if !both(k) {
				e = append(e, entry...)
				p = append(p, posting...)
				count++
			}
		}
		if r.err != nil {
			s.fail(r.err)
		}
	}
	for k < n {
		done()
	}
}
