package build

import (
	"io/fs"
	"syscall"
)

// stampOf is what info says of a kept file's bytes without reading them:
// its size, modification and change times, and inode. The change time
// moves with any write to the file, even one that then sets the
// modification time back, and with its links; nothing sets it back.
func stampOf(info fs.FileInfo) stamp {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return stamp{}
	}
	return stamp{
		Size:  info.Size(),
		Mtime: st.Mtim.Nano(),
		Ctime: st.Ctim.Nano(),
		Ino:   st.Ino,
	}
}
