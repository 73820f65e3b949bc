package scaffold

import (
	"errors"
	"gongkai/internal/diag"
	"io/fs"
	"os"
	"path/filepath"
)

// Site writes a new site into dir (made if need be, and empty but for
// dot files): site.toml with placeholders to fill in, a home page, the
// standard columns of a 政府信息公开 site, and a .gitignore naming what
// gongkai build makes (unless dir has one). It returns the files it made,
// relative to dir.
func Site(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if e.Name()[0] != '.' {
			return nil, diag.Errorf("", 0, "%s is not empty: init makes a new site in a new or empty folder", dir)
		}
	}
	var made []string
	for _, f := range siteFiles {
		p := filepath.Join(dir, "content", filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return made, err
		}
		if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
			return made, err
		}
		made = append(made, "content/"+f.name)
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Lstat(ignore); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(ignore, []byte(gitignore), 0o644); err != nil {
			return made, err
		}
		made = append(made, ".gitignore")
	}
	return made, nil
}

// gitignore keeps the build's output and its cache out of git: both are
// made from the site, and the cache is safe to delete at any time.
const gitignore = `/public/
/.gongkai-cache/
`

// siteFiles are a new site: the columns every 政府信息公开 site has, named
// as such sites name them (xxgkzn: 信息公开指南, fdzdgknr: 法定主动公开内容).
var siteFiles = []struct{ name, text string }{
	{"site.toml", `# 网站设置：请把每一项改成本单位的实际信息。
title = "某某县某某局"                         # 网站名称
base_url = "https://www.example.gov.cn/"      # 网站地址（可带路径，如 https://www.example.gov.cn/kjj/）
language = "zh-CN"
timezone = "Asia/Shanghai"

[organization]                                # 发布机构
name = "某某县某某局"
code = ""                                     # 统一社会信用代码，用于索引号，请填写
address = ""                                  # 地址
phone = ""                                    # 联系电话

[footer]                                      # 页面底部
site_code = ""                                # 网站标识码
icp = ""                                      # ICP备案编号
police_record = ""                            # 公安机关备案号
sponsor = "某某县某某局"                      # 主办单位
`},
	{"_index.md", `+++
title = "政府信息公开"
+++

本网站公开本单位的政府信息。
`},
	{"xxgkzn/_index.md", `+++
title = "政府信息公开指南"
weight = 10
+++
`},
	{"xxgkzd/_index.md", `+++
title = "政府信息公开制度"
weight = 20
+++
`},
	{"fdzdgknr/_index.md", `+++
title = "法定主动公开内容"
weight = 30
+++
`},
	{"xxgknb/_index.md", `+++
title = "政府信息公开年报"
weight = 40
# 新建年报：gongkai new --report 2025 xxgknb/2025
+++
`},
}
