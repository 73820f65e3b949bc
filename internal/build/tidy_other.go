//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// tidyIn tidies rel, of type t, listing it in found, and reports whether
// it could.
func (o *output) tidyIn(rel string, t fs.FileMode, found *spareList) bool {
	p := o.path(rel)
	switch {
	case t.IsRegular():
		found.files = append(append(found.files, rel...), 0)
		return true
	case !t.IsDir():
		return os.Remove(p) == nil
	}
	// A folder's mode is read where it is opened, and set only when it
	// is not a new folder's: setting it marks the folder changed, at a
	// million folders a million writes to the disk.
	f, err := os.Open(p)
	if err != nil {
		if os.Chmod(p, o.dirMode|0o700) != nil {
			return false
		}
		if f, err = os.Open(p); err != nil {
			return os.RemoveAll(p) == nil
		}
	}
	info, err := f.Stat()
	if err != nil || modeOf(info) != o.dirMode {
		if os.Chmod(p, o.dirMode) != nil {
			f.Close()
			return false
		}
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return os.RemoveAll(p) == nil
	}
	if len(entries) == 0 {
		found.empty = append(found.empty, rel)
	}
	for _, e := range entries {
		if !o.tidyIn(rel+"/"+e.Name(), e.Type(), found) {
			return false
		}
	}
	return true
}
