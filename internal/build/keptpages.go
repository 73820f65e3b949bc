package build

import (
	"fmt"
	"os"
	"path/filepath"

	"gongkai/internal/site"
)

// keptPages are the pages the last cached build loaded, in the cache
// folder's file pages (site.Kept), from which the load takes every page
// whose file has not changed since, and this build's, written beside
// them and put in their place once the site is built.
type keptPages struct {
	site.Kept
	from, to *os.File
	name     string // the cache's file pages
}

// openKeptPages opens the cache dir's pages, if any, and a new file for
// this build's; nil when none can be made.
func openKeptPages(dir string) *keptPages {
	id, err := binaryHash()
	if err != nil || os.MkdirAll(dir, 0o755) != nil {
		return nil
	}
	k := &keptPages{name: filepath.Join(dir, "pages")}
	k.ID = id
	k.to, err = os.Create(fmt.Sprintf("%s.tmp-%d", k.name, os.Getpid()))
	if err != nil {
		return nil
	}
	k.To = k.to
	if f, err := os.Open(k.name); err == nil {
		k.from, k.From = f, f
	}
	return k
}

// save puts this build's pages in place of the last one's. The caller
// holds the cache's lock: the files another build killed while it loaded
// left are removed.
func (k *keptPages) save() {
	if k == nil || k.to == nil {
		return
	}
	left, _ := filepath.Glob(k.name + ".tmp-*")
	for _, name := range left {
		if name != k.to.Name() {
			os.Remove(name)
		}
	}
	err := k.to.Close()
	if err == nil && k.Err == nil {
		err = os.Rename(k.to.Name(), k.name)
		if err != nil {
			os.RemoveAll(k.name) // not a build's: a folder, say
			err = os.Rename(k.to.Name(), k.name)
		}
	}
	if err != nil || k.Err != nil {
		os.Remove(k.to.Name())
	}
	k.to = nil
}

// close lets the files go, and removes this build's unless saved.
func (k *keptPages) close() {
	if k == nil {
		return
	}
	if k.from != nil {
		k.from.Close()
	}
	if k.to != nil {
		k.to.Close()
		os.Remove(k.to.Name())
	}
}
