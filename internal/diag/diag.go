// Package diag holds the errors a build reports to an editor: each names a
// file relative to the site root and, where known, the line in it.
//
// Packages that validate content return []diag.Error rather than stopping at
// the first problem, so one build run reports everything that is wrong.
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
	Msg     string
	Warning bool
}

func (e Error) Error() string {
	if e.Line > 0 && e.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errorf makes an Error at path:line.
func Errorf(path string, line int, format string, args ...any) Error {
	return Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning at path:line.
func Warnf(path string, line int, format string, args ...any) Error {
	return Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...), Warning: true}
}

// List is every error of one run. It is itself an error when not empty.
type List []Error

// Sort orders the list by path, then line and column, then message, and drops exact
// duplicates, so reports are stable from run to run.
func (l List) Sort() List {
	slices.SortFunc(l, func(a, b Error) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(l)
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
