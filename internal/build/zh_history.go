package build

import "gongkai/internal/diag"

// The Chinese of history.go's messages (see diag.Translate); a file of its
// own so that it merges beside zh.go.
func init() {
	diag.Translate(map[string]string{
		"the git checkout is shallow (cloned with --depth), so its history is cut: pages show their front-matter date as 更新日期; clone the whole history (git fetch --unshallow) for dates from git": "本站点的 git 仓库是浅克隆（克隆时用了 --depth），历史记录不完整：各页面的更新日期改用其 date（发布日期）；如需按 git 记录显示更新日期，请先运行 git fetch --unshallow 取回完整历史",
		"cannot read the git history (%v): pages show their front-matter date as 更新日期":                                                                                                             "无法读取 git 历史记录（%v）：各页面的更新日期改用其 date（发布日期）",
	})
}
