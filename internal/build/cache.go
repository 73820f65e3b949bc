package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gongkai/internal/cores"
	"gongkai/internal/digest"
	"gongkai/internal/stamp"
)

// The build cache (Options.Cache) is the Preview's keys made durable: a
// folder that keeps, from one gongkai build process to the next, each
// output's key (see Preview: the view its template received, the content
// of the files it was made of, the datasets it embedded) and the hash of
// the bytes it had. A build whose job has the key recorded for its path
// hard-links the file kept for it instead of running the job; every other
// job runs as in a build without a cache. A published release
// (Options.Release) shares no file with the cache: it links the file from
// the release before when that has the same bytes, or copies it. The
// folder holds
//
//	manifest          the keys, hashes and stamps (manifest.go), a SHA-256 at its end
//	objects/3f/3f2a…  each output's bytes, named by their SHA-256
//	texts/3f/3f2a…    each page's text, for the search index, the same
//	runs/3f/3f2a…     the search index's runs (search.Runs), named by
//	                  what they are made of, and the memo of their merge,
//	                  each with its SHA-256 at its end
//	pages             the pages as loaded, with their files' stamps
//	                  (site.Kept, keptpages.go), a SHA-256 at its end
//	spare/            the site before the last, kept for the next build
//	                  to bring up to date (output.go); none is kept of a
//	                  build given to Options.Deliver (gongkai publish)
//	upload/           a publish's build while it is sent to a bucket
//	                  (package publish), with its lock upload.lock; the
//	                  build's own .upload.lock and .upload.tmp-* beside it
//	lock              held by the build using the folder
//
// Nothing in the folder is trusted: a manifest whose checksum fails, or
// that was written by another gongkai binary, for other settings or theme
// files, or with other --drafts, is not used at all; a kept file is
// linked only if it still has the stamp the manifest recorded for it
// (size, times, inode: any write moves its change time), or else once it
// is read and hashed, and one that is missing or changed is made again.
// The manifest is written after OUT was swapped in, in one
// rename, and names files only by their content: a build killed at any
// moment leaves a cache that is right or ignored, never one that serves
// stale output. Deleting the folder only makes the next build a full one.
//
// The keys are those of the preview, so a field a template gains is in
// them with no change here. What is not in a key is in the cache's
// identity: the binary (built-in theme, templates' funcs, this code), the
// settings and the site's themes/ files. A reused output's editorial
// warnings are not said again (gongkai check uses no cache), and the text
// of a reused page, which the search index is made of, is kept with it.

// CacheDir is the build cache's folder in a site, for gongkai build.
const CacheDir = ".gongkai-cache"

// key stands for everything one output is made from: equal keys, equal
// bytes (see Preview).
type key [sha256.Size]byte

// keyOf is job j's key, given that it embeds the datasets in used.
func (b *builder) keyOf(j *job, used []string) key {
	m := b.maker(j)
	if m.view == nil {
		return b.keyWith(m, nil, used)
	}
	buf := viewBufs.Get().(*[]byte)
	defer viewBufs.Put(buf)
	*buf = appendViewKey((*buf)[:0], m.view())
	return b.keyWith(m, *buf, used)
}

var viewBufs = sync.Pool{New: func() any { return new([]byte) }}

// appendViewKey appends a view as its key takes it: its digest (every
// field encoding/json would write), before fill, without the parts read
// from files, and with the SHA-256 of its site view in place of it, which
// every output's view holds (siteView.keyPart).
func appendViewKey(buf []byte, v *view) []byte {
	w := *v
	w.Site = nil
	buf = digest.Append(buf, &w)
	if v.Site != nil {
		buf = append(append(buf, '|'), v.Site.keyPart()...)
	}
	return buf
}

// keyWith is the key of the job m makes, from its view as appendViewKey
// gives it (nil for a job without one).
func (b *builder) keyWith(m *maker, view []byte, used []string) key {
	h := sha256.New()
	h.Write(view)
	h.Write([]byte("|"))
	if m.sources != nil {
		io.WriteString(h, m.sources())
	}
	h.Write([]byte("|"))
	for _, d := range used {
		fmt.Fprintf(h, "%s:%x;", d, b.dsHash[d])
	}
	var k key
	h.Sum(k[:0])
	return k
}

// keysOf computes every job's key on all cores, given the datasets each
// output embedded when it was made (used, by output path): a large site
// has many.
func (b *builder) keysOf(used map[string][]string) map[string]key {
	list := make([]key, len(b.jobs))
	cores.Each(len(b.jobs), func(i int) {
		j := &b.jobs[i]
		list[i] = b.keyOf(j, used[j.rel])
	})
	keys := make(map[string]key, len(b.jobs))
	for i := range b.jobs {
		keys[b.jobs[i].rel] = list[i]
	}
	return keys
}

// buildCache is one build's use of the cache folder.
type buildCache struct {
	dir     string
	id      key
	release func()
	old     *oldManifest // what the last build made; nil when unusable
	other   bool         // the last build was one of other settings (cacheID): its files are not used
	damaged bool         // the manifest is there but does not read as one: nothing is used
	reused  atomic.Int64 // files linked from it
	tmps    atomic.Int64 // names of files being kept
	runs    []keptRun    // the search index's runs and memo this build's index is made of (search.Index.Kept)
	open    []*os.File   // the runs read, until the build ends
}

// cacheHold is the cache folder taken for a build before its site is
// loaded: its lock, and, meanwhile, its spare taken over as the output's
// temporary folder (openOutput), whose tidy walks every file of the site
// before the last: at 100,000 pages, half a second of a cached build,
// now spent while the pages load.
type cacheHold struct {
	dir     string
	release func() // the cache's lock; nil when not held
	done    chan struct{}
	out     *output
	err     error
	old     *oldManifest // read before the tidy, which checks the spare's files by it
	// elsewhere says the folder is on another file system than OUT, so
	// not used (Result.CacheElsewhere).
	elsewhere bool
	damaged   bool // the manifest is there, but old is nil
	busy      bool // another build holds the folder: not used (Result.CacheBusy)
}

// holdCache takes the cache folder dir for a build into out, with the
// spare unless the build is delivered (Options.Deliver, or a Release:
// OUT does not stay). It holds
// nothing, and the build goes on without a cache, when the folder cannot
// be made or another build holds it, or when out is on another file
// system and the build is not delivered.
func holdCache(dir, out string, delivered bool) *cacheHold {
	h := &cacheHold{dir: dir}
	if os.MkdirAll(filepath.Join(dir, "objects"), 0o755) != nil {
		return h
	}
	if !delivered && !sameFileSystem(dir, filepath.Dir(filepath.Clean(out))) {
		// Where kept files cannot be hard-linked into OUT, copying them
		// costs about what making them does (measured on 10,000 pages):
		// no cache. A publish (delivered) links most of them from the
		// release before instead (linkPrev), and copies only the
		// rest: less than making them all.
		h.elsewhere = true
		return h
	}
	release, err := Lock(filepath.Join(dir, "lock"))
	if err != nil {
		h.busy = errors.Is(err, ErrLocked)
		return h
	}
	h.release, h.done = release, make(chan struct{})
	go func() {
		defer close(h.done)
		var seen func(string, stamp.Stamp)
		name := filepath.Join(dir, "manifest")
		if h.old = loadManifest(name); h.old != nil {
			seen = h.old.seeSpare
		} else if _, err := os.Lstat(name); err == nil {
			h.damaged = true
		}
		sp := ""
		if !delivered {
			sp = filepath.Join(dir, "spare")
		}
		h.out, h.err = openOutput(out, sp, seen)
	}()
	return h
}

// output is the output opened with the spare, once it is.
func (h *cacheHold) output() (*output, error) {
	<-h.done
	return h.out, h.err
}

// drop lets the folder go unused: the spare put back (abort) and the
// locks let go.
func (h *cacheHold) drop() {
	if h == nil || h.release == nil {
		return
	}
	if out, err := h.output(); err == nil {
		out.abort()
	}
	h.release()
	h.release = nil
}

// openCache opens the cache folder h holds for this build, reading its
// manifest. It returns nil, and the build goes on without a cache, when h
// holds nothing or the cache's identity cannot be made.
func (b *builder) openCache(h *cacheHold) *buildCache {
	if h.release == nil {
		return nil
	}
	id, ok := b.cacheID()
	if !ok {
		return nil
	}
	c := &buildCache{dir: h.dir, id: id, release: h.release}
	<-h.done
	c.old = h.old.forID(id)
	c.other = h.old != nil && c.old == nil
	c.damaged = h.damaged
	return c
}

// cacheID is what the keys leave out: this binary, the settings, the
// site's theme files and --drafts.
func (b *builder) cacheID() (key, bool) {
	h := sha256.New()
	io.WriteString(h, cacheVersion)
	bin, err := binaryHash()
	if err != nil {
		return key{}, false
	}
	h.Write(bin[:])
	fmt.Fprintf(h, "site.toml %x drafts %v\n", b.site.Config.Hash, b.opt.Drafts)
	err = fs.WalkDir(b.opt.Site, "themes", func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist) && p == "themes":
			return fs.SkipAll
		case err != nil:
			return err
		case !d.Type().IsRegular():
			fmt.Fprintf(h, "%s %v\n", p, d.Type())
			return nil
		}
		data, err := fs.ReadFile(b.opt.Site, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %x\n", p, sha256.Sum256(data))
		return nil
	})
	var id key
	h.Sum(id[:0])
	return id, err == nil
}

// binaryHash is the SHA-256 of the running executable: a gongkai built
// from other code does not trust this one's cache.
var binaryHash = sync.OnceValues(func() (key, error) {
	exe, err := os.Executable()
	if err != nil {
		return key{}, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return key{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return key{}, err
	}
	var k key
	h.Sum(k[:0])
	return k, nil
})

// searchRuns keeps the search index's runs (search.Runs) in the folder
// runs/, each named by its key and the cache's identity (runPath), as
// another binary may write runs otherwise, and followed by the SHA-256 of
// its bytes: one that does not match them is not used, and the batch is
// indexed again from its pages' texts.
type searchRuns struct {
	c *buildCache
	s *searchIndex
}

func (r searchRuns) Sum(i int) [32]byte { return r.s.sums[i] }

func (r searchRuns) Open(k [32]byte) (*io.SectionReader, bool) {
	f, err := os.Open(r.c.runPath(k))
	if err != nil {
		return nil, false
	}
	n, ok := int64(0), false
	st := r.c.old.runStamp(runName(r.c.id, k))
	if info, err := f.Stat(); err == nil && info.Size() >= sha256.Size && st != 0 && stamp.Of(info) == st {
		n, ok = info.Size()-sha256.Size, true // as the manifest recorded it
	} else {
		n, ok = checkRun(f)
	}
	if !ok {
		f.Close()
		return nil, false
	}
	r.c.open = append(r.c.open, f)
	return io.NewSectionReader(f, 0, n), true
}

// runName is the name of the run of key k kept by a cache of identity id.
func runName(id key, k [32]byte) key {
	return sha256.Sum256(append(id[:], k[:]...))
}

func (c *buildCache) runPath(k [32]byte) string { return c.path("runs", runName(c.id, k)) }

// checkRun reports whether the run file f ends with the SHA-256 of the
// bytes before it, and how many those are.
func checkRun(f *os.File) (int64, bool) {
	runsChecked.Add(1)
	info, err := f.Stat()
	if err != nil || info.Size() < sha256.Size {
		return 0, false
	}
	n := info.Size() - sha256.Size
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, n)); err != nil {
		return 0, false
	}
	var have, want key
	h.Sum(have[:0])
	_, err = f.ReadAt(want[:], n)
	return n, err == nil && have == want
}

func (r searchRuns) Keep(k [32]byte, run io.Reader) {
	r.c.put(r.c.runPath(k), func(tmp string) error {
		f, err := os.Create(tmp)
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(io.MultiWriter(f, h), run)
		if err == nil {
			_, err = f.Write(h.Sum(nil))
		}
		return errors.Join(err, f.Close())
	})
}

// object is where the file of content hash h is kept.
func (c *buildCache) object(h key) string { return c.path("objects", h) }

// path is where the bytes of hash h are kept in the folder kind: objects
// (output files) or texts (pages' texts).
func (c *buildCache) path(kind string, h key) string {
	s := hex.EncodeToString(h[:])
	return filepath.Join(c.dir, kind, s[:2], s)
}

// reuse puts job j's kept file (and its .gz) into out when j's key is the
// one recorded for its path and the kept files are whole; it reports
// whether it did. The search index learns the hash of a page's kept text.
func (c *buildCache) reuse(b *builder, w *worker, j *job, out *output) bool {
	e, n, ok := c.old.entry(j.rel)
	if !ok || j.gz != (e.GzHash != key{}) {
		return false
	}
	s := b.search
	if j.page != nil && s != nil && e.Text == (key{}) {
		return false
	}
	if b.keyOf(j, e.Used) != e.Key {
		return false
	}
	taken, asWas := c.take(w, out, j.rel, e.Hash, e.Stamp, c.old.inSpare(n, false), true)
	if !taken {
		return false
	}
	gzAsWas := true
	if j.gz {
		if taken, gzAsWas = c.take(w, out, j.rel+".gz", e.GzHash, e.GzStamp, c.old.inSpare(n, true), false); !taken {
			// The job runs after all: it must not write through the link,
			// nor pass for linked from the release before if it differs.
			os.Remove(out.path(j.rel))
			out.forget(j.rel)
			return false
		}
	}
	j.key, j.used, j.reused, j.asWas = e.Key, e.Used, true, asWas && gzAsWas
	c.reused.Add(1)
	if j.gz {
		c.reused.Add(1)
	}
	if s != nil && j.page != nil {
		if i, ok := s.place(j.page); ok {
			s.sums[i] = e.Text // the text itself is read only if the index needs it (searchPages.Text)
		}
	}
	return true
}

// takeFile puts the file kept for rel into out when its content hash is
// h, as take does, and reports as take does: for the search index's
// files, made again by each build, most of them as they were.
func (c *buildCache) takeFile(w *worker, out *output, rel string, h key) (taken, asWas bool) {
	e, n, ok := c.old.entry(rel)
	if !ok || e.Hash != h {
		return false, false
	}
	if taken, asWas = c.take(w, out, rel, e.Hash, e.Stamp, c.old.inSpare(n, false), true); taken {
		c.reused.Add(1)
	}
	return taken, asWas
}

// text is the page text kept under hash h, if it is there whole.
func (c *buildCache) text(h key) (string, bool) {
	data, err := os.ReadFile(c.path("texts", h))
	if err != nil || sha256.Sum256(data) != h {
		return "", false
	}
	return string(data), true
}

// take links the kept file of content hash h to rel in out, after
// checking that it still has that content: it still has the stamp st the
// manifest recorded, or else it is read (into the worker's buffer) and
// hashed. With out.linkFrom it links the file there instead when it has
// those bytes (linkPrev); a release copies it otherwise (copyKept).
// inSpare says the spare's tidy found the kept file itself at rel
// (seeSpare). It makes rel's folder when dir is set: a .gz goes beside a
// file just taken. It reports whether it took the file, and whether the
// spare held it already, untouched, so that its stamp is still st.
func (c *buildCache) take(w *worker, out *output, rel string, h key, st stamp.Stamp, inSpare, dir bool) (taken, asWas bool) {
	p := out.path(rel)
	if out.reusing && inSpare {
		// The spare holds the kept file itself (the same inode,
		// unchanged): nothing to do.
		spareKept.Add(1)
		out.record(rel, hex.EncodeToString(h[:]), false)
		wrote()
		return true, true
	}
	obj := c.object(h)
	info, err := os.Lstat(obj)
	read := false
	if err != nil || st == 0 || stamp.Of(info) != st {
		keptReads.Add(1)
		if !readKept(w, obj, h) {
			return false, false
		}
		read = true
	}
	if out.linkFrom != "" && linkPrev(w, out, rel, h, dir) {
		return true, false
	}
	if out.release {
		return copyKept(w, out, rel, obj, h, read, dir), false
	}
	if info != nil && modeOf(info) != out.fileMode {
		// Kept by a build under another umask, or changed in an OUT:
		// a copy with the mode a file made now gets replaces it. Not
		// chmod: the kept file is OUT's before, which may be served.
		if !read && !readKept(w, obj, h) {
			return false, false
		}
		read = true
		if !c.put(obj, func(tmp string) error { return os.WriteFile(tmp, w.kept, out.fileMode) }) {
			return false, false
		}
	}
	if out.make(p, dir, func() error { return os.Link(obj, p) }) != nil {
		// OUT on another file system: copied, after all (openCache goes
		// without the cache when it knows of it).
		return copyKept(w, out, rel, obj, h, read, dir), false
	}
	out.record(rel, hex.EncodeToString(h[:]), false)
	wrote()
	return true, false
}

// linkPrev links rel from the build before (out.linkFrom: the release
// replaced) when its file there has the bytes of hash h, so that publish
// sees it unchanged, as output.link does with a file made; it reports
// whether it did.
func linkPrev(w *worker, out *output, rel string, h key, dir bool) bool {
	prev := filepath.Join(out.linkFrom, filepath.FromSlash(rel))
	if pi, err := os.Lstat(prev); err != nil || !pi.Mode().IsRegular() {
		return false
	}
	data, err := readInto(prev, w.prev)
	w.prev = data
	p := out.path(rel)
	if err != nil || sha256.Sum256(data) != h || out.make(p, dir, func() error { return os.Link(prev, p) }) != nil {
		return false
	}
	out.record(rel, hex.EncodeToString(h[:]), true)
	wrote()
	return true
}

// copyKept copies the kept file obj, of hash h, to rel: in a release
// (Options.Release), which shares no file with the cache, or where it
// cannot be linked. read says the worker's buffer holds its bytes
// already. It reports whether it did.
func copyKept(w *worker, out *output, rel, obj string, h key, read, dir bool) bool {
	if !read && !readKept(w, obj, h) {
		return false
	}
	p := out.path(rel)
	if out.make(p, dir, func() error { return os.WriteFile(p, w.kept, 0o644) }) != nil {
		os.Remove(p)
		return false
	}
	out.bytes.Add(int64(len(w.kept)))
	out.record(rel, hex.EncodeToString(h[:]), false)
	wrote()
	return true
}

// readKept reads the kept file obj into the worker's buffer and reports
// whether it still has the bytes of hash h.
func readKept(w *worker, obj string, h key) bool {
	data, err := readInto(obj, w.kept)
	w.kept = data
	return err == nil && sha256.Sum256(data) == h
}

// keptReads counts the kept files read to check them
// (TestCacheTakesByStamp), spareKept those the spare held (TestCacheSpare),
// runsChecked the search index's runs read to check them.
var keptReads, spareKept, runsChecked atomic.Int64

// readInto reads the file name into buf, grown if need be.
func readInto(name string, buf []byte) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return buf[:0], err
	}
	n := int(info.Size())
	if cap(buf) < n+1 {
		buf = make([]byte, n+1, n+n/4+512)
	}
	buf = buf[:n+1]
	m, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF {
		err = nil // read all of it: a file that grew would fill buf
	}
	return buf[:m], err
}

// store keeps the files of the jobs that ran in the cache, hard-linked
// from out before it is swapped in (copied, for a release), and returns the manifest that lists
// every job's. It is called only when the run had no error.
func (c *buildCache) store(b *builder, out *output) cacheManifest {
	entries := make([]cacheEntry, len(b.jobs))
	kept := make([]bool, len(b.jobs))
	s := b.search
	cores.Each(len(b.jobs), func(i int) {
		j := &b.jobs[i]
		e, _, ok := c.old.entry(j.rel)
		if !j.reused {
			e = cacheEntry{Path: j.rel, Key: j.key, Used: j.used}
			if !c.keep(out, j.rel, &e.Hash) || (j.gz && !c.keep(out, j.rel+".gz", &e.GzHash)) {
				return
			}
		} else if !ok {
			return
		} else if !j.asWas {
			e.Stamp, e.GzStamp = 0, 0 // linked again: stamped anew (save)
		}
		if s != nil && j.page != nil && !j.reused {
			n, ok := s.place(j.page)
			if !ok {
				return
			}
			e.Text = s.sums[n] // summed when the worker kept it
			if !s.stored[n] {
				return
			}
		}
		entries[i], kept[i] = e, true
	})
	n := 0
	for i := range entries {
		if kept[i] {
			entries[n] = entries[i]
			n++
		}
	}
	entries = entries[:n]
	// The search index's files: with no key, found by their content
	// (takeFile).
	for _, rel := range b.searchFiles {
		e := cacheEntry{Path: rel}
		if asWas, taken := b.searchTaken[rel]; taken {
			e, _, _ = c.old.entry(rel)
			if !asWas {
				e.Stamp = 0 // linked again: stamped anew (save)
			}
		} else if !c.keep(out, rel, &e.Hash) {
			continue
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b cacheEntry) int { return strings.Compare(a.Path, b.Path) })
	return cacheManifest{ID: c.id, Entries: entries, Runs: c.runs}
}

// madeAnew lists the files a cached build wrote, not reused, sorted.
func (b *builder) madeAnew() []string {
	var list []string
	for _, rel := range b.searchFiles {
		if _, taken := b.searchTaken[rel]; !taken {
			list = append(list, rel)
		}
	}
	for i := range b.jobs {
		if j := &b.jobs[i]; !j.reused {
			list = append(list, j.rel)
			if j.gz {
				list = append(list, j.rel+".gz")
			}
		}
	}
	slices.Sort(list)
	return list
}

// keep puts the file written at rel into the cache, setting h to its
// content hash; it reports whether it did.
func (c *buildCache) keep(out *output, rel string, h *key) bool {
	hash, ok := out.hashes[rel]
	if _, err := hex.Decode(h[:], []byte(hash)); !ok || err != nil {
		return false
	}
	return c.put(c.object(*h), func(tmp string) error {
		if !out.release && os.Link(out.path(rel), tmp) == nil {
			return nil
		}
		// A release's (Options.Release), or another file system: a
		// copy.
		data, err := os.ReadFile(out.path(rel))
		if err != nil {
			return err
		}
		return os.WriteFile(tmp, data, 0o644)
	})
}

// keepText puts a page's text, of SHA-256 h, into the cache; it reports
// whether it did.
func (c *buildCache) keepText(text string, h key) bool {
	return c.put(c.path("texts", h), func(tmp string) error {
		return os.WriteFile(tmp, []byte(text), 0o644)
	})
}

// put makes the kept file dst with write, under a name of its own until it
// is whole, then in one rename: two workers may keep the same bytes at
// once. A file kept under that name before is replaced: it may be one
// found corrupted.
func (c *buildCache) put(dst string, write func(tmp string) error) bool {
	if mkdir(filepath.Dir(dst)) != nil {
		return false
	}
	tmp := fmt.Sprintf("%s.tmp-%d", dst, c.tmps.Add(1))
	os.Remove(tmp) // a killed build's
	if write(tmp) != nil {
		os.Remove(tmp)
		return false
	}
	err := os.Rename(tmp, dst)
	os.Remove(tmp) // left when it and dst were already one file
	return err == nil
}

// save writes the manifest m in place of the old one, in one rename, then
// removes the kept files it does not name. It stamps each entry's kept
// files first: OUT is in place and the old one gone, so their links, and
// so their change times, are what they stay until the next build. A file
// the spare held untouched keeps its stamp (store leaves it), unless
// another entry names the same kept file: linking that one again may
// have changed it after it was found untouched, and every build would
// then find one of the two changed.
func (c *buildCache) save(m cacheManifest) error {
	// What the manifest names, as sorted lists: a portal's are millions.
	var objects, texts []key
	for _, e := range m.Entries {
		objects = append(objects, e.Hash, e.GzHash)
		texts = append(texts, e.Text)
	}
	slices.SortFunc(objects, func(a, b key) int { return bytes.Compare(a[:], b[:]) })
	shared := map[key]bool{}
	for i := 1; i < len(objects); i++ {
		if objects[i] == objects[i-1] {
			shared[objects[i]] = true
		}
	}
	objects, texts = slices.Compact(objects), sortedKeys(texts)
	unstamped := func(e *cacheEntry) bool {
		return (e.Stamp == 0 || shared[e.Hash]) && e.Hash != (key{}) || (e.GzStamp == 0 || shared[e.GzHash]) && e.GzHash != (key{})
	}
	// A run keeps its stamp when it is still the one recorded; one made
	// by this build is stamped anew.
	runsMade := false
	for i := range m.Runs {
		r := &m.Runs[i]
		info, err := os.Lstat(c.path("runs", r.Name))
		if r.Stamp = c.old.runStamp(r.Name); err != nil || r.Stamp == 0 || stamp.Of(info) != r.Stamp {
			r.Stamp, runsMade = 0, true
		}
	}
	if runsMade || slices.ContainsFunc(m.Entries, func(e cacheEntry) bool { return unstamped(&e) }) {
		// A kept file changed later in the tick of its last link would
		// keep its stamp (stamp.Settled).
		time.Sleep(stamp.Tick)
	}
	now := time.Now()
	for i := range m.Runs {
		if r := &m.Runs[i]; r.Stamp == 0 {
			if info, err := os.Lstat(c.path("runs", r.Name)); err == nil {
				r.Stamp = stamp.Settled(info, now)
			}
		}
	}
	cores.EachReading(len(m.Entries), func(i int) {
		if e := &m.Entries[i]; unstamped(e) {
			if e.Stamp == 0 || shared[e.Hash] {
				e.Stamp = c.stamp(e.Hash, now)
			}
			if e.GzStamp == 0 || shared[e.GzHash] {
				e.GzStamp = c.stamp(e.GzHash, now)
			}
		}
	})
	name := filepath.Join(c.dir, "manifest")
	tmp := fmt.Sprintf("%s.tmp-%d", name, os.Getpid())
	if err := writeManifest(tmp, m); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	reached("cache")
	var runs []key
	for _, r := range m.Runs {
		runs = append(runs, r.Name)
	}
	removeUnnamed(filepath.Join(c.dir, "runs"), sortedKeys(runs)) // a few files, unlike the others
	if c.old != nil {
		// Those the manifest before named and this one does not. What a
		// killed build kept and named in no manifest stays until the
		// next build that finds no manifest to use.
		for e := range c.old.entries() {
			for _, h := range []key{e.Hash, e.GzHash} {
				if !named(objects, h) && h != (key{}) {
					os.Remove(c.object(h))
				}
			}
			if !named(texts, e.Text) && e.Text != (key{}) {
				os.Remove(c.path("texts", e.Text))
			}
		}
		return nil
	}
	removeUnnamed(filepath.Join(c.dir, "objects"), objects)
	removeUnnamed(filepath.Join(c.dir, "texts"), texts)
	return nil
}

// sortedKeys sorts list and drops its repeats.
func sortedKeys(list []key) []key {
	slices.SortFunc(list, func(a, b key) int { return bytes.Compare(a[:], b[:]) })
	return slices.Compact(list)
}

// named reports whether the sorted list holds h.
func named(list []key, h key) bool {
	_, ok := slices.BinarySearchFunc(list, h, func(a, b key) int { return bytes.Compare(a[:], b[:]) })
	return ok
}

// removeUnnamed removes the files kept in dir (in its folders 00 to ff)
// that the sorted list names does not name.
func removeUnnamed(dir string, names []key) {
	dirs, _ := os.ReadDir(dir)
	for _, d := range dirs {
		sub := filepath.Join(dir, d.Name())
		files, _ := os.ReadDir(sub)
		for _, f := range files {
			var h key
			if n, err := hex.Decode(h[:], []byte(f.Name())); err != nil || n != len(h) || !named(names, h) {
				os.Remove(filepath.Join(sub, f.Name()))
			}
		}
		os.Remove(sub) // when that left it empty
	}
}

// stamp is the stamp of the kept file of hash h, taken at now; zero when
// there is none, or when it is not settled (stamp.Settled).
func (c *buildCache) stamp(h key, now time.Time) stamp.Stamp {
	if h == (key{}) {
		return 0
	}
	info, err := os.Lstat(c.object(h))
	if err != nil {
		return 0
	}
	return stamp.Settled(info, now)
}

// close lets go of the cache folder.
func (c *buildCache) close() {
	if c != nil {
		for _, f := range c.open {
			f.Close()
		}
		c.release()
	}
}

// sameFileSystem reports whether the folders a and b are on one file
// system (a hard link can join them); true where the system does not say.
func sameFileSystem(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	for err2 != nil && filepath.Dir(b) != b { // OUT's folder to be: the nearest that is
		b = filepath.Dir(b)
		sb, err2 = os.Stat(b)
	}
	if err1 != nil || err2 != nil {
		return false
	}
	return sameDevice(sa, sb)
}
