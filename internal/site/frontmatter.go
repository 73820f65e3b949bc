package site

import (
	"bytes"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

// splitFrontMatter cuts the TOML front matter off a Markdown file. It
// returns the TOML, the body, and the 1-based file line on which the body
// starts, so that errors found in either keep their true line numbers.
// A file without a leading "+++" line has no front matter, unless it
// plainly meant to have some: a first line "---" (YAML, as other site
// generators write it) or "key = value" (the opening +++ forgotten) is an
// error, rather than the page's title and date being called missing.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	switch strings.TrimRight(string(first), " \t\r") {
	case "+++":
	case "---":
		if next, _, _ := bytes.Cut(bytes.TrimLeft(rest, " \t\r\n"), []byte("\n")); yamlKey.Match(next) || tomlKey.Match(next) {
			return nil, nil, 0, diag.Errorf("", 0, "front matter must start and end with a line of +++ (TOML), not --- (YAML)")
		}
		return nil, src, 1, nil
	default:
		if bytes.HasPrefix(bytes.TrimSpace(first), []byte("+++")) {
			return nil, nil, 0, diag.Errorf("", 0, "front matter must start and end with a line of +++ alone, each setting on a line of its own between them: +++, then title = \"…\", then +++")
		}
		if plusLine(first) {
			return nil, nil, 0, diag.Errorf("", 0, "front matter must start and end with a line of three half-width plus signs, +++ (typed with the input method in English mode), not %s", strings.TrimSpace(string(first)))
		}
		if len(bytes.TrimSpace(first)) == 0 {
			// Empty lines above the front matter: it would be read as text.
			if next, _, _ := bytes.Cut(bytes.TrimLeft(rest, " \t\r\n"), []byte("\n")); string(bytes.TrimSpace(next)) == "+++" || plusLine(next) {
				return nil, nil, 0, diag.Errorf("", 0, "front matter must start on the file's first line: delete the empty lines above its +++")
			}
		}
		if tomlKey.Match(first) {
			return nil, nil, 0, diag.Errorf("", 0, "front matter must start and end with a line of +++: add a line +++ above %s", strings.TrimSpace(string(first)))
		}
		return nil, src, 1, nil
	}
	start := len(src) - len(rest)
	line := 2 // the line being read
	for found {
		var l []byte
		at := len(src) - len(rest)
		l, rest, found = bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == "+++" {
			return src[start:at], rest, line + 1, nil
		}
		if strings.Trim(strings.TrimSpace(string(l)), "＋") == "" && len(bytes.TrimSpace(l)) > 0 { // ＋＋＋: ++ may be text in a string of many lines
			return nil, nil, 0, diag.Errorf("", line, "front matter must start and end with a line of three half-width plus signs, +++ (typed with the input method in English mode), not %s", strings.TrimSpace(string(l)))
		}
		line++
	}
	return nil, nil, 0, diag.Errorf("", 0, "front matter has no closing +++ line")
}

// plusLine reports whether line is meant as +++ but is not: two plus
// signs, or full-width ones (＋＋＋).
func plusLine(line []byte) bool {
	s := strings.TrimSpace(string(line))
	return s != "+++" && strings.Trim(s, "+＋") == "" && utf8.RuneCountInString(s) >= 2 && utf8.RuneCountInString(s) <= 4 && !strings.HasPrefix(s, "+++")
}

var (
	tomlKey = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_]*\s*=`)
	yamlKey = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_]*\s*:`)
)

// ParseTime reads a moment as editors and the --now flag write it: a date,
// or a date and time with or without seconds and offset. Values without an
// offset are in loc.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	return tomldoc.ParseTime(s, loc)
}
