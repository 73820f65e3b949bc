// Package site reads a gongkai site: content/site.toml, the tree of
// columns (栏目) and pages under content/, their TOML front matter, page
// bundles and their attachments, and the names of the figures datasets.
//
//	s, errs := site.Load(os.DirFS(root))
//
// Load reports every problem it finds, each at its file and line, and
// returns as much of the site as it could read. It decodes nothing beyond
// pages: datasets (package figures) and annual-report tables (package
// disclosure) are named here and decoded by the build.
//
// A folder under content/ is a column; its _index.md gives its title,
// weight and optional [organization]. A folder holding index.md is a page
// bundle: the page and its files. content/data/*.toml are datasets. Any
// other file is copied to the output as it is.
package site

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"gongkai/internal/cores"
	"gongkai/internal/diag"
	"gongkai/internal/stamp"
	"gongkai/internal/tomldoc"
)

// Site is everything under content/.
type Site struct {
	Config   *Config
	Home     *Section
	Sections []*Section // every column but the home, in path order
	Pages    []*Page    // every page, drafts and embargoed ones too, in path order
	Datasets []string   // content/data/<key>.toml paths, sorted
	Files    []string   // other files to copy as they are, sorted
	// Unread are the pages that could not be read (an error says why
	// each), by path: links to them are not broken links too.
	Unread []string
}

// DataDir holds the figures datasets.
const DataDir = "content/data"

// Load reads the site in fsys, whose root is the site folder.
func Load(fsys fs.FS) (*Site, diag.List) {
	return LoadCached(fsys, nil, nil)
}

// Cache keeps the pages one load read for the next, so that a live preview
// re-reads only the files that changed. The zero value is empty.
type Cache struct {
	pages map[string]pendingPage // by path, as read: before the tree changed them
}

// LoadCached is Load, taking from c every page whose file (or, for a
// bundle, any file of whose folder) is not in changed, and keeping in c
// what it read. Columns and settings are always read again: they are few.
func LoadCached(fsys fs.FS, c *Cache, changed []string) (*Site, diag.List) {
	return load(fsys, c, changed, nil)
}

func load(fsys fs.FS, c *Cache, changed []string, k *Kept) (*Site, diag.List) {
	var errs diag.List
	src, err := fs.ReadFile(fsys, ConfigPath)
	if err != nil {
		return nil, diag.List{diag.Errorf(ConfigPath, 0, "cannot read the site settings: %v", unwrapPath(err))}
	}
	cfg, cerrs := parseConfig(src)
	errs = append(errs, cerrs...)
	if cfg == nil {
		return nil, errs
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	cfg.Hash = HashBytes(src)
	s := &Site{Config: cfg}
	if k != nil {
		k.read(cfg.Hash)
	}
	l := loader{fsys: fsys, site: s, sections: map[string]*Section{}, cache: c, changed: changed, kept: k}
	l.walk()
	errs = append(errs, l.errs...)
	return s, errs
}

type loader struct {
	fsys     fs.FS
	site     *Site
	sections map[string]*Section // by folder
	pending  []pendingPage
	errs     diag.List
	cache    *Cache
	changed  []string
	kept     *Kept
}

func (l *loader) errorf(p string, line int, format string, args ...any) {
	l.errs = append(l.errs, diag.Errorf(p, line, format, args...))
}

func (l *loader) walk() {
	cfg := l.site.Config
	home := &Section{Path: "content", Dir: "content", Title: cfg.Title, Org: cfg.Organization}
	l.site.Home = home
	l.sections["content"] = home
	var bundles []string // folders holding index.md, found when entering them
	err := fs.WalkDir(l.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.errorf(p, 0, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link could lead outside the site; content must be real files.
			l.errorf(p, 0, "symbolic links are not allowed in content")
			return nil
		}
		name := d.Name()
		if err := checkFileName(name); err != nil && p != "content" {
			l.errs = append(l.errs, diag.Place(err, p, 0))
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != "content" && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // editor and VCS leftovers
		}
		if d.IsDir() {
			if p == "content" {
				return nil
			}
			if p == DataDir {
				l.datasets()
				return fs.SkipDir
			}
			if _, err := fs.Stat(l.fsys, p+"/index.md"); err == nil {
				bundles = append(bundles, p)
				l.bundle(p)
				return fs.SkipDir
			}
			// A column is made by its _index.md or its pages, not by the
			// folder: one holding only files (images/) is no column.
			return nil
		}
		if !d.Type().IsRegular() {
			l.errorf(p, 0, "not a regular file")
			return nil
		}
		switch {
		case p == ConfigPath, p == WordsPath:
		case name == "_index.md":
			l.sectionText(path.Dir(p), p)
		case strings.HasSuffix(name, ".md"):
			l.pending = append(l.pending, pendingPage{path: p})
		default:
			l.site.Files = append(l.site.Files, p)
		}
		return nil
	})
	if err != nil {
		l.errorf("content", 0, "%v", err)
	}
	l.readPages()
	l.finish()
}

// pendingPage is a page found by the walk, read afterwards in parallel.
type pendingPage struct {
	path, bundleDir string
	tables          bool // the bundle holds tables.toml
	page            *Page
	pristine        *Page // with a Cache: the page as read, before the tree changed it
	errs            []diag.Error
	stamp           stamp.Stamp // with a Kept: of the file, when read; 0 when it could have changed as it was
}

// cached returns a fresh copy of the cached page pp, unless its files changed.
func (l *loader) cached(pp *pendingPage) (pendingPage, bool) {
	if l.cache == nil {
		return pendingPage{}, false
	}
	c, ok := l.cache.pages[pp.path]
	if !ok {
		return pendingPage{}, false
	}
	for _, ch := range l.changed {
		if ch == pp.path || pp.bundleDir != "" && strings.HasPrefix(ch, pp.bundleDir+"/") {
			return pendingPage{}, false
		}
	}
	if c.page != nil {
		cp := *c.pristine
		c.page = &cp
	}
	return c, true
}

// readPages reads the pending pages, many at once (a portal's are a
// million files, most not in the page cache), then adds them to the
// tree in the walk's order, so the result does not depend on scheduling.
func (l *loader) readPages() {
	kept := l.kept.match(l.pending)
	var taken atomic.Int64
	cores.EachReading(len(l.pending), func(i int) {
		pp := &l.pending[i]
		if cached, ok := l.cached(pp); ok {
			pp.page, pp.pristine, pp.errs = cached.page, cached.pristine, cached.errs
			return
		}
		if kept != nil {
			if p, ok := l.take(kept[i], pp); ok {
				pp.page = p
				taken.Add(1)
				return
			}
		}
		if l.kept != nil && l.kept.To != nil {
			// Stamped before it is read: a change while it is read
			// makes the next load read it again.
			if info, err := fs.Stat(l.fsys, pp.path); err == nil {
				pp.stamp = stamp.Settled(info, time.Now())
			}
		}
		pp.page, pp.errs = l.readPage(pp)
		if pp.page != nil && l.cache != nil {
			cp := *pp.page
			pp.pristine = &cp
		}
	})
	if l.cache != nil {
		pages := make(map[string]pendingPage, len(l.pending))
		for _, pp := range l.pending {
			pages[pp.path] = pp
		}
		l.cache.pages = pages // pages no longer on disk drop out
	}
	if l.kept != nil {
		l.kept.Taken = int(taken.Load())
		l.kept.write(l.pending, l.site.Config.Hash, l.site.Config.Location)
	}
	for _, pp := range l.pending {
		l.errs = append(l.errs, pp.errs...)
		if pp.page == nil {
			l.site.Unread = append(l.site.Unread, pp.path)
			continue
		}
		dir := path.Dir(pp.path)
		if pp.bundleDir != "" {
			dir = path.Dir(pp.bundleDir)
		}
		pp.page.Section = l.section(dir)
		l.site.Pages = append(l.site.Pages, pp.page)
	}
}

func (l *loader) datasets() {
	entries, err := fs.ReadDir(l.fsys, DataDir)
	if err != nil {
		l.errorf(DataDir, 0, "cannot read: %v", unwrapPath(err))
		return
	}
	for _, e := range entries {
		p := DataDir + "/" + e.Name()
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.Type()&fs.ModeSymlink != 0:
			l.errorf(p, 0, "symbolic links are not allowed in content")
		case e.IsDir() || !strings.HasSuffix(e.Name(), ".toml"):
			l.errorf(p, 0, "content/data holds only <key>.toml datasets")
		case !validKey(strings.TrimSuffix(e.Name(), ".toml")):
			l.errorf(p, 0, "dataset name %q: use lower-case letters, digits, - and _", strings.TrimSuffix(e.Name(), ".toml"))
		default:
			l.site.Datasets = append(l.site.Datasets, p)
		}
	}
}

func validKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// section makes the column of folder dir, before its _index.md is read.
func (l *loader) section(dir string) *Section {
	if s := l.sections[dir]; s != nil {
		return s
	}
	if dir == "content" || dir == "." {
		return l.site.Home
	}
	parent := l.section(path.Dir(dir))
	s := &Section{Path: dir, Dir: dir, URL: urlOf(dir), Title: path.Base(dir), Parent: parent}
	l.sections[dir] = s
	parent.Sections = append(parent.Sections, s)
	l.site.Sections = append(l.site.Sections, s)
	return s
}

// sectionText reads a column's _index.md.
func (l *loader) sectionText(dir, p string) {
	s := l.section(dir)
	if dir == "content" {
		s = l.site.Home
	}
	s.Path = p
	fm, errs := readFrontMatter(l.fsys, p)
	f := fm.fields
	if f == nil {
		l.errs = append(l.errs, errs...)
		return
	}
	s.Body, s.BodyLine, s.Hash = fm.body, fm.bodyLine, fm.hash
	if t := str(f, "title"); t != "" {
		s.Title = t
	}
	s.Weight, _ = f.Int("weight")
	if every := str(f, "update_every"); every != "" {
		d, err := parseEvery(every)
		if err != nil {
			f.Errorf("update_every", "update_every: %v", err)
		}
		s.UpdateEvery = d
	}
	if o := f.Table("organization"); o != nil {
		s.Org = organization(o)
		s.OwnOrg = dir != "content"
		if s.Org.Code != "" {
			s.CodeLine = o.Line("code")
		}
	}
	f.Unknown()
	l.errs = append(l.errs, f.Errors()...)
}

// str reads a string, trimmed of the spaces an editor may leave around it.
// It is a copy: the decoder's strings share the memory of the whole front
// matter, which a page does not keep.
func str(t *tomldoc.Table, key string) string {
	s, _ := t.Str(key)
	return strings.Clone(strings.TrimSpace(s))
}

// parseEvery reads a freshness period: 14d, 2w, 6m (months of 30 days), 1y.
func parseEvery(s string) (time.Duration, error) {
	var n int
	var unit string
	if _, err := fmt.Sscanf(s, "%d%s", &n, &unit); err != nil || n <= 0 {
		return 0, diag.Errorf("", 0, "%q is not a period (write 14d, 2w, 6m or 1y)", s)
	}
	day := 24 * time.Hour
	switch unit {
	case "d":
		return time.Duration(n) * day, nil
	case "w":
		return time.Duration(n) * 7 * day, nil
	case "m":
		return time.Duration(n) * 30 * day, nil
	case "y":
		return time.Duration(n) * 365 * day, nil
	}
	return 0, diag.Errorf("", 0, "%q is not a period (write 14d, 2w, 6m or 1y)", s)
}

// frontMatter is a Markdown file read and its front matter decoded.
type frontMatter struct {
	fields   *tomldoc.Table
	front    []byte
	body     []byte
	bodyLine int
	hash     uint64
}

func readFrontMatter(fsys fs.FS, p string) (frontMatter, []diag.Error) {
	src, err := ReadFile(fsys, p)
	if err != nil {
		return frontMatter{}, []diag.Error{diag.Place(err, p, 0)}
	}
	// The body is checked with the front matter: both are the editor's text.
	if err, bad := tomldoc.UTF8Error(p, src, 1); bad {
		return frontMatter{}, []diag.Error{err}
	}
	front, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		return frontMatter{}, []diag.Error{diag.Place(err, p, 1)}
	}
	f, errs := tomldoc.Parse(p, front, 2)
	if f == nil {
		return frontMatter{}, errs
	}
	return frontMatter{f, front, body, bodyLine, HashBytes(src)}, nil
}

// bundle reads a page bundle: dir/index.md and the files beside it.
func (l *loader) bundle(dir string) {
	pp := pendingPage{path: dir + "/index.md", bundleDir: dir}
	err := fs.WalkDir(l.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			l.errorf(p, 0, "cannot read: %v", unwrapPath(err))
		case d.Type()&fs.ModeSymlink != 0:
			l.errorf(p, 0, "symbolic links are not allowed in content")
		case strings.HasPrefix(d.Name(), ".") && p != dir:
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.IsDir():
		case p == dir+"/index.md":
		case p == dir+"/tables.toml":
			pp.tables = true
		default:
			l.site.Files = append(l.site.Files, p)
		}
		return nil
	})
	if err != nil {
		l.errorf(dir, 0, "%v", err)
	}
	l.pending = append(l.pending, pp)
}

// readPage reads one page found by the walk. It runs concurrently with
// other readPage calls: it only reads l.
func (l *loader) readPage(pp *pendingPage) (*Page, []diag.Error) {
	p, bundleDir := pp.path, pp.bundleDir
	fm, errs := readFrontMatter(l.fsys, p)
	f := fm.fields
	if f == nil {
		return nil, errs
	}
	cfg := l.site.Config
	url := urlOf(strings.TrimSuffix(p, ".md"))
	if bundleDir != "" {
		url = urlOf(bundleDir)
	}
	pg := &Page{Path: p, URL: url, Hash: fm.hash}
	var x Extras // kept when set (Page.Extras); a preview's copies share it: never changed after
	x.BundleDir = bundleDir
	if pp.tables {
		x.TablesPath = bundleDir + "/tables.toml"
	}
	line := func(key string) int32 {
		if !f.Has(key) {
			return 0
		}
		return int32(f.Line(key))
	}
	pg.lines = keyLines{line("title"), line("date"), line("index_no"), line("aliases"), line("doc_no")}
	pg.Title = str(f, "title")
	if pg.Title == "" && !f.Reported("title") {
		f.Errorf("title", "title is required: add a line title = \"…\" between the +++ lines")
	}
	if d, ok := f.Date("date", cfg.Location); ok {
		pg.Date = d
	} else if !f.Has("date") {
		f.Errorf("date", "date is required (成文日期, e.g. date = 2021-02-23)")
	}
	pg.Publisher = str(f, "publisher")
	pg.DocNo = str(f, "doc_no")
	pg.IndexNo = str(f, "index_no")
	pg.Topic = str(f, "topic")
	pg.Summary = str(f, "summary")
	x.PersonalInfo = str(f, "personal_info")
	pg.Draft, _ = f.Bool("draft")
	x.PublishAt, _ = f.Date("publish_at", cfg.Location)
	if t, ok := f.Date("valid_until", cfg.Location); ok {
		if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 {
			t = t.AddDate(0, 0, 1).Add(-time.Nanosecond) // a date is valid through its last moment
		}
		x.ValidUntil = t
	}
	x.Weight, _ = f.Int("weight")
	aliases, _ := f.Strings("aliases")
	for _, a := range aliases {
		clean, err := cleanAlias(a)
		if err != nil {
			f.Errorf("aliases", "alias %q: %v", a, err)
			continue
		}
		if base := strings.TrimPrefix(cfg.BasePath, "/"); base != "" && strings.HasPrefix(clean, base) {
			f.Errorf("aliases", "alias %q repeats the base path %s, which gongkai adds to every address: write %q", a, cfg.BasePath, "/"+strings.TrimPrefix(clean, base))
			continue
		}
		x.Aliases = append(x.Aliases, clean)
	}
	for _, a := range f.Tables("attachment") {
		att := Attachment{File: str(a, "file"), Title: str(a, "title"), Line: a.Line()}
		a.Unknown()
		if bundleDir == "" {
			a.Errorf("", "attachments need a page bundle: move the page to %s/index.md and put the files beside it", strings.TrimSuffix(p, ".md"))
			continue
		}
		if err := checkName(att.File); err != nil {
			a.Errorf("file", "attachment file %q: %v", att.File, err)
			continue
		}
		info, err := fs.Stat(l.fsys, bundleDir+"/"+att.File)
		if err != nil || !info.Mode().IsRegular() {
			a.Errorf("file", "attachment %q is not a file in %s", att.File, bundleDir)
			continue
		}
		if att.Title == "" {
			att.Title = att.File
		}
		att.Size = info.Size()
		att.Type = strings.ToUpper(strings.TrimPrefix(path.Ext(att.File), "."))
		x.Attachments = append(x.Attachments, att)
	}
	if !reflect.ValueOf(x).IsZero() {
		pg.extra = &x
	}
	f.Unknown()
	return pg, f.Errors()
}

// cleanAlias turns an old URL ("/old/path.html", "/old/dir/") into a
// site-relative path, refusing any that could leave the output folder.
func cleanAlias(a string) (string, error) {
	if strings.ContainsAny(a, "\\\x00?#") || strings.Contains(a, "://") {
		return "", diag.Errorf("", 0, "write an absolute path on this site, like /old/page.html")
	}
	rel := strings.TrimPrefix(a, "/")
	for _, part := range strings.Split(strings.TrimSuffix(rel, "/"), "/") {
		if part == "" || part == "." || part == ".." {
			return "", diag.Errorf("", 0, "write an absolute path on this site, like /old/page.html")
		}
	}
	// An alias is a page that sends the reader on: a web server sends a
	// file as the type its name says.
	switch ext := strings.ToLower(path.Ext(rel)); {
	case strings.HasSuffix(rel, "/"), ext == ".html", ext == ".htm", ext == ".shtml":
	case strings.Trim(ext, ".0123456789") == "": // none, or a number's: /zwgk/2021.03
		rel += "/" // served as the folder's index.html, after the server adds the slash
	default:
		return "", diag.Errorf("", 0, "a web server sends a %s file as a download, not as a page: redirect this address in the web server's settings instead (nginx: location = %s { return 301 the page's address; })", ext, "/"+rel)
	}
	return rel, nil
}

// finish applies inheritance and orders the tree.
func (l *loader) finish() {
	s := l.site
	cfg := s.Config
	var inherit func(sec *Section, org Organization)
	inherit = func(sec *Section, org Organization) {
		if sec.Org.Name == "" {
			sec.Org.Name = org.Name
		}
		if sec.Org.Code == "" {
			sec.Org.Code = org.Code
		}
		if sec.Org.Address == "" {
			sec.Org.Address = org.Address
		}
		if sec.Org.Phone == "" {
			sec.Org.Phone = org.Phone
		}
		slices.SortFunc(sec.Sections, func(a, b *Section) int {
			return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.Dir, b.Dir))
		})
		for _, c := range sec.Sections {
			inherit(c, sec.Org)
		}
	}
	inherit(s.Home, cfg.Organization)
	for _, sec := range s.Sections {
		if sec.Path == sec.Dir {
			// Its folder's name would be its title in the menu: "notices".
			l.errorf(sec.Dir, 0, "a folder of pages is a column, and a column needs a title: add %s/_index.md with these three lines, the column's title in the middle one:\n+++\ntitle = \"栏目名称\"\n+++", sec.Dir)
		}
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(s.Sections, func(a, b *Section) int { return strings.Compare(a.Dir, b.Dir) })
	for _, p := range s.Pages {
		p.Section.Pages = append(p.Section.Pages, p)
		if p.Publisher == "" {
			p.Publisher = p.Section.Org.Name
		}
		p.IndexCode = p.Section.Org.Code
	}
	slices.Sort(s.Files)
	slices.Sort(s.Datasets)
}

// unwrapPath drops the path an fs error repeats, as messages name it already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// MaxFileSize is the most a page, dataset or tables.toml may hold. A
// larger one is a mistake (a pasted document, a binary saved as .md) or
// belongs attached as a file; refusing it keeps builds quick and bounded.
const MaxFileSize = 8 << 20

// ReadFile reads a content file within MaxFileSize. Its errors are
// diag.Errors without a path: place them with diag.Place.
func ReadFile(fsys fs.FS, p string) ([]byte, error) { return readFile(fsys, p, nil) }

// readFile is ReadFile, reading into buf when it is large enough.
func readFile(fsys fs.FS, p string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, diag.Errorf("", 0, "cannot read: %v", unwrapPath(err))
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	if size > MaxFileSize {
		return nil, diag.Errorf("", 0, "the file is %.1f MB, more than the %d MB a content file may be: attach large documents to a page bundle instead", float64(size)/(1<<20), MaxFileSize>>20)
	}
	// One allocation of the right size, as os.ReadFile does, unless buf
	// has room; one byte more, to see the end of the file in one read.
	if n := int(size) + 1; cap(buf) < n {
		buf = make([]byte, 0, n)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew: room for more
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxFileSize {
			return nil, diag.Errorf("", 0, "the file is more than the %d MB a content file may be: attach large documents to a page bundle instead", MaxFileSize>>20)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, diag.Errorf("", 0, "cannot read: %v", unwrapPath(err))
		}
	}
}

// checkFileName refuses names that are not portable or could be read as
// something else: a backslash (a path separator elsewhere), NUL and
// control characters.
func checkFileName(name string) error {
	for _, r := range name {
		if r == '\\' || r < ' ' || r == 0x7f {
			return diag.Errorf("", 0, "file name %q: no backslashes or control characters, please", name)
		}
	}
	return nil
}
