// Command gongkai builds the public website of a government body's
// information disclosure (政府信息公开) from a folder of Markdown pages and
// TOML figures. See the README for the site format.
//
//	gongkai init    [DIR]
//	gongkai new     [-s SITE] [--date DATE] [--report YEAR [--format 2021|2019]] SECTION/NAME
//	gongkai number  [-s SITE]
//	gongkai check   [-s SITE] [--now TIME] [--org CODE] [--format text|json] [--strict]
//	gongkai build   [-s SITE] [-o OUT] [--drafts] [--now TIME] [--no-cache] [-v]
//	gongkai serve   [-s SITE] [--addr 127.0.0.1:1313] [--drafts] [--now TIME]
//	gongkai publish [-s SITE] --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--max-deletes N] [--keep N] [--dry-run] [--drafts] [--now TIME] [--no-cache]
//	gongkai rollback --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--release ID]
//	gongkai releases --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R]
//
// Exit status: 0 success, 1 content errors, 2 usage errors.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // site time zones work on machines without zoneinfo

	"golang.org/x/text/message"

	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/history"
	"gongkai/internal/scaffold"
	"gongkai/internal/serve"
	"gongkai/internal/site"
)

// synopsis is the commands with their flags, the same in every language.
const synopsis = `  gongkai init    [DIR]
  gongkai new     [-s SITE] [--date DATE] [--report YEAR [--format 2021|2019]] SECTION/NAME
  gongkai number  [-s SITE]
  gongkai check   [-s SITE] [--now TIME] [--org CODE] [--format text|json] [--strict]
  gongkai build   [-s SITE] [-o OUT] [--drafts] [--now TIME] [--no-cache] [-v]
  gongkai serve   [-s SITE] [--addr 127.0.0.1:1313] [--drafts] [--now TIME]
  gongkai publish [-s SITE] --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--max-deletes N] [--keep N] [--dry-run] [--drafts] [--now TIME] [--no-cache]
  gongkai rollback --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--release ID]
  gongkai releases --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R]
  gongkai --version
`

const usageEN = "usage:\n" + synopsis + `
  -s SITE     the site folder (default .)
  -o OUT      the output folder (default SITE/public)
  --drafts    publish drafts too
  --now TIME  build as if it were TIME (2021-02-24 or 2021-02-24T09:00:00),
              for embargoes and 有效性
  --date DATE new: the page's date (default today)
  --report YEAR  new: an annual report (政府信息公开工作年度报告) bundle
              with tables.toml, every row present and zeroed
  --format F  new --report: the national table format, 2021 or 2019 (default:
              2021 for reports from 2021 on, 2019 before);
              check: text (default) or json, one object per finding
  --org CODE  check: only the findings of the body with this organization code
  --strict    check: warnings count as errors (exit 1)
  -v          build: name the pages not published (drafts, embargoed)
  --no-cache  build, publish: neither use nor write the build cache, SITE/.gongkai-cache
  --addr A    serve: where to listen (default 127.0.0.1:1313, this machine only)
  --to WEBROOT  publish: the folder the web server serves WEBROOT/current of;
              each publish adds a release to WEBROOT/releases and switches
              current to it, saying which pages changed
  --to s3://BUCKET/PREFIX  publish, rollback, releases: an S3-compatible
              bucket, sent only what changed (credentials: AWS_ACCESS_KEY_ID,
              AWS_SECRET_ACCESS_KEY or ~/.aws; see the README)
  --endpoint URL  the bucket's store (default AWS_ENDPOINT_URL_S3 or AWS)
  --region R  the bucket's region (default AWS_REGION, else us-east-1)
  --max-deletes N  publish to a bucket: most files deleted (default 100)
  --keep N    publish: releases kept for rollback (default 5)
  --dry-run   publish: say what would change, install nothing
  --release ID  rollback: the release to switch to (default: the one before)

gongkai VERB -h tells more of each.
`

// helpEN is each verb's own usage, for gongkai VERB -h.
var helpEN = map[string]string{
	"init": `usage: gongkai init [DIR]

Writes a new site into DIR (default .), which must be new or empty:
content/site.toml with placeholders to fill in, and the standard columns
of a 政府信息公开 site (政府信息公开指南, 政府信息公开制度, 法定主动公开内容,
政府信息公开年报).
`,
	"new": `usage: gongkai new [-s SITE] [--date DATE] [--report YEAR [--format 2021|2019]] SECTION/NAME

Writes a draft page content/SECTION/NAME.md, with its 索引号.

  -s SITE        the site folder (default .)
  --date DATE    the page's date (default today)
  --report YEAR  an annual report (政府信息公开工作年度报告) bundle with
                 tables.toml, every row present and zeroed
  --format F     the national table format, 2021 or 2019 (default: 2021
                 for reports from 2021 on, 2019 before)
`,
	"number": `usage: gongkai number [-s SITE]

Writes into every page without index_no the 索引号 it has today.

  -s SITE     the site folder (default .)
`,
	"check": `usage: gongkai check [-s SITE] [--now TIME] [--org CODE] [--format text|json] [--strict]

Runs every validation of build, and what an inspector would find: broken
links, personal information, stale and empty columns, typing slips and
错敏词, late annual reports, dates in the future, untidy names. Writes
nothing. Exit status 1 on errors (and on warnings with --strict).

  -s SITE        the site folder (default .)
  --now TIME     check as if it were TIME (2021-02-24 or 2021-02-24T09:00:00)
  --org CODE     only the findings of the body with this organization code
  --format F     text (default), or json: one JSON object a line per finding
  --strict       warnings count as errors
`,
	"serve": `usage: gongkai serve [-s SITE] [--addr 127.0.0.1:1313] [--drafts] [--now TIME]

Shows the site as it will look, in a browser, and rebuilds it as files are
saved: open pages reload by themselves, and an error shows on the page
(and here) until the file is fixed. Never writes SITE/public.

  -s SITE     the site folder (default .)
  --addr A    where to listen (default 127.0.0.1:1313, this machine only)
  --drafts    show drafts too
  --now TIME  as if it were TIME, for embargoes and 有效性
`,
	"publish": `usage: gongkai publish [-s SITE] --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--max-deletes N] [--keep N] [--dry-run] [--drafts] [--now TIME] [--no-cache]

Builds the site and installs it into WEBROOT as a new release: the web
server serves WEBROOT/current, switched to the new release in one step.
Unchanged files are hard-linked from the release before. Says which pages
were added, removed and changed, and which public pages changed although
their own file did not (a dataset, a template, a renumbering). Like
build, it makes again only what changed since the last build or publish,
taking the rest from SITE/.gongkai-cache.

  -s SITE       the site folder (default .)
  --to WEBROOT  the folder the web server serves current/ of
  --keep N      releases kept for rollback (default 5)
  --dry-run     say what would change, install nothing
  --drafts      publish drafts too
  --now TIME    as if it were TIME, for embargoes and 有效性
  --no-cache    neither use nor write SITE/.gongkai-cache

With --to s3://BUCKET/PREFIX the site goes to an S3-compatible bucket
instead: only the files that changed are sent, assets first and
sitemap.xml last, then files no longer in the site are deleted.

  --endpoint URL    the store (default AWS_ENDPOINT_URL_S3, else AWS)
  --region R        its region (default AWS_REGION, else us-east-1)
  --max-deletes N   refuse to delete more files than N (default 100)
`,
	"rollback": `usage: gongkai rollback --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--release ID]

Switches WEBROOT/current back to the release before (or to release ID),
in one step, without building. With --to s3://BUCKET/PREFIX (and
--endpoint, --region), copies the release's files back inside the bucket.
`,
	"releases": `usage: gongkai releases --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R]

Lists the releases kept in WEBROOT, the current one marked.
`,
	"build": `usage: gongkai build [-s SITE] [-o OUT] [--drafts] [--now TIME] [--no-cache] [-v]

Builds the site into OUT. On any error it writes nothing. It says how many
pages it left out (drafts, embargoed); -v names them. It keeps what it
made in SITE/.gongkai-cache, so that the next build makes again only what
a change reaches; the folder is safe to delete at any time.

  -s SITE     the site folder (default .)
  -o OUT      the output folder (default SITE/public)
  --drafts    publish drafts too
  --now TIME  build as if it were TIME (2021-02-24 or 2021-02-24T09:00:00),
              for embargoes and 有效性
  --no-cache  neither use nor write SITE/.gongkai-cache
  -v          name the pages not published, and say how many files the
              cache gave
`,
}

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC sets the collector for a build, unless GOGC or GOMEMLIMIT say
// otherwise. A build allocates many times what it keeps (each page is
// read, rendered and dropped), and keeps little (a page's title, date,
// URL, 索引号): Go's default, collecting each time the heap doubles, runs
// the collector often for nothing. Collecting at three times what is
// kept, but never above 1.75 GiB unless more is kept, holds a portal of a
// million pages under 2 GB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1792 << 20)
	}
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	verb, args := args[0], args[1:]
	fs := flagSet(verb, stderr)
	siteDir := fs.String("s", ".", "site folder")
	var out, format, org *string
	var drafts, strict, verbose, noCache *bool
	now := fs.String("now", "", "build clock")
	switch verb {
	case "build":
		out = fs.String("o", "", "output folder")
		drafts = fs.Bool("drafts", false, "publish drafts")
		verbose = fs.Bool("v", false, "name the pages not published")
		noCache = fs.Bool("no-cache", false, "use no build cache")
	case "check":
		format = fs.String("format", "text", "text or json")
		org = fs.String("org", "", "organization code")
		strict = fs.Bool("strict", false, "warnings count as errors")
	case "init":
		return runInit(args, stdout, stderr)
	case "new":
		return runNew(args, stdout, stderr)
	case "number":
		return runNumber(args, stdout, stderr)
	case "serve":
		return runServe(args, stdout, stderr)
	case "publish":
		return runPublish(args, stdout, stderr)
	case "rollback":
		return runRollback(args, stdout, stderr)
	case "releases":
		return runReleases(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "gongkai %s\n", version())
		return 0
	default:
		diag.Printer(diag.Language("")).Fprintf(stderr, "gongkai: unknown command %q\n", verb)
		fmt.Fprint(stderr, usage())
		return 2
	}
	if status, ok := parse(fs, verb, args, stdout, stderr); !ok {
		return status
	}
	if !noArgs(fs, stderr) {
		return 2
	}
	opt := build.Options{Site: os.DirFS(*siteDir), Dir: *siteDir, Check: verb == "check"}
	if verb == "check" {
		if *format != "text" && *format != "json" {
			fmt.Fprintf(stderr, "gongkai: --format: want text or json, have %q\n", *format)
			return 2
		}
		opt.Org = strings.TrimSpace(*org) // pasted with a space around it
		if given(fs, "org") && opt.Org == "" {
			// An unset variable in a script: checking the whole site
			// instead would look like the body's check.
			earlyPrinter(*siteDir).Fprintf(stderr, "gongkai: --org needs an organization code, the [organization] code of a body's column\n")
			return 2
		}
	}
	clock, ok := nowFlag(*now, *siteDir, stderr)
	if !ok {
		return 2
	}
	opt.Now = clock
	if verb == "build" {
		opt.Drafts = *drafts
		opt.Out = *out
		if opt.Out == "" {
			opt.Out = filepath.Join(*siteDir, "public")
		}
		if err := checkOut(*siteDir, opt.Out); err != nil {
			printError(stderr, earlyPrinter(*siteDir), err)
			return 2
		}
		if !*noCache {
			opt.Cache = filepath.Join(*siteDir, build.CacheDir)
			if c, o := absPath(opt.Cache), absPath(opt.Out); o == c || strings.HasPrefix(o, c+string(filepath.Separator)) {
				earlyPrinter(*siteDir).Fprintf(stderr, "gongkai: -o %s would replace the build cache; choose another output folder\n", opt.Out)
				return 2
			}
		}
	}
	if !isSite(*siteDir, stderr) {
		return 2
	}
	res, err := build.Build(opt)
	p := diag.Printer(diag.Language(res.Language))
	if verb == "check" {
		return reportCheck(res, err, *format == "json", *strict, p, stdout, stderr)
	}
	var list diag.List
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(stderr, e.Text(p))
		}
		if n := len(list); n == 1 {
			p.Fprintf(stderr, "gongkai: 1 error; %s left as it was\n", opt.Out)
		} else {
			p.Fprintf(stderr, "gongkai: %d errors; %s left as it was\n", n, opt.Out)
		}
		return 1
	case err != nil:
		printError(stderr, p, err)
		return 1
	}
	for _, w := range res.Notices {
		fmt.Fprintln(stderr, w.Text(p))
	}
	held := notPublished(p, res.Held)
	switch {
	case held != "" && res.Pages == 1:
		p.Fprintf(stdout, "gongkai: built 1 page (%d files) into %s; not published: %s\n", res.Files, opt.Out, held)
	case held != "":
		p.Fprintf(stdout, "gongkai: built %d pages (%d files) into %s; not published: %s\n", res.Pages, res.Files, opt.Out, held)
	case res.Pages == 1:
		p.Fprintf(stdout, "gongkai: built 1 page (%d files) into %s\n", res.Files, opt.Out)
	default:
		p.Fprintf(stdout, "gongkai: built %d pages (%d files) into %s\n", res.Pages, res.Files, opt.Out)
	}
	sayCache(stdout, p, res, opt.Cache, opt.Out)
	if *verbose {
		listHeld(stdout, p, res.Held)
		if opt.Cache != "" && !res.CacheElsewhere && !res.CacheBusy {
			p.Fprintf(stdout, "gongkai: %d of %d files taken from the build cache %s\n", res.Reused, res.Files, opt.Cache)
			if res.PagesKept == 1 {
				p.Fprintf(stdout, "gongkai: 1 page taken from the build cache as the last build read it, its file unchanged\n")
			} else {
				p.Fprintf(stdout, "gongkai: %d pages taken from the build cache as the last build read them, their files unchanged\n", res.PagesKept)
			}
		}
	}
	return 0
}

// sayCache says why a build with the build cache (cache: its folder; ""
// for none) used none of it, when it could not: why it took as long as
// the first, which a publisher would otherwise look for a fault in. out
// is the output folder, or the web root.
func sayCache(w io.Writer, p *message.Printer, res build.Result, cache, out string) {
	switch {
	case cache == "":
	case res.CacheOther:
		p.Fprintf(w, "gongkai: the build cache held a build of other settings (site.toml, the theme, --drafts or another version of gongkai): every file was made again, and the cache now holds this build\n")
	case res.CacheDamaged:
		p.Fprintf(w, "gongkai: the build cache's manifest could not be read (damaged, or written by an older gongkai): every file was made again, and the cache now holds this build\n")
	case res.CacheBusy:
		p.Fprintf(w, "gongkai: another gongkai build or publish of this site was using the build cache %s: every file was made again, without it\n", cache)
	case res.CacheElsewhere:
		p.Fprintf(w, "gongkai: %s is on another disk than the build cache %s, whose files cannot be linked there: every file was made again; to use the cache, keep both on one disk\n", out, cache)
	}
}

// reportCheck prints what a check found, as text for an editor or as one
// JSON object a line for CI, and returns the exit status.
func reportCheck(res build.Result, err error, asJSON, strict bool, p *message.Printer, stdout, stderr io.Writer) int {
	var list diag.List
	if err != nil && !errors.As(err, &list) {
		printError(stderr, p, err)
		return 1
	}
	errs := len(list)
	warns := len(res.Warnings)
	all := append(slices.Clone(list), res.Warnings...).Sort()
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, e := range all {
			severity := "error"
			if e.Warning {
				severity = "warning"
			}
			enc.Encode(finding{Path: e.Path, Line: e.Line, Col: e.Col, Severity: severity, Message: e.Message(p), MessageEn: e.Message(nil)})
		}
	} else {
		// The findings are what a check makes: on stdout, so that
		// gongkai check > 检查结果.txt keeps them; the count stays on
		// stderr, in the terminal.
		for _, e := range all {
			fmt.Fprintln(stdout, e.Text(p))
		}
	}
	switch {
	case errs > 0:
		if errs == 1 {
			p.Fprintf(stderr, "gongkai: 1 error\n")
		} else {
			p.Fprintf(stderr, "gongkai: %d errors\n", errs)
		}
		return 1
	case strict && warns > 0:
		p.Fprintf(stderr, "gongkai: %d warning(s), which --strict counts as errors\n", warns)
		return 1
	case asJSON:
	case res.ErrorsElsewhere > 0:
		p.Fprintf(stdout, "gongkai: no errors in this body's pages, %d warning(s)\n", warns)
		p.Fprintf(stderr, "gongkai: the rest of the site has %d error(s), %d of which stop its build until they are fixed (gongkai check without --org lists them)\n", res.ErrorsElsewhere+res.CheckErrorsElsewhere, res.ErrorsElsewhere)
	case res.CheckErrorsElsewhere > 0:
		p.Fprintf(stdout, "gongkai: no errors in this body's pages, %d warning(s)\n", warns)
		p.Fprintf(stderr, "gongkai: the rest of the site has %d error(s), such as broken links, which do not stop its build but should be fixed (gongkai check without --org lists them)\n", res.CheckErrorsElsewhere)
	case warns > 0 && res.Pages == 1:
		p.Fprintf(stdout, "gongkai: 1 page checked, no errors, %d warning(s)\n", warns)
	case warns > 0:
		p.Fprintf(stdout, "gongkai: %d pages checked, no errors, %d warning(s)\n", res.Pages, warns)
	case res.Pages == 1:
		p.Fprintf(stdout, "gongkai: 1 page checked, no errors\n")
	default:
		p.Fprintf(stdout, "gongkai: %d pages checked, no errors\n", res.Pages)
	}
	return 0
}

// finding is one line of check --format json.
type finding struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Col       int    `json:"col"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`    // in the site's language
	MessageEn string `json:"message_en"` // in English
}

// flagSet makes a verb's flags; its usage is printed by parse.
func flagSet(verb string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("gongkai "+verb, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // its messages are English: parse says them
	fs.Usage = func() {}
	return fs
}

// given reports whether the command line set the flag name, even to its
// default or to nothing.
func given(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// flagMistakes are the flag package's errors, each with a message of ours
// that says the same, in Chinese too (zh.go).
var flagMistakes = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^flag provided but not defined: (-+\S+)$`), "gongkai: there is no option %s\n"},
	{regexp.MustCompile(`^invalid value (".*") for flag (-+\S+): .*$`), "gongkai: %[2]s: %[1]s is not a value it takes\n"},
	{regexp.MustCompile(`^invalid boolean value (".*") for (-+\S+): .*$`), "gongkai: %[2]s: %[1]s is not a value it takes\n"},
	{regexp.MustCompile(`^flag needs an argument: (-+\S+)$`), "gongkai: %s needs a value after it\n"},
}

// sayFlagMistake says err, a mistake in the command line, in the
// language of gongkai's help.
func sayFlagMistake(stderr io.Writer, err error) {
	p := diag.Printer(diag.Language(""))
	for _, m := range flagMistakes {
		if g := m.re.FindStringSubmatch(err.Error()); g != nil {
			args := make([]any, len(g)-1)
			for i, a := range g[1:] {
				args[i] = a
			}
			p.Fprintf(stderr, m.format, args...)
			return
		}
	}
	fmt.Fprintf(stderr, "gongkai: %v\n", err)
}

// parse parses a verb's flags: -h prints its help and exits 0, a mistake
// its usage and exits 2. It is false when run must return the status.
func parse(fs *flag.FlagSet, verb string, args []string, stdout, stderr io.Writer) (int, bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, help(verb))
		return 0, false
	case err != nil:
		sayFlagMistake(stderr, err)
		fmt.Fprint(stderr, help(verb))
		return 2, false
	}
	return 0, true
}

// version is the module version, or the commit the binary was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
			v = s.Value[:12]
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}

// runInit writes a new site.
func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("init", stderr)
	if status, ok := parse(fs, "init", args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "gongkai: init takes one DIR\n%s", help("init"))
		return 2
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	made, err := scaffold.Site(dir)
	if err != nil {
		printError(stderr, diag.Printer(diag.Language("")), err)
		return 1
	}
	p := diag.Printer(diag.Language("")) // the new site's: zh-CN
	for _, f := range made {
		p.Fprintf(stdout, "created %s\n", filepath.Join(dir, f))
	}
	return 0
}

// noArgs reports whether a verb that takes only flags was given none
// else, saying what was.
func noArgs(fs *flag.FlagSet, stderr io.Writer) bool {
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gongkai: unexpected argument %q\n%s", fs.Arg(0), usage())
		return false
	}
	return true
}

// isSite reports whether dir holds a site, saying so when it does not.
func isSite(dir string, stderr io.Writer) bool {
	if _, err := os.Stat(filepath.Join(dir, site.ConfigPath)); err != nil {
		diag.Printer(diag.Language("")).Fprintf(stderr, "gongkai: %s is not a site: no %s\n", dir, site.ConfigPath)
		return false
	}
	return true
}

// nowFlag reads --now: the build clock, nil when not given. A value
// without an offset is read in the zone the build gives it (the site's).
// A mistake is told in the language of the site in siteDir.
func nowFlag(now, siteDir string, stderr io.Writer) (func(*time.Location) time.Time, bool) {
	if now == "" {
		return nil, true
	}
	if _, err := site.ParseTime(now, time.UTC); err != nil {
		fmt.Fprintf(stderr, "gongkai: --now: %s\n", errText(earlyPrinter(siteDir), err))
		return nil, false
	}
	return func(loc *time.Location) time.Time {
		t, _ := site.ParseTime(now, loc)
		return t
	}, true
}

// absPath is p made absolute, or p when it cannot be.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// checkOut refuses an output folder a build must not replace, as a
// build replaces OUT whole: the site itself, its content, or a folder
// holding files gongkai did not make (a folder of notes named by
// mistake, a web root made by hand). A site gongkai built has its
// theme's stylesheet or script under a fingerprinted name
// (css/site.25faefd797.css), which a web root made by hand, with an
// index.html and a 404.html of its own, does not: that is enough, so
// that a site whose home or 404 page someone deleted is built again, not
// refused until its folder is removed. Any other folder must be empty.
func checkOut(siteDir, out string) error {
	s, err1 := filepath.Abs(siteDir)
	o, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return errors.Join(err1, err2)
	}
	if o == s || strings.HasPrefix(s+string(filepath.Separator), o+string(filepath.Separator)) || strings.HasPrefix(o, filepath.Join(s, "content")+string(filepath.Separator)) || o == filepath.Join(s, "content") {
		return diag.Errorf("", 0, "the output folder %s would replace the site or its content; choose another with -o", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) == 0 {
		return nil // none yet, or empty (a file there fails the build, with its own error)
	}
	if _, err := os.Stat(filepath.Join(out, ".gongkai", "manifest.json.gz")); err == nil {
		// A release (or a web root's current): kept as it is, for
		// rollback, and perhaps served.
		return diag.Errorf("", 0, "the output folder %s is a release gongkai publish installed, which stays as it is; choose another with -o", out)
	}
	css, _ := filepath.Glob(filepath.Join(out, "css", "*.??????????.css"))
	js, _ := filepath.Glob(filepath.Join(out, "js", "*.??????????.js"))
	if len(css)+len(js) == 0 {
		return diag.Errorf("", 0, "the output folder %s holds files that are not a site gongkai built (%s, …), and a build replaces the whole folder: choose a new or empty one with -o, or move those files away first", out, entries[0].Name())
	}
	return nil
}

// earlyPrinter prints the messages of a command before it loads the
// site: in the language its site.toml says, when it can be read.
func earlyPrinter(siteDir string) *message.Printer {
	lang := ""
	if c, _ := site.ReadConfig(os.DirFS(siteDir)); c != nil {
		lang = c.Language
	}
	return diag.Printer(diag.Language(lang))
}

// runNew makes a page, or an annual-report bundle, ready to fill in.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("new", stderr)
	siteDir := fs.String("s", ".", "site folder")
	report := fs.Int("report", 0, "annual report year")
	format := fs.String("format", "2021", "annual report table format")
	date := fs.String("date", "", "the page's date (default today)")
	if status, ok := parse(fs, "new", args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "gongkai: new takes one SECTION/NAME\n%s", usage())
		return 2
	}
	if *format != "2021" && *format != "2019" {
		diag.Printer(diag.Language("")).Fprintf(stderr, "gongkai: --format: want 2021 or 2019, have %q\n", *format)
		return 2
	}
	if *report != 0 && *report < 2021 && !given(fs, "format") {
		// The 2021 tables (国办公开办函〔2021〕30号) are those of the
		// reports from 2021 on; a report of an earlier year has the 2019
		// ones, unless asked.
		*format = "2019"
	}
	s, errs := site.Load(os.DirFS(*siteDir))
	if s == nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", errs.Err())
		return 1
	}
	p := diag.Printer(diag.Language(s.Config.Language))
	day := time.Now().In(s.Config.Location)
	if *date != "" {
		t, err := site.ParseTime(*date, s.Config.Location)
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: --date: %s\n", errText(p, err))
			return 2
		}
		day = t
	}
	// The new page's 索引号 is written now, so that it never changes: the
	// serial after the highest its body's code and year has given, to a
	// page here or to one since deleted.
	retired := retiredNumbers(*siteDir, stderr, p)
	site.AssignIndexNumbers(s.Pages, retired)
	dir := path.Dir(path.Join("content", filepath.ToSlash(fs.Arg(0)))) // its column, for a page or a bundle
	if _, err := os.Stat(filepath.Join(*siteDir, dir, "_index.md")); strings.HasPrefix(dir, "content/") && err != nil {
		p.Fprintf(stderr, "gongkai: %s is not a column yet: first make %s/_index.md with these three lines, the column's title in the middle one:\n+++\ntitle = \"通知公告\"\n+++\n", dir, dir)
		return 1
	}
	org := s.OrgOf(dir)
	indexNo := site.NextIndexNumber(s.Pages, retired, org.Code, day.Year())
	made, err := scaffold.Page(*siteDir, fs.Arg(0), scaffold.Options{Date: day, Report: *report, Format: *format, Org: org.Name, IndexNo: indexNo})
	if err != nil {
		printError(stderr, p, err)
		return 1
	}
	for _, f := range made {
		p.Fprintf(stdout, "created %s\n", f)
	}
	return 0
}

// retiredNumbers is the 索引号 of the pages deleted from the site in its
// git history (site.Retired), which are not given again; none when the
// site is not in git. When git cannot say, the editor is told.
func retiredNumbers(siteDir string, stderr io.Writer, p *message.Printer) map[string]bool {
	texts, err := history.Deleted(siteDir)
	if err != nil {
		p.Fprintf(stderr, "gongkai: warning: cannot read the pages deleted from the site's git history (%v): a number a deleted page held could be given again\n", err)
	}
	return site.Retired(texts)
}

// runNumber writes into every page without an index_no the 索引号 it is
// given today, so that pages added later never change it.
func runNumber(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("number", stderr)
	siteDir := fs.String("s", ".", "site folder")
	if status, ok := parse(fs, "number", args, stdout, stderr); !ok {
		return status
	}
	if !noArgs(fs, stderr) {
		return 2
	}
	if !isSite(*siteDir, stderr) {
		return 2
	}
	// Numbers are written only into a site that loads cleanly: a page
	// whose front matter has an error could not be read to be numbered.
	s, errs := site.Load(os.DirFS(*siteDir))
	lang := ""
	if s != nil {
		lang = s.Config.Language
	}
	p := diag.Printer(diag.Language(lang))
	if s != nil {
		errs = append(errs, site.AssignIndexNumbers(s.Pages, retiredNumbers(*siteDir, stderr, p))...)
	}
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

// runServe previews the site, rebuilt as its files are saved, until the
// process is interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flagSet("serve", stderr)
	siteDir := fs.String("s", ".", "site folder")
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on")
	drafts := fs.Bool("drafts", false, "show drafts")
	now := fs.String("now", "", "build clock")
	if status, ok := parse(fs, "serve", args, stdout, stderr); !ok {
		return status
	}
	if !noArgs(fs, stderr) {
		return 2
	}
	if !isSite(*siteDir, stderr) {
		return 2
	}
	opt := serve.Options{Dir: *siteDir, Drafts: *drafts, Log: stderr}
	clock, ok := nowFlag(*now, *siteDir, stderr)
	if !ok {
		return 2
	}
	opt.Now = clock
	l, err := net.Listen("tcp", *addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		earlyPrinter(*siteDir).Fprintf(stderr, "gongkai: %s is in use, by another program or another gongkai serve: stop it, or serve on another port, as --addr 127.0.0.1:1314\n", *addr)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return 1
	}
	s, err := serve.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return 1
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	p := diag.Printer(diag.Language(s.Language()))
	p.Fprintf(stdout, "gongkai: serving %s at http://%s%s (Ctrl+C stops)\n", *siteDir, l.Addr(), s.BasePath())
	if err := s.Watch(ctx); err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return 1
	}
	return 0
}
