package build

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"gongkai/internal/diag"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gongkai/internal/cores"
	"gongkai/internal/stamp"
)

// output is the folder a build writes into: a fresh temporary folder
// beside OUT, swapped in for OUT only when the whole build succeeded, so
// OUT is either the old site or the new one, never a mix.
//
// A build with the build cache keeps the old site, once swapped out, as
// the spare, in the cache's folder (on OUT's file system, or there is no
// cache: openCache), and the next build takes the spare
// over as its temporary folder and brings it up to date, instead of
// making a new folder of every file and removing the old one: a kept
// file the spare still holds (the same inode, unchanged: its stamp) is
// left as it is, any other file made anew in place of what is there,
// and what the build did not make removed before the swap (prune). At a
// portal's size, making a folder of a hundred thousand links and
// removing as many was seconds of each build.
//
// A preview update holds its files in memory instead (held), and writes
// them into out in place only when the update had no error.
type output struct {
	out      string   // the final folder
	tmp      string   // where this build writes; "" for a discarding output or a preview update
	lock     *os.File // held until the build ends; nil once released
	lockPath string
	spare    string // where the old site is kept for the next build; "" to remove it
	// reusing says tmp is the spare, taken over: a file in it may be a
	// link to a kept file, so none is written through; each is removed
	// before a file is made in its place (make).
	reusing bool
	// The modes a new file and a new folder get here (the umask taken
	// off): a kept file or a folder of the spare with another is given
	// it, as a clean build's would have it.
	fileMode, dirMode fs.FileMode
	// What tidy found in the spare, for prune: its files' paths, each
	// ended by a NUL (one string: a portal's are a million), and its
	// empty folders.
	spareFiles string
	spareEmpty []string
	// seen is given, by tidy, each of the spare's files that has the
	// mode a new file gets, with its stamp (on Linux; elsewhere there are
	// no stamps): the build cache takes a file whose stamp is the one it
	// recorded as it is (oldManifest.seeSpare). nil: not asked.
	seen func(rel string, st stamp.Stamp)
	// junk is a taken-over spare that held what prune could not remove,
	// set aside by relink.
	junk string

	mu      sync.Mutex
	held    map[string][]byte // a preview update's files, by output path
	removed []string          // a preview update's files to delete

	// linkFrom is an earlier build: a file the same as the one at its
	// path there is hard-linked from it, and listed in linked.
	linkFrom string
	linked   map[string]bool
	// release says the folder is to be a published release
	// (Options.Release): none of its files may be one of the build
	// cache's.
	release bool
	hashes  map[string]string // SHA-256 of each file's content, when asked for
	bytes   atomic.Int64      // written, not linked
}

// openOutput takes the lock beside out and makes the temporary folder;
// given a spare (a build with the build cache: the caller holds its
// lock), it takes the spare over as that folder, when there is one, and
// keeps the old site there; tidy gives seen its files' stamps. A second
// build into the same folder at the same time is refused.
func openOutput(out, spare string, seen func(rel string, st stamp.Stamp)) (*output, error) {
	if out == "" {
		// filepath.Clean would make it ".", and a build would replace the
		// current folder.
		return nil, errors.New("no output folder")
	}
	out = filepath.Clean(out)
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lockPath := filepath.Join(parent, "."+base+".lock")
	lock, err := takeLock(lockPath)
	if err != nil {
		if errors.Is(err, ErrLocked) {
			return nil, diag.Errorf("", 0, "another build is writing %s; try again when it is done", out)
		}
		return nil, err
	}
	o := &output{out: out, lock: lock, lockPath: lockPath, seen: seen}
	// Holding the lock, any temporary folder left here is from a build
	// that was killed: clear them so they do not pile up. With a spare
	// to keep and none kept, one becomes the spare instead (removing a
	// portal's site takes minutes; bringing it up to date, seconds).
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	for _, s := range stale {
		if _, err := os.Lstat(spare); spare != "" && errors.Is(err, fs.ErrNotExist) && os.Rename(s, spare) == nil {
			continue
		}
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		o.unlock()
		return nil, err
	}
	os.Chmod(tmp, 0o755)
	o.tmp = tmp
	o.spare = spare
	o.fileMode, o.dirMode = newModes(tmp)
	if info, err := os.Lstat(spare); spare != "" && err == nil && !info.IsDir() {
		os.Remove(spare) // not made by a build: a spare is a folder
	} else if spare != "" && err == nil && os.Remove(tmp) == nil {
		if os.Rename(spare, tmp) == nil && o.tidy() {
			o.reusing = true
		} else if err := o.fresh(); err != nil {
			o.unlock()
			return nil, err
		}
	}
	return o, nil
}

// newModes returns the modes a file and a folder made in dir get, by
// making one of each.
func newModes(dir string) (file, folder fs.FileMode) {
	file, folder = 0o644, 0o755
	p := filepath.Join(dir, ".mode")
	if os.WriteFile(p, nil, 0o644) == nil {
		if info, err := os.Lstat(p); err == nil {
			file = modeOf(info)
		}
		os.Remove(p)
	}
	if os.Mkdir(p, 0o755) == nil {
		if info, err := os.Lstat(p); err == nil {
			folder = modeOf(info)
		}
		os.Remove(p)
	}
	return file, folder
}

// modeOf is a file's permissions, with the bits that go with them.
func modeOf(info fs.FileInfo) fs.FileMode {
	return info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
}

// ErrLocked says another process holds a lock (Lock, or a build's OUT).
var ErrLocked = errors.New("locked by another process")

// Lock takes the lock file at path as a build takes the one beside OUT,
// for another writer of a folder (gongkai publish, for its web root): it
// fails with ErrLocked while another process holds it, and release
// removes the file, so that nothing is left behind; the file a killed
// process left is taken over.
func Lock(path string) (release func(), err error) {
	f, err := takeLock(path)
	if err != nil {
		return nil, err
	}
	o := &output{lock: f, lockPath: path}
	return o.unlock, nil
}

// takeLock locks the file at path (lockFile), making it if need be. unlock
// removes the file before letting go of it, so that a finished build
// leaves nothing beside OUT; a killed one leaves the file, which the next
// build takes over.
func takeLock(path string) (*os.File, error) {
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		// The build before us may have removed the file between our open
		// and our lock: then we hold a lock no one else can find, and
		// must take the one now at path.
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close()
	}
}

// unlock removes the lock file and lets go of the lock, once.
func (o *output) unlock() {
	if o.lock == nil {
		return
	}
	removed := os.Remove(o.lockPath) == nil
	o.lock.Close()
	if !removed {
		os.Remove(o.lockPath) // Windows removes no file that is open
	}
	o.lock = nil
}

// GONGKAI_KILLPOINT is a test hook, read once: the process kills itself
// (SIGKILL) at a named moment of writing OUT, so that crash tests are
// reproducible. "write:N" is right after the Nth file written (or linked),
// "commit" just before the temporary folder is swapped in, "swapped" just
// after, before the old site is removed. Other writers name their own
// points with KillPoint (package publish: "publish:…").
var killPoint, killWrite = parseKillPoint(os.Getenv("GONGKAI_KILLPOINT"))

// writes counts files written, for the write:N kill point.
var writes atomic.Int64

func parseKillPoint(s string) (string, int64) {
	if n, ok := strings.CutPrefix(s, "write:"); ok {
		w, _ := strconv.ParseInt(n, 10, 64)
		return "", w
	}
	return s, 0
}

// wrote is called after each file written.
func wrote() {
	if killWrite > 0 && writes.Add(1) == killWrite {
		kill()
	}
}

// reached is called at the named kill points.
func reached(point string) {
	if killPoint == point {
		kill()
	}
}

// KillPoint kills the process when GONGKAI_KILLPOINT names point: for
// the crash tests of the other writers of folders (package publish).
func KillPoint(point string) { reached(point) }

func kill() {
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Kill() // SIGKILL, or TerminateProcess on Windows
	}
	select {} // the signal is on its way
}

// discards reports whether o writes nothing at all.
func (o *output) discards() bool { return o.tmp == "" && o.held == nil }

// path returns where the site-relative file rel is written.
func (o *output) path(rel string) string {
	return filepath.Join(o.tmp, filepath.FromSlash(rel))
}

// write puts data at rel. data may be reused once write returns.
func (o *output) write(rel string, data []byte) error { return o.writeSum(rel, data, nil) }

// writeSum is write, given data's SHA-256 when the caller has it already.
func (o *output) writeSum(rel string, data []byte, sum *key) error {
	if o.held != nil {
		o.mu.Lock()
		o.held[rel] = bytes.Clone(data)
		o.mu.Unlock()
		return nil
	}
	if o.tmp == "" {
		return nil
	}
	if o.hashes != nil {
		if sum == nil {
			s := key(sha256.Sum256(data))
			sum = &s
		}
		o.record(rel, hex.EncodeToString(sum[:]), false)
	}
	p := o.path(rel)
	if o.linkFrom != "" {
		if err := mkdir(filepath.Dir(p)); err != nil {
			return err
		}
		if o.link(rel, p, bytes.NewReader(data), int64(len(data))) {
			return nil
		}
	}
	if err := o.make(p, o.linkFrom == "", func() error { return writeOut(p, data, 0o644) }); err != nil {
		return err
	}
	o.bytes.Add(int64(len(data)))
	wrote()
	return nil
}

// writeOut is os.WriteFile; tests make it fail as a full disk does.
var writeOut = os.WriteFile

// record notes rel's content hash and whether it was linked.
func (o *output) record(rel, hash string, linked bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if hash != "" && o.hashes != nil {
		o.hashes[rel] = hash
	}
	if linked {
		o.linked[rel] = true
	}
}

// forget undoes record for rel, whose file was removed to be made again.
func (o *output) forget(rel string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.linked, rel)
	if o.hashes != nil {
		delete(o.hashes, rel)
	}
}

// isLinked reports whether rel was hard-linked from linkFrom.
func (o *output) isLinked(rel string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.linked[rel]
}

// link hard-links the file at rel in linkFrom to p when its content is
// content's (size bytes), and reports whether it did.
func (o *output) link(rel, p string, content io.Reader, size int64) bool {
	if o.linkFrom == "" {
		return false
	}
	old := filepath.Join(o.linkFrom, filepath.FromSlash(rel))
	if !sameContent(old, content, size) || os.Link(old, p) != nil {
		return false
	}
	o.record(rel, "", true)
	wrote()
	return true
}

// linkOnly hard-links rel from linkFrom without comparing: for a file made
// from another that was linked, and so the same (a .gz). It reports
// whether there was a file to link.
func (o *output) linkOnly(rel string) bool {
	if o.linkFrom == "" || o.tmp == "" {
		return false
	}
	old := filepath.Join(o.linkFrom, filepath.FromSlash(rel))
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || os.Link(old, o.path(rel)) != nil {
		return false
	}
	if o.hashes != nil {
		data, err := os.ReadFile(old)
		if err != nil {
			return false
		}
		sum := sha256.Sum256(data)
		o.record(rel, hex.EncodeToString(sum[:]), false)
	}
	o.record(rel, "", true)
	wrote()
	return true
}

// sameContent reports whether the regular file at name holds exactly the
// size bytes r reads.
func sameContent(name string, r io.Reader, size int64) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != size {
		return false
	}
	var a, b [32 << 10]byte
	for {
		n, err := io.ReadFull(r, a[:])
		if n > 0 {
			if m, _ := io.ReadFull(f, b[:n]); m != n || !bytes.Equal(a[:n], b[:n]) {
				return false
			}
		}
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			m, _ := f.Read(b[:1])
			return m == 0
		default:
			return false
		}
	}
}

// tidy readies a taken-over spare before anything is made in it, and
// lists what it holds for prune. What in it is neither a regular file
// nor a folder is removed: a link put into OUT, which the spare was,
// would lead the files made through it out of the spare. Each folder
// gets the mode a new one has (dirMode; the spare's own, 0755, as the
// temporary folder's): one made unreadable would fail every build, one
// made private would be published so. It reports whether the spare can
// be built in.
func (o *output) tidy() bool {
	if os.Chmod(o.tmp, 0o755) != nil {
		return false
	}
	entries, err := os.ReadDir(o.tmp)
	if err != nil {
		return false
	}
	found := make([]spareList, len(entries))
	var bad atomic.Bool
	cores.EachReading(len(entries), func(i int) {
		if !o.tidyIn(entries[i].Name(), entries[i].Type(), &found[i]) {
			bad.Store(true)
		}
	})
	var files strings.Builder
	for _, f := range found {
		files.Write(f.files)
		o.spareEmpty = append(o.spareEmpty, f.empty...)
	}
	o.spareFiles = files.String()
	return !bad.Load()
}

// spareList is what tidy found under one of the spare's entries.
type spareList struct {
	files []byte // paths, each ended by a NUL
	empty []string
	buf   []byte // what a folder is read into (on Linux)
}

// fresh sets a taken-over spare that could not be tidied aside and makes
// the temporary folder anew: it is removed, or, if even that fails (a
// folder in it that cannot be changed), left in the cache's folder under
// a name no build takes.
func (o *output) fresh() error {
	if os.RemoveAll(o.tmp) != nil {
		os.Rename(o.tmp, fmt.Sprintf("%s-unusable-%d", o.spare, time.Now().UnixNano()))
	}
	return os.Mkdir(o.tmp, 0o755)
}

// make runs mk, which makes the file at p, after making its folder when
// dir is set (a .gz goes beside a file just made). In a taken-over spare
// (reusing) it first removes what is at p, and if that fails, or mk
// does, it removes whatever stands in the way (a file where a folder must
// be, a folder where the file must be) and runs mk again.
func (o *output) make(p string, dir bool, mk func() error) error {
	if o.reusing {
		if err := os.Remove(p); (err == nil || errors.Is(err, fs.ErrNotExist)) && (!dir || mkdir(filepath.Dir(p)) == nil) && mk() == nil {
			return nil
		}
		o.clearWay(p)
		dir = true
	}
	if dir {
		if err := mkdir(filepath.Dir(p)); err != nil {
			return err
		}
	}
	return mk()
}

// clearWay removes, in the spare, what is at p and any file where a
// folder above p must be.
func (o *output) clearWay(p string) {
	rel, err := filepath.Rel(o.tmp, p)
	if err != nil {
		return
	}
	dir := o.tmp
	parts := strings.Split(rel, string(filepath.Separator))
	for _, part := range parts[:len(parts)-1] {
		dir = filepath.Join(dir, part)
		if info, err := os.Lstat(dir); err != nil || info.IsDir() {
			continue
		}
		os.Remove(dir)
	}
	os.RemoveAll(p)
}

// mkdir makes dir, and its parents only when they are missing: most
// pages sit in a folder of their own under an existing one, so this is
// one system call where MkdirAll takes several.
func mkdir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	switch {
	case err == nil || errors.Is(err, fs.ErrExist):
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	}
	return err
}

// copy copies the file name of fsys to rel.
func (o *output) copy(rel string, fsys fs.FS, name string) error {
	if o.held != nil {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		return o.write(rel, data)
	}
	if o.tmp == "" {
		return nil
	}
	p := o.path(rel)
	if o.linkFrom != "" {
		if err := mkdir(filepath.Dir(p)); err != nil {
			return err
		}
		if info, err := fs.Stat(fsys, name); err == nil {
			src, err := fsys.Open(name)
			if err != nil {
				return err
			}
			h := sha256.New()
			same := o.link(rel, p, io.TeeReader(src, h), info.Size())
			src.Close()
			if same {
				o.record(rel, hex.EncodeToString(h.Sum(nil)), false)
				return nil
			}
		}
	}
	src, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	var dst *os.File
	if err := o.make(p, o.linkFrom == "", func() (err error) {
		dst, err = os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		return err
	}); err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(dst, h), src)
	if err != nil {
		dst.Close()
		return err
	}
	if err := dst.Close(); err != nil {
		return err
	}
	o.bytes.Add(n)
	o.record(rel, hex.EncodeToString(h.Sum(nil)), false)
	wrote()
	return nil
}

// written lists a preview update's files, sorted.
func (o *output) written() []string {
	return slices.Sorted(maps.Keys(o.held))
}

// commit replaces out by the new folder in one step (swapFolders), then
// removes the old site. A preview update writes its
// held files in place instead; a discarding output does nothing.
func (o *output) commit() error {
	if o.held != nil {
		return o.writeHeld()
	}
	if o.tmp == "" {
		return nil
	}
	defer o.unlock()
	reached("commit")
	if o.reusing && !o.prune() {
		if err := o.relink(); err != nil {
			o.abort()
			return fmt.Errorf("a file of the site before, which the build took over, could not be removed, and the site could not be linked into a new folder instead: %w", err)
		}
	}
	if _, err := os.Lstat(o.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(o.tmp, o.out); err != nil {
			o.abort()
			return err
		}
		reached("swapped")
		return o.removeJunk()
	}
	if info, err := os.Lstat(o.out); err == nil && !info.IsDir() {
		o.abort()
		return diag.Errorf("", 0, "%s is not a folder: give the output folder's own path (-o), not a link or a file", o.out)
	}
	if err := swapFolders(o.tmp, o.out); err != nil {
		// Systems that cannot swap two folders: two renames, with a moment
		// in which out is missing, but never a mixed site.
		old := o.tmp + "-old"
		if err := os.Rename(o.out, old); err != nil {
			o.abort()
			return err
		}
		if err := os.Rename(o.tmp, o.out); err != nil {
			os.Rename(old, o.out)
			o.abort()
			return err
		}
		reached("swapped")
		return errors.Join(o.retire(old), o.removeJunk())
	}
	reached("swapped")
	return errors.Join(o.retire(o.tmp), o.removeJunk()) // o.tmp now holds the old site
}

// relink makes a new temporary folder of links to the files the build
// made in the taken-over spare, which holds something prune could not
// remove, and sets the spare aside as junk, removed as an old site is
// once the new one is in place: what a build without the cache makes.
func (o *output) relink() error {
	tmp, err := os.MkdirTemp(filepath.Dir(o.out), "."+filepath.Base(o.out)+".tmp-")
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	for rel := range o.hashes {
		if err != nil {
			break
		}
		p := filepath.Join(tmp, filepath.FromSlash(rel))
		if err = os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
			err = os.Link(o.path(rel), p)
		}
	}
	if err != nil {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		return err
	}
	o.junk, o.tmp, o.reusing = o.tmp, tmp, false
	return nil
}

// removeJunk removes the spare set aside by relink, if any.
func (o *output) removeJunk() error {
	if o.junk == "" {
		return nil
	}
	return removeOld(o.junk)
}

// retire keeps the old site, swapped out to dir, as the spare, or else
// removes it.
func (o *output) retire(dir string) error {
	if o.spare != "" && os.Rename(dir, o.spare) == nil {
		return nil
	}
	return removeOld(dir)
}

// prune removes from a taken-over spare the files tidy found in it that
// this build did not make (those it made are in hashes), and the folders
// that leaves empty. It reports whether the spare now holds only what
// the build made: a file or an empty folder it cannot remove (one
// another user put into OUT, which the spare was) would be published.
func (o *output) prune() bool {
	if o.hashes == nil {
		return true
	}
	var gone []string
	for rest := o.spareFiles; rest != ""; {
		rel, after, _ := strings.Cut(rest, "\x00")
		if _, made := o.hashes[rel]; !made {
			gone = append(gone, rel)
		}
		rest = after
	}
	var stuck atomic.Bool
	cores.EachReading(len(gone), func(i int) {
		err := removeEntry(o.path(gone[i]))
		if err == nil {
			err = o.removeEmpty(path.Dir(gone[i]))
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			stuck.Store(true)
		}
	})
	for _, rel := range o.spareEmpty {
		if o.removeEmpty(rel) != nil {
			stuck.Store(true)
		}
	}
	return !stuck.Load()
}

// removeEmpty removes the folder rel and those above it, up to the
// spare's own, while they are empty. It fails when one that is empty
// could not be removed.
func (o *output) removeEmpty(rel string) error {
	for ; rel != "."; rel = path.Dir(rel) {
		p := o.path(rel)
		err := removeEntry(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			if f, ferr := os.Open(p); ferr == nil {
				names, _ := f.Readdirnames(1)
				f.Close()
				if len(names) > 0 {
					return nil // not empty: it holds what the build made
				}
			}
			return err
		}
	}
	return nil
}

// removeEntry removes a file or an empty folder: a variable, for the test
// of a removal that fails (as root, on Linux, none does for permissions).
var removeEntry = os.Remove

// oldSiteLeft says that the new site is in place but the old one, in dir,
// could not all be removed (on Windows, a file another program has open
// cannot be): the build has not failed.
type oldSiteLeft struct {
	dir string
	err error
}

func (e *oldSiteLeft) Error() string { return e.err.Error() }

// removeOld removes the old site, swapped out to dir.
func removeOld(dir string) error {
	if err := removeTree(dir); err != nil {
		return &oldSiteLeft{dir: dir, err: err}
	}
	return nil
}

// removeTree removes the folder dir and all it holds, its entries on all
// cores: the old site of a portal is a hundred thousand files, in the
// folders of its bodies. A variable, for the test of a removal that fails
// (as root, on Linux, none does).
var removeTree = func(dir string) error {
	entries, _ := os.ReadDir(dir)
	errs := make([]error, len(entries))
	cores.Each(len(entries), func(i int) {
		errs[i] = os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	if err := cmp.Or(errs...); err != nil {
		return err // the first: a portal's could be hundreds
	}
	return os.RemoveAll(dir)
}

// writeHeld writes a preview update into out, and deletes what it removed.
func (o *output) writeHeld() error {
	for _, rel := range o.written() {
		p := filepath.Join(o.out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, o.held[rel], 0o644); err != nil {
			return err
		}
	}
	for _, rel := range o.removed {
		p := filepath.Join(o.out, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		// Drop folders the removal emptied, up to out.
		for dir := filepath.Dir(p); dir != o.out && strings.HasPrefix(dir, o.out); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
	return nil
}

// abort removes the temporary folder, or keeps it as the spare (the next
// build brings any file in it up to date), leaving out as it was.
func (o *output) abort() {
	if o.tmp != "" && strings.Contains(filepath.Base(o.tmp), ".tmp-") {
		if o.spare == "" || os.Rename(o.tmp, o.spare) != nil {
			os.RemoveAll(o.tmp)
		}
	}
	o.unlock()
}

// discard is an output that writes nothing: for a check, and for a run
// that found errors, which renders everything only to report every error.
func discard() *output { return &output{} }

// hold is a preview update's output: its files are held in memory and
// written into out in place, with removed deleted, only on commit.
func hold(out string, removed []string) *output {
	return &output{out: out, held: map[string][]byte{}, removed: removed}
}
