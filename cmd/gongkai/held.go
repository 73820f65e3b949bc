package main

import (
	"io"
	"strings"

	"golang.org/x/text/message"

	"gongkai/internal/build"
)

// notPublished says what a build left out, for its summary line: "1
// draft, 1 embargoed until 2021-02-24 09:00"; "" when nothing was.
func notPublished(p *message.Printer, held []build.Held) string {
	var drafts, embargoed int
	var first build.Held
	for _, h := range held {
		switch {
		case h.Draft:
			drafts++
		case embargoed == 0 || h.Until.Before(first.Until):
			first = h
			embargoed++
		default:
			embargoed++
		}
	}
	var parts []string
	switch {
	case drafts == 1:
		parts = append(parts, p.Sprintf("1 draft"))
	case drafts > 1:
		parts = append(parts, p.Sprintf("%d drafts", drafts))
	}
	switch {
	case embargoed == 1:
		parts = append(parts, p.Sprintf("1 embargoed until %s", moment(first)))
	case embargoed > 1:
		parts = append(parts, p.Sprintf("%d embargoed, the first until %s", embargoed, moment(first)))
	}
	return strings.Join(parts, p.Sprintf(", "))
}

// listHeld names each page a build left out, for build -v.
func listHeld(w io.Writer, p *message.Printer, held []build.Held) {
	for _, h := range held {
		if h.Draft {
			p.Fprintf(w, "  %s: draft (draft = true)\n", h.Path)
		} else {
			p.Fprintf(w, "  %s: embargoed until %s (publish_at)\n", h.Path, moment(h))
		}
	}
}

func moment(h build.Held) string {
	if h.Until.Hour() == 0 && h.Until.Minute() == 0 && h.Until.Second() == 0 {
		return h.Until.Format("2006-01-02")
	}
	return h.Until.Format("2006-01-02 15:04")
}
