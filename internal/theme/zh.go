package theme

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate). They are
// for whoever looks after the site's theme.
func init() {
	diag.Translate(map[string]string{
		"theme %q: no folder %s":                   "找不到主题 %q 的文件夹 %s：请核对 site.toml 中的 theme，或删去这一行使用默认主题",
		"missing template":                         "缺少这个模板文件",
		"the theme needs base.html and alias.html": "主题缺少 base.html 和 alias.html 模板",
	})
}
