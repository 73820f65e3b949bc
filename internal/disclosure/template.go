package disclosure

import (
	"fmt"
	"strings"
)

// Template returns a tables.toml for a new year's report in the given
// format ("2021" unless "2019"): every row present and zeroed, each
// commented with its national label, ready for an editor to fill in.
func Template(year int, format string) []byte {
	if format != Format2019 {
		format = Format2021
	}
	t := &templateWriter{}
	t.comment("%d年政府信息公开工作年度报告 表格数据（格式 %q：%s）", year, format, map[string]string{
		Format2021: "国办公开办函〔2021〕30号", Format2019: "国办公开办函〔2019〕60号 试行"}[format])
	t.comment("只填各格的数字；各“总计”由程序计算，不用填。没有写的行按 0 计。数字不加引号。")
	t.line(fmt.Sprintf("year = %d", year), "")
	t.line(fmt.Sprintf("format = %q", format), `"2021"（国办公开办函〔2021〕30号）或 "2019"（试行）`)

	t.blank()
	t.comment("二、主动公开政府信息情况")
	t.line("[active]", "")
	if format == Format2019 {
		docs := "{ made = 0, published = 0, total = 0 }"
		matters := "{ last_year = 0, change = 0, decisions = 0 }"
		t.comment("第二十条第（一）项：made 本年新制作数量，published 本年新公开数量，total 对外公开总数量")
		t.line("rules = "+docs, "规章")
		t.line("normative = "+docs, "规范性文件")
		t.comment("第二十条第（五）项：last_year 上一年项目数量，change 本年增/减（可为负数），decisions 处理决定数量")
		t.line("licensing = "+matters, "行政许可")
		t.line("other_services = "+matters, "其他对外管理服务事项")
		t.comment("第二十条第（六）项：同上三项")
		t.line("penalties = "+matters, "行政处罚")
		t.line("enforcement = "+matters, "行政强制")
		t.comment("第二十条第（八）项：last_year 上一年项目数量，change 本年增/减；可有小数")
		t.line("fees = { last_year = 0, change = 0 }", "行政事业性收费")
		t.comment("第二十条第（九）项：count 采购项目数量，amount 采购总金额（可有小数），unit 为金额单位：元 或 万元")
		t.line(`procurement = { count = 0, amount = 0, unit = "万元" }`, "政府集中采购")
	} else {
		docs := "{ issued = 0, repealed = 0, in_force = 0 }"
		t.comment("第二十条第（一）项：issued 本年制发件数，repealed 本年废止件数，in_force 现行有效件数")
		t.line("rules = "+docs, "规章")
		t.line("normative = "+docs, "行政规范性文件")
		t.comment("第二十条第（五）项、第（六）项：本年处理决定数量")
		t.line("licensing = 0", "行政许可")
		t.line("penalties = 0", "行政处罚")
		t.line("enforcement = 0", "行政强制")
		t.comment("第二十条第（八）项：本年收费金额（单位：万元），可有小数，按所填显示")
		t.line("fees = 0", "行政事业性收费")
	}

	zeros := "[0, 0, 0, 0, 0, 0]"
	t.blank()
	t.comment("三、收到和处理政府信息公开申请情况")
	t.comment("每行六个数，依次为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他。")
	t.comment("%s", identityNote)
	t.line("[applications]", "")
	for _, it := range []item{received, carriedIn} {
		t.line(it.key+" = "+zeros, it.label)
	}
	t.comment("%s", resultHead)
	for _, it := range []item{disclosed, partly} {
		t.line(it.key+" = "+zeros, it.label)
	}
	t.line(carriedOut.key+" = "+zeros, carriedOut.label)
	r := &Report{Format: format}
	for _, g := range r.groups() {
		t.blank()
		t.line("[applications."+g.key+"]", g.label)
		for _, it := range g.rows {
			label := it.label
			if label == "" {
				label = g.label + "（\"2019\" 格式中合为一行）"
			}
			t.line(it.key+" = "+zeros, label)
		}
	}

	t.blank()
	t.comment("四、政府信息公开行政复议、行政诉讼情况")
	t.comment("每行四个数，依次为：结果维持、结果纠正、其他结果、尚未审结。")
	t.line("[appeals]", "")
	t.line("review = [0, 0, 0, 0]", "行政复议")
	t.line("direct_suit = [0, 0, 0, 0]", "行政诉讼 未经复议直接起诉")
	t.line("suit_after_review = [0, 0, 0, 0]", "行政诉讼 复议后起诉")
	return []byte(t.b.String())
}

type templateWriter struct{ b strings.Builder }

func (t *templateWriter) blank() { t.b.WriteByte('\n') }

func (t *templateWriter) comment(format string, args ...any) {
	t.b.WriteString("# " + fmt.Sprintf(format, args...) + "\n")
}

// line writes TOML with its label as a comment, aligned at column 50.
func (t *templateWriter) line(toml, label string) {
	t.b.WriteString(toml)
	if label != "" {
		t.b.WriteString(strings.Repeat(" ", max(1, 50-len(toml))))
		t.b.WriteString("# " + label)
	}
	t.b.WriteByte('\n')
}
