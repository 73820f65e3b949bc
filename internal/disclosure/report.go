package disclosure

import (
	"strconv"

	"gongkai/internal/tomldoc"
)

// Tables names the tables a ```disclosure block can place, in report order.
var Tables = []string{"active", "applications", "appeals"}

// The two formats of the national tables.
const (
	Format2021 = "2021" // 国办公开办函〔2021〕30号
	Format2019 = "2019" // 国办公开办函〔2019〕60号 (试行)
)

// Report is one year's tables.toml.
type Report struct {
	Path     string // as given to Decode, for error messages
	Year     int
	YearLine int    // of year in tables.toml
	Format   string // Format2021 or Format2019
	// Held names the tables tables.toml has, in report order. Only these
	// are published: a table the report does not hold is no table of
	// zeros, but no table.
	Held []string

	Active       Active       // 二, format "2021"
	Active2019   Active2019   // 二, format "2019"
	Applications Applications // 三
	Appeals      Appeals      // 四

	// doc knows the line that set each TOML key.
	doc *tomldoc.Table
}

// Row is one row of table 三: counts by applicant, in the order of
// ApplicantColumns[:6]. Its 总计 is Total.
type Row [6]int

// Total is the row's 总计 column.
func (r Row) Total() int {
	n := 0
	for _, v := range r {
		n += v
	}
	return n
}

// col returns column c of the row, the seventh (c == 6) being 总计.
func (r Row) col(c int) int {
	if c == 6 {
		return r.Total()
	}
	return r[c]
}

func (r Row) add(s Row) Row {
	for i := range r {
		r[i] += s[i]
	}
	return r
}

// ApplicantColumns are table 三's seven numeric columns.
var ApplicantColumns = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

// Applications is table 三、收到和处理政府信息公开申请情况.
type Applications struct {
	Received   Row // 一、本年新收政府信息公开申请数量
	CarriedIn  Row // 二、上年结转政府信息公开申请数量
	Disclosed  Row // （一）予以公开
	Partly     Row // （二）部分公开
	CarriedOut Row // 四、结转下年度继续办理

	Withheld    [8]Row // （三）不予公开 1–8
	Unavailable [3]Row // （四）无法提供 1–3
	Rejected    [5]Row // （五）不予处理 1–5
	// Other is （六）其他处理: rows 1–3 in format "2021", the single row
	// in format "2019".
	Other []Row
}

// Result is （七）总计: （一）+（二）+Σ（三）+Σ（四）+Σ（五）+Σ（六）.
func (a *Applications) Result() Row {
	t := a.Disclosed.add(a.Partly)
	for _, g := range [][]Row{a.Withheld[:], a.Unavailable[:], a.Rejected[:], a.Other} {
		for _, r := range g {
			t = t.add(r)
		}
	}
	return t
}

// Outcomes is one group of table 四: 结果维持, 结果纠正, 其他结果, 尚未审结.
type Outcomes [4]int

// Total is the group's 总计.
func (o Outcomes) Total() int { return o[0] + o[1] + o[2] + o[3] }

// OutcomeColumns name the four counts of Outcomes.
var OutcomeColumns = []string{"结果维持", "结果纠正", "其他结果", "尚未审结"}

// Appeals is table 四、政府信息公开行政复议、行政诉讼情况.
type Appeals struct {
	Review          Outcomes // 行政复议
	DirectSuit      Outcomes // 行政诉讼 未经复议直接起诉
	SuitAfterReview Outcomes // 行政诉讼 复议后起诉
}

// Amount is a sum of money in 万元 (or, in format "2019", a 收费 item
// count), kept as the editor typed it so 12.50 stays 12.50.
type Amount struct {
	Value float64
	Text  string // as typed; empty means format Value
}

func (a Amount) String() string {
	if a.Text != "" {
		return a.Text
	}
	return strconv.FormatFloat(a.Value, 'f', -1, 64)
}

// Documents is a 规章 or 行政规范性文件 row of format "2021".
type Documents struct {
	Issued   int // 本年制发件数
	Repealed int // 本年废止件数
	InForce  int // 现行有效件数
}

// Active is table 二、主动公开政府信息情况 in format "2021".
type Active struct {
	Rules       Documents // 规章
	Normative   Documents // 行政规范性文件
	Licensing   int       // 行政许可 本年处理决定数量
	Penalties   int       // 行政处罚
	Enforcement int       // 行政强制
	Fees        Amount    // 行政事业性收费 本年收费金额（单位：万元）
}

// Documents2019 is a 规章 or 规范性文件 row of format "2019".
type Documents2019 struct {
	Made      int // 本年新制作数量
	Published int // 本年新公开数量
	Total     int // 对外公开总数量
}

// Matters is a 行政许可, 其他对外管理服务事项, 行政处罚 or 行政强制 row of
// format "2019".
type Matters struct {
	LastYear  int // 上一年项目数量
	Change    int // 本年增/减, may be negative
	Decisions int // 处理决定数量
}

// Fees2019 is the 行政事业性收费 row of format "2019".
type Fees2019 struct {
	LastYear Amount // 上一年项目数量
	Change   Amount // 本年增/减, may be negative
}

// Procurement is the 政府集中采购 row of format "2019".
type Procurement struct {
	Count  int    // 采购项目数量
	Amount Amount // 采购总金额
	Unit   string // of Amount, as the report prints it: 元 or 万元
}

// Active2019 is table 二、主动公开政府信息情况 in format "2019".
type Active2019 struct {
	Rules         Documents2019 // 规章
	Normative     Documents2019 // 规范性文件
	Licensing     Matters       // 行政许可
	OtherServices Matters       // 其他对外管理服务事项
	Penalties     Matters       // 行政处罚
	Enforcement   Matters       // 行政强制
	Fees          Fees2019      // 行政事业性收费
	Procurement   Procurement   // 政府集中采购
}

// Headline is the figures a list of reports compares year by year, all
// from the 总计 column.
type Headline struct {
	Received   int // 一、本年新收
	CarriedIn  int // 二、上年结转
	Disclosed  int // （一）予以公开
	Partly     int // （二）部分公开
	CarriedOut int // 四、结转下年度继续办理
	Reviews    int // 行政复议 总计
	Suits      int // 行政诉讼: 未经复议直接起诉 总计 + 复议后起诉 总计
}

// Headline returns the report's headline figures.
func (r *Report) Headline() Headline {
	a := &r.Applications
	return Headline{
		Received:   a.Received.Total(),
		CarriedIn:  a.CarriedIn.Total(),
		Disclosed:  a.Disclosed.Total(),
		Partly:     a.Partly.Total(),
		CarriedOut: a.CarriedOut.Total(),
		Reviews:    r.Appeals.Review.Total(),
		Suits:      r.Appeals.DirectSuit.Total() + r.Appeals.SuitAfterReview.Total(),
	}
}

// item is a TOML key with the national label it stands for.
type item struct {
	key   string
	label string
}

// A group of table 三's result rows: （三） to （六）.
type group struct {
	key   string // under [applications]
	label string
	rows  []item
}

const identityNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

var (
	received   = item{"received", "一、本年新收政府信息公开申请数量"}
	carriedIn  = item{"carried_in", "二、上年结转政府信息公开申请数量"}
	resultHead = "三、本年度办理结果"
	disclosed  = item{"disclosed", "（一）予以公开"}
	partly     = item{"partly", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"}
	resultSum  = "（七）总计"
	carriedOut = item{"carried_out", "四、结转下年度继续办理"}

	withheld = group{"withheld", "（三）不予公开", []item{
		{"state_secret", "1.属于国家秘密"},
		{"prohibited", "2.其他法律行政法规禁止公开"},
		{"security", "3.危及“三安全一稳定”"},
		{"third_party", "4.保护第三方合法权益"},
		{"internal", "5.属于三类内部事务信息"},
		{"process", "6.属于四类过程性信息"},
		{"enforcement_files", "7.属于行政执法案卷"},
		{"inquiry", "8.属于行政查询事项"},
	}}
	unavailable = group{"unavailable", "（四）无法提供", []item{
		{"not_held", "1.本机关不掌握相关政府信息"},
		{"needs_making", "2.没有现成信息需要另行制作"},
		{"unclear", "3.补正后申请内容仍不明确"},
	}}
	rejected = group{"rejected", "（五）不予处理", []item{
		{"petition", "1.信访举报投诉类申请"},
		{"repeated", "2.重复申请"},
		{"publications", "3.要求提供公开出版物"},
		{"excessive", "4.无正当理由大量反复申请"},
		{"confirmation", "5.要求行政机关确认或重新出具已获取信息"},
	}}
	other2021 = group{"other", "（六）其他处理", []item{
		{"no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
		{"no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
		{"other", "3.其他"},
	}}
	// In format "2019" （六） is one row; its key is [applications.other] total.
	other2019 = group{"other", "（六）其他处理", []item{{"total", ""}}}
)

// groups returns （三） to （六） as the report's format has them.
func (r *Report) groups() []group {
	if r.Format == Format2019 {
		return []group{withheld, unavailable, rejected, other2019}
	}
	return []group{withheld, unavailable, rejected, other2021}
}

// groupRows returns the rows of the applications group with the given key.
func (a *Applications) groupRows(key string) []Row {
	switch key {
	case "withheld":
		return a.Withheld[:]
	case "unavailable":
		return a.Unavailable[:]
	case "rejected":
		return a.Rejected[:]
	}
	return a.Other
}

// Section titles, used as table captions.
var captions = map[string]string{
	"active":       "二、主动公开政府信息情况",
	"applications": "三、收到和处理政府信息公开申请情况",
	"appeals":      "四、政府信息公开行政复议、行政诉讼情况",
}
