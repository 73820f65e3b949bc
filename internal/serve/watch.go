package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongkai/internal/site"
)

// watch starts watching content/ and themes/: before the first build, so
// that no save is missed.
func (s *Server) watch() error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	// The site folder itself, for themes/ (or content/) appearing later.
	if err := w.Add(s.dir); err != nil {
		w.Close()
		return err
	}
	for _, top := range []string{"content", "themes"} {
		s.watchTree(w, filepath.Join(s.dir, top), nil, nil)
	}
	s.watcher = w
	return nil
}

// Watch updates the preview after each burst of changes to content/ and
// themes/, until ctx is done or the Server is closed.
func (s *Server) Watch(ctx context.Context) error {
	w := s.watcher
	pending := map[string]bool{}
	moved := false // a folder appeared in the burst: the watches are made to match the folders after it
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, ok := s.relevant(ev.Name)
			if !ok || ev.Op == fsnotify.Chmod {
				continue
			}
			pending[rel] = true
			if ev.Has(fsnotify.Create) {
				// A new folder, or one moved in: watch it, and take every
				// file in it as changed, as some were made before the watch.
				s.watchTree(w, ev.Name, pending, nil)
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					moved = true // perhaps from within the site: see resync
				}
			}
			timer.Reset(s.opt.Quiet)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: start afresh, as a change of the
				// settings does.
				pending[site.ConfigPath] = true
				timer.Reset(s.opt.Quiet)
			}
		case <-timer.C:
			if moved {
				s.resync(w, pending)
				moved = false
			}
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			slices.Sort(changed)
			clear(pending)
			s.update(changed)
		}
	}
}

// relevant returns the site-relative path of a watched file, and whether
// it is one the site is made of: under content/ or themes/, and not an
// editor's leftover (.a.md.swp, a.md~), which the site ignores too.
func (s *Server) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(s.dir, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if top != "content" && top != "themes" {
		return "", false
	}
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return "", false
	}
	return rel, true
}

// watchTree watches the folder root and every folder under it, but those
// in watching, already watched; with pending, it adds there every file
// of a folder it watched.
func (s *Server) watchTree(w *fsnotify.Watcher, root string, pending, watching map[string]bool) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or not a folder of ours
		}
		if _, ok := s.relevant(p); !ok && p != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir() && !watching[p]:
			if w.Add(p) == nil {
				s.watched[p], _ = d.Info()
			}
		case !d.IsDir() && pending != nil && !watching[filepath.Dir(p)]:
			if rel, ok := s.relevant(p); ok {
				pending[rel] = true
			}
		}
		return nil
	})
}

// resync makes the watches match the folders, after a burst in which a
// folder appeared: one renamed within the site is followed by inotify
// under its old name (its files' events named by it), and fsnotify drops
// the watch of the folder itself when told it moved, after the new name
// was watched. A folder under content/ or themes/ that is not watched, or
// watched as a folder since gone or replaced, is watched anew, and every
// file in it taken as changed, as its events may have been lost.
func (s *Server) resync(w *fsnotify.Watcher, pending map[string]bool) {
	watching := map[string]bool{}
	for _, p := range w.WatchList() {
		watching[p] = true
	}
	for p, was := range s.watched {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() || was == nil || !os.SameFile(was, info) || !watching[p] {
			w.Remove(p) // as fsnotify may still name another folder by it
			delete(s.watched, p)
			delete(watching, p)
		}
	}
	for _, top := range []string{"content", "themes"} {
		s.watchTree(w, filepath.Join(s.dir, top), pending, watching)
	}
}
