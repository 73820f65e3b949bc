package diag

import (
	"cmp"
	"os"
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
	translated = map[string]bool{}
)

// Translate registers the Chinese of English message formats, keyed by
// the format as written in Errorf. The Chinese may reorder the arguments
// with %[n]v.
func Translate(zh map[string]string) {
	mu.Lock()
	defer mu.Unlock()
	for en, cn := range zh {
		if err := message.SetString(language.SimplifiedChinese, en, cn); err != nil {
			panic(err)
		}
		translated[en] = true
	}
}

// Translated reports whether format has its Chinese registered, for the
// test that every message has.
func Translated(format string) bool {
	mu.Lock()
	defer mu.Unlock()
	return translated[format]
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
		msg = p.Sprintf(e.format, e.args...)
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

func init() {
	Translate(map[string]string{
		"error":    "错误",
		"warning":  "提醒",
		"%s block": "%s 代码块",
	})
}

// Message is the message alone, without its place, in p's language (nil:
// English), for output that carries the place apart (check --format json).
func (e Error) Message(p *message.Printer) string { return e.message(p) }
