package check

import (
	"bytes"
	"slices"
	"strings"

	"gongkai/internal/diag"
	"gongkai/internal/markdown"
)

// Text checks the text of one Markdown body, as readers see it: personal
// information (an error unless acknowledged, by the page's personal_info),
// typing slips and 错敏词 (warnings). It runs in the build's workers, one
// body at a time.
func Text(f *markdown.Found, w *Words, acknowledged bool) []diag.Error {
	var list []diag.Error
	report := func(off int, warning bool, format string, args ...any) {
		line, col := f.Position(off)
		e := diag.Errorf(f.Path, line, format, args...)
		e.Warning = warning
		list = append(list, at(e, col))
	}
	if !acknowledged {
		list = Personal(f)
	}
	for i := 0; i < len(f.Text); {
		j := i
		for j < len(f.Text) && f.Text[j].Block == f.Text[i].Block {
			j++
		}
		slips(f.Src, f.Text[i:j], w, func(off int, format string, args ...any) {
			report(off, true, format, args...)
		})
		i = j
	}
	return list
}

// Personal reports the personal information in one Markdown body: errors
// of every build, not of check alone, as a number once published cannot
// be taken back. The whole source is read, not only the text of its
// paragraphs: a number in a code block, or in a link's address, is
// published too.
func Personal(f *markdown.Found) []diag.Error {
	return personalIn(f, true, [][2]int{{0, len(f.Src)}})
}

// PersonalInTOML reports the personal information in the strings of
// src, TOML: a page's front matter (whose title, summary, 文号 … are
// published), or, lawful false, a file that cannot acknowledge it with
// personal_info: a dataset, site.toml, a column's _index.md. Its numbers
// are figures, its comments are not published.
func PersonalInTOML(path string, src []byte, firstLine int, lawful bool) []diag.Error {
	return personalIn(&markdown.Found{Path: path, Src: src, FirstLine: firstLine}, lawful, tomlStrings(src))
}

// personalIn reports the personal information in the spans of f's source.
func personalIn(f *markdown.Found, lawful bool, spans [][2]int) []diag.Error {
	var list []diag.Error
	for _, sp := range spans {
		personal(f.Src[:sp[1]][sp[0]:], func(off int, k numberKind, n string) {
			line, col := f.Position(sp[0] + off)
			format := k.message
			if !lawful {
				format = k.inData
			}
			list = append(list, at(diag.Errorf(f.Path, line, format, mask(n)), col))
		})
	}
	return list
}

// tomlStrings are where the strings of TOML src lie, their quotes left
// out: basic and literal, on one line or many. (A number, a key or a
// comment is none.)
func tomlStrings(src []byte) [][2]int {
	var spans [][2]int
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			quote := string(c)
			if bytes.HasPrefix(src[i:], []byte(quote+quote+quote)) {
				quote += quote + quote
			}
			start := i + len(quote)
			end := start
			for end < len(src) && !bytes.HasPrefix(src[end:], []byte(quote)) && (len(quote) == 3 || src[end] != '\n') {
				if c == '"' && src[end] == '\\' {
					end++ // an escaped character
				}
				end++
			}
			end = min(end, len(src))
			spans = append(spans, [2]int{start, end})
			i = end + len(quote) - 1
		}
	}
	return spans
}

// numberKind is a kind of personal number, with what to say of one.
type numberKind struct{ message, inData string }

var (
	residentNumber = numberKind{
		"a resident ID number (身份证号) %s is personal information: delete it, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter",
		"a resident ID number (身份证号) %s is personal information, which this file may not publish: delete it, or mask it as shown here",
	}
	mobileNumber = numberKind{
		"a mobile phone number %s is personal information: give an office phone instead, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter",
		"a mobile phone number %s is personal information, which this file may not publish: give an office phone instead, or mask it as shown here",
	}
	cardNumber = numberKind{
		"a bank card number %s is personal information: delete it, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter",
		"a bank card number %s is personal information, which this file may not publish: delete it, or mask it as shown here",
	}
)

// personal finds resident ID numbers, mobile numbers and bank card
// numbers in text and gives report where each starts, its kind and its
// digits. A number is digits, ASCII or full-width, not part of a code or
// a word, written whole or in the groups people write them in, apart by
// a space or a hyphen: 139 1234 5678, 139-1234-5678, +86 139 1234 5678,
// 620522 19800101 1236, 6222 0212 3456 7890 128.
func personal(text []byte, report func(off int, k numberKind, n string)) {
	for i := 0; i < len(text); {
		if _, ok := digitAt(text, i); !ok {
			i++
			continue
		}
		if i > 0 && (isAlnum(text[i-1]) || text[i-1] == '.') {
			i = skipDigits(text, i) // part of a code or a word, or a decimal's fraction
			continue
		}
		groups, end, x := digitGroups(text, i)
		for s := 0; s < len(groups); {
			e := len(groups)
			var k *numberKind
			var n string
			for ; e > s; e-- {
				if k, n = numberOf(groups[s:e], x && e == len(groups)); k != nil {
					break
				}
			}
			if k == nil || !inContext(text, groups[s].at, groups[e-1].end, k) {
				s++
				continue
			}
			report(groups[s].at, *k, n)
			s = e
		}
		i = end
	}
}

// group is a run of digits: where it starts and ends, its digits in
// ASCII, and whether a hyphen is before it.
type group struct {
	at, end int
	digits  string
	hyphen  bool
}

// inContext reports whether the number of kind k from at to end is one
// in the words around it: a long number is taken for a bank card only
// after a word for one (卡号, 银行卡, 账号, 账户), and not where the
// account is a body's (收款单位, 开户行, 汇缴结算户: a 非税收入 notice
// publishes it); an 11-digit number followed by 元 or 万 is an amount.
func inContext(text []byte, at, end int, k *numberKind) bool {
	before := func(n int) string { return string(text[max(0, at-n):at]) }
	switch k {
	case &cardNumber:
		near, wider := before(30), before(120)
		return strings.Contains(near, "卡") || containsAny(near, "账号", "账户", "帐号", "帐户") &&
			!containsAny(wider, "单位", "收款", "开户", "汇缴", "结算户", "对公", "财政")
	case &mobileNumber:
		after := strings.TrimLeft(string(text[end:min(len(text), end+8)]), " ")
		return !strings.HasPrefix(after, "元") && !strings.HasPrefix(after, "万") && !strings.HasPrefix(after, "亿")
	}
	return true
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// digitGroups reads the groups of digits from i, each after the last by
// one space or hyphen, and returns them, where they end, and whether an
// X (of an ID number) ends the last; no groups when they are too few
// digits for any number (most runs of digits: a year, a count, a date).
// A last group run into a letter is part of a word: left out.
func digitGroups(text []byte, i int) (groups []group, end int, x bool) {
	// First where they end, and how many digits they are.
	var starts []int
	var hyphens []bool
	digits, hyphen := 0, false
	for {
		starts, hyphens = append(starts, i), append(hyphens, hyphen)
		for {
			if _, ok := digitAt(text, i); !ok {
				break
			}
			i += digitWidth(text[i])
			digits++
		}
		sep := separatorAt(text, i)
		if _, ok := digitAt(text, i+sep); sep == 0 || !ok {
			break
		}
		hyphen = text[i] == '-' || text[i] == 0xEF // - or －
		i += sep
	}
	if w := xAt(text, i); w > 0 {
		x, i = true, i+w
	}
	last := len(starts)
	if i < len(text) && isAlnum(text[i]) {
		last, x = last-1, false
		i = skipDigits(text, i)
	}
	if digits < 11 {
		return nil, i, false
	}
	for k, at := range starts[:last] {
		g := group{at: at, hyphen: hyphens[k]}
		var b []byte
		for d, ok := digitAt(text, at); ok; d, ok = digitAt(text, at) {
			b = append(b, '0'+d)
			at += digitWidth(text[at])
		}
		g.digits, g.end = string(b), at
		groups = append(groups, g)
	}
	return groups, i, x
}

// numberOf is the kind of personal number groups make, and its digits;
// nil when they make none. Digits written apart count only in the
// groups a number of that kind is written in.
func numberOf(groups []group, x bool) (*numberKind, string) {
	var all string
	lens := make([]int, len(groups))
	for i, g := range groups {
		all += g.digits
		lens[i] = len(g.digits)
	}
	whole := len(groups) == 1
	is := func(want ...int) bool { return whole || slices.Equal(lens, want) }
	// An ID number is written apart with spaces: 620522-20210305-0016 is
	// a serial made of a place, a date and a count.
	spaced := !slices.ContainsFunc(groups, func(g group) bool { return g.hyphen })
	mobile := func(n string) bool { return len(n) == 11 && n[0] == '1' && n[1] >= '3' && n[1] <= '9' }
	switch {
	case x && len(all) == 17 && is(6, 8, 3) && spaced && residentID(all+"X"):
		return &residentNumber, all + "X"
	case !x && len(all) == 18 && is(6, 8, 4) && spaced && residentID(all):
		return &residentNumber, all
	case mobile(all) && is(3, 4, 4):
		return &mobileNumber, all
	case strings.HasPrefix(all, "86") && mobile(all[2:]) && (whole || lens[0] == 2 && (len(lens) == 2 || slices.Equal(lens[1:], []int{3, 4, 4}))):
		return &mobileNumber, all[2:]
	case len(all) >= 16 && len(all) <= 19 && all[0] >= '3' && all[0] <= '6' && (whole || cardGroups(lens)) && luhn(all):
		return &cardNumber, all
	}
	return nil, ""
}

// cardGroups reports whether lens are a card number's groups: fours, the
// last one to four digits.
func cardGroups(lens []int) bool {
	for i, n := range lens {
		if n != 4 && (i < len(lens)-1 || n < 1) {
			return false
		}
	}
	return len(lens) >= 4
}

// digitAt is the digit at text[i], ASCII or full-width (０–９).
func digitAt(text []byte, i int) (byte, bool) {
	switch {
	case i >= len(text):
		return 0, false
	case isDigit(text[i]):
		return text[i] - '0', true
	case i+2 < len(text) && text[i] == 0xEF && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99:
		return text[i+2] - 0x90, true
	}
	return 0, false
}

// digitWidth is the bytes of the digit starting with c.
func digitWidth(c byte) int {
	if isDigit(c) {
		return 1
	}
	return 3
}

// skipDigits is where the run of digits and letters from i ends.
func skipDigits(text []byte, i int) int {
	for {
		if i < len(text) && isAlnum(text[i]) {
			i++
		} else if _, ok := digitAt(text, i); ok {
			i += 3
		} else {
			return i
		}
	}
}

// separatorAt is the length of a separator between groups of digits at
// text[i] (space, no-break space, ideographic space, hyphen, full-width
// hyphen), 0 where there is none.
func separatorAt(text []byte, i int) int {
	for _, sep := range []string{" ", "-", "\u00a0", "\u3000", "－"} {
		if bytes.HasPrefix(text[i:], []byte(sep)) {
			return len(sep)
		}
	}
	return 0
}

// xAt is the length of the X ending an ID number at text[i] (X, x, or
// full-width), 0 where there is none.
func xAt(text []byte, i int) int {
	for _, x := range []string{"X", "x", "Ｘ", "ｘ"} {
		if bytes.HasPrefix(text[i:], []byte(x)) {
			return len(x)
		}
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// residentID reports whether id is a resident ID number (GB 11643-1999):
// a plausible birth date in digits 7–14, and the check digit of the first
// seventeen, weighted 2^(17-i) mod 11.
func residentID(id string) bool {
	year := atoi(id[6:10])
	month := atoi(id[10:12])
	day := atoi(id[12:14])
	if year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	sum := 0
	weight := 1
	for i := 16; i >= 0; i-- {
		weight = weight * 2 % 11
		sum += int(id[i]-'0') * weight
	}
	return id[17] == "10X98765432"[sum%11]
}

// luhn reports whether a card number's last digit checks the others.
func luhn(n string) bool {
	sum := 0
	for i := 0; i < len(n); i++ {
		d := int(n[len(n)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// mask keeps the first three (six for an ID) and last four digits: enough
// for the editor to find the number, not enough to leak it in a log.
func mask(n string) string {
	keep := 3
	if len(n) == 18 {
		keep = 6
	}
	b := []byte(n)
	for i := keep; i < len(b)-4; i++ {
		b[i] = '*'
	}
	return string(b)
}
