package check

import (
	"unicode"
	"unicode/utf8"

	"gongkai/internal/markdown"
)

// slips reports the typing slips inspections count as 错别字 in the text
// of one paragraph, heading or table cell (spans of one block): a
// character doubled where Chinese does not double it, brackets and quotes
// left open or closed twice, half-width punctuation in Chinese sentences,
// and the words of the site's and the built-in lists.
func slips(src []byte, spans []markdown.Span, w *Words, report func(off int, format string, args ...any)) {
	type open struct {
		r   rune
		off int
	}
	var stack []open
	halfFirst, halfCount := -1, 0
	var halfChar rune
	for _, s := range spans {
		if s.Code {
			continue
		}
		text := src[s.Start:s.End]
		var prev rune
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRune(text[i:])
			off := s.Start + i
			w.at(text, i, r, func(wd word) {
				switch {
				case !wd.site:
					report(off, "%q is a common slip: write %q", wd.wrong, wd.right)
				case len(wd.right) == 0:
					report(off, "%q is on the site's list of words to avoid (content/words.toml): rephrase it", wd.wrong)
				default:
					report(off, "%q is on the site's list of words to correct (content/words.toml): write %q", wd.wrong, wd.right)
				}
			})
			switch r {
			case '“', '《', '（', '〔', '【':
				stack = append(stack, open{r, off})
			case '”', '》', '）', '〕', '】':
				k := len(stack) - 1
				for k >= 0 && stack[k].r != openers[r] {
					k--
				}
				if k < 0 {
					report(off, "%q closes nothing in this paragraph: delete it, or add its %q", string(r), string(openers[r]))
					break
				}
				for _, o := range stack[k+1:] {
					report(o.off, "%q is not closed in this paragraph: add its %q", string(o.r), string(closers[o.r]))
				}
				stack = stack[:k]
			case ',', ';', ':', '(', ')':
				next, _ := utf8.DecodeRune(text[i+size:])
				if isChinese(prev) || isChinese(next) {
					if halfCount == 0 {
						halfFirst, halfChar = off, r
					}
					halfCount++
				}
			default:
				if r == prev && r >= 0x3400 && unicode.Is(unicode.Han, r) && !w.doubles(r) {
					report(off-size, "%q doubles %q: a slip of the keyboard? (a real doubling such as 常常 can be allowed in content/words.toml)", string([]rune{r, r}), string(r))
				}
			}
			prev = r
			i += size
		}
	}
	for _, o := range stack {
		report(o.off, "%q is not closed in this paragraph: add its %q", string(o.r), string(closers[o.r]))
	}
	switch {
	case halfCount == 1:
		report(halfFirst, "half-width %q in Chinese text: write %q", string(halfChar), string(halfWidth[halfChar]))
	case halfCount > 1:
		report(halfFirst, "half-width %q in Chinese text, and %d more half-width , ; : ( ) in this paragraph: write the full-width ，；：（）", string(halfChar), halfCount-1)
	}
}

// closers maps each opening bracket or quote to its closing one; openers
// the other way.
var closers = map[rune]rune{'“': '”', '《': '》', '（': '）', '〔': '〕', '【': '】'}

var openers = func() map[rune]rune {
	m := map[rune]rune{}
	for o, c := range closers {
		m[c] = o
	}
	return m
}()

// halfWidth maps the half-width punctuation Chinese text must not have to
// its full-width form.
var halfWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '(': '（', ')': '）'}

// isChinese reports whether r is a Chinese character or full-width
// punctuation.
func isChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || 0x3000 <= r && r <= 0x303f || 0xff00 <= r && r <= 0xffef
}
