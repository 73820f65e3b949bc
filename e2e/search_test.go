//go:build linux

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/build"
)

// searched is one query as search.mjs saw it in Chromium.
type searched struct {
	Q       string   `json:"q"`
	Links   []string `json:"links"`
	Status  string   `json:"status"`
	Marked  int      `json:"marked"`
	MS      int      `json:"ms"`
	Bytes   int      `json:"bytes"`
	Files   []string `json:"files"` // "ask t/K.bin", "got index.json"…, in the order they happened
	Address string   `json:"address"`
	Title   string   `json:"title"` // the page's, once the results are in
	// With Further: how often 继续在较早的信息中查找 was pressed, what the
	// page showed each time before it was, and the link with the focus
	// after the last.
	Pressed int `json:"pressed"`
	Offered []struct {
		Links  []string `json:"links"`
		Status string   `json:"status"`
	} `json:"offered"`
	Focused string `json:"focused"`
}

type searchQuery struct {
	Q     string `json:"q"`
	Typed bool   `json:"typed"`
	Same  bool   `json:"same,omitempty"`  // typed into the page left open
	After string `json:"after,omitempty"` // wait for this file first (search.mjs)
	// LateLines delays the files of the results' lines (search/d/), the
	// first the most, so that they come in the reverse order.
	LateLines bool `json:"lateLines,omitempty"`
	// Further presses 继续在较早的信息中查找 as long as the page offers it.
	Further bool `json:"further,omitempty"`
}

// search runs search.mjs on the site's /search/ page. A query with After
// set has change run before it, while the page before stays open.
func (s *server) search(t *testing.T, queries []searchQuery, change ...func()) []searched {
	t.Helper()
	node := requireBrowser(t)
	in, _ := json.Marshal(queries)
	for _, q := range queries {
		if q.After == "" {
			continue
		}
		go func() { // search.mjs writes After.ready and waits for After
			for {
				if _, err := os.Stat(q.After + ".ready"); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			for _, f := range change {
				f()
			}
			os.WriteFile(q.After, nil, 0o644)
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "search.mjs", s.local.JoinPath("search/").String())
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	cmd.WaitDelay = 2 * time.Second
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node search.mjs: %v\nstderr:\n%s", err, stderr.String())
	}
	var out []searched
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("search.mjs printed no JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	if len(out) != len(queries) {
		t.Fatalf("search.mjs answered %d queries of %d", len(out), len(queries))
	}
	return out
}

// TestSearch types into the example site's search box, as a visitor
// does: the seed report is found by a word of its body (花椒) and by its
// 文号's prefix (秦科发); a 文号 (with its brackets or without) and a 索引号
// typed in full find it too, and a word it does not hold finds nothing.
// The page's title names the query, and an empty box asks for words
// rather than saying nothing.
func TestSearch(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	s := startSite(t)
	report := s.prefix + "reports/2020-fazhi-zhengfu/"
	res := s.search(t, []searchQuery{
		{Q: "花椒", Typed: true},
		{Q: "秦科发", Typed: true},
		{Q: "秦科发〔2020〕20号"},
		{Q: "2021-00001"},
		{Q: "20万元"},
		{Q: "秦科发2020 20号", Typed: true}, // no brackets: easier on a phone
		{Q: "椒花"},
		{Q: "", Typed: true},
	})
	for _, r := range res[:6] {
		if len(r.Links) == 0 || r.Links[0] != report {
			t.Errorf("search %q: have %v (%s), want %s first", r.Q, r.Links, r.Status, report)
		}
		if r.Marked == 0 {
			t.Errorf("search %q: no term highlighted", r.Q)
		}
		t.Logf("search %q: %d results, first after %d ms, %d bytes", r.Q, len(r.Links), r.MS, r.Bytes)
	}
	if !strings.Contains(res[0].Address, "?q=") {
		t.Errorf("a typed search did not put its query in the address: %s", res[0].Address)
	}
	if r := res[6]; len(r.Links) != 0 || !strings.Contains(r.Status, "没有找到") {
		t.Errorf("search %q: have %v (%q), want nothing found, said so", r.Q, r.Links, r.Status)
	}
	if !strings.HasPrefix(res[0].Title, "「花椒」的搜索结果") {
		t.Errorf("search 花椒: the page's title is %q, want it to name the query", res[0].Title)
	}
	if r := res[7]; !strings.Contains(r.Status, "请输入") {
		t.Errorf("search with an empty box: the status says %q, want it to ask for words", r.Status)
	}
}

// TestSearchGenerated builds a site of generated pages written with a
// small vocabulary, so that every bigram is on most pages, and searches
// for phrases copied from the middle of some: each finds its page first,
// from a server that answers range requests and from one that does not.
func TestSearchGenerated(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	root, write := noticesSite(t)
	words := strings.Fields("科技 创新 项目 管理 资金 培训 农民 企业 园区 示范 推进 落实 加强 完善 制度 依法 行政 执法 人员 考核 全县 县级 专项 经费 立项 验收")
	r := rand.New(rand.NewSource(1))
	const n = 300
	bodies := make([]string, n)
	for i := range bodies {
		var b strings.Builder
		for k := 0; k < 200; k++ {
			b.WriteString(words[r.Intn(len(words))])
			if k%12 == 11 {
				b.WriteString("。\n\n")
			}
		}
		bodies[i] = b.String()
		write(fmt.Sprintf("content/notices/p%03d.md", i), fmt.Sprintf("+++\ntitle = \"关于%s的通知（第%d号）\"\ndate = 2021-%02d-%02d\n+++\n\n%s\n", words[i%len(words)], i, 1+i%12, 1+i%28, bodies[i]))
	}
	s := buildAndServe(t, root)
	var queries []searchQuery
	var want []string
	for _, i := range []int{3, 150, 299} {
		para := []rune(strings.Split(bodies[i], "\n\n")[8])
		from, size := len(para)/2-4, 8
		for count(bodies, string(para[from:from+size])) > 1 {
			size++
		}
		queries = append(queries, searchQuery{Q: string(para[from : from+size])})
		want = append(want, fmt.Sprintf("%snotices/p%03d/", s.prefix, i))
	}
	// The index is read in parts, by range requests; a server that
	// ignores Range (here nginx told to) sends whole files, and the
	// script finds the same.
	whole := serveWith(t, s.out, "https://www.example.gov.cn/xxgk/", "max_ranges 0;")
	for _, s := range []*server{s, whole} {
		for i, r := range s.search(t, queries) {
			if len(r.Links) == 0 || r.Links[0] != want[i] {
				t.Errorf("search %q: have %v (%s), want %s first", r.Q, r.Links, r.Status, want[i])
			}
			t.Logf("search %q: %d results, first after %d ms, %d bytes", r.Q, len(r.Links), r.MS, r.Bytes)
		}
	}
	// Results are shown one by one as their lines come: lines that come
	// in the reverse order still list them in rank order. 「示范的通知」 is
	// in the title of every 26th page, so its results' lines lie in most
	// of the files of lines.
	res := s.search(t, []searchQuery{{Q: "示范的通知"}, {Q: "示范的通知", LateLines: true}})
	if len(res[0].Links) < 10 || !slices.Equal(res[0].Links, res[1].Links) {
		t.Errorf("search 示范的通知: %v; with its lines coming in the reverse order %v", res[0].Links, res[1].Links)
	}
	for _, r := range res {
		// The first result's line is asked for alone (the others would
		// hold it back on a slow connection), the others once it has come.
		lines := slices.DeleteFunc(slices.Clone(r.Files), func(f string) bool { return !strings.Contains(f, " d/") })
		if len(lines) < 3 || !strings.HasPrefix(lines[0], "ask ") || lines[1] != "got"+lines[0][3:] {
			t.Errorf("search 示范的通知: the files of lines were asked for and came in the order %v; want the first alone", lines)
		}
		// The page names the index's version and dictionaries: the
		// dictionaries are asked for with index.json, not after it.
		if i, j := slices.Index(r.Files, "got index.json"), slices.IndexFunc(r.Files, func(f string) bool { return strings.HasPrefix(f, "ask t/") }); i < 0 || j < 0 || j > i {
			t.Errorf("search 示范的通知: the index's files were asked for and came in the order %v; want a dictionary asked for before index.json came", r.Files)
		}
	}
}

// TestSearchBudget: on a portal, a phrase whose bigrams are on most
// pages but which is itself on few stops after a budget of places and
// shows the newest pages it found; the page offers 继续在较早的信息中查找,
// which finds the older ones too, after them, and moves the focus to the
// first new result. A small site never reaches the script's budget of
// 256 KB, so the page is given a smaller one, 4 KB (data-budget on its form).
func TestSearchBudget(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	root, write := noticesSite(t)
	// Every page holds 甲乙 and 丙丁 many times, never side by side, between
	// words and runs of 文 (the corpus of internal/search's TestBudget);
	// the phrase 甲乙，丙丁 is on the newest page and the oldest.
	words := strings.Fields("科技 创新 项目 管理 资金 培训 农民 企业 园区 示范")
	r := rand.New(rand.NewSource(2))
	const n = 2000
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		var b strings.Builder
		b.WriteString("甲乙。")
		for k := range 40 {
			b.WriteString(words[r.Intn(len(words))])
			b.WriteString(strings.Repeat("文", r.Intn(30)))
			b.WriteString([]string{"丙丁。", "戊己。", "庚辛。"}[k%3])
		}
		if i == 0 || i == n-1 {
			b.WriteString("甲乙，丙丁。")
		}
		write(fmt.Sprintf("content/notices/p%04d.md", i), fmt.Sprintf("+++\ntitle = \"第%d号通知\"\ndate = %s\n+++\n\n%s\n", i, day.AddDate(0, 0, i).Format("2006-01-02"), b.String()))
	}
	s := buildAndServe(t, root)
	page := filepath.Join(s.out, "search", "index.html")
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html = bytes.Replace(html, []byte("<form class=\"search-form\""), []byte("<form data-budget=\"4096\" class=\"search-form\""), 1)
	if err := os.WriteFile(page, html, 0o644); err != nil {
		t.Fatal(err)
	}
	newest, oldest := fmt.Sprintf("%snotices/p%04d/", s.prefix, n-1), s.prefix+"notices/p0000/"
	res := s.search(t, []searchQuery{{Q: "甲乙，丙丁", Further: true}})[0]
	t.Logf("pressed %d times; before: %+v; after: %v (%s), focus on %s", res.Pressed, res.Offered, res.Links, res.Status, res.Focused)
	if res.Pressed == 0 || !slices.Equal(res.Offered[0].Links, []string{newest}) {
		t.Fatalf("with a budget of 4 KB the page showed %+v; want %s alone and 继续在较早的信息中查找", res.Offered, newest)
	}
	if want := "较新的信息中找到 1 条"; !strings.Contains(res.Offered[0].Status, want) {
		t.Errorf("stopped at its budget, the page says %q; want it to say %q, not a total it did not count", res.Offered[0].Status, want)
	}
	if !slices.Equal(res.Links, []string{newest, oldest}) || res.Pressed == 5 {
		t.Errorf("after pressing 继续在较早的信息中查找 %d times: %v (%s); want %s, then %s, and nothing more to look at", res.Pressed, res.Links, res.Status, newest, oldest)
	}
	if res.Focused != oldest {
		t.Errorf("the focus is on %q after pressing; want the first new result, %s", res.Focused, oldest)
	}
}

// noticesSite starts a site in a new folder under /xxgk/ with one column,
// notices/, for generated pages, and returns the folder and its writer.
func noticesSite(t *testing.T) (string, func(name, data string)) {
	root := t.TempDir()
	write := writer(t, root)
	write("content/site.toml", "title = \"示例县科学技术局\"\nbase_url = \"https://www.example.gov.cn/xxgk/\"\n[organization]\nname = \"示例县科学技术局\"\n")
	write("content/notices/_index.md", "+++\ntitle = \"通知公告\"\n+++\n")
	return root, write
}

// count returns how many of bodies hold s.
func count(bodies []string, s string) int {
	n := 0
	for _, b := range bodies {
		if strings.Contains(b, s) {
			n++
		}
	}
	return n
}

// TestSearchAcrossPublish: a visitor leaves the search page open while
// the site is published anew; the next query they type finds what the
// new index holds, not what the old one did, nor garbage from the two
// mixed (each query asks whether index.json is still the one it read).
func TestSearchAcrossPublish(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	root, write := noticesSite(t)
	page := func(i int, word string) {
		write(fmt.Sprintf("content/notices/p%03d.md", i), fmt.Sprintf("+++\ntitle = \"通知第%d号\"\ndate = 2021-03-%02d\n+++\n\n各单位推进%s落实，完善制度。\n", i, 1+i%28, word))
	}
	for i := range 40 {
		page(i, "甲方案")
	}
	s := buildAndServe(t, root)
	after := filepath.Join(t.TempDir(), "published")
	res := s.search(t, []searchQuery{
		{Q: "甲方案"},
		{Q: "乙方案", Same: true, After: after},
		{Q: "甲方案", Same: true},
	}, func() {
		for i := range 40 {
			if i%2 == 0 {
				page(i, "乙方案")
			}
		}
		for i := 40; i < 60; i++ { // more pages, more tokens: other postings move
			page(i, "丙方案")
		}
		if _, err := build.Build(build.Options{Site: os.DirFS(root), Dir: root, Out: s.out}); err != nil {
			t.Error(err)
		}
	})
	if n := len(res[0].Links); n != 20 {
		t.Errorf("before: 甲方案 on %d pages shown, want 20 (of 40)", n)
	}
	if !strings.Contains(res[1].Status, "20 条") || len(res[1].Links) != 20 {
		t.Errorf("after: 乙方案: %q, %d pages; want 20", res[1].Status, len(res[1].Links))
	}
	if !strings.Contains(res[2].Status, "20 条") || len(res[2].Links) != 20 {
		t.Errorf("after: 甲方案: %q, %d pages; want the 20 left", res[2].Status, len(res[2].Links))
	}
}
