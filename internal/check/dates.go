package check

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/diag"
)

// lawReport tells a 法治政府建设年度报告 by its title, and its year.
var lawReport = regexp.MustCompile(`((?:19|20)\d\d)\s*年度?.*法治政府建设.*报告`)

// deadlines reports annual reports published after their legal deadline:
// a 法治政府建设年度报告 for year N before 1 April N+1 (the 督察工作规定),
// a 政府信息公开工作年度报告 by 31 January N+1 for a department, 31 March
// for a government (人民政府).
func deadlines(in Input) []diag.Error {
	var list []diag.Error
	loc := in.Site.Config.Location
	for _, p := range in.Site.Pages {
		if p.Draft {
			continue
		}
		published := p.Date
		if p.Extras().PublishAt.After(published) {
			published = p.Extras().PublishAt
		}
		if year, ok := in.ReportYears[p]; ok {
			due := time.Date(year+1, 2, 1, 0, 0, 0, 0, loc)
			if strings.Contains(p.Publisher, "人民政府") {
				due = time.Date(year+1, 4, 1, 0, 0, 0, 0, loc)
			}
			if !published.Before(due) {
				list = append(list, diag.Warnf(p.Path, p.Line("date"), "the 政府信息公开工作年度报告 for %d is published %s; it is due by %s: check the date", year, published.In(loc).Format("2006-01-02"), due.AddDate(0, 0, -1).Format("2006-01-02")))
			}
			continue
		}
		if m := lawReport.FindStringSubmatch(p.Title); m != nil {
			year, _ := strconv.Atoi(m[1])
			if !published.Before(time.Date(year+1, 4, 1, 0, 0, 0, 0, loc)) {
				list = append(list, diag.Warnf(p.Path, p.Line("date"), "the 法治政府建设年度报告 for %d is published %s; it is due before %d-04-01: check the date", year, published.In(loc).Format("2006-01-02"), year+1))
			}
		}
	}
	return list
}

// dates reports pages dated in the future, which inspections count as
// forged publication dates, unless an embargo (publish_at) holds them.
func dates(in Input) []diag.Error {
	var list []diag.Error
	for _, p := range in.Site.Pages {
		if p.Draft || !p.Extras().PublishAt.IsZero() {
			continue
		}
		if p.Date.After(in.Now.Add(day)) {
			list = append(list, diag.Warnf(p.Path, p.Line("date"), "the page is dated %s, in the future: fix the date, or set publish_at to publish it on that day", p.Date.In(in.Site.Config.Location).Format("2006-01-02")))
		}
	}
	return list
}
