package check

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		// numbers.go
		"文号 %s: its year %s is written in 六角括号 〔〕 (GB/T 9704), as in 秦科发〔2020〕20号; the site search finds a 文号 typed without brackets only as written with them":                                                                            "文号 %s：年份 %s 应当用六角括号〔〕括入（GB/T 9704），如 秦科发〔2020〕20号；读者在站内搜索中不加括号输入文号时，只能找到用〔〕书写的文号",
		"索引号 %s carries the code %s, but the page is published by %s, whose code is %s: a page moved here from another body keeps its number once published; if it is not published yet, run gongkai new for it here, or correct index_no": "索引号 %s 中的机构代码是 %s，但页面由%s发布，其代码是 %s：从其他机构移来的页面，发布后仍保留原索引号；如果页面还没有发布，请在这里用 gongkai new 新建，或改正 index_no",
		"[organization] code %s is also the code of %s (%s): the two bodies' pages share one 索引号 series, and check --org shows both; if they are two bodies, give this one its own code (统一社会信用代码)":                                        "[organization] 的 code %s 也是%s（%s）的代码：两个机构的页面会共用一个索引号序列，check --org 也会同时列出两者；如果是两个不同的机构，请给这个机构填写它自己的代码（统一社会信用代码）",
		"文号 %s is also that of %s (%s): a 文号 names one document; correct this one, or the other":                                                                                                                                           "文号 %s 与 %s（%s）的相同：一个文号只对应一份文件；请改正这一篇，或另一篇",
		"索引号 %s carries the year %d, but the page is dated %d: if the page is not published yet, correct the year in index_no (gongkai new writes the year of its --date); once published, a 索引号 never changes":                            "索引号 %s 中的年份是 %d，但页面日期是 %d 年：如果页面还没有发布，请改正 index_no 中的年份（gongkai new 按 --date 的年份编号）；已经发布的索引号不能再改",
		// links.go
		"link %s: the page has no #%s; link to a heading or element that has that id, or drop the #":                    "链接 %s 指向的页面上没有 #%s：请改为链接到页面上确实存在的位置，或删去 # 及其后的部分",
		"link %s leads to a Markdown file, which is not published: link to the page's address, /%s":                     "链接 %s 指向 Markdown 源文件，网站上不会有这个文件：请改为链接到页面地址 /%s",
		"link %s repeats the base path %s, which gongkai adds to every link: write /%s":                                 "链接 %s 重复写了网站路径 %s（gongkai 会自动加上）：请写成 /%s",
		"broken link %s: the site has no /%s (check the address, or whether that page is a draft or not yet published)": "链接 %s 无法打开：网站上没有 /%s（请核对地址，或看目标页面是否还是草稿、尚未到发布时间）",
		// text.go
		"a resident ID number (身份证号) %s is personal information: delete it, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter":              "发现身份证号 %s，属于个人信息：请删除，或像这里显示的一样打码；如确属依法公开，请在页面开头的设置中写明依据：personal_info = \"…\"",
		"a mobile phone number %s is personal information: give an office phone instead, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter": "发现手机号码 %s，属于个人信息：请改用办公电话，或像这里显示的一样打码；如确属依法公开，请在页面开头的设置中写明依据：personal_info = \"…\"",
		"a bank card number %s is personal information: delete it, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter":                       "发现银行卡号 %s，属于个人信息：请删除，或像这里显示的一样打码；如确属依法公开，请在页面开头的设置中写明依据：personal_info = \"…\"",
		"a resident ID number (身份证号) %s is personal information, which this file may not publish: delete it, or mask it as shown here":                                                                                 "发现身份证号 %s，属于个人信息，这个文件中不应公开：请删除，或像这里显示的一样打码",
		"a mobile phone number %s is personal information, which this file may not publish: give an office phone instead, or mask it as shown here":                                                                    "发现手机号码 %s，属于个人信息，这个文件中不应公开：请改用办公电话，或像这里显示的一样打码",
		"a bank card number %s is personal information, which this file may not publish: delete it, or mask it as shown here":                                                                                          "发现银行卡号 %s，属于个人信息，这个文件中不应公开：请删除，或像这里显示的一样打码",
		// slips.go
		"%q is on the site's list of words to avoid (content/words.toml): rephrase it":                                  "%q 在本站的错敏词表（content/words.toml）中：请换一种说法",
		"%q is on the site's list of words to correct (content/words.toml): write %q":                                   "%q 在本站的错敏词表（content/words.toml）中：应为 %q",
		"%q is a common slip: write %q":                                                                                 "%q 是常见错别字：应为 %q",
		"%q closes nothing in this paragraph: delete it, or add its %q":                                                 "本段中的 %q 没有对应的前半个：请删去它，或补上 %q",
		"%q is not closed in this paragraph: add its %q":                                                                "本段中的 %q 没有对应的后半个：请补上 %q",
		"%q doubles %q: a slip of the keyboard? (a real doubling such as 常常 can be allowed in content/words.toml)":      "%q 把 %q 字重复了，是否多打了一个字？（如确是叠字，可在 content/words.toml 的 doubled 中允许）",
		"half-width %q in Chinese text: write %q":                                                                       "中文句子中用了半角 %q：应为 %q",
		"half-width %q in Chinese text, and %d more half-width , ; : ( ) in this paragraph: write the full-width ，；：（）": "中文句子中用了半角 %q，本段还有 %d 处半角 , ; : ( )：请改为全角 ，；：（）",
		// words.go
		"an empty word: delete the line":                        "空的词语：请删去这一行",
		"doubled: %q is not one character twice (write \"常常\")": "doubled 中的 %q 不是同一个字写两遍（应写成 \"常常\" 这样）",
		// fresh.go
		"column %q has nothing published: inspections count empty columns against a site; publish its first page, or remove the column":                                                                  "栏目 %q 没有任何已发布内容：检查时空白栏目会扣分，请发布内容，或删除该栏目",
		"column %q was last updated %s, %d days ago; it is expected every %d days (update_every): publish, or set update_every to what the column really needs":                                          "栏目 %q 最近一次更新是 %s，已有 %d 天；该栏目应每 %d 天内更新（update_every）：请发布新内容，或把 update_every 改成该栏目实际需要的周期",
		"inspection would fail this site (单项否决 at %d columns past due, %d empty columns, or a home page not updated for %d days): %d columns past due, %d empty, nothing published":                      "按检查指标本站将被单项否决（标准：%d 个栏目未按时更新、%d 个空白栏目，或首页 %d 天未更新）：现有 %d 个栏目未按时更新，%d 个空白栏目，全站没有已发布内容",
		"inspection would fail this site (单项否决 at %d columns past due, %d empty columns, or a home page not updated for %d days): %d columns past due, %d empty, the home page last updated %d days ago": "按检查指标本站将被单项否决（标准：%d 个栏目未按时更新、%d 个空白栏目，或首页 %d 天未更新）：现有 %d 个栏目未按时更新，%d 个空白栏目，首页已 %d 天未更新",
		"inspection (单项否决 at %d columns past due, %d empty columns, or a home page not updated for %d days): %d columns past due, %d empty, the home page last updated %d days ago":                      "检查指标提醒（单项否决标准：%d 个栏目未按时更新、%d 个空白栏目，或首页 %d 天未更新）：现有 %d 个栏目未按时更新，%d 个空白栏目，首页 %d 天前更新",
		// dates.go
		"the 政府信息公开工作年度报告 for %d is published %s; it is due by %s: check the date":                       "%d 年政府信息公开工作年度报告的发布日期是 %s，应在 %s 前（含当天）发布：请核对日期",
		"the 法治政府建设年度报告 for %d is published %s; it is due before %d-04-01: check the date":               "%d 年法治政府建设年度报告的发布日期是 %s，应在 %d-04-01 之前发布：请核对日期",
		"the page is dated %s, in the future: fix the date, or set publish_at to publish it on that day": "页面日期 %s 在将来（检查时视为伪造发布日期）：请改正日期，或用 publish_at 设定到那天再发布",
		// tidy.go
		"%q is still what gongkai init wrote: write the body's own name in site.toml (title, and name under [organization]), and check base_url":     "%q 还是 gongkai init 写的示例：请在 site.toml 中写上本单位的名称（title，以及 [organization] 下的 name），并核对网址 base_url",
		"the title %q is the file's name, as gongkai new wrote it: write the page's title":                                                           "标题 %q 是文件名，是 gongkai new 自动填的：请写上页面的标题",
		"the title %q is also that of %s in this column: readers cannot tell them apart; make it say what is different":                              "标题 %q 与本栏目的 %s 相同，读者无法区分：请在标题中写明区别",
		"%s is in the bundle of %s but neither listed as an [[attachment]] nor linked from it: list it, or delete it (it is published all the same)": "%s 放在 %s 的文件夹中，但既没有列为附件（[[attachment]]），正文也没有链接它：请列为附件，或删除该文件（它同样会被发布出去）",
		"the name %q has spaces or capital letters, which make ugly, error-prone addresses: rename it %q":                                            "名称 %q 含有空格或大写字母，网址会不美观、易出错：请改名为 %q",
		"[organization] has no code: 索引号 without the body's code (统一社会信用代码) are not unique across bodies; add code = \"…\" under [organization]":     "[organization] 中没有 code：索引号不带本单位的统一社会信用代码，就可能与其他单位重复；请在 [organization] 下写上 code = \"…\"",
	})
}
