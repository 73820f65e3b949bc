//go:build !unix

package publish

// readableByAll does nothing where files have no Unix modes.
func readableByAll() (restore func()) { return func() {} }
