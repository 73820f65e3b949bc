package tomldoc

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"gongkai/internal/diag"
)

// A TOML syntax error is told in words of our own, so that it can be
// said in Chinese, and with the fix an editor needs:
//
//   - The mistakes editors make most are recognised in the line itself,
//     whatever the decoder says about them: a date written the Chinese way
//     (2022年2月20日, 2022/2/20, 2022-2-20), a number in full-width digits
//     or with its unit (１２０, 120万), text without quotes or in curly
//     quotes (“…”). Each gets a message saying what to type instead.
//   - Otherwise the decoder's sentence is matched against the ones it is
//     known to say (decoderWords), and the parts it fills in (the
//     character it stopped at, a key) become the arguments of a format of
//     ours that reads, in English, exactly as the decoder's sentence: "invalid
//     TOML: <the decoder's words>". Its Chinese says what the words mean.
//   - A sentence not in the list is kept as the decoder wrote it, inside
//     a generic format.

// syntaxError places a decoder error at the line and column of the byte
// the decoder stopped at. Position.Line alone is not enough: the decoder
// counts the newline that cuts a header short ("[attachment" ⏎) as the
// next line's, and leaves it 0 for some errors at the end of the input.
func (d *doc) syntaxError(err error) diag.Error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(d.path, max(d.firstLine-1, 0), "invalid TOML: %s", sentence(err.Error()))
	}
	line, col := position(d.src, pe.Position)
	if e, ok := d.editorSlip(line); ok {
		return e
	}
	msg := sentence(pe.Message)
	e := diag.Errorf(d.path, line+d.firstLine-1, "invalid TOML: %s", msg)
	for _, w := range decoderWords {
		if m := w.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
				if p, ok := decoderTokens[a]; ok {
					args[i] = p // '\n' said in words
				}
			}
			e = diag.Errorf(d.path, line+d.firstLine-1, w.format, args...)
			break
		}
	}
	e.Col = col
	return e
}

// decoderTokens are what the decoder says it found, as it quotes them,
// in words an editor reads.
var decoderTokens = map[string]diag.Phrase{
	`'\n'`:        "the end of the line",
	`'\r'`:        "the end of the line",
	`end of file`: "the end of the file",
	`EOF`:         "the end of the file",
}

// decoderWords are the decoder's sentences (after sentence), each with a
// format of ours that says the same in English. The formats' Chinese is in
// zh.go.
var decoderWords = []struct {
	re     *regexp.Regexp
	format string
}{
	{re: regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`),
		format: "invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got %s instead"},
	{re: regexp.MustCompile(`^expected value but found (.+) instead$`),
		format: "invalid TOML: expected value but found %s instead"},
	{re: regexp.MustCompile(`^unexpected EOF; expected value$`),
		format: "invalid TOML: unexpected EOF; expected value"},
	{re: regexp.MustCompile(`^unexpected EOF; expected key separator '='$`),
		format: "invalid TOML: unexpected EOF; expected key separator '='"},
	{re: regexp.MustCompile(`^unexpected EOF; expected (.+)$`),
		format: "invalid TOML: unexpected EOF; expected %s"},
	{re: regexp.MustCompile(`^unexpected EOF$`),
		format: "invalid TOML: unexpected EOF"},
	{re: regexp.MustCompile(`^expected '\.' or '\]' to end table name, but got (.+) instead$`),
		format: "invalid TOML: expected '.' or ']' to end table name, but got %s instead"},
	{re: regexp.MustCompile(`^expected end of table array name delimiter '\]', but got (.+) instead$`),
		format: "invalid TOML: expected end of table array name delimiter ']', but got %s instead"},
	{re: regexp.MustCompile(`^unexpected (end of table name|table separator) \(table names cannot be empty\)$`),
		format: "invalid TOML: unexpected %s (table names cannot be empty)"},
	{re: regexp.MustCompile(`^expected '\.' or '=', but got (.+) instead$`),
		format: "invalid TOML: expected '.' or '=', but got %s instead"},
	{re: regexp.MustCompile(`^unexpected '=': key name appears blank$`),
		format: "invalid TOML: unexpected '=': key name appears blank"},
	{re: regexp.MustCompile(`^unexpected comma$`),
		format: "invalid TOML: unexpected comma"},
	{re: regexp.MustCompile(`^expected a comma \(','\) or array terminator \('\]'\), but got (.+)$`),
		format: "invalid TOML: expected a comma (',') or array terminator (']'), but got %s"},
	{re: regexp.MustCompile(`^expected a comma or an inline table terminator '\}', but got (.+) instead$`),
		format: "invalid TOML: expected a comma or an inline table terminator '}', but got %s instead"},
	{re: regexp.MustCompile(`^newlines not allowed within inline tables$`),
		format: "invalid TOML: newlines not allowed within inline tables"},
	{re: regexp.MustCompile(`^strings cannot contain newlines$`),
		format: "invalid TOML: strings cannot contain newlines"},
	{re: regexp.MustCompile(`^invalid escape in string (.+)$`),
		format: "invalid TOML: invalid escape in string %s"},
	{re: regexp.MustCompile(`^key (.+) has already been defined$`),
		format: "invalid TOML: key %s has already been defined"},
	{re: regexp.MustCompile(`^key (.+) was already created as a hash$`),
		format: "invalid TOML: key %s was already created as a hash"},
	{re: regexp.MustCompile(`^key (.+) was already created and cannot be used as an array$`),
		format: "invalid TOML: key %s was already created and cannot be used as an array"},
	{re: regexp.MustCompile(`^invalid datetime: (.+)$`),
		format: "invalid TOML: invalid datetime: %s"},
	{re: regexp.MustCompile(`^invalid float value: (.+)$`),
		format: "invalid TOML: invalid float value: %s"},
	{re: regexp.MustCompile(`^invalid float (.+): (.+)$`),
		format: "invalid TOML: invalid float %s: %s"},
	{re: regexp.MustCompile(`^invalid float: (.+)$`),
		format: "invalid TOML: invalid float: %s"},
	{re: regexp.MustCompile(`^expected a digit but got (.+)$`),
		format: "invalid TOML: expected a digit but got %s"},
	{re: regexp.MustCompile(`^(.+) is out of range for (int64|float64)$`),
		format: "invalid TOML: %s is out of range for %s"},
	{re: regexp.MustCompile(`^TOML files cannot contain control characters: (.+)$`),
		format: "invalid TOML: TOML files cannot contain control characters: %s"},
	{re: regexp.MustCompile(`^files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8$`),
		format: "invalid TOML: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8"},
}

// assignment is a line "key = value", the key as typed.
var assignment = regexp.MustCompile(`^\s*([A-Za-z0-9_.\-"']+)\s*=\s*(.*?)\s*$`)

var (
	// chineseDate is a date written the Chinese way or without leading
	// zeros: 2022年2月20日, 2022/2/20, 2022.2.20, 2022-2-20.
	chineseDate = regexp.MustCompile(`^[0-9０-９]{4}\s*[-/.年－／]\s*[0-9０-９]{1,2}\s*[-/.月－／]\s*[0-9０-９]{1,2}\s*日?`)
	isoDate     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}`)
)

// editorSlip recognises, on line (of src) where the decoder stopped, a
// mistake editors make, and says how to write it.
func (d *doc) editorSlip(line int) (diag.Error, bool) {
	lines := strings.Split(string(d.src), "\n")
	if line < 1 || line > len(lines) {
		return diag.Error{}, false
	}
	text := lines[line-1]
	m := assignment.FindStringSubmatch(text)
	if m == nil {
		return diag.Error{}, false
	}
	key, value := diag.Key(strings.Trim(m[1], `"'`)), m[2]
	if i := strings.Index(value, " #"); i >= 0 && !strings.ContainsAny(value[:i], `"'`) {
		value = strings.TrimSpace(value[:i])
	}
	fileLine := line + d.firstLine - 1
	eq := strings.Index(text, "=") + 1
	col := utf8.RuneCountInString(text[:eq]) + 1 + utf8.RuneCountInString(text[eq:]) - utf8.RuneCountInString(strings.TrimLeft(text[eq:], " \t"))
	typed := strings.Trim(m[1], `"'`) // the key in an example to copy: no gloss
	at := func(e diag.Error) (diag.Error, bool) {
		e.Col = col
		return e, true
	}
	switch {
	case value == "":
		return diag.Error{}, false
	case boolKeys[typed] && value != "true" && value != "false":
		return at(diag.Errorf(d.path, fileLine, "%s: write true or false, in small letters and without quotes: %s = true (是) or %s = false (否)", key, typed, typed))
	case strings.IndexFunc(value, unicode.IsControl) >= 0:
		// Nothing unprintable goes into an example to copy.
		return diag.Error{}, false
	case strings.HasPrefix(value, `"`) && strings.Count(value, `"`) == 1 && !strings.HasSuffix(value, `\`):
		return at(diag.Errorf(d.path, fileLine, "%s: the text has no closing double quote: %s = \"%s\"", key, typed, strings.TrimPrefix(value, `"`)))
	case strings.HasSuffix(value, `"`) && strings.Count(value, `"`) == 1 && !strings.HasPrefix(value, "'"):
		return at(diag.Errorf(d.path, fileLine, "%s: the text has no opening double quote: %s = \"%s\"", key, typed, strings.TrimSuffix(value, `"`)))
	case chineseDate.MatchString(value) && !isoDate.MatchString(value):
		return at(diag.Errorf(d.path, fileLine, "%s: write the date as 2022-02-20", key))
	case strings.HasPrefix(value, "“") || strings.HasPrefix(value, "”") || strings.HasPrefix(value, "＂") || strings.HasPrefix(value, "‘"):
		return at(diag.Errorf(d.path, fileLine, "%s: put text between straight double quotes \", not “ ”", key))
	}
	if n, ok := PlainNumber(value); ok && n != value && !textKeys[typed] {
		if !strings.HasPrefix(d.path, "content/data/") {
			// Not a dataset's: no [[metric]] to put the unit in.
			return at(diag.Errorf(d.path, fileLine, "%s: type numbers in half-width digits 0-9, without a unit or commas: %s = %s", key, typed, n))
		}
		return at(diag.Errorf(d.path, fileLine, "%s: type numbers in half-width digits 0-9, without a unit (a dataset's unit is its [[metric]] unit): %s = %s", key, typed, n))
	}
	if strings.Trim(value, "零〇一二两三四五六七八九十百千万亿点") == "" {
		// 五, 一百二十: a number typed in Chinese numerals, not text.
		return at(diag.Errorf(d.path, fileLine, "%s: type the number in digits 0-9, without quotes: %s = 5, not %s (text, such as a name, goes between double quotes)", key, typed, value))
	}
	if r, _ := utf8.DecodeRuneInString(value); (r >= 0x2E80 || textKeys[typed]) && !strings.ContainsAny(value, `"'`) && strings.IndexFunc(value, unicode.IsControl) < 0 {
		// Text without quotes: 关于……的通知, 2021年工作总结 (and
		// nothing unprintable, which the example to copy would carry).
		return at(diag.Errorf(d.path, fileLine, "%s: put text between double quotes: %s = \"%s\"", key, typed, value))
	}
	return diag.Error{}, false
}

// boolKeys are the keys gongkai reads as true or false.
var boolKeys = map[string]bool{"draft": true, "chart": true, "gzip": true, "raw_html": true, "search": true, "update": true}

// textKeys are the keys gongkai reads as text: a value of one that
// starts with a number (title = 2021年预算) is text without its quotes,
// where a dataset's figure with a unit (area = 12.5万平方米) is a number.
var textKeys = map[string]bool{
	"title": true, "summary": true, "label": true, "unit": true, "source": true, "note": true,
	"name": true, "publisher": true, "doc_no": true, "topic": true, "index_no": true, "personal_info": true,
	"sponsor": true, "address": true,
}

var (
	widen = strings.NewReplacer(
		"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
		"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
		"．", ".", "－", "-", "＋", "+", "，", "", ",", "", " ", "", "　", "")
	numberWithUnit = regexp.MustCompile(`^([+-]?[0-9]+(\.[0-9]+)?)(\p{Han}+|%|％)?$`)
)

// PlainNumber reads a number as an editor may type it in a word
// processor — full-width digits, thousands commas, a unit after it
// (１２０, 1,200, 120万元) — and returns it as TOML wants it (120, 1200,
// 120): the value the editor meant, for a message that shows it.
func PlainNumber(s string) (string, bool) {
	s = strings.Trim(strings.TrimSpace(s), `"'“”`)
	m := numberWithUnit.FindStringSubmatch(widen.Replace(s))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// position returns the 1-based line and column (in characters) of a
// decoder position in src, never past the last line.
func position(src []byte, p toml.Position) (line, col int) {
	if p.Start == 0 && p.Line > 1 {
		// No offset, but a line: keep the line, within the text.
		return min(p.Line, 1+strings.Count(string(src), "\n")), 0
	}
	at := min(max(p.Start, 0), len(src))
	if at == len(src) && at > 0 && src[at-1] == '\n' {
		at-- // the end of the input: the end of the last line
	}
	lineStart := 0
	for i := range at {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line + 1, utf8.RuneCount(src[lineStart:at]) + 1
}

// sentence puts the decoder's words in the style of ours: lower case, no
// "toml: " prefix, no trailing period, and no NUL, which the decoder
// shows for the end of the input.
func sentence(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "toml: "), ".")
	s = strings.NewReplacer(`'\x00'`, "the end of the file", "'\x00'", "the end of the file", "\x00", "").Replace(s)
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' {
		s = string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
