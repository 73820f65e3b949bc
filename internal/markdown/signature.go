package markdown

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// A document's 落款 — the body issuing it and the date, at its end — is
// set right-aligned, as on a printed official document (GB/T 9704). An
// editor marks it by writing it as the body's last paragraph, with the
// date alone on its last line:
//
//	秦安县科学技术局\
//	2021年2月23日
//
// (the backslash, or two spaces, ends a line without ending the
// paragraph). Written as two paragraphs, a short one and the date, both
// are the 落款. The paragraphs get the class "signature"; the theme
// aligns them.

// dateLine is a date written out in full, in figures or in Chinese
// numerals: 2021年2月23日, 二〇二一年二月二十三日.
var dateLine = regexp.MustCompile(`^(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})日$`)

const (
	signatureLines = 4  // at most, in the paragraph with the date
	signatureWidth = 40 // characters a line of it holds at most
)

// markSignature gives the 落款 paragraphs at the end of doc the class
// "signature".
func markSignature(doc *ast.Document, src []byte) {
	last, ok := doc.LastChild().(*ast.Paragraph)
	if !ok {
		return
	}
	lines := paragraphLines(last, src)
	if len(lines) == 0 || len(lines) > signatureLines || !dateLine.Match(lines[len(lines)-1]) || !short(lines) {
		return
	}
	last.SetAttributeString("class", []byte("signature"))
	if len(lines) > 1 {
		return
	}
	// The date alone: a short paragraph just before it, not a sentence,
	// is the body issuing it.
	prev, ok := last.PreviousSibling().(*ast.Paragraph)
	if !ok {
		return
	}
	pl := paragraphLines(prev, src)
	if len(pl) == 0 || len(pl) > signatureLines-1 || !short(pl) {
		return
	}
	for _, l := range pl {
		if r, _ := utf8.DecodeLastRune(l); bytes.ContainsRune([]byte("。，；：:;,!?！？"), r) {
			return
		}
	}
	prev.SetAttributeString("class", []byte("signature"))
}

// paragraphLines returns the lines of p, trimmed of spaces and of the
// backslash of a hard line break.
func paragraphLines(p *ast.Paragraph, src []byte) [][]byte {
	var out [][]byte
	for i := 0; i < p.Lines().Len(); i++ {
		seg := p.Lines().At(i)
		l := bytes.TrimSpace(seg.Value(src))
		l = bytes.TrimSpace(bytes.TrimSuffix(l, []byte(`\`)))
		out = append(out, l)
	}
	return out
}

func short(lines [][]byte) bool {
	for _, l := range lines {
		if utf8.RuneCount(l) > signatureWidth {
			return false
		}
	}
	return true
}
