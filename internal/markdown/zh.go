package markdown

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"indented or quoted more than %d characters deep: flatten it":              "缩进或引用超过了 %d 层，请减少缩进",
		"cannot convert Markdown: %v":                                              "无法转换本页的 Markdown：%v",
		"raw HTML is shown as text (raw_html = true in site.toml lets it through)": "正文中的 HTML 代码会原样显示为文字（如确需使用 HTML，可在 site.toml 中设置 raw_html = true）",
		"raw HTML with %q: check that it is meant to be on a public page":          "正文中的 HTML 含有 %q：请确认它确实应出现在公开网页上",
		"%s: the rest of the page would be swallowed by it; close it or delete it": "%s：这之后的内容都不会显示，请补上结尾或删去",
		"```%s is shown as code, as it is typed: write ```%s":                      "代码块标记 ```%s 写错了，其中的内容会原样显示在网页上：请改为 ```%s",

		"a <script>, <style>, <pre> or <textarea> that is never closed": "<script>、<style>、<pre> 或 <textarea> 没有结尾标记",
		"an HTML comment <!-- that is never closed with -->":            "HTML 注释 <!-- 没有以 --> 结尾",
		"a <? that is never closed with ?>":                             "<? 没有以 ?> 结尾",
		"a <! declaration that is never closed with >":                  "<! 没有以 > 结尾",
		"a <![CDATA[ that is never closed with ]]>":                     "<![CDATA[ 没有以 ]]> 结尾",
	})
}
