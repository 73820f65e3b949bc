// Package check is gongkai check's editorial review: what an inspector of
// government websites (../shared/reference/gov-website-rules.md) would
// find, found before the public sees it. Package build calls it when
// Options.Check is set, after rendering everything, so that it sees what
// would be published:
//
//	words, errs := check.LoadWords(fsys)          // content/words.toml and the built-in list
//	findings := check.Text(found, words, page)    // per body, in the render workers
//	findings = append(findings, check.Site(in)...) // links, freshness, dates, tidiness
//
// Each finding is a diag.Error: an error (a broken link, personal
// information) makes check exit 1; a warning is for the editor to judge.
//
// Text reads one Markdown body: its whole source for personal
// information (text.go: a number in a code block or a link's address is
// published too), its text as readers see it (not code blocks, not link
// addresses) for typing slips and 错敏词 (slips.go, words.go). Site reads the whole site:
// internal links and anchors (links.go), freshness as inspected
// (fresh.go), deadlines and dates (dates.go), tidiness (tidy.go).
package check

import (
	"slices"
	"strings"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
)

// Input is what Site reads: the loaded site and what the build made of it.
type Input struct {
	Site      *site.Site
	Now       time.Time
	Published func(*site.Page) bool // whether the build publishes a page
	// Outputs are the output paths of the build ("reports/a/index.html"),
	// and IDs the ids of the elements of each HTML output, for #anchors.
	Outputs map[string]string
	IDs     map[string][]string
	// Links are the links of each Markdown body, by its source path.
	Links map[string][]markdown.Link
	// ReportYears are the years of the annual reports (政府信息公开工作年度报告).
	ReportYears map[*site.Page]int
}

// Site runs the checks that need the whole site.
func Site(in Input) []diag.Error {
	var list []diag.Error
	list = append(list, links(in)...)
	list = append(list, freshness(in)...)
	list = append(list, deadlines(in)...)
	list = append(list, dates(in)...)
	list = append(list, numbers(in)...)
	list = append(list, tidiness(in)...)
	return list
}

// at makes a warning at a line and column.
func at(e diag.Error, col int) diag.Error {
	e.Col = col
	return e
}

// Org keeps the findings about the pages, columns and files of the body
// with organization code code (--org): those under a column whose
// [organization] code, or the site's, is code, or about a file there
// (Error.About: another body's link to a page this one removed).
func Org(list []diag.Error, s *site.Site, code string) []diag.Error {
	var kept []diag.Error
	for _, e := range list {
		// Codes are capitals; an editor may type them small.
		if strings.EqualFold(orgOf(s, e.Path), code) || e.About != "" && strings.EqualFold(orgOf(s, e.About), code) {
			kept = append(kept, e)
		}
	}
	return kept
}

// Bodies are the bodies of s whose codes --org takes: the site's own,
// then each column's with an [organization] of its own, in menu order,
// those without a code left out.
func Bodies(s *site.Site) []site.Organization {
	var list []site.Organization
	if s.Home.Org.Code != "" {
		list = append(list, s.Home.Org)
	}
	for _, sec := range s.Sections {
		if sec.OwnOrg && sec.Org.Code != "" && !slices.ContainsFunc(list, func(o site.Organization) bool { return o.Code == sec.Org.Code }) {
			list = append(list, sec.Org)
		}
	}
	return list
}

// orgOf returns the organization code of the column that holds file p.
func orgOf(s *site.Site, p string) string {
	best := s.Home
	for _, sec := range s.Sections {
		if (p == sec.Dir || strings.HasPrefix(p, sec.Dir+"/")) && len(sec.Dir) > len(best.Dir) {
			best = sec
		}
	}
	return best.Org.Code
}

// urls maps the source path of every Markdown body to its page's
// site-relative URL.
func urls(s *site.Site) map[string]string {
	m := map[string]string{s.Home.Path: ""}
	for _, sec := range s.Sections {
		m[sec.Path] = sec.URL
	}
	for _, p := range s.Pages {
		m[p.Path] = p.URL
	}
	return m
}
