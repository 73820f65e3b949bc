package build

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"%s is not a folder: give the output folder's own path (-o), not a link or a file":              "%s 不是文件夹：-o 请给出输出文件夹本身的路径，不要给链接或文件",
		"another build is writing %s; try again when it is done":                                        "另一次生成正在写入 %s；请等它结束后再试",
		"--org %s: no body of this site has that organization code; the codes are: %s":                  "--org %s：本网站没有哪个机构的统一社会信用代码是这个；各机构的代码是：%s",
		"--org %s: no body of this site has an organization code: give it as code under [organization]": "--org %s：本网站的机构都没有填写统一社会信用代码：请在 [organization] 里填写 code",
		"unknown dataset %q (no %s/%s.toml)":                                                            "没有数据集 %q（找不到 %s/%s.toml）：请核对 dataset 的拼写",
		"this block shows dataset %q up to %d: when %d, the year of this page's date, is added to the dataset, the published page will show it too; to keep it as it is, write years = %s": "这个代码块显示数据集 %q 截至 %d 年的数据：以后数据集里加上 %d 年（本页日期所在年份）的数据时，已发布的本页也会随之显示，内容就变了；如要保持不变，请写上 years = %s",
		"dataset %q has no year up to %d, the year of this page's date: the block shows nothing (list the years to show with years = [...])":                                               "数据集 %q 中没有 %d 年（本页日期所在年份）及以前的数据，此处不显示表格；如确需显示，请用 years = [...] 列出年份",
		"%s has no [%s]: type that table's figures there (gongkai new --report writes every table), or remove this block":                                                                  "%s 中没有 [%s] 表：请在那里填上这张表的数字（gongkai new --report 会写好全部表格），或删去这个表格代码块",
		"year %d is after %d, the year of this page's date: a report should show the figures of its own time":                                                                              "%d 年晚于本页日期所在的 %d 年：报告应展示当时的数据，请核对 years",
		"the page has nothing below its settings: write its text, or attach the document it publishes ([[attachment]])":                                                                    "页面设置下面没有正文：请写上正文，或把要公开的文件作为附件（[[attachment]]）",
		"the disk is full: free space on it (df -h says how much is free), then build again; the site was left as it was":                                                                  "磁盘已满：请先腾出空间（df -h 可查看剩余空间），再重新生成；网站保持原样，没有改动",
		"table %q is placed twice on this page": "表格 %q 在本页放了两次，请删去一处",
		"this page has no tables.toml: a disclosure table belongs in an annual report bundle (<name>/index.md with tables.toml beside it)": "本页没有 tables.toml：年报表格只能放在年报页面文件夹里（<名称>/index.md，旁边放 tables.toml）；可用 gongkai new --report 年份 新建",
		"a second report of %s for %d (also %s)": "%s 已有 %d 年的年报（%s），同一机构同一年只能有一份",
		"/%s is also made by %s":                 "网址 /%s 与 %s 重复，请给其中一个改名",
		"索引号 %s is only generated: a page dated earlier, added later, would change it; run gongkai number to write it into the page": "索引号 %s 是自动生成的，以后补发日期更早的页面时会变：请运行 gongkai number 把它写进页面",
		"making the search index: %v":                                                                                              "生成站内搜索索引时出错：%v；请检查临时目录（TMPDIR）的空间后重试",
		"keeping the pages' texts for the search index in a temporary file: %v":                                                    "为站内搜索暂存页面文字时出错（临时文件）：%v；请检查临时目录（TMPDIR）的空间后重试",
		"reading the pages' texts the preview kept for the search index: %v; the next update builds everything again":              "读取预览为站内搜索暂存的页面文字时出错（临时文件）：%v；下次更新将完整重新生成",
		"the site is built, but its old copy here could not all be removed (%v): the next build removes it, or delete this folder": "网站已生成，但这里的旧版网站文件未能全部删除（%v）：下次生成时会再删除，也可手动删除这个文件夹",
		"column %q has nothing published (empty columns count against a site in inspections)":                                      "栏目 %q 没有已发布的内容（网站检查时空栏目会扣分）",
		"column %q was last updated %s, longer ago than its update_every":                                                          "栏目 %q 最近一次更新是 %s，已超过它的更新周期（update_every）",
	})
}
