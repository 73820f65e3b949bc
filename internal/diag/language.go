package diag

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Language is the language messages are printed in: GONGKAI_LANG when set
// ("en", "zh-CN"), else the site's language, zh-CN when unknown (the
// default of site.toml). Chinese sites get Chinese, so that a county
// editor reads every message in their own words; a developer's LANG does
// not change that (servers are often en_US).
func Language(siteLanguage string) language.Tag {
	lang := cmp.Or(siteLanguage, "zh-CN")
	if env := os.Getenv("GONGKAI_LANG"); env != "" {
		lang = env
	}
	if strings.HasPrefix(strings.ToLower(lang), "zh") {
		return language.SimplifiedChinese
	}
	return language.English
}

// Printer formats messages in lang.
func Printer(lang language.Tag) *message.Printer {
	return message.NewPrinter(lang)
}

var (
	mu         sync.Mutex
	translated = map[string]string{} // English format → Chinese
)

// Translate registers the Chinese of English message formats, keyed by
// the format as written in Errorf. The Chinese may reorder the arguments
// with %[n]v.
func Translate(zh map[string]string) {
	mu.Lock()
	defer mu.Unlock()
	for en, cn := range zh {
		if was, ok := translated[en]; ok && was != cn {
			// One English message, two Chinese: the last registered
			// would be said for both (a package's message read as
			// another's).
			panic(fmt.Sprintf("diag.Translate: %q is translated twice: %q and %q; make the English messages differ", en, was, cn))
		}
		if err := message.SetString(language.SimplifiedChinese, en, cn); err != nil {
			panic(err)
		}
		translated[en] = cn
	}
}

// Translated returns the Chinese registered for format, for the tests
// that every message has one, with the same arguments.
func Translated(format string) (string, bool) {
	mu.Lock()
	defer mu.Unlock()
	cn, ok := translated[format]
	return cn, ok
}

// Text is the error as an editor reads it, in p's language:
//
//	content/a.md:4: error: unknown key "titel"
//	content/a.md:4: 错误: 未知的键 "titel"
func (e Error) Text(p *message.Printer) string {
	label := p.Sprintf("error")
	if e.Warning {
		label = p.Sprintf("warning")
	}
	return e.where() + label + ": " + e.message(p)
}

// message is Msg, in p's language (nil: English).
func (e Error) message(p *message.Printer) string {
	msg := e.Msg
	if p != nil && e.format != "" {
		msg = p.Sprintf(e.format, say(p, e.args)...)
	}
	if e.Block != "" {
		block := e.Block + " block"
		if p != nil {
			block = p.Sprintf("%s block", e.Block)
		}
		msg = block + ": " + msg
	}
	return msg
}

// A Phrase is an argument of a few words, said in the reader's language:
// its Chinese is registered with Translate, as a format's is.
type Phrase string

// A Key is a key name as the editor typed it ("title",
// "organization.name"). In Chinese it is glossed where Gloss knows it:
// title（标题）.
type Key string

// A OneOf is a list of choices: "a, b or c"; in Chinese "a、b 或 c".
type OneOf []string

func (o OneOf) String() string { return o.join(nil) }

func (o OneOf) join(p *message.Printer) string {
	if len(o) < 2 {
		return strings.Join(o, "")
	}
	comma, or := ", ", " or "
	if p != nil {
		comma, or = p.Sprintf(", "), p.Sprintf(" or ")
	}
	return strings.Join(o[:len(o)-1], comma) + or + o[len(o)-1]
}

// Gloss registers the Chinese names of keys: {"title": "标题"}. A Key
// argument is then said "title（标题）" in Chinese, so that an editor
// finds the key as typed and knows what it means.
func Gloss(zh map[string]string) {
	for k, v := range zh {
		if err := message.SetString(language.SimplifiedChinese, glossPrefix+k, "（"+v+"）"); err != nil {
			panic(err)
		}
	}
}

// glossPrefix keeps glosses apart from formats in the catalog.
const glossPrefix = "\x00key "

func (k Key) say(p *message.Printer) string {
	name := string(k)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if p == nil || strings.Contains(name, "%") {
		return string(k)
	}
	// Looked up in p's language: a printer in English finds no gloss and
	// returns the key it was given.
	if g := p.Sprintf(glossPrefix + name); !strings.HasPrefix(g, glossPrefix) {
		return string(k) + g
	}
	return string(k)
}

// say returns args with those said in a language (Phrase, Key, OneOf,
// Error) said in p's (nil: English).
func say(p *message.Printer, args []any) []any {
	out := args
	for i, a := range args {
		var s string
		switch a := a.(type) {
		case Phrase:
			s = string(a)
			if p != nil {
				s = p.Sprintf(s)
			}
		case Key:
			s = a.say(p)
		case OneOf:
			s = a.join(p)
		case Error:
			s = a.message(p)
			if a.Path != "" {
				s = a.where() + s
			}
		case int, int64, float64:
			if p == nil {
				continue
			}
			// message.Printer would group digits: "year 2,021".
			if &out[0] == &args[0] {
				out = slices.Clone(args)
			}
			out[i] = plain{a}
			continue
		case List:
			var b strings.Builder
			for i, e := range a {
				if i > 0 {
					b.WriteString("; ")
				}
				b.WriteString(e.message(p))
			}
			s = b.String()
		default:
			continue
		}
		if &out[0] == &args[0] {
			out = slices.Clone(args)
		}
		out[i] = s
	}
	return out
}

// plain is a number printed as fmt prints it, without the grouping of
// digits message.Printer adds: a year, a line, a count in a message.
type plain struct{ v any }

func (n plain) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), n.v)
}

// Place puts err, returned by code that did not know the file, at path and
// line: a diag.Error keeps its words (and its Chinese); any other error is
// said as it is.
func Place(err error, path string, line int) Error {
	var e Error
	if errors.As(err, &e) {
		if e.Path == "" {
			e.Path = path
			if e.Line == 0 { // one that knows its line keeps it
				e.Line = line
			}
		}
		return e
	}
	return Errorf(path, line, "%v", err)
}

func init() {
	Translate(map[string]string{
		"error":    "错误",
		"warning":  "提醒",
		"%s block": "%s 代码块",
		", ":       "、",
		" or ":     " 或 ",
		// An error from outside gongkai (the file system, a template
		// engine) is said in its own words.
		"%v": "%v",
	})
}

// Message is the message alone, without its place, in p's language (nil:
// English), for output that carries the place apart (check --format json).
func (e Error) Message(p *message.Printer) string { return e.message(p) }
