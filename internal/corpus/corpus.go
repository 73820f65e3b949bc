// Package corpus writes a synthetic government portal for benchmarks and
// scale tests: the shape of a province's 集约化 platform, many bodies'
// disclosure on one site, with pages of realistic length.
//
//	err := corpus.Write(dir, corpus.Options{Pages: 100000, Orgs: 500})
//
// The site has the portal's own columns (政务动态, 通知公告) and, with
// Orgs > 0, one column per body (org001/ …) with an [organization] of its
// own and four columns of its own (通知公告, 政策文件, 工作动态, 政府信息公开年报);
// pages are dealt round-robin to the bodies and their columns, the
// portal's own columns taking one page in ten. Each body's 年报 column also
// holds its 2020 and 2021 annual reports (bundles with tables.toml whose
// carry-over agrees), beyond Pages. Twenty datasets feed a figures block
// in one page of five; each page links to another of its body.
//
// The output is the same for the same Options, written on all cores.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gongkai/internal/cores"
)

// Options say what to write.
type Options struct {
	Pages    int    // Markdown pages, beyond the annual reports
	Orgs     int    // bodies, each a column with its [organization]; 0: a single body's site
	Datasets int    // figures datasets; 0 for 20
	Seed     uint64 // the same seed writes the same site
}

type column struct{ dir, title, kind string }

var portalColumns = []column{{"zwdt", "政务动态", "动态"}, {"tzgg", "通知公告", "通知"}}

var bodyColumns = []column{{"tzgg", "通知公告", "通知"}, {"zcwj", "政策文件", "规范性文件"}, {"gzdt", "工作动态", "动态"}, {"xxgknb", "政府信息公开年报", "年报"}}

// singleColumns are a single body's site's columns (Orgs == 0).
var singleColumns = []column{{"reports", "工作报告", "报告"}, {"notices", "通知公告", "通知"}, {"policies", "政策文件", "规范性文件"}, {"annual", "年度报告", "年报"}, {"news", "工作动态", "动态"}}

var bodyNames = []string{"科学技术局", "教育局", "财政局", "民政局", "司法局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局"}

var topics = []string{"科技创新", "法治政府建设", "项目管理", "人才培训", "农业科技", "财政资金", "行政执法", "政务公开"}

// words is a vocabulary of administrative Chinese, sampled into sentences
// of realistic length and character mix.
var words = strings.Fields(`科技 创新 项目 管理 资金 培训 农民 企业 园区 示范 推进 落实 加强 完善 制度 依法 行政 执法 人员 考核
全县 县级 市级 省级 专项 经费 立项 验收 申报 储备 实施 方案 规划 产业 技术 联盟 服务 基层 乡镇 村级 群众 宣传 教育
普法 法治 政府 建设 工作 任务 目标 会议 研究 部署 整改 问题 反馈 巡察 监督 审查 备案 规范性 文件 决策 程序 公众 参与
专家 论证 风险 评估 合法性 集体 讨论 决定 机制 体系 能力 水平 质量 效益 发展 战略 振兴 乡村 特色 种植 栽培 试验 推广
应用 研发 成果 转化 平台 中心 孵化 空间 人才 队伍 特派员 团队 线上 线下 相结合 方式 形式 活动 培训班 折页 光盘 手册`)

// body is one organization: its folder, name and code ("" for the portal).
type body struct{ dir, name, code string }

// Place says where page i of a site with orgs bodies goes: its folder
// under content/ and its file name; Write and tests agree through it.
func Place(i, orgs int) (dir, name string) {
	dir, _ = place(i, orgs)
	return dir, fmt.Sprintf("p%07d", i)
}

func place(i, orgs int) (string, column) {
	if orgs == 0 {
		c := singleColumns[i%len(singleColumns)]
		return c.dir, c
	}
	if i%10 == 0 {
		c := portalColumns[(i/10)%len(portalColumns)]
		return c.dir, c
	}
	k := i - i/10 - 1                               // the k-th page dealt to the bodies
	c := bodyColumns[(k/orgs)%(len(bodyColumns)-1)] // not the 年报 column
	return fmt.Sprintf("org%03d/%s", k%orgs+1, c.dir), c
}

// related is the page page i links to: one of the same body (or of the
// portal's, or of the same column of a single body's site) written
// before it; -1 for none.
func related(i, orgs int) int {
	switch {
	case orgs == 0:
		return i - len(singleColumns)
	case i%10 == 0:
		return i - 10
	}
	k := i - i/10 - 1 - orgs // the same body's, a round of the deal before
	if k < 0 {
		return -1
	}
	return 10*(k/9) + k%9 + 1
}

// code is the organization code of page i's body.
func code(i, orgs int) string {
	switch {
	case orgs == 0:
		return singleCode
	case i%10 == 0:
		return portalCode
	}
	return OrgCode((i-i/10-1)%orgs + 1)
}

const singleCode, portalCode = "11620522MB0000000X", "11620522000000000A"

// OrgCode is body n's (1-based) 统一社会信用代码, made up.
func OrgCode(n int) string { return fmt.Sprintf("11620522MB%07dX", n) }

// Write writes the site into dir (which must not exist).
func Write(dir string, o Options) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists", dir)
	}
	if o.Datasets == 0 {
		o.Datasets = 20
	}
	w := &writer{root: filepath.Join(dir, "content")}
	r := rand.New(rand.NewPCG(o.Seed, 0))
	w.file("site.toml", siteTOML(o.Orgs))
	w.file("_index.md", "+++\ntitle = \"首页\"\n+++\n\n"+paragraph(r)+"\n")
	cols := singleColumns
	if o.Orgs > 0 {
		cols = portalColumns
	}
	for i, c := range cols {
		w.file(c.dir+"/_index.md", fmt.Sprintf("+++\ntitle = %q\nweight = %d\n+++\n\n%s\n", c.title, i+1, paragraph(r)))
	}
	for n := 1; n <= o.Orgs; n++ {
		b := body{fmt.Sprintf("org%03d", n), fmt.Sprintf("示例县%s（%d）", bodyNames[(n-1)%len(bodyNames)], n), OrgCode(n)}
		w.file(b.dir+"/_index.md", fmt.Sprintf("+++\ntitle = \"%s信息公开\"\nweight = %d\n[organization]\nname = %q\ncode = %q\n+++\n", b.name, 100+n, b.name, b.code))
		for i, c := range bodyColumns {
			w.file(b.dir+"/"+c.dir+"/_index.md", fmt.Sprintf("+++\ntitle = %q\nweight = %d\n+++\n", c.title, i+1))
		}
		w.reports(b)
	}
	sets := make([]dataset, o.Datasets)
	for i := range sets {
		sets[i] = newDataset(r, i)
		w.file("data/"+sets[i].key+".toml", sets[i].toml(r))
	}
	// Pages on all cores, each from its own random stream: the same site
	// whatever the scheduling.
	cores.Each(o.Pages, func(i int) {
		dir, name := Place(i, o.Orgs)
		w.file(dir+"/"+name+".md", page(rand.New(rand.NewPCG(o.Seed, uint64(i)+1)), i, o, sets))
	})
	return w.err()
}

type writer struct {
	root string
	mu   sync.Mutex
	dirs sync.Map
	errs []error
}

func (w *writer) file(name, data string) {
	p := filepath.Join(w.root, name)
	d := filepath.Dir(p)
	if _, ok := w.dirs.Load(d); !ok {
		if err := os.MkdirAll(d, 0o755); err != nil {
			w.fail(err)
			return
		}
		w.dirs.Store(d, true)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		w.fail(err)
	}
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	w.errs = append(w.errs, err)
	w.mu.Unlock()
}

func (w *writer) err() error {
	if len(w.errs) > 0 {
		return w.errs[0]
	}
	return nil
}

// reports writes body b's 2020 and 2021 annual reports.
func (w *writer) reports(b body) {
	for _, y := range []int{2020, 2021} {
		dir := fmt.Sprintf("%s/xxgknb/%d/", b.dir, y)
		w.file(dir+"index.md", fmt.Sprintf("+++\ntitle = \"%s%d年政府信息公开工作年度报告\"\ndate = %d-01-20\n+++\n\n```disclosure\ntable = \"applications\"\n```\n", b.name, y, y+1))
	}
	w.file(b.dir+"/xxgknb/2020/tables.toml", "year = 2020\n[applications]\nreceived    = [5, 1, 0, 0, 0, 0]\ndisclosed   = [3, 1, 0, 0, 0, 0]\ncarried_out = [2, 0, 0, 0, 0, 0]\n")
	w.file(b.dir+"/xxgknb/2021/tables.toml", "year = 2021\n[applications]\nreceived    = [4, 0, 1, 0, 0, 0]\ncarried_in  = [2, 0, 0, 0, 0, 0]\ndisclosed   = [6, 0, 1, 0, 0, 0]\n")
}

func siteTOML(orgs int) string {
	title, code := "示例县科学技术局", singleCode
	if orgs > 0 {
		title, code = "示例县人民政府", portalCode
	}
	return fmt.Sprintf("title = %q\nbase_url = \"http://localhost/\"\nlanguage = \"zh-CN\"\n\n[organization]\nname = %q\ncode = %q\n", title, title, code)
}

func sentence(r *rand.Rand) string {
	var b strings.Builder
	n := 6 + r.IntN(14)
	for i := 0; i < n; i++ {
		b.WriteString(words[r.IntN(len(words))])
		if i < n-1 && r.IntN(4) == 0 {
			b.WriteString([]string{"，", "，", "，", "、", "；"}[r.IntN(5)])
		}
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "%d项", 1+r.IntN(60))
	}
	b.WriteString("。")
	return b.String()
}

func paragraph(r *rand.Rand) string {
	var b strings.Builder
	for i, n := 0, 3+r.IntN(6); i < n; i++ {
		b.WriteString(sentence(r))
	}
	return b.String()
}

var (
	base        = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	figuresFrom = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
)

// page is the Markdown of page i.
func page(r *rand.Rand, i int, o Options, sets []dataset) string {
	_, col := place(i, o.Orgs)
	date := base.AddDate(0, 0, r.IntN(5800))
	if i%5 == 0 {
		date = figuresFrom.AddDate(0, 0, r.IntN(2900)) // a year every dataset has
	}
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"关于%s%s的%s（第%d号）\"\ndate = %s\n", words[r.IntN(len(words))], words[r.IntN(len(words))], col.kind, i, date.Format("2006-01-02"))
	// The 索引号 written in, as gongkai number leaves a site, and the 文号:
	// unique, as the page's number i is.
	fmt.Fprintf(&b, "index_no = \"%s/%d-%05d\"\n", code(i, o.Orgs), date.Year(), i)
	fmt.Fprintf(&b, "doc_no = \"示发〔%d〕%d号\"\ntopic = %q\nsummary = %q\n+++\n\n", date.Year(), i, topics[r.IntN(len(topics))], sentence(r))
	heads := []string{"一、基本情况", "二、主要做法", "三、存在问题", "四、下一步工作"}
	for h := 0; h < 2+r.IntN(3); h++ {
		fmt.Fprintf(&b, "## %s\n\n", heads[h])
		for k := 0; k < 1+r.IntN(3); k++ {
			b.WriteString(paragraph(r))
			b.WriteString("\n\n")
		}
		if r.IntN(3) == 0 {
			for k := 0; k < 3; k++ {
				fmt.Fprintf(&b, "%d. %s\n", k+1, sentence(r))
			}
			b.WriteString("\n")
		}
	}
	if r.IntN(4) == 0 {
		b.WriteString("| 项目 | 数量 | 金额（万元） |\n| --- | ---: | ---: |\n")
		for k := 0; k < 4; k++ {
			fmt.Fprintf(&b, "| %s%s | %d | %.1f |\n", words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(50), r.Float64()*300)
		}
		b.WriteString("\n")
	}
	if i%5 == 0 {
		d := sets[i%len(sets)]
		fmt.Fprintf(&b, "```figures\ndataset = %q\nmetrics = [%q, %q]\n```\n\n", d.key, d.metrics[0], d.metrics[1])
	}
	if j := related(i, o.Orgs); j >= 0 {
		d, n := Place(j, o.Orgs)
		fmt.Fprintf(&b, "相关文件：[上一篇](/%s/%s/)。\n", d, n)
	}
	return b.String()
}

type dataset struct {
	key, title string
	metrics    []string
	years      []int
}

func newDataset(r *rand.Rand, i int) dataset {
	d := dataset{key: fmt.Sprintf("ds%03d", i), title: fmt.Sprintf("%s统计（%d）", topics[i%len(topics)], i)}
	for m := 0; m < 4+r.IntN(8); m++ {
		d.metrics = append(d.metrics, fmt.Sprintf("m%02d", m))
	}
	for y := 2012 + r.IntN(6); y <= 2025; y++ {
		d.years = append(d.years, y)
	}
	return d
}

func (d dataset) toml(r *rand.Rand) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title = %q\nsource = \"基准测试生成数据\"\n", d.title)
	units := []string{"万元", "项", "人次", "家", "件"}
	for i, m := range d.metrics {
		fmt.Fprintf(&b, "\n[[metric]]\nkey = %q\nlabel = \"%s%s\"\nunit = %q\n", m, words[r.IntN(len(words))], words[r.IntN(len(words))], units[i%len(units)])
	}
	for _, y := range d.years {
		fmt.Fprintf(&b, "\n[year.%d]\n", y)
		for _, m := range d.metrics {
			switch {
			case r.IntN(20) == 0: // a missing value is not a zero
			case r.IntN(3) == 0:
				fmt.Fprintf(&b, "%s = %.2f\n", m, r.Float64()*500)
			default:
				fmt.Fprintf(&b, "%s = %d\n", m, r.IntN(2000))
			}
		}
	}
	return b.String()
}
