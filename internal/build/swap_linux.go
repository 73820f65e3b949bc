package build

import "golang.org/x/sys/unix"

// swapFolders exchanges the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE), where the file system can.
func swapFolders(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
