// Package diag holds what a build reports to an editor: errors and
// warnings, each naming a file relative to the site root and, where known,
// the line (and column) in it, in words the editor reads in the site's
// language.
//
// Packages that validate content return []diag.Error rather than stopping at
// the first problem, so one build run reports everything that is wrong:
//
//	errs = append(errs, diag.Errorf(path, line, "unknown key %q", key))
//
// A message is written once, in English, as a format; the package that
// writes it registers its Chinese with Translate, next to it (zh.go), and
// Text prints it in either language:
//
//	p := diag.Printer(diag.Language(site.Config.Language))
//	fmt.Fprintln(os.Stderr, err.Text(p))   // content/a.md:4: 错误: 未知的键 "titel"
//
// An argument may itself be said in the reader's language: a Phrase (a
// few words registered with Translate like a format), a Key (a key name,
// glossed in Chinese), a OneOf (a list of choices) or an Error without a
// path (a message returned by code that does not know the file).
//
// Error() is the English line tests compare: path:line: message.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in one file. Line is 1-based; 0 means the whole file.
// Col, in characters from 1, is set where the exact spot is known (a TOML
// syntax error); 0 means the whole line. A Warning is worth an editor's
// look but stops nothing: gongkai check prints it, a build goes on.
type Error struct {
	Path    string
	Line    int
	Col     int
	Msg     string // in English
	Warning bool
	// Block names the fenced block the problem is in ("figures"), when
	// it is in one.
	Block string
	// About is another file the problem is about, under another body's
	// column maybe (a broken link's missing page: where it would be), so
	// that check --org shows it to that body's editor too.
	About string

	format string // Msg's format and arguments, to say it in Chinese
	args   []any
}

func (e Error) Error() string {
	return e.where() + e.message(nil)
}

// where is "path:line:col: ", as much of it as is known.
func (e Error) where() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: ", e.Path, e.Line, e.Col)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: ", e.Path, e.Line)
	case e.Path == "":
		return "" // a message not placed yet (see Place)
	}
	return e.Path + ": "
}

// Errorf makes an Error at path:line.
func Errorf(path string, line int, format string, args ...any) Error {
	return Error{Path: path, Line: line, Msg: fmt.Sprintf(format, say(nil, args)...), format: format, args: args}
}

// Warnf makes a warning at path:line.
func Warnf(path string, line int, format string, args ...any) Error {
	e := Errorf(path, line, format, args...)
	e.Warning = true
	return e
}

// List is every error of one run. It is itself an error when not empty.
type List []Error

// Sort orders the list by path, then line and column, then message, and
// drops exact duplicates, so reports are stable from run to run.
func (l List) Sort() List {
	slices.SortFunc(l, compare)
	return slices.CompactFunc(l, func(a, b Error) bool { return compare(a, b) == 0 && a.Warning == b.Warning })
}

func compare(a, b Error) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Block, b.Block), cmp.Compare(a.Msg, b.Msg))
}

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Sort()
}
