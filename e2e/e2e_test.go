//go:build linux

// Package e2e tests the example site (content/ at the repository root) as
// a visitor gets it: built with internal/build, served by a real nginx
// under the base_url's path (/kjj/), crawled over HTTP, and checked in
// headless Chromium (e2e/axe.mjs): axe-core, the layout at 1280 and 360
// px and in 长者模式, the charts' scales, the tables' fit and scroll cue,
// the 长者模式 switch; the weight of every page; and the report's print
// layout with the README's pictures (e2e/shots.mjs).
//
// Needs nginx, Debian's Chromium (/usr/bin/chromium) and `npm ci` run in
// e2e/; .ci/run installs all three. When one is missing the tests that
// need it skip, except under CI=true, where they fail: CI must never pass
// without the real parts.
//
// All traffic goes to 127.0.0.1; the browser aborts any other request.
// The tests run on Linux only, where a publisher's web server runs.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

func report(t *testing.T, problems []string) {
	t.Helper()
	for _, p := range problems {
		t.Error(p)
	}
}

// TestSite builds the example site, serves it with nginx under /kjj/ and
// checks it from the outside.
func TestSite(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN") // set per run by .ci/run: keeps CI off go's test cache
	checkServed(t, startSite(t))
}

// TestAnnualReportSite does the same for a site of two statutory annual
// reports (the example site has none: its seed states no such figures),
// served below a path: the national tables with their multi-level
// headers must pass axe and scroll inside their box on a phone. The site
// is a git repository of two commits with history = "revisions", so that
// axe sees 更新日期 and 更新记录 too.
func TestAnnualReportSite(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	ar, err := txtar.ParseFile("../internal/build/testdata/reports.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "public/") {
			continue
		}
		data := f.Data
		if f.Name == "content/site.toml" {
			data = []byte(strings.Replace(string(data), `base_url = "http://localhost/"`, `base_url = "https://www.example.gov.cn/xxgk/"`, 1))
			data = append([]byte("history = \"revisions\"\n"), data...)
		}
		p := filepath.Join(root, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A column with a long name, as a portal's bodies have: the search
	// page's filter lists it, and must still fit a phone in 长者模式.
	for name, text := range map[string]string{
		"content/kjjxxgk/_index.md": "+++\ntitle = \"示例县科学技术局（第一分局）信息公开专栏\"\n+++\n",
		"content/kjjxxgk/a.md":      "+++\ntitle = \"关于科技项目验收的通知\"\ndate = 2022-01-10\n+++\n\n正文。\n",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commitAll(t, root, "2022-01-20T09:00:00+08:00", "发布年报")
	appendTo(t, filepath.Join(root, "content/annual/2021/index.md"), "\n（2022年3月补充说明。）\n")
	commitAll(t, root, "2022-03-01T09:00:00+08:00", "年报补充说明")
	checkServed(t, buildAndServe(t, root))
}

func checkServed(t *testing.T, s *server) {
	t.Helper()
	c := s.crawl(t)
	t.Logf("crawled %d URLs from %s (%d HTML pages, %d same-site references)", len(c.pages), s.local, len(c.html), len(c.links))

	t.Run("links", func(t *testing.T) {
		report(t, s.linkProblems(c))
		for _, u := range s.orphans(c) {
			t.Logf("note: %s is in the output but no page links to it", u)
		}
	})
	t.Run("pages", func(t *testing.T) { report(t, c.pageProblems()) })
	t.Run("notfound", func(t *testing.T) { report(t, s.notFoundProblems()) })
	t.Run("csv", func(t *testing.T) { report(t, s.csvProblems(c)) })
	t.Run("weight", func(t *testing.T) { report(t, s.weightProblems(t, c)) })
	t.Run("browser", func(t *testing.T) { report(t, s.browserProblems(t, c)) })
}

// TestReportPictures takes the pictures of the example report that the
// README shows (normal, 长者模式, 360 px, printed) and checks its print
// layout. GONGKAI_SHOTS=dir keeps them there; the README's come from
//
//	GONGKAI_SHOTS=$PWD/docs/screenshots go test ./e2e -run TestReportPictures  # from the repository root
func TestReportPictures(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	s := startSite(t)
	node := requireBrowser(t)
	dir := os.Getenv("GONGKAI_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	page := s.local.JoinPath("reports/2020-fazhi-zhengfu/").String()
	c := s.crawl(t)
	html, css, js, _ := s.weight(c, page)
	t.Logf("report page: HTML %d + CSS %d + JS %d = %d bytes gzipped (limit %d)", html, css, js, html+css+js, maxWeight)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "shots.mjs", dir, page)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node shots.mjs: %v\nstderr:\n%s", err, stderr.String())
	}
	var res struct {
		Files    []string
		PDFPages int
		Problems []string
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("shots.mjs printed no JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	report(t, res.Problems)
	if res.PDFPages < 2 {
		t.Errorf("the report printed to %d A4 pages, want several", res.PDFPages)
	}
	for _, f := range res.Files {
		info, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.HasSuffix(f, ".png") && info.Size() > 200<<10 {
			t.Errorf("%s: %d bytes, over the 200 KB a picture in the README may weigh", f, info.Size())
		}
		t.Logf("%s: %d bytes", f, info.Size())
	}
}

// TestChecksCatchDefects serves a small site with one known defect of
// each kind and makes sure every check reports it, so that TestSite
// passing means something.
func TestChecksCatchDefects(t *testing.T) {
	out := t.TempDir()
	const head = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title></head><body><main>`
	page := func(title, body string) string {
		return strings.Replace(head, "%s", title, 1) + body + "</main></body></html>"
	}
	files := map[string]string{
		"index.html": page("首页", `<h1>首页</h1><ul>
<li><a href="/kjj/ok/">正常</a></li>
<li><a href="/css/site.css">忘了基础路径</a></li>
<li><a href="/kjj/missing/">不存在</a></li>
<li><a href="/kjj/ok">少了斜杠</a></li>
<li><a href="https://www.example.gov.cn/kjj/gone/">规范地址</a></li>
<li><a href="/kjj/ok/#nope">锚点</a></li>
<li><a href="data/a.csv">CSV</a></li>
<li><a href="https://other.example.com/">外站</a></li>
<li><a href="/kjj/chart/">图表</a></li>
</ul><img src="/kjj/pic.svg">`),
		// A chart drawing 项 and 万元 on one scale, bars not proportional
		// to their values; a table too wide for 1280 px, with no cue.
		"chart/index.html": page("图表", `<h1>图表</h1><figure><div class="table-scroll" style="overflow-x:auto" tabindex="0" role="region" aria-label="表">
<table><caption>表</caption><thead><tr><th scope="col">指标</th><th scope="col">单位</th><th scope="col">2020年</th></tr></thead>
<tbody><tr><th scope="row">项目</th><td class="unit">项</td><td>2</td></tr><tr><th scope="row">经费</th><td class="unit">万元</td><td>20</td></tr></tbody></table></div>
<svg class="figures-chart" role="img" aria-labelledby="c-title" viewBox="0 0 320 120" width="320" height="120" font-size="14"><title id="c-title">图</title>
<text class="unit" x="0" y="16">单位：项</text>
<g class="series"><text class="metric" x="0" y="40">项目</text><text class="year" x="50" y="62">2020年</text><rect class="bar" x="56" y="50" width="100" height="16"/><text class="value" x="160" y="62">2</text><line class="axis" x1="56" x2="56" y1="48" y2="70"/></g>
<g class="series"><text class="metric" x="0" y="90">经费</text><text class="year" x="50" y="112">2020年</text><rect class="bar" x="56" y="100" width="100" height="16"/><text class="value" x="160" y="112">20</text><line class="axis" x1="56" x2="56" y1="98" y2="120"/></g>
</svg></figure>
<div class="table-scroll" style="overflow-x:auto;padding-top:2rem" tabindex="0" role="region" aria-label="宽表"><table style="width:1500px"><caption>宽表</caption><tr><th scope="col">很宽的表</th></tr></table></div>`),
		"ok/index.html": `<!DOCTYPE html><html><head><meta charset="utf-8"><title>坏页</title></head><body><main>` +
			`<h1>一</h1><h1>二</h1><p style="color:#ccc;background:#fff">看不清的字</p>` +
			`<div style="width:1200px">很宽</div></main></body></html>`,
		"404.html":   page("页面不存在", `<h1>页面不存在</h1><a href="/kjj/">首页</a>`),
		"pic.svg":    `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`,
		"data/a.csv": "年份,数量\n2020,1\n",
	}
	for name, body := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := serve(t, out, "https://www.example.gov.cn/kjj/")
	c := s.crawl(t)

	expect := func(t *testing.T, problems []string, wants ...string) {
		t.Helper()
		all := strings.Join(problems, "\n")
		for _, w := range wants {
			if !strings.Contains(all, w) {
				t.Errorf("no problem mentions %q; got:\n%s", w, all)
			}
		}
		if t.Failed() || testing.Verbose() {
			t.Logf("reported %d problems:\n%s", len(problems), all)
		}
	}
	for _, u := range c.html {
		if strings.Contains(u, "other.example.com") {
			t.Errorf("crawled an outside site: %s", u)
		}
	}
	t.Run("links", func(t *testing.T) {
		expect(t, s.linkProblems(c),
			"/css/site.css: HTTP 404 (outside the base path /kjj/",
			"/kjj/missing/: HTTP 404",
			"/kjj/ok: HTTP 301",
			"/kjj/gone/: HTTP 404",
			`no element with id "nope"`)
	})
	t.Run("pages", func(t *testing.T) {
		expect(t, c.pageProblems(), "/kjj/ok/: no <html lang>", "/kjj/ok/: 2 <h1> elements", "/kjj/ok/: no <meta name=\"viewport\"")
	})
	t.Run("csv", func(t *testing.T) {
		expect(t, s.csvProblems(c), "/kjj/data/a.csv: does not start with the UTF-8 BOM")
	})
	t.Run("notfound", func(t *testing.T) {
		if p := s.notFoundProblems(); len(p) > 0 { // a good 404 page: nothing to report
			t.Errorf("unexpected 404 problems: %q", p)
		}
	})
	t.Run("browser", func(t *testing.T) {
		expect(t, s.browserProblems(t, c),
			"axe image-alt", "axe color-contrast", "axe html-has-lang",
			"/kjj/ok/ (360): scrolls sideways",
			"/kjj/chart/ (1280): chart c: 经费 is in 万元, the chart in 项: two units on one scale",
			"/kjj/chart/ (1280): chart c: 经费: bar lengths not proportional to values: 20 is 100.0 long, 2 is 100.0",
			"/kjj/chart/ (1280): table 2 (宽表): 1500px wide in a",
			"/kjj/chart/ (360): table 2 (宽表): wider than its box",
			"and no visible cue above it",
			"the 长者模式 switch cannot be reached with Tab")
	})
}
