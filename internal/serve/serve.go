// Package serve is gongkai serve: the site as it will be published,
// rebuilt as an editor saves, in their browser on this machine.
//
// A Server builds the site with build.Preview into a temporary folder (never
// SITE/public) and serves that folder under base_url's path; / redirects
// there. Watch follows content/ and themes/ with fsnotify, new folders as
// they appear, and turns each burst of events — an editor's save is often
// several: write a temporary file, rename it over the page, touch it; a
// folder moved in is one event for many files — into one Preview.Update
// with every path it touched, once the folder has been quiet for a moment
// (Options.Quiet).
//
// Nobody sees half a change: an update holds the write side of a lock over
// the folder while the preview writes (it writes only when the whole update
// succeeded), and every response reads its file under the read side.
//
// Every HTML response — never a file of the folder, so never a build — gets
// a small script that listens to /__gongkai/events (server-sent events) and
// reloads the page when an update is done. While the site has errors, every
// page is an overlay listing them, each as path:line: message in the site's
// language (the words gongkai check prints, printed in the terminal too);
// the save that fixes them brings the pages back.
//
//	s, err := serve.New(serve.Options{Dir: dir, Log: os.Stderr}) // watches, then builds
//	defer s.Close()
//	go http.Serve(listener, s)
//	s.Watch(ctx)
package serve

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"golang.org/x/text/message"

	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/site"
)

// Options say what to serve.
type Options struct {
	Dir    string // the site folder
	Drafts bool   // show drafts too
	Now    func(*time.Location) time.Time
	Log    io.Writer // the terminal; nil: nowhere
	// Quiet is how long the watched folders must be still before an
	// update runs; 0 means 50 ms: an editor's save is a burst well inside it.
	Quiet time.Duration
	// Updated, when set, is called after each update with the paths it
	// was given (tests).
	Updated func(changed []string)
}

// EventsPath is where open pages listen for reloads.
const EventsPath = "/__gongkai/events"

// Server is a running preview. It is an http.Handler.
type Server struct {
	opt     Options
	dir     string // absolute
	tmp     string // the temporary folder holding out
	out     string
	preview *build.Preview
	watcher *fsnotify.Watcher
	watched map[string]fs.FileInfo // each watched folder, as it was when its watch was made (resync)

	mu       sync.RWMutex // written while an update writes out, read while a response reads it
	version  int          // counts updates that changed what is served
	errs     []diag.Error // the errors of the last update; nil when it built
	basePath string       // "/kjj/"
	lang     string

	cmu     sync.Mutex
	clients map[chan struct{}]bool
}

// New builds the site and returns a Server for it. Content errors do not
// stop it: they are what the pages show until they are fixed.
func New(o Options) (*Server, error) {
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	if o.Quiet == 0 {
		o.Quiet = 50 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	tmp, err := os.MkdirTemp("", "gongkai-serve-")
	if err != nil {
		return nil, err
	}
	s := &Server{opt: o, dir: dir, tmp: tmp, out: filepath.Join(tmp, "public"), basePath: "/", clients: map[chan struct{}]bool{}, watched: map[string]fs.FileInfo{}}
	s.preview = build.NewPreview(build.Options{
		Site: os.DirFS(dir), Dir: dir, Out: s.out, Drafts: o.Drafts, Now: o.Now,
	})
	if err := s.watch(); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	s.update(nil)
	return s, nil
}

// Close stops watching and removes the temporary folder.
func (s *Server) Close() error {
	err := s.watcher.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(err, os.RemoveAll(s.tmp))
}

// BasePath is the path the site is served under ("/kjj/").
func (s *Server) BasePath() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.basePath
}

func (s *Server) printer() *message.Printer {
	return diag.Printer(diag.Language(s.lang))
}

// update runs one Preview.Update with the paths that changed (nil: all),
// reports it in the terminal, and tells open pages to reload when what
// they show changed.
func (s *Server) update(changed []string) {
	start := time.Now()
	s.mu.Lock()
	res, err := s.preview.Update(changed)
	had := len(s.errs) > 0
	s.errs = errorList(err)
	// The settings decide the path served under and the language of
	// messages; they may have changed, or failed to load.
	if cfg, _ := site.ReadConfig(os.DirFS(s.dir)); cfg != nil {
		s.basePath, s.lang = cfg.BasePath, cfg.Language
	}
	if res.Language != "" {
		s.lang = res.Language
	}
	// The settings or the theme: the whole site is built again (build.Preview).
	whole := slices.ContainsFunc(changed, func(c string) bool { return strings.HasPrefix(c, "themes/") || c == site.ConfigPath })
	changedOutput := changed == nil || len(s.errs) > 0 || had || len(res.Written) > 0 || len(res.Removed) > 0 || whole
	if changedOutput {
		s.version++
	}
	errs := s.errs
	s.mu.Unlock()

	p := s.printer()
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case len(errs) > 0:
		for _, e := range errs {
			fmt.Fprintln(s.opt.Log, e.Text(p))
		}
		if len(errs) == 1 {
			p.Fprintf(s.opt.Log, "gongkai: 1 error; the pages show it until it is fixed\n")
		} else {
			p.Fprintf(s.opt.Log, "gongkai: %d errors; the pages show them until they are fixed\n", len(errs))
		}
	case changed == nil:
		for _, w := range res.Warnings {
			if w.Path == site.ConfigPath {
				fmt.Fprintln(s.opt.Log, w.Text(p)) // the site's own, such as a shallow git clone
			}
		}
		p.Fprintf(s.opt.Log, "gongkai: built %d pages in %v\n", res.Pages, took)
	case whole:
		p.Fprintf(s.opt.Log, "gongkai: %s: the whole site built again, %d pages in %v\n", summary(s.named(changed)), res.Pages, took)
	case changedOutput:
		p.Fprintf(s.opt.Log, "gongkai: %s: %d files written, %d removed in %v\n", summary(s.named(changed)), len(res.Written), len(res.Removed), took)
	}
	if changedOutput {
		s.broadcast()
	}
	// The search index after the pages: open pages reload while it is
	// made, and are served meanwhile (s.mu is taken only to write it).
	start = time.Now()
	ires, err := s.preview.Index(&s.mu)
	if n := len(ires.Written) + len(ires.Removed); n > 0 && changed != nil {
		p.Fprintf(s.opt.Log, "gongkai: search index: %d files written, %d removed in %v\n", len(ires.Written), len(ires.Removed), time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		s.mu.Lock()
		list := errorList(err)
		s.errs = list
		s.version++
		s.mu.Unlock()
		for _, e := range list {
			fmt.Fprintln(s.opt.Log, e.Text(p))
		}
		s.broadcast()
	}
	if s.opt.Updated != nil {
		s.opt.Updated(changed)
	}
}

// errorList is an update's error as the errors pages show: its content
// errors, or the one it is; nil for none.
func errorList(err error) []diag.Error {
	var list diag.List
	switch {
	case errors.As(err, &list):
		return list
	case err != nil:
		return []diag.Error{diag.Errorf(".", 0, "%v", err)}
	}
	return nil
}

// summary names the first changed path, and how many more there are.
// named are the files of changed that are there now, when any is: an
// editor's program saves through a temporary file (sed's sedX4k2Qa, an
// editor's .swp), which the log need not name.
func (s *Server) named(changed []string) []string {
	var there []string
	for _, c := range changed {
		if _, err := os.Stat(filepath.Join(s.opt.Dir, filepath.FromSlash(c))); err == nil {
			there = append(there, c)
		}
	}
	if len(there) == 0 {
		return changed
	}
	return there
}

func summary(changed []string) string {
	if len(changed) == 1 {
		return changed[0]
	}
	return fmt.Sprintf("%s (+%d)", changed[0], len(changed)-1)
}

// broadcast tells every open page to look at the version again.
func (s *Server) broadcast() {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	for c := range s.clients {
		select {
		case c <- struct{}{}:
		default: // it has a wake-up pending already
		}
	}
}

// ServeHTTP serves the built site under its base path, the reload events,
// and the error overlay.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The response is read whole under the lock and written after it, so
	// that a slow reader never holds up an update.
	s.mu.RLock()
	res := s.respond(r.URL.Path)
	s.mu.RUnlock()
	w.Header().Set("Cache-Control", "no-store")
	if res.redirect != "" {
		http.Redirect(w, r, res.redirect, http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", res.ctype)
	if res.status != http.StatusOK {
		w.WriteHeader(res.status)
		w.Write(res.data)
		return
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(res.data))
}

// response is what a request gets.
type response struct {
	status   int
	redirect string
	ctype    string
	data     []byte
}

// respond decides the response to a GET of urlPath, holding s.mu.
func (s *Server) respond(urlPath string) response {
	base := s.basePath
	if urlPath+"/" == base || urlPath == "/" && base != "/" {
		return response{redirect: base}
	}
	clean := path.Clean(urlPath)
	if strings.HasSuffix(urlPath, "/") && clean != "/" {
		clean += "/"
	}
	rel, under := strings.CutPrefix(clean, base)
	if !under {
		return s.notFound()
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	} else if info, err := os.Stat(s.file(rel)); err == nil && info.IsDir() {
		return response{redirect: base + rel + "/"}
	}
	if len(s.errs) > 0 && strings.HasSuffix(name, ".html") {
		return s.overlay()
	}
	// While there are errors, style sheets and images are the last good
	// build's, though the overlay, a page of its own, uses none.
	data, err := os.ReadFile(s.file(name))
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return s.notFound()
	case err != nil:
		return response{status: http.StatusInternalServerError, ctype: "text/plain; charset=utf-8", data: []byte(err.Error())}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, s.version)
	}
	return response{status: http.StatusOK, ctype: ctype, data: data}
}

// file is where the output path rel is. It is cleaned as a rooted path,
// so that it cannot lead out of out.
func (s *Server) file(rel string) string {
	return filepath.Join(s.out, filepath.FromSlash(path.Clean("/"+rel)))
}

// notFound is the site's 404 page, as a web server set up for the site
// serves it.
func (s *Server) notFound() response {
	data, err := os.ReadFile(filepath.Join(s.out, "404.html"))
	if err != nil {
		data = []byte("<!DOCTYPE html><title>404</title><p>404</p>")
	}
	return response{status: http.StatusNotFound, ctype: "text/html; charset=utf-8", data: inject(data, s.version)}
}

// reloadScript reloads the page when the preview's version is no longer
// the one the page was served at: at once if an update came between
// serving the page and listening, else at the next update.
const reloadScript = `<script>/* gongkai serve */(function(){var v=%d,e=new EventSource(%q);e.onmessage=function(m){if(+m.data!==v){e.close();location.reload();}};})();</script>`

// inject puts the reload script into an HTML page, before </body>.
func inject(page []byte, version int) []byte {
	script := fmt.Sprintf(reloadScript, version, EventsPath)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, script...)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

// events streams the version to one page: now, and after every update.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan struct{}, 1)
	s.cmu.Lock()
	s.clients[c] = true
	s.cmu.Unlock()
	defer func() {
		s.cmu.Lock()
		delete(s.clients, c)
		s.cmu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		s.mu.RLock()
		v := s.version
		s.mu.RUnlock()
		if _, err := fmt.Fprintf(w, "data: %d\n\n", v); err != nil {
			return
		}
		flusher.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-c:
		}
	}
}

var overlayPage = template.Must(template.New("overlay").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { margin: 0; font: 16px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: #fff; color: #1a1a1a; }
.gongkai-overlay { max-width: 60rem; margin: 2rem auto; padding: 1.5rem 2rem; border-top: .375rem solid #b3261e; }
h1 { font-size: 1.375rem; color: #b3261e; margin: 0 0 1rem; }
ol { padding-left: 1.5rem; }
li { margin: .5rem 0; font-family: ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; }
</style>
</head>
<body>
<main class="gongkai-overlay" role="alert">
<h1>{{.Title}}</h1>
<ol>{{range .Errors}}<li>{{.}}</li>{{end}}</ol>
<p>{{.Hint}}</p>
</main>
</body>
</html>
`))

// overlay is the page every page is while the site has errors.
func (s *Server) overlay() response {
	p := s.printer()
	d := struct {
		Lang, Title, Hint string
		Errors            []string
	}{Lang: cmp.Or(s.lang, "zh-CN"), Hint: p.Sprintf("Correct the file and save it: this page reloads by itself.")}
	if len(s.errs) == 1 {
		d.Title = p.Sprintf("1 error: the site is not updated")
	} else {
		d.Title = p.Sprintf("%d errors: the site is not updated", len(s.errs))
	}
	for _, e := range s.errs {
		d.Errors = append(d.Errors, e.Text(p))
	}
	var b bytes.Buffer
	if err := overlayPage.Execute(&b, d); err != nil {
		return response{status: http.StatusInternalServerError, ctype: "text/plain; charset=utf-8", data: []byte(err.Error())}
	}
	return response{status: http.StatusInternalServerError, ctype: "text/html; charset=utf-8", data: inject(b.Bytes(), s.version)}
}

// Version is the number of updates that changed what is served, for tests.
func (s *Server) Version() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}

// Language is the site's language, for messages.
func (s *Server) Language() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lang
}
