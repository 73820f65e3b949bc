// Command gongkai builds the public website of a government body's
// information disclosure (政府信息公开) from a folder of Markdown pages and
// TOML figures. See the README for the site format.
//
//	gongkai build   [-s SITE] [-o OUT] [--drafts] [--now TIME] [-v]
//	gongkai check   [-s SITE] [--now TIME]
//	gongkai new     [-s SITE] [--date DATE] [--report YEAR [--format 2021|2019]] SECTION/NAME
//	gongkai number  [-s SITE]
//	gongkai publish [-s SITE] --to WEBROOT [--keep N] [--dry-run] [--drafts] [--now TIME]
//	gongkai rollback --to WEBROOT [--release ID]
//	gongkai releases --to WEBROOT
//
// Exit status: 0 success, 1 content errors, 2 usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // site time zones work on machines without zoneinfo

	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/scaffold"
	"gongkai/internal/site"
)

const usage = `usage:
  gongkai build   [-s SITE] [-o OUT] [--drafts] [--now TIME] [-v]
  gongkai check   [-s SITE] [--now TIME]
  gongkai new     [-s SITE] [--date DATE] [--report YEAR [--format 2021|2019]] SECTION/NAME
  gongkai number  [-s SITE]
  gongkai publish [-s SITE] --to WEBROOT [--keep N] [--dry-run] [--drafts] [--now TIME]
  gongkai rollback --to WEBROOT [--release ID]
  gongkai releases --to WEBROOT

  -s SITE     the site folder (default .)
  -o OUT      the output folder (default SITE/public)
  --drafts    publish drafts too
  -v          build: name each page not published (drafts, embargoed)
  --now TIME  build as if it were TIME (2021-02-24 or 2021-02-24T09:00:00),
              for embargoes and 有效性
  --date DATE new: the page's date (default today)
  --report YEAR  new: an annual report (政府信息公开工作年度报告) bundle
              with tables.toml, every row present and zeroed
  --format F  new --report: the national table format, 2021 (default) or 2019
  --to WEBROOT  publish: the folder the web server serves WEBROOT/current of;
              each publish adds a release to WEBROOT/releases and switches
              current to it, saying which pages changed
  --keep N    publish: releases kept for rollback (default 5)
  --dry-run   publish: say what would change, install nothing
  --release ID  rollback: the release to switch to (default: the one before)
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	verb, args := args[0], args[1:]
	fs := flag.NewFlagSet("gongkai "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	siteDir := fs.String("s", ".", "site folder")
	var out *string
	var drafts, verbose *bool
	now := fs.String("now", "", "build clock")
	switch verb {
	case "build":
		out = fs.String("o", "", "output folder")
		drafts = fs.Bool("drafts", false, "publish drafts")
		verbose = fs.Bool("v", false, "name the pages not published")
	case "check":
	case "new":
		return runNew(args, stdout, stderr)
	case "number":
		return runNumber(args, stdout, stderr)
	case "publish":
		return runPublish(args, stdout, stderr)
	case "rollback":
		return runRollback(args, stdout, stderr)
	case "releases":
		return runReleases(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "gongkai: unknown command %q\n%s", verb, usage)
		return 2
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gongkai: unexpected argument %q\n%s", fs.Arg(0), usage)
		return 2
	}
	opt := build.Options{Site: os.DirFS(*siteDir), Check: verb == "check"}
	if *now != "" {
		if _, err := site.ParseTime(*now, time.UTC); err != nil {
			fmt.Fprintf(stderr, "gongkai: --now: %v\n", err)
			return 2
		}
		opt.Now = func(loc *time.Location) time.Time {
			t, _ := site.ParseTime(*now, loc)
			return t
		}
	}
	if verb == "build" {
		opt.Drafts = *drafts
		opt.Out = *out
		if opt.Out == "" {
			opt.Out = filepath.Join(*siteDir, "public")
		}
		if err := checkOut(*siteDir, opt.Out); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return 2
		}
	}
	if _, err := os.Stat(filepath.Join(*siteDir, site.ConfigPath)); err != nil {
		fmt.Fprintf(stderr, "gongkai: %s is not a site: no %s\n", *siteDir, site.ConfigPath)
		return 2
	}
	res, err := build.Build(opt)
	p := diag.Printer(diag.Language(res.Language))
	if verb == "check" {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w.Text(p))
		}
	}
	var list diag.List
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(stderr, e.Text(p))
		}
		n := len(list)
		switch {
		case verb == "build" && n == 1:
			p.Fprintf(stderr, "gongkai: 1 error; %s left as it was\n", opt.Out)
		case verb == "build":
			p.Fprintf(stderr, "gongkai: %d errors; %s left as it was\n", n, opt.Out)
		case n == 1:
			p.Fprintf(stderr, "gongkai: 1 error\n")
		default:
			p.Fprintf(stderr, "gongkai: %d errors\n", n)
		}
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return 1
	}
	held := notPublished(p, res.Held)
	switch {
	case verb == "build" && held != "" && res.Pages == 1:
		p.Fprintf(stdout, "gongkai: built 1 page (%d files) into %s; not published: %s\n", res.Files, opt.Out, held)
	case verb == "build" && held != "":
		p.Fprintf(stdout, "gongkai: built %d pages (%d files) into %s; not published: %s\n", res.Pages, res.Files, opt.Out, held)
	case verb == "build" && res.Pages == 1:
		p.Fprintf(stdout, "gongkai: built 1 page (%d files) into %s\n", res.Files, opt.Out)
	case verb == "build":
		p.Fprintf(stdout, "gongkai: built %d pages (%d files) into %s\n", res.Pages, res.Files, opt.Out)
	case res.Pages == 1:
		p.Fprintf(stdout, "gongkai: 1 page checked, no errors\n")
	default:
		p.Fprintf(stdout, "gongkai: %d pages checked, no errors\n", res.Pages)
	}
	if verb == "build" && *verbose {
		listHeld(stdout, p, res.Held)
	}
	return 0
}

// checkOut refuses an output folder that would replace the site itself:
// a build replaces OUT whole.
func checkOut(siteDir, out string) error {
	s, err1 := filepath.Abs(siteDir)
	o, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return errors.Join(err1, err2)
	}
	if o == s || strings.HasPrefix(s+string(filepath.Separator), o+string(filepath.Separator)) || strings.HasPrefix(o, filepath.Join(s, "content")+string(filepath.Separator)) || o == filepath.Join(s, "content") {
		return fmt.Errorf("-o %s would replace the site or its content; choose another output folder", out)
	}
	return nil
}

// runNew makes a page, or an annual-report bundle, ready to fill in.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gongkai new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	siteDir := fs.String("s", ".", "site folder")
	report := fs.Int("report", 0, "annual report year")
	format := fs.String("format", "2021", "annual report table format")
	date := fs.String("date", "", "the page's date (default today)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "gongkai: new takes one SECTION/NAME\n%s", usage)
		return 2
	}
	if *format != "2021" && *format != "2019" {
		fmt.Fprintf(stderr, "gongkai: --format: want 2021 or 2019, have %q\n", *format)
		return 2
	}
	s, errs := site.Load(os.DirFS(*siteDir))
	if s == nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", errs.Err())
		return 1
	}
	day := time.Now().In(s.Config.Location)
	if *date != "" {
		t, err := site.ParseTime(*date, s.Config.Location)
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: --date: %v\n", err)
			return 2
		}
		day = t
	}
	// The new page's 索引号 is written now, so that it never changes: the
	// first serial of its body's code and year that no page holds.
	site.AssignIndexNumbers(s.Pages)
	dir := path.Dir(path.Join("content", filepath.ToSlash(fs.Arg(0)))) // its column, for a page or a bundle
	if _, err := os.Stat(filepath.Join(*siteDir, dir, "_index.md")); strings.HasPrefix(dir, "content/") && err != nil {
		fmt.Fprintf(stderr, "gongkai: %s is not a column yet: make %s/_index.md with the column's title first (+++ title = \"通知公告\" +++)\n", dir, dir)
		return 1
	}
	org := s.OrgOf(dir)
	indexNo := site.NextIndexNumber(s.Pages, org.Code, day.Year())
	made, err := scaffold.Page(*siteDir, fs.Arg(0), scaffold.Options{Date: day, Report: *report, Format: *format, Org: org.Name, IndexNo: indexNo})
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return 1
	}
	for _, f := range made {
		fmt.Fprintf(stdout, "created %s\n", f)
	}
	return 0
}

// runNumber writes into every page without an index_no the 索引号 it is
// given today, so that pages added later never change it.
func runNumber(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gongkai number", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	siteDir := fs.String("s", ".", "site folder")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gongkai: unexpected argument %q\n%s", fs.Arg(0), usage)
		return 2
	}
	if _, err := os.Stat(filepath.Join(*siteDir, site.ConfigPath)); err != nil {
		fmt.Fprintf(stderr, "gongkai: %s is not a site: no %s\n", *siteDir, site.ConfigPath)
		return 2
	}
	// Numbers are written only into a site that loads cleanly: a page
	// whose front matter has an error could not be read to be numbered.
	s, errs := site.Load(os.DirFS(*siteDir))
	lang := ""
	if s != nil {
		lang = s.Config.Language
		errs = append(errs, site.AssignIndexNumbers(s.Pages)...)
	}
	p := diag.Printer(diag.Language(lang))
	if len(errs) > 0 {
		for _, e := range errs.Sort() {
			fmt.Fprintln(stderr, e.Text(p))
		}
		if len(errs) == 1 {
			p.Fprintf(stderr, "gongkai: 1 error; no page numbered\n")
		} else {
			p.Fprintf(stderr, "gongkai: %d errors; no page numbered\n", len(errs))
		}
		return 1
	}
	n := 0
	for _, pg := range s.Pages {
		if !pg.IndexGenerated {
			continue
		}
		if err := scaffold.WriteIndexNumber(*siteDir, pg.Path, pg.IndexNo); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s: index_no = %q\n", pg.Path, pg.IndexNo)
		n++
	}
	if n == 1 {
		p.Fprintf(stdout, "gongkai: numbered 1 page\n")
	} else {
		p.Fprintf(stdout, "gongkai: numbered %d pages\n", n)
	}
	return 0
}
