package build

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
)

// The fenced blocks a page may hold. Each is registered here once: its
// language and its renderer, which parses the block's TOML body (errors at
// lines of the body: markdown moves them to the page), resolves it against
// the site, and draws it with the theme's template (whose errors are the
// template's, at its own file and line).

// blocks returns the blocks for worker w's converter; they read the page
// being converted from w.page.
func (b *builder) blocks(w *worker) []markdown.Block {
	return []markdown.Block{
		{Lang: "figures", Render: func(out io.Writer, body []byte) error { return b.figuresBlock(w, out, body) }},
		{Lang: "disclosure", Render: func(out io.Writer, body []byte) error { return b.disclosureBlock(w.page, out, body) }},
	}
}

// blockPage is what the blocks of one page share.
type blockPage struct {
	markdownSource
	figures int               // figures blocks so far, for unique ids
	noted   map[string]string // dataset key → id of the figure that gave its source and note
	placed  map[string]bool   // disclosure tables placed so far
}

// figuresBlock renders a ```figures block: a dataset's year-over-year table.
func (b *builder) figuresBlock(w *worker, out io.Writer, body []byte) error {
	blk, errs := figures.ParseBlock(body)
	if len(errs) > 0 {
		return diag.List(errs)
	}
	w.used = append(w.used, blk.Dataset)
	d := b.datasets[blk.Dataset]
	switch {
	case b.brokenDatasets[blk.Dataset]:
		return nil // the dataset's own errors say what to fix
	case d == nil:
		return diag.Errorf("", 0, "unknown dataset %q (no %s/%s.toml)", blk.Dataset, site.DataDir, blk.Dataset)
	}
	var later diag.List // warnings, the block rendered all the same
	years := blk.Years
	if page := w.page.page; len(years) == 0 && page != nil && !page.Date.IsZero() { // no date: its own error, and every year shown
		// A report keeps the figures of its own time: years appended to
		// the dataset later do not change a published page.
		years = d.YearsUpTo(page.Date.Year())
		if len(years) == 0 {
			// Nothing of its time to show: no table rather than figures
			// of later years, and a word to the editor.
			return diag.List{diag.Warnf("", 0, "dataset %q has no year up to %d, the year of this page's date: the block shows nothing (list the years to show with years = [...])", d.Key, page.Date.Year())}
		}
		if _, ok := d.Values[page.Date.Year()]; !ok {
			// The figures of the year of its date, appended to the
			// dataset later (an annual report is dated the year after
			// the year it is about), would change the published page.
			later = append(later, diag.Warnf("", 0, "this block shows dataset %q up to %d: when %d, the year of this page's date, is added to the dataset, the published page will show it too; to keep it as it is, write years = %s", d.Key, years[len(years)-1], page.Date.Year(), yearList(years)))
		}
	}
	t, err := d.Table(blk.Metrics, years)
	if e, ok := err.(diag.Error); ok {
		// At the line that names it: an unknown metric, else a year.
		e.Line = blk.YearsLine
		if slices.ContainsFunc(blk.Metrics, func(k string) bool { _, ok := d.Metric(k); return !ok }) {
			e.Line = blk.MetricsLine
		}
		return e
	}
	if err != nil {
		return err
	}
	w.page.figures++
	if page := w.page.page; page != nil && !page.Date.IsZero() {
		for _, y := range blk.Years {
			if y > page.Date.Year() {
				later = append(later, diag.Warnf("", blk.YearsLine, "year %d is after %d, the year of this page's date: a report should show the figures of its own time", y, page.Date.Year()))
			}
		}
	}
	v := &figuresView{
		Table: t, Chart: blk.Chart, ID: fmt.Sprintf("fig%d", w.page.figures),
		DatasetURL: b.url("data/" + d.Key + "/"), CSVURL: b.url("data/" + d.Key + ".csv"),
	}
	// A dataset's source and note, often long, are told once per page:
	// under its first table; the others point back to it.
	if v.NoteAt = w.page.noted[d.Key]; v.NoteAt == "" {
		w.page.noted[d.Key] = v.ID
	}
	if err := b.theme.ExecuteFile(out, "figures.html", v); err != nil {
		return themeError(err)
	}
	if len(later) > 0 {
		return later
	}
	return nil
}

// disclosureBlock renders a ```disclosure block: one of the statutory
// tables of the page's annual report.
func (b *builder) disclosureBlock(page *blockPage, out io.Writer, body []byte) error {
	blk, errs := disclosure.ParseBlock(body)
	if len(errs) > 0 {
		return diag.List(errs)
	}
	if page.placed[blk.Table] {
		return diag.Errorf("", 0, "table %q is placed twice on this page", blk.Table)
	}
	page.placed[blk.Table] = true
	if b.brokenReports[page.page] {
		return nil // tables.toml's own errors say what to fix
	}
	report := b.reports[page.page]
	if report == nil {
		return diag.Errorf("", 0, "this page has no tables.toml: a disclosure table belongs in an annual report bundle (<name>/index.md with tables.toml beside it)")
	}
	if !slices.Contains(report.Held, blk.Table) {
		return diag.Errorf("", 0, "%s has no [%s]: type that table's figures there (gongkai new --report writes every table), or remove this block", report.Path, blk.Table)
	}
	t, err := report.Table(blk.Table)
	if err != nil {
		return err
	}
	if err := b.theme.ExecuteFile(out, "disclosure.html", &disclosureView{Table: t, ID: "t-" + blk.Table, CSVURL: b.url(page.url + blk.Table + ".csv")}); err != nil {
		return themeError(err)
	}
	return nil
}

// yearList writes years as a figures block's years: [2019, 2020].
func yearList(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return "[" + strings.Join(s, ", ") + "]"
}
