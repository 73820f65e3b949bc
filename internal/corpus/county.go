package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteCounty writes the stage benchmarks' site into dir: one county
// bureau, five columns, twenty datasets of eight metrics over 2012–2025,
// and n pages of three sections with a list and a table, a figures block
// in one page of five, each linking to the next.
func WriteCounty(dir string, n int) error {
	files := map[string]string{
		"content/site.toml": "title = \"示例县科学技术局\"\nbase_url = \"http://localhost/\"\n[organization]\nname = \"示例县科学技术局\"\n",
	}
	sections := []string{"reports", "notices", "policies", "annual", "news"}
	for _, s := range sections {
		files["content/"+s+"/_index.md"] = "+++\ntitle = \"" + s + "\"\n+++\n栏目介绍。\n"
	}
	for d := 0; d < 20; d++ {
		var t strings.Builder
		fmt.Fprintf(&t, "title = \"数据集%d\"\nsource = \"示例\"\n", d)
		for m := 0; m < 8; m++ {
			fmt.Fprintf(&t, "\n[[metric]]\nkey = \"m%02d\"\nlabel = \"指标%d\"\nunit = \"项\"\n", m, m)
		}
		for y := 2012; y <= 2025; y++ {
			fmt.Fprintf(&t, "\n[year.%d]\n", y)
			for m := 0; m < 8; m++ {
				if (y+m+d)%17 != 0 {
					fmt.Fprintf(&t, "m%02d = %d.%d\n", m, (y*m+d)%2000, m%10)
				}
			}
		}
		files[fmt.Sprintf("content/data/ds%03d.toml", d)] = t.String()
	}
	para := strings.Repeat("科技创新项目管理资金，培训农民企业园区示范推进落实加强完善制度。依法行政执法人员考核全县县级市级省级专项经费立项验收。", 4)
	for i := 0; i < n; i++ {
		var p strings.Builder
		// Dated from 2012, the datasets' first year, so that every
		// figures block has years of its page's time to show.
		fmt.Fprintf(&p, "+++\ntitle = \"关于科技项目的通知（第%d号）\"\ndate = %d-%02d-%02d\npublisher = \"示例县科学技术局\"\ndoc_no = \"示科发〔2021〕%d号\"\ntopic = \"科技创新\"\nsummary = \"摘要。\"\n+++\n\n", i, 2012+i%14, 1+i%12, 1+i%28, i%97)
		for h := 0; h < 3; h++ {
			fmt.Fprintf(&p, "## 第%d部分\n\n%s\n\n%s\n\n", h+1, para, para)
		}
		p.WriteString("1. 第一项\n2. 第二项\n3. 第三项\n\n| 项目 | 数量 |\n| --- | ---: |\n| 甲 | 1 |\n| 乙 | 2 |\n\n")
		if i%5 == 0 {
			fmt.Fprintf(&p, "```figures\ndataset = \"ds%03d\"\nmetrics = [\"m00\", \"m01\"]\n```\n\n", i%20)
		}
		fmt.Fprintf(&p, "相关文件：[上一篇](/%s/p%06d/)。\n", sections[(i+1)%5], (i+1)%n)
		files[fmt.Sprintf("content/%s/p%06d.md", sections[i%5], i)] = p.String()
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
