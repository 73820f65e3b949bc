package build

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"io"
	"iter"
	"math/bits"
	"os"
	"strings"
	"sync/atomic"

	"gongkai/internal/record"
	"gongkai/internal/stamp"
)

// cacheVersion changes when the manifest's layout does.
const cacheVersion = "gongkai build cache 7\n"

// cacheManifest is the cache's index: what it is valid for, an entry per
// output path, sorted by path, and the search index's runs (runs/) this
// build used.
//
// It is written as records (package record), streamed, its SHA-256 at its
// end:
//
//	cacheVersion, ID, the number of runs, each run's name and stamp,
//	the number of entries, each entry (appendEntry)
//
// and read whole (loadManifest): a portal's is a million entries, found
// by path in a table of where each starts, their strings parts of the
// bytes read, not decoded into a million values the collector scans.
type cacheManifest struct {
	ID      key
	Entries []cacheEntry
	Runs    []keptRun
}

// keptRun is a file of runs/: its name, and its stamp when the manifest
// was written (a run whose stamp is still that is not read to check it:
// at a million pages, the runs are gigabytes).
type keptRun struct {
	Name  key
	Stamp stamp.Stamp
}

// cacheEntry is one output as it was last made.
type cacheEntry struct {
	Path   string   // the output's, in OUT
	Key    key      // the job's key
	Used   []string // the datasets it embedded
	Hash   key      // SHA-256 of the file
	GzHash key      // of its .gz; zero when it has none
	// The SHA-256 of a page's text, for the search index, when the site
	// has one: the text is kept in texts/ (not in the manifest, which a
	// build holds in memory whole), zero when none is kept.
	Text key
	// The stamps of the kept file and its .gz when the manifest was
	// written (package stamp). A kept file whose stamp is still that is taken
	// without being read, as git's index trusts a file whose stat data it
	// recorded: at a million pages, reading every kept file to check it
	// read 13 GB. Zero: read it.
	Stamp, GzStamp stamp.Stamp
}

// What an entry's record holds besides its path, key, hash and stamp.
const (
	hasGz   = 1 << iota // GzHash and GzStamp
	hasText             // Text
)

// appendEntry appends e's record.
func appendEntry(b []byte, e *cacheEntry) []byte {
	b = record.AppendStr(b, e.Path)
	b = append(append(b, e.Key[:]...), e.Hash[:]...)
	var has byte
	if e.GzHash != (key{}) {
		has |= hasGz
	}
	if e.Text != (key{}) {
		has |= hasText
	}
	b = append(b, has)
	if has&hasGz != 0 {
		b = append(b, e.GzHash[:]...)
	}
	if has&hasText != 0 {
		b = append(b, e.Text[:]...)
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(e.Stamp))
	if has&hasGz != 0 {
		b = binary.LittleEndian.AppendUint64(b, uint64(e.GzStamp))
	}
	b = binary.AppendUvarint(b, uint64(len(e.Used)))
	for _, u := range e.Used {
		b = record.AppendStr(b, u)
	}
	return b
}

// readEntry reads what appendEntry wrote.
func readEntry(r *record.Reader) cacheEntry {
	e := cacheEntry{Path: r.Str(), Key: readKey(r), Hash: readKey(r)}
	has := r.Byte()
	if has&hasGz != 0 {
		e.GzHash = readKey(r)
	}
	if has&hasText != 0 {
		e.Text = readKey(r)
	}
	e.Stamp = stamp.Stamp(r.U64())
	if has&hasGz != 0 {
		e.GzStamp = stamp.Stamp(r.U64())
	}
	for n := r.Uvarint(); n > 0 && !r.Bad; n-- {
		e.Used = append(e.Used, r.Str())
	}
	return e
}

func readKey(r *record.Reader) key {
	var k key
	copy(k[:], r.Bytes(len(k)))
	return k
}

// writeManifest writes m to the file name, its SHA-256 at its end.
func writeManifest(name string, m cacheManifest) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := record.NewWriter(f)
	encodeManifest(w, m)
	return errors.Join(w.Seal(), f.Close())
}

// encodeManifest writes m to w, but for its SHA-256.
func encodeManifest(w io.Writer, m cacheManifest) {
	b := append([]byte(cacheVersion), m.ID[:]...)
	b = binary.AppendUvarint(b, uint64(len(m.Runs)))
	for _, r := range m.Runs {
		b = binary.LittleEndian.AppendUint64(append(b, r.Name[:]...), uint64(r.Stamp))
	}
	b = binary.AppendUvarint(b, uint64(len(m.Entries)))
	w.Write(b)
	for i := range m.Entries {
		b = appendEntry(b[:0], &m.Entries[i])
		w.Write(b)
	}
}

// oldManifest is a manifest an earlier build wrote, as read: its bytes,
// where each entry's record starts in them, and a table of those by the
// hash of their path.
type oldManifest struct {
	id    key
	runs  []keptRun
	body  string
	at    []uint32 // each entry's record in body
	table []uint32 // an entry's index in at, plus 1, at its path's hash or after; 0: none
	seed  maphash.Seed
	// spare has, for entry i, bit 2i set when the spare holds its file
	// with the stamp recorded for it, and bit 2i+1 the same for its .gz:
	// files the spare holds as they were kept (seeSpare).
	spare []atomic.Uint64
}

// loadManifest reads the manifest at name, made for any identity (forID
// tells whether for the build's): a build reads it while its site loads,
// before the identity is known (cacheHold), for the spare's tidy to check
// its files by it. nil when it is not whole.
func loadManifest(name string) *oldManifest {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	body, ok := record.Open(data)
	if !ok {
		return nil
	}
	return parseManifest(body)
}

// forID is m when it was made for a cache of identity id, else nil.
func (m *oldManifest) forID(id key) *oldManifest {
	if m == nil || m.id != id {
		return nil
	}
	return m
}

// parseManifest reads body, a manifest but for its SHA-256, made for any
// identity; nil when it does not read as one.
func parseManifest(body string) *oldManifest {
	if len(body) >= 1<<32 {
		return nil // more than its offsets can say: a build of hundreds of millions of files
	}
	r := record.Reader{S: body}
	if r.Bytes(len(cacheVersion)) != cacheVersion {
		return nil
	}
	id := readKey(&r)
	var runs []keptRun
	for n := r.Uvarint(); n > 0 && !r.Bad; n-- {
		runs = append(runs, keptRun{readKey(&r), stamp.Stamp(r.U64())})
	}
	n := r.Uvarint()
	if r.Bad || n > uint64(len(r.S)) {
		return nil
	}
	m := &oldManifest{id: id, runs: runs, body: body, at: make([]uint32, 0, n), seed: maphash.MakeSeed(), spare: make([]atomic.Uint64, (n+31)/32)}
	m.table = make([]uint32, 1<<bits.Len(uint(2*n)))
	for i := range uint32(n) {
		at := uint32(len(body) - len(r.S))
		e := readEntry(&r)
		if r.Bad {
			return nil
		}
		m.at = append(m.at, at)
		slot := m.slot(e.Path)
		for m.table[slot] != 0 {
			slot = (slot + 1) % len(m.table)
		}
		m.table[slot] = i + 1
	}
	if len(r.S) > 0 {
		return nil
	}
	return m
}

// slot is where the table's search for path starts.
func (m *oldManifest) slot(path string) int {
	return int(maphash.String(m.seed, path) & uint64(len(m.table)-1))
}

// entry is the entry for the output rel, if there is one, and its number.
func (m *oldManifest) entry(rel string) (cacheEntry, int, bool) {
	if m == nil {
		return cacheEntry{}, 0, false
	}
	for slot := m.slot(rel); m.table[slot] != 0; slot = (slot + 1) % len(m.table) {
		// Another path here is rare (the table is at most half full).
		i := int(m.table[slot] - 1)
		if e := readEntry(&record.Reader{S: m.body[m.at[i]:]}); e.Path == rel {
			return e, i, true
		}
	}
	return cacheEntry{}, 0, false
}

// seeSpare notes that the spare holds the file rel with stamp st and the
// mode a new file gets (tidy): when that is the stamp recorded for it,
// or for the file whose .gz it is, the file is the one kept, untouched.
func (m *oldManifest) seeSpare(rel string, st stamp.Stamp) {
	if e, i, ok := m.entry(rel); ok && e.Stamp == st {
		m.spare[i/32].Or(1 << (2 * (i % 32)))
	}
	if file, ok := strings.CutSuffix(rel, ".gz"); ok {
		if e, i, ok := m.entry(file); ok && e.GzStamp == st {
			m.spare[i/32].Or(1 << (2*(i%32) + 1))
		}
	}
}

// inSpare reports whether seeSpare found entry i's file (its .gz, with
// gz) in the spare as it was kept.
func (m *oldManifest) inSpare(i int, gz bool) bool {
	bit := 2 * (i % 32)
	if gz {
		bit++
	}
	return m.spare[i/32].Load()&(1<<bit) != 0
}

// runStamp is the stamp recorded for the run file name; zero when none.
func (m *oldManifest) runStamp(name key) stamp.Stamp {
	if m == nil {
		return 0
	}
	for _, r := range m.runs {
		if r.Name == name {
			return r.Stamp
		}
	}
	return 0
}

// entries gives every entry, in the manifest's order.
func (m *oldManifest) entries() iter.Seq[cacheEntry] {
	return func(yield func(cacheEntry) bool) {
		for _, at := range m.at {
			if !yield(readEntry(&record.Reader{S: m.body[at:]})) {
				return
			}
		}
	}
}
