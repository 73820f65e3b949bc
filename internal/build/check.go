package build

import (
	"bytes"
	"html"
	"slices"

	"gongkai/internal/check"
	"gongkai/internal/diag"
	"gongkai/internal/markdown"
	"gongkai/internal/site"
)

// checked is what a render worker gathers for gongkai check (package
// check): the findings in the text of each body, its links, and the ids
// of each HTML output, which #anchors must name.
type checked struct {
	found []diag.Error               // check's own findings
	stops []diag.Error               // those a build finds too, which stop it (personal information)
	links map[string][]markdown.Link // by source path
	ids   map[string][]string        // by output path
}

func newChecked() *checked {
	return &checked{links: map[string][]markdown.Link{}, ids: map[string][]string{}}
}

// body checks a converted body's text and keeps its links.
func (b *builder) checkBody(c *checked, f *markdown.Found, src markdownSource) {
	if src.page == nil || src.page.Extras().PersonalInfo == "" {
		c.stops = append(c.stops, check.Personal(f)...) // as every build finds them
	}
	c.found = append(c.found, check.Text(f, b.words, true)...)
	if p := src.page; p != nil && len(bytes.TrimSpace(f.Src)) == 0 && len(p.Extras().Attachments) == 0 {
		c.found = append(c.found, diag.Warnf(p.Path, p.Line("title"), "the page has nothing below its settings: write its text, or attach the document it publishes ([[attachment]])"))
	}
	c.links[src.path] = slices.Clone(f.Links)
}

// merge adds what another worker gathered.
func (c *checked) merge(o *checked) {
	c.found = append(c.found, o.found...)
	c.stops = append(c.stops, o.stops...)
	for k, v := range o.links {
		c.links[k] = v
	}
	for k, v := range o.ids {
		c.ids[k] = v
	}
}

// htmlIDs returns the values of the id attributes in an HTML page.
func htmlIDs(page []byte) []string {
	var ids []string
	for {
		i := bytes.Index(page, []byte(` id="`))
		if i < 0 {
			return ids
		}
		page = page[i+5:]
		j := bytes.IndexByte(page, '"')
		if j < 0 {
			return ids
		}
		ids = append(ids, html.UnescapeString(string(page[:j])))
		page = page[j+1:]
	}
}

// review runs the checks of the whole site and splits the findings of
// every check into errors and warnings; the errors a build would not
// find (a broken link, …) go apart (checkErrs), so that a check of one
// body can say whether the rest of the site would build.
func (b *builder) review(c *checked) {
	years := map[*site.Page]int{}
	for p, r := range b.reports {
		years[p] = r.Year
	}
	found := append(c.found, check.Site(check.Input{
		Site: b.site, Now: b.now, Published: b.isPublished, Outputs: b.outputs,
		IDs: c.ids, Links: c.links, ReportYears: years,
	})...)
	for _, e := range found {
		if e.Warning {
			b.warns = append(b.warns, e)
		} else {
			b.checkErrs = append(b.checkErrs, e)
		}
	}
	b.errs = append(b.errs, c.stops...)
}
