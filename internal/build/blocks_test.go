package build

import (
	"fmt"
	"html/template"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/theme"
)

// The tables blocks embed are the default theme's figures.html and
// disclosure.html, executed with the views the build gives them.

var defaultTheme = sync.OnceValue(func() *theme.Theme {
	th, errs := theme.Load(fstest.MapFS{}, "default", template.FuncMap{"rel": func(p string) string { return p }})
	if len(errs) > 0 {
		panic(errs)
	}
	return th
})

func executeFile(t testing.TB, file string, v any) string {
	t.Helper()
	var b strings.Builder
	if err := defaultTheme().ExecuteFile(&b, file, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const scienceProjects = `title = "科技计划项目及经费"
source = "秦安县科学技术局"
note = "经费为当年下达数"

[[metric]]
key = "county_projects"
label = "县级科技计划项目"
unit = "项"

[[metric]]
key = "county_funds"
label = "县级科技专项经费"
unit = "万元"

[[metric]]
key = "agri"
label = "其中：农业"
unit = "项"

[[metric]]
key = "industry"
label = "其中：工业"
unit = "项"

[year.2020]
county_projects = 31
county_funds = 120

[year.2021]
county_projects = 39
county_funds = 135.5
agri = 35
industry = 4
`

func dataset(t testing.TB, src string) *figures.Dataset {
	t.Helper()
	d, errs := figures.Decode("content/data/x.toml", "x", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return d
}

// figuresHTML renders the table of d's metrics and years with o's options.
func figuresHTML(t testing.TB, d *figures.Dataset, metrics []string, years []int, o figuresView) string {
	t.Helper()
	tab, err := d.Table(metrics, years)
	if err != nil {
		t.Fatal(err)
	}
	o.Table = tab
	return executeFile(t, "figures.html", &o)
}

func TestFiguresHTML(t *testing.T) {
	d := dataset(t, scienceProjects)
	d.Title = `项目 <script>&"`
	d.Metrics[0].Label = "县级<b>项目</b>"
	d.Values[2021]["industry"], _ = figures.ParseNumber("-4")

	for _, tt := range []struct {
		name    string
		metrics []string
		years   []int
		o       figuresView
		want    []string // fragments, in this order
		not     []string
	}{{
		name: "table",
		o:    figuresView{ID: "figures-x", DatasetURL: "/kjj/data/x/", CSVURL: "/kjj/data/x.csv?a=1&b=2"},
		want: []string{
			`<figure class="figures" id="figures-x">`,
			`<div class="table-scroll" role="region" aria-labelledby="figures-x-caption" tabindex="0">`,
			`<caption id="figures-x-caption">项目 &lt;script&gt;&amp;&#34;</caption>`,
			`<thead>`,
			`<tr><th scope="col">指标</th><th scope="col">单位</th><th scope="col" class="num">2020年</th><th scope="col" class="num">2021年</th><th scope="col" class="num">较上年增减</th><th scope="col" class="num">增幅</th></tr>`,
			`<tr><th scope="row">县级&lt;b&gt;项目&lt;/b&gt;</th><td class="unit">项</td><td class="num">31</td><td class="num">39</td><td class="num">+8</td><td class="num">+25.8%</td></tr>`,
			`<tr><th scope="row">县级科技专项经费</th><td class="unit">万元</td><td class="num">120</td><td class="num">135.5</td><td class="num">+15.5</td><td class="num">+12.9%</td></tr>`,
			`<tr><th scope="row">其中：工业</th><td class="unit">项</td><td class="num missing"><abbr title="无数据">—</abbr></td><td class="num neg">-4</td><td class="num missing"><abbr title="无数据">—</abbr></td><td class="num missing"><abbr title="无数据">—</abbr></td></tr>`,
			"</table>\n</div>\n<figcaption>",
			`<p class="source">数据来源：秦安县科学技术局</p>`,
			`<p class="note">注：经费为当年下达数</p>`,
			`<p class="links"><a href="/kjj/data/x/">查看数据集</a> · <a href="/kjj/data/x.csv?a=1&amp;b=2" download>下载 CSV</a></p>`,
			"</figcaption>\n</figure>\n",
		},
		not: []string{"<svg", "<script>"},
	}, {
		name:  "one year leaves out the comparison",
		years: []int{2021},
		o:     figuresView{ID: "fig-2"},
		want: []string{
			`<figure class="figures" id="fig-2">`,
			`<th scope="col" class="num">2021年</th></tr>`,
			`<td class="num">39</td></tr>`,
		},
		not: []string{"较上年增减", "增幅", "查看数据集"},
	}, {
		name:    "chart",
		metrics: []string{"industry", "county_funds", "county_projects"},
		o:       figuresView{Chart: true, ID: "f1"},
		want: []string{
			"</table>\n</div>\n<div class=\"figures-charts\">\n",
			// One chart per unit (issue 13): 项 first, as its first row comes first.
			`<svg class="figures-chart" role="img" aria-labelledby="f1-chart-1-title f1-chart-1-desc"`,
			`<title id="f1-chart-1-title">项目 &lt;script&gt;&amp;&#34;（单位：项）</title>`,
			`<desc id="f1-chart-1-desc">其中：工业：2020年无数据，2021年-4项；县级&lt;b&gt;项目&lt;/b&gt;：2020年31项，2021年39项</desc>`,
			`<text class="unit" x="0" y="16.0">单位：项</text>`,
			`<text class="metric" x="0" y="40.0">其中：工业</text>`,
			`<text class="year" x="50.0" y="62.9" text-anchor="end">2020年</text><text class="value" x="83.3" y="62.9">—</text>`,                  // the missing 2020 is labelled, not drawn
			`<rect class="bar neg" x="56.0" y="74.0" width="22.3" height="16.0" fill="#a4262c"/><text class="value" x="83.3" y="86.9">-4</text>`, // left of the axis
			`<line class="axis" x1="78.3" x2="78.3" y1="48.0" y2="92.0" stroke="#595959"/>`,
			`<text class="metric" x="0" y="118.0">县级&lt;b&gt;项目&lt;/b&gt;</text>`,
			`<rect class="bar" x="78.3" y="152.0" width="217.9" height="16.0" fill="#1d4f91"/><text class="value" x="301.2" y="164.9">39</text>`, // the longest bar
			`<svg class="figures-chart" role="img" aria-labelledby="f1-chart-2-title f1-chart-2-desc"`,
			`<title id="f1-chart-2-title">项目 &lt;script&gt;&amp;&#34;（单位：万元）</title>`,
			`<text class="unit" x="0" y="16.0">单位：万元</text>`,
			`>135.5</text>`,
			"</svg>\n</div>\n<figcaption>",
		},
	}, {
		name: "a note told above is pointed to",
		o:    figuresView{ID: "fig3", NoteAt: "fig1", CSVURL: "/x.csv"},
		want: []string{
			"</table>\n</div>\n<figcaption>",
			`<p class="note">数据来源及注释见上文<a href="#fig1">“项目 &lt;script&gt;&amp;&#34;”表</a>。</p>`,
			`<p class="links"><a href="/x.csv" download>下载 CSV</a></p>`,
		},
		not: []string{"经费为当年下达数", "数据来源："},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			have := figuresHTML(t, d, tt.metrics, tt.years, tt.o)
			rest := have
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("have\n%s\nwant, after what came before, %s", have, w)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(have, n) {
					t.Errorf("have\n%s\nwant no %s", have, n)
				}
			}
			if again := figuresHTML(t, d, tt.metrics, tt.years, tt.o); again != have {
				t.Errorf("two writes differ")
			}
		})
	}
}

func TestFiguresHTMLNoCaption(t *testing.T) {
	have := figuresHTML(t, dataset(t, "title = \"x\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.2020]\na = 1\n"), nil, nil, figuresView{ID: "f"})
	if strings.Contains(have, "figcaption") {
		t.Errorf("have\n%s\nwant no <figcaption> without source, note or links", have)
	}
}

func reportFixture(t *testing.T, name string) *disclosure.Report {
	t.Helper()
	src, err := os.ReadFile("../disclosure/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	r, errs := disclosure.Decode(name, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return r
}

// disclosureHTML renders a table of r; o.ID defaults to
// "disclosure-<table>".
func disclosureHTML(t *testing.T, r *disclosure.Report, table string, o disclosureView) string {
	t.Helper()
	tab, err := r.Table(table)
	if err != nil {
		t.Fatal(err)
	}
	o.Table = tab
	if o.ID == "" {
		o.ID = "disclosure-" + table
	}
	return executeFile(t, "disclosure.html", &o)
}

// inOrder reports the first of want not found after the ones before it.
func inOrder(s string, want []string) (missing string, ok bool) {
	for _, w := range want {
		i := strings.Index(s, w)
		if i < 0 {
			return w, false
		}
		s = s[i+len(w):]
	}
	return "", true
}

var (
	idAttr      = regexp.MustCompile(`\sid="([^"]+)"`)
	tdTag       = regexp.MustCompile(`<td[^>]*>`)
	headersAttr = regexp.MustCompile(`\sheaders="([^"]+)"`)
)

// checkHeaders checks every <td> lists headers, all of them existing ids,
// and that no id is used twice.
func checkHeaders(t *testing.T, out string) {
	t.Helper()
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(out, -1) {
		if ids[m[1]] {
			t.Errorf("id %q used twice", m[1])
		}
		ids[m[1]] = true
	}
	tds := tdTag.FindAllString(out, -1)
	if len(tds) == 0 {
		t.Fatal("no <td>")
	}
	for _, td := range tds {
		m := headersAttr.FindStringSubmatch(td)
		if m == nil {
			t.Errorf("%s has no headers attribute", td)
			continue
		}
		for _, id := range strings.Fields(m[1]) {
			if !ids[id] {
				t.Errorf("%s: header id %q does not exist", td, id)
			}
		}
	}
}

func TestApplicationsHTML(t *testing.T) {
	r := reportFixture(t, "2021.toml")
	out := disclosureHTML(t, r, "applications", disclosureView{CSVURL: "applications.csv?a=1&b=2", ID: "t3"})
	checkHeaders(t, out)
	want := []string{
		`<div class="table-scroll" role="region" aria-label="三、收到和处理政府信息公开申请情况" tabindex="0" id="t3">`,
		`<caption>三、收到和处理政府信息公开申请情况</caption>`,
		`<th id="t3-note" colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>`,
		`<th id="t3-applicant" scope="colgroup" colspan="7">申请人情况</th>`,
		`<th id="t3-c0" scope="col" rowspan="2">自然人</th>`,
		`<th id="t3-org" scope="colgroup" colspan="5">法人或其他组织</th>`,
		`<th id="t3-c6" scope="col" rowspan="2">总计</th>`,
		`>商业企业</th>`, `>科研机构</th>`, `>社会公益组织</th>`, `>法律服务机构</th>`, `>其他</th>`,
		`colspan="3">一、本年新收政府信息公开申请数量</th>`,
		`>14069</td></tr>`,
		`colspan="3">二、上年结转政府信息公开申请数量</th>`,
		`>560</td></tr>`,
		`<th id="t3-result" scope="rowgroup" rowspan="22">三、本年度办理结果</th>`,
		// The 22 rows of 三's result block, in order.
		`colspan="2">（一）予以公开</th>`,
		`colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</th>`,
		`rowspan="8">（三）不予公开</th>`,
		`>1.属于国家秘密</th>`,
		`>2.其他法律行政法规禁止公开</th>`,
		">3.危及\u201c三安全一稳定\u201d</th>",
		`>4.保护第三方合法权益</th>`,
		`>5.属于三类内部事务信息</th>`,
		`>6.属于四类过程性信息</th>`,
		`>7.属于行政执法案卷</th>`,
		`>8.属于行政查询事项</th>`,
		`rowspan="3">（四）无法提供</th>`,
		`>1.本机关不掌握相关政府信息</th>`,
		`>2.没有现成信息需要另行制作</th>`,
		`>3.补正后申请内容仍不明确</th>`,
		`rowspan="5">（五）不予处理</th>`,
		`>1.信访举报投诉类申请</th>`,
		`>2.重复申请</th>`,
		`>3.要求提供公开出版物</th>`,
		`>4.无正当理由大量反复申请</th>`,
		`>5.要求行政机关确认或重新出具已获取信息</th>`,
		`rowspan="3">（六）其他处理</th>`,
		`>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</th>`,
		`>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</th>`,
		`>3.其他</th>`,
		`colspan="2">（七）总计</th>`,
		`headers="t3-result t3-total t3-applicant t3-c0">12800</td>`,
		`headers="t3-result t3-total t3-applicant t3-c6">13810</td>`,
		`colspan="3">四、结转下年度继续办理</th>`,
		`headers="t3-carried_out t3-applicant t3-org t3-c1">80</td>`,
		`headers="t3-carried_out t3-applicant t3-c6">819</td></tr>`,
		"</table>\n</div>\n",
		`<a href="applications.csv?a=1&amp;b=2" download>下载本表 CSV</a>`,
	}
	if missing, ok := inOrder(out, want); !ok {
		t.Errorf("missing, or out of order: %s\nin:\n%s", missing, out)
	}
	if n := strings.Count(out, "<tr>"); n != 3+25 {
		t.Errorf("have %d rows, want 28", n)
	}
	if n := strings.Count(out, `<td class="num"`); n != 25*7 {
		t.Errorf("have %d number cells, want %d", n, 25*7)
	}
	// Deterministic.
	if again := disclosureHTML(t, r, "applications", disclosureView{CSVURL: "applications.csv?a=1&b=2", ID: "t3"}); again != out {
		t.Error("two renderings differ")
	}
}

func TestApplicationsHTML2019(t *testing.T) {
	r := reportFixture(t, "2019.toml")
	out := disclosureHTML(t, r, "applications", disclosureView{})
	checkHeaders(t, out)
	want := []string{
		`rowspan="20">三、本年度办理结果</th>`,
		`>5.要求行政机关确认或重新出具已获取信息</th>`,
		`<th id="disclosure-applications-other" scope="row" colspan="2">（六）其他处理</th><td class="num" headers="disclosure-applications-result disclosure-applications-other disclosure-applications-applicant disclosure-applications-c0">20</td>`,
		`colspan="2">（七）总计</th>`,
		`>805</td></tr>`,
	}
	if missing, ok := inOrder(out, want); !ok {
		t.Errorf("missing, or out of order: %s\nin:\n%s", missing, out)
	}
	if strings.Contains(out, "3.其他<") || strings.Contains(out, "下载本表") {
		t.Error("format 2019 has no （六） sub-items and no CSV link was asked for")
	}
}

func TestActiveHTML(t *testing.T) {
	r := reportFixture(t, "2021.toml")
	out := disclosureHTML(t, r, "active", disclosureView{ID: "t2"})
	checkHeaders(t, out)
	want := []string{
		`<caption>二、主动公开政府信息情况</caption>`,
		`<th id="t2-s1" scope="colgroup" colspan="4">第二十条第（一）项</th>`,
		`<th id="t2-s1-c0" scope="col">信息内容</th><th id="t2-s1-c1" scope="col">本年制发件数</th><th id="t2-s1-c2" scope="col">本年废止件数</th><th id="t2-s1-c3" scope="col">现行有效件数</th>`,
		`<th id="t2-s1-r1" scope="row">规章</th><td class="num" headers="t2-s1 t2-s1-r1 t2-s1-c1">1</td><td class="num" headers="t2-s1 t2-s1-r1 t2-s1-c2">0</td><td class="num" headers="t2-s1 t2-s1-r1 t2-s1-c3">4</td>`,
		`>行政规范性文件</th>`,
		`>第二十条第（五）项</th>`,
		`<th id="t2-s2-c1" scope="col" colspan="3">本年处理决定数量</th>`,
		`>行政许可</th><td class="num" colspan="3" headers="t2-s2 t2-s2-r1 t2-s2-c1">120</td>`,
		`>第二十条第（六）项</th>`, `>行政处罚</th>`, `>行政强制</th>`,
		`>第二十条第（八）项</th>`, `>本年收费金额（单位：万元）</th>`,
		`>行政事业性收费</th><td class="num" colspan="3" headers="t2-s4 t2-s4-r1 t2-s4-c1">12.50</td>`,
	}
	if missing, ok := inOrder(out, want); !ok {
		t.Errorf("missing, or out of order: %s\nin:\n%s", missing, out)
	}
}

func TestActiveHTML2019(t *testing.T) {
	r := reportFixture(t, "2019.toml")
	out := disclosureHTML(t, r, "active", disclosureView{})
	checkHeaders(t, out)
	want := []string{
		`>本年新制作数量</th>`, `>本年新公开数量</th>`, `>对外公开总数量</th>`,
		`>规章</th>`, `>规范性文件</th>`,
		`>上一年项目数量</th>`, `>本年增/减</th>`, `>处理决定数量</th>`,
		`>行政许可</th><td class="num" headers="disclosure-active-s2 disclosure-active-s2-r1 disclosure-active-s2-c1">40</td><td class="num" headers="disclosure-active-s2 disclosure-active-s2-r1 disclosure-active-s2-c2">-3</td>`,
		`>其他对外管理服务事项</th>`, `>行政处罚</th>`, `>行政强制</th>`,
		`>第二十条第（八）项</th>`, `colspan="2">本年增/减</th>`, `>行政事业性收费</th>`,
		`>第二十条第（九）项</th>`, `>采购项目数量</th>`, `colspan="2">采购总金额（万元）</th>`,
		`>政府集中采购</th><td class="num" headers="disclosure-active-s5 disclosure-active-s5-r1 disclosure-active-s5-c1">12</td><td class="num" colspan="2" headers="disclosure-active-s5 disclosure-active-s5-r1 disclosure-active-s5-c2">356.75</td>`,
	}
	if missing, ok := inOrder(out, want); !ok {
		t.Errorf("missing, or out of order: %s\nin:\n%s", missing, out)
	}
}

func TestAppealsHTML(t *testing.T) {
	r := reportFixture(t, "2021.toml")
	out := disclosureHTML(t, r, "appeals", disclosureView{ID: "t4"})
	checkHeaders(t, out)
	want := []string{
		`<caption>四、政府信息公开行政复议、行政诉讼情况</caption>`,
		`<tr><th id="t4-review" scope="colgroup" colspan="5">行政复议</th><th id="t4-suit" scope="colgroup" colspan="10">行政诉讼</th></tr>`,
		`<tr><th id="t4-review-0" scope="col" rowspan="2">结果维持</th><th id="t4-review-1" scope="col" rowspan="2">结果纠正</th><th id="t4-review-2" scope="col" rowspan="2">其他结果</th><th id="t4-review-3" scope="col" rowspan="2">尚未审结</th><th id="t4-review-4" scope="col" rowspan="2">总计</th><th id="t4-direct" scope="colgroup" colspan="5">未经复议直接起诉</th><th id="t4-after" scope="colgroup" colspan="5">复议后起诉</th></tr>`,
		`<th id="t4-direct-0" scope="col">结果维持</th>`,
		`<th id="t4-after-4" scope="col">总计</th></tr>`,
		`headers="t4-review t4-review-4">5</td>`,
		`headers="t4-suit t4-direct t4-direct-4">3</td>`,
		`headers="t4-suit t4-after t4-after-4">2</td></tr>`,
	}
	if missing, ok := inOrder(out, want); !ok {
		t.Errorf("missing, or out of order: %s\nin:\n%s", missing, out)
	}
	if n := strings.Count(out, "<td "); n != 15 {
		t.Errorf("have %d numbers, want 15", n)
	}
}

// Two tables on one page keep their ids apart.
func TestHTMLIDsUnique(t *testing.T) {
	r := reportFixture(t, "2021.toml")
	page := disclosureHTML(t, r, "applications", disclosureView{ID: "a"}) + disclosureHTML(t, r, "applications", disclosureView{ID: "b"}) +
		disclosureHTML(t, r, "active", disclosureView{}) + disclosureHTML(t, r, "appeals", disclosureView{})
	checkHeaders(t, page)
}

// BenchmarkFiguresHTML is a dataset page's table with charts: twelve
// metrics over fourteen years.
func BenchmarkFiguresHTML(b *testing.B) {
	var src strings.Builder
	src.WriteString("title = \"基准数据\"\nsource = \"秦安县统计局\"\n")
	for m := range 12 {
		fmt.Fprintf(&src, "\n[[metric]]\nkey = \"m%d\"\nlabel = \"指标%d\"\nunit = \"万元\"\n", m, m)
	}
	for y := 2010; y < 2024; y++ {
		fmt.Fprintf(&src, "\n[year.%d]\n", y)
		for m := range 12 {
			if (y+m)%7 != 0 {
				fmt.Fprintf(&src, "m%d = %d.%d\n", m, (y*31+m*17)%5000-300, m)
			}
		}
	}
	d := dataset(b, src.String())
	th := defaultTheme()
	var out strings.Builder
	for b.Loop() {
		t, err := d.Table(nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		out.Reset()
		if err := th.ExecuteFile(&out, "figures.html", &figuresView{Table: t, Chart: true, ID: "ds", CSVURL: "/data/bench.csv"}); err != nil {
			b.Fatal(err)
		}
	}
}
