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
	"bufio"
	"bytes"
	"errors"
	"fmt"
	stdhtml "html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gongkai/internal/diag"
)

// Options configure a Converter.
type Options struct {
	BasePath string   // "/" or "/kjj/": prefixed to site-absolute links
	Blocks   []string // fenced-block languages handled by the BlockFunc
	// RawHTML lets raw HTML in Markdown through to the page. Off, it is
	// shown escaped, as the text the editor typed. On, Warnings lists the
	// scripts, event handlers and frames found in it.
	RawHTML bool
}

// BlockFunc renders the TOML body of a fenced block of the given language.
// An error of type *BlockError, or each error of a diag.List (Line 0: the
// whole block), points at a line inside body; any other error is reported
// at the block's opening fence.
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
	bw *bufio.Writer // reused: goldmark would make one per page
}

// New makes a Converter.
func New(o Options) *Converter {
	t := &transformer{basePath: o.BasePath, blocks: map[string]bool{}, rawHTML: o.RawHTML}
	for _, b := range o.Blocks {
		t.blocks[b] = true
	}
	rendererOptions := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(embedRenderer{}, 100))}
	if o.RawHTML {
		rendererOptions = append(rendererOptions, html.WithUnsafe())
	} else {
		// Before goldmark's own (priority 1000), so ours wins.
		rendererOptions = append(rendererOptions, renderer.WithNodeRenderers(util.Prioritized(escapeRenderer{}, 100)))
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.CJK),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(t, 100))),
		goldmark.WithRendererOptions(rendererOptions...),
	)
	return &Converter{md: md, t: t, bw: bufio.NewWriterSize(nil, 16<<10)}
}

// Warnings returns what the last Convert found worth an editor's look:
// scripts, event handlers and frames in raw HTML when it is let through,
// or that raw HTML is shown as text when it is not.
func (c *Converter) Warnings() []diag.Error { return c.t.warnings }

// Convert writes the HTML of src, the body of the file at path whose first
// line is file line firstLine, and returns the errors of its blocks.
func (c *Converter) Convert(w io.Writer, path string, src []byte, firstLine int, blocks BlockFunc) []diag.Error {
	if line := tooDeep(src); line > 0 {
		return []diag.Error{diag.Errorf(path, firstLine+line-1, "indented or quoted more than %d characters deep: flatten it", maxDepth)}
	}
	c.t.path, c.t.src, c.t.firstLine, c.t.resolve, c.t.errs, c.t.warnings = path, src, firstLine, blocks, nil, nil
	defer func() { c.t.src, c.t.resolve = nil, nil }()
	if err := c.convert(src, w); err != nil {
		c.t.errs = append(c.t.errs, diag.Errorf(path, firstLine, "cannot convert Markdown: %v", err))
	}
	return c.t.errs
}

// convert runs goldmark, turning a panic in it into an error: one page
// must not take the whole build down. goldmark can panic on bytes that are
// not UTF-8 (the site loader refuses those, at their line); other callers
// get the text with U+FFFD in their place.
func (c *Converter) convert(src []byte, w io.Writer) (err error) {
	buf, isBuf := w.(*bytes.Buffer)
	start := 0
	if isBuf {
		start = buf.Len()
	}
	err = c.safeConvert(src, w)
	if err == nil || !isBuf || utf8.Valid(src) {
		return err
	}
	buf.Truncate(start) // drop what the failed run wrote, and try again
	src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	c.t.src, c.t.errs, c.t.warnings = src, nil, nil
	return c.safeConvert(src, w)
}

func (c *Converter) safeConvert(src []byte, w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the Markdown parser failed on this page (%v)", r)
		}
	}()
	c.bw.Reset(w)
	if err := c.md.Convert(src, c.bw); err != nil {
		return err
	}
	return c.bw.Flush()
}

// maxDepth bounds the nesting prefix of a line (spaces, tabs and quote
// markers). goldmark's time grows faster than the square of the
// nesting depth; no real document nests anywhere near this deep.
const maxDepth = 400

// tooDeep returns the 1-based line of the first line nested past
// maxDepth, or 0.
func tooDeep(src []byte) int {
	line := 1
	for len(src) > 0 {
		n := 0
		for n < len(src) && n <= maxDepth {
			switch src[n] {
			case ' ', '\t', '>':
				n++
				continue
			}
			break
		}
		if n > maxDepth {
			return line
		}
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			break
		}
		src = src[i+1:]
		line++
	}
	return 0
}

// transformer rewrites links and replaces handled fenced blocks by Embed
// nodes, during parsing, so errors are known before rendering starts.
type transformer struct {
	basePath string
	blocks   map[string]bool
	rawHTML  bool

	path      string
	src       []byte
	firstLine int
	resolve   BlockFunc
	errs      []diag.Error
	warnings  []diag.Error
}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var fences []*ast.FencedCodeBlock
	var unsafe []ast.Node // links and images to unwrap
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !safeURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
			n.Destination = t.link(n.Destination)
		case *ast.Image:
			if !safeURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
			n.Destination = t.link(n.Destination)
		case *ast.AutoLink:
			if !safeURL(n.URL(t.src)) {
				unsafe = append(unsafe, n)
			}
		case *ast.FencedCodeBlock:
			if t.blocks[string(n.Language(t.src))] {
				fences = append(fences, n)
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				t.checkHTML(&seg)
			}
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				t.checkHTML(&seg)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unwrap(n)
	}
	for _, f := range fences {
		t.embed(f)
	}
}

// safeURL reports whether a link may lead where it says: relative, or
// http(s), mailto or tel. javascript:, vbscript:, data: and the rest are
// dropped. Browsers ignore tabs and newlines inside a scheme, so do we.
func safeURL(dest []byte) bool {
	var scheme []byte
	for _, c := range bytes.TrimSpace(dest) {
		switch {
		case c == ':':
			s := string(bytes.ToLower(scheme))
			return s == "http" || s == "https" || s == "mailto" || s == "tel"
		case c == '/' || c == '?' || c == '#':
			return true // a path before any scheme: relative
		case c < ' ':
			continue
		}
		scheme = append(scheme, c)
	}
	return true
}

// unwrap replaces a link by its text, or an image by its description.
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if _, ok := n.(*ast.AutoLink); ok {
		parent.RemoveChild(parent, n)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

var riskyHTML = regexp.MustCompile(`(?i)<\s*(script|iframe|frame|object|embed)\b|\son[a-z]+\s*=|javascript:`)

// checkHTML warns about raw HTML: when it is let through, where it runs
// code or frames other pages; when not, once a page, that it shows as text.
func (t *transformer) checkHTML(seg *text.Segment) {
	line := t.firstLine + bytes.Count(t.src[:seg.Start], []byte("\n"))
	if !t.rawHTML {
		if len(t.warnings) == 0 {
			t.warnings = append(t.warnings, diag.Errorf(t.path, line, "raw HTML is shown as text (raw_html = true in site.toml lets it through)"))
		}
		return
	}
	if m := riskyHTML.Find(seg.Value(t.src)); m != nil {
		t.warnings = append(t.warnings, diag.Errorf(t.path, line, "raw HTML with %q: check that it is meant to be on a public page", strings.TrimSpace(string(m))))
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
	var list diag.List // errors at lines of the body, 0 for the block
	if errors.As(err, &list) {
		for _, e := range list {
			e.Path, e.Msg = t.path, lang+" block: "+e.Msg
			if e.Line > 0 && e.Line <= lines.Len() && e.Col > 0 {
				// The body's lines may be indented in the file (a list item).
				start := lines.At(e.Line - 1).Start
				e.Col += utf8.RuneCount(t.src[bytes.LastIndexByte(t.src[:start], '\n')+1 : start])
			}
			e.Line += fenceLine
			t.errs = append(t.errs, e)
		}
	} else if err != nil {
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

// escapeRenderer shows raw HTML as the text it is, when it is not let
// through: an editor sees what was pasted, and no visitor runs it.
type escapeRenderer struct{}

func (escapeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(stdhtml.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			var b strings.Builder
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			if hb := n.(*ast.HTMLBlock); hb.HasClosure() {
				b.Write(hb.ClosureLine.Value(src))
			}
			_, _ = w.WriteString("<p class=\"raw-html\">" + stdhtml.EscapeString(strings.TrimRight(b.String(), "\n")) + "</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}
