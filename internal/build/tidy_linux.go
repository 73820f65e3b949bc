package build

import (
	"encoding/binary"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"

	"gongkai/internal/cores"
	"gongkai/internal/stamp"
)

// On Linux, tidy walks the spare with system calls of its own: each
// folder opened from the one above it, its entries read with their types
// in a getdents call or two, and each file's stat data read there, for
// seen. os.Open makes seven calls a folder and os.Lstat walks the whole
// path again: at 100,000 pages, the walk and the stat of each kept file
// were a second and a half of a cached build's CPU.

// tidyIn tidies rel, of type t, listing it in found, and reports whether
// it could.
func (o *output) tidyIn(rel string, t fs.FileMode, found *spareList) bool {
	switch {
	case t.IsRegular():
		o.tidyFile(unix.AT_FDCWD, o.path(rel), rel, found)
		return true
	case !t.IsDir():
		return os.Remove(o.path(rel)) == nil
	}
	return o.tidyDir(unix.AT_FDCWD, o.path(rel), rel, found)
}

// tidyFile lists the regular file rel, name in the folder dir, and gives
// seen its stamp when it has the mode a new file gets.
func (o *output) tidyFile(dir int, name, rel string, found *spareList) {
	found.files = append(append(found.files, rel...), 0)
	if o.seen == nil {
		return
	}
	var st unix.Stat_t
	if unix.Fstatat(dir, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG && statMode(uint32(st.Mode)) == o.fileMode {
		o.seen(rel, stamp.Make(int64(st.Size), st.Mtim.Nano(), st.Ctim.Nano(), uint64(st.Ino)))
	}
}

// tidyDir tidies the folder rel, name in the folder parent.
func (o *output) tidyDir(parent int, name, rel string, found *spareList) bool {
	if i, ok := o.listed.folder(rel); ok && o.tidyListed(i, found) {
		return true
	}
	return o.readDir(parent, name, rel, found)
}

// readDir tidies the folder rel, name in the folder parent, reading it.
func (o *output) readDir(parent int, name, rel string, found *spareList) bool {
	foldersRead.Add(1)
	const flags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC | unix.O_NOFOLLOW
	fd, err := unix.Openat(parent, name, flags, 0)
	if err != nil {
		if os.Chmod(o.path(rel), o.dirMode|0o700) != nil {
			return false
		}
		if fd, err = unix.Openat(parent, name, flags, 0); err != nil {
			return os.RemoveAll(o.path(rel)) == nil
		}
	}
	defer unix.Close(fd)
	// A folder's mode is read where it is opened, and set only when it
	// is not a new folder's: setting it marks the folder changed, at a
	// million folders a million writes to the disk.
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || statMode(uint32(st.Mode)) != o.dirMode {
		if os.Chmod(o.path(rel), o.dirMode) != nil {
			return false
		}
	}
	if found.buf == nil {
		found.buf = make([]byte, 16<<10)
	}
	var folders []string // walked once this folder is read: they read into the same buffer
	empty := true
	for {
		n, err := unix.Getdents(fd, found.buf)
		if err != nil {
			return os.RemoveAll(o.path(rel)) == nil
		}
		if n <= 0 {
			break
		}
		for b := found.buf[:n]; len(b) >= 19; {
			// struct linux_dirent64: inode, offset, record length, type, name ended by a NUL
			ino, size, typ := binary.NativeEndian.Uint64(b), int(binary.NativeEndian.Uint16(b[16:])), b[18]
			if size < 19 || size > len(b) {
				return os.RemoveAll(o.path(rel)) == nil
			}
			entry := b[19:size]
			b = b[size:]
			for i, c := range entry {
				if c == 0 {
					entry = entry[:i]
					break
				}
			}
			if ino == 0 || string(entry) == "." || string(entry) == ".." {
				continue
			}
			empty = false
			name := string(entry)
			if typ == unix.DT_UNKNOWN { // a file system that does not say: asked
				var st unix.Stat_t
				if unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW) != nil {
					return false
				}
				typ = dirType(uint32(st.Mode))
			}
			switch typ {
			case unix.DT_REG:
				o.tidyFile(fd, name, rel+"/"+name, found)
			case unix.DT_DIR:
				folders = append(folders, name)
			default:
				if unix.Unlinkat(fd, name, 0) != nil {
					return false
				}
			}
		}
	}
	if empty {
		found.empty = append(found.empty, rel)
	}
	for _, name := range folders {
		if !o.tidyDir(fd, name, rel+"/"+name, found) {
			return false
		}
	}
	return true
}

// tidyListed tidies the folder of the listing's entry i without reading
// it, as listed, when it still has the stamp listed for it and the mode
// a new folder gets, and reports whether it could: its files are the ones
// listed (each stat'ed for seen), and its folders are tidied so too, or
// read.
func (o *output) tidyListed(i int, found *spareList) bool {
	e := &o.listed.entries[i]
	var st unix.Stat_t
	if e.stamp == 0 || unix.Fstatat(found.root, e.path, &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR ||
		statMode(uint32(st.Mode)) != o.dirMode || stamp.Make(int64(st.Size), st.Mtim.Nano(), st.Ctim.Nano(), uint64(st.Ino)) != e.stamp {
		return false
	}
	listed := len(found.files)
	var folders []int
	ok := true
	o.listed.in(i, func(k int) {
		f := &o.listed.entries[k]
		switch {
		case !ok:
		case f.dir:
			folders = append(folders, k)
		default:
			found.files = append(append(found.files, f.path...), 0)
			if o.seen == nil {
				return
			}
			// Unless something changed the folder after all, in the tick
			// of its listing (it is then read).
			if unix.Fstatat(found.root, f.path, &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
				ok = false
			} else if statMode(uint32(st.Mode)) == o.fileMode {
				o.seen(f.path, stamp.Make(int64(st.Size), st.Mtim.Nano(), st.Ctim.Nano(), uint64(st.Ino)))
			}
		}
	})
	if !ok {
		found.files = found.files[:listed]
		return false
	}
	e.held = true
	for _, k := range folders {
		if p := o.listed.entries[k].path; !o.tidyListed(k, found) && !o.readDir(found.root, p, p, found) {
			return false
		}
	}
	return true
}

// openRoot opens the spare's folder, for tidy to find its files from.
func openRoot(dir string) (int, error) {
	return unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
}

func closeRoot(fd int) { unix.Close(fd) }

// stampFolders gives the stamp each folder of dirs (in o) has now, 0 for
// one changed too lately to be trusted (stamp.MakeSettled).
func (o *output) stampFolders(dirs []string) []stamp.Stamp {
	root, err := openRoot(o.tmp)
	if err != nil {
		return nil
	}
	defer closeRoot(root)
	now := listingNow()
	stamps := make([]stamp.Stamp, len(dirs))
	cores.EachReading(len(dirs), func(i int) {
		var st unix.Stat_t
		if unix.Fstatat(root, dirs[i], &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR {
			stamps[i] = stamp.MakeSettled(int64(st.Size), st.Mtim.Nano(), st.Ctim.Nano(), uint64(st.Ino), now)
		}
	})
	return stamps
}

// statMode is what modeOf gives for a file of stat mode m.
func statMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	if m&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// dirType is the getdents type of a file of stat mode m.
func dirType(m uint32) byte {
	switch m & unix.S_IFMT {
	case unix.S_IFREG:
		return unix.DT_REG
	case unix.S_IFDIR:
		return unix.DT_DIR
	}
	return unix.DT_UNKNOWN // removed, as any other kind
}
