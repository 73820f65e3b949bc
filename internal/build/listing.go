package build

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"gongkai/internal/record"
	"gongkai/internal/stamp"
)

// A listing is what a build with the build cache left in OUT, kept in the
// cache's folder for the build that takes that site over as its spare
// (output.go): every folder, with its stamp, and every file. Adding,
// removing or renaming anything in a folder moves its times, so a folder
// that still has the stamp listed for it holds what is listed, and tidy
// does not read it; a folder whose stamp is another, or 0, is read as
// before. At 100,000 pages, opening and reading the spare's 108,000
// folders was most of a cached build's system time; a stat each is a
// fifth of that.
//
// The cache's folder holds two: out.list, of OUT as the last build left
// it, which becomes spare.list when the next build swaps that site out
// into the spare. Nothing in them is trusted but through the stamps: a
// listing of another folder, or of this one before it changed, has other
// stamps (they hash the inode too), and its folders are read.
type listing struct {
	out     string      // OUT when it was listed, absolute
	dirMode fs.FileMode // a new folder's mode there then (tidy sets any other)
	entries []listEntry // sorted by path: a folder's contents follow it, together
}

// listEntry is one file or folder of a listing.
type listEntry struct {
	path  string      // in OUT, slash-separated
	dir   bool        // a folder
	stamp stamp.Stamp // a folder's, when listed; 0: not to be trusted
	// held says tidy found the folder with its stamp: unless the build
	// changed something in it (output.touch), it has it still.
	held bool
}

const listingVersion = "gongkai listing 1\n"

// foldersRead counts the spare's folders tidy read, not taken as listed
// (TestCacheSpare).
var foldersRead atomic.Int64

// listingNow is the time folders are stamped at: a test sets it later,
// for folders changed a moment ago to be stamped (stamp.MakeSettled).
var listingNow = time.Now

// The names of the two listings in the cache's folder, beside the spare.
const (
	outListing   = "out.list"
	spareListing = "spare.list"
)

// readListing reads the listing at name; nil when there is none whole.
func readListing(name string) *listing {
	body, ok := record.ReadFile(name)
	if !ok {
		return nil
	}
	r := record.Reader{S: body}
	if r.Bytes(len(listingVersion)) != listingVersion {
		return nil
	}
	l := &listing{out: r.Str(), dirMode: fs.FileMode(r.Uvarint())}
	n := r.Uvarint()
	if r.Bad || n > uint64(len(r.S)) {
		return nil
	}
	l.entries = make([]listEntry, 0, n)
	for ; n > 0 && !r.Bad; n-- {
		e := listEntry{path: r.Str(), dir: r.Byte() == 1}
		if e.dir {
			e.stamp = stamp.Stamp(r.U64())
		}
		l.entries = append(l.entries, e)
	}
	if r.Bad || len(r.S) > 0 {
		return nil
	}
	return l
}

// write writes l to the file name, in one rename.
func (l *listing) write(name string) error {
	tmp := fmt.Sprintf("%s.tmp-%d", name, os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := record.NewWriter(f)
	b := record.AppendStr([]byte(listingVersion), l.out)
	b = binary.AppendUvarint(b, uint64(l.dirMode))
	b = binary.AppendUvarint(b, uint64(len(l.entries)))
	for _, e := range l.entries {
		b = record.AppendStr(b, e.path)
		if e.dir {
			b = binary.LittleEndian.AppendUint64(append(b, 1), uint64(e.stamp))
		} else {
			b = append(b, 0)
		}
		if len(b) > 32<<10 {
			w.Write(b)
			b = b[:0]
		}
	}
	w.Write(b)
	if err := errors.Join(w.Seal(), f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}

// folder is the index of the folder rel, if listed as one.
func (l *listing) folder(rel string) (int, bool) {
	if l == nil {
		return 0, false
	}
	i, found := slices.BinarySearchFunc(l.entries, rel, func(e listEntry, p string) int { return strings.Compare(e.path, p) })
	return i, found && l.entries[i].dir
}

// in gives the index of each entry directly in the folder of entry i.
// What is in a folder in it comes after it, together, but not always
// right after it ("a.txt" sorts between "a" and "a/b"): it is skipped
// where it starts.
func (l *listing) in(i int, yield func(int)) {
	prefix := l.entries[i].path + "/"
	from := func(i int, p string) int {
		return i + sort.Search(len(l.entries)-i, func(k int) bool { return l.entries[i+k].path >= p })
	}
	for i = from(i, prefix); i < len(l.entries) && strings.HasPrefix(l.entries[i].path, prefix); {
		rest := l.entries[i].path[len(prefix):]
		if k := strings.IndexByte(rest, '/'); k >= 0 {
			i = from(i, prefix+rest[:k]+"0") // '0' follows '/'
			continue
		}
		yield(i)
		i++
	}
}

// makeListing lists the files made into o (o.hashes) and their folders,
// each with its stamp, once the build is done with them: the one tidy
// found it with when the build changed nothing in it (touch), else the
// one it has now (stampFolders). nil where stamps are not read.
func (o *output) makeListing() *listing {
	l := o.listed
	if l == nil || o.junk != "" || !l.holds(o.hashes) {
		// Files added or removed (or a spare set aside by relink, not
		// the folder made): listed anew.
		l = newListing(o.hashes)
	}
	l.out, l.dirMode = absolute(o.out), o.dirMode
	var stat []int // the folders not held as they were
	for i := range l.entries {
		if e := &l.entries[i]; e.dir && !(e.held && !o.touched[e.path] && o.junk == "") {
			stat = append(stat, i)
		}
	}
	dirs := make([]string, len(stat))
	for k, i := range stat {
		dirs[k] = l.entries[i].path
	}
	stamps := o.stampFolders(dirs)
	if stamps == nil {
		return nil
	}
	for k, i := range stat {
		l.entries[i].stamp = stamps[k]
	}
	return l
}

// holds reports whether l lists just the files of made, the build's:
// after an edit of pages, most often. The listing is then the new one's,
// but for stamps, without sorting a portal's paths anew.
func (l *listing) holds(made map[string]string) bool {
	files := 0
	for _, e := range l.entries {
		if !e.dir {
			if _, ok := made[e.path]; !ok {
				return false
			}
			files++
		}
	}
	return files == len(made)
}

// newListing lists the files of made and their folders, with no stamps.
func newListing(made map[string]string) *listing {
	l := &listing{entries: make([]listEntry, 0, 2*len(made))}
	dirs := make(map[string]bool)
	for rel := range made {
		l.entries = append(l.entries, listEntry{path: rel})
		for d := path.Dir(rel); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			l.entries = append(l.entries, listEntry{path: d, dir: true})
		}
	}
	slices.SortFunc(l.entries, func(a, b listEntry) int { return strings.Compare(a.path, b.path) })
	return l
}

// absolute is the absolute path of the folder out, or out: a site built
// from its folder and from another names OUT in two ways.
func absolute(out string) string {
	if abs, err := filepath.Abs(out); err == nil {
		return abs
	}
	return out
}

// touch notes, in a spare taken over with a listing, that the build
// changes what is in the folder of the file p (a path in o) and so in
// those above it: they do not keep the stamps tidy found.
func (o *output) touch(p string) {
	if !o.reusing || o.listed == nil {
		return
	}
	rel, err := filepath.Rel(o.tmp, p)
	if err != nil {
		return
	}
	o.touchMu.Lock()
	defer o.touchMu.Unlock()
	for d := path.Dir(filepath.ToSlash(rel)); d != "." && !o.touched[d]; d = path.Dir(d) {
		o.touched[d] = true
	}
}

// keepListing writes what the new OUT holds (made by makeListing before
// the swap) beside the spare, and, when the site before it became the
// spare (kept), moves that site's listing to the spare's. (One made of
// another OUT, by a build with another -o, is not used: openOutput
// checks.)
func (o *output) keepListing(made *listing, kept bool) {
	if o.spare == "" {
		return
	}
	out, spare := filepath.Join(filepath.Dir(o.spare), outListing), filepath.Join(filepath.Dir(o.spare), spareListing)
	if !kept || os.Rename(out, spare) != nil {
		os.Remove(spare)
	}
	if made == nil || made.write(out) != nil {
		os.Remove(out)
	}
}
