package theme

import (
	"errors"
	"fmt"
	"gongkai/internal/diag"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func load(t *testing.T, files map[string]string, funcs template.FuncMap) *Theme {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys["themes/t/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	th, errs := Load(fsys, "t", funcs)
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	return th
}

func rel(p string) string { return p }

type page struct {
	Title string
	Key   string
	Items []string
}

// cached renders a file once per variant, however many pages ask for it
// at once, and gives each variant its own HTML.
func TestCached(t *testing.T) {
	var calls atomic.Int64
	th := load(t, map[string]string{
		"templates/part.html": "\n<p>{{.Title}} {{count}}</p>\n",
		"templates/page.html": `{{define "main"}}{{cached "part.html" . .Key}}|{{cached "part.html" . .Items}}{{end}}`,
		"templates/base.html": `{{template "main" .}}`,
	}, template.FuncMap{"rel": rel, "count": func() int64 { return calls.Add(1) }})

	var wg sync.WaitGroup
	have := make([]string, 64)
	for i := range have {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprint(i % 2)
			var b strings.Builder
			if err := th.Execute(&b, "page", page{Title: "page " + key, Key: key, Items: []string{key}}); err != nil {
				t.Error(err)
			}
			have[i] = b.String()
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 4 {
		t.Errorf("have %d renderings, want 4: two variants of a string key, two of a slice", n)
	}
	for i, h := range have {
		want := fmt.Sprintf("<p>page %d ", i%2)
		if !strings.HasPrefix(h, want) || strings.Count(h, want) != 2 {
			t.Errorf("page %d: have %q, want both parts to start %q, trimmed", i, h, want)
		}
	}
}

// Errors name the template file and line, as a site-relative path, with no
// Go type names.
func TestErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		kind  string // executed; "" when Load fails
		want  string
	}{{
		name:  "parse",
		files: map[string]string{"templates/page.html": "{{define \"main\"}}\n{{.Title}\n{{end}}"},
		want:  "themes/t/templates/page.html:2: bad character U+007D '}'",
	}, {
		name:  "parse, shared file",
		files: map[string]string{"templates/part.html": "\n\n{{if}}"},
		want:  "themes/t/templates/part.html:3: {{if}} needs something to test, as in {{if .Title}}",
	}, {
		name:  "parse, a function no theme has",
		files: map[string]string{"templates/page.html": "{{define \"main\"}}\n{{.Title | upper}}{{end}}"},
		want:  "themes/t/templates/page.html:2: there is no function upper: check its spelling",
	}, {
		name:  "parse, a block not ended",
		files: map[string]string{"templates/page.html": "{{define \"main\"}}\n{{if .Title}}x{{end}}"},
		want:  "themes/t/templates/page.html:2: the file ends inside an action or a block: an {{end}} or a closing }} is missing",
	}, {
		name:  "execute",
		files: map[string]string{"templates/page.html": "{{define \"main\"}}\n\n{{.Nope}}{{end}}"},
		kind:  "page",
		want:  "themes/t/templates/page.html:3: .Nope: there is no Nope here: check its spelling, and that this template is given what has it",
	}, {
		name: "execute, in a cached file",
		files: map[string]string{
			"templates/part.html": "{{.Title}}\n{{index .Items 3}}",
			"templates/page.html": "{{define \"main\"}}{{cached \"part.html\" .}}{{end}}",
		},
		kind: "page",
		want: "themes/t/templates/part.html:2: at <index .Items 3>: error calling index: index out of range: 3",
	}, {
		name:  "execute, built-in file",
		files: map[string]string{"templates/page.html": "{{define \"main\"}}{{end}}", "templates/base.html": "{{template \"crumbs.html\" .}}"},
		kind:  "page",
		want:  "(built-in theme) templates/crumbs.html:1: at <.>: range can't iterate over {t  [a]}",
	}, {
		name:  "escape",
		files: map[string]string{"templates/page.html": "{{define \"main\"}}\n<p{{if .Title}} class=\"x{{end}}\">{{end}}"},
		kind:  "page",
		want:  "themes/t/templates/page.html:2: {{if}} branches end in different contexts",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			fsys["themes/t/templates/base.html"] = &fstest.MapFile{Data: []byte(`{{template "main" .}}`)}
			for name, src := range tt.files {
				fsys["themes/t/"+name] = &fstest.MapFile{Data: []byte(src)}
			}
			th, errs := Load(fsys, "t", template.FuncMap{"rel": rel})
			if tt.kind == "" {
				if len(errs) != 1 || errs[0].Error() != tt.want {
					t.Fatalf("have %v, want %s", errs, tt.want)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			err := th.Execute(&strings.Builder{}, tt.kind, page{Title: "t", Items: []string{"a"}})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("have %v, want %s", err, tt.want)
			}
		})
	}
}

// TestErrorsInChinese: a template error a theme's author meets most is
// said in the site's language, Go's words only in the rest.
func TestErrorsInChinese(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/templates/base.html": &fstest.MapFile{Data: []byte(`{{template "main" .}}`)},
		"themes/t/templates/page.html": &fstest.MapFile{Data: []byte("{{define \"main\"}}\n{{.Nope}}{{end}}")},
	}
	th, errs := Load(fsys, "t", template.FuncMap{"rel": rel})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var e diag.Error
	if err := th.Execute(&strings.Builder{}, "page", page{Title: "t"}); !errors.As(err, &e) {
		t.Fatalf("have %v, want a diag.Error", err)
	}
	want := "themes/t/templates/page.html:2: 错误: .Nope：这里没有 Nope 这一项，请检查拼写，并确认这个模板拿到的数据里有它"
	if have := e.Text(diag.Printer(diag.Language("zh-CN"))); have != want {
		t.Errorf("have %s\nwant %s", have, want)
	}
}

// TestUnparsedFileOnce: a page whose template calls a file that did not
// parse fails with that file's error, as Load gave it, not with
// html/template's "is an incomplete template" beside it.
func TestUnparsedFileOnce(t *testing.T) {
	for _, call := range []string{`{{template "part.html" .}}`, `{{cached "part.html" .}}`} {
		fsys := fstest.MapFS{
			"themes/t/templates/base.html": &fstest.MapFile{Data: []byte(`{{template "main" .}}` + call)},
			"themes/t/templates/part.html": &fstest.MapFile{Data: []byte("\n{{if}}")},
			"themes/t/templates/page.html": &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Title}}{{end}}`)},
		}
		th, errs := Load(fsys, "t", template.FuncMap{"rel": rel})
		if len(errs) != 1 {
			t.Fatalf("%s: have %v, want the error of part.html", call, errs)
		}
		err := th.Execute(&strings.Builder{}, "page", page{Title: "t"})
		if err == nil || err.Error() != errs[0].Error() {
			t.Errorf("%s: have %v, want %v", call, err, errs[0])
		}
	}
}
