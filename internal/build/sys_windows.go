package build

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive lock on f's first byte without waiting
// (LockFileEx): ErrLocked while another process holds it. Windows lets
// the lock go when the process ends, however it ends, as flock does.
func lockFile(f *os.File) error {
	var o windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &o)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return ErrLocked
	}
	return err
}

// sameDevice reports true: Windows does not say a file's volume here. A
// hard link to another volume fails, and the build cache then copies.
func sameDevice(a, b fs.FileInfo) bool { return true }
