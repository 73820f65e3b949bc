package build

import (
	"bytes"
	"html"
	"slices"
	"strings"

	"gongkai/internal/search"
	"gongkai/internal/site"
)

// The site search (package search): the plan adds the /search/ page;
// each render worker keeps the text of the pages it converts; after the
// run, the index is made of those texts and written under search/. It is
// made after the run, not by jobs, because each of its files depends on
// every page, and how many files there are on what the pages say.

// searchIndex is what a build gathers for the index.
type searchIndex struct {
	pages    []*site.Page       // published, newest first: a page's number is its place here
	number   map[*site.Page]int // and back
	text     []string           // each page's body text, kept by the worker that rendered it
	rendered []bool             // the page was rendered this run
	cache    *searchCache       // a preview's texts of pages it did not render again; nil in a build
}

// searchCache is what a Preview keeps of the index between updates: the
// text of every page, as an update re-renders only some, and the index
// files written, to write only those that changed and remove the rest.
type searchCache struct {
	text  map[string]string // page path → body text
	files map[string]uint64 // output path → hash of its bytes
}

// planSearch plans the /search/ page and numbers the pages for the index.
func (b *builder) planSearch() {
	b.addPage("search/index.html", "(theme) search.html", 0, b.searchView, nil, nil)
	if b.opt.Check {
		return // a check writes nothing: no index to make
	}
	s := &searchIndex{number: map[*site.Page]int{}}
	for _, p := range b.site.Pages {
		if b.published[p] {
			s.pages = append(s.pages, p)
		}
	}
	sortNewest(s.pages)
	for i, p := range s.pages {
		s.number[p] = i
	}
	s.text = make([]string, len(s.pages))
	s.rendered = make([]bool, len(s.pages))
	b.search = s
}

// searchView is the view of the /search/ page: the form with its filters.
func (b *builder) searchView() *view {
	sv := &searchView{Index: b.url("search/")}
	years := map[int]bool{}
	cols := map[string]bool{}
	topics := map[string]bool{}
	for _, p := range b.site.Pages {
		if !b.published[p] {
			continue
		}
		years[p.Date.In(b.loc).Year()] = true
		if c := column(p.Section); c != "" {
			cols[c] = true
		}
		if p.Topic != "" {
			topics[p.Topic] = true
		}
	}
	for y := range years {
		sv.Years = append(sv.Years, y)
	}
	slices.SortFunc(sv.Years, func(a, c int) int { return c - a })
	for _, sec := range b.site.Home.Sections {
		if cols[sec.Title] {
			sv.Columns = append(sv.Columns, sec.Title)
		}
	}
	for t := range topics {
		sv.Topics = append(sv.Topics, t)
	}
	slices.Sort(sv.Topics)
	if b.outputs["sitemap.xml"] != "" {
		sv.Sitemap = b.url("sitemap.xml")
	}
	return &view{
		Site: b.siteView, Kind: "search", Title: "站内搜索", URL: b.url("search/"),
		Permalink: b.site.Config.BaseURL + "search/", Crumbs: b.crumbs(b.site.Home), Search: sv,
	}
}

// keepSearchText keeps the text of a page's rendered body for the index.
func (b *builder) keepSearchText(p *site.Page, body []byte) {
	if b.search == nil {
		return
	}
	if i, ok := b.search.number[p]; ok {
		b.search.text[i] = htmlText(body)
		b.search.rendered[i] = true
	}
}

// writeSearch makes the index of the pages' texts and writes it to out;
// it returns how many files it wrote.
func (b *builder) writeSearch(out *output) int {
	s := b.search
	if s == nil || len(b.errs) > 0 || b.writeNothing() {
		return 0
	}
	docs := b.searchDocs()
	files := search.Build(docs)
	written := 0
	now := map[string]uint64{}
	for _, f := range files {
		rel := "search/" + f.Path
		if !b.claim(rel, "(search index)", 0) {
			continue
		}
		b.searchFiles = append(b.searchFiles, rel)
		h := site.HashBytes(f.Data)
		now[rel] = h
		if out.held != nil && s.cache.files[rel] == h {
			continue // a preview update: unchanged on disk
		}
		if err := out.write(rel, f.Data); err != nil {
			b.errorf(rel, 0, "%v", err)
		}
		written++
	}
	if c := s.cache; c != nil {
		if out.held != nil {
			for rel := range c.files {
				if _, ok := now[rel]; !ok {
					out.removed = append(out.removed, rel)
				}
			}
			slices.Sort(out.removed)
		}
		c.files = now
		c.text = make(map[string]string, len(docs))
		for i, p := range s.pages {
			c.text[p.Path] = docs[i].Body
		}
	}
	return written
}

// searchDocs are the published pages as the index takes them, newest
// first, with the texts the run kept (or, in a preview, kept before).
func (b *builder) searchDocs() []search.Doc {
	s := b.search
	docs := make([]search.Doc, len(s.pages))
	for i, p := range s.pages {
		text := s.text[i]
		if !s.rendered[i] && s.cache != nil {
			text = s.cache.text[p.Path]
		}
		docs[i] = search.Doc{
			URL: b.url(p.URL), Title: p.Title, Date: b.date(p.Date), Column: column(p.Section),
			DocNo: p.DocNo, IndexNo: p.IndexNo, Topic: p.Topic, Year: p.Date.In(b.loc).Year(), Body: text,
		}
	}
	return docs
}

// blockTags end a line of text: their text is not run together with the
// next block's.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "td": true, "th": true,
	"tr": true, "table": true, "caption": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "pre": true, "hr": true, "figure": true,
	"figcaption": true, "dt": true, "dd": true, "section": true, "summary": true, "details": true,
}

// htmlText is the text a reader sees in a rendered body: tags dropped (a
// block's end made a line break), entities decoded, the content of
// scripts and styles left out.
func htmlText(h []byte) string {
	var sb strings.Builder
	sb.Grow(len(h))
	for len(h) > 0 {
		i := bytes.IndexByte(h, '<')
		if i < 0 {
			sb.WriteString(html.UnescapeString(string(h)))
			break
		}
		if i > 0 {
			text := h[:i]
			if bytes.IndexByte(text, '&') >= 0 {
				sb.WriteString(html.UnescapeString(string(text)))
			} else {
				sb.Write(text)
			}
		}
		h = h[i+1:]
		end := bytes.IndexByte(h, '>')
		if end < 0 {
			break
		}
		tag := h[:end]
		h = h[end+1:]
		name := bytes.TrimPrefix(tag, []byte("/"))
		if j := bytes.IndexAny(name, " \t\n/"); j >= 0 {
			name = name[:j]
		}
		lower := strings.ToLower(string(name))
		if blockTags[lower] {
			sb.WriteByte('\n')
		}
		if (lower == "script" || lower == "style") && tag[0] != '/' {
			close := bytes.Index(bytes.ToLower(h), []byte("</"+lower))
			if close < 0 {
				break
			}
			h = h[close:]
		}
	}
	return sb.String()
}
