// Package stamp tells that a file has not changed since it was last
// seen from its stat data alone, without reading it, as git's index
// does: its size, modification and change times, and inode. The build
// cache trusts its kept files by their stamps, and a site's load its
// pages' front matter.
//
//	st := stamp.Settled(info, time.Now()) // when the file is read: 0 when not to be trusted
//	…
//	if st != 0 && stamp.Of(info) == st { /* the file is as it was */ }
//
// The change time moves with any write to a file, even one that then sets
// the modification time back, and with its links; nothing sets it back.
// Only Linux's stat data are read here: elsewhere every stamp is 0, and a
// file is always read.
package stamp

import (
	"encoding/binary"
	"hash/fnv"
	"io/fs"
	"time"
)

// Stamp stands for a file's size, times and inode: their FNV-1a hash (a
// build cache's manifest holds a million of them); 0 where unknown.
type Stamp uint64

// Of is the stamp of the file info describes.
func Of(info fs.FileInfo) Stamp {
	size, mtime, ctime, ino, ok := statData(info)
	if !ok {
		return 0
	}
	return Make(size, mtime, ctime, ino)
}

// Make is the stamp of a file of these stat data (times in nanoseconds),
// for a caller that read them with a system call of its own.
func Make(size, mtime, ctime int64, ino uint64) Stamp {
	var b [32]byte
	for i, v := range []uint64{uint64(size), uint64(mtime), uint64(ctime), ino} {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	h := fnv.New64a()
	h.Write(b[:])
	return Stamp(max(h.Sum64(), 1))
}

// Settled is the stamp of the file info describes, taken at now, to be
// trusted later; 0 when the file changed less than a Tick before now (on
// a file system that keeps whole seconds, a second). A file's times move
// by ticks of the system's clock, so a file changed again later in the
// tick of its last change would keep its stamp ("racy", as git says);
// past that tick, any change moves them.
func Settled(info fs.FileInfo, now time.Time) Stamp {
	_, _, ctime, _, ok := statData(info)
	if !ok {
		return 0
	}
	tick := int64(Tick)
	if ctime%int64(time.Second) == 0 {
		tick = int64(time.Second)
	}
	if now.UnixNano()-ctime < tick {
		return 0
	}
	return Of(info)
}

// Tick is longer than a tick of the clock that Linux stamps files with
// (1 to 10 ms): a caller that has just changed files waits a Tick before
// it stamps them, so that they are settled.
const Tick = 20 * time.Millisecond
