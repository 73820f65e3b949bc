// Package scaffold writes what editors would otherwise type: new pages to
// fill in — a plain page, or an annual-report bundle (政府信息公开工作年度报告)
// whose tables.toml has every row of the national tables present and
// zeroed — and the 索引号 of existing pages into their front matter.
//
//	files, err := scaffold.Page(siteDir, "notices/2024-training", scaffold.Options{Date: today, IndexNo: next})
//	err = scaffold.WriteIndexNumber(siteDir, "content/notices/a.md", "2024-00003")
//
// New pages start as drafts, so a half-written page is never published by
// accident; the front matter says how to publish it. Existing files are
// never overwritten, and a page is rewritten only to add its index_no.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"gongkai/internal/diag"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/tomlpos"
)

// Options say what to make.
type Options struct {
	Date   time.Time
	Report int    // a year: make an annual-report bundle for it
	Format string // the report's table format, "2021" or "2019"
	Org    string // the publishing body, for the report's title
	// IndexNo is the page's 索引号, written into its front matter so that
	// it never changes (site.NextIndexNumber); none when empty.
	IndexNo string
}

// Page writes the page SECTION/NAME under siteDir/content and returns the
// files it made, relative to siteDir.
func Page(siteDir, name string, o Options) ([]string, error) {
	name = strings.TrimSuffix(strings.Trim(filepath.ToSlash(name), "/"), ".md") // notices/a.md is the page notices/a
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." || strings.ContainsAny(part, "\\\x00") || strings.HasPrefix(part, "_") {
			return nil, diag.Errorf("", 0, "%q is not a page name: write SECTION/NAME, like notices/2024-training", name)
		}
	}
	if !strings.Contains(name, "/") {
		return nil, diag.Errorf("", 0, "%q is not a page name: write SECTION/NAME, like notices/2024-training", name)
	}
	base := filepath.Join(siteDir, "content", filepath.FromSlash(name))
	files := map[string]string{}
	date := o.Date.Format("2006-01-02")
	indexNo := ""
	if o.IndexNo != "" {
		indexNo = fmt.Sprintf("index_no = %q  # 索引号：发布后请勿修改\n", o.IndexNo)
	}
	if o.Report == 0 {
		files[base+".md"] = fmt.Sprintf(pageTemplate, path.Base(name), date, indexNo)
	} else {
		title := fmt.Sprintf("%s%d年政府信息公开工作年度报告", o.Org, o.Report)
		files[filepath.Join(base, "index.md")] = fmt.Sprintf(reportTemplate, title, date, indexNo)
		files[filepath.Join(base, "tables.toml")] = string(disclosure.Template(o.Report, o.Format))
	}
	// The same address as a page there already, in the other form (a
	// page file beside a bundle of the same name, or the reverse).
	for _, other := range []string{base + ".md", filepath.Join(base, "index.md")} {
		if _, taken := files[other]; taken {
			continue
		}
		if _, err := os.Stat(other); err == nil {
			return nil, diag.Errorf("", 0, "%s exists already, a page at the same address: give the new page another name (a page is never written over)", other)
		}
	}
	var made []string
	for p := range files {
		if _, err := os.Stat(p); err == nil {
			return nil, diag.Errorf("", 0, "%s exists already: give the new page another name (a page is never written over)", p)
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
%s# doc_no = ""              # 文号
# topic = ""               # 主题分类
# summary = ""
draft = true               # 草稿：写完后删除此行即可发布
+++

`

const reportTemplate = `+++
title = %q
date = %s
%stopic = "政府信息公开年报"
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

// WriteIndexNumber adds index_no = "n" to the front matter of the page
// file p (relative to siteDir), on the line after its date, keeping every
// other byte of the file. The file is replaced in one rename, so an editor
// never finds it half written.
func WriteIndexNumber(siteDir, p, n string) error {
	file := filepath.Join(siteDir, filepath.FromSlash(p))
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	at := dateLineEnd(src)
	if at < 0 {
		return fmt.Errorf("%s: no date line in the front matter to put index_no after", p)
	}
	eol := "\n"
	if at > 0 && src[at-1] == '\r' {
		eol = "\r\n"
	}
	var out []byte
	out = append(out, src[:at+1]...)
	out = append(out, fmt.Sprintf("index_no = %q%s", n, eol)...)
	out = append(out, src[at+1:]...)
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".index_no-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// dateLineEnd returns the offset of the newline that ends the top-level
// date = … line of a page's front matter, or -1.
func dateLineEnd(src []byte) int {
	front, _, ok := strings.Cut(string(src), "\n")
	if strings.TrimSpace(strings.TrimPrefix(front, "\uFEFF")) != "+++" || !ok {
		return -1
	}
	fm := src[len(front)+1:]
	end := strings.Index(string(fm), "\n+++")
	if end < 0 {
		return -1
	}
	line := tomlpos.Scan(fm[:end+1]).Line("date")
	if line == 0 {
		return -1
	}
	off := len(front) + 1
	for i := 1; i <= line; i++ {
		nl := bytes.IndexByte(src[off:], '\n')
		if nl < 0 {
			return -1
		}
		if i == line {
			return off + nl
		}
		off += nl + 1
	}
	return -1
}
