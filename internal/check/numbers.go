package check

import (
	"regexp"
	"strconv"
	"strings"

	"gongkai/internal/diag"
)

// numbers reports a page's 索引号 and 文号 written otherwise than they
// should be: a typed 索引号 whose year is not that of the page's date,
// and a 文号 whose year is not in 六角括号 〔〕.
func numbers(in Input) []diag.Error {
	var list []diag.Error
	for _, p := range in.Site.Pages {
		if y, ok := indexYear(p.IndexNo); ok && !p.IndexGenerated && !p.Date.IsZero() && y != p.Date.Year() {
			list = append(list, diag.Warnf(p.Path, p.Line("index_no"), "索引号 %s carries the year %d, but the page is dated %d: if the page is not published yet, correct the year in index_no (gongkai new writes the year of its --date); once published, a 索引号 never changes", p.IndexNo, y, p.Date.Year()))
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
