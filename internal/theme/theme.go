// Package theme loads the templates and static files of a site's theme:
// the built-in default (package themes), overridden file by file by the
// site's own themes/<name>/ folder.
//
//	t, errs := theme.Load(siteFS, "default", funcs)
//	err := t.Execute(w, "page", data)
//
// Every kind of page (home, list, page, datasets, dataset, 404) has a
// template file <kind>.html that defines "main" and the like; the other
// files (base.html and partials) are shared by all kinds, and each kind
// is executed through "base.html". alias.html stands alone. header.html and
// footer.html are executed once per build (ExecuteShared) with the site. Templates are
// parsed once per build and executed concurrently.
package theme

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gongkai/internal/diag"
	"gongkai/themes"
)

// Kinds are the page kinds a theme must template.
var Kinds = []string{"home", "list", "page", "datasets", "dataset", "404"}

// Theme is a parsed theme.
type Theme struct {
	kinds  map[string]*template.Template
	Static []StaticFile
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
	var errs []diag.Error
	errorf := func(file string, format string, args ...any) {
		where := "(built-in theme) " + file
		if files[file] != themes.Default {
			where = own + "/" + file
		}
		errs = append(errs, diag.Errorf(where, 0, format, args...))
	}
	t := &Theme{kinds: map[string]*template.Template{}}
	shared := template.New("").Funcs(funcs)
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
			if err := parse(shared, files[p], p); err != nil {
				errorf(p, "%v", err)
			}
		}
	}
	for _, kind := range Kinds {
		p := "templates/" + kind + ".html"
		if files[p] == nil {
			errorf(p, "missing template")
			continue
		}
		k, err := shared.Clone()
		if err == nil {
			err = parse(k, files[p], p)
		}
		if err != nil {
			errorf(p, "%v", err)
			continue
		}
		t.kinds[kind] = k
	}
	if shared.Lookup("base.html") == nil || shared.Lookup("alias.html") == nil {
		errorf("templates/base.html", "the theme needs base.html and alias.html")
	}
	t.kinds["alias"] = shared
	return t, errs
}

func parse(t *template.Template, fsys fs.FS, p string) error {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	_, err = t.New(path.Base(p)).Parse(string(src))
	return err
}

// ExecuteShared renders a shared template file, such as header.html,
// that is the same on every page.
func (t *Theme) ExecuteShared(w io.Writer, name string, data any) error {
	return t.kinds["alias"].ExecuteTemplate(w, name, data)
}

// Execute renders a page of the given kind ("alias" for a redirect).
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	k := t.kinds[kind]
	if k == nil {
		return fmt.Errorf("theme has no template for %s pages", kind)
	}
	name := "base.html"
	if kind == "alias" {
		name = "alias.html"
	}
	return k.ExecuteTemplate(w, name, data)
}
