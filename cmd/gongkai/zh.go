package main

import "gongkai/internal/diag"

// The Chinese of this command's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"gongkai: 1 error; no page numbered\n":         "gongkai：发现 1 个错误；没有给任何页面编号\n",
		"gongkai: %d errors; no page numbered\n":       "gongkai：发现 %d 个错误；没有给任何页面编号\n",
		"gongkai: numbered 1 page\n":                   "gongkai：已给 1 个页面写入索引号\n",
		"gongkai: numbered %d pages\n":                 "gongkai：已给 %d 个页面写入索引号\n",
		"gongkai: 1 error; %s left as it was\n":        "gongkai：发现 1 个错误；%s 保持原样，未作任何改动\n",
		"gongkai: %d errors; %s left as it was\n":      "gongkai：发现 %d 个错误；%s 保持原样，未作任何改动\n",
		"gongkai: 1 error\n":                           "gongkai：发现 1 个错误\n",
		"gongkai: %d errors\n":                         "gongkai：发现 %d 个错误\n",
		"gongkai: built 1 page (%d files) into %s\n":   "gongkai：已生成 1 个页面（共 %d 个文件），输出到 %s\n",
		"gongkai: built %d pages (%d files) into %s\n": "gongkai：已生成 %d 个页面（共 %d 个文件），输出到 %s\n",
		"gongkai: 1 page checked, no errors\n":         "gongkai：已检查 1 个页面，没有错误\n",
		"gongkai: %d pages checked, no errors\n":       "gongkai：已检查 %d 个页面，没有错误\n",

		"gongkai: built 1 page (%d files) into %s; not published: %s\n":   "gongkai：已生成 1 个页面（共 %d 个文件），输出到 %s；未发布：%s\n",
		"gongkai: built %d pages (%d files) into %s; not published: %s\n": "gongkai：已生成 %d 个页面（共 %d 个文件），输出到 %s；未发布：%s\n",
		"1 draft":                                                   "草稿 1 篇",
		"%d drafts":                                                 "草稿 %d 篇",
		"1 embargoed until %s":                                      "定时发布 1 篇（%s 发布）",
		"%d embargoed, the first until %s":                          "定时发布 %d 篇（最早一篇 %s 发布）",
		"  %s: draft (draft = true)\n":                              "  %s：草稿（draft = true），未发布\n",
		"  %s: embargoed until %s (publish_at)\n":                   "  %s：定时发布，%s 起公开（publish_at）\n",
		"gongkai: 1 page checked, no errors, %d warning(s)\n":       "gongkai：已检查 1 个页面，没有错误，有 %d 条提醒\n",
		"gongkai: %d pages checked, no errors, %d warning(s)\n":     "gongkai：已检查 %d 个页面，没有错误，有 %d 条提醒\n",
		"gongkai: %d warning(s), which --strict counts as errors\n": "gongkai：有 %d 条提醒；使用了 --strict，提醒也按错误处理\n",
	})
}
