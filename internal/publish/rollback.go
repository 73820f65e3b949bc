package publish

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"

	"gongkai/internal/diag"
)

// Release is an installed release, as Releases lists it.
type Release struct {
	ID      string
	Current bool
	Changes *Changes // from its changes.json; nil when it has none
}

// Releases lists the installed releases of the web root dir, oldest first.
func Releases(dir string) ([]Release, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	w := &webRoot{dir: root}
	if _, err := os.Stat(filepath.Join(root, releasesDir)); err != nil {
		return nil, notWebRoot(root)
	}
	cur, err := w.current()
	if err != nil {
		return nil, err
	}
	ids, err := w.releases()
	if err != nil {
		return nil, err
	}
	if cur != "" && !slices.Contains(ids, cur) && w.has(cur) {
		ids = append(ids, cur) // its publish was killed before marking it
		slices.Sort(ids)
	}
	list := make([]Release, len(ids))
	for i, id := range ids {
		list[i] = Release{ID: id, Current: id == cur, Changes: readChanges(w.release(id))}
	}
	return list, nil
}

// Rollback switches the web root dir's current to release id, or, when id is "",
// to the release the current one replaced (else the newest before it).
// It returns the releases switched from and to.
func Rollback(dir, id string) (from, to string, err error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	if _, err := os.Stat(filepath.Join(root, releasesDir)); err != nil {
		return "", "", notWebRoot(root)
	}
	w := &webRoot{dir: root}
	unlock, err := w.lock()
	if err != nil {
		return "", "", err
	}
	defer unlock()
	// What cannot be removed is left for the next publish to warn of: a
	// rollback, often in haste, is not stopped by it.
	if _, err := w.clean(); err != nil {
		return "", "", err
	}
	cur, err := w.current()
	if err != nil {
		return "", "", err
	}
	ids, err := w.releases()
	if err != nil {
		return "", "", err
	}
	switch {
	case id != "" && !slices.Contains(ids, id):
		return cur, "", diag.Errorf("", 0, "there is no release %s in %s (gongkai releases --to %s lists them)", id, filepath.Join(root, releasesDir), dir)
	case id != "":
		to = id
	default:
		replaced := ""
		if c := readChanges(w.release(cur)); c != nil {
			replaced = c.Previous
		}
		if to = previousRelease(ids, cur, replaced); to == "" {
			return cur, "", diag.Errorf("", 0, "there is no release before %s to roll back to", cur)
		}
	}
	if to == cur {
		return cur, to, nil
	}
	// A page of the current release served a moment before the switch
	// must still find its stylesheet in the release switched to.
	if err := w.carryAssets(w.release(to), ids); err != nil {
		return cur, to, err
	}
	return cur, to, w.switchTo(to)
}

func readChanges(release string) *Changes {
	data, err := os.ReadFile(filepath.Join(release, changesFile))
	if err != nil {
		return nil
	}
	c := &Changes{}
	if json.Unmarshal(data, c) != nil {
		return nil
	}
	return c
}

// previousRelease is where a rollback from cur goes: the release cur
// replaced (as its changes.json says), when it is still kept, else the
// newest kept one older than cur; "" when there is none.
func previousRelease(ids []string, cur, replaced string) string {
	if replaced != "" && slices.Contains(ids, replaced) {
		return replaced
	}
	for i := len(ids) - 1; i >= 0; i-- {
		if ids[i] < cur {
			return ids[i]
		}
	}
	return ""
}
