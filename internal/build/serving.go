package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/site"
)

// What a web server needs besides the pages: sitemap.xml, robots.txt,
// an Atom feed of the site and of each column, .gz files for nginx's
// gzip_static, and the theme's CSS and JS under fingerprinted names
// (plan.go). Sitemaps and feeds are data for machines, made in Go with
// encoding/xml as the CSV and JSON files are: it escapes every text, and
// replaces what XML cannot hold.

// feedSize is how many of the newest pages a feed holds.
const feedSize = 20

// planServing plans the sitemap, robots.txt and the Atom feeds.
func (b *builder) planServing() {
	s := b.site
	b.feeds = map[*site.Section]link{}
	for _, sec := range append([]*site.Section{s.Home}, s.Sections...) {
		pages := b.newest(sec, feedSize)
		if len(pages) == 0 {
			continue
		}
		rel := sec.URL + "atom.xml"
		title := s.Config.Title
		if sec != s.Home {
			title = sec.Title + " - " + s.Config.Title
		}
		if !b.claim(rel, sec.Path, 0) {
			continue
		}
		b.feeds[sec] = link{Title: title, URL: b.url(rel)}
		if sec == s.Home {
			b.siteView.Feed = b.url(rel)
		}
		b.jobs = append(b.jobs, job{rel: rel, src: sec.Path, make: &maker{write: func(w *worker) ([]byte, error) {
			return b.feed(w, sec, title, rel, pages)
		}, sources: func() string { return b.feedKey(title, pages) }}})
	}
	b.planSitemap()
	b.addFile("robots.txt", "(site) robots.txt", func(w *worker) ([]byte, error) {
		return []byte("User-agent: *\nDisallow:\n\nSitemap: " + b.absURL("sitemap.xml") + "\n"), nil
	}, func() string { return "" })
}

// feedKey stands for what a feed is made of, for the preview's keys.
func (b *builder) feedKey(title string, pages []*site.Page) string {
	k := []byte(title)
	for _, p := range pages {
		for _, s := range [...]string{p.URL, p.Title, p.Summary, p.Publisher} {
			k = append(append(k, 0), s...)
		}
		// The instants, not their text: the time zone is site.toml's, in
		// the cache's identity.
		for _, t := range [...]time.Time{publishedAt(p), b.updated(p)} {
			k = strconv.AppendInt(append(k, 0), t.Unix(), 10)
			k = strconv.AppendInt(append(k, '.'), int64(t.Nanosecond()), 10)
		}
	}
	return string(k)
}

// newest returns the n newest published pages of sec and its sub-columns,
// newest first (newestFirst): picked as the pages are walked, not by
// sorting them all (a portal's home has every page, and is asked for
// them more than once).
func (b *builder) newest(sec *site.Section, n int) []*site.Page {
	top := make([]*site.Page, 0, n+1)
	var walk func(s *site.Section)
	walk = func(s *site.Section) {
		for _, p := range s.Pages {
			if n == 0 || !b.isPublished(p) || len(top) == n && newestFirst(p, top[n-1]) > 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(top, p, newestFirst)
			top = slices.Insert(top, i, p)
			top = top[:min(n, len(top))]
		}
		for _, c := range s.Sections {
			walk(c)
		}
	}
	walk(sec)
	return top
}

// absURL is the absolute URL of the site-relative output path rel, each
// segment escaped.
func (b *builder) absURL(rel string) string {
	u := url.URL{Path: rel}
	return b.site.Config.BaseURL + u.EscapedPath()
}

// timestamp is t in full in the site's time zone: 2021-02-23T00:00:00+08:00.
func (b *builder) timestamp(t time.Time) string {
	return t.In(b.loc).Format(time.RFC3339)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string      `xml:"title"`
	ID        string      `xml:"id"`
	Link      atomLink    `xml:"link"`
	Published string      `xml:"published"`
	Updated   string      `xml:"updated"`
	Author    *atomAuthor `xml:"author,omitempty"`
	Summary   string      `xml:"summary,omitempty"`
}

// feed writes the Atom feed of sec's newest pages. Its time is that of
// its page updated last (更新日期), never the clock's, so that an
// unchanged column's feed is unchanged too.
func (b *builder) feed(w *worker, sec *site.Section, title, rel string, pages []*site.Page) ([]byte, error) {
	last := pages[0].Date
	for _, p := range pages {
		if u := b.updated(p); u.After(last) {
			last = u
		}
	}
	f := atomFeed{
		Title: title, ID: b.absURL(sec.URL), Updated: b.timestamp(last),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.absURL(rel)},
			{Rel: "alternate", Type: "text/html", Href: b.absURL(sec.URL)},
		},
		Author: atomAuthor{Name: b.site.Config.Organization.Name},
	}
	for _, p := range pages {
		e := atomEntry{
			Title: p.Title, ID: b.absURL(p.URL), Link: atomLink{Rel: "alternate", Type: "text/html", Href: b.absURL(p.URL)},
			Published: b.timestamp(publishedAt(p)), Updated: b.timestamp(b.updated(p)), Summary: p.Summary,
		}
		if p.Publisher != "" && p.Publisher != f.Author.Name {
			e.Author = &atomAuthor{Name: p.Publisher}
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(w, f)
}

// sitemapMax is the most URLs one sitemap file may list (sitemaps.org):
// a larger site gets sitemap.xml as an index of sitemap-1.xml,
// sitemap-2.xml, …, each top-level column's URLs in files of their own,
// as many as it needs of at most that many (the home page's, and the
// datasets', apart). A new page then changes its column's file, not
// every file after it in the order of URLs: a portal's million URLs,
// cut in that order, were twenty files of 5 MB, all sent again by a
// publish after each new page. A variable for the tests.
var sitemapMax = 50000

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapEntry is one URL of the sitemap: its path and last change.
type sitemapEntry struct {
	rel  string
	date time.Time
}

// planSitemap plans sitemap.xml, listing the home page, each column's
// first list page, every published page and the data pages, by absolute
// URL; or, past sitemapMax URLs, the files that list them.
func (b *builder) planSitemap() {
	var all []sitemapEntry
	all = append(all, sitemapEntry{rel: ""})
	for _, sec := range b.site.Sections {
		all = append(all, sitemapEntry{rel: sec.URL})
	}
	var pages []*site.Page
	for _, p := range b.site.Pages {
		if b.isPublished(p) {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, c *site.Page) int { return strings.Compare(a.URL, c.URL) })
	for _, p := range pages {
		all = append(all, sitemapEntry{p.URL, b.updated(p)})
	}
	if len(b.dsOrder) > 0 {
		all = append(all, sitemapEntry{rel: "data/"})
		for _, d := range b.dsOrder {
			all = append(all, sitemapEntry{rel: "data/" + d.Key + "/"})
		}
	}
	add := func(rel string, entries []sitemapEntry, write func(w *worker) ([]byte, error)) {
		b.addFile(rel, "(site) "+rel, write, func() string { return sitemapSources(entries) })
	}
	if len(all) <= sitemapMax {
		add("sitemap.xml", all, func(w *worker) ([]byte, error) { return b.sitemap(w, all) })
		return
	}
	var index sitemapIndex
	var names []sitemapEntry // the files', for the index's key
	for _, group := range byColumn(all) {
		for from := 0; from < len(group); from += sitemapMax {
			rel := fmt.Sprintf("sitemap-%d.xml", len(index.Sitemaps)+1)
			part := group[from:min(from+sitemapMax, len(group))]
			add(rel, part, func(w *worker) ([]byte, error) { return b.sitemap(w, part) })
			index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: b.absURL(rel)})
			names = append(names, sitemapEntry{rel: rel})
		}
	}
	add("sitemap.xml", names, func(w *worker) ([]byte, error) { return marshalXML(w, index) })
}

// byColumn groups entries by their top-level column (the first part of
// their path), in the order the columns are first met, each column's in
// the order given.
func byColumn(entries []sitemapEntry) [][]sitemapEntry {
	column := func(rel string) string { c, _, _ := strings.Cut(rel, "/"); return c }
	rank := map[string]int{}
	var count []int
	for _, e := range entries {
		c := column(e.rel)
		r, ok := rank[c]
		if !ok {
			r = len(count)
			rank[c] = r
			count = append(count, 0)
		}
		count[r]++
	}
	sorted := make([]sitemapEntry, len(entries))
	groups := make([][]sitemapEntry, len(count))
	at := 0
	for r, n := range count {
		groups[r] = sorted[at : at : at+n]
		at += n
	}
	for _, e := range entries {
		r := rank[column(e.rel)]
		groups[r] = append(groups[r], e)
	}
	return groups
}

// sitemapSources stands for what a sitemap file is made of: its entries
// (the site's address and time zone are in the cache's identity).
func sitemapSources(entries []sitemapEntry) string {
	h := sha256.New()
	var buf []byte
	for _, e := range entries {
		buf = append(buf[:0], e.rel...)
		buf = append(buf, 0)
		buf = binary.AppendVarint(buf, e.date.Unix())
		buf = binary.AppendVarint(buf, int64(e.date.Nanosecond()))
		h.Write(buf)
	}
	return fmt.Sprintf("sitemap %d %x", len(entries), h.Sum(nil))
}

// sitemap writes a sitemap of entries.
func (b *builder) sitemap(w *worker, entries []sitemapEntry) ([]byte, error) {
	set := urlSet{URLs: make([]sitemapURL, len(entries))}
	for i, e := range entries {
		set.URLs[i].Loc = b.absURL(e.rel)
		if !e.date.IsZero() {
			set.URLs[i].LastMod = b.date(e.date)
		}
	}
	return marshalXML(w, set)
}

func marshalXML(w *worker, v any) ([]byte, error) {
	w.buf.Reset()
	w.buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&w.buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	w.buf.WriteByte('\n')
	return w.buf.Bytes(), nil
}

// gzipped are the kinds of file that get a .gz beside them.
var gzipped = []string{".html", ".css", ".js", ".json", ".csv", ".xml"}

// planGzip marks the outputs to compress, and claims their .gz paths.
func (b *builder) planGzip() {
	for i := range b.jobs {
		j := &b.jobs[i]
		if slices.Contains(gzipped, path.Ext(j.rel)) && b.claim(j.rel+".gz", j.src, 0) {
			j.gz = true
		}
	}
}

// writeGzip writes j's .gz beside it: the same bytes for the same file in
// every build (no name, no time in the header). data is j's content, or
// nil for a copied file. A file linked from an earlier build has its .gz
// linked too.
func (b *builder) writeGzip(w *worker, j *job, out *output, data []byte) error {
	if out.discards() || (out.isLinked(j.rel) && out.linkOnly(j.rel+".gz")) {
		return nil
	}
	if data == nil {
		var err error
		m := b.maker(j)
		if data, err = fs.ReadFile(m.copyFS, m.copyName); err != nil {
			return err
		}
	}
	var z bytes.Buffer
	if w.gz == nil {
		w.gz, _ = gzip.NewWriterLevel(io.Discard, gzip.BestCompression)
	}
	w.gz.Reset(&z)
	w.gz.Write(data)
	if err := w.gz.Close(); err != nil {
		return err
	}
	return out.write(j.rel+".gz", z.Bytes())
}

// fingerprint returns the fingerprinted name of the theme's static CSS or
// JS file at p: its content's hash before the extension.
func fingerprint(fsys fs.FS, p string) (string, bool) {
	ext := path.Ext(p)
	if ext != ".css" && ext != ".js" {
		return "", false
	}
	data, err := fs.ReadFile(fsys, "static/"+p)
	if err != nil {
		return "", false
	}
	sum := sha256.Sum256(data)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext, true
}

// outputList lists every file made, with its source and their hashes.
func (b *builder) outputList(out *output) []Output {
	list := make([]Output, 0, len(b.jobs))
	for i := range b.jobs {
		j := &b.jobs[i]
		o := Output{Path: j.rel, Hash: out.hashes[j.rel], Source: j.src, Page: j.page != nil, Linked: out.linked[j.rel]}
		if j.page != nil {
			// As loaded (or kept by the cache): not read again.
			o.IndexNo, o.SourceHash = j.page.IndexNo, fmt.Sprintf("%016x", j.page.Hash)
		}
		list = append(list, o)
		if j.gz {
			o.Path = j.rel + ".gz"
			o.Hash, o.Linked, o.Page, o.IndexNo, o.SourceHash = out.hashes[o.Path], out.linked[o.Path], false, "", ""
			list = append(list, o)
		}
	}
	// The search index is written after the jobs, made of every page.
	for _, rel := range b.searchFiles {
		list = append(list, Output{Path: rel, Hash: out.hashes[rel], Source: "(search index)", Linked: out.linked[rel]})
	}
	slices.SortFunc(list, func(a, c Output) int { return strings.Compare(a.Path, c.Path) })
	return list
}
