package scaffold

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"%s is not empty: init makes a new site in a new or empty folder":                                              "%s 不是空文件夹：init 只在新的或空的文件夹里建立网站",
		"%q is not a page name: write SECTION/NAME, like notices/2024-training":                                        "%q 不是页面名称：请写成“栏目/名称”，例如 notices/2024-training",
		"%s exists already, a page at the same address: give the new page another name (a page is never written over)": "%s 已经存在，与新页面的网址相同：请给新页面换一个名称（已有的页面不会被覆盖）",
		"%s exists already: give the new page another name (a page is never written over)":                             "%s 已经存在：请给新页面换一个名称（已有的页面不会被覆盖）",
	})
}
