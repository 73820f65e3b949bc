package build

import (
	"errors"
	"fmt"
	"io"

	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
)

// The fenced blocks a page may hold. Each is registered here once: its
// language and its renderer, which parses the block's TOML body (errors at
// lines of the body: markdown moves them to the page) and renders it
// against the site.

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
	figures int             // figures blocks so far, for unique ids
	placed  map[string]bool // disclosure tables placed so far
}

var disclosureTables = disclosure.Tables

// figuresBlock renders a ```figures block: a dataset's year-over-year table.
func (b *builder) figuresBlock(w *worker, out io.Writer, body []byte) error {
	blk, err := figures.ParseBlock(body)
	if err != nil {
		return blockError(err)
	}
	w.used = append(w.used, blk.Dataset)
	d := b.datasets[blk.Dataset]
	if d == nil {
		return fmt.Errorf("unknown dataset %q (no %s/%s.toml)", blk.Dataset, site.DataDir, blk.Dataset)
	}
	t, err := d.Table(blk.Metrics, blk.Years)
	if err != nil {
		return err
	}
	w.page.figures++
	return t.WriteHTML(out, figures.HTMLOptions{
		Chart: blk.Chart, ID: fmt.Sprintf("fig%d", w.page.figures),
		DatasetURL: b.url("data/" + d.Key + "/"), CSVURL: b.url("data/" + d.Key + ".csv"),
	})
}

// disclosureBlock renders a ```disclosure block: one of the statutory
// tables of the page's annual report.
func (b *builder) disclosureBlock(page *blockPage, out io.Writer, body []byte) error {
	blk, err := disclosure.ParseBlock(body)
	if err != nil {
		return blockError(err)
	}
	if page.report == nil {
		return errors.New("this page has no tables.toml: a disclosure table belongs in an annual report bundle (<name>/index.md with tables.toml beside it)")
	}
	if page.placed[blk.Table] {
		return fmt.Errorf("table %q is placed twice on this page", blk.Table)
	}
	page.placed[blk.Table] = true
	return page.report.WriteHTML(out, blk.Table, disclosure.HTMLOptions{CSVURL: b.url(page.url + blk.Table + ".csv"), ID: "t-" + blk.Table})
}

// blockError: TEMPORARY until ParseBlock returns diag errors.
func blockError(err error) error {
	var fe *figures.BlockError
	if errors.As(err, &fe) {
		return diag.Error{Line: fe.Line, Msg: fe.Msg}
	}
	var de *disclosure.BlockError
	if errors.As(err, &de) {
		return diag.Error{Line: de.Line, Msg: de.Msg}
	}
	return err
}
