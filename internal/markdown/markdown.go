// Package markdown converts page bodies to HTML with goldmark: CommonMark,
// GFM tables, strikethrough and task lists, and CJK-aware line breaking.
//
// A fenced block whose language is registered in Options.Blocks
// (```figures, ```disclosure) is not code: its Block renders the TOML body,
// and that HTML takes the block's place. Links and images written
// site-absolute ("/reports/x/") get the site's base path, so they work when
// the site is served below a path. A last paragraph ending with a date
// alone on its line is the document's 落款 and gets the class "signature"
// (signature.go).
//
// A Converter is not safe for concurrent use: make one per goroutine.
//
//	figures := markdown.Block{Lang: "figures", Render: renderFigures}
//	c := markdown.New(markdown.Options{BasePath: "/kjj/", Blocks: []markdown.Block{figures}})
//	errs := c.Convert(&buf, "content/a.md", body, bodyLine)
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
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
	BasePath string  // "/" or "/kjj/": prefixed to site-absolute links
	Blocks   []Block // the fenced blocks rendered as HTML rather than shown as code
	// RawHTML lets raw HTML in Markdown through to the page. Off, it is
	// shown escaped, as the text the editor typed. On, Warnings lists the
	// scripts, event handlers and frames found in it.
	RawHTML bool
	// Collect keeps each body's links and text for Found (gongkai check).
	Collect bool
}

// Converter is one goldmark instance with the block and link transforms.
type Converter struct {
	md goldmark.Markdown
	t  *transformer
	bw *bufio.Writer // reused: goldmark would make one per page
}

// New makes a Converter.
func New(o Options) *Converter {
	t := &transformer{basePath: o.BasePath, blocks: map[string]Block{}, rawHTML: o.RawHTML, collecting: o.Collect}
	for _, b := range o.Blocks {
		t.blocks[b.Lang] = b
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
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(t, 100)), parser.WithHeadingAttribute()),
		goldmark.WithRendererOptions(rendererOptions...),
	)
	return &Converter{md: md, t: t, bw: bufio.NewWriterSize(nil, 16<<10)}
}

// Warnings returns what the last Convert found worth an editor's look:
// scripts, event handlers and frames in raw HTML when it is let through,
// or that raw HTML is shown as text when it is not.
func (c *Converter) Warnings() []diag.Error { return c.t.warnings }

// Found returns the links and text of the last Convert, when Options.Collect
// is set; nil otherwise.
func (c *Converter) Found() *Found {
	if !c.t.collecting {
		return nil
	}
	return &c.t.found
}

// Convert writes the HTML of src, the body of the file at path whose first
// line is file line firstLine, and returns the errors of its blocks.
func (c *Converter) Convert(w io.Writer, path string, src []byte, firstLine int) []diag.Error {
	if line := tooDeep(src); line > 0 {
		return []diag.Error{diag.Errorf(path, firstLine+line-1, "indented or quoted more than %d characters deep: flatten it", maxDepth)}
	}
	c.t.path, c.t.src, c.t.firstLine, c.t.errs, c.t.warnings, c.t.rawShown = path, src, firstLine, nil, nil, false
	c.t.found = Found{Path: path, Src: src, FirstLine: firstLine, Links: c.t.found.Links[:0], Text: c.t.found.Text[:0]}
	c.t.lastBlock = nil
	defer func() { c.t.src = nil }()
	if err := c.convert(src, w); err != nil {
		c.t.errs = append(c.t.errs, diag.Errorf(path, firstLine, "cannot convert Markdown: %v", err))
	}
	return c.t.errs
}

// convert runs goldmark, turning a panic in it into an error: one page
// must not take the whole build down. (goldmark can panic on bytes that
// are not UTF-8; the site loader refuses those at their line, so a build
// never gets here with them.)
func (c *Converter) convert(src []byte, w io.Writer) (err error) {
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
	blocks   map[string]Block // by language
	rawHTML  bool

	path      string
	src       []byte
	firstLine int
	errs      []diag.Error
	warnings  []diag.Error
	rawShown  bool // the page was told its raw HTML shows as text

	collecting bool
	found      Found
	blockNo    int      // Span.Block of the last text collected
	lastBlock  ast.Node // its block
}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var fences []*ast.FencedCodeBlock
	var unsafe []ast.Node // links and images to unwrap
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t.collecting {
			t.collect(n)
		}
		switch n := n.(type) {
		case *ast.Heading:
			// "## 一、总体情况 {#zongti}" names a section, for links to
			// it; no other attribute is kept (an onclick would be a
			// script).
			id, _ := n.AttributeString("id")
			n.RemoveAttributes()
			if b, ok := id.([]byte); ok && safeID(b) {
				n.SetAttributeString("id", b)
			}
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
			if _, ok := t.blocks[string(n.Language(t.src))]; ok {
				fences = append(fences, n)
			} else {
				t.checkFence(n)
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
			t.checkClosed(n)
		case *ast.Text:
			keepLineBreak(n, t.src)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unwrap(n, t.src)
	}
	for _, f := range fences {
		t.embed(f)
	}
	markSignature(doc, t.src)
}

// checkFence warns about a fenced block whose language is a registered
// block's misspelled (```figure, ```Figures, ```disclosures): it would be
// published as code, its TOML shown to the public.
func (t *transformer) checkFence(f *ast.FencedCodeBlock) {
	lang := string(f.Language(t.src))
	if lang == "" || f.Info == nil {
		return
	}
	names := make([]string, 0, len(t.blocks))
	for name := range t.blocks {
		names = append(names, name)
	}
	slices.Sort(names)
	lower := strings.ToLower(lang)
	for _, name := range names {
		if lower == name || strings.TrimSuffix(lower, "s") == strings.TrimSuffix(name, "s") || len(name) > 4 && distance(lower, name) <= 2 {
			line := t.firstLine + bytes.Count(t.src[:f.Info.Segment.Start], []byte("\n"))
			t.warnings = append(t.warnings, diag.Warnf(t.path, line, "```%s is shown as code, as it is typed: write ```%s", lang, name))
			return
		}
	}
}

// distance is the Levenshtein distance of a and b, in bytes: block
// languages are ASCII.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range len(a) {
		cur[0] = i + 1
		for j := range len(b) {
			cost := 1
			if a[i] == b[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// safeURL reports whether a link may lead where it says: relative, or
// http(s), mailto or tel. javascript:, vbscript:, data: and the rest are
// dropped. Browsers ignore tabs and newlines inside a scheme, so do we. A
// scheme is a letter then letters, digits, +, - and . (RFC 3986): text
// before a colon that is not one, as in 附件1:全文.pdf, is a relative path.
func safeURL(dest []byte) bool {
	var scheme []byte
	for _, c := range bytes.TrimSpace(dest) {
		switch {
		case c == ':':
			s := string(bytes.ToLower(scheme))
			return !isScheme(s) || s == "http" || s == "https" || s == "mailto" || s == "tel"
		case c == '/' || c == '?' || c == '#':
			return true // a path before any scheme: relative
		case c < ' ':
			continue
		}
		scheme = append(scheme, c)
	}
	return true
}

func isScheme(s string) bool {
	for i, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// unwrap replaces a link by its text, an image by its description, or an
// autolink by the address as text: the editor's words stay on the page.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(bytes.Clone(a.Label(src))))
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
		if !t.rawShown {
			t.rawShown = true
			t.warnings = append(t.warnings, diag.Warnf(t.path, line, "raw HTML is shown as text (raw_html = true in site.toml lets it through)"))
		}
		return
	}
	if m := riskyHTML.Find(seg.Value(t.src)); m != nil {
		t.warnings = append(t.warnings, diag.Warnf(t.path, line, "raw HTML with %q: check that it is meant to be on a public page", strings.TrimSpace(string(m))))
	}
}

// openHTML is each kind of HTML block that runs until a closing mark
// (CommonMark's kinds 1–5): what it is and the mark.
var openHTML = map[ast.HTMLBlockType]struct {
	what  diag.Phrase
	close *regexp.Regexp
}{
	ast.HTMLBlockType1: {diag.Phrase("a <script>, <style>, <pre> or <textarea> that is never closed"), regexp.MustCompile(`(?i)</(script|pre|style|textarea)>`)},
	ast.HTMLBlockType2: {diag.Phrase("an HTML comment <!-- that is never closed with -->"), regexp.MustCompile(`-->`)},
	ast.HTMLBlockType3: {diag.Phrase("a <? that is never closed with ?>"), regexp.MustCompile(`\?>`)},
	ast.HTMLBlockType4: {diag.Phrase("a <! declaration that is never closed with >"), regexp.MustCompile(`>`)},
	ast.HTMLBlockType5: {diag.Phrase("a <![CDATA[ that is never closed with ]]>"), regexp.MustCompile(`\]\]>`)},
}

// checkClosed reports an HTML block left open: everything after it, the
// rest of the page, its tables and blocks included, would disappear into
// it. goldmark sets no closure line when the first line closes the block.
func (t *transformer) checkClosed(n *ast.HTMLBlock) {
	open, ok := openHTML[n.HTMLBlockType]
	if !ok || n.HasClosure() || n.Lines().Len() == 0 {
		return
	}
	if first := n.Lines().At(0); open.close.Match(first.Value(t.src)) {
		return
	}
	what := open.what
	line := t.firstLine + bytes.Count(t.src[:n.Lines().At(0).Start], []byte("\n"))
	t.errs = append(t.errs, diag.Errorf(t.path, line, "%s: the rest of the page would be swallowed by it; close it or delete it", what))
}

// keepLineBreak works around goldmark's CJK line breaking, which drops a
// soft line break before a link, emphasis or code span even between two
// Latin words ("line\n[a link]" became "linea link"; goldmark issue 582):
// the break stays unless both sides are East Asian wide characters.
func keepLineBreak(n *ast.Text, src []byte) {
	next := n.NextSibling()
	if !n.SoftLineBreak() || next == nil || next.Kind() == ast.KindText {
		return
	}
	value := n.Segment.Value(src)
	if len(value) == 0 {
		return
	}
	last, _ := utf8.DecodeLastRune(value)
	if first, ok := firstRune(next, src); ok && util.IsEastAsianWideRune(last) && util.IsEastAsianWideRune(first) {
		return // goldmark drops it, as it should
	}
	n.SetSoftLineBreak(false)
	next.Parent().InsertAfter(next.Parent(), n, ast.NewString([]byte("\n")))
}

// firstRune returns the first character of the text inside n.
func firstRune(n ast.Node, src []byte) (rune, bool) {
	for ; n != nil; n = n.FirstChild() {
		switch n := n.(type) {
		case *ast.Text:
			r, _ := utf8.DecodeRune(n.Segment.Value(src))
			return r, r != utf8.RuneError
		case *ast.String:
			r, _ := utf8.DecodeRune(n.Value)
			return r, r != utf8.RuneError
		case *ast.CodeSpan:
			if c, ok := n.FirstChild().(*ast.Text); ok {
				r, _ := utf8.DecodeRune(c.Segment.Value(src))
				return r, r != utf8.RuneError
			}
			return 0, false
		}
	}
	return 0, false
}

func (t *transformer) link(dest []byte) []byte {
	if t.basePath == "/" || len(dest) == 0 || dest[0] != '/' || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(t.basePath), dest[1:]...)
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
			// Line breaks kept: the text reads as the editor pasted it.
			text := stdhtml.EscapeString(strings.TrimRight(b.String(), "\n"))
			_, _ = w.WriteString("<p class=\"raw-html\">" + strings.ReplaceAll(text, "\n", "<br>\n") + "</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// safeID reports whether id can name an element as an editor typed it:
// letters, digits (Chinese too), - and _.
func safeID(id []byte) bool {
	if len(id) == 0 {
		return false
	}
	for _, r := range string(id) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}
