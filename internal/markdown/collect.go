package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Found is what a Convert with Options.Collect saw in a body, for gongkai
// check: every link and image as the editor wrote it, and the text readers
// see, as spans of the source. It is the Converter's, valid until its next
// Convert.
type Found struct {
	Path      string
	Src       []byte // the body
	FirstLine int    // file line of Src's first line
	Links     []Link
	Text      []Span // in source order
}

// Link is a link or image destination as written, before the base path
// is added.
type Link struct {
	Dest  string
	Line  int // file line
	Col   int // of its text's first character, from 1; 0 when it has none
	Image bool
}

// Span is a run of text in Src. Spans of one paragraph, heading or table
// cell share a Block number; Code marks the text of a code span.
type Span struct {
	Start, End int
	Block      int
	Code       bool
}

// Position returns the file line and the column, in characters from 1, of
// byte offset off of Src.
func (f *Found) Position(off int) (line, col int) {
	start := bytes.LastIndexByte(f.Src[:off], '\n') + 1
	return f.FirstLine + bytes.Count(f.Src[:start], []byte("\n")), utf8.RuneCount(f.Src[start:off]) + 1
}

// collect records n, entered during the transformer's walk.
func (t *transformer) collect(n ast.Node) {
	f := &t.found
	switch n := n.(type) {
	case *ast.Link:
		f.Links = append(f.Links, Link{Dest: string(n.Destination), Line: t.lineOf(n), Col: t.colOf(n)})
	case *ast.Image:
		f.Links = append(f.Links, Link{Dest: string(n.Destination), Line: t.lineOf(n), Col: t.colOf(n), Image: true})
	case *ast.Text:
		block, code := t.blockOf(n)
		if block == nil {
			return
		}
		if block != t.lastBlock {
			t.blockNo++
			t.lastBlock = block
		}
		f.Text = append(f.Text, Span{Start: n.Segment.Start, End: n.Segment.Stop, Block: t.blockNo, Code: code})
	}
}

// blockOf returns the paragraph, heading or table cell text n is in, and
// whether it is inside a code span; nil for text in no such block.
func (t *transformer) blockOf(n ast.Node) (ast.Node, bool) {
	code := false
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindCodeSpan:
			code = true
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, extast.KindTableCell:
			return p, code
		}
	}
	return nil, false
}

// lineOf returns the file line an inline node starts on: that of its first
// text, else of its block's first line.
func (t *transformer) lineOf(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if txt, ok := c.(*ast.Text); ok {
			return t.line(txt.Segment.Start)
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return t.line(p.Lines().At(0).Start)
		}
	}
	return t.firstLine
}

// colOf is the column of the first text in n (a link's text: where the
// link is on its line, when a line holds several); 0 when it has none.
func (t *transformer) colOf(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if txt, ok := c.(*ast.Text); ok {
			_, col := t.found.Position(txt.Segment.Start)
			return col
		}
	}
	return 0
}

func (t *transformer) line(off int) int {
	return t.firstLine + bytes.Count(t.src[:off], []byte("\n"))
}
