package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"gongkai/internal/diag"
)

// The site FuzzBuild writes: a fixed site.toml, one page and one dataset
// from the fuzzer.
const (
	fuzzSiteConfig = `title = "示例县科学技术局"
base_url = "https://www.example.gov.cn/kjj/"
timezone = "Asia/Shanghai"

[organization]
name = "示例县科学技术局"
code = "11620522MB1234567X"
`
	fuzzPagePath    = "content/notices/a.md"
	fuzzColumnPath  = "content/notices/_index.md" // its column, with a title
	fuzzDatasetPath = "content/data/projects.toml"
)

const fuzzDataset = `title = "科技计划项目"
source = "示例县科学技术局"

[[metric]]
key = "total"
label = "县级科技计划项目"
unit = "项"

[[metric]]
key = "agri"
label = "其中：农业"
unit = "项"

[[metric]]
key = "other"
label = "其中：其他"
unit = "项"

[[check]]
sum = "total"
of = ["agri", "other"]

[year.2020]
total = 31

[year.2021]
total = 39
agri = 27
other = 12
`

const fuzzColumn = "+++\ntitle = \"通知公告\"\n+++\n"

const fuzzPage = "+++\ntitle = \"2021年工作报告\"\ndate = 2022-02-10\n+++\n全年立项情况如下：\n\n```figures\ndataset = \"projects\"\nmetrics = [\"total\", \"agri\"]\nchart = true\n```\n"

func fuzzNow(*time.Location) time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// writeFuzzSite writes the site into dir.
func writeFuzzSite(tb testing.TB, dir string, page, dataset []byte) {
	for name, data := range map[string][]byte{
		"content/site.toml": []byte(fuzzSiteConfig),
		fuzzColumnPath:      []byte(fuzzColumn),
		fuzzPagePath:        page,
		fuzzDatasetPath:     dataset,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkBuildErr asserts a build's error is a diag.List whose every entry
// names a file of the site at a line inside it.
func checkBuildErr(tb testing.TB, err error, files map[string][]byte) {
	tb.Helper()
	if err == nil {
		return
	}
	var list diag.List
	if !errors.As(err, &list) {
		tb.Fatalf("build error %T is not a diag.List: %v", err, err)
	}
	if len(list) == 0 {
		tb.Fatal("empty error list")
	}
	for _, e := range list {
		data, ok := files[e.Path]
		if !ok {
			tb.Errorf("%v: names a file the site does not have", e)
			continue
		}
		if lines := bytes.Count(data, []byte("\n")) + 1; e.Line < 0 || e.Line > lines+1 {
			tb.Errorf("%v: line outside the file's %d lines", e, lines)
		}
		if e.Msg == "" {
			tb.Errorf("%v: empty message", e)
		}
	}
}

func FuzzBuild(f *testing.F) {
	// Real pages and datasets from the scenarios, each with the other half
	// of the fixed site.
	ars, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range ars {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			switch {
			case strings.HasPrefix(af.Name, "content/data/"):
				f.Add([]byte(fuzzPage), af.Data)
			case strings.HasSuffix(af.Name, ".md") && !strings.HasSuffix(af.Name, "_index.md"):
				f.Add(af.Data, []byte(fuzzDataset))
			}
		}
	}
	front := "+++\ntitle = \"标题\"\ndate = 2022-02-10\n+++\n"
	for _, s := range [][2]string{
		{fuzzPage, fuzzDataset},
		{"", ""},
		{"", fuzzDataset},
		{fuzzPage, ""},
		{"\xef\xbb\xbf" + strings.ReplaceAll(fuzzPage, "\n", "\r\n"), strings.ReplaceAll(fuzzDataset, "\n", "\r\n")},
		{"+++\ntitle = \"\xff\xfe\"\ndate = 2022-02-10\n+++\n\xc3\x28 正文 \xed\xa0\x80\n", strings.Replace(fuzzDataset, "科技计划项目", "\xff\xfe", 1)},
		{front + strings.Repeat("- ", 10000) + "x\n", fuzzDataset},
		{front + strings.Repeat(">", 10000) + " x\n", fuzzDataset},
		{front + strings.Repeat("> ", 2000) + "```figures\ndataset = \"projects\"\n```\n", fuzzDataset},
		{front + "```figures\ndataset = \"projects\"\nyears = [2019]\nmetrics = [\"nope\"]\n```\n", fuzzDataset},
		{front + "```figures\ndataset = \"nope\"\n```\n```disclosure\ntable = \"applications\"\n```\n", fuzzDataset},
		{front + "<script>alert(1)</script>\n", fuzzDataset},
		{"+++\ntitle = \"a\"\ndate = 2022-02-10\nweight = 99999999999999999999\nx = " + strings.Repeat("[", 3000) + strings.Repeat("]", 3000) + "\n+++\n", "x = " + strings.Repeat("{a=", 1000) + "1" + strings.Repeat("}", 1000) + "\n"},
		{fuzzPage, strings.Replace(fuzzDataset, "total = 39", "total = 99999999999999999999", 1)},
		{fuzzPage, strings.Replace(fuzzDataset, "total = 39", "total = 1e308", 1)},
		{fuzzPage, strings.Replace(fuzzDataset, "[year.2021]", "[year.9999]", 1)},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, page, dataset []byte) {
		dir := t.TempDir()
		writeFuzzSite(t, dir, page, dataset)
		_, err := Build(Options{Site: os.DirFS(dir), Check: true, Now: fuzzNow})
		checkBuildErr(t, err, map[string][]byte{
			"content/site.toml": []byte(fuzzSiteConfig),
			fuzzColumnPath:      []byte(fuzzColumn),
			fuzzPagePath:        page,
			fuzzDatasetPath:     dataset,
		})
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Fatalf("a check wrote into the site folder: %v", entries)
		}
	})
}
