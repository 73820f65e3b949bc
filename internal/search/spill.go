package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
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
// numbered from base, its first.
type run struct {
	src  io.ReaderAt
	at   [sections + 1]int64
	base int
	key  [32]byte // what it was kept under (runKey), when it was
}

// keepRun gives run r to kept, under key k: its sections' places (from
// its start, sections+1 little-endian uint64s), then its records.
func (s *spill) keepRun(kept Runs, k [32]byte, r run) {
	if s.f == nil || s.err != nil {
		return
	}
	var head []byte
	for _, at := range r.at {
		head = binary.LittleEndian.AppendUint64(head, uint64(at-r.at[0]))
	}
	kept.Keep(k, io.MultiReader(bytes.NewReader(head), io.NewSectionReader(s.f, r.at[0], r.at[sections]-r.at[0])))
}

// readRun is the run kept under key k, numbered from base, if there is
// one whose sections' places hold together.
func readRun(kept Runs, k [32]byte, base int) (run, bool) {
	f, ok := kept.Open(k)
	const size = 8 * (sections + 1)
	if !ok || f.Size() < size {
		return run{}, false
	}
	head := make([]byte, size)
	if _, err := f.ReadAt(head, 0); err != nil {
		return run{}, false
	}
	r := run{src: f, base: base, key: k}
	for i := range r.at {
		r.at[i] = size + int64(binary.LittleEndian.Uint64(head[8*i:]))
		if r.at[i] < size || i > 0 && r.at[i] < r.at[i-1] {
			return run{}, false
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
	start := s.size // nothing else writes while a run is
	n := int64(0)   // bytes of the run so far
	k := 0
	var b []byte
	for i := range terms {
		t := &terms[i]
		for k < section(t.hash) {
			k++
			r.at[k] = start + n
		}
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
		r.at[k] = start + n
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

// nextRaw reads the next record, or nil at the section's end, and gives
// its bytes.
func (r *records) nextRaw() (*term, []byte) {
	if len(r.b) < 4 {
		return nil, nil
	}
	start := r.b
	t := &term{hash: binary.LittleEndian.Uint32(r.b), p: &posting{}}
	r.b = r.b[4:]
	t.key = string(r.bytes())
	p := t.p
	t.unigram = r.uvarint() == 1
	p.df, p.first, p.last = r.uvarint(), r.uvarint(), r.uvarint()
	p.hdf, p.hfirst, p.hlast = r.uvarint(), r.uvarint(), r.uvarint()
	p.pages, p.head, p.body = r.bytes(), r.bytes(), r.bytes()
	if r.err != nil {
		return nil, nil
	}
	return t, start[:len(start)-len(r.b)]
}

// mergeRuns merges the runs section by section, on all cores, and writes
// each merged section to the spill: per key, its hash (4 bytes), what it
// adds to the size of the dictionaries, its dictionary entry and its
// posting as the index stores them (each with its length before it). It
// returns where each section lies, and the entries' size, of which the
// number of dictionaries is made. A token the memo, when there is one,
// has as it would be merged now is taken from it (memo.go).
func (s *spill) mergeRuns(runs []run, old *memo) (at [][2]int64, size int) {
	at = make([][2]int64, sections)
	entryBytes := make([]int, sections) // per section: what the size of the dictionaries is reckoned from
	start := func() *merger { return &merger{read: make([][]byte, len(runs)), was: make([][]byte, len(runs))} }
	cores.EachWith(sections, start, func(m *merger, k int) {
		rs := make([]records, len(runs))
		heads := make([]*term, len(runs))
		raws := make([][]byte, len(runs))
		for i, r := range runs {
			if r.src != nil {
				m.read[i] = s.readInto(m.read[i], r.src, r.at[k], r.at[k+1]-r.at[k])
				rs[i].b = m.read[i]
			}
			heads[i], raws[i] = rs[i].nextRaw()
		}
		var was []cursor
		memo := cursor{memo: true}
		if old != nil {
			was = make([]cursor, len(runs))
			for i, r := range old.was {
				if r.src != nil {
					m.was[i] = s.readInto(m.was[i], r.src, r.at[k], r.at[k+1]-r.at[k])
					was[i].b = m.was[i]
					was[i].next()
				}
			}
			m.memo = s.readInto(m.memo, old.src, old.at[k][0], old.at[k][1])
			memo.b = m.memo
			memo.next()
		}
		out, z := m.out[:0], &m.z
		for {
			// The least hash and key of the runs' next records, and all
			// runs' postings of it joined, in the order of the runs.
			var t *term
			for _, h := range heads {
				if h != nil && (t == nil || h.hash < t.hash || h.hash == t.hash && h.key < t.key) {
					t = h
				}
			}
			if t == nil {
				break
			}
			m.same = m.same[:0]
			for i, h := range heads {
				if h != nil && h.hash == t.hash && h.key == t.key {
					m.same = append(m.same, i)
				}
			}
			if old != nil && memo.seek(t.hash, t.key) != nil && asMerged(t, heads, raws, old, was) {
				out = append(out, memo.rec...)
				entryBytes[k] += memo.size
				for _, i := range m.same {
					heads[i], raws[i] = rs[i].nextRaw()
				}
				continue
			}
			joined := heads[m.same[0]]
			joined.p.shift(runs[m.same[0]].base)
			if len(m.same) > 1 {
				m.ps = m.ps[:0]
				for _, i := range m.same[1:] {
					m.ps = append(m.ps, heads[i].p)
				}
				joined.p.reserve(m.ps)
			}
			for _, i := range m.same[1:] {
				joined.p.join(heads[i].p, runs[i].base)
			}
			for _, i := range m.same {
				heads[i], raws[i] = rs[i].nextRaw()
			}
			m.e, m.p = joined.encode(m.e[:0], m.p[:0], z)
			n := len(joined.key) + 8 + 4*len(z.blocks)
			entryBytes[k] += n
			out = binary.LittleEndian.AppendUint32(out, joined.hash)
			out = binary.AppendUvarint(out, uint64(n))
			out = appendBytes(out, m.e)
			out = appendBytes(out, m.p)
			encoded.Add(1)
		}
		for i := range rs {
			if rs[i].err != nil {
				s.fail(rs[i].err)
			}
		}
		if memo.err != nil {
			s.fail(memo.err) // checked whole when read (Runs.Open): a fault of this code's
		}
		at[k] = [2]int64{s.append(out), int64(len(out))}
		m.out = out
	})
	for _, n := range entryBytes {
		size += n
	}
	return at, size
}

// merger is a merging worker's state, kept from one section to the next:
// what the section of each run is read into, the merged section, and
// the buffers of an encoded posting. (Made anew for each section, they
// were a tenth of a build's allocations.)
type merger struct {
	read      [][]byte
	was       [][]byte // the memo's changed runs' sections
	memo      []byte   // the memo's section
	out, e, p []byte
	same      []int
	ps        []*posting
	z         deflater
}

// writeDicts cuts the merged sections into n dictionaries and their
// packs, in order, and adds them to w.
func (s *spill) writeDicts(at [][2]int64, n int, w *writer) {
	k, count := 0, 0
	var e, p, buf []byte
	done := func() {
		t := binary.AppendUvarint(nil, uint64(count))
		w.add(File{Path: fmt.Sprintf("t/%d.bin", k), Data: append(t, e...)})
		w.add(File{Path: fmt.Sprintf("p/%d.bin", k), Data: p})
		k, count, e, p = k+1, 0, nil, nil
	}
	for _, sec := range at {
		if s.f == nil {
			break
		}
		buf = s.readInto(buf, s.f, sec[0], sec[1]) // its records are copied into e and p
		r := records{b: buf}
		for len(r.b) >= 4 && r.err == nil {
			h := binary.LittleEndian.Uint32(r.b)
			r.b = r.b[4:]
			r.uvarint() // its size, for the memo
			for k < dict(h, n) {
				done()
			}
			e = append(e, r.bytes()...)
			p = append(p, r.bytes()...)
			count++
		}
		if r.err != nil {
			s.fail(r.err)
		}
	}
	for k < n {
		done()
	}
}
