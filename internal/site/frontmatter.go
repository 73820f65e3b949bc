package site

import (
	"bytes"
	"fmt"
	"time"

	"gongkai/internal/tomldoc"
)

// splitFrontMatter cuts the TOML front matter off a Markdown file. It
// returns the TOML, the body, and the 1-based file line on which the body
// starts, so that errors found in either keep their true line numbers.
// A file without a leading "+++" line has no front matter.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "+++" {
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
		line++
	}
	return nil, nil, 0, fmt.Errorf("front matter has no closing +++ line")
}

// ParseTime reads a moment as editors and the --now flag write it: a date,
// or a date and time with or without seconds and offset. Values without an
// offset are in loc.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	return tomldoc.ParseTime(s, loc)
}
