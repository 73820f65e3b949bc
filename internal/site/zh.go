package site

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate), and of the
// keys of site.toml and front matter, as messages gloss them.
func init() {
	diag.Gloss(map[string]string{
		"title": "标题", "date": "成文日期", "publisher": "发布机构", "doc_no": "文号",
		"index_no": "索引号", "topic": "主题分类", "summary": "摘要", "draft": "草稿",
		"publish_at": "定时发布时间", "valid_until": "有效期至", "aliases": "旧网址",
		"weight": "排序", "attachment": "附件", "file": "文件名",
		"base_url": "网站地址", "language": "语言", "theme": "主题", "timezone": "时区",
		"organization": "机构", "name": "名称", "code": "统一社会信用代码",
		"address": "地址", "phone": "电话", "footer": "页面底部", "site_code": "网站标识码",
		"icp": "ICP备案编号", "police_record": "公安机关备案号", "sponsor": "主办单位",
		"raw_html": "原始 HTML", "gzip": "预压缩", "search": "站内搜索", "conac_script": "党政机关网站标识代码", "update_every": "更新周期",
	})
	diag.Translate(map[string]string{
		"the file changed during the build: build again": "构建过程中这个文件被改动了：请重新构建",
		"title is required": "缺少 title（标题）：请在开头加一行 title = \"……\"",
		"language %q is not a language tag as web pages name one: write language = %q": "language %q 不是网页所用的语言代码：请写成 language = %q",
		"title is required: add a line title = \"…\" between the +++ lines":            "缺少 title（标题）：请在 +++ 之间加一行 title = \"……\"",
		"date is required (成文日期, e.g. date = 2021-02-23)":                              "缺少 date（成文日期）：请在 +++ 之间加一行，例如 date = 2021-02-23",
		"organization.name is required":                                                "缺少 organization.name（机构名称）：请在 [organization] 下加一行 name = \"……局\"",
		"base_url is required":                                                         "缺少 base_url（网站地址）：请加一行，例如 base_url = \"https://www.example.gov.cn/\"",
		"base_url %q is not an absolute http(s) URL":                                   "base_url（网站地址）%q 不是完整的网址：请以 https:// 或 http:// 开头，例如 \"https://www.example.gov.cn/\"",
		"unknown timezone %q":                                                          "不认识时区 %q：请写 Asia/Shanghai，或删去这一行",
		"theme %q: %v":                                                                 "主题名 %q 不可用：%v",
		"conac_script %q is not the script address the 党政机关网站标识 was issued with (https://dcs.conac.cn/js/…)": "conac_script（党政机关网站标识代码）%q 不是开办单位给的标识脚本地址：请照原样填写以 https://dcs.conac.cn/js/ 开头的地址",
		"not a usable name":             "不能用作名称",
		"must not contain /, \\ or NUL": "名称里不能有 /、\\ 或空字符",

		"front matter must start and end with a line of three half-width plus signs, +++ (typed with the input method in English mode), not %s": "开头的设置部分要以单独一行 +++ 开始和结束：三个半角加号（用英文输入法输入），不是 %s",
		"front matter must start on the file's first line: delete the empty lines above its +++":                                                "开头的设置部分必须从文件的第一行开始：请删去 +++ 上面的空行",
		"front matter has no closing +++ line":                                      "开头的设置部分缺少结尾的 +++ 行：请在 title、date 等设置的下一行单独写 +++",
		"front matter must start and end with a line of +++ (TOML), not --- (YAML)": "开头的设置部分要以单独一行 +++ 开始、以单独一行 +++ 结束（TOML 格式），不能用 ---（YAML 格式）；设置写成 title = \"……\" 的样子",
		"front matter must start and end with a line of +++ alone, each setting on a line of its own between them: +++, then title = \"…\", then +++": "开头的设置部分要以单独一行 +++ 开始、以单独一行 +++ 结束，每项设置各占一行：第一行 +++，下一行 title = \"…\"，再下一行 +++",
		"front matter must start and end with a line of +++: add a line +++ above %s":                                                                 "开头的设置部分要以单独一行 +++ 开始、以单独一行 +++ 结束：请在 %s 上面加一行 +++",

		"%q is not a period (write 14d, 2w, 6m or 1y)": "%q 不是有效的周期：请写 14d（14 天）、2w（2 周）、6m（6 个月）或 1y（1 年）",
		"update_every: %v": "update_every（更新周期）：%v",
		"write an absolute path on this site, like /old/page.html": "请写本网站内以 / 开头的路径，例如 /old/page.html",
		"alias %q: %v": "旧网址 %q 不可用：%v",
		"a web server sends a %s file as a download, not as a page: redirect this address in the web server's settings instead (nginx: location = %s { return 301 the page's address; })": "网站服务器会把 %s 文件当作下载发给读者，而不是打开网页：请改在网站服务器的设置中转向这个地址（nginx：location = %s { return 301 本页网址; }）",
		"alias %q repeats the base path %s, which gongkai adds to every address: write %q":                                                                                                "旧网址 %q 重复写了网站路径 %s（gongkai 会自动加上）：请写成 %q",
		"attachments need a page bundle: move the page to %s/index.md and put the files beside it":                                                                                        "有附件的页面要单独成一个文件夹：请把本页移到 %s/index.md，附件文件放在它旁边",
		"attachment file %q: %v":            "附件文件名 %q 不可用：%v",
		"attachment %q is not a file in %s": "附件 %q 不在 %s 文件夹里：请把文件放进去，或核对 file 中的文件名（包括扩展名和大小写）",
		"duplicate 索引号 %q (also in %s)":     "索引号 %q 重复（%s 也用了它）：请改正其中一个，或删去 index_no 一行后运行 gongkai number 重新编号",
		"a folder of pages is a column, and a column needs a title: add %s/_index.md with these three lines, the column's title in the middle one:\n+++\ntitle = \"栏目名称\"\n+++": "放页面的文件夹就是一个栏目，栏目要有名称：请新建 %s/_index.md，写上这三行，中间一行是栏目名称：\n+++\ntitle = \"栏目名称\"\n+++",

		"cannot read the site settings: %v":                          "无法读取网站设置文件：%v",
		"cannot read: %v":                                            "无法读取：%v",
		"symbolic links are not allowed in content":                  "content 里不能放快捷方式（符号链接），请换成文件本身",
		"not a regular file":                                         "这不是普通文件，请删去",
		"content/data holds only <key>.toml datasets":                "content/data 文件夹只放数据集文件（名称.toml），其他文件请移走",
		"dataset name %q: use lower-case letters, digits, - and _":   "数据集文件名 %q 不可用：只能用小写英文字母、数字、- 和 _",
		"file name %q: no backslashes or control characters, please": "文件名 %q 里有反斜杠 \\ 或不可见字符，请改名",
		"the file is %.1f MB, more than the %d MB a content file may be: attach large documents to a page bundle instead": "文件有 %.1f MB，超过了 %d MB 的上限：大的文档请作为附件放在页面文件夹里",
		"the file is more than the %d MB a content file may be: attach large documents to a page bundle instead":          "文件超过了 %d MB 的上限：大的文档请作为附件放在页面文件夹里",
	})
}
