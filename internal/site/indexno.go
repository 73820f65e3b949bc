package site

import (
	"cmp"
	"fmt"
	"gongkai/internal/tomldoc"
	"iter"
	"maps"
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
		first, ok := typed[p.IndexNo]
		if !ok {
			typed[p.IndexNo] = p
			continue
		}
		// Of two pages with one number, the newer is told, as the older,
		// published first, keeps it.
		newer, older := p, first
		if p.Date.Before(first.Date) {
			newer, older = first, p
			typed[p.IndexNo] = p
		}
		errs = append(errs, diag.Errorf(newer.Path, newer.Line("index_no"), "duplicate 索引号 %q (also in %s)", newer.IndexNo, older.Path))
	}
	groups := map[string][]*Page{}
	for _, p := range pages {
		if p.IndexNo == "" && !p.Date.IsZero() {
			prefix := indexPrefix(p.IndexCode, p.Date.Year())
			groups[prefix] = append(groups[prefix], p)
		}
	}
	if len(groups) == 0 {
		return errs
	}
	// After the highest given, as new gives them: a gap may be a number
	// given out before. Found in one pass: a portal has a million
	// numbers, and a group for each body and year.
	last := lastSerials(maps.Keys(typed), maps.Keys(retired))
	for prefix, group := range groups {
		slices.SortFunc(group, func(a, b *Page) int {
			return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Path, b.Path))
		})
		serial := last[prefix]
		for _, p := range group {
			serial++
			p.IndexNo, p.IndexGenerated = fmt.Sprintf("%s%05d", prefix, serial), true
		}
	}
	return errs
}

// indexPrefix is what the 索引号 of code and year start with: code/2021-,
// or 2021- where no code is set.
func indexPrefix(code string, year int) string {
	if code == "" {
		return fmt.Sprintf("%04d-", year)
	}
	return fmt.Sprintf("%s/%04d-", code, year)
}

// lastSerials is the highest serial of the numbers of each prefix
// (indexPrefix: what a number is up to its last "-").
func lastSerials(numbers ...iter.Seq[string]) map[string]int {
	last := map[string]int{}
	for _, seq := range numbers {
		for n := range seq {
			i := strings.LastIndexByte(n, '-')
			if i < 0 {
				continue
			}
			if serial, err := strconv.Atoi(n[i+1:]); err == nil && serial > last[n[:i+1]] {
				last[n[:i+1]] = serial
			}
		}
	}
	return last
}

// NextIndexNumber returns the 索引号 `gongkai new` writes into a new page
// of code and year, after AssignIndexNumbers numbered pages: the serial
// after the highest that a page holds, typed or generated, or that a
// deleted page held (retired), as a register gives the next number. A
// gap is not filled: it may be a number given out before.
func NextIndexNumber(pages []*Page, retired map[string]bool, code string, year int) string {
	prefix := indexPrefix(code, year)
	held := func(yield func(string) bool) {
		for _, p := range pages {
			if !yield(p.IndexNo) {
				return
			}
		}
	}
	return fmt.Sprintf("%s%05d", prefix, lastSerials(held, maps.Keys(retired))[prefix]+1)
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
