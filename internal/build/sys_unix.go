//go:build unix

package build

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f without waiting (flock): ErrLocked
// while another process holds one.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrLocked
	}
	return err
}

// sameDevice reports whether two files are on one file system, or true
// where the system does not say.
func sameDevice(a, b fs.FileInfo) bool {
	da, ok1 := a.Sys().(*syscall.Stat_t)
	db, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || da.Dev == db.Dev
}
