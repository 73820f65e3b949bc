package serve

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"gongkai: 1 error; the pages show it until it is fixed\n":        "gongkai：发现 1 个错误；改正之前，预览页面显示这个错误\n",
		"gongkai: %d errors; the pages show them until they are fixed\n": "gongkai：发现 %d 个错误；改正之前，预览页面显示这些错误\n",
		"gongkai: built %d pages in %v\n":                                "gongkai：已生成 %d 个页面，用时 %v\n",
		"gongkai: search index: %d files written, %d removed in %v\n":    "gongkai：站内搜索已更新：写入 %d 个文件，删除 %d 个，用时 %v\n",
		"gongkai: %s: the whole site built again, %d pages in %v\n":      "gongkai：%s 已更新：整个网站已重新生成，共 %d 个页面，用时 %v\n",
		"gongkai: %s: %d files written, %d removed in %v\n":              "gongkai：%s 已更新：写入 %d 个文件，删除 %d 个，用时 %v\n",
		"Correct the file and save it: this page reloads by itself.":     "改正文件并保存后，本页会自动刷新。",
		"1 error: the site is not updated":                               "发现 1 个错误：网站未更新",
		"%d errors: the site is not updated":                             "发现 %d 个错误：网站未更新",
	})
}
