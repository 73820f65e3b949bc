package site

import (
	"cmp"
	"encoding/binary"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/record"
	"gongkai/internal/stamp"
)

// Kept carries the pages one load read to the next (package build keeps
// them in its cache folder): a page whose file still has the stamp
// (package stamp) it had when an earlier load read it is taken as that
// load read it, its front matter not read again. A portal's million
// files are stat'ed, not read and parsed: at 100,000 pages, reading them
// took 4 s of CPU. Page bundles, pages with errors and pages with a date
// given with an offset are read each time.
//
//	k := &site.Kept{ID: programHash, From: lastFile, To: newFile}
//	s, errs := site.LoadKept(fsys, k)
//
// From is trusted only whole: its last 32 bytes are the SHA-256 of the
// rest, which names ID and the hash of site.toml (the settings a page is
// read with). A date is kept as the editor wrote it, its day and time, and
// read back in the site's zone: a site in "Local" time reads its dates
// in the TZ of each build.
type Kept struct {
	ID    [32]byte  // what else a page as read depends on: the program reading it
	From  io.Reader // an earlier load's pages; nil: none
	To    io.Writer // where this load keeps its pages for the next; nil: nowhere
	Taken int       // pages taken from From, once loaded
	Err   error     // the first failure to write To: the next load reads every page

	pages []keptPage // From's, in walk order (walkOrder)
}

// keptPage is a page of From: its path, its file's stamp, and the rest of
// its record, decoded when it is taken.
type keptPage struct {
	path   string
	stamp  stamp.Stamp
	record string
}

// keptFormat changes when a record does.
const keptFormat = "gongkai kept pages 2\n"

// LoadKept is Load, taking from k.From each page whose file has not
// changed since, and keeping every page it can in k.To.
func LoadKept(fsys fs.FS, k *Kept) (*Site, diag.List) {
	return load(fsys, nil, nil, k)
}

// read reads k.From, for a site whose site.toml has hash config;
// nothing when it is not whole, or was kept by another program or for
// other settings.
func (k *Kept) read(config uint64) {
	if k.From == nil {
		return
	}
	b, err := readAll(k.From)
	if err != nil {
		return
	}
	// One string holds every record, the bytes read, not a copy of them
	// (a portal's are hundreds of megabytes): the pages' strings are
	// parts of it.
	body, ok := record.Open(b)
	if !ok {
		return
	}
	var want []byte
	want = append(want, keptFormat...)
	want = append(want, k.ID[:]...)
	want = binary.LittleEndian.AppendUint64(want, config)
	if !strings.HasPrefix(body, string(want)) {
		return
	}
	all := record.Reader{S: body[len(want):]}
	var pages []keptPage
	for len(all.S) > 0 {
		r := record.Reader{S: all.Str()}
		p := keptPage{path: r.Str(), stamp: stamp.Stamp(r.U64())}
		p.record = r.S
		if all.Bad || r.Bad {
			return
		}
		pages = append(pages, p)
	}
	if !slices.IsSortedFunc(pages, func(a, b keptPage) int { return walkOrder(a.path, b.path) }) {
		slices.SortFunc(pages, func(a, b keptPage) int { return walkOrder(a.path, b.path) })
	}
	k.pages = pages
}

// readAll reads r whole into a slice made once, when r is a file.
func readAll(r io.Reader) ([]byte, error) {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return io.ReadAll(r)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := make([]byte, info.Size())
	_, err = io.ReadFull(r, b)
	return b, err
}

// walkOrder orders paths as fs.WalkDir visits them: by their names, a
// folder's files right after it ("a/b" before "a-c").
func walkOrder(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			x, y := a[i], b[i]
			if x == '/' {
				x = 0
			}
			if y == '/' {
				y = 0
			}
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(len(a), len(b))
}

// match returns, for each pending page, its kept page, or nil: both are
// in walk order.
func (k *Kept) match(pending []pendingPage) []*keptPage {
	if k == nil || len(k.pages) == 0 {
		return nil
	}
	got := make([]*keptPage, len(pending))
	j := 0
	for i := range pending {
		for j < len(k.pages) && walkOrder(k.pages[j].path, pending[i].path) < 0 {
			j++
		}
		if j < len(k.pages) && k.pages[j].path == pending[i].path {
			got[i] = &k.pages[j]
		}
	}
	return got
}

// take returns the kept page of pp's file when the file still has its
// stamp; its Page is made as readPage makes it.
func (l *loader) take(kp *keptPage, pp *pendingPage) (*Page, bool) {
	if kp == nil || kp.stamp == 0 || pp.bundleDir != "" {
		return nil, false
	}
	info, err := fs.Stat(l.fsys, pp.path)
	if err != nil || stamp.Of(info) != kp.stamp {
		return nil, false
	}
	r := reader{record.Reader{S: kp.record}}
	p := r.page(pp.path, l.site.Config.Location)
	if r.Bad || len(r.S) > 0 {
		return nil, false
	}
	pp.stamp = kp.stamp
	return p, true
}

// write writes the pages read, in walk order, to k.To: those that can be
// taken by the next load (keepable), each with its stamp.
func (k *Kept) write(pending []pendingPage, config uint64, loc *time.Location) {
	if k == nil || k.To == nil {
		return
	}
	w := record.NewWriter(k.To)
	w.Write([]byte(keptFormat))
	w.Write(k.ID[:])
	w.Write(binary.LittleEndian.AppendUint64(nil, config))
	var rec, n []byte
	for i := range pending {
		pp := &pending[i]
		if !keepable(pp, loc) {
			continue
		}
		rec = record.AppendStr(rec[:0], pp.path)
		rec = binary.LittleEndian.AppendUint64(rec, uint64(pp.stamp))
		rec = appendPage(rec, pp.page)
		n = binary.AppendUvarint(n[:0], uint64(len(rec))) // a record is read as a string (record.Reader.Str)
		w.Write(n)
		w.Write(rec)
	}
	k.Err = w.Seal()
}

// keepable says whether the next load may take pp as read now: a page of
// its own file (not a bundle's, whose attachments are checked as it is
// read), read without error, stamped, and whose dates are in the site's
// zone (or none), which is all a record says of a date's zone.
func keepable(pp *pendingPage, loc *time.Location) bool {
	p := pp.page
	if p == nil || len(pp.errs) > 0 || pp.bundleDir != "" || pp.stamp == 0 {
		return false
	}
	x := p.Extras()
	for _, t := range []time.Time{p.Date, x.PublishAt, x.ValidUntil} {
		if !t.IsZero() && (t.Location() != loc || wallTime(t, loc) != t) {
			return false // or a moment a day's clock shows twice, as a zone's clocks go back
		}
	}
	return len(x.Attachments) == 0 && x.BundleDir == "" && x.TablesPath == ""
}

// appendPage appends what readPage reads of a page but its path, which
// the record holds before its stamp, and its URL, made of the path.
func appendPage(b []byte, p *Page) []byte {
	b = binary.LittleEndian.AppendUint64(b, p.Hash)
	for _, s := range []string{p.Title, p.Publisher, p.DocNo, p.IndexNo, p.Topic, p.Summary} {
		b = record.AppendStr(b, s)
	}
	b = appendTime(b, p.Date)
	for _, n := range []int32{p.lines.title, p.lines.date, p.lines.indexNo, p.lines.aliases, p.lines.docNo} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = appendBool(b, p.Draft)
	b = appendBool(b, p.extra != nil)
	if x := p.extra; x != nil {
		b = appendTime(b, x.PublishAt)
		b = appendTime(b, x.ValidUntil)
		b = binary.AppendVarint(b, int64(x.Weight))
		b = binary.AppendUvarint(b, uint64(len(x.Aliases)))
		for _, a := range x.Aliases {
			b = record.AppendStr(b, a)
		}
		b = record.AppendStr(b, x.PersonalInfo)
	}
	return b
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendTime appends t, zero or in the site's zone (keepable): 0, or 1
// and its date and time of day as the editor wrote them, not the moment
// they were read as, which depends on the zone's rules (a site in
// "Local" time is read in the TZ of each build).
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, int64(t.Year()))
	for _, v := range []int{int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return b
}

// wallTime is t's date and time of day, in loc again: what a record
// gives back (appendTime).
func wallTime(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// reader reads a record, with what a page's record holds.
type reader struct{ record.Reader }

func (r *reader) time(loc *time.Location) time.Time {
	if r.Byte() == 0 {
		return time.Time{}
	}
	year := int(r.Varint())
	var v [6]int
	for i := range v {
		v[i] = int(r.Uvarint())
	}
	return time.Date(year, time.Month(v[0]), v[1], v[2], v[3], v[4], v[5], loc)
}

// page reads what appendPage wrote, for the page at path.
func (r *reader) page(path string, loc *time.Location) *Page {
	p := &Page{Path: path, URL: urlOf(strings.TrimSuffix(path, ".md"))}
	p.Hash = r.U64()
	for _, s := range []*string{&p.Title, &p.Publisher, &p.DocNo, &p.IndexNo, &p.Topic, &p.Summary} {
		*s = r.Str()
	}
	p.Date = r.time(loc)
	for _, n := range []*int32{&p.lines.title, &p.lines.date, &p.lines.indexNo, &p.lines.aliases, &p.lines.docNo} {
		*n = int32(r.Uvarint())
	}
	p.Draft = r.Byte() == 1
	if r.Byte() == 1 {
		x := &Extras{}
		x.PublishAt = r.time(loc)
		x.ValidUntil = r.time(loc)
		x.Weight = int(r.Varint())
		for range r.Uvarint() {
			if r.Bad {
				break
			}
			x.Aliases = append(x.Aliases, r.Str())
		}
		x.PersonalInfo = r.Str()
		p.extra = x
	}
	return p
}
