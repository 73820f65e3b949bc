//go:build linux

package e2e

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/publish"
)

// The tests of gongkai publish (issue 12) against a real nginx, run with
// the configuration the README gives: a site published into a web root,
// served from WEBROOT/current under /kjj/, found whole by crawling from
// its links; and releases switched and rolled back under load without a
// failed request or a page served with another release's stylesheet.

// readmeNginx returns the server configuration of the README's
// Publishing section: its ```nginx block.
func readmeNginx(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindSubmatch(data)
	if m == nil {
		t.Fatal("README.md has no ```nginx block")
	}
	return string(m[1])
}

// publishSite publishes the site in dir into root, failing the test on
// any error.
func publishSite(t *testing.T, dir, root string) publish.Report {
	t.Helper()
	// With the site's build cache, as gongkai publish has it.
	rep, err := publish.Publish(publish.Options{Build: build.Options{Site: os.DirFS(dir), Cache: filepath.Join(dir, build.CacheDir)}, WebRoot: root})
	if err != nil {
		t.Fatalf("publish %s: %v", dir, err)
	}
	return rep
}

// servePublished starts nginx with the README's configuration, its web
// root /srv/www/kjj replaced by root and its port by a free one on
// 127.0.0.1, until the test ends.
func servePublished(t *testing.T, root string) *server {
	t.Helper()
	nginx, ok := findNginx()
	require(t, ok, "nginx not found")
	conf := readmeNginx(t)
	addr := freeAddr(t)
	for from, to := range map[string]string{"listen 80;": "listen " + addr + ";", "/srv/www/kjj": root} {
		if !strings.Contains(conf, from) {
			t.Fatalf("the README's nginx configuration has no %q", from)
		}
		conf = strings.ReplaceAll(conf, from, to)
	}
	ng := filepath.Join(t.TempDir(), "nginx")
	exited, stderr, full := startNginx(t, nginx, ng, "	access_log off;\n"+conf+"\n")
	s := &server{out: filepath.Join(root, "current"), prefix: "/kjj/", nginxLg: filepath.Join(ng, "logs", "error.log")}
	s.base, _ = url.Parse("https://www.example.gov.cn/kjj/")
	s.local = &url.URL{Scheme: "http", Host: addr, Path: s.prefix}
	s.client = &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{Proxy: nil, DisableCompression: true, MaxIdleConnsPerHost: 16},
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("nginx exited: %v\n%s\nconfig:\n%s", err, stderr.String(), full)
		default:
		}
		if resp, err := s.client.Get(s.local.String()); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer on %s within 5s\n%s", addr, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

var (
	locRE     = regexp.MustCompile(`<loc>([^<]+)</loc>`)
	xmlHrefRE = regexp.MustCompile(`<link [^>]*href="([^"]+)"`)
	sitemapRE = regexp.MustCompile(`(?m)^Sitemap: (\S+)$`)
)

// crawlAll fetches every same-site URL reachable from the home page and
// robots.txt — through pages, stylesheets, robots.txt, the sitemap and
// the feeds — eight requests at a time.
func (s *server) crawlAll(t *testing.T) *site {
	t.Helper()
	pages := map[string]*fetched{}
	var links []link
	frontier := []string{s.local.String(), s.local.JoinPath("robots.txt").String()}
	for _, u := range frontier {
		pages[u] = &fetched{url: u, from: []string{"(start)"}}
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(frontier) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("crawl did not finish in 30s: %d URLs seen", len(pages))
		}
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for _, u := range frontier {
			f := pages[u]
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				f.status, f.ctype, f.body, f.err = s.get(f.url)
			}()
		}
		wg.Wait()
		var next []string
		for _, u := range frontier {
			f := pages[u]
			if f.err != nil || f.status != http.StatusOK {
				continue
			}
			mt := strings.ToLower(strings.TrimSpace(strings.Split(f.ctype, ";")[0]))
			f.html = mt == "text/html"
			var raws []string
			switch {
			case f.html || mt == "text/css":
				raws = refs(f.body, f.html)
				if f.html {
					f.anchors = map[string]bool{}
					for _, m := range idRE.FindAllSubmatch(f.body, -1) {
						f.anchors[string(m[1])+string(m[2])+string(m[3])] = true
					}
				}
			case strings.HasSuffix(u, ".xml"):
				for _, re := range []*regexp.Regexp{locRE, xmlHrefRE} {
					for _, m := range re.FindAllSubmatch(f.body, -1) {
						raws = append(raws, strings.ReplaceAll(string(m[1]), "&amp;", "&"))
					}
				}
			case strings.HasSuffix(u, "robots.txt"):
				for _, m := range sitemapRE.FindAllSubmatch(f.body, -1) {
					raws = append(raws, string(m[1]))
				}
			}
			pu, _ := url.Parse(u)
			for _, raw := range raws {
				target, frag, ok := s.resolve(pu, raw)
				if !ok {
					continue
				}
				links = append(links, link{page: u, target: target, fragment: frag, raw: raw})
				if g, seen := pages[target]; seen {
					if len(g.from) < 3 && !slices.Contains(g.from, u) {
						g.from = append(g.from, u)
					}
					continue
				}
				pages[target] = &fetched{url: target, from: []string{u}}
				next = append(next, target)
			}
		}
		frontier = next
	}
	c := &site{pages: pages, links: links}
	for _, u := range sortedKeys(pages) {
		if pages[u].html {
			c.html = append(c.html, u)
		}
	}
	return c
}

var refreshRE = regexp.MustCompile(`http-equiv="refresh" content="0; url=([^"]+)"`)

// servedProblems checks a published site as served: every URL the crawl
// reached answers 200, 404.html answers missing URLs, every CSV has its
// BOM, every file of the release was reached (but .gz files, the theme's
// unfingerprinted copies and publish's records), every alias redirects
// to a page that answers 200, and publish's records are not served. It
// returns the problems and counts of what was found, by kind.
func (s *server) servedProblems(t *testing.T, c *site) ([]string, map[string]int) {
	t.Helper()
	bad := append(s.linkProblems(c), s.notFoundProblems()...)
	bad = append(bad, s.csvProblems(c)...)
	found := map[string]int{}
	root, err := filepath.EvalSymlinks(s.out)
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && rel == ".gongkai":
			return fs.SkipDir
		case d.IsDir() || strings.HasSuffix(rel, ".gz") || rel == "404.html":
			return nil
		}
		u := s.local.JoinPath(rel).String()
		if strings.HasSuffix(rel, "index.html") {
			u = s.local.JoinPath(strings.TrimSuffix(rel, "index.html")).String()
			if !strings.HasSuffix(u, "/") {
				u += "/"
			}
		}
		data, _ := os.ReadFile(p)
		if m := refreshRE.FindSubmatch(data); m != nil {
			found["redirect"]++
			status, _, body, err := s.get(u)
			target := s.local.ResolveReference(&url.URL{Path: string(m[1])}).String()
			switch f := c.pages[target]; {
			case err != nil || status != 200 || !bytes.Equal(body, data):
				bad = append(bad, fmt.Sprintf("alias %s: HTTP %d %v", u, status, err))
			case f == nil || f.status != 200:
				bad = append(bad, fmt.Sprintf("alias %s redirects to %s, which the crawl did not find answering 200", u, target))
			}
			return nil
		}
		f := c.pages[u]
		switch {
		case f == nil && strings.HasPrefix(rel, "css/") || strings.HasPrefix(rel, "js/"):
			return nil // the unfingerprinted copy, linked by no page
		case f == nil && strings.HasPrefix(rel, "search/"):
			// The search index: fetched by the search page's script, not
			// linked; it must be served as it is.
			found["search index"]++
			if status, _, body, err := s.get(u); err != nil || status != 200 || !bytes.Equal(body, data) {
				bad = append(bad, fmt.Sprintf("search index file %s: HTTP %d %v", u, status, err))
			}
			return nil
		case f == nil:
			bad = append(bad, fmt.Sprintf("%s is in the release, but no link leads to it", u))
			return nil
		case f.status != 200:
			return nil // linkProblems said so
		}
		kind := "asset"
		switch ext := filepath.Ext(rel); {
		case rel == "index.html" || strings.HasSuffix(rel, "/index.html"):
			kind = "page"
		case ext == ".csv":
			kind = "CSV"
		case strings.HasSuffix(rel, "atom.xml"):
			kind = "feed"
		case ext == ".pdf":
			kind = "attachment"
		}
		found[kind]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{".gongkai/changes.json", ".gongkai/manifest.json.gz"} {
		if status, _, _, _ := s.get(s.local.JoinPath(p).String()); status != http.StatusNotFound {
			bad = append(bad, fmt.Sprintf("publish's record %s is served: HTTP %d", p, status))
		}
	}
	return bad, found
}

// TestPublishedExampleSite publishes the example site and crawls it as
// nginx serves it with the README's configuration.
func TestPublishedExampleSite(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	root := filepath.Join(t.TempDir(), "www")
	publishSite(t, repoRoot(t), root)
	s := servePublished(t, root)
	c := s.crawlAll(t)
	bad, found := s.servedProblems(t, c)
	report(t, bad)
	t.Logf("crawled %d URLs; found and served with 200: %v", len(c.pages), found)
	if found["page"] < 5 || found["feed"] < 2 || found["CSV"] < 1 {
		t.Errorf("found too little: %v", found)
	}
}

// TestPublishedLargeSite does the same for a generated site of 2,000
// pages with attachments, aliases, datasets and gzip = true, and checks
// the headers nginx gives: the precompressed file, cache lifetimes.
func TestPublishedLargeSite(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	dir := t.TempDir()
	siteDir, root := filepath.Join(dir, "site"), filepath.Join(dir, "www")
	writeLargeSite(t, siteDir, 2000, "版本一", "")
	start := time.Now()
	rep := publishSite(t, siteDir, root)
	t.Logf("published %d pages (%d files) in %v", rep.Build.Pages, rep.Build.Files, time.Since(start).Round(time.Millisecond))
	s := servePublished(t, root)
	start = time.Now()
	c := s.crawlAll(t)
	bad, found := s.servedProblems(t, c)
	report(t, bad)
	t.Logf("crawled %d URLs in %v; found and served with 200: %v", len(c.pages), time.Since(start).Round(time.Millisecond), found)
	if found["page"] < 2000 || found["attachment"] < 100 || found["redirect"] < 100 || found["feed"] < 6 || found["CSV"] < 5 {
		t.Errorf("found too little: %v", found)
	}

	// gzip_static: a client that takes gzip gets the .gz, byte for byte.
	page := s.local.JoinPath("notices/p000001/").String()
	req, _ := http.NewRequest("GET", page, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	gz, _ := os.ReadFile(filepath.Join(root, "current/notices/p000001/index.html.gz"))
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, gz) {
		t.Errorf("%s with Accept-Encoding: gzip: Content-Encoding %q, %d bytes; want the .gz file's %d", page, resp.Header.Get("Content-Encoding"), len(body), len(gz))
	}
	if zr, err := gzip.NewReader(bytes.NewReader(body)); err == nil {
		plain, _ := io.ReadAll(zr)
		if !bytes.Equal(plain, c.pages[page].body) {
			t.Errorf("%s: the .gz served does not hold the page", page)
		}
	}
	// Cache-Control: pages revalidate, fingerprinted CSS never changes.
	cache := func(u string) string {
		resp, err := s.client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Cache-Control")
	}
	css := fingerprintRE.FindString(string(c.pages[page].body))
	for u, want := range map[string]string{page: "no-cache", s.local.ResolveReference(&url.URL{Path: css}).String(): "immutable", s.local.JoinPath("data/ds000.csv").String(): "max-age=3600"} {
		if have := cache(u); !strings.Contains(have, want) {
			t.Errorf("%s: Cache-Control %q, want %s", u, have, want)
		}
	}
}

var fingerprintRE = regexp.MustCompile(`[\w/]+\.([0-9a-f]{10})\.(?:css|js)`)

// writeLargeSite writes a site of n pages in five columns, as
// internal/build's benchSite: datasets, figures blocks, a bundle with a
// PDF and an alias every tenth page; version is in every page's text,
// css, when set, is the theme's stylesheet.
func writeLargeSite(t *testing.T, dir string, n int, version, css string) {
	t.Helper()
	write := writer(t, dir)
	write("content/site.toml", "title = \"示例县科学技术局\"\nbase_url = \"https://www.example.gov.cn/kjj/\"\ngzip = true\n[organization]\nname = \"示例县科学技术局\"\n")
	if css != "" {
		write("themes/default/static/css/site.css", css)
	}
	sections := []string{"reports", "notices", "policies", "annual", "news"}
	for _, s := range sections {
		write("content/"+s+"/_index.md", "+++\ntitle = \"栏目"+s+"\"\n+++\n栏目介绍。\n")
	}
	for d := 0; d < 5; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, "title = \"数据集%d\"\nsource = \"示例\"\n[[metric]]\nkey = \"m\"\nlabel = \"指标\"\nunit = \"项\"\n", d)
		for y := 2018; y <= 2024; y++ {
			fmt.Fprintf(&b, "[year.%d]\nm = %d\n", y, y*d%97)
		}
		write(fmt.Sprintf("content/data/ds%03d.toml", d), b.String())
	}
	for i := 0; i < n; i++ {
		sec := sections[i%5]
		var p strings.Builder
		fmt.Fprintf(&p, "+++\ntitle = \"关于科技项目的通知（第%d号）\"\ndate = %d-%02d-%02d\nindex_no = \"X-%06d\"\n", i, 2015+i%10, 1+i%12, 1+i%28, i)
		name := fmt.Sprintf("content/%s/p%06d.md", sec, i)
		if i%10 == 0 {
			name = fmt.Sprintf("content/%s/p%06d/index.md", sec, i)
			fmt.Fprintf(&p, "aliases = [\"/old/%d.html\"]\n[[attachment]]\nfile = \"doc.pdf\"\ntitle = \"附件\"\n", i)
			write(fmt.Sprintf("content/%s/p%06d/doc.pdf", sec, i), "%PDF-1.4 "+fmt.Sprint(i))
		}
		fmt.Fprintf(&p, "+++\n\n%s。科技创新项目管理。\n\n", version)
		if i%5 == 0 {
			fmt.Fprintf(&p, "```figures\ndataset = \"ds%03d\"\nyears = [2023, 2024]\n```\n\n", i%5)
		}
		fmt.Fprintf(&p, "相关文件：[下一篇](/%s/p%06d/)。\n", sections[(i+1)%5], (i+1)%n)
		write(name, p.String())
	}
}

// TestPublishZeroDowntime publishes a site 20 times and rolls back twice
// while four clients request pages and the stylesheets they link: no
// request may fail, and every page's stylesheet must be the one it was
// built with (its fingerprint is its content's hash), not another
// release's.
func TestPublishZeroDowntime(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	dir := t.TempDir()
	siteDir, root := filepath.Join(dir, "site"), filepath.Join(dir, "www")
	baseCSS, err := os.ReadFile(filepath.Join(repoRoot(t), "themes/default/static/css/site.css"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	release := func(i int) {
		writeLargeSite(t, siteDir, n, fmt.Sprintf("版本%d", i), fmt.Sprintf("%s\n/* release %d */\n", baseCSS, i))
	}
	release(0)
	publishSite(t, siteDir, root)
	s := servePublished(t, root)
	var paths []string
	for i := 0; i < n; i += 7 {
		paths = append(paths, fmt.Sprintf("%s/p%06d/", []string{"reports", "notices", "policies", "annual", "news"}[i%5], i))
	}
	paths = append(paths, "", "notices/", "data/ds001/", "404-missing")

	var requests, failures atomic.Int64
	var mu sync.Mutex
	var problems []string
	fail := func(format string, args ...any) {
		failures.Add(1)
		mu.Lock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
		mu.Unlock()
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 1))
			for {
				select {
				case <-stop:
					return
				default:
				}
				p := paths[r.IntN(len(paths))]
				status, _, body, err := s.get(s.local.String() + p)
				requests.Add(1)
				want := 200
				if p == "404-missing" {
					want = 404
				}
				if err != nil || status != want || !bytes.HasSuffix(body, []byte("</html>\n")) {
					fail("/kjj/%s: HTTP %d, %v, %d bytes", p, status, err, len(body))
					continue
				}
				for _, m := range fingerprintRE.FindAllStringSubmatch(string(body), -1) {
					status, _, css, err := s.get(s.local.ResolveReference(&url.URL{Path: m[0]}).String())
					requests.Add(1)
					sum := sha256.Sum256(css)
					switch {
					case err != nil || status != 200:
						fail("%s, linked by /kjj/%s: HTTP %d, %v", m[0], p, status, err)
					case hex.EncodeToString(sum[:5]) != m[1]:
						fail("%s, linked by /kjj/%s, holds another stylesheet", m[0], p)
					}
				}
			}
		}(uint64(c))
	}
	start := time.Now()
	var published, rolledBack int
	for i := 1; i <= 20; i++ {
		release(i)
		if rep := publishSite(t, siteDir, root); rep.Installed {
			published++
		}
		if i == 8 || i == 15 {
			if _, _, err := publish.Rollback(root, ""); err != nil {
				t.Errorf("rollback: %v", err)
			} else {
				rolledBack++
			}
		}
		time.Sleep(50 * time.Millisecond) // let the clients see each release
	}
	close(stop)
	wg.Wait()
	t.Logf("%d publishes and %d rollbacks in %v; %d requests, %d failed", published, rolledBack, time.Since(start).Round(time.Millisecond), requests.Load(), failures.Load())
	for _, p := range problems {
		t.Error(p)
	}
	if published != 20 || rolledBack != 2 {
		t.Errorf("published %d times, rolled back %d; want 20 and 2", published, rolledBack)
	}
	if requests.Load() < 1000 {
		t.Errorf("only %d requests: the clients hardly ran", requests.Load())
	}
}
