package main

import "gongkai/internal/diag"

// The Chinese of this command's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"gongkai: %s is not a column yet: first make %s/_index.md with these three lines, the column's title in the middle one:\n+++\ntitle = \"通知公告\"\n+++\n": "gongkai：%s 还不是栏目：请先建立文件 %s/_index.md，写入下面三行，中间一行写栏目名称：\n+++\ntitle = \"通知公告\"\n+++\n",
		"gongkai: no errors in this body's pages, %d warning(s)\n": "gongkai：本机构的页面没有错误，有 %d 条提醒\n",
		"gongkai: the rest of the site has %d error(s), such as broken links, which do not stop its build but should be fixed (gongkai check without --org lists them)\n": "gongkai：网站其他部分还有 %d 个错误（如失效的链接），不影响网站生成，但应当改正（不加 --org 运行 gongkai check 可列出）\n",
		"gongkai: the rest of the site has %d error(s), %d of which stop its build until they are fixed (gongkai check without --org lists them)\n":                       "gongkai：网站其他部分还有 %d 个错误，其中 %d 个改正之前整个网站无法生成（不加 --org 运行 gongkai check 可列出）\n",
		"gongkai: 1 error; no page numbered\n":   "gongkai：发现 1 个错误；没有给任何页面编号\n",
		"gongkai: %d errors; no page numbered\n": "gongkai：发现 %d 个错误；没有给任何页面编号\n",
		"gongkai: numbered 1 page\n":             "gongkai：已给 1 个页面写入索引号\n",
		"gongkai: warning: cannot read the pages deleted from the site's git history (%v): a number a deleted page held could be given again\n": "gongkai：提醒：读不出网站 git 历史里删除过的页面（%v），已删除页面用过的索引号可能会被再次使用\n",
		"gongkai: --org needs an organization code, the [organization] code of a body's column\n":                                               "gongkai：--org 后面要写机构代码，即某个机构栏目 [organization] 中的 code\n",
		"gongkai: there is no option %s\n":                "gongkai：没有 %s 这个选项\n",
		"gongkai: %[2]s: %[1]s is not a value it takes\n": "gongkai：%[2]s 后面不能写 %[1]s\n",
		"gongkai: %s needs a value after it\n":            "gongkai：%s 后面要写一个值\n",
		"gongkai: unknown command %q\n":                   "gongkai：没有 %q 这个命令\n",
		"gongkai: --format: want 2021 or 2019, have %q\n": "gongkai：--format 只能是 2021 或 2019，现在是 %q\n",
		"gongkai: numbered %d pages\n":                    "gongkai：已给 %d 个页面写入索引号\n",
		"gongkai: 1 error; %s left as it was\n":           "gongkai：发现 1 个错误；%s 保持原样，未作任何改动\n",
		"gongkai: %d errors; %s left as it was\n":         "gongkai：发现 %d 个错误；%s 保持原样，未作任何改动\n",
		"gongkai: 1 error\n":                              "gongkai：发现 1 个错误\n",
		"gongkai: %d errors\n":                            "gongkai：发现 %d 个错误\n",

		"the output folder %s would replace the site or its content; choose another with -o":                                                                                                   "输出文件夹 %s 会替换网站本身或它的 content 文件夹；请用 -o 另选一个输出文件夹",
		"gongkai: -o %s would replace the build cache; choose another output folder\n":                                                                                                         "gongkai：-o %s 会替换构建缓存；请另选一个输出文件夹\n",
		"the output folder %s holds files that are not a site gongkai built (%s, …), and a build replaces the whole folder: choose a new or empty one with -o, or move those files away first": "输出文件夹 %s 里有不是 gongkai 生成的文件（%s 等），而生成网站会替换整个文件夹：请用 -o 另选一个新的或空的文件夹，或先把这些文件移走",
		"gongkai: %s is not a site: no %s\n":           "gongkai：%s 不是网站文件夹：找不到 %s。请在网站文件夹里运行，或用 -s 指定网站文件夹（新建网站用 gongkai init）\n",
		"gongkai: built 1 page (%d files) into %s\n":   "gongkai：已生成 1 个页面（共 %d 个文件），输出到 %s\n",
		"gongkai: built %d pages (%d files) into %s\n": "gongkai：已生成 %d 个页面（共 %d 个文件），输出到 %s\n",
		"gongkai: the build cache held a build of other settings (site.toml, the theme, --drafts or another version of gongkai): every file was made again, and the cache now holds this build\n": "gongkai：构建缓存里是另一套设置（site.toml、主题、--drafts 或另一个版本的 gongkai）生成的结果，这次所有文件都重新生成了；缓存现已换成这次的结果\n",
		"gongkai: %s is on another disk than the build cache %s, whose files cannot be linked there: every file was made again; to use the cache, keep both on one disk\n":                        "gongkai：%s 与构建缓存 %s 不在同一个磁盘（文件系统）上，缓存里的文件无法链接过去，这次所有文件都重新生成了；要用上缓存，请把两者放在同一个磁盘上\n",
		"gongkai: the build cache's manifest could not be read (damaged, or written by an older gongkai): every file was made again, and the cache now holds this build\n":                        "gongkai：构建缓存的清单文件读不出来（已损坏，或是旧版 gongkai 写的），这次所有文件都重新生成了；缓存现已换成这次的结果\n",
		"gongkai: 1 page checked, no errors\n":   "gongkai：已检查 1 个页面，没有错误\n",
		"gongkai: %d pages checked, no errors\n": "gongkai：已检查 %d 个页面，没有错误\n",

		"gongkai: %d of %d files taken from the build cache %s\n":                                           "gongkai：%d 个文件（共 %d 个）取自构建缓存 %s，未重新生成\n",
		"gongkai: %d pages taken from the build cache as the last build read them, their files unchanged\n": "gongkai：%d 个页面的文件没有改动，按上次读取的内容取自构建缓存，未重新读取\n",
		"gongkai: 1 page taken from the build cache as the last build read it, its file unchanged\n":        "gongkai：1 个页面的文件没有改动，按上次读取的内容取自构建缓存，未重新读取\n",

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

// The Chinese of publish, rollback and releases (publish.go).
func init() {
	diag.Translate(map[string]string{
		"gongkai: 1 error; nothing published, %s left as it was\n":                                                 "gongkai：发现 1 个错误；没有发布，%s 保持原样\n",
		"gongkai: %d errors; nothing published, %s left as it was\n":                                               "gongkai：发现 %d 个错误；没有发布，%s 保持原样\n",
		"gongkai: dry run: %d pages (%d files) would be release %s; nothing installed\n":                           "gongkai：试运行：%d 个页面（共 %d 个文件）将成为发布版本 %s；没有安装\n",
		"gongkai: nothing changed: release %s stays current\n":                                                     "gongkai：没有任何变化：当前版本仍是 %s\n",
		"gongkai: published %d pages (%d files) as release %s: %d files written (%s), %d unchanged files linked\n": "gongkai：已发布 %d 个页面（共 %d 个文件），版本 %s：写入 %d 个文件（%s），%d 个未变的文件直接沿用\n",
		"changes against release %s:\n":                                                                            "与版本 %s 相比：\n",
		"pages added (%d):\n":                                                                                      "新增页面（%d 个）：\n",
		"pages removed (%d):\n":                                                                                    "删除页面（%d 个）：\n",
		"pages changed (%d):\n":                                                                                    "修改页面（%d 个）：\n",
		"--to %s is inside the site's content; choose a folder outside it":                                         "--to %s 在网站的 content 文件夹里面：请选一个在它外面的文件夹",
		"--to %s is inside the build cache, which a build may delete; choose a folder outside it":                  "--to %s 在构建缓存文件夹里面，生成网站时可能被删除：请选一个在它外面的文件夹",
		"--to %s holds files that are not gongkai's releases (%s, …): publish into a new or empty folder, and point the web server at its current/": "--to %s 里有不是 gongkai 发布版本的文件（%s 等）：请发布到一个新的或空的文件夹，并让网站服务器指向它里面的 current/",
		"created %s\n": "已创建 %s\n",
		"pages moved (%d): the old address no longer opens; to keep it, give it in the page's aliases:\n":                                                                                         "换了网址的页面（%d 个）：原网址将打不开；如要保留，请在页面设置的 aliases（旧网址）中写上它：\n",
		"gongkai: %s is in use, by another program or another gongkai serve: stop it, or serve on another port, as --addr 127.0.0.1:1314\n":                                                       "gongkai：%s 已被占用（另一个程序，或另一个 gongkai serve）：请先停止它，或换一个端口，例如 --addr 127.0.0.1:1314\n",
		"pages whose only change is the theme's stylesheet or script they link: %d\n":                                                                                                             "只是所用主题样式表或脚本换了新版本的页面：%d 个\n",
		"pages changed although their own source file did not (%d): a dataset, the numbering, the theme, the site's git history (更新日期) or the date (有效性, an embargo) changed them; check them:\n": "页面文件本身没改、内容却变了的页面（%d 个）：是数据集、编号、主题模板、网站的 git 历史（更新日期）或日期（有效性、定时发布）引起的，请逐一核对：\n",
		"gongkai: another gongkai build or publish of this site was using the build cache %s: every file was made again, without it\n":                                                            "gongkai：本网站的另一个 gongkai build 或 publish 正在使用构建缓存 %s，这次没有用缓存，所有文件都重新生成了\n",
		"the output folder %s is a release gongkai publish installed, which stays as it is; choose another with -o":                                                                               "输出文件夹 %s 是 gongkai publish 安装的发布版本，须保持原样；请用 -o 另选一个输出文件夹",
		"gongkai: publish needs --to WEBROOT, the folder the web server serves current/ of\n":                                                                                                     "gongkai：publish 需要 --to WEBROOT，即网站服务器对外提供其中 current/ 的文件夹\n",
		"gongkai: --keep: want 1 or more releases, have %d\n":                                                                                                                                     "gongkai：--keep：至少保留 1 个版本，现在是 %d\n",
		"gongkai: --max-deletes: want 0 or more, have %d\n":                                                                                                                                       "gongkai：--max-deletes：应为 0 或更大的数，现在是 %d\n",
		"gongkai: not published: %s\n":                                                         "gongkai：未发布：%s\n",
		"gongkai: dry run: nothing would change; release %s would stay current\n":              "gongkai：试运行：没有任何变化，当前版本 %s 不变\n",
		"other files: %d added, %d removed, %d changed\n":                                      "其他文件：新增 %d 个，删除 %d 个，修改 %d 个\n",
		"the list is in %s\n":                                                                  "完整清单见 %s\n",
		"removed old release %s\n":                                                             "已删除旧版本 %s\n",
		"  … and %d more\n":                                                                    "  ……另有 %d 个\n",
		"gongkai: release %s is current already\n":                                             "gongkai：版本 %s 已经是当前版本\n",
		"gongkai: rolled back from release %s to %s\n":                                         "gongkai：已从版本 %s 回退到 %s\n",
		"  pages: %d added, %d removed, %d moved, %d changed, %d changed without their source": "  页面：新增 %d，删除 %d，移动 %d，修改 %d，源文件未改而内容变化 %d",
	})
}
