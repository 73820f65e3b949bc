package theme

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate). They are
// for whoever looks after the site's theme.
func init() {
	diag.Translate(map[string]string{
		"theme %q: no folder %s":                   "找不到主题 %q 的文件夹 %s：请核对 site.toml 中的 theme，或删去这一行使用默认主题",
		"missing template":                         "缺少这个模板文件",
		"the theme needs base.html and alias.html": "主题缺少 base.html 和 alias.html 模板",
		"%s: there is no %s here: check its spelling, and that this template is given what has it": "%s：这里没有 %s 这一项，请检查拼写，并确认这个模板拿到的数据里有它",
		"there is no function %s: check its spelling":                                              "没有名为 %s 的函数，请检查拼写",
		"{{%s}} needs something to test, as in {{%[1]s .Title}}":                                   "{{%s}} 后面缺少要判断的值，例如 {{%[1]s .Title}}",
		"the file ends inside an action or a block: an {{end}} or a closing }} is missing":         "文件在模板语句中间就结束了：缺少 {{end}} 或右边的 }}",
	})
}
