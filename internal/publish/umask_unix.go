//go:build unix

package publish

import "syscall"

// readableByAll clears the process's umask of the bits that keep others
// from reading files and entering folders, until restore: a release is
// public, and a publish under cron's umask 077 would otherwise make every
// file of it one a web server of another user cannot read. The bits that
// keep others from writing stay.
func readableByAll() (restore func()) {
	was := syscall.Umask(0o077) // read by setting: the strictest, for that moment
	syscall.Umask(was &^ 0o055)
	return func() { syscall.Umask(was) }
}
