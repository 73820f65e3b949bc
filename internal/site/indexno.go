package site

import (
	"cmp"
	"fmt"
	"gongkai/internal/tomldoc"
	"path"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/diag"
)

// AssignIndexNumbers gives every page without an index_no its 索引号,
// <code>/<YYYY>-<5-digit serial> (or <YYYY>-<serial> where no code is
// set), and reports duplicates naming both files.
//
// Serials count the pages of one code and year by date, then path, so a
// page's number does not change when pages dated later are added. Drafts
// and embargoed pages take their number too, so publishing them shifts
// nothing. A generated number never repeats one an editor typed.
//
// A generated number is not permanent: a page dated earlier, added later,
// takes a serial before it. `gongkai number` writes each page's generated
// number into its front matter (IndexGenerated says which need it), and
// from then on it is typed and never changes. Nor is a retired number
// (Retired: a deleted page's) given again.
func AssignIndexNumbers(pages []*Page, retired map[string]bool) []diag.Error {
	var errs []diag.Error
	typed := map[string]*Page{}
	for _, p := range pages {
		if p.IndexNo == "" {
			continue
		}
		if first, ok := typed[p.IndexNo]; ok {
			errs = append(errs, diag.Errorf(p.Path, p.Line("index_no"), "duplicate 索引号 %q (also in %s)", p.IndexNo, first.Path))
			continue
		}
		typed[p.IndexNo] = p
	}
	groups := map[string][]*Page{}
	for _, p := range pages {
		if p.IndexNo == "" && !p.Date.IsZero() {
			key := fmt.Sprintf("%s/%04d", p.IndexCode, p.Date.Year())
			groups[key] = append(groups[key], p)
		}
	}
	for _, group := range groups {
		slices.SortFunc(group, func(a, b *Page) int {
			return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Path, b.Path))
		})
		serial := 0
		for _, p := range group {
			for {
				serial++
				n := fmt.Sprintf("%04d-%05d", p.Date.Year(), serial)
				if p.IndexCode != "" {
					n = p.IndexCode + "/" + n
				}
				if typed[n] == nil && !retired[n] {
					p.IndexNo, p.IndexGenerated = n, true
					break
				}
			}
		}
	}
	return errs
}

// NextIndexNumber returns the 索引号 `gongkai new` writes into a new page
// of code and year, after AssignIndexNumbers numbered pages: the serial
// after the highest that a page holds, typed or generated, or that a
// deleted page held (retired), as a register gives the next number. A
// gap is not filled: it may be a number given out before.
func NextIndexNumber(pages []*Page, retired map[string]bool, code string, year int) string {
	prefix := fmt.Sprintf("%04d-", year)
	if code != "" {
		prefix = code + "/" + prefix
	}
	last := 0
	see := func(n string) {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			if serial, err := strconv.Atoi(rest); err == nil && serial > last {
				last = serial
			}
		}
	}
	for _, p := range pages {
		see(p.IndexNo)
	}
	for n := range retired {
		see(n)
	}
	return fmt.Sprintf("%s%05d", prefix, last+1)
}

// Retired is the 索引号 of pages that left the site, given their files'
// texts (history.Deleted): a published document's number is never given
// to another.
func Retired(texts [][]byte) map[string]bool {
	retired := map[string]bool{}
	for _, src := range texts {
		front, _, _, err := splitFrontMatter(src)
		if err != nil || front == nil {
			continue
		}
		if f, _ := tomldoc.Parse("", front, 2); f != nil {
			if n := str(f, "index_no"); n != "" {
				retired[n] = true
			}
		}
	}
	return retired
}

// OrgOf returns the organization that publishes the pages of content
// folder dir: that of its column, or of the nearest column above it.
func (s *Site) OrgOf(dir string) Organization {
	for d := dir; ; d = path.Dir(d) {
		for _, sec := range s.Sections {
			if sec.Dir == d {
				return sec.Org
			}
		}
		if d == "content" || d == "." || d == "/" {
			return s.Home.Org
		}
	}
}
