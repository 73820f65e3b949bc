package check

import (
	"strings"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/site"
)

const day = 24 * time.Hour

// The inspection's 单项否决 thresholds (检查指标, 2019): a site with this
// many columns past due, or empty, or whose home page has not changed for
// this long, fails outright.
const (
	maxOverdue = 5
	maxEmpty   = 5
	homeStale  = 14 * day
)

// every is how often a column must be updated: its update_every, else
// what inspections expect of its kind, told by its title; 0 for none.
func every(sec *site.Section) time.Duration {
	if sec.UpdateEvery > 0 {
		return sec.UpdateEvery
	}
	for _, k := range []struct {
		words []string
		every time.Duration
	}{
		{[]string{"动态", "要闻", "新闻"}, 14 * day},
		{[]string{"通知公告", "政策文件"}, 180 * day},
		{[]string{"人事", "规划计划"}, 365 * day},
	} {
		for _, w := range k.words {
			if strings.Contains(sec.Title, w) {
				return k.every
			}
		}
	}
	return 0
}

// freshness reports columns past due and empty ones, and how close the
// site is to the thresholds at which an inspection fails it.
func freshness(in Input) []diag.Error {
	var list []diag.Error
	newest := func(sec *site.Section) time.Time {
		var t time.Time
		var walk func(s *site.Section)
		walk = func(s *site.Section) {
			for _, p := range s.Pages {
				if in.Published(p) && p.Date.After(t) {
					t = p.Date
				}
			}
			for _, c := range s.Sections {
				walk(c)
			}
		}
		walk(sec)
		return t
	}
	date := func(t time.Time) string { return t.In(in.Site.Config.Location).Format("2006-01-02") }
	overdue, empty := 0, 0
	for _, sec := range in.Site.Sections {
		last := newest(sec)
		switch period := every(sec); {
		case last.IsZero() && len(sec.Sections) == 0:
			empty++
			list = append(list, diag.Warnf(sec.Path, 0, "column %q has nothing published: inspections count empty columns against a site; publish its first page, or remove the column", sec.Title))
		case period > 0 && !last.IsZero() && in.Now.Sub(last) > period:
			overdue++
			list = append(list, diag.Warnf(sec.Path, 0, "column %q was last updated %s, %d days ago; it is expected every %d days (update_every): publish, or set update_every to what the column really needs", sec.Title, date(last), days(in.Now.Sub(last)), days(period)))
		}
	}
	last := newest(in.Site.Home)
	stale := last.IsZero() || in.Now.Sub(last) > homeStale
	if overdue == 0 && empty == 0 && !stale {
		return list
	}
	var e diag.Error
	switch since := days(in.Now.Sub(last)); {
	case last.IsZero():
		e = diag.Warnf(site.ConfigPath, 0, "inspection would fail this site (单项否决 at %d columns past due, %d empty columns, or a home page not updated for %d days): %d columns past due, %d empty, nothing published", maxOverdue, maxEmpty, days(homeStale), overdue, empty)
	case overdue >= maxOverdue || empty >= maxEmpty || stale:
		e = diag.Warnf(site.ConfigPath, 0, "inspection would fail this site (单项否决 at %d columns past due, %d empty columns, or a home page not updated for %d days): %d columns past due, %d empty, the home page last updated %d days ago", maxOverdue, maxEmpty, days(homeStale), overdue, empty, since)
	default:
		e = diag.Warnf(site.ConfigPath, 0, "inspection (单项否决 at %d columns past due, %d empty columns, or a home page not updated for %d days): %d columns past due, %d empty, the home page last updated %d days ago", maxOverdue, maxEmpty, days(homeStale), overdue, empty, since)
	}
	return append(list, e)
}

func days(d time.Duration) int { return int(d / day) }
