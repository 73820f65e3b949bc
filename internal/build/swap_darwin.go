package build

import "golang.org/x/sys/unix"

// swapFolders exchanges the folders a and b in one step (renamex_np with
// RENAME_SWAP), where the file system can.
func swapFolders(a, b string) error {
	return unix.RenamexNp(a, b, unix.RENAME_SWAP)
}
