package markdown

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/diag"

	"github.com/rogpeppe/go-internal/txtar"
)

// markdownSeeds are the page bodies of the build's txtar scenarios and
// hostile bytes.
func markdownSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	ars, _ := filepath.Glob("../build/testdata/*.txtar")
	for _, file := range ars {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".md") {
				out = append(out, f.Data)
			}
		}
	}
	fig := "```figures\ndataset = \"d\"\n```\n"
	out = append(out,
		nil,
		[]byte("\n"),
		[]byte(fig),
		[]byte("```figures\ndataset = \"d\"\nbad = 1\n```\n"),
		[]byte("> - ```figures\n>   bad\n>   ```\n"),
		[]byte("```figures\nbad"),
		[]byte("~~~figures\n\tbad\n~~~\n"),
		[]byte("\xef\xbb\xbf# 标题\r\n\r\n"+strings.ReplaceAll(fig, "\n", "\r\n")),
		[]byte("# \xff\xfe\n\n\xc3\x28 text \xed\xa0\x80\n"),
		[]byte("<script>alert(1)</script>\n\n<div><script>x</script></div>\n\ntext <script>y</script> and <SCRIPT>z</SCRIPT>\n"),
		[]byte("[x](javascript:alert(1)) ![y](/a.png) [z](/reports/) <http://a/<script>>\n"),
		[]byte(strings.Repeat("- ", 10000)+"x\n"),
		[]byte(strings.Repeat(">", 10000)+" x\n"),
		[]byte(strings.Repeat("> ", 5000)+fig),
		[]byte(strings.Repeat("  ", 5000)+"- x\n"),
		[]byte(strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+"\n"),
		[]byte(strings.Repeat("*", 10000)+"x"+strings.Repeat("*", 10000)+"\n"),
		[]byte("| a | b |\n|---|---|\n| 1 | 2 |\n"+strings.Repeat("|", 10000)+"\n"),
	)
	return out
}

// fuzzBlock renders a block as fixed HTML, or fails at the first body line
// holding "bad".
var fuzzBlock = Block{Lang: "figures", Render: func(w io.Writer, body []byte) error {
	for i, l := range bytes.Split(body, []byte("\n")) {
		if bytes.Contains(l, []byte("bad")) {
			return diag.Error{Line: i + 1, Msg: "bad line"}
		}
	}
	_, err := io.WriteString(w, `<div class="fixed">figures</div>`)
	return err
}}

func FuzzConvert(f *testing.F) {
	for _, s := range markdownSeeds(f) {
		f.Add(s)
	}
	c := New(Options{BasePath: "/kjj/", Blocks: []Block{fuzzBlock}})
	f.Fuzz(func(t *testing.T, src []byte) {
		const path, first = "content/a.md", 5
		var out bytes.Buffer
		errs := c.Convert(&out, path, src, first)
		if bytes.Contains(bytes.ToLower(out.Bytes()), []byte("<script")) {
			t.Fatalf("output holds a script element:\n%s", out.Bytes())
		}
		lines := bytes.Split(src, []byte("\n"))
		for _, e := range errs {
			if e.Path != path {
				t.Errorf("%v: want path %s", e, path)
			}
			if e.Line < first || e.Line > first+len(lines)-1 {
				t.Errorf("%v: line outside the body's lines %d to %d", e, first, first+len(lines)-1)
				continue
			}
			if e.Msg == "figures block: bad line" && !bytes.Contains(lines[e.Line-first], []byte("bad")) {
				t.Errorf("%v: the line is %q, which the block did not fail on", e, lines[e.Line-first])
			}
		}
	})
}
