package site

import "gongkai/internal/diag"

// The Chinese of site.toml's history key's message (see diag.Translate);
// a file of its own so that it merges beside zh.go.
func init() {
	diag.Translate(map[string]string{
		"history = %q: want \"updated\" (更新日期), \"revisions\" (更新日期 and 更新记录) or \"off\"": "history = %q 无效：可填 \"updated\"（显示更新日期）、\"revisions\"（显示更新日期和更新记录）或 \"off\"（都不显示）",
	})
}
