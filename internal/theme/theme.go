// Package theme loads the templates and static files of a site's theme:
// the built-in default (package themes), overridden file by file by the
// site's own themes/<name>/ folder.
//
//	t, errs := theme.Load(siteFS, "default", funcs)
//	err := t.Execute(w, "page", data)             // a whole page
//	err = t.ExecuteFile(w, "figures.html", data)  // a part of one
//
// Every kind of page (home, list, page, datasets, dataset, 404, search) has a
// template file <kind>.html that defines "main" and the like; the other
// files (base.html, partials such as header.html, and the tables a page
// embeds: figures.html, disclosure.html) are shared by all kinds, and each
// kind is executed through base.html. alias.html stands alone.
//
// Templates are named by their path: each file is parsed under its
// site-relative name, themes/<name>/templates/page.html, or "(built-in
// theme) templates/page.html" for a file of the default theme, so an
// error of parsing or executing it is a diag.Error at that file and line.
// Each file can also be called by its base name, {{template "crumbs.html"
// .}}, as a theme always could.
//
// Templates are parsed once per build and executed concurrently. Besides
// the funcs Load is given, they can call cached, which renders a shared
// file once per build and variant and reuses the HTML on every page that
// asks for it (as Hugo's partialCached):
//
//	{{cached "header.html" .Site}}             once per build
//	{{cached "header.html" .Site .Column}}     once per column
//
// The data of the first call for a variant is the one rendered, so a
// variant must stand for everything the output depends on. The HTML is
// trimmed of surrounding white space, as a file's last newline would
// otherwise double the caller's.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	ttemplate "text/template"

	"gongkai/internal/diag"
	"gongkai/themes"
)

// Kinds are the page kinds a theme must template.
var Kinds = []string{"home", "list", "page", "datasets", "dataset", "404", "search"}

// Theme is a parsed theme.
type Theme struct {
	kinds  map[string]*template.Template
	failed map[string]diag.Error // the error of a kind that did not load
	// unparsed holds the error of each shared file that did not parse,
	// by its path as errors give it.
	unparsed map[string]diag.Error
	shared   *template.Template // the files but the kinds'
	names    map[string]string  // a file's base name (page.html) → its template name
	Static   []StaticFile

	cache sync.Map // cacheKey → *cacheEntry, for cached
}

// StaticFile is a file to copy to the output root.
type StaticFile struct {
	Path string // relative to the output root: css/site.css
	FS   fs.FS  // holding it at "static/" + Path
}

// Load reads theme name, falling back to the default theme file by file.
func Load(site fs.FS, name string, funcs template.FuncMap) (*Theme, []diag.Error) {
	layers := []fs.FS{themes.Default}
	own := "themes/" + name
	if sub, err := fs.Sub(site, own); err == nil {
		if _, err := fs.Stat(sub, "."); err == nil {
			layers = append(layers, sub)
		} else if name != "default" {
			return nil, []diag.Error{diag.Errorf("content/site.toml", 0, "theme %q: no folder %s", name, own)}
		}
	}
	files := map[string]fs.FS{} // name under the theme root → the layer that wins
	for _, layer := range layers {
		_ = fs.WalkDir(layer, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files[p] = layer
			}
			return nil
		})
	}
	// where names a file of the theme as errors do, and as it is parsed.
	where := func(file string) string {
		if files[file] == themes.Default {
			return "(built-in theme) " + file
		}
		return own + "/" + file
	}
	var errs []diag.Error
	errorf := func(file string, format string, args ...any) {
		errs = append(errs, diag.Errorf(where(file), 0, format, args...))
	}
	t := &Theme{kinds: map[string]*template.Template{}, failed: map[string]diag.Error{}, unparsed: map[string]diag.Error{}, names: map[string]string{}}
	all := template.FuncMap{}
	maps.Copy(all, funcs)
	all["cached"] = t.cached
	t.shared = template.New("").Funcs(all)
	var names []string
	for p := range files {
		names = append(names, p)
	}
	slices.Sort(names)
	isKind := func(p string) bool {
		base := strings.TrimSuffix(path.Base(p), ".html")
		return path.Dir(p) == "templates" && slices.Contains(Kinds, base)
	}
	for _, p := range names {
		switch {
		case strings.HasPrefix(p, "static/"):
			t.Static = append(t.Static, StaticFile{Path: strings.TrimPrefix(p, "static/"), FS: files[p]})
		case strings.HasPrefix(p, "templates/") && strings.HasSuffix(p, ".html") && !isKind(p):
			t.names[path.Base(p)] = where(p)
			if err := parse(t.shared, files[p], p, where(p)); err != nil {
				errs = append(errs, locate(err, nil, where(p)))
				t.unparsed[where(p)] = errs[len(errs)-1]
			}
		}
	}
	for _, kind := range Kinds {
		p := "templates/" + kind + ".html"
		if files[p] == nil {
			errorf(p, "missing template")
			t.failed[kind] = errs[len(errs)-1]
			continue
		}
		k, err := t.shared.Clone()
		if err == nil {
			err = parse(k, files[p], p, where(p))
		}
		if err != nil {
			errs = append(errs, locate(err, nil, where(p)))
			t.failed[kind] = errs[len(errs)-1]
			continue
		}
		t.kinds[kind] = k
	}
	if t.names["base.html"] == "" || t.names["alias.html"] == "" {
		errorf("templates/base.html", "the theme needs base.html and alias.html")
	}
	t.kinds["alias"] = t.shared
	return t, errs
}

// parse parses file p of fsys into set as name, and its base name as a
// template calling it.
func parse(set *template.Template, fsys fs.FS, p, name string) error {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	if _, err := set.New(name).Parse(string(src)); err != nil {
		return err
	}
	// Not the same tree under two names: html/template escapes each name's
	// tree in place, and refuses to escape a shared one twice.
	_, err = set.New(path.Base(p)).Parse("{{template " + strconv.Quote(name) + " .}}")
	return err
}

// Execute renders a page of the given kind ("alias" for a redirect). A
// template's error is a diag.Error at its file and line.
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	k := t.kinds[kind]
	if e, ok := t.failed[kind]; ok {
		return e // as Load reported it, so reported once
	}
	if k == nil {
		return fmt.Errorf("theme has no template for %s pages", kind)
	}
	name := t.names["base.html"]
	if kind == "alias" {
		name = t.names["alias.html"]
	}
	if err := k.ExecuteTemplate(w, name, data); err != nil {
		return t.locate(err, k, name)
	}
	return nil
}

// locate is locate, but for a file that did not parse, where Load said
// why: html/template then says only that it "is an incomplete template",
// or, called by its base name, that there is "no such template".
func (t *Theme) locate(err error, set *template.Template, file string) diag.Error {
	e := locate(err, set, file)
	if why, ok := t.unparsed[e.Path]; ok {
		return why
	}
	if m := noSuchTemplate.FindStringSubmatch(e.Msg); m != nil {
		if why, ok := t.unparsed[t.names[m[1]]]; ok {
			return why
		}
	}
	return e
}

// ExecuteFile renders a shared template file, such as figures.html. A
// template's error is a diag.Error at its file and line.
func (t *Theme) ExecuteFile(w io.Writer, file string, data any) error {
	name := t.names[file]
	if name == "" {
		return fmt.Errorf("theme has no template %s", file)
	}
	if err := t.shared.ExecuteTemplate(w, name, data); err != nil {
		return t.locate(err, t.shared, name)
	}
	return nil
}

type cacheKey struct {
	file    string
	variant any
}

type cacheEntry struct {
	once sync.Once
	html template.HTML
	err  error
}

// cached is the template func: file rendered with data once per variant.
// Pages render concurrently; the first to ask for a variant renders it,
// the others wait for it rather than render it again.
func (t *Theme) cached(file string, data any, variant ...any) (template.HTML, error) {
	k := cacheKey{file: file}
	switch {
	case len(variant) == 0:
	case len(variant) == 1 && isKey(variant[0]):
		k.variant = variant[0]
	case len(variant) == 1 && isStringer(variant[0]):
		k.variant = variant[0].(fmt.Stringer).String()
	default:
		k.variant = fmt.Sprintf("%#v", variant)
	}
	e, ok := t.cache.Load(k)
	if !ok {
		e, _ = t.cache.LoadOrStore(k, new(cacheEntry))
	}
	c := e.(*cacheEntry)
	c.once.Do(func() {
		var b strings.Builder
		c.err = t.ExecuteFile(&b, file, data)
		c.html = template.HTML(strings.TrimSpace(b.String()))
	})
	return c.html, c.err
}

// isStringer reports whether v says what it is in a string: a cheaper key
// than its printing, where it has one.
func isStringer(v any) bool {
	_, ok := v.(fmt.Stringer)
	return ok
}

// isKey reports whether v can be a map key as it is: a value of a basic
// kind, which compares by value. Anything else is keyed by its printing.
func isKey(v any) bool {
	switch v.(type) {
	case string, bool, int, int64, uint, uint64, float64:
		return true
	}
	return false
}

// locate turns a template error into a diag.Error at the file and line it
// happened: the innermost, when one template called another. text/template
// puts the position only in its messages, "template: NAME:LINE:COL: …"
// ("html/template:NAME:LINE:COL: …" when escaping), NAME being the parse
// name: the file's site-relative path. An error without a position is
// reported at the file defining the template it names, looked up in set,
// or else at file.
func locate(err error, set *template.Template, file string) diag.Error {
	var located diag.Error
	if errors.As(err, &located) {
		return located // from a template called by cached
	}
	msg, name := err.Error(), ""
	for e := err; e != nil; e = errors.Unwrap(e) {
		if ee, ok := e.(ttemplate.ExecError); ok {
			msg, name = ee.Err.Error(), ee.Name
		}
	}
	line := 0
	var he *template.Error
	if errors.As(err, &he) && he.Node == nil {
		msg, name, line = he.Description, he.Name, he.Line
	} else if rest, ok := cutPrefixes(msg, "template: ", "html/template:"); ok {
		msg = rest
		if m := position.FindStringSubmatch(rest); m != nil {
			line, _ = strconv.Atoi(m[2])
			return explain(m[1], line, tidy(rest[len(m[0]):]))
		}
		if _, r, found := strings.Cut(rest, ": "); found {
			msg = r // "template: main: …" names a template, not a file
		}
	}
	if set != nil && name != "" {
		if named := set.Lookup(name); named != nil && named.Tree != nil {
			file = named.Tree.ParseName
		}
	}
	return explain(file, line, tidy(msg))
}

// explained are the template errors a theme's author meets most, each
// said as a message of its own, which is then said in the site's
// language too: the others are Go's words, as they are.
var explained = []struct {
	pattern *regexp.Regexp
	format  string // given the pattern's groups
}{
	{regexp.MustCompile(`^at <(.+)>: can't evaluate field (\S+)$`), "%s: there is no %s here: check its spelling, and that this template is given what has it"},
	{regexp.MustCompile(`^function "(.+)" not defined$`), "there is no function %s: check its spelling"},
	{regexp.MustCompile(`^missing value for (\w+)$`), "{{%s}} needs something to test, as in {{%[1]s .Title}}"},
	{regexp.MustCompile(`^unexpected EOF$`), "the file ends inside an action or a block: an {{end}} or a closing }} is missing"},
}

// explain is the diag.Error for the template error msg at file:line.
func explain(file string, line int, msg string) diag.Error {
	for _, e := range explained {
		if m := e.pattern.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i, g := range m[1:] {
				args[i] = g
			}
			return diag.Errorf(file, line, e.format, args...)
		}
	}
	return diag.Errorf(file, line, "%v", msg)
}

func cutPrefixes(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

var (
	// position is a message's NAME:LINE or NAME:LINE:COL: a parse name
	// may hold spaces, as "(built-in theme) templates/page.html" does.
	position = regexp.MustCompile(`^(.+?\.html):(\d+)(?::\d+)?: `)
	// executing names the template a message comes from, which the file
	// and line say better.
	executing = regexp.MustCompile(`^executing "[^"]*" `)
	// Go type names of the data, such as *build.pageView, mean nothing to
	// a theme's author: "in type T" goes, and "T.Field" leaves ".Field".
	inType = regexp.MustCompile(` in type \S+`)
	goType = regexp.MustCompile(`(?:\*|\[\])*\b(?:build|figures|disclosure|site)\.\w+`)
	// contexts are html/template's states, as {stateAttr delimDoubleQuote …}.
	contexts = regexp.MustCompile(`:? \{state[^{}]*\}(?:, \{state[^{}]*\})*`)
	// noSuchTemplate is what a call by its base name of a file that did
	// not parse gets (Theme.locate).
	noSuchTemplate = regexp.MustCompile(`no such template "([^"]+)"`)
)

func tidy(msg string) string {
	msg = executing.ReplaceAllString(msg, "")
	msg = contexts.ReplaceAllString(msg, "")
	msg = inType.ReplaceAllString(msg, "")
	return goType.ReplaceAllString(msg, "")
}
