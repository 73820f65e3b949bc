package main

import (
	"golang.org/x/text/language"

	"gongkai/internal/diag"
)

// usage is the list of commands, in Chinese unless GONGKAI_LANG says
// otherwise: it is printed before any site is read, and a county
// editor's first look at gongkai is often gongkai help.
func usage() string {
	if diag.Language("") == language.English {
		return usageEN
	}
	return usageZH
}

// help is verb's own usage, for gongkai VERB -h, in the language usage is.
func help(verb string) string {
	if diag.Language("") == language.English {
		return helpEN[verb]
	}
	return helpZH[verb]
}

const usageZH = "用法：\n" + synopsis + `
  init        新建网站（含政府信息公开的标准栏目）
  new         新建一篇页面（草稿），写好索引号
  number      把自动生成的索引号写进页面，从此固定不变
  check       检查整个网站：错误、失效链接、个人信息、栏目更新、错别字等
  build       生成网站到 OUT 文件夹
  serve       在浏览器里预览网站，保存文件后自动更新
  publish     生成并发布到网站服务器的文件夹或对象存储，可回退
  rollback    回退到上一次（或指定的）发布
  releases    列出保存的各次发布

  -s SITE     网站文件夹（默认为当前文件夹 .）
  -o OUT      输出文件夹（默认为 SITE/public）
  --drafts    草稿也发布
  --now TIME  按 TIME 这一时刻生成（2021-02-24 或 2021-02-24T09:00:00），
              用于定时发布和有效性
  --date DATE new：页面日期（默认为今天）
  --report YEAR  new：新建政府信息公开工作年度报告，附 tables.toml，
              各行齐全、数字为 0
  --format F  new --report：表格格式，2021 或 2019（默认：2021 年及以后的
              年报用 2021，之前的用 2019）；
              check：text（默认）或 json，每条结果一行
  --org CODE  check：只看统一社会信用代码为 CODE 的机构的结果
  --strict    check：提醒也按错误处理（退出码 1）
  -v          build：列出没有发布的页面（草稿、定时发布）
  --no-cache  build、publish：不读也不写构建缓存 SITE/.gongkai-cache
  --addr A    serve：监听地址（默认 127.0.0.1:1313，只有本机能访问）
  --to WEBROOT  publish：网站服务器对外提供 WEBROOT/current 的文件夹；
              每次发布在 WEBROOT/releases 里新增一个版本并切换过去，
              并说明哪些页面有变化
  --to s3://BUCKET/PREFIX  publish、rollback、releases：兼容 S3 的对象
              存储，只上传有变化的文件（凭据：AWS_ACCESS_KEY_ID、
              AWS_SECRET_ACCESS_KEY 或 ~/.aws，见 README）
  --endpoint URL  对象存储的地址（默认 AWS_ENDPOINT_URL_S3，否则 AWS）
  --region R  对象存储的区域（默认 AWS_REGION，否则 us-east-1）
  --max-deletes N  发布到对象存储时最多删除的文件数（默认 100）
  --keep N    publish：保留多少个版本以便回退（默认 5）
  --dry-run   publish：只说明会有哪些变化，不实际发布
  --release ID  rollback：要切换到的版本（默认为上一个）

gongkai 命令 -h 可查看各命令的详细说明。设置 GONGKAI_LANG=en 显示英文。
`

var helpZH = map[string]string{
	"init": `用法：gongkai init [DIR]

在 DIR（默认为当前文件夹 .）新建网站，DIR 必须是新的或空的文件夹：
生成待填写的 content/site.toml，以及政府信息公开网站的标准栏目
（政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报）。
`,
	"new": `用法：gongkai new [-s SITE] [--date DATE] [--report YEAR [--format 2021|2019]] SECTION/NAME

新建草稿页面 content/SECTION/NAME.md，写好它的索引号。

  -s SITE        网站文件夹（默认为当前文件夹 .）
  --date DATE    页面日期（默认为今天）
  --report YEAR  新建政府信息公开工作年度报告，附 tables.toml，
                 各行齐全、数字为 0
  --format F     表格格式，2021 或 2019（默认：2021 年及以后的年报用 2021，
                 之前的用 2019）
`,
	"number": `用法：gongkai number [-s SITE]

把每个没有 index_no 的页面当前的索引号写进页面，从此固定不变。

  -s SITE     网站文件夹（默认为当前文件夹 .）
`,
	"check": `用法：gongkai check [-s SITE] [--now TIME] [--org CODE] [--format text|json] [--strict]

做生成网站时的全部检查，再做检查人员会查的各项：失效链接、个人信息、
栏目长期未更新或为空、错别字和错敏词、年度报告逾期、未来日期、不规范
的文件名。不写任何文件。有错误时退出码为 1（用 --strict 时有提醒也是 1）。
检查结果输出到标准输出，可用 gongkai check > 检查结果.txt 保存。

  -s SITE        网站文件夹（默认为当前文件夹 .）
  --now TIME     按 TIME 这一时刻检查（2021-02-24 或 2021-02-24T09:00:00）
  --org CODE     只看统一社会信用代码为 CODE 的机构的结果
  --format F     text（默认），或 json：每条结果一行 JSON
  --strict       提醒也按错误处理
`,
	"serve": `用法：gongkai serve [-s SITE] [--addr 127.0.0.1:1313] [--drafts] [--now TIME]

在浏览器里显示网站发布后的样子，保存文件后自动重新生成：打开的页面会
自动刷新；出错时页面上（和这里）显示错误，直到改正。不写 SITE/public。

  -s SITE     网站文件夹（默认为当前文件夹 .）
  --addr A    监听地址（默认 127.0.0.1:1313，只有本机能访问）
  --drafts    草稿也显示
  --now TIME  按 TIME 这一时刻显示，用于定时发布和有效性
`,
	"publish": `用法：gongkai publish [-s SITE] --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--max-deletes N] [--keep N] [--dry-run] [--drafts] [--now TIME] [--no-cache]

生成网站，作为一个新版本放进 WEBROOT：网站服务器对外提供
WEBROOT/current，一步切换到新版本。没有变化的文件从上一个版本硬链接过来。
会说明新增、删除、修改了哪些页面，以及哪些已公开页面本身的文件没改
却有了变化（数据集、模板、重新编号）。与 build 一样，只重新生成上次
生成或发布以来有变化的部分，其余取自 SITE/.gongkai-cache。

  -s SITE       网站文件夹（默认为当前文件夹 .）
  --to WEBROOT  网站服务器对外提供 current/ 的文件夹
  --keep N      保留多少个版本以便回退（默认 5）
  --dry-run     只说明会有哪些变化，不实际发布
  --drafts      草稿也发布
  --now TIME    按 TIME 这一时刻生成，用于定时发布和有效性
  --no-cache    不读也不写 SITE/.gongkai-cache

用 --to s3://BUCKET/PREFIX 时发布到兼容 S3 的对象存储：只上传有变化的
文件，先传样式和脚本，最后传 sitemap.xml，再删除网站里已没有的文件。

  --endpoint URL    对象存储的地址（默认 AWS_ENDPOINT_URL_S3，否则 AWS）
  --region R        区域（默认 AWS_REGION，否则 us-east-1）
  --max-deletes N   删除的文件多于 N 个时拒绝发布（默认 100）
`,
	"rollback": `用法：gongkai rollback --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--release ID]

把 WEBROOT/current 一步切换回上一个版本（或版本 ID），不重新生成。
用 --to s3://BUCKET/PREFIX（及 --endpoint、--region）时，在对象存储内
把该版本的文件复制回来。
`,
	"releases": `用法：gongkai releases --to WEBROOT|s3://BUCKET/PREFIX [--endpoint URL] [--region R]

列出 WEBROOT 里保存的各个版本，标出当前版本。
`,
	"build": `用法：gongkai build [-s SITE] [-o OUT] [--drafts] [--now TIME] [--no-cache] [-v]

把网站生成到 OUT。有任何错误时什么也不写。会说明有多少页面没有发布
（草稿、定时发布），-v 列出这些页面。OUT 必须是新的、空的，或 gongkai
生成过的文件夹：生成时会替换整个文件夹。生成结果保存在
SITE/.gongkai-cache，下次只重新生成改动涉及的部分；这个文件夹随时可以删除。

  -s SITE     网站文件夹（默认为当前文件夹 .）
  -o OUT      输出文件夹（默认为 SITE/public）
  --drafts    草稿也发布
  --now TIME  按 TIME 这一时刻生成（2021-02-24 或 2021-02-24T09:00:00），
              用于定时发布和有效性
  --no-cache  不读也不写 SITE/.gongkai-cache
  -v          列出没有发布的页面，并说明有多少文件取自缓存
`,
}
