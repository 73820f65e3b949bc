package build

import (
	"encoding/binary"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"

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
