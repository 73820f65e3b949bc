package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// writeIndex builds the index of docs into a folder.
func writeIndex(t *testing.T, docs []Doc) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range build(t, docs) {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build makes the index of docs and returns its files.
func build(t testing.TB, docs []Doc) []File {
	t.Helper()
	var files []File
	if _, err := Build(Docs(docs), nil, func(f File) error { files = append(files, f); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Sum != sha256.Sum256(f.Data) {
			t.Fatalf("%s: its Sum is not its SHA-256", f.Path)
		}
	}
	return files
}

type query struct {
	Q      string            `json:"q"`
	Filter map[string]string `json:"filter,omitempty"`
	Want   int               `json:"want,omitempty"`   // results needed; all when 0
	Budget int               `json:"budget,omitempty"` // bytes of places to settle a phrase with; the script's when 0
}

type answer struct {
	URLs     []string `json:"urls"`
	Fetched  int      `json:"fetched"`
	Rounds   int      `json:"rounds"` // of requests, before the results' lines
	First    int      `json:"first"`  // of requests, until the first result's line came
	Total    int      `json:"total"`
	Complete bool     `json:"complete"`
	Stopped  bool     `json:"stopped"` // at the budget: older pages not settled
}

// ask runs the script's engine (search.js) on the index in dir.
func ask(t *testing.T, dir string, queries []query) []answer {
	t.Helper()
	var out []answer
	runScript(t, queries, &out, "query", dir)
	if len(out) != len(queries) {
		t.Fatalf("the script answered %d queries of %d", len(out), len(queries))
	}
	return out
}

// TestRanking builds an index in Go and queries it with the script, as
// the browser does. Pages are given newest first.
func TestRanking(t *testing.T) {
	docs := []Doc{
		{URL: "/scattered/", Title: "工作动态", Date: "2022-05-01", Column: "工作动态", Year: 2022, Topic: "农业科技",
			Body: "今年推广花椒种植，组织栽培培训。"},
		{URL: "/body/", Title: "科技项目验收情况", Date: "2021-06-01", Column: "工作报告", Year: 2021, Topic: "科技创新",
			Body: "完成《高寒阴湿区大红袍花椒优质高产栽培技术研究》等31项科技项目，投入县级科技专项经费120万元。"},
		{URL: "/notice/", Title: "关于下达验收计划的通知", Date: "2020-09-01", Column: "通知公告", Year: 2020, Topic: "科技创新",
			DocNo: "秦科发〔2020〕20号", IndexNo: "2020-00012", Body: "各有关单位：现将验收计划印发给你们。获省级专项资金20万元。"},
		{URL: "/title/", Title: "花椒栽培技术要点", Date: "2019-03-01", Column: "工作动态", Year: 2019, Topic: "农业科技",
			IndexNo: "2019-00001", Body: "一、选地。二、施肥。"},
		{URL: "/other-no/", Title: "另一份通知", Date: "2018-01-01", Column: "通知公告", Year: 2018, DocNo: "秦科发〔2020〕21号",
			Body: "无关内容。"},
	}
	dir := writeIndex(t, docs)
	cases := []struct {
		q      string
		filter map[string]string
		want   []string
	}{
		// A phrase only where its bigrams sit side by side: /scattered/
		// holds 花椒 and 栽培 apart, and is not a match.
		{q: "花椒栽培", want: []string{"/title/"}},
		{q: "花椒优质高产栽培", want: []string{"/body/"}},
		// In the title before in the body; among equals, newer first.
		{q: "花椒", want: []string{"/title/", "/scattered/", "/body/"}},
		{q: "栽培", want: []string{"/title/", "/scattered/", "/body/"}},
		// Two terms: the page where they follow one another first; then
		// both in the title; then newer first.
		{q: "花椒 栽培", want: []string{"/title/", "/scattered/", "/body/"}},
		{q: "栽培 花椒", want: []string{"/title/", "/scattered/", "/body/"}},
		// 文号 and 索引号 as typed, brackets of any kind, and not the next number.
		{q: "秦科发〔2020〕20号", want: []string{"/notice/"}},
		{q: "秦科发[2020]20号", want: []string{"/notice/"}},
		// Typed without brackets, as is easier on a phone: read as written
		// with them (search.js docNo).
		{q: "秦科发2020 20号", want: []string{"/notice/"}},
		{q: "秦科发2020-21号", want: []string{"/other-no/"}},
		{q: "秦科发202020号", want: []string{"/notice/"}},
		{q: "秦科发", want: []string{"/notice/", "/other-no/"}},
		{q: "2020-00012", want: []string{"/notice/"}},
		{q: "2019-00001", want: []string{"/title/"}},
		{q: "20万元", want: []string{"/notice/"}},
		{q: "120万元", want: []string{"/body/"}},
		{q: "31项", want: []string{"/body/"}},
		// One character: its unigram.
		{q: "椒", want: []string{"/title/", "/scattered/", "/body/"}},
		{q: "椒花", want: nil},
		{q: "，。", want: nil},
		// Filters.
		{q: "花椒", filter: map[string]string{"year": "2021"}, want: []string{"/body/"}},
		{q: "花椒", filter: map[string]string{"column": "工作动态"}, want: []string{"/title/", "/scattered/"}},
		{q: "花椒", filter: map[string]string{"topic": "科技创新"}, want: []string{"/body/"}},
		{q: "花椒", filter: map[string]string{"column": "没有的栏目"}, want: nil},
	}
	var queries []query
	for _, c := range cases {
		queries = append(queries, query{Q: c.q, Filter: c.filter})
	}
	for i, a := range ask(t, dir, queries) {
		if !reflect.DeepEqual(a.URLs, cases[i].want) && len(a.URLs)+len(cases[i].want) > 0 {
			t.Errorf("search %q %v:\nhave %v\nwant %v", cases[i].q, cases[i].filter, a.URLs, cases[i].want)
		}
	}
}

// words is a small vocabulary: on a corpus made of it every bigram is
// common, and only a phrase's order tells one page from another — where a
// search that does not keep positions fails.
var words = strings.Fields(`科技 创新 项目 管理 资金 培训 农民 企业 园区 示范 推进 落实 加强 完善 制度 依法 行政 执法 人员
考核 全县 县级 市级 省级 专项 经费 立项 验收 申报 储备 实施 方案 规划 产业 技术 联盟 服务 基层 乡镇 群众`)

func generated(n int, seed int64) []Doc {
	r := rand.New(rand.NewSource(seed))
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for k := 0; k < 300; k++ {
			b.WriteString(words[r.Intn(len(words))])
			if r.Intn(6) == 0 {
				b.WriteString("，")
			}
		}
		docs[i] = Doc{URL: fmt.Sprintf("/p/%d/", i), Title: fmt.Sprintf("关于%s的通知（第%d号）", words[r.Intn(len(words))], i),
			Date: "2020-01-01", Column: "通知公告", Year: 2020, Body: b.String()}
	}
	return docs
}

// unique returns how many pages hold s.
func unique(docs []Doc, s string) int {
	n := 0
	for _, d := range docs {
		if strings.Contains(d.Body, s) {
			n++
		}
	}
	return n
}

// TestPhraseFromTheMiddle: an eight-character phrase copied from the
// middle of one of many generated pages finds that page first, though
// every one of its bigrams is on almost every page; the index is split
// into dictionaries and packs, and a query reads only a part.
func TestPhraseFromTheMiddle(t *testing.T) {
	docs := generated(1500, 1)
	files := build(t, docs)
	var total, dicts, packs int
	for _, f := range files {
		total += len(f.Data)
		switch {
		case strings.HasPrefix(f.Path, "t/"):
			dicts++
		case strings.HasPrefix(f.Path, "p/"):
			packs++
		}
	}
	if dicts < 2 || packs < 1 || len(files) > len(docs)/4 {
		t.Errorf("%d files (%d dictionaries, %d packs) for %d pages: want several dictionaries, and far fewer files than pages", len(files), dicts, packs, len(docs))
	}
	dir := writeIndex(t, docs)
	var queries []query
	var want []string
	for _, i := range []int{7, 700, 1499} {
		body := []rune(docs[i].Body)
		mid := len(body) / 2
		for body[mid] == '，' || body[mid+7] == '，' {
			mid++
		}
		n := 8 // as long as it takes to be on this page alone
		for unique(docs, string(body[mid:mid+n])) != 1 {
			n++
		}
		queries = append(queries, query{Q: string(body[mid : mid+n])})
		want = append(want, docs[i].URL)
	}
	for i, a := range ask(t, dir, queries) {
		if len(a.URLs) == 0 || a.URLs[0] != want[i] {
			t.Errorf("search %q: have %v first, want %s", queries[i].Q, a.URLs[:min(3, len(a.URLs))], want[i])
		}
		if a.Fetched > total/20 {
			t.Errorf("search %q read %d bytes of the index's %d", queries[i].Q, a.Fetched, total)
		}
		t.Logf("search %q: %d pages, %d bytes read of %d", queries[i].Q, len(a.URLs), a.Fetched, total)
	}
}

// TestFirstResultsFirst: asked for the first 20 results of common words,
// the script fetches the body's places only as far as those need, and
// gives the same first 20, in the same order, as a search for all; the
// total is then an estimate, and exact once all are checked.
func TestFirstResultsFirst(t *testing.T) {
	docs := generated(1500, 2)
	dir := writeIndex(t, docs)
	qs := []string{"科技创新", "管理资金", "加强 制度", "示范", "农民培训"}
	var queries []query
	for _, q := range qs {
		queries = append(queries, query{Q: q}, query{Q: q, Want: 20})
	}
	res := ask(t, dir, queries)
	for i, q := range qs {
		all, first := res[2*i], res[2*i+1]
		if len(all.URLs) < 40 {
			t.Fatalf("search %q: %d results; the test wants common words", q, len(all.URLs))
		}
		if !all.Complete || all.Total != len(all.URLs) {
			t.Errorf("search %q for all: total %d, complete %v, %d results", q, all.Total, all.Complete, len(all.URLs))
		}
		if len(first.URLs) < 20 || !reflect.DeepEqual(first.URLs[:20], all.URLs[:20]) {
			t.Errorf("search %q: the first 20 of %d differ from the first of all", q, len(first.URLs))
		}
		if !first.Complete && (first.Total < len(all.URLs)/2 || first.Total > 2*len(all.URLs)) {
			t.Errorf("search %q: estimated %d, have %d", q, first.Total, len(all.URLs))
		}
		if strings.Contains(q, " ") || len([]rune(q)) <= 2 {
			continue // several terms are all checked; one token needs no places
		}
		if first.Fetched >= all.Fetched/2 {
			t.Errorf("search %q: read %d bytes for the first 20, %d for all", q, first.Fetched, all.Fetched)
		}
		t.Logf("search %q: %d bytes for the first 20 (total %d, complete %v), %d for all %d", q, first.Fetched, first.Total, first.Complete, all.Fetched, len(all.URLs))
	}
}

// TestEveryPageFound compares the script's results with the pages that
// hold each phrase, found by reading every page: phrases of two to six
// characters from random places, common and rare, so that the pages
// found lie in every block of the postings. The index is made as a small
// site's is (few parts, one run) and as a portal's
// is (many parts and runs), and both give the same
// answers, in the same order.
func TestEveryPageFound(t *testing.T) {
	docs := generated(1500, 3)
	r := rand.New(rand.NewSource(4))
	var queries []query
	for len(queries) < 40 {
		body := []rune(docs[r.Intn(len(docs))].Body)
		n := 2 + r.Intn(5)
		at := r.Intn(len(body) - n)
		q := string(body[at : at+n])
		if strings.Contains(q, "，") {
			continue
		}
		queries = append(queries, query{Q: q})
	}
	whole := ask(t, writeIndex(t, docs), queries)
	cutSmall(t, 50, 200)
	cut := ask(t, writeIndex(t, docs), queries)
	for i, a := range cut {
		var want []string
		for _, d := range docs {
			if strings.Contains(d.Body, queries[i].Q) || strings.Contains(d.Title, queries[i].Q) {
				want = append(want, d.URL)
			}
		}
		if !slices.Equal(a.URLs, whole[i].URLs) {
			t.Errorf("search %q: in 8 runs %d pages, in one %d, or in another order", queries[i].Q, len(a.URLs), len(whole[i].URLs))
		}
		have := slices.Clone(a.URLs)
		slices.Sort(have)
		slices.Sort(want)
		if !slices.Equal(have, want) {
			t.Errorf("search %q: %d pages, want the %d that hold it", queries[i].Q, len(have), len(want))
		}
	}
}

// TestFewRounds: a phrase whose one cheap token is on many pages, and
// the whole phrase on one, is settled in a few rounds of requests, not
// in one per block of the other tokens' places, nor one per token. 丙丁,
// 戊己 and 庚辛 are everywhere, many times; 甲乙 on every other page; the
// phrases on the oldest only.
func TestFewRounds(t *testing.T) {
	docs := everywhere(9)
	for i := 0; i < len(docs); i += 2 {
		docs[i].Body = "甲乙。" + docs[i].Body
	}
	last := &docs[len(docs)-1]
	last.Body += "甲乙，丙丁，戊己，庚辛"
	dir := writeIndex(t, docs)
	for _, c := range []struct {
		q      string
		rounds int
	}{{"甲乙，丙丁", 8}, {"甲乙，丙丁，戊己，庚辛", 8}} { // were 11 and 13: a round per batch of 40, and per token
		a := ask(t, dir, []query{{Q: c.q, Want: 20}})[0]
		if len(a.URLs) != 1 || a.URLs[0] != last.URL {
			t.Fatalf("search %s: %v, want %s", c.q, a.URLs, last.URL)
		}
		t.Logf("search %s: %d rounds of requests, %d bytes", c.q, a.Rounds, a.Fetched)
		if a.Rounds > c.rounds {
			t.Errorf("search %s took %d rounds of requests; want at most %d", c.q, a.Rounds, c.rounds)
		}
	}
}

// TestBudget: a phrase whose every token is on most pages, and the
// phrase itself on few, stops fetching places at the query's budget and
// gives the newest pages found, in order; with a larger budget, it finds
// the older too. 甲乙 on every page of everywhere, the phrase on the
// newest page and the oldest.
func TestBudget(t *testing.T) {
	docs := everywhere(9)
	for i := range docs {
		docs[i].Body = "甲乙。" + docs[i].Body
	}
	first, last := &docs[0], &docs[len(docs)-1]
	first.Body += "甲乙，丙丁"
	last.Body += "甲乙，丙丁"
	dir := writeIndex(t, docs)
	as := ask(t, dir, []query{{Q: "甲乙，丙丁", Want: 20, Budget: 4 << 10}, {Q: "甲乙，丙丁", Want: 20}})
	small, whole := as[0], as[1]
	t.Logf("budget 4 KB: %d bytes, %v, stopped %v; the script's budget: %d bytes, %v", small.Fetched, small.URLs, small.Stopped, whole.Fetched, whole.URLs)
	if !small.Stopped || len(small.URLs) != 1 || small.URLs[0] != first.URL {
		t.Errorf("with a budget of 4 KB: %v, stopped %v; want only %s, the newest, and stopped", small.URLs, small.Stopped, first.URL)
	}
	if whole.Stopped || !slices.Equal(whole.URLs, []string{first.URL, last.URL}) {
		t.Errorf("with the script's budget: %v, stopped %v; want %s and %s", whole.URLs, whole.Stopped, first.URL, last.URL)
	}
	if small.Fetched >= whole.Fetched/2 {
		t.Errorf("a budget of 4 KB fetched %d bytes, the whole search %d", small.Fetched, whole.Fetched)
	}
}

// everywhere is 2,000 generated pages with 丙丁, 戊己 and 庚辛 on every
// page, many times, between words and runs of 文.
func everywhere(seed int64) []Doc {
	docs := generated(2000, seed)
	r := rand.New(rand.NewSource(seed))
	for i := range docs {
		var b strings.Builder
		for k := 0; k < 40; k++ {
			b.WriteString(words[r.Intn(len(words))])
			for range r.Intn(30) {
				b.WriteString("文")
			}
			b.WriteString([]string{"丙丁。", "戊己。", "庚辛。"}[k%3])
		}
		docs[i].Body += b.String()
	}
	return docs
}

// spread is 2,000 generated pages with 甲乙 and 丙丁 everywhere, here and
// there, too long to fetch whole: a phrase's candidates are settled by
// their places.
func spread(seed int64) []Doc {
	docs := generated(2000, seed)
	r := rand.New(rand.NewSource(seed))
	for i := range docs {
		var b strings.Builder
		for range 40 {
			b.WriteString("甲乙" + strings.Repeat("文", 1+r.Intn(30)) + "丙丁" + strings.Repeat("文", 1+r.Intn(30)))
		}
		docs[i].Body += b.String()
	}
	return docs
}

// TestFirstLineWithThePlaces: when a phrase leaves a few pages whose
// places are still to check, the first result's line is asked for with
// those places, not in a round of its own after them.
func TestFirstLineWithThePlaces(t *testing.T) {
	docs := spread(11) // 乙丙 in three pages, one of which holds 甲乙丙丁
	docs[500].Body += "子乙丙子"
	docs[900].Body += "甲乙丙子"
	docs[1500].Body += "甲乙丙丁"
	dir := writeIndex(t, docs)
	a := ask(t, dir, []query{{Q: "甲乙丙丁", Want: 20}})[0]
	if len(a.URLs) != 1 || a.URLs[0] != docs[1500].URL {
		t.Fatalf("search 甲乙丙丁: %v, want %s", a.URLs, docs[1500].URL)
	}
	t.Logf("search 甲乙丙丁: %d rounds of requests, the first line after %d, %d bytes", a.Rounds, a.First, a.Fetched)
	if a.Rounds < 3 || a.First != a.Rounds {
		t.Errorf("search 甲乙丙丁: %d rounds of requests, the first result's line after %d; want it with the places, after at least 3 (the manifest, the lists, the places)", a.Rounds, a.First)
	}
}

// TestFirstLineWithATitleHit: a page with the phrase in its title ranks
// above those still to check in their bodies, so the best such page's
// line is asked for with their places.
func TestFirstLineWithATitleHit(t *testing.T) {
	docs := spread(12)
	docs[100].Title = "关于甲乙丙丁的通知"
	docs[1800].Title = "甲乙丙丁的说明"
	docs[500].Body += "子乙丙子"
	docs[1500].Body += "甲乙丙丁"
	dir := writeIndex(t, docs)
	a := ask(t, dir, []query{{Q: "甲乙丙丁", Want: 20}})[0]
	if len(a.URLs) != 3 || a.URLs[0] != docs[100].URL {
		t.Fatalf("search 甲乙丙丁: %v, want %s first of three", a.URLs, docs[100].URL)
	}
	t.Logf("search 甲乙丙丁: %d rounds of requests, the first line after %d", a.Rounds, a.First)
	if a.First != a.Rounds {
		t.Errorf("search 甲乙丙丁: %d rounds of requests, the first result's line after %d; want it with the places", a.Rounds, a.First)
	}
}

// cutSmall makes the index in parts of part pages and runs of batch
// pages, until the test ends.
func cutSmall(t *testing.T, part, batch int) {
	was := sizes
	sizes.part, sizes.batch = part, batch
	t.Cleanup(func() { sizes = was })
}

// TestBatchSize: batches of 2,048 pages, or the fewest pages that make
// at most 64 runs, the size doubled, up to 8,192.
func TestBatchSize(t *testing.T) {
	for _, c := range []struct{ pages, batch, runs int }{
		{1, 2048, 1},
		{2048, 2048, 1},
		{100000, 2048, 49},
		{131072, 2048, 64},
		{131073, 4096, 33},
		{300000, 8192, 37},
		{1000000, 8192, 123},
	} {
		if got := batchSize(c.pages); got != c.batch {
			t.Errorf("%d pages: batches of %d, want %d", c.pages, got, c.batch)
		}
		if got := len(Batches(c.pages)); got != c.runs {
			t.Errorf("%d pages: %d runs, want %d", c.pages, got, c.runs)
		}
	}
}

// TestSameHoweverCut: the index is the same, byte for byte, whether its
// pages are indexed in one part or many, in one run or many.
func TestSameHoweverCut(t *testing.T) {
	docs := generated(700, 7)
	whole := build(t, docs)
	for _, c := range [][2]int{{1, 700}, {50, 200}, {7, 7}, {300, 100}} {
		cutSmall(t, c[0], c[1])
		cut := build(t, docs)
		if len(cut) != len(whole) {
			t.Fatalf("parts of %d pages, runs of %d: %d files, want %d", c[0], c[1], len(cut), len(whole))
		}
		for i := range cut {
			if cut[i].Path != whole[i].Path || !bytes.Equal(cut[i].Data, whole[i].Data) {
				t.Fatalf("parts of %d pages, runs of %d: %s differs", c[0], c[1], cut[i].Path)
			}
		}
	}
}

// TestNoTemporaryFileLeft: the runs' file goes with the build.
func TestNoTemporaryFileLeft(t *testing.T) {
	cutSmall(t, 50, 200)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	build(t, generated(500, 8))
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// TestSpillFails: a temporary file that cannot be made is an error, not a
// part of the index left out.
func TestSpillFails(t *testing.T) {
	cutSmall(t, 50, 200)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	_, err := Build(Docs(generated(500, 6)), nil, func(File) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "temporary file") {
		t.Fatalf("Build with no temporary folder: %v, want an error about the temporary file", err)
	}
}

// TestScriptReadsPostings: for every bigram of a few pages, short
// postings (stored as they are) and long ones (deflated) alike, the
// script reads the pages that hold it and those that hold it in the
// title, 文号 or 索引号, as the pages' texts say.
func TestScriptReadsPostings(t *testing.T) {
	for _, small := range []bool{false, true} {
		t.Run(fmt.Sprintf("cut small %v", small), func(t *testing.T) {
			if small {
				cutSmall(t, 3, 7)
			}
			scriptReadsPostings(t)
		})
	}
}

func scriptReadsPostings(t *testing.T) {
	docs := generated(40, 5)
	docs[3].Title = "花椒栽培技术要点"
	docs[9].DocNo = "秦科发〔2020〕20号"
	docs[17].Body += "花椒栽培。"
	dir := writeIndex(t, docs)
	seen := map[string]bool{}
	var keys []string
	for _, d := range docs {
		for _, s := range []string{d.Title, d.DocNo, d.Body} {
			r := []rune(s)
			for i := 0; i+1 < len(r); i++ {
				k := string(r[i : i+2])
				if isHan(r[i]) && isHan(r[i+1]) && !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
	}
	var out []struct {
		Pages []int `json:"pages"`
		Head  []int `json:"head"`
	}
	runScript(t, keys, &out, "query", dir, "postings")
	if len(out) != len(keys) {
		t.Fatalf("the script answered %d keys of %d", len(out), len(keys))
	}
	for i, k := range keys {
		var pages, head []int
		for n := range docs {
			d := docs[len(docs)-1-n] // pages are numbered oldest first
			inHead := strings.Contains(d.Title, k) || strings.Contains(d.DocNo, k)
			if inHead || strings.Contains(d.Body, k) {
				pages = append(pages, n)
			}
			if inHead {
				head = append(head, n)
			}
		}
		have := slices.Clone(out[i].Head)
		slices.Sort(have)
		if !slices.Equal(out[i].Pages, pages) || !slices.Equal(have, head) {
			t.Errorf("%q: pages %v, in the head %v; want %v and %v", k, out[i].Pages, have, pages, head)
		}
	}
}

// memRuns keeps runs in memory, as package build's cache keeps them in
// files; it counts the runs kept (made anew) and read back, and the
// memos (memo.go) kept.
type memRuns struct {
	docs              []Doc
	runs              map[[32]byte][]byte
	kept, read, memos int
}

func (m *memRuns) Sum(i int) [32]byte { return sha256.Sum256([]byte(m.docs[i].Body)) }

func (m *memRuns) Open(k [32]byte) (*io.SectionReader, bool) {
	b, ok := m.runs[k]
	if ok && isRun(k) {
		m.read++
	}
	return io.NewSectionReader(bytes.NewReader(b), 0, int64(len(b))), ok
}

// isRun tells a run's key from the memo's and its sums'.
func isRun(k [32]byte) bool { return k != memoKey && k != dictsKey && k != linesKey }

func (m *memRuns) Keep(k [32]byte, r io.Reader) {
	b, err := io.ReadAll(r)
	if err != nil {
		panic(err)
	}
	m.runs[k] = b
	if k == memoKey {
		m.memos++
	} else if isRun(k) {
		m.kept++
	}
}

// TestKeptRuns: with the runs of the last build kept, a build indexes
// again only the batches a change reaches (an edit its page's, a new
// page the newest), merges again only the tokens whose records changed
// (after an edit or a new page: the others are the memo's), and its index is the same, byte
// for byte, as one made from nothing; a kept run, or memo, that does not
// hold together is not used. The tokens merged again are looked up in
// the runs an edit did not change by the runs' marks, every 32 records,
// or in the whole section when they are many; as this site's runs are
// small, the lookup by marks is tried with a mark on every record.
func TestKeptRuns(t *testing.T) {
	for _, every := range []int{markEvery, 1} {
		t.Run(fmt.Sprintf("a mark every %d records", every), func(t *testing.T) {
			cutSmall(t, 50, 200)
			sizes.mark = every
			keptRuns(t)
		})
	}
}

func keptRuns(t *testing.T) {
	docs := generated(700, 9) // batches, newest first: 100, 200, 200, 200 pages
	m := &memRuns{runs: map[[32]byte][]byte{}}
	var all int64 // tokens merged by the first build
	// kept: batches indexed; read: runs read back; fromMemo: the merge
	// took most tokens from the memo (most, none, or some: not checked);
	// memos: memos kept (none when the runs were those it was made from).
	const most, none, some = 1, 0, -1
	// The files of the last build, which the caller has (Index.Have).
	last := map[string][]byte{}
	var made []string // the files made, not had, but index.json
	check := func(what string, kept, read int, fromMemo int, memos int) {
		t.Helper()
		m.docs, m.kept, m.read, m.memos = docs, 0, 0, 0
		before := encoded.Load()
		files := map[string][]byte{}
		made = nil
		x := NewIndex(Docs(docs), m)
		x.Have = func(f File) bool {
			b, ok := last[f.Path]
			if ok && sha256.Sum256(b) == f.Sum {
				files[f.Path] = b
				return true
			}
			return false
		}
		_, err := x.Write(func(f File) error {
			if _, ok := files[f.Path]; ok {
				t.Errorf("%s: %s given to emit, and had", what, f.Path)
			}
			files[f.Path] = f.Data
			if f.Path != "index.json" {
				made = append(made, f.Path)
			}
			return nil
		})
		x.Close()
		if err != nil {
			t.Fatal(err)
		}
		last = files
		func() {
			n := encoded.Load() - before
			if all == 0 {
				all = n
			}
			if m.memos != memos {
				t.Errorf("%s: %d memos kept, want %d", what, m.memos, memos)
			}
			if fromMemo == most && n > all/4 || fromMemo == none && n < all*9/10 {
				t.Errorf("%s: %d tokens of %d encoded, want %s from the memo", what, n, all, map[int]string{most: "most", none: "none"}[fromMemo])
			}
		}()
		if m.kept != kept || m.read != read {
			t.Errorf("%s: %d batches indexed, %d read back; want %d and %d", what, m.kept, m.read, kept, read)
		}
		fresh := build(t, docs)
		if len(files) != len(fresh) {
			t.Fatalf("%s: %d files, want %d", what, len(files), len(fresh))
		}
		for _, f := range fresh {
			if !bytes.Equal(files[f.Path], f.Data) {
				t.Fatalf("%s: %s differs from the index made from nothing", what, f.Path)
			}
		}
	}
	check("first build", 4, 0, none, 1)
	check("no change", 0, 4, most, 0)
	if len(made) > 0 {
		t.Errorf("no change: %d files made again, the caller having them: %v", len(made), made)
	}
	for _, f := range []string{"t/0.bin", "p/1.bin", "d/3.bin"} {
		delete(last, f)
	}
	check("three files the caller lost", 0, 4, most, 0)
	if !slices.Equal(made, []string{"t/0.bin", "p/1.bin", "d/3.bin"}) {
		t.Errorf("three files the caller lost: %v made again, want t/0.bin, p/1.bin and d/3.bin", made)
	}
	docs[450].Body = "插在前面的一句话" + docs[450].Body // every place of the page moves
	check("an old page edited", 1, 4, most, 1)   // and the run it replaces read, for the memo
	docs[450].Title = "改过的标题"
	check("its title changed", 1, 4, most, 1)
	// A new page takes the next number: only the newest batch changes,
	// and the other pages keep their numbers, so the memo serves.
	docs = append([]Doc{{URL: "/new/", Title: "最新的通知", Date: "2021-01-01", Column: "通知公告", Year: 2021, Body: "新的正文"}}, docs...)
	check("a new page", 1, 4, most, 1)
	docs = docs[1:]
	check("the new page deleted", 0, 5, most, 1) // the newest batch as it was, and the one it replaced, for the memo
	// A page removed from the middle numbers every newer page anew: the
	// batches of those pages change, and most of their tokens' records.
	gone := docs[250]
	docs = slices.Delete(docs, 250, 251)
	check("an old page deleted", 2, 4, some, 1)
	docs = slices.Insert(docs, 250, gone)
	check("put back", 0, 6, some, 1)
	delete(m.runs, runKey(numbered{Docs(docs)}, m, 200, 400)) // the batch of page 450 (newest first), numbered from 200
	docs[450].Body += "又一句"
	check("the run an edit replaces gone", 1, 3, none, 1)
	for k, b := range m.runs {
		m.runs[k] = b[:len(b)-1] // cut short: its sections' places no longer hold
	}
	check("runs and memo cut short", 4, 4, none, 1)
}

// TestNewPageKeepsFiles: a new page, the newest, takes the next number,
// so the index's other files stay as they were but for the dictionaries
// and packs of the tokens it holds, the file of its line, and f.bin: a
// publish after the commonest change sends those, not the whole index.
func TestNewPageKeepsFiles(t *testing.T) {
	docs := generated(700, 9)
	before := map[string][]byte{}
	for _, f := range build(t, docs) {
		before[f.Path] = f.Data
	}
	page := Doc{URL: "/new/", Title: "最新通知", Date: "2021-01-01", Column: "通知公告", Year: 2021, Body: "新的正文"}
	docs = append([]Doc{page}, docs...)
	after := build(t, docs)
	var m manifest
	for _, f := range after {
		if f.Path == "index.json" {
			if err := json.Unmarshal(f.Data, &m); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The dictionaries of the new page's tokens.
	holds := map[int]bool{}
	add := func(key string) { holds[dict(Hash(key), m.Dicts)] = true }
	for _, s := range []string{headText(&page), page.Body} {
		cut(s, 0, func(a, c rune, _ int) { add(string([]rune{a, c})) }, func(r rune) { add(string(r)) }, func(w []byte, _ int) { add(string(w)) })
	}
	lastLines := fmt.Sprintf("d/%d.bin", (len(docs)-1)/chunk)
	changed, kept := 0, 0
	for _, f := range after {
		mayChange := f.Path == "index.json" || f.Path == "f.bin" || f.Path == lastLines
		var k int
		if _, err := fmt.Sscanf(f.Path[1:], "/%d.bin", &k); err == nil && (f.Path[0] == 't' || f.Path[0] == 'p') {
			mayChange = mayChange || holds[k]
		}
		same := bytes.Equal(before[f.Path], f.Data)
		if !same && !mayChange {
			t.Errorf("%s changed with a new page that none of its tokens are in", f.Path)
		}
		if same {
			kept++
		} else {
			changed++
		}
	}
	if len(before) != len(after) {
		t.Fatalf("%d files, then %d: the dictionaries' number changed, and the test with it", len(before), len(after))
	}
	t.Logf("a new page: %d files of %d changed (%d dictionaries hold its tokens)", changed, len(after), len(holds))
	if kept < len(after)/2 {
		t.Errorf("only %d files of %d kept", kept, len(after))
	}
}

// TestBlocksPageOfManyPlaces: a page where a token is 200 times (its
// number of places two bytes long, and 22 of its places) is one page of
// its block.
func TestBlocksPageOfManyPlaces(t *testing.T) {
	var body []byte
	for _, n := range []int{1, 200, 3} {
		body = binary.AppendUvarint(body, uint64(n))
		for i := range n {
			body = binary.AppendUvarint(body, uint64(i%150))
		}
	}
	var ends []int
	if got := blocks(body, nil, &ends); !slices.Equal(got, [][2]int{{3, len(body)}}) {
		t.Errorf("blocks %v, want one of 3 pages and %d bytes", got, len(body))
	}
	if want := []int{2, 2 + 2 + 200 + 22, len(body)}; !slices.Equal(ends, want) {
		t.Errorf("pages end at %v, want %v", ends, want)
	}
}

// BenchmarkBlocks is cutting the body places of a token on every page of
// a large site, each page with a few places.
func BenchmarkBlocks(b *testing.B) {
	var body []byte
	r := rand.New(rand.NewSource(1))
	for range 100000 {
		n := 1 + r.Intn(6)
		body = binary.AppendUvarint(body, uint64(n))
		for range n {
			body = binary.AppendUvarint(body, uint64(r.Intn(3000)))
		}
	}
	var bl [][2]int
	var ends []int
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		bl = blocks(body, bl[:0], &ends)
	}
}

// TestRunMarksChecked: a kept run whose marks do not hold together (a
// section's first mark not at its first record, places or hashes out of
// order, a hash of another section) is not used: a lookup by them would
// miss records.
func TestRunMarksChecked(t *testing.T) {
	cutSmall(t, 50, 200)
	sizes.mark = 1
	docs := generated(300, 9)
	m := &memRuns{docs: docs, runs: map[[32]byte][]byte{}}
	if _, err := Build(Docs(docs), m, func(File) error { return nil }); err != nil {
		t.Fatal(err)
	}
	const fixed = 12 * (sections + 1) // where the marks start: hash, place
	for k, b := range m.runs {
		if !isRun(k) {
			continue
		}
		r, ok := readRun(m, k, 0)
		if !ok || len(r.marks) < 3 {
			t.Fatalf("a run as kept: read %v, %d marks", ok, len(r.marks))
		}
		for what, damage := range map[string]func(b []byte){
			"a first mark after its record": func(b []byte) { b[fixed+4]++ },
			"places out of order":           func(b []byte) { copy(b[fixed+8+4:fixed+8+8], b[fixed+4:fixed+8]) },
			"hashes out of order":           func(b []byte) { copy(b[fixed+8:fixed+8+4], []byte{0, 0, 0, 0}) },
		} {
			bad := bytes.Clone(b)
			damage(bad)
			m.runs[k] = bad
			if _, ok := readRun(m, k, 0); ok {
				t.Errorf("a run with %s is read", what)
			}
		}
		m.runs[k] = b
	}
}
