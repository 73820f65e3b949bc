package disclosure

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
)

func render(t *testing.T, r *Report, table string, o HTMLOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteHTML(&b, table, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
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
	r := decodeClean(t, "r.toml", readFixture(t, "2021.toml"))
	out := render(t, r, "applications", HTMLOptions{CSVURL: "applications.csv?a=1&b=2", ID: "t3"})
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
	if again := render(t, r, "applications", HTMLOptions{CSVURL: "applications.csv?a=1&b=2", ID: "t3"}); again != out {
		t.Error("two renderings differ")
	}
}

func TestApplicationsHTML2019(t *testing.T) {
	r := decodeClean(t, "r.toml", readFixture(t, "2019.toml"))
	out := render(t, r, "applications", HTMLOptions{})
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
	r := decodeClean(t, "r.toml", readFixture(t, "2021.toml"))
	out := render(t, r, "active", HTMLOptions{ID: "t2"})
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
	r := decodeClean(t, "r.toml", readFixture(t, "2019.toml"))
	out := render(t, r, "active", HTMLOptions{})
	checkHeaders(t, out)
	want := []string{
		`>本年新制作数量</th>`, `>本年新公开数量</th>`, `>对外公开总数量</th>`,
		`>规章</th>`, `>规范性文件</th>`,
		`>上一年项目数量</th>`, `>本年增/减</th>`, `>处理决定数量</th>`,
		`>行政许可</th><td class="num" headers="disclosure-active-s2 disclosure-active-s2-r1 disclosure-active-s2-c1">40</td><td class="num" headers="disclosure-active-s2 disclosure-active-s2-r1 disclosure-active-s2-c2">-3</td>`,
		`>其他对外管理服务事项</th>`, `>行政处罚</th>`, `>行政强制</th>`,
		`>第二十条第（八）项</th>`, `colspan="2">本年增/减</th>`, `>行政事业性收费</th>`,
		`>第二十条第（九）项</th>`, `>采购项目数量</th>`, `colspan="2">采购总金额</th>`,
		`>政府集中采购</th><td class="num" headers="disclosure-active-s5 disclosure-active-s5-r1 disclosure-active-s5-c1">12</td><td class="num" colspan="2" headers="disclosure-active-s5 disclosure-active-s5-r1 disclosure-active-s5-c2">356.75</td>`,
	}
	if missing, ok := inOrder(out, want); !ok {
		t.Errorf("missing, or out of order: %s\nin:\n%s", missing, out)
	}
}

func TestAppealsHTML(t *testing.T) {
	r := decodeClean(t, "r.toml", readFixture(t, "2021.toml"))
	out := render(t, r, "appeals", HTMLOptions{ID: "t4"})
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
	r := decodeClean(t, "r.toml", readFixture(t, "2021.toml"))
	page := render(t, r, "applications", HTMLOptions{ID: "a"}) + render(t, r, "applications", HTMLOptions{ID: "b"}) +
		render(t, r, "active", HTMLOptions{}) + render(t, r, "appeals", HTMLOptions{})
	checkHeaders(t, page)
}

func TestWriteHTMLUnknownTable(t *testing.T) {
	r := decodeClean(t, "r.toml", "year = 2021\n")
	var b bytes.Buffer
	if err := r.WriteHTML(&b, "foo", HTMLOptions{}); err == nil || b.Len() > 0 {
		t.Errorf("have %v and %d bytes, want an error and nothing written", err, b.Len())
	}
}

func TestWriteCSV(t *testing.T) {
	r21 := decodeClean(t, "r.toml", readFixture(t, "2021.toml"))
	r19 := decodeClean(t, "r.toml", readFixture(t, "2019.toml"))
	tests := []struct {
		r     *Report
		table string
		rows  int
		want  []string // records, joined with "|", in order
	}{
		{r21, "applications", 26, []string{
			"项目|办理结果|具体情形|申请人情况/自然人|申请人情况/法人或其他组织/商业企业|申请人情况/法人或其他组织/科研机构|申请人情况/法人或其他组织/社会公益组织|申请人情况/法人或其他组织/法律服务机构|申请人情况/法人或其他组织/其他|申请人情况/总计",
			"一、本年新收政府信息公开申请数量|||13000|800|100|50|100|19|14069",
			"三、本年度办理结果|（三）不予公开|3.危及“三安全一稳定”|30|0|0|0|0|0|30",
			"三、本年度办理结果|（七）总计||12800|760|90|45|96|19|13810",
			"四、结转下年度继续办理|||700|80|20|10|9|0|819",
		}},
		{r19, "applications", 24, []string{
			"三、本年度办理结果|（六）其他处理||20|0|0|0|0|0|20",
			"三、本年度办理结果|（七）总计||748|48|4|3|2|0|805",
		}},
		{r21, "active", 11, []string{
			"条款|信息内容|指标|数值",
			"第二十条第（一）项|行政规范性文件|现行有效件数|12",
			"第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）|12.50",
		}},
		{r19, "active", 23, []string{
			"第二十条第（五）项|行政许可|本年增/减|-3",
			"第二十条第（九）项|政府集中采购|采购总金额|356.75",
		}},
		{r21, "appeals", 2, []string{
			"行政复议/结果维持|行政复议/结果纠正|行政复议/其他结果|行政复议/尚未审结|行政复议/总计|行政诉讼/未经复议直接起诉/结果维持|行政诉讼/未经复议直接起诉/结果纠正|行政诉讼/未经复议直接起诉/其他结果|行政诉讼/未经复议直接起诉/尚未审结|行政诉讼/未经复议直接起诉/总计|行政诉讼/复议后起诉/结果维持|行政诉讼/复议后起诉/结果纠正|行政诉讼/复议后起诉/其他结果|行政诉讼/复议后起诉/尚未审结|行政诉讼/复议后起诉/总计",
			"3|1|0|1|5|2|0|1|0|3|1|0|0|1|2",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.r.Format+"/"+tt.table, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.r.WriteCSV(&b, tt.table); err != nil {
				t.Fatal(err)
			}
			data := b.Bytes()
			if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				t.Fatalf("no BOM: % x", data[:min(8, len(data))])
			}
			if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Count(data, []byte("\r\n")) != tt.rows {
				t.Errorf("want %d CRLF-ended lines", tt.rows)
			}
			recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var joined []string
			for _, rec := range recs {
				joined = append(joined, strings.Join(rec, "|"))
			}
			if missing, ok := inOrder(strings.Join(joined, "\n")+"\n", lines(tt.want)); !ok {
				t.Errorf("missing, or out of order: %s\nin:\n%s", missing, strings.Join(joined, "\n"))
			}
		})
	}
}

// lines makes each want match a whole record.
func lines(want []string) []string {
	out := make([]string, len(want))
	for i, w := range want {
		out[i] = w + "\n"
	}
	return out
}
