package markdown

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"gongkai/internal/diag"
)

func TestConvert(t *testing.T) {
	figures := Block{Lang: "figures", Render: func(w io.Writer, body []byte) error {
		switch strings.TrimSpace(string(body)) {
		case "ok":
			_, err := io.WriteString(w, "<div>figures</div>")
			return err
		case "x\nbad line":
			return diag.List{{Line: 2, Msg: "broken here"}, {Msg: "and as a whole"}}
		case "other file":
			return diag.Errorf("content/data/x.toml", 3, "broken there")
		}
		return errors.New("broken")
	}}
	tests := []struct {
		name, base, src string
		want            []string // fragments of the HTML
		errs            []string
	}{
		{"site link gets base path", "/kjj/", "[a](/reports/x/) [b](https://gov.cn/) [c](rel/) [d](//cdn/x)",
			[]string{`href="/kjj/reports/x/"`, `href="https://gov.cn/"`, `href="rel/"`, `href="//cdn/x"`}, nil},
		{"image", "/kjj/", "![x](/img/a.png)", []string{`src="/kjj/img/a.png"`}, nil},
		{"root base untouched", "/", "[a](/x/)", []string{`href="/x/"`}, nil},
		{"a heading named for links to it", "/", "## 第一节 {#sec}\n\n## 第二节 {#第二节}", []string{`<h2 id="sec">第一节</h2>`, `<h2 id="第二节">第二节</h2>`}, nil},
		{"a heading's other attributes dropped", "/", "## A {#a onclick=\"alert(1)\" .c}\n\n## B {id=\"x y\"}\n\n## C",
			[]string{`<h2 id="a">A</h2>`, `<h2>B</h2>`, `<h2>C</h2>`}, nil},
		{"block replaced", "/", "text\n\n```figures\nok\n```\n", []string{"<div>figures</div>"}, nil},
		{"other fence stays code", "/", "```toml\nok\n```\n", []string{`<code class="language-toml">ok`}, nil},
		{"block error at fence", "/", "a\n\n```figures\nnope\n```\n", nil, []string{"p.md:12: figures block: broken"}},
		{"block errors inside body", "/", "a\n\n```figures\nx\nbad line\n```\n", nil, []string{"p.md:14: figures block: broken here", "p.md:12: figures block: and as a whole"}},
		{"block error about another file", "/", "```figures\nother file\n```\n", nil, []string{"content/data/x.toml:3: broken there"}},
		{"raw html shown escaped", "/", "<script>alert(1)</script>\n\nx <b onclick=\"y\">b</b>",
			[]string{`<p class="raw-html">&lt;script&gt;alert(1)&lt;/script&gt;</p>`, `x &lt;b onclick=&#34;y&#34;&gt;b&lt;/b&gt;`}, nil},
		{"javascript link dropped, text kept", "/", "[x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](vbscript:msgbox)", []string{"<p>x y z</p>"}, nil},
		{"scheme with a tab dropped", "/", "[x](<java\tscript:alert(1)>)", []string{"<p>x</p>"}, nil},
		{"data image dropped", "/", "![pic](data:image/svg+xml;base64,PHN2Zz4=) ![b](data:text/html,x)", []string{"<p>pic b</p>"}, nil},
		{"autolink dropped", "/", "<javascript:alert(1)> <https://gov.cn/>", []string{`<a href="https://gov.cn/">https://gov.cn/</a>`}, nil},
		{"mailto and tel kept", "/", "[m](mailto:a@gov.cn) [t](tel:0938-1234567) [f](?q=1) [h](#top)",
			[]string{`href="mailto:a@gov.cn"`, `href="tel:0938-1234567"`, `href="?q=1"`, `href="#top"`}, nil},
		// Text is never lost (issue 9): each of these once dropped words.
		{"refused autolink keeps its text", "/", "文件见 <ftp://ftp.example.gov.cn/a.zip> 下载。",
			[]string{"<p>文件见 ftp://ftp.example.gov.cn/a.zip 下载。</p>"}, nil},
		{"a colon in a relative link is no scheme", "/", "[全文](附件1:全文.pdf) [b](1a:x) [c](a+b.c-d:x)",
			[]string{`<a href="%E9%99%84%E4%BB%B61:%E5%85%A8%E6%96%87.pdf">全文</a>`, `<a href="1a:x">b</a>`, "c"}, nil},
		{"unclosed comment is an error", "/", "正文。\n\n<!-- 草稿\n\n```figures\nok\n```\n", nil,
			[]string{"p.md:12: an HTML comment <!-- that is never closed with -->: the rest of the page would be swallowed by it; close it or delete it"}},
		{"unclosed style is an error", "/", "<style>\np { color: red }\n\n正文\n", nil,
			[]string{"p.md:10: a <script>, <style>, <pre> or <textarea> that is never closed: the rest of the page would be swallowed by it; close it or delete it"}},
		// The 落款 (issue 13): the last paragraph, ending with a date alone on its line.
		{"signature", "/", "正文。\n\n秦安县科学技术局\\\n2021年2月23日\n",
			[]string{"<p>正文。</p>", `<p class="signature">秦安县科学技术局<br>` + "\n" + `2021年2月23日</p>`}, nil},
		{"signature in two paragraphs", "/", "正文。\n\n秦安县科学技术局\n\n二〇二一年二月二十三日\n",
			[]string{"<p>正文。</p>", `<p class="signature">秦安县科学技术局</p>`, `<p class="signature">二〇二一年二月二十三日</p>`}, nil},
		{"a sentence before the date is no signature", "/", "特此通知。\n\n2021年2月23日\n",
			[]string{"<p>特此通知。</p>", `<p class="signature">2021年2月23日</p>`}, nil},
		{"a date inside a sentence is none", "/", "本办法自2021年3月1日起施行。\n", []string{"<p>本办法自2021年3月1日起施行。</p>"}, nil},
		{"nor a date not last", "/", "秦安县科学技术局\\\n2021年2月23日\n\n附：名单\n", []string{"<p>秦安县科学技术局<br>"}, nil},
		{"closed comment on one line is fine", "/", "<!-- 注释 -->\n\n正文\n", []string{"正文"}, nil},
		{"closed comment over lines is fine", "/", "<!--\n注释\n-->\n\n正文\n", []string{"正文"}, nil},
		{"escaped raw HTML keeps its line breaks", "/", "<div>\n第一行\n第二行\n</div>\n",
			[]string{"&lt;div&gt;<br>\n第一行<br>\n第二行<br>\n&lt;/div&gt;"}, nil},
		{"a line break before a link between Latin words stays", "/", "see the\n[linked page](/x/) and\n*this* and\n`code`",
			[]string{"see the\n<a", "and\n<em>", "and\n<code>"}, nil},
		{"a line break between Chinese text goes, before a link too", "/", "详见\n[通知](/x/)，以及\n全文。",
			[]string{"详见<a", "以及全文"}, nil},
		{"gfm table", "/", "| a | b |\n| - | -: |\n| 1 | 2 |\n", []string{"<table>", `<td style="text-align:right">2</td>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{BasePath: tt.base, Blocks: []Block{figures}})
			var buf bytes.Buffer
			errs := c.Convert(&buf, "p.md", []byte(tt.src), 10)
			var have []string
			for _, e := range errs {
				have = append(have, e.Error())
			}
			if strings.Join(have, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors: have %q, want %q", have, tt.errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("have %s\nwant it to contain %s", buf.String(), w)
				}
			}
			if strings.Contains(buf.String(), "<script>") {
				t.Errorf("script reached the page: %s", buf.String())
			}
		})
	}
}

func TestRawHTMLAllowed(t *testing.T) {
	c := New(Options{BasePath: "/", RawHTML: true})
	var buf bytes.Buffer
	src := "ok\n\n<iframe src=\"x\"></iframe>\n\ntext <span onclick=\"y()\">s</span>\n\n<b>bold</b>\n"
	if errs := c.Convert(&buf, "p.md", []byte(src), 5); len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(buf.String(), "<b>bold</b>") {
		t.Errorf("raw HTML not let through: %s", buf.String())
	}
	var have []string
	for _, w := range c.Warnings() {
		have = append(have, w.Error())
	}
	want := []string{
		`p.md:7: raw HTML with "<iframe": check that it is meant to be on a public page`,
		`p.md:9: raw HTML with "onclick=": check that it is meant to be on a public page`,
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\nhave %q\nwant %q", have, want)
	}
}

func TestLimits(t *testing.T) {
	c := New(Options{BasePath: "/"})
	var buf bytes.Buffer
	deep := "a\n" + strings.Repeat(" ", 500) + "- x\n"
	errs := c.Convert(&buf, "p.md", []byte(deep), 3)
	if len(errs) != 1 || errs[0].Error() != "p.md:4: indented or quoted more than 400 characters deep: flatten it" {
		t.Errorf("deep: have %v", errs)
	}
	buf.Reset()
	if errs := c.Convert(&buf, "p.md", []byte(strings.Repeat("-", 600)+"\n\ntext"), 1); len(errs) > 0 {
		t.Errorf("a long rule is not nesting: %v", errs)
	}
	// goldmark panics on this one (the site loader refuses it first): an
	// error, not a crash.
	buf.Reset()
	if errs := c.Convert(&buf, "p.md", []byte("\x82\n00"), 1); len(errs) != 1 || !strings.Contains(errs[0].Error(), "p.md:1: cannot convert Markdown") {
		t.Errorf("invalid UTF-8: have %v", errs)
	}
}

func TestRawHTMLShownAsTextWarns(t *testing.T) {
	c := New(Options{BasePath: "/"})
	var buf bytes.Buffer
	c.Convert(&buf, "p.md", []byte("a\n\n<b>x</b> <i>y</i>\n"), 2)
	if w := c.Warnings(); len(w) != 1 || w[0].Error() != "p.md:4: raw HTML is shown as text (raw_html = true in site.toml lets it through)" {
		t.Errorf("have %v", w)
	}
	buf.Reset()
	c.Convert(&buf, "q.md", []byte("plain"), 1)
	if w := c.Warnings(); len(w) != 0 {
		t.Errorf("warnings left from the last page: %v", w)
	}
}

// A misspelled block language would publish the block's TOML as code.
func TestMisspelledFenceWarns(t *testing.T) {
	ok := func(io.Writer, []byte) error { return nil }
	c := New(Options{BasePath: "/", Blocks: []Block{{Lang: "figures", Render: ok}, {Lang: "disclosure", Render: ok}}})
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"a\n\n```figure\ndataset = \"x\"\n```\n", []string{"p.md:5: ```figure is shown as code, as it is typed: write ```figures"}},
		{"```Figures\ndataset = \"x\"\n```\n", []string{"p.md:3: ```Figures is shown as code, as it is typed: write ```figures"}},
		{"```disclosures\ntable = \"x\"\n```\n", []string{"p.md:3: ```disclosures is shown as code, as it is typed: write ```disclosure"}},
		{"```figuers\n```\n\n<b>x</b>\n", []string{"p.md:3: ```figuers is shown as code, as it is typed: write ```figures", "p.md:6: raw HTML is shown as text (raw_html = true in site.toml lets it through)"}},
		{"```toml\na = 1\n```\n\n```go\n```\n\n```\nplain\n```\n", nil},
	} {
		var buf bytes.Buffer
		if errs := c.Convert(&buf, "p.md", []byte(tt.src), 3); len(errs) > 0 {
			t.Fatal(errs)
		}
		var have []string
		for _, w := range c.Warnings() {
			have = append(have, w.Error())
		}
		if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%q:\nhave %q\nwant %q", tt.src, have, tt.want)
		}
	}
}
