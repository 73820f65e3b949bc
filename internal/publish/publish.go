// Package publish installs a site's build into a web root that a web
// server (nginx) serves, as releases that are switched in whole and can be
// switched back:
//
//	WEBROOT/
//	  current -> releases/20250301T080000.000Z-3f2a9c01   the served root
//	  releases/
//	    20250301T080000.000Z-3f2a9c01/   a whole site: index.html, …
//	      .gongkai/manifest.json.gz      each page's source and its hash
//	      .gongkai/changes.json          what this release changed
//	      .gongkai/assets.json           its fingerprinted CSS and JS
//	      .gongkai/installed             written once it went live
//	    20250228T…/                      earlier releases, for rollback
//
// Publish holds WEBROOT/.publish.lock (build.Lock: a second publish is
// refused, and nothing is left behind) and goes:
//
//  1. build (package build) into WEBROOT/.release, on the web root's file
//     system, linking every file the same as the current release's from
//     it (build.Options.LinkFrom): a one-page change writes one page.
//     With the site's build cache (build.Options.Cache), only what
//     changed since the last build is made at all, and what the cache
//     gives is linked from the current release or copied: a release
//     shares no file with the cache, or with SITE/public
//     (build.Options.Release). The rest of the publish (steps 2 to 6)
//     runs as the build's Deliver, before the cache records its files;
//  2. compare the outputs with the current release's manifest: pages
//     added, removed, changed, and — flagged apart — pages whose output
//     changed while their own source file did not (a dataset edit, a
//     renumbering, a template change: a public document changed behind
//     its editor's back);
//  3. link in the fingerprinted CSS and JS of the releases kept, so that a
//     page served a moment before the switch still finds its stylesheet;
//     write changes.json and the manifest;
//  4. rename .release to releases/<UTC time>-<content hash>;
//  5. switch current to it: a new symlink renamed over current, one
//     rename(2), so that every request sees the old release or the new
//     one, never a mix; mark it installed;
//  6. remove the releases beyond Keep, each first renamed aside.
//
// A publish killed at any moment leaves current serving a whole release;
// the next one, holding the lock, clears what the killed one left: a
// staging folder, a release never switched in, a half-removed old one.
// GONGKAI_KILLPOINT (package build) names the moments crash tests kill
// at: build's, then publish:built, publish:staged, publish:installed,
// publish:switched and publish:pruned.
//
// Rollback switches current to an earlier release; Releases lists them.
//
// The same three operations publish to an S3-compatible bucket
// (s3://BUCKET/PREFIX, s3.go), where there is no link to switch: only
// changed files are sent, in an order that keeps every link whole, and
// the release history lives in the bucket. Open chooses a web root or a
// bucket by the scheme of --to; both are a Target (target.go), which is
// all gongkai publish, rollback and releases use.
package publish

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/cores"
	"gongkai/internal/diag"
)

// Options say what to publish and where.
type Options struct {
	Build   build.Options // the site and the build's flags; Out, LinkFrom and Sources are publish's
	WebRoot string
	Keep    int  // releases kept, the new one among them; 0 for DefaultKeep
	DryRun  bool // build and compare, install nothing
	// MaxDeletes is how many files a publish to a bucket may delete; 0
	// for DefaultMaxDeletes. (A web root's release is switched whole.)
	MaxDeletes int
	// Clock gives the release's time; nil for time.Now.
	Clock func() time.Time
}

// DefaultKeep is how many releases publish keeps when not told.
const DefaultKeep = 5

// Report tells what a publish did, or would do.
type Report struct {
	Build     build.Result
	Changes   Changes
	Installed bool      // false for a dry run, or when nothing changed
	Pruned    []string  // releases removed
	Sent      *Transfer // a bucket's (s3.go); nil for a web root
	// Left are warnings of what could not be removed from the web root: a
	// release no longer kept, or what a killed publish left. The site is
	// served all the same, so they fail nothing: a file that an
	// administrator copied in as another user (sudo cp) must not stop
	// every later publish, nor a rollback.
	Left []diag.Error
}

// Changes is what a release changes against the one it replaces, as
// changes.json holds it. Pages are the public documents; the other files
// (lists, feeds, attachments, CSS) are counted.
type Changes struct {
	Release  string    `json:"release"`
	Previous string    `json:"previous,omitempty"`
	Time     time.Time `json:"time"`
	BaseURL  string    `json:"base_url"`
	Added    []Page    `json:"added"`
	Removed  []Page    `json:"removed"`
	Changed  []Page    `json:"changed"`
	// Unprompted are pages already published whose output changed while
	// their own source file did not.
	Unprompted []Page `json:"changed_without_source"`
	// Moved are pages at a new address with the 索引号 of a page removed
	// from an old one: a link to the old address, from a search engine or
	// another site, now leads nowhere, unless the page gives it as an
	// alias.
	Moved []Move `json:"moved,omitempty"`
	// Restyled counts the pages whose only change is the address of the
	// theme's stylesheet or script they link (its fingerprint): the theme
	// changed, not the document.
	Restyled  int    `json:"restyled_pages,omitempty"`
	Unchanged int    `json:"unchanged_pages"`
	Files     Counts `json:"other_files"`
}

// Move is a page moved: its old address, and the page now.
type Move struct {
	From string `json:"from"` // site-relative: reports/n3/
	Page
	IndexNo string `json:"index_no"`
}

// Page is one public document: where it is served, and its source file.
type Page struct {
	URL    string `json:"url"`    // site-relative: news/a/
	Source string `json:"source"` // content/news/a.md
}

// Counts are the other files added, removed, changed and unchanged.
type Counts struct {
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// None reports whether the release changes nothing.
func (c *Changes) None() bool {
	return len(c.Added)+len(c.Removed)+len(c.Changed)+len(c.Unprompted)+len(c.Moved)+c.Restyled+c.Files.Added+c.Files.Removed+c.Files.Changed == 0
}

// Names in WEBROOT and in a release.
const (
	releasesDir  = "releases"
	currentLink  = "current"
	stagingDir   = ".release"
	lockFile     = ".publish.lock"
	trashPrefix  = ".trash-"
	newLinkName  = ".current.new"
	metaDir      = ".gongkai"
	manifestFile = ".gongkai/manifest.json.gz"
	changesFile  = ".gongkai/changes.json"
	// assetsFile is the manifest's Assets alone, which each later publish
	// reads while the release is kept: a portal's manifest is 100,000
	// files.
	assetsFile   = ".gongkai/assets.json"
	installedTag = ".gongkai/installed"
)

// manifest is what publish keeps of a release to compare the next with.
type manifest struct {
	Release string  `json:"release"`
	Files   []entry `json:"files"`
	// Assets are the fingerprinted CSS and JS the release made, which the
	// next releases carry while this one is kept.
	Assets []string `json:"assets"`
}

type entry struct {
	Path       string `json:"path"`
	Hash       string `json:"hash,omitempty"`        // in a bucket's manifests (s3.go)
	Source     string `json:"source,omitempty"`      // pages only
	SourceHash string `json:"source_hash,omitempty"` // pages only
	IndexNo    string `json:"index_no,omitempty"`    // pages only
	Page       bool   `json:"page,omitempty"`
}

// Publish builds the site and installs it into o.WebRoot as a new
// release. A build with errors returns them (a diag.List) and installs
// nothing; a release that would change nothing is not installed either.
func Publish(o Options) (Report, error) {
	if o.Keep == 0 {
		o.Keep = DefaultKeep
	}
	root, err := filepath.Abs(o.WebRoot)
	if err != nil {
		return Report{}, err
	}
	// releases/ is made when the first release is installed: a first
	// publish that fails leaves no web root of releases behind.
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Report{}, err
	}
	w := &webRoot{dir: root}
	unlock, err := w.lock()
	if err != nil {
		return Report{}, err
	}
	defer unlock()
	defer readableByAll()()
	left, err := w.clean()
	if err != nil {
		return Report{}, err
	}
	prev, err := w.current()
	if err != nil {
		return Report{}, err
	}
	if prev != "" && !w.has(prev) {
		prev = "" // deleted by hand: current serves nothing, and this release replaces nothing
	}
	var old *manifest
	opt := o.Build
	opt.Out, opt.LinkFrom, opt.Sources, opt.Release = filepath.Join(root, stagingDir), "", true, true
	if prev != "" {
		opt.LinkFrom = w.release(prev)
		if old, err = readManifest(opt.LinkFrom); err != nil {
			return Report{}, err
		}
	}
	rep := Report{Left: left}
	delivered := false
	opt.Deliver = func(res build.Result) error {
		rep.Build, delivered = res, true
		return w.install(o, &rep, prev, old, opt.Out)
	}
	res, err := build.Build(opt)
	if !delivered {
		rep.Build = res // the build's errors
	}
	return rep, err
}

// install makes the build in staging the release after prev (old is
// its manifest), switches current to it and removes the releases no
// longer kept, saying what it did in rep. The build (package build)
// calls it once staging holds the site, before the build cache records
// its files (build.Options.Deliver).
func (w *webRoot) install(o Options, rep *Report, prev string, old *manifest, staging string) error {
	build.KillPoint("publish:built")
	defer removeTree(staging) // a dry run's, or one that failed to install
	res := rep.Build
	now := time.Now
	if o.Clock != nil {
		now = o.Clock
	}
	ids, err := w.releases()
	if err != nil {
		return err
	}
	id := releaseID(now(), res.Outputs, ids)
	restyled := func(rel string) bool {
		return onlyAssetsDiffer(filepath.Join(w.release(prev), filepath.FromSlash(rel)), filepath.Join(staging, filepath.FromSlash(rel)))
	}
	rep.Changes = compare(old, res.Outputs, restyled)
	rep.Changes.Release, rep.Changes.Previous, rep.Changes.BaseURL = id, prev, res.BaseURL
	rep.Changes.Time = now().UTC().Truncate(time.Second)
	if o.DryRun {
		return nil
	}
	if prev != "" && rep.Changes.None() {
		// No new release; but one killed before it removed those no
		// longer kept left one too many.
		w.prune(rep, ids, keep(ids, prev, o.Keep+1))
		return nil
	}

	kept := keep(ids, prev, o.Keep)
	if err := w.carryAssets(staging, kept); err != nil {
		return err
	}
	m := newManifest(id, res.Outputs)
	if err := writeManifest(filepath.Join(staging, manifestFile), m); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(staging, changesFile), rep.Changes); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(staging, assetsFile), m.Assets); err != nil {
		return err
	}
	build.KillPoint("publish:staged")
	if err := os.MkdirAll(filepath.Join(w.dir, releasesDir), 0o755); err != nil {
		return err
	}
	if err := os.Rename(staging, w.release(id)); err != nil {
		return err
	}
	build.KillPoint("publish:installed")
	if err := w.switchTo(id); err != nil {
		return err
	}
	build.KillPoint("publish:switched")
	rep.Installed = true
	if err := markInstalled(w.release(id)); err != nil {
		return err
	}
	w.prune(rep, ids, kept)
	return nil
}

// prune removes the releases of ids not in kept, saying so in rep.
func (w *webRoot) prune(rep *Report, ids, kept []string) {
	for _, r := range ids {
		if !slices.Contains(kept, r) {
			if err := w.remove(r); err != nil {
				rep.Left = append(rep.Left, leftBehind(err))
				continue
			}
			rep.Pruned = append(rep.Pruned, r)
		}
	}
}

// leftBehind is the warning of a file or folder that could not be
// removed, err saying which.
func leftBehind(err error) diag.Error {
	var pe *fs.PathError
	var le *os.LinkError
	path, why := "", err
	switch {
	case errors.As(err, &pe):
		path, why = pe.Path, pe.Err
	case errors.As(err, &le):
		path, why = le.Old, le.Err
	default:
		return diag.Warnf("", 0, "%v", err)
	}
	return diag.Warnf(path, 0, "could not be removed (%v): the site is published all the same; remove it as the user who owns it, or make the publishing user its owner (chown -R)", why)
}

// keep returns the releases of ids a publish keeps beside its new one:
// the one it replaces, for rollback, and the newest others, Keep in all.
func keep(ids []string, prev string, n int) []string {
	var kept []string
	if prev != "" && n > 1 {
		kept = append(kept, prev)
	}
	for i := len(ids) - 1; i >= 0 && len(kept) < n-1; i-- {
		if ids[i] != prev {
			kept = append(kept, ids[i])
		}
	}
	slices.Sort(kept)
	return kept
}

// webRoot is a web root of releases.
type webRoot struct{ dir string }

func (w *webRoot) release(id string) string { return filepath.Join(w.dir, releasesDir, id) }

// has reports whether release id's folder is there: current may link to
// one deleted by hand.
func (w *webRoot) has(id string) bool {
	info, err := os.Stat(w.release(id))
	return err == nil && info.IsDir()
}

// lock takes the web root's lock, refusing when another publish or
// rollback holds it.
func (w *webRoot) lock() (func(), error) {
	unlock, err := build.Lock(filepath.Join(w.dir, lockFile))
	if errors.Is(err, build.ErrLocked) {
		return nil, diag.Errorf("", 0, "another publish or rollback is writing %s; try again when it is done", w.dir)
	}
	return unlock, err
}

// clean removes what a killed publish left, holding the lock: the staging
// folder, a new link never renamed, releases set aside to be removed,
// and releases installed but never switched in. The current release is
// marked installed, in case its publish was killed before it could be
// (when it is there at all: someone may have deleted it). What cannot be
// removed but the staging folder, which the build writes into, is left
// and returned as warnings.
func (w *webRoot) clean() (left []diag.Error, err error) {
	for _, name := range []string{stagingDir, newLinkName} {
		if err := os.RemoveAll(filepath.Join(w.dir, name)); err != nil {
			return nil, err
		}
	}
	trash, _ := filepath.Glob(filepath.Join(w.dir, trashPrefix+"*"))
	for _, t := range trash {
		if err := removeAll(t); err != nil {
			left = append(left, leftBehind(err))
		}
	}
	cur, err := w.current()
	if err != nil {
		return left, err
	}
	if cur != "" && w.has(cur) && !installed(w.release(cur)) {
		if err := markInstalled(w.release(cur)); err != nil {
			return left, err
		}
	}
	entries, err := os.ReadDir(filepath.Join(w.dir, releasesDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return left, err
	}
	for _, e := range entries {
		if e.Name() != cur && (!e.IsDir() || !installed(w.release(e.Name()))) {
			if err := w.remove(e.Name()); err != nil {
				left = append(left, leftBehind(err))
			}
		}
	}
	return left, nil
}

// current returns the id of the release current links to, "" when there
// is no current yet.
func (w *webRoot) current() (string, error) {
	p := filepath.Join(w.dir, currentLink)
	target, err := os.Readlink(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		if _, serr := os.Lstat(p); serr == nil {
			return "", diag.Errorf("", 0, "%s is not a link to a release: move it away, then publish again", p)
		}
		return "", err
	}
	dir, id := filepath.Split(filepath.Clean(target))
	if filepath.Clean(dir) != releasesDir {
		return "", diag.Errorf("", 0, "%s links to %s, not to a release in %s", p, target, filepath.Join(w.dir, releasesDir))
	}
	return id, nil
}

// releases lists the installed releases, oldest first.
func (w *webRoot) releases() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(w.dir, releasesDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && installed(w.release(e.Name())) {
			ids = append(ids, e.Name())
		}
	}
	slices.Sort(ids) // ids start with their time, in a fixed width
	return ids, nil
}

// switchTo makes current link to release id in one rename(2): a request
// finds the old release or the new one, never no site.
func (w *webRoot) switchTo(id string) error {
	tmp := filepath.Join(w.dir, newLinkName)
	os.Remove(tmp)
	if err := os.Symlink(filepath.Join(releasesDir, id), tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(w.dir, currentLink)); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// remove removes a release: first renamed aside, so that a removal cut
// short leaves no half release among the releases.
func (w *webRoot) remove(id string) error {
	trash := filepath.Join(w.dir, trashPrefix+id)
	if err := os.Rename(w.release(id), trash); err != nil {
		return err
	}
	build.KillPoint("publish:pruned")
	return removeAll(trash)
}

// removeAll is removeTree; tests make it fail, as root may remove
// anything.
var removeAll = removeTree

// removeTree is os.RemoveAll, the folder's top folders removed on all
// cores: a portal's release of 100,000 pages took 2.2 s alone, 1.5 s on
// two cores (tmpfs). What those left, the last call removes, or says why
// it could not.
func removeTree(dir string) error {
	if info, err := os.Lstat(dir); err == nil && info.IsDir() {
		// Not through a link: ReadDir would follow it, and empty the
		// folder it points to.
		entries, _ := os.ReadDir(dir)
		cores.Each(len(entries), func(i int) { os.RemoveAll(filepath.Join(dir, entries[i].Name())) })
	}
	return os.RemoveAll(dir)
}

// carryAssets links into a release (the one being staged, or the one a
// rollback switches to) the fingerprinted CSS and JS of the releases kept
// that it does not hold.
func (w *webRoot) carryAssets(staging string, kept []string) error {
	for _, id := range kept {
		assets, err := readAssets(w.release(id))
		if err != nil {
			return err
		}
		for _, a := range assets {
			to := filepath.Join(staging, filepath.FromSlash(a))
			if _, err := os.Lstat(to); err == nil {
				continue
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			if err := os.Link(filepath.Join(w.release(id), filepath.FromSlash(a)), to); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// readAssets reads the fingerprinted CSS and JS a release made: from its
// manifest when it has no assets.json (made by an older gongkai).
func readAssets(release string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(release, assetsFile))
	if errors.Is(err, fs.ErrNotExist) {
		m, err := readManifest(release)
		if err != nil {
			return nil, err
		}
		return m.Assets, nil
	}
	var assets []string
	if err == nil {
		err = json.Unmarshal(data, &assets)
	}
	if err != nil {
		return nil, diag.Errorf("", 0, "%s: %v", filepath.Join(release, assetsFile), err)
	}
	return assets, nil
}

func installed(release string) bool {
	_, err := os.Stat(filepath.Join(release, installedTag))
	return err == nil
}

func markInstalled(release string) error {
	if err := os.MkdirAll(filepath.Join(release, metaDir), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(release, installedTag), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644)
}

// releaseID names a release: its UTC time to the millisecond, after the
// newest of ids, then a hash of its files' paths and contents.
func releaseID(t time.Time, outputs []build.Output, ids []string) string {
	const layout = "20060102T150405.000Z"
	t = t.UTC()
	if n := len(ids); n > 0 {
		if last, err := time.Parse(layout, strings.SplitN(ids[n-1], "-", 2)[0]); err == nil && !t.After(last) {
			t = last.Add(time.Millisecond) // a clock set back, or two in one millisecond
		}
	}
	h := sha256.New()
	for _, o := range outputs {
		fmt.Fprintf(h, "%s\x00%s\n", o.Path, o.Hash)
	}
	return t.Format(layout) + "-" + hex.EncodeToString(h.Sum(nil))[:8]
}

// fingerprinted reports whether o is the theme's CSS or JS under its
// fingerprinted name (or its .gz): the file a page of this release links.
func fingerprinted(o build.Output) bool {
	name, ok := strings.CutPrefix(o.Source, "(theme) static/")
	return ok && o.Path != name && o.Path != name+".gz"
}

func newManifest(id string, outputs []build.Output) *manifest {
	m := &manifest{Release: id}
	for _, o := range outputs {
		e := entry{Path: o.Path}
		if o.Page {
			e.Source, e.SourceHash, e.IndexNo, e.Page = o.Source, o.SourceHash, o.IndexNo, true
		}
		m.Files = append(m.Files, e)
		if fingerprinted(o) {
			m.Assets = append(m.Assets, o.Path)
		}
	}
	return m
}

// readManifest reads a release's manifest; a release without one (made
// by hand) compares as empty.
func readManifest(release string) (*manifest, error) {
	f, err := os.Open(filepath.Join(release, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &manifest{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := &manifest{}
	zr, err := gzip.NewReader(f)
	if err == nil {
		err = json.NewDecoder(zr).Decode(m)
	}
	if err != nil {
		return nil, diag.Errorf("", 0, "%s: %v", filepath.Join(release, manifestFile), err)
	}
	return m, nil
}

// compare says what outputs change against the release old describes
// (nil: none). An output linked from the old release is unchanged.
func compare(old *manifest, outputs []build.Output, restyled func(rel string) bool) Changes {
	c := Changes{Added: []Page{}, Removed: []Page{}, Changed: []Page{}, Unprompted: []Page{}}
	was := map[string]entry{}
	if old != nil {
		for _, e := range old.Files {
			was[e.Path] = e
		}
	}
	made := map[string]bool{}
	gone := map[string]string{} // 索引号 → the address of the page removed that had it
	for _, e := range was {
		if e.Page && e.IndexNo != "" {
			gone[e.IndexNo] = pageURL(e.Path)
		}
	}
	for _, o := range outputs {
		made[o.Path] = true
	}
	moved := map[string]bool{} // old addresses of pages moved
	for _, o := range outputs {
		e, existed := was[o.Path]
		pg := Page{URL: pageURL(o.Path), Source: o.Source}
		from, wasGone := gone[o.IndexNo]
		switch {
		case !existed && o.Page && o.IndexNo != "" && wasGone && !made[from+"index.html"]:
			c.Moved = append(c.Moved, Move{From: from, Page: pg, IndexNo: o.IndexNo})
			moved[from] = true
		case !existed && o.Page:
			c.Added = append(c.Added, pg)
		case !existed:
			c.Files.Added++
		case o.Linked && o.Page:
			c.Unchanged++
		case o.Linked:
			c.Files.Unchanged++
		case o.Page && e.Page && e.Source == o.Source && sameSource(e.SourceHash, o.SourceHash) && restyled != nil && restyled(o.Path):
			c.Restyled++
		case o.Page && e.Page && e.Source == o.Source && sameSource(e.SourceHash, o.SourceHash):
			c.Unprompted = append(c.Unprompted, pg)
		case o.Page:
			c.Changed = append(c.Changed, pg)
		default:
			c.Files.Changed++
		}
	}
	for _, e := range sorted(was) {
		switch {
		case made[e.Path], e.Page && moved[pageURL(e.Path)]:
		case e.Page:
			c.Removed = append(c.Removed, Page{URL: pageURL(e.Path), Source: e.Source})
		default:
			c.Files.Removed++
		}
	}
	return c
}

// sameSource reports whether a page's source hashes in two manifests are
// of the same file: the first 16 hex digits of its SHA-256, which
// releases made before build.Output.SourceHash was cut to them give in
// full.
func sameSource(a, b string) bool {
	const n = 16
	return len(a) >= n && len(b) >= n && a[:n] == b[:n]
}

// fingerprint is the fingerprint in the address of a theme's stylesheet
// or script (css/site.25faefd797.css), which changes with the file.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)\b`)

// onlyAssetsDiffer reports whether the files a and b differ only in the
// fingerprints of the stylesheets and scripts they link.
func onlyAssetsDiffer(a, b string) bool {
	da, err1 := os.ReadFile(a)
	db, err2 := os.ReadFile(b)
	if err1 != nil || err2 != nil {
		return false
	}
	return bytes.Equal(fingerprint.ReplaceAll(da, []byte(".$1")), fingerprint.ReplaceAll(db, []byte(".$1")))
}

func sorted(m map[string]entry) []entry {
	list := make([]entry, 0, len(m))
	for _, e := range m {
		list = append(list, e)
	}
	slices.SortFunc(list, func(a, b entry) int { return cmp.Compare(a.Path, b.Path) })
	return list
}

// pageURL is the site-relative URL of a page's output: news/a/index.html
// is news/a/.
func pageURL(p string) string {
	if strings.HasSuffix(p, "/index.html") || p == "index.html" {
		return strings.TrimSuffix(p, "index.html")
	}
	return p
}

// writeManifest writes m compressed: it names every file of a release,
// and would otherwise be most of what a small change writes.
func writeManifest(p string, m *manifest) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	err = json.NewEncoder(zw).Encode(m)
	if err2 := zw.Close(); err == nil {
		err = err2
	}
	if err2 := f.Close(); err == nil {
		err = err2
	}
	return err
}

func writeJSON(p string, v any) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(p, append(data, '\n'), 0o644)
}

func notWebRoot(root string) error {
	return diag.Errorf("", 0, "%s has no releases: publish into it first (gongkai publish --to %s)", root, root)
}
