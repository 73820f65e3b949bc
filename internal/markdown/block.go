package markdown

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gongkai/internal/diag"
)

// Block is one kind of fenced block a page may hold, registered once in
// Options.Blocks: its language and how its TOML body becomes HTML.
//
// Render's errors are diag.Errors (or a diag.List) whose Path is empty and
// whose Line counts from the block body's first line, 0 meaning the block
// as a whole: Convert moves them to the page's file and line. An error of
// any other type is reported at the opening fence. When every one is a
// warning (diag.Warnf), the block's HTML stands and Warnings lists them.
type Block struct {
	Lang   string // the fence's info string: ```figures
	Render func(w io.Writer, body []byte) error
}

// embed renders a registered fenced block during parsing, so that its
// errors are known before rendering starts, and puts an Embed node holding
// the HTML in its place.
func (t *transformer) embed(f *ast.FencedCodeBlock) {
	fenceLine := t.firstLine + bytes.Count(t.src[:f.Info.Segment.Start], []byte("\n"))
	var body bytes.Buffer
	lines := f.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		body.Write(seg.Value(t.src))
	}
	lang := string(f.Language(t.src))
	var html bytes.Buffer
	if err := t.blocks[lang].Render(&html, body.Bytes()); err != nil && t.blockErrors(lang, fenceLine, lines, err) {
		html.Reset()
	}
	f.Parent().ReplaceChild(f.Parent(), f, &Embed{HTML: html.Bytes()})
}

// blockErrors reports a block's errors and warnings at their lines in the
// page, and whether there was an error.
func (t *transformer) blockErrors(lang string, fenceLine int, lines *text.Segments, err error) (failed bool) {
	var list diag.List
	var one diag.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = diag.List{one}
	default:
		e := diag.Errorf(t.path, fenceLine, "%v", strings.TrimSpace(err.Error()))
		e.Block = lang
		t.errs = append(t.errs, e)
		return true
	}
	report := func(e diag.Error) {
		if e.Warning {
			t.warnings = append(t.warnings, e)
		} else {
			t.errs = append(t.errs, e)
			failed = true
		}
	}
	for _, e := range list {
		if e.Path != "" {
			report(e) // about another file, located already
			continue
		}
		e.Path, e.Block = t.path, lang
		if e.Line > 0 && e.Line <= lines.Len() && e.Col > 0 {
			// The body's lines may be indented in the file (a list item).
			start := lines.At(e.Line - 1).Start
			e.Col += utf8.RuneCount(t.src[bytes.LastIndexByte(t.src[:start], '\n')+1 : start])
		}
		e.Line += fenceLine
		report(e)
	}
	return failed
}

// Embed is a block of ready HTML made from a registered fenced block.
type Embed struct {
	ast.BaseBlock
	HTML []byte
}

// KindEmbed is the node kind of Embed.
var KindEmbed = ast.NewNodeKind("Embed")

// Kind implements ast.Node.
func (e *Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.
func (e *Embed) Dump(source []byte, level int) { ast.DumpHelper(e, source, level, nil, nil) }

type embedRenderer struct{}

func (embedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*Embed).HTML)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
