// Package scaffold writes new pages for editors to fill in: a plain page,
// or an annual-report bundle (政府信息公开工作年度报告) whose tables.toml
// has every row of the national tables present and zeroed.
//
//	files, err := scaffold.Page(siteDir, "notices/2024-training", scaffold.Options{Date: today})
//
// New pages start as drafts, so a half-written page is never published by
// accident; the front matter says how to publish it. Existing files are
// never overwritten.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gongkai/internal/disclosure"
)

// Options say what to make.
type Options struct {
	Date   time.Time
	Report int    // a year: make an annual-report bundle for it
	Format string // the report's table format, "2021" or "2019"
	Org    string // the publishing body, for the report's title
}

// Page writes the page SECTION/NAME under siteDir/content and returns the
// files it made, relative to siteDir.
func Page(siteDir, name string, o Options) ([]string, error) {
	name = strings.Trim(filepath.ToSlash(name), "/")
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." || strings.ContainsAny(part, "\\\x00") || strings.HasPrefix(part, "_") {
			return nil, fmt.Errorf("%q is not a page name: write SECTION/NAME, like notices/2024-training", name)
		}
	}
	if !strings.Contains(name, "/") {
		return nil, fmt.Errorf("%q is not a page name: write SECTION/NAME, like notices/2024-training", name)
	}
	base := filepath.Join(siteDir, "content", filepath.FromSlash(name))
	files := map[string]string{}
	date := o.Date.Format("2006-01-02")
	if o.Report == 0 {
		files[base+".md"] = fmt.Sprintf(pageTemplate, path.Base(name), date)
	} else {
		title := fmt.Sprintf("%s%d年政府信息公开工作年度报告", o.Org, o.Report)
		files[filepath.Join(base, "index.md")] = fmt.Sprintf(reportTemplate, title, date)
		files[filepath.Join(base, "tables.toml")] = string(disclosure.Template(o.Report, o.Format))
	}
	var made []string
	for p := range files {
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("%s exists already", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return made, err
		}
		if err := os.WriteFile(p, []byte(files[p]), 0o644); err != nil {
			return made, err
		}
		rel, _ := filepath.Rel(siteDir, p)
		made = append(made, filepath.ToSlash(rel))
	}
	return made, nil
}

const pageTemplate = `+++
title = %q  # 标题
date = %s          # 成文日期 / 发布日期
# doc_no = ""              # 文号
# topic = ""               # 主题分类
# summary = ""
draft = true               # 草稿：写完后删除此行即可发布
+++

`

const reportTemplate = `+++
title = %q
date = %s
topic = "政府信息公开年报"
draft = true               # 草稿：填好 tables.toml 和正文后删除此行即可发布
+++

## 一、总体情况

## 二、主动公开政府信息情况

` + "```disclosure" + `
table = "active"
` + "```" + `

## 三、收到和处理政府信息公开申请情况

` + "```disclosure" + `
table = "applications"
` + "```" + `

## 四、政府信息公开行政复议、行政诉讼情况

` + "```disclosure" + `
table = "appeals"
` + "```" + `

## 五、存在的主要问题及改进情况

## 六、其他需要报告的事项
`
