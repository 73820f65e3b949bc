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
		return 0
	}
	return newStamp(info.Size(), st.Mtim.Nano(), st.Ctim.Nano(), st.Ino)
}

// changeTime is info's change time, in nanoseconds.
func changeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
