package check

import (
	"regexp"
	"strconv"
	"strings"

	"gongkai/internal/diag"
	"gongkai/internal/site"
)

// numbers reports a page's 索引号 and 文号 written otherwise than they
// should be: a typed 索引号 whose year is not that of the page's date, or
// whose code is not that of the body publishing it (a page moved from
// another body, or copied from one), and a 文号 whose year is not in
// 六角括号 〔〕; two pages of one 文号; and two bodies of one code, which
// share one 索引号 series.
func numbers(in Input) []diag.Error {
	list := append(sharedCodes(in.Site), sharedDocNos(in.Site)...)
	for _, p := range in.Site.Pages {
		if y, ok := indexYear(p.IndexNo); ok && !p.IndexGenerated && !p.Date.IsZero() && y != p.Date.Year() {
			list = append(list, diag.Warnf(p.Path, p.Line("index_no"), "索引号 %s carries the year %d, but the page is dated %d: if the page is not published yet, correct the year in index_no (gongkai new writes the year of its --date); once published, a 索引号 never changes", p.IndexNo, y, p.Date.Year()))
		}
		if code, _, ok := strings.Cut(p.IndexNo, "/"); ok && !p.IndexGenerated && p.IndexCode != "" && code != p.IndexCode {
			list = append(list, diag.Warnf(p.Path, p.Line("index_no"), "索引号 %s carries the code %s, but the page is published by %s, whose code is %s: a page moved here from another body keeps its number once published; if it is not published yet, run gongkai new for it here, or correct index_no", p.IndexNo, code, p.Publisher, p.IndexCode))
		}
		if y, ok := docNoYearUnbracketed(p.DocNo); ok {
			list = append(list, diag.Warnf(p.Path, p.Line("doc_no"), "文号 %s: its year %s is written in 六角括号 〔〕 (GB/T 9704), as in 秦科发〔2020〕20号; the site search finds a 文号 typed without brackets only as written with them", p.DocNo, y))
		}
	}
	return list
}

// docNoYear finds a year in a 文号: four digits from 1900 to 2099, not
// followed by 年 (公告 are numbered 2020年第1号) and standing alone.
var docNoYear = regexp.MustCompile(`(^|[^0-9])((?:19|20)[0-9]{2})([^0-9年]|$)`)

// docNoYearUnbracketed returns the year of 文号 no when it is not in
// 〔〕, as GB/T 9704 writes it (秦科发[2020]20号, 秦科发(2020)20号,
// 秦科发2020 20号).
func docNoYearUnbracketed(no string) (string, bool) {
	m := docNoYear.FindStringSubmatchIndex(no)
	if m == nil {
		return "", false
	}
	year := no[m[4]:m[5]]
	if strings.HasSuffix(no[:m[4]], "〔") && strings.HasPrefix(no[m[5]:], "〕") {
		return "", false
	}
	return year, true
}

// indexYear is the year of a 索引号 in the form gongkai writes,
// [code/]YYYY-NNNNN; ok is false for any other form (an older portal's).
func indexYear(no string) (year int, ok bool) {
	no = no[strings.LastIndexByte(no, '/')+1:]
	y, serial, found := strings.Cut(no, "-")
	if !found || len(y) != 4 || len(serial) != 5 {
		return 0, false
	}
	n, err := strconv.Atoi(y)
	if _, err2 := strconv.Atoi(serial); err != nil || err2 != nil {
		return 0, false
	}
	return n, true
}

// sharedCodes reports a column whose [organization] gives the code of
// another body by another name: both bodies' pages would be numbered in
// one 索引号 series and checked together by check --org. It is said once
// for each other name, at its first column in folder order (a body's own
// columns may repeat its code and name).
func sharedCodes(s *site.Site) []diag.Error {
	var list []diag.Error
	type body struct{ name, path string }
	first := map[string]body{}   // by code: the first body that gave it
	seen := map[[2]string]bool{} // code and name said already
	if o := s.Config.Organization; o.Code != "" {
		first[o.Code] = body{o.Name, site.ConfigPath}
		seen[[2]string{o.Code, o.Name}] = true
	}
	for _, sec := range s.Sections { // in folder order
		code, name := sec.Org.Code, sec.Org.Name
		if !sec.OwnOrg || code == "" || seen[[2]string{code, name}] {
			continue
		}
		seen[[2]string{code, name}] = true
		if b, ok := first[code]; !ok {
			first[code] = body{name, sec.Path}
		} else {
			list = append(list, diag.Warnf(sec.Path, sec.CodeLine, "[organization] code %s is also the code of %s (%s): the two bodies' pages share one 索引号 series, and check --org shows both; if they are two bodies, give this one its own code (统一社会信用代码)", code, b.name, b.path))
		}
	}
	return list
}

// sharedDocNos reports a page whose 文号 an older page of the same body
// has: a 文号 names one document (the brackets written either way are one
// 文号). Bodies apart are not compared: a joint document (联合发文) is on
// each body's columns. It is said at the newer page, the older, published
// first, being right more often.
func sharedDocNos(s *site.Site) []diag.Error {
	var list []diag.Error
	first := map[string]*site.Page{}
	for _, p := range s.Pages {
		if p.DocNo == "" {
			continue
		}
		key := strings.Map(func(r rune) rune {
			switch r {
			case '[', '［', '(', '（', '【', '﹝', '〔':
				return '〔'
			case ']', '］', ')', '）', '】', '﹞', '〕':
				return '〕'
			case ' ', '　':
				return -1
			}
			return r
		}, p.DocNo)
		key = p.IndexCode + "\x00" + key
		f, ok := first[key]
		if !ok {
			first[key] = p
			continue
		}
		newer, older := p, f
		if p.Date.Before(f.Date) {
			newer, older = f, p
			first[key] = p
		}
		list = append(list, diag.Warnf(newer.Path, newer.Line("doc_no"), "文号 %s is also that of %s (%s): a 文号 names one document; correct this one, or the other", newer.DocNo, older.Path, older.Title))
	}
	return list
}
