// Package markdown converts page bodies to HTML with goldmark: CommonMark,
// GFM tables, strikethrough and task lists, and CJK-aware line breaking.
//
// Fenced blocks whose language is one of Options.Blocks (```figures,
// ```disclosure) are not code: their TOML body goes to the BlockFunc given
// to Convert, and the HTML it returns takes the block's place. Links and
// images written site-absolute ("/reports/x/") get the site's base path,
// so they work when the site is served below a path.
//
// A Converter is not safe for concurrent use: make one per goroutine.
//
//	c := markdown.New(markdown.Options{BasePath: "/kjj/", Blocks: []string{"figures"}})
//	errs := c.Convert(&buf, "content/a.md", body, bodyLine, resolve)
package markdown

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gongkai/internal/diag"
)

// Options configure a Converter.
type Options struct {
	BasePath string   // "/" or "/kjj/": prefixed to site-absolute links
	Blocks   []string // fenced-block languages handled by the BlockFunc
}

// BlockFunc renders the TOML body of a fenced block of the given language.
// An error of type *BlockError points at a line inside body; any other
// error is reported at the block's opening fence.
type BlockFunc func(lang string, body []byte) ([]byte, error)

// BlockError is an error at a line (1-based) of a block's body.
type BlockError struct {
	Line int
	Msg  string
}

func (e *BlockError) Error() string { return e.Msg }

// Converter is one goldmark instance with the block and link transforms.
type Converter struct {
	md goldmark.Markdown
	t  *transformer
}

// New makes a Converter.
func New(o Options) *Converter {
	t := &transformer{basePath: o.BasePath, blocks: map[string]bool{}}
	for _, b := range o.Blocks {
		t.blocks[b] = true
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.CJK),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(t, 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(embedRenderer{}, 100))),
	)
	return &Converter{md: md, t: t}
}

// Convert writes the HTML of src, the body of the file at path whose first
// line is file line firstLine, and returns the errors of its blocks.
func (c *Converter) Convert(w io.Writer, path string, src []byte, firstLine int, blocks BlockFunc) []diag.Error {
	c.t.path, c.t.src, c.t.firstLine, c.t.resolve, c.t.errs = path, src, firstLine, blocks, nil
	defer func() { c.t.src, c.t.resolve = nil, nil }()
	if err := c.md.Convert(src, w); err != nil {
		c.t.errs = append(c.t.errs, diag.Errorf(path, firstLine, "cannot convert Markdown: %v", err))
	}
	return c.t.errs
}

// transformer rewrites links and replaces handled fenced blocks by Embed
// nodes, during parsing, so errors are known before rendering starts.
type transformer struct {
	basePath string
	blocks   map[string]bool

	path      string
	src       []byte
	firstLine int
	resolve   BlockFunc
	errs      []diag.Error
}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var fences []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = t.link(n.Destination)
		case *ast.Image:
			n.Destination = t.link(n.Destination)
		case *ast.FencedCodeBlock:
			if t.blocks[string(n.Language(t.src))] {
				fences = append(fences, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		t.embed(f)
	}
}

func (t *transformer) link(dest []byte) []byte {
	if t.basePath == "/" || len(dest) == 0 || dest[0] != '/' || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(t.basePath), dest[1:]...)
}

func (t *transformer) embed(f *ast.FencedCodeBlock) {
	fenceLine := t.firstLine + bytes.Count(t.src[:f.Info.Segment.Start], []byte("\n"))
	var body bytes.Buffer
	lines := f.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		body.Write(seg.Value(t.src))
	}
	lang := string(f.Language(t.src))
	var html []byte
	var err error
	if t.resolve == nil {
		err = errors.New("```" + lang + " blocks are not available here")
	} else {
		html, err = t.resolve(lang, body.Bytes())
	}
	if err != nil {
		var be *BlockError
		if errors.As(err, &be) && be.Line > 0 {
			t.errs = append(t.errs, diag.Errorf(t.path, fenceLine+be.Line, "%s block: %s", lang, be.Msg))
		} else {
			t.errs = append(t.errs, diag.Errorf(t.path, fenceLine, "%s block: %s", lang, strings.TrimSpace(err.Error())))
		}
	}
	e := &Embed{HTML: html}
	f.Parent().ReplaceChild(f.Parent(), f, e)
}

// Embed is a block of ready HTML made from a handled fenced block.
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
