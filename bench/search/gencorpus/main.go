// Command gencorpus writes a synthetic disclosure site for benchmarks
// (a copy of ../shared/bench/gencorpus, so this benchmark runs on a fresh
// clone and on the same 10,000 pages):
// the same Markdown pages and TOML datasets twice, once in the project's
// content format (OUT/site/content) and once as a Hugo site (OUT/hugo)
// whose templates do comparable work, so the two builds can be timed
// side by side.
//
//	go run ./gencorpus -pages 10000 -out /tmp/corpus
//
// The output is deterministic for a given -pages, -datasets and -seed.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var sections = []struct{ name, title, kind string }{
	{"reports", "工作报告", "报告"},
	{"notices", "通知公告", "通知"},
	{"policies", "政策文件", "规范性文件"},
	{"annual", "年度报告", "年报"},
	{"news", "工作动态", "动态"},
}

var topics = []string{"科技创新", "法治政府建设", "项目管理", "人才培训", "农业科技", "财政资金", "行政执法", "政务公开"}

// words is a hand-made vocabulary of administrative Chinese, sampled to
// make sentences of realistic length and character mix.
var words = strings.Fields(`科技 创新 项目 管理 资金 培训 农民 企业 园区 示范 推进 落实 加强 完善 制度 依法 行政 执法 人员 考核
全县 县级 市级 省级 专项 经费 立项 验收 申报 储备 实施 方案 规划 产业 技术 联盟 服务 基层 乡镇 村级 群众 宣传 教育
普法 法治 政府 建设 工作 任务 目标 会议 研究 部署 整改 问题 反馈 巡察 监督 审查 备案 规范性 文件 决策 程序 公众 参与
专家 论证 风险 评估 合法性 集体 讨论 决定 机制 体系 能力 水平 质量 效益 发展 战略 振兴 乡村 特色 种植 栽培 试验 推广
应用 研发 成果 转化 平台 中心 孵化 空间 人才 队伍 特派员 团队 线上 线下 相结合 方式 形式 活动 培训班 折页 光盘 手册`)

var puncts = []string{"，", "，", "，", "、", "；"}

func sentence(r *rand.Rand) string {
	var b strings.Builder
	n := 6 + r.Intn(14)
	for i := 0; i < n; i++ {
		b.WriteString(words[r.Intn(len(words))])
		if i < n-1 && r.Intn(4) == 0 {
			b.WriteString(puncts[r.Intn(len(puncts))])
		}
	}
	if r.Intn(3) == 0 {
		fmt.Fprintf(&b, "%d项", 1+r.Intn(60))
	}
	b.WriteString("。")
	return b.String()
}

func paragraph(r *rand.Rand) string {
	var b strings.Builder
	for i, n := 0, 3+r.Intn(6); i < n; i++ {
		b.WriteString(sentence(r))
	}
	return b.String()
}

type page struct {
	section, name, title string
	date                 time.Time
}

type dataset struct {
	key, title string
	metrics    []string
	years      []int
}

func main() {
	log.SetFlags(0)
	pages := flag.Int("pages", 2000, "number of Markdown pages")
	nsets := flag.Int("datasets", 20, "number of TOML figures datasets")
	seed := flag.Int64("seed", 1, "random seed")
	out := flag.String("out", "", "output folder (required; must not exist)")
	flag.Parse()
	if *out == "" {
		log.Fatal("gencorpus: -out is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("gencorpus: %s exists", *out)
	}
	r := rand.New(rand.NewSource(*seed))
	site := filepath.Join(*out, "site", "content")
	hugo := filepath.Join(*out, "hugo")

	sets := make([]dataset, *nsets)
	for i := range sets {
		d := dataset{key: fmt.Sprintf("ds%03d", i), title: fmt.Sprintf("%s统计（%d）", topics[i%len(topics)], i)}
		for m := 0; m < 4+r.Intn(8); m++ {
			d.metrics = append(d.metrics, fmt.Sprintf("m%02d", m))
		}
		first := 2012 + r.Intn(6)
		for y := first; y <= 2025; y++ {
			d.years = append(d.years, y)
		}
		sets[i] = d
		body := datasetTOML(r, d)
		write(filepath.Join(site, "data", d.key+".toml"), body)
		write(filepath.Join(hugo, "data", d.key+".toml"), body)
	}

	all := make([]page, *pages)
	base := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range all {
		s := sections[i%len(sections)]
		all[i] = page{
			section: s.name,
			name:    fmt.Sprintf("p%06d", i),
			title:   fmt.Sprintf("关于%s%s的%s（第%d号）", words[r.Intn(len(words))], words[r.Intn(len(words))], s.kind, i),
			date:    base.AddDate(0, 0, r.Intn(5800)),
		}
	}
	for i, p := range all {
		md := pageMarkdown(r, p, i, all, sets)
		write(filepath.Join(site, p.section, p.name+".md"), md)
		write(filepath.Join(hugo, "content", p.section, p.name+".md"), md)
	}
	for _, s := range sections {
		idx := fmt.Sprintf("+++\ntitle = %q\n+++\n\n%s\n", s.title, paragraph(r))
		write(filepath.Join(site, s.name, "_index.md"), idx)
		write(filepath.Join(hugo, "content", s.name, "_index.md"), idx)
	}
	home := "+++\ntitle = \"首页\"\n+++\n\n" + paragraph(r) + "\n"
	write(filepath.Join(site, "_index.md"), home)
	write(filepath.Join(hugo, "content", "_index.md"), home)
	write(filepath.Join(site, "site.toml"), siteTOML)
	for name, body := range hugoFiles {
		write(filepath.Join(hugo, name), body)
	}
	fmt.Printf("wrote %d pages and %d datasets under %s\n", *pages, *nsets, *out)
}

func datasetTOML(r *rand.Rand, d dataset) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title = %q\nsource = \"基准测试生成数据\"\n", d.title)
	units := []string{"万元", "项", "人次", "家", "件"}
	for i, m := range d.metrics {
		fmt.Fprintf(&b, "\n[[metric]]\nkey = %q\nlabel = \"%s%s\"\nunit = %q\n", m, words[r.Intn(len(words))], words[r.Intn(len(words))], units[i%len(units)])
	}
	for _, y := range d.years {
		fmt.Fprintf(&b, "\n[year.%d]\n", y)
		for _, m := range d.metrics {
			if r.Intn(20) == 0 {
				continue // a missing value is not a zero
			}
			if r.Intn(3) == 0 {
				fmt.Fprintf(&b, "%s = %.2f\n", m, r.Float64()*500)
			} else {
				fmt.Fprintf(&b, "%s = %d\n", m, r.Intn(2000))
			}
		}
	}
	return b.String()
}

func pageMarkdown(r *rand.Rand, p page, i int, all []page, sets []dataset) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\n", p.title, p.date.Format("2006-01-02"))
	fmt.Fprintf(&b, "publisher = \"示例县科学技术局\"\ndoc_no = \"示科发〔%d〕%d号\"\n", p.date.Year(), 1+i%97)
	fmt.Fprintf(&b, "topic = %q\nsummary = %q\n+++\n\n", topics[r.Intn(len(topics))], sentence(r))
	heads := []string{"一、基本情况", "二、主要做法", "三、存在问题", "四、下一步工作"}
	for h := 0; h < 2+r.Intn(3); h++ {
		fmt.Fprintf(&b, "## %s\n\n", heads[h])
		for k := 0; k < 1+r.Intn(3); k++ {
			b.WriteString(paragraph(r))
			b.WriteString("\n\n")
		}
		if r.Intn(3) == 0 {
			for k := 0; k < 3; k++ {
				fmt.Fprintf(&b, "%d. %s\n", k+1, sentence(r))
			}
			b.WriteString("\n")
		}
	}
	if r.Intn(4) == 0 {
		b.WriteString("| 项目 | 数量 | 金额（万元） |\n| --- | ---: | ---: |\n")
		for k := 0; k < 4; k++ {
			fmt.Fprintf(&b, "| %s%s | %d | %.1f |\n", words[r.Intn(len(words))], words[r.Intn(len(words))], r.Intn(50), r.Float64()*300)
		}
		b.WriteString("\n")
	}
	if r.Intn(5) == 0 {
		d := sets[r.Intn(len(sets))]
		fmt.Fprintf(&b, "```figures\ndataset = %q\nmetrics = [%q, %q]\n```\n\n", d.key, d.metrics[0], d.metrics[1])
	}
	o := all[r.Intn(len(all))]
	fmt.Fprintf(&b, "相关文件：[%s](/%s/%s/)。\n", o.title, o.section, o.name)
	return b.String()
}

func write(path, body string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		log.Fatal(err)
	}
}

const siteTOML = `title = "示例县科学技术局"
base_url = "http://localhost/"
language = "zh-CN"

[organization]
name = "示例县科学技术局"
`

// hugoFiles is a Hugo site whose templates do work comparable to the
// project's default theme: a base page, a metadata block on every page,
// section lists, the home page's latest items, and figures tables built
// from the same TOML datasets by a code-block render hook.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "http://localhost/"
languageCode = "zh-CN"
title = "示例县科学技术局"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term"]
sectionPagesMenu = "main"
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer></body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<table class="meta"><tr><th>发布机构</th><td>{{ .Params.publisher }}</td><th>文号</th><td>{{ .Params.doc_no }}</td></tr>
<tr><th>主题分类</th><td>{{ .Params.topic }}</td><th>发布日期</th><td>{{ .Date.Format "2006-01-02" }}</td></tr></table>
{{ .Content }}</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>{{ end }}
`,
	"layouts/index.html": `{{ define "main" }}{{ .Content }}
<ul>{{ range first 20 (where site.RegularPages.ByDate.Reverse "Section" "!=" "") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
	"layouts/_default/_markup/render-codeblock-figures.html": `{{ $spec := transform.Unmarshal .Inner }}{{ $ds := index site.Data $spec.dataset }}
<table class="figures"><caption>{{ $ds.title }}</caption><thead><tr><th>指标</th>{{ range $y, $_ := $ds.year }}<th>{{ $y }}</th>{{ end }}</tr></thead><tbody>
{{ range $ds.metric }}{{ $key := .key }}{{ if in $spec.metrics $key }}<tr><th>{{ .label }}（{{ .unit }}）</th>{{ range $y, $vals := $ds.year }}<td>{{ with index $vals $key }}{{ . }}{{ else }}—{{ end }}</td>{{ end }}</tr>{{ end }}{{ end }}
</tbody></table>
`,
}
