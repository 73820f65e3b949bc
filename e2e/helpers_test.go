//go:build linux

package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"gongkai/internal/build"
)

const chromium = "/usr/bin/chromium"

// inCI reports whether missing tools must fail the tests instead of
// skipping them.
func inCI() bool {
	switch strings.ToLower(os.Getenv("CI")) {
	case "true", "1", "yes":
		return true
	}
	return false
}

// require skips the test when ok is false, or fails it under CI.
func require(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if ok {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if inCI() {
		t.Fatalf("%s (CI=true: not skipping; .ci/run installs it)", msg)
	}
	t.Skipf("%s; skipping (run .ci/run, or install it, to run this test)", msg)
}

// server is the built example site behind nginx.
type server struct {
	out     string // the folder served
	base    *url.URL
	local   *url.URL // http://127.0.0.1:PORT/kjj/
	prefix  string   // "/kjj/"
	client  *http.Client
	nginxLg string // nginx error log, for failure messages
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "site.toml")); err != nil {
		t.Fatalf("repository root %s has no content/site.toml: %v", root, err)
	}
	return root
}

var baseURLRE = regexp.MustCompile(`(?m)^\s*base_url\s*=\s*"([^"]+)"`)

// startSite builds the example site and serves it with nginx until the
// test ends.
func startSite(t *testing.T) *server {
	t.Helper()
	return buildAndServe(t, repoRoot(t))
}

// buildAndServe builds the site in root and serves it with nginx under its
// base_url's path until the test ends.
func buildAndServe(t *testing.T, root string) *server {
	t.Helper()
	cfg, err := os.ReadFile(filepath.Join(root, "content", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := baseURLRE.FindSubmatch(cfg)
	if m == nil {
		t.Fatal("content/site.toml: no base_url")
	}
	out := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	res, err := build.Build(build.Options{Site: os.DirFS(root), Dir: root, Out: out})
	if err != nil {
		t.Fatalf("building %s: %v", root, err)
	}
	t.Logf("built %d pages (%d files) in %v", res.Pages, res.Files, time.Since(start).Round(time.Millisecond))
	return serve(t, out, string(m[1]))
}

func findNginx() (string, bool) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, true
	}
	if fileExists("/usr/sbin/nginx") {
		return "/usr/sbin/nginx", true
	}
	return "", false
}

// serve starts nginx on a free 127.0.0.1 port serving the folder out
// under baseURL's path, with out/404.html as the error page, until the
// test ends.
func serve(t *testing.T, out, baseURL string) *server {
	t.Helper()
	return serveWith(t, out, baseURL, "")
}

// serveWith is serve with more nginx directives for the site's location.
func serveWith(t *testing.T, out, baseURL, directives string) *server {
	t.Helper()
	nginx, ok := findNginx()
	require(t, ok, "nginx not found")
	s := &server{out: out}
	var err error
	s.base, err = url.Parse(baseURL)
	if err != nil {
		t.Fatalf("base_url: %v", err)
	}
	s.prefix = s.base.Path
	if !strings.HasSuffix(s.prefix, "/") {
		s.prefix += "/"
	}
	if s.prefix == "/" {
		t.Fatalf("base_url %s has no path; these tests serve the site under one", s.base)
	}

	addr := freeAddr(t)
	ng := filepath.Join(t.TempDir(), "nginx")
	conf := fmt.Sprintf(`	charset utf-8;
	charset_types text/css text/csv application/json application/javascript text/plain application/xml;
	access_log %[1]s/logs/access.log;
	server {
		listen %[2]s;
		server_name localhost;
		location %[3]s {
			alias %[4]s/;
			error_page 404 %[3]s404.html;
			%[5]s
		}
		location / {
			return 404;
		}
	}
`, ng, addr, s.prefix, s.out, directives)
	s.nginxLg = filepath.Join(ng, "logs", "error.log")
	exited, stderr, full := startNginx(t, nginx, ng, conf)
	s.local = &url.URL{Scheme: "http", Host: addr, Path: s.prefix}
	s.client = &http.Client{
		Timeout: 5 * time.Second,
		// A redirect is not a 200: report it, don't follow it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{Proxy: nil, DisableCompression: true},
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(s.nginxLg)
			t.Fatalf("nginx exited: %v\n%s%s\nconfig:\n%s", err, stderr.String(), log, full)
		default:
		}
		resp, err := s.client.Get(s.local.String())
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer on %s within 5s: %v\n%s", addr, err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

// freeAddr returns a free loopback address: taken, then let go for nginx.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startNginx runs nginx with its prefix in ng and an nginx.conf made of
// what any server's own setup has (types — Debian's mime.types lacks csv
// —, logs, temporary paths) around httpBody, the test's part of the http
// block. It stops nginx when the test ends, and returns a channel that
// tells if it exits before, what it printed, and the whole configuration.
func startNginx(t *testing.T, nginx, ng, httpBody string) (exited chan error, stderr *bytes.Buffer, conf string) {
	t.Helper()
	for _, d := range []string{"logs", "temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi"} {
		if err := os.MkdirAll(filepath.Join(ng, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	user := ""
	if os.Geteuid() == 0 {
		// Workers would otherwise run as nobody, who cannot read the
		// 0700 temporary folder.
		user = "user root;\n"
	}
	conf = fmt.Sprintf(`%sdaemon off;
worker_processes 2;
pid %[2]s/nginx.pid;
error_log %[2]s/logs/error.log warn;
events { worker_connections 256; }
http {
	types {
		text/html html; text/css css; text/csv csv; application/json json;
		application/javascript js; image/svg+xml svg; image/png png;
		image/jpeg jpg jpeg; image/gif gif; image/webp webp; image/x-icon ico;
		application/pdf pdf; text/plain txt; application/xml xml;
	}
	default_type application/octet-stream;
	client_body_temp_path %[2]s/temp/body;
	proxy_temp_path %[2]s/temp/proxy;
	fastcgi_temp_path %[2]s/temp/fastcgi;
	uwsgi_temp_path %[2]s/temp/uwsgi;
	scgi_temp_path %[2]s/temp/scgi;
	absolute_redirect off;
%[3]s}
`, user, ng, httpBody)
	confPath := filepath.Join(ng, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr = &bytes.Buffer{}
	cmd := exec.Command(nginx, "-p", ng, "-c", confPath, "-e", filepath.Join(ng, "logs", "error.log"))
	cmd.Stdout, cmd.Stderr = stderr, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so cleanup ends the workers too
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	exited = make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGQUIT)
		select {
		case <-exited:
		case <-time.After(3 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			select {
			case <-exited:
			case <-time.After(3 * time.Second):
				t.Logf("nginx (pid %d) did not exit", cmd.Process.Pid)
			}
		}
	})
	return exited, stderr, conf
}

// fetched is one URL as the crawler got it.
type fetched struct {
	url     string
	status  int
	ctype   string
	body    []byte
	err     error
	from    []string // pages linking here
	html    bool
	anchors map[string]bool // id and name values, for #fragment links
}

type link struct {
	page, target, fragment, raw string
}

var (
	tagRE  = regexp.MustCompile(`(?is)<(a|link|img|script|source|iframe|area)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(?is)\b(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	idRE   = regexp.MustCompile(`(?is)<[a-z][a-z0-9]*\b[^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]+))\s*\)`)
)

// refs lists the raw URLs an HTML page or stylesheet refers to.
func refs(body []byte, isHTML bool) []string {
	var out []string
	if !isHTML {
		for _, m := range cssURL.FindAllSubmatch(body, -1) {
			out = append(out, string(m[1])+string(m[2])+string(m[3]))
		}
		return out
	}
	body = regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAll(body, nil)
	for _, tm := range tagRE.FindAllSubmatch(body, -1) {
		for _, am := range attrRE.FindAllSubmatch(tm[2], -1) {
			v := html.UnescapeString(string(am[2]) + string(am[3]) + string(am[4]))
			if strings.EqualFold(string(am[1]), "srcset") {
				for _, c := range strings.Split(v, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						out = append(out, f[0])
					}
				}
				continue
			}
			out = append(out, v)
		}
	}
	// Inline style attributes and <style> blocks.
	for _, m := range cssURL.FindAllSubmatch(body, -1) {
		out = append(out, html.UnescapeString(string(m[1])+string(m[2])+string(m[3])))
	}
	return out
}

// resolve turns a raw reference on page into a URL on the local server,
// or "" when it points off the site. Links to the public base_url (the
// canonical links) are mapped onto the local server.
func (s *server) resolve(page *url.URL, raw string) (target, fragment string, ok bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", "", false
	}
	u, err := page.Parse(raw)
	if err != nil {
		return "", "", false
	}
	switch {
	case u.Scheme == "http" && u.Host == s.local.Host:
	case (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, s.base.Host):
		u.Scheme, u.Host = s.local.Scheme, s.local.Host
	default:
		return "", "", false // mailto:, data:, other sites
	}
	fragment = u.Fragment
	u.Fragment, u.RawFragment = "", ""
	return u.String(), fragment, true
}

// site is what a crawl found.
type site struct {
	pages map[string]*fetched // by URL
	links []link
	html  []string // URLs of the HTML pages, sorted
}

// get fetches u: its status, content type and body (at most 32 MiB).
func (s *server) get(u string) (status int, ctype string, body []byte, err error) {
	resp, err := s.client.Get(u)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	return resp.StatusCode, resp.Header.Get("Content-Type"), body, err
}

// crawl fetches every same-site URL reachable from the site's home page.
func (s *server) crawl(t *testing.T) *site {
	t.Helper()
	pages := map[string]*fetched{}
	var links []link
	queue := []string{s.local.String()}
	pages[queue[0]] = &fetched{url: queue[0], from: []string{"(start)"}}
	deadline := time.Now().Add(20 * time.Second)
	for len(queue) > 0 {
		if time.Now().After(deadline) || len(pages) > 2000 {
			t.Fatalf("crawl did not finish: %d URLs seen, %d to go", len(pages), len(queue))
		}
		cur := queue[0]
		queue = queue[1:]
		f := pages[cur]
		f.status, f.ctype, f.body, f.err = s.get(cur)
		if f.err != nil || f.status != http.StatusOK {
			continue
		}
		mt := strings.ToLower(strings.TrimSpace(strings.Split(f.ctype, ";")[0]))
		f.html = mt == "text/html"
		if !f.html && mt != "text/css" {
			continue
		}
		if f.html {
			f.anchors = map[string]bool{}
			for _, m := range idRE.FindAllSubmatch(f.body, -1) {
				f.anchors[html.UnescapeString(string(m[1])+string(m[2])+string(m[3]))] = true
			}
		}
		pu, _ := url.Parse(cur)
		for _, raw := range refs(f.body, f.html) {
			target, frag, ok := s.resolve(pu, raw)
			if !ok {
				continue
			}
			links = append(links, link{page: cur, target: target, fragment: frag, raw: raw})
			if g, seen := pages[target]; seen {
				if !slices.Contains(g.from, cur) {
					g.from = append(g.from, cur)
				}
				continue
			}
			pages[target] = &fetched{url: target, from: []string{cur}}
			queue = append(queue, target)
		}
	}
	c := &site{pages: pages, links: links}
	for _, u := range sortedKeys(pages) {
		if pages[u].html {
			c.html = append(c.html, u)
		}
	}
	return c
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var (
	langRE     = regexp.MustCompile(`(?is)<html\b[^>]*\blang\s*=\s*["']?([^"'\s>]+)`)
	titleRE    = regexp.MustCompile(`(?is)<title\b[^>]*>(.*?)</title>`)
	h1RE       = regexp.MustCompile(`(?i)<h1[\s>]`)
	metaRE     = regexp.MustCompile(`(?is)<meta\b[^>]*>`)
	viewportRE = regexp.MustCompile(`(?i)\bname\s*=\s*["']?viewport\b`)
	vpWidthRE  = regexp.MustCompile(`(?i)\bcontent\s*=\s*["'][^"']*width\s*=\s*device-width`)
)

// checkPage reports what a served HTML page lacks.
func checkPage(body []byte) []string {
	var bad []string
	if !utf8.Valid(body) {
		bad = append(bad, "not valid UTF-8")
	}
	if m := langRE.FindSubmatch(body); m == nil || len(bytes.TrimSpace(m[1])) == 0 {
		bad = append(bad, "no <html lang>")
	}
	if m := titleRE.FindSubmatch(body); m == nil || strings.TrimSpace(html.UnescapeString(string(m[1]))) == "" {
		bad = append(bad, "no <title> (or an empty one)")
	}
	if n := len(h1RE.FindAll(body, -1)); n != 1 {
		bad = append(bad, fmt.Sprintf("%d <h1> elements, want exactly 1", n))
	}
	vp := false
	for _, m := range metaRE.FindAll(body, -1) {
		if viewportRE.Match(m) && vpWidthRE.Match(m) {
			vp = true
		}
	}
	if !vp {
		bad = append(bad, `no <meta name="viewport" content="width=device-width…">`)
	}
	return bad
}

// Each check below returns the problems it found, one line each, so that
// TestSite reports them and TestChecksCatchDefects can prove they bite.

// linkProblems: every same-site URL answers 200 (no 404s, no redirects),
// and every #fragment names an element on its page.
func (s *server) linkProblems(c *site) []string {
	var bad []string
	for _, u := range sortedKeys(c.pages) {
		f := c.pages[u]
		switch {
		case f.err != nil:
			bad = append(bad, fmt.Sprintf("broken link %s: %v\n\tlinked from %s", u, f.err, strings.Join(f.from, ", ")))
		case f.status != http.StatusOK:
			hint := ""
			if p, _ := url.Parse(u); p != nil && !strings.HasPrefix(p.Path, s.prefix) {
				hint = fmt.Sprintf(" (outside the base path %s: a link that forgets it?)", s.prefix)
			}
			bad = append(bad, fmt.Sprintf("broken link %s: HTTP %d%s\n\tlinked from %s", u, f.status, hint, strings.Join(f.from, ", ")))
		}
	}
	seen := map[string]bool{}
	for _, l := range c.links {
		f := c.pages[l.target]
		if l.fragment == "" || f == nil || !f.html || f.anchors[l.fragment] || seen[l.page+" "+l.raw] {
			continue
		}
		seen[l.page+" "+l.raw] = true
		bad = append(bad, fmt.Sprintf("%s: link %q: no element with id %q on %s", l.page, l.raw, l.fragment, l.target))
	}
	return bad
}

// orphans lists the HTML pages in the output that no link reaches.
func (s *server) orphans(c *site) []string {
	var out []string
	_ = filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || filepath.Base(p) == "404.html" {
			return err
		}
		rel, _ := filepath.Rel(s.out, filepath.Dir(p))
		u := s.local.String()
		if rel != "." {
			u = s.local.JoinPath(filepath.ToSlash(rel)).String() + "/"
		}
		if filepath.Base(p) != "index.html" {
			u = s.local.JoinPath(filepath.ToSlash(rel), filepath.Base(p)).String()
		}
		if c.pages[u] == nil {
			out = append(out, u)
		}
		return nil
	})
	return out
}

// pageProblems: every HTML page is UTF-8 with <html lang>, a <title>,
// exactly one <h1> and a viewport meta.
func (c *site) pageProblems() []string {
	var bad []string
	if len(c.html) < 2 {
		bad = append(bad, fmt.Sprintf("only %d HTML pages found by crawling", len(c.html)))
	}
	for _, u := range c.html {
		for _, p := range checkPage(c.pages[u].body) {
			bad = append(bad, u+": "+p)
		}
	}
	return bad
}

// notFoundProblems: a missing URL, at any depth, answers 404 with the
// site's own 404 page, and that page's links work from there.
func (s *server) notFoundProblems() []string {
	var bad []string
	want, err := os.ReadFile(filepath.Join(s.out, "404.html"))
	if err != nil {
		return []string{fmt.Sprintf("the output has no 404.html: %v", err)}
	}
	for _, p := range []string{"nonexistent", "reports/nonexistent/", "no/such/file.csv"} {
		u := s.local.JoinPath(p).String()
		status, _, body, err := s.get(u)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", u, err))
			continue
		}
		if status != http.StatusNotFound {
			bad = append(bad, fmt.Sprintf("%s: HTTP %d, want 404", u, status))
		}
		if !bytes.Equal(body, want) {
			bad = append(bad, fmt.Sprintf("%s: the 404 response is not the site's 404.html (got %d bytes: %.200q)", u, len(body), body))
			continue
		}
		for _, p := range checkPage(body) {
			bad = append(bad, fmt.Sprintf("%s (404 page): %s", u, p))
		}
		// Served at any depth, its links must not be relative to it.
		pu, _ := url.Parse(u)
		for _, raw := range refs(body, true) {
			target, _, ok := s.resolve(pu, raw)
			if !ok || strings.HasPrefix(raw, "#") {
				continue
			}
			r, err := s.client.Get(target)
			if err != nil {
				bad = append(bad, fmt.Sprintf("%s: 404 page link %q: %v", u, raw, err))
				continue
			}
			r.Body.Close()
			if r.StatusCode != http.StatusOK {
				bad = append(bad, fmt.Sprintf("%s: 404 page link %q → %s: HTTP %d", u, raw, target, r.StatusCode))
			}
		}
	}
	return bad
}

// csvProblems: every CSV file, linked or only in the output, is served
// and starts with the UTF-8 BOM (so Excel on a Chinese Windows reads it).
func (s *server) csvProblems(c *site) []string {
	csvs := map[string]bool{}
	for _, u := range sortedKeys(c.pages) {
		if strings.HasSuffix(strings.ToLower(u), ".csv") {
			csvs[u] = true
		}
	}
	_ = filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".csv") {
			rel, _ := filepath.Rel(s.out, p)
			csvs[s.local.JoinPath(filepath.ToSlash(rel)).String()] = true
		}
		return err
	})
	if len(csvs) == 0 {
		return []string{"the site has no CSV files"}
	}
	var bad []string
	for _, u := range sortedKeys(csvs) {
		// Linked CSVs were fetched by the crawl; only the others are fetched here.
		var status int
		var body []byte
		var err error
		if f := c.pages[u]; f != nil {
			status, body, err = f.status, f.body, f.err
		} else {
			status, _, body, err = s.get(u)
		}
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", u, err))
			continue
		}
		if status != http.StatusOK {
			bad = append(bad, fmt.Sprintf("%s: HTTP %d, want 200", u, status))
			continue
		}
		if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
			bad = append(bad, fmt.Sprintf("%s: does not start with the UTF-8 BOM: %.20q", u, body))
		}
		if !utf8.Valid(body) {
			bad = append(bad, fmt.Sprintf("%s: not valid UTF-8", u))
		}
	}
	return bad
}

var assetRE = regexp.MustCompile(`(?is)<(?:link\b[^>]*\brel\s*=\s*["']?stylesheet[^>]*\bhref|script\b[^>]*\bsrc)\s*=\s*["']([^"']+)["']`)

// maxWeight bounds what a page costs to load: its HTML and the style
// sheets and scripts it loads, each gzipped as a server would send them.
const maxWeight = 30 << 10

// weight returns a page's gzipped HTML, CSS and JS in bytes.
func (s *server) weight(c *site, u string) (html, css, js int, problems []string) {
	f := c.pages[u]
	html = gzipSize(f.body)
	pu, _ := url.Parse(u)
	for _, m := range assetRE.FindAllSubmatch(f.body, -1) {
		target, _, ok := s.resolve(pu, string(m[1]))
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: loads %s from another site", u, m[1]))
			continue
		}
		a := c.pages[target]
		if a == nil || a.status != http.StatusOK {
			continue // linkProblems reports it
		}
		if strings.HasSuffix(target, ".js") {
			js += gzipSize(a.body)
		} else {
			css += gzipSize(a.body)
		}
	}
	if sum := html + css + js; sum > maxWeight {
		problems = append(problems, fmt.Sprintf("%s: HTML %d + CSS %d + JS %d = %d bytes gzipped, over %d", u, html, css, js, sum, maxWeight))
	}
	return html, css, js, problems
}

// weightProblems: no page loads style or script from another site, and
// none weighs more than maxWeight gzipped.
func (s *server) weightProblems(t *testing.T, c *site) []string {
	var bad []string
	for _, u := range c.html {
		html, css, js, p := s.weight(c, u)
		bad = append(bad, p...)
		if testing.Verbose() {
			t.Logf("%s: HTML %d + CSS %d + JS %d = %d bytes gzipped", u, html, css, js, html+css+js)
		}
	}
	return bad
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// requireBrowser skips (or, under CI, fails) when Chromium, node or the
// e2e/ node packages are missing; it returns node's path.
func requireBrowser(t *testing.T) string {
	t.Helper()
	require(t, fileExists(chromium), "Chromium not found at %s (Debian package chromium)", chromium)
	node, err := exec.LookPath("node")
	require(t, err == nil, "node not found")
	require(t, fileExists(filepath.Join("node_modules", "axe-core", "axe.min.js")) &&
		fileExists(filepath.Join("node_modules", "playwright-core", "package.json")),
		"e2e/node_modules is missing axe-core or playwright-core (run `npm ci` in e2e/)")
	return node
}

// browserProblems runs axe.mjs on the site's HTML pages and its 404 page
// in headless Chromium, in each of its modes (1280 px, 360 px, and both in
// 长者模式, and 长者模式 at 200% zoom): every WCAG 2.0/2.1 A and AA
// violation, every page that scrolls sideways, every chart whose bars are
// not on one scale from zero or mix units, every table that does not fit
// at 1280 px or hides that it scrolls, and the 长者模式 switch used from the
// keyboard.
func (s *server) browserProblems(t *testing.T, c *site) []string {
	t.Helper()
	node := requireBrowser(t)
	if len(c.html) == 0 {
		return []string{"no HTML pages to check"}
	}
	notFound := s.local.JoinPath("nonexistent").String()
	urls := append(slices.Clone(c.html), notFound)

	ctx, cancel := context.WithTimeout(context.Background(), 170*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "axe.mjs")
	cmd.Args = append(cmd.Args, urls...)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("axe.mjs did not finish within 170s\nstderr:\n%s", stderr.String())
	}
	if err != nil {
		t.Fatalf("node axe.mjs: %v\nstderr:\n%s", err, stderr.String())
	}
	var results []struct {
		URL    string
		Status int
		Error  string
		Modes  []struct {
			Mode       string
			Violations []struct {
				ID, Impact, Help string
				Nodes            []struct {
					Target  []any
					HTML    string
					Summary string
				}
			}
			Width, ScrollWidth int
			Wide               []string
			Problems           []string
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("axe.mjs printed no JSON: %v\nstdout:\n%.2000s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	if len(results) != len(urls)+1 {
		t.Fatalf("axe.mjs checked %d pages and the switch, want %d", len(results), len(urls)+1)
	}
	t.Logf("axe-core, layout, charts, tables and 长者模式 checked on %d pages in %v", len(urls), time.Since(start).Round(time.Millisecond))
	var bad []string
	for _, r := range results {
		if r.Error != "" {
			bad = append(bad, fmt.Sprintf("%s: browser: %s", r.URL, r.Error))
			continue
		}
		if want := map[bool]int{true: 404, false: 200}[r.URL == notFound]; r.Status != want {
			bad = append(bad, fmt.Sprintf("%s: browser got HTTP %d, want %d", r.URL, r.Status, want))
		}
		for _, m := range r.Modes {
			for _, v := range m.Violations {
				for _, n := range v.Nodes {
					bad = append(bad, fmt.Sprintf("axe %s [%s] %s\n\tpage:   %s (%s)\n\ttarget: %s\n\thtml:   %.300s\n\t%s",
						v.ID, v.Impact, v.Help, r.URL, m.Mode, targetString(n.Target), n.HTML,
						strings.ReplaceAll(n.Summary, "\n", "\n\t")))
				}
			}
			if m.ScrollWidth > m.Width+1 {
				bad = append(bad, fmt.Sprintf("%s (%s): scrolls sideways (scrollWidth %d in a %dpx-wide viewport); too wide: %s",
					r.URL, m.Mode, m.ScrollWidth, m.Width, strings.Join(m.Wide, ", ")))
			}
			for _, p := range m.Problems {
				bad = append(bad, fmt.Sprintf("%s (%s): %s", r.URL, m.Mode, p))
			}
		}
	}
	return bad
}

func targetString(target []any) string {
	parts := make([]string, len(target))
	for i, x := range target {
		switch x := x.(type) {
		case string:
			parts[i] = x
		default:
			b, _ := json.Marshal(x)
			parts[i] = string(b)
		}
	}
	return strings.Join(parts, " ")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// commitAll commits everything in the git repository at root (made when
// missing) at date, so that pages get dates from git.
func commitAll(t *testing.T, root, date, msg string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		require(t, false, "git not found")
	}
	env := append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	for _, args := range [][]string{
		{"init", "-q"}, {"config", "user.name", "编辑"}, {"config", "user.email", "editor@example.gov.cn"},
		{"add", "-A"}, {"commit", "-q", "-m", msg},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = root, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// writer returns a function that writes a file of a test's site under
// root, making its folders.
func writer(t *testing.T, root string) func(name, data string) {
	return func(name, data string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
