package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/message"

	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/publish"
)

// listed is how many pages of each kind publish names; changes.json has
// them all.
const listed = 30

// runPublish builds the site and installs it into a web root as a new
// release (package publish), saying what changed.
func runPublish(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("publish", stderr)
	siteDir := fs.String("s", ".", "site folder")
	to := fs.String("to", "", "web root")
	keep := fs.Int("keep", publish.DefaultKeep, "releases kept")
	dryRun := fs.Bool("dry-run", false, "say what would change, install nothing")
	now := fs.String("now", "", "build clock")
	drafts := fs.Bool("drafts", false, "publish drafts")
	noCache := fs.Bool("no-cache", false, "use no build cache")
	maxDeletes := fs.Int("max-deletes", publish.DefaultMaxDeletes, "most files deleted from a bucket")
	s3c := s3Flags(fs)
	if status, ok := parse(fs, "publish", args, stdout, stderr); !ok {
		return status
	}
	switch {
	case !noArgs(fs, stderr):
		return 2
	case *to == "":
		earlyPrinter(*siteDir).Fprintf(stderr, "gongkai: publish needs --to WEBROOT, the folder the web server serves current/ of\n")
		fmt.Fprint(stderr, usage())
		return 2
	case *keep < 1:
		earlyPrinter(*siteDir).Fprintf(stderr, "gongkai: --keep: want 1 or more releases, have %d\n", *keep)
		return 2
	case *maxDeletes < 0:
		earlyPrinter(*siteDir).Fprintf(stderr, "gongkai: --max-deletes: want 0 or more, have %d\n", *maxDeletes)
		return 2
	}
	if !isSite(*siteDir, stderr) {
		return 2
	}
	target, err := openTarget(*to, s3c, stderr)
	if err != nil {
		return 2
	}
	if _, ok := target.(publish.WebRoot); ok {
		if err := checkWebRoot(*siteDir, *to); err != nil {
			fmt.Fprintf(stderr, "gongkai: %s\n", errText(earlyPrinter(*siteDir), err))
			return 2
		}
	}
	// Dir: the git history, for 更新日期, as build and serve read it.
	opt := publish.Options{Build: build.Options{Site: os.DirFS(*siteDir), Dir: *siteDir, Drafts: *drafts}, Keep: *keep, DryRun: *dryRun, MaxDeletes: *maxDeletes}
	if *maxDeletes == 0 {
		opt.MaxDeletes = -1 // none at all
	}
	if !*noCache {
		// The build's: a publish after a build, or after the publish
		// before, makes again only what changed.
		opt.Build.Cache = filepath.Join(*siteDir, build.CacheDir)
	}
	clock, ok := nowFlag(*now, *siteDir, stderr)
	if !ok {
		return 2
	}
	opt.Build.Now = clock
	rep, err := target.Publish(opt)
	p := diag.Printer(diag.Language(rep.Build.Language))
	var list diag.List
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(stderr, e.Text(p))
		}
		if len(list) == 1 {
			p.Fprintf(stderr, "gongkai: 1 error; nothing published, %s left as it was\n", *to)
		} else {
			p.Fprintf(stderr, "gongkai: %d errors; nothing published, %s left as it was\n", len(list), *to)
		}
		return 1
	case err != nil:
		printError(stderr, p, err)
		return 1
	}
	for _, w := range append(rep.Build.Notices, rep.Left...) {
		fmt.Fprintln(stderr, w.Text(p))
	}
	c := &rep.Changes
	b := rep.Build
	// Last, whatever the outcome: a publish that changed nothing may
	// still have made every file again (a template edited, its output
	// the same), and a publisher waiting for it should know why.
	defer func() {
		sayCache(stdout, p, b, opt.Build.Cache, *to)
		if b.Reused > 0 {
			p.Fprintf(stdout, "gongkai: %d of %d files taken from the build cache %s\n", b.Reused, b.Files, opt.Build.Cache)
		}
	}()
	if held := notPublished(p, b.Held); held != "" {
		// As build says it: a draft or an embargoed page a publisher
		// expected online is found here, not by a visitor.
		p.Fprintf(stdout, "gongkai: not published: %s\n", held)
	}
	switch {
	case *dryRun && rep.Sent == nil && c.Previous != "" && c.None():
		p.Fprintf(stdout, "gongkai: dry run: nothing would change; release %s would stay current\n", c.Previous)
		return 0
	case *dryRun:
		p.Fprintf(stdout, "gongkai: dry run: %d pages (%d files) would be release %s; nothing installed\n", b.Pages, b.Files, c.Release)
	case !rep.Installed && rep.Sent != nil && rep.Sent.Objects+rep.Sent.Copied+rep.Sent.Deleted > 0:
		p.Fprintf(stdout, "gongkai: release %s completed in %s: %d files sent (%s), %d copied, %d deleted\n", c.Previous, *to, rep.Sent.Objects, build.HumanSize(rep.Sent.Bytes), rep.Sent.Copied, rep.Sent.Deleted)
		return 0
	case !rep.Installed:
		p.Fprintf(stdout, "gongkai: nothing changed: release %s stays current\n", c.Previous)
		for _, r := range rep.Pruned {
			p.Fprintf(stdout, "removed old release %s\n", r)
		}
		return 0
	case rep.Sent != nil:
		p.Fprintf(stdout, "gongkai: published %d pages (%d files) as release %s to %s: %d files sent (%s), %d copied inside the bucket, %d deleted, %d unchanged\n",
			b.Pages, b.Files, c.Release, *to, rep.Sent.Objects, build.HumanSize(rep.Sent.Bytes), rep.Sent.Copied, rep.Sent.Deleted, rep.Sent.Unchanged)
	default:
		p.Fprintf(stdout, "gongkai: published %d pages (%d files) as release %s: %d files written (%s), %d unchanged files linked\n",
			b.Pages, b.Files, c.Release, b.Files-b.Linked, build.HumanSize(b.Bytes), b.Linked)
	}
	if c.Previous != "" {
		p.Fprintf(stdout, "changes against release %s:\n", c.Previous)
	}
	pages(stdout, p, p.Sprintf("pages added (%d):\n", len(c.Added)), c.Added)
	pages(stdout, p, p.Sprintf("pages removed (%d):\n", len(c.Removed)), c.Removed)
	if len(c.Moved) > 0 {
		p.Fprintf(stdout, "pages moved (%d): the old address no longer opens; to keep it, give it in the page's aliases:\n", len(c.Moved))
		for i, m := range c.Moved {
			if i == listed {
				p.Fprintf(stdout, "  … and %d more\n", len(c.Moved)-listed)
				break
			}
			fmt.Fprintf(stdout, "  /%s → /%s  (%s: aliases = [\"/%s\"])\n", m.From, m.URL, m.Source, m.From)
		}
	}
	pages(stdout, p, p.Sprintf("pages changed (%d):\n", len(c.Changed)), c.Changed)
	pages(stdout, p, p.Sprintf("pages changed although their own source file did not (%d): a dataset, the numbering, the theme, the site's git history (更新日期) or the date (有效性, an embargo) changed them; check them:\n", len(c.Unprompted)), c.Unprompted)
	if c.Restyled > 0 {
		p.Fprintf(stdout, "pages whose only change is the theme's stylesheet or script they link: %d\n", c.Restyled)
	}
	p.Fprintf(stdout, "other files: %d added, %d removed, %d changed\n", c.Files.Added, c.Files.Removed, c.Files.Changed)
	if !*dryRun {
		p.Fprintf(stdout, "the list is in %s\n", target.ChangesPath(c.Release))
	}
	for _, r := range rep.Pruned {
		p.Fprintf(stdout, "removed old release %s\n", r)
	}
	return 0
}

// pages prints a heading and up to listed pages under it; nothing for none.
func pages(w io.Writer, p *message.Printer, heading string, list []publish.Page) {
	if len(list) == 0 {
		return
	}
	fmt.Fprint(w, heading)
	for i, pg := range list {
		if i == listed {
			p.Fprintf(w, "  … and %d more\n", len(list)-listed)
			break
		}
		fmt.Fprintf(w, "  /%s  (%s)\n", pg.URL, pg.Source)
	}
}

// printError prints an error of publish, rollback or releases in p's
// language when it is one of theirs.
func printError(w io.Writer, p *message.Printer, err error) {
	fmt.Fprintf(w, "gongkai: %s\n", errText(p, err))
}

// errText is err in p's language, when it is a diag.Error: with its
// place and severity when it is about a file, else its message alone.
func errText(p *message.Printer, err error) string {
	var e diag.Error
	switch {
	case !errors.As(err, &e):
		return err.Error()
	case e.Path == "":
		return e.Message(p)
	}
	return e.Text(p)
}

// checkWebRoot refuses a web root inside the site's content, and a
// folder that holds other files than a web root of releases: a site
// built there by gongkai build (which a web server may be serving: the
// releases would be mixed into it), or anything else.
func checkWebRoot(siteDir, root string) error {
	c, err1 := filepath.Abs(filepath.Join(siteDir, "content"))
	r, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return errors.Join(err1, err2)
	}
	if r == c || strings.HasPrefix(r, c+string(filepath.Separator)) {
		return diag.Errorf("", 0, "--to %s is inside the site's content; choose a folder outside it", root)
	}
	if k := absPath(filepath.Join(siteDir, build.CacheDir)); r == k || strings.HasPrefix(r, k+string(filepath.Separator)) {
		return diag.Errorf("", 0, "--to %s is inside the build cache, which a build may delete; choose a folder outside it", root)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		switch e.Name() {
		case "releases", "current", "lost+found", "Thumbs.db", "desktop.ini": // the last, of the disk and of Windows
			continue
		}
		if !strings.HasPrefix(e.Name(), ".") {
			return diag.Errorf("", 0, "--to %s holds files that are not gongkai's releases (%s, …): publish into a new or empty folder, and point the web server at its current/", root, e.Name())
		}
	}
	return nil
}

// runRollback switches the web root back to an earlier release.
func runRollback(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("rollback", stderr)
	to := fs.String("to", "", "web root")
	release := fs.String("release", "", "release to switch to")
	s3c := s3Flags(fs)
	if status, ok := parse(fs, "rollback", args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 || *to == "" {
		fmt.Fprintf(stderr, "gongkai: rollback takes --to WEBROOT [--release ID]\n%s", usage())
		return 2
	}
	target, err := openTarget(*to, s3c, stderr)
	if err != nil {
		return 2
	}
	p := diag.Printer(diag.Language(""))
	from, to2, err := target.Rollback(*release)
	switch {
	case err != nil:
		printError(stderr, p, err)
		return 1
	case from == to2:
		p.Fprintf(stdout, "gongkai: release %s is current already\n", from)
	default:
		p.Fprintf(stdout, "gongkai: rolled back from release %s to %s\n", from, to2)
	}
	return 0
}

// runReleases lists the releases of a web root, the current one marked.
func runReleases(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("releases", stderr)
	to := fs.String("to", "", "web root")
	s3c := s3Flags(fs)
	if status, ok := parse(fs, "releases", args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 || *to == "" {
		fmt.Fprintf(stderr, "gongkai: releases takes --to WEBROOT\n%s", usage())
		return 2
	}
	target, err := openTarget(*to, s3c, stderr)
	if err != nil {
		return 2
	}
	p := diag.Printer(diag.Language(""))
	list, err := target.Releases()
	if err != nil {
		printError(stderr, p, err)
		return 1
	}
	for _, r := range list {
		mark := " "
		if r.Current {
			mark = "*"
		}
		fmt.Fprintf(stdout, "%s %s", mark, r.ID)
		if c := r.Changes; c != nil {
			p.Fprintf(stdout, "  pages: %d added, %d removed, %d moved, %d changed, %d changed without their source", len(c.Added), len(c.Removed), len(c.Moved), len(c.Changed), len(c.Unprompted))
		}
		fmt.Fprintln(stdout)
	}
	return 0
}

// s3Flags adds the flags of a bucket target to fs.
func s3Flags(fs *flag.FlagSet) *publish.S3Config {
	c := &publish.S3Config{}
	fs.StringVar(&c.Endpoint, "endpoint", "", "S3-compatible store URL")
	fs.StringVar(&c.Region, "region", "", "bucket region")
	return c
}

// openTarget opens what --to names, a web root or a bucket, saying why not.
func openTarget(to string, c *publish.S3Config, stderr io.Writer) (publish.Target, error) {
	t, err := publish.Open(to, *c)
	if err != nil {
		printError(stderr, diag.Printer(diag.Language("")), err)
	}
	return t, err
}
