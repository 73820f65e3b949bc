package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/diag"
)

// A message an editor reads has its Chinese: every format written in the
// code of internal/ and cmd/ is registered with diag.Translate. The
// packages' init functions have run: this package imports them all.

// found is a format (or phrase) found in the code, and where.
type found struct {
	format string
	at     string // file:line
}

// formatArg is, for each way a message is made, the index of its format
// argument:
//
//	diag.Errorf(path, line, format, …)   diag.Warnf(path, line, format, …)
//	t.Errorf(key, format, …)             a tomldoc.Table's
//	b.errorf(path, line, format, …)      build's builder, site's loader
//	errorf(file, format, …)              the theme's
//	t.Want(key, phrase, v)               a tomldoc.Table's
//	diag.Phrase(phrase)
//	p.Fprintf(w, format, …)  p.Sprintf(format, …)   the CLI's printer
func formatArg(call *ast.CallExpr) (int, bool) {
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		return 1, fun.Name == "errorf"
	case *ast.SelectorExpr:
		x, _ := fun.X.(*ast.Ident)
		pkg := ""
		if x != nil {
			pkg = x.Name
		}
		switch name := fun.Sel.Name; {
		case pkg == "fmt" || pkg == "errors" || pkg == "strings":
			return 0, false // not for editors, or composing a message of ours
		case pkg == "diag" && (name == "Errorf" || name == "Warnf"):
			return 2, true
		case pkg == "diag" && name == "Phrase":
			return 0, true
		case name == "Errorf" || name == "Want":
			return 1, true
		case name == "errorf":
			return 2, true
		case pkg == "p" && name == "Fprintf":
			return 1, true
		case pkg == "p" && name == "Sprintf":
			return 0, true
		}
	}
	return 0, false
}

// messages returns every format of the non-test Go files under dirs. A
// format that is not a string literal must be a forwarder's parameter
// named format: anything else could not be checked, and is an error.
func messages(t *testing.T, dirs ...string) []found {
	var out []found
	fset := token.NewFileSet()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && p == filepath.Join("..", "..", "internal", "diag"):
				return fs.SkipDir // the mechanism itself
			case d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go"):
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.KeyValueExpr:
					// A table of formats: {re: …, format: "…"}.
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "format" {
						if s, ok := literal(n.Value); ok {
							out = append(out, found{s, fset.Position(n.Pos()).String()})
						}
					}
				case *ast.CallExpr:
					i, ok := formatArg(n)
					if !ok || i >= len(n.Args) {
						return true
					}
					if s, ok := literal(n.Args[i]); ok {
						out = append(out, found{s, fset.Position(n.Pos()).String()})
					} else if !isFormatParam(n.Args[i]) {
						t.Errorf("%s: a message format that is not a string literal cannot be checked for its Chinese", fset.Position(n.Pos()))
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func literal(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// isFormatParam reports a forwarder passing on its own format: format,
// want, w.format.
func isFormatParam(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "format" || e.Name == "want"
	case *ast.SelectorExpr:
		return e.Sel.Name == "format"
	}
	return false
}

func TestEveryMessageHasChinese(t *testing.T) {
	msgs := messages(t, filepath.Join("..", "..", "internal"), ".")
	if len(msgs) < 100 {
		t.Fatalf("found only %d messages: is the scan still finding them?", len(msgs))
	}
	for _, m := range msgs {
		if _, ok := diag.Translated(m.format); !ok {
			t.Errorf("%s: %q has no Chinese: add it to the zh.go beside it", m.at, m.format)
		}
	}
}

// TestChineseHasTheSameArguments catches a %q dropped or added in a
// translation, which would print %!(EXTRA …) or %!s(MISSING).
func TestChineseHasTheSameArguments(t *testing.T) {
	for _, m := range messages(t, filepath.Join("..", "..", "internal"), ".") {
		cn, ok := diag.Translated(m.format)
		if !ok {
			continue
		}
		if en, zh := arguments(m.format), arguments(cn); !slices.Equal(en, zh) {
			t.Errorf("%s: %q uses arguments %v, its Chinese %q uses %v", m.at, m.format, en, cn, zh)
		}
	}
}

// arguments returns the argument numbers (from 1) a format uses, sorted,
// as fmt counts them: one after another, or %[n].
func arguments(format string) []int {
	var used []int
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '%' {
			continue
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if n, err := strconv.Atoi(format[i+1 : i+end]); end > 0 && err == nil {
				next = n
				i += end + 1
			}
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if !slices.Contains(used, next) {
			used = append(used, next)
		}
		next++
	}
	slices.Sort(used)
	return used
}

func TestArguments(t *testing.T) {
	for _, tt := range []struct {
		format string
		want   []int
	}{
		{"no verbs", nil},
		{"%s: want %s, have %s", []int{1, 2, 3}},
		{"%[2]s 应为 %[1]s", []int{1, 2}},
		{"%[1]s：%[1]s = %[3]s", []int{1, 3}},
		{"100%% %d %.1f", []int{1, 2}},
	} {
		if have := arguments(tt.format); !slices.Equal(have, tt.want) {
			t.Errorf("arguments(%q): have %v, want %v", tt.format, have, tt.want)
		}
	}
}
