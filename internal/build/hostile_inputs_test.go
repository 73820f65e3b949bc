package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/diag"
	"gongkai/internal/site"
)

// sizedPage is a page of exactly n bytes: a paragraph of Chinese text and
// a list item, repeated, padded with x.
func sizedPage(n int) []byte {
	front := "+++\ntitle = \"标题\"\ndate = 2022-02-10\n+++\n"
	unit := "政府信息公开工作年度报告正文，包括主动公开、依申请公开等情况。\n\n- 列表项 **加粗** [链接](/reports/)\n\n"
	b := make([]byte, 0, n)
	b = append(b, front...)
	for len(b)+len(unit) < n {
		b = append(b, unit...)
	}
	for len(b) < n-1 {
		b = append(b, 'x')
	}
	return append(b, '\n')
}

// TestContentSizeLimit: the limit is the README's, a page of exactly that
// size builds, and one byte more is refused with an error naming it.
func TestContentSizeLimit(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`A page, dataset or .tables\.toml. may be at most (\d+) MB`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README does not say how large a content file may be")
	}
	mb, _ := strconv.Atoi(string(m[1]))
	if site.MaxFileSize != mb<<20 {
		// Stop here: the builds below would each hold MaxFileSize bytes.
		t.Fatalf("site.MaxFileSize is %d bytes, the README says %d MB", site.MaxFileSize, mb)
	}
	for _, tt := range []struct {
		size    int
		wantErr string
	}{
		{site.MaxFileSize, ""},
		{site.MaxFileSize + 1, fmt.Sprintf("%s:", fuzzPagePath)},
	} {
		dir := t.TempDir()
		writeFuzzSite(t, filepath.Join(dir, "site"), sizedPage(tt.size), []byte(fuzzDataset))
		_, err := Build(Options{Site: os.DirFS(filepath.Join(dir, "site")), Out: filepath.Join(dir, "public"), Now: fuzzNow})
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("a page of %d bytes: %v", tt.size, err)
		case tt.wantErr == "":
			html, err := os.ReadFile(filepath.Join(dir, "public", "notices", "a", "index.html"))
			if err != nil || len(html) < site.MaxFileSize {
				t.Errorf("a page of %d bytes built into %d bytes: %v", tt.size, len(html), err)
			}
		case tt.wantErr != "" && err == nil:
			t.Errorf("a page of %d bytes, over the limit, was built", tt.size)
		case tt.wantErr != "":
			want := fmt.Sprintf("more than the %d MB a content file may be", mb)
			if !strings.HasPrefix(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), want) {
				t.Errorf("a page of %d bytes: have %v, want %s … %s", tt.size, err, tt.wantErr, want)
			}
		}
	}
}

// TestHostileInputs builds small sites from bad bytes: each gives either a
// correct page or a clear error naming the file, never a panic or a hang.
func TestHostileInputs(t *testing.T) {
	front := "+++\ntitle = \"标题\"\ndate = 2022-02-10\n+++\n"
	tests := []struct {
		name string
		page func() []byte
		// wantTitle, when set, is the title the built page must show;
		// otherwise a build error is allowed if it is clear.
		wantTitle string
		// wantErr, when set, is an error the build must report for the page.
		wantErr string
	}{
		{name: "10000-level nested list", page: func() []byte { return []byte(front + strings.Repeat("- ", 10000) + "x\n") }, wantTitle: "标题"},
		{name: "10000-level nested list, one per line", page: func() []byte {
			var b strings.Builder
			b.WriteString(front)
			for i := range nestedLevels() {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return []byte(b.String())
		}},
		{name: "10000-level blockquote", page: func() []byte { return []byte(front + strings.Repeat(">", 10000) + " x\n") }, wantErr: fuzzPagePath + ":5: indented or quoted more than 400 characters deep"},
		{name: "10000-level blockquote, spaced", page: func() []byte { return []byte(front + strings.Repeat("> ", 10000) + "x\n") }, wantErr: fuzzPagePath + ":5: indented or quoted more than 400 characters deep"},
		{name: "2000-level nested list, one per line, under the size limit", page: func() []byte {
			// goldmark's time grows faster than the square of this depth
			// (2,000 levels took 12 s): the depth limit refuses it at once.
			var b strings.Builder
			b.WriteString(front)
			for i := range 2000 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return []byte(b.String())
		}, wantErr: "indented or quoted more than 400 characters deep"},
		{name: "invalid UTF-8 in title and body", page: func() []byte {
			return []byte("+++\ntitle = \"标题\xff\xfe\"\ndate = 2022-02-10\n+++\n正文\xc3\x28 \xed\xa0\x80 \xff\n")
		}},
		{name: "invalid UTF-8 before a line break", page: func() []byte {
			// Found by FuzzConvert (internal/markdown/testdata/fuzz/FuzzConvert/597d7c7e71921d50):
			// goldmark's CJK line-break rendering calls util.ToRune on a lone
			// continuation byte and panicked with "slice bounds out of range
			// [-1:]", in a render goroutine, which ended the whole process.
			// Now the loader refuses text that is not UTF-8, at its line.
			return []byte(front + "\x82\n00\n")
		}, wantErr: fuzzPagePath + ":5: not UTF-8 text"},
		{name: "BOM and CRLF front matter", page: func() []byte {
			return []byte("\xef\xbb\xbf+++\r\ntitle = \"关于开展科技培训的通知\"\r\ndate = 2022-01-10\r\n+++\r\n正文第一段。\r\n\r\n- 一\r\n- 二\r\n")
		}, wantTitle: "关于开展科技培训的通知"},
		{name: "empty file", page: func() []byte { return nil }, wantErr: fuzzPagePath + ":1: title is required: add a line title = \"…\" between the +++ lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := tt.page()
			dir := t.TempDir()
			site := filepath.Join(dir, "site")
			out := filepath.Join(dir, "public")
			writeFuzzSite(t, site, page, []byte(fuzzDataset))
			_, err := Build(Options{Site: os.DirFS(site), Out: out, Now: fuzzNow})
			checkBuildErr(t, err, map[string][]byte{
				"content/site.toml": []byte(fuzzSiteConfig),
				fuzzColumnPath:      []byte(fuzzColumn),
				fuzzPagePath:        page,
				fuzzDatasetPath:     []byte(fuzzDataset),
			})
			if tt.wantErr != "" {
				var list diag.List
				if !errors.As(err, &list) {
					t.Fatalf("want an error naming %s, have %v", fuzzPagePath, err)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("want %s, have:\n%v", tt.wantErr, err)
				}
				return
			}
			if err != nil {
				if tt.wantTitle != "" {
					t.Fatalf("build: %v", err)
				}
				t.Logf("clear error: %.500s", err)
				return
			}
			html, err := os.ReadFile(filepath.Join(out, "notices", "a", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantTitle != "" && !strings.Contains(string(html), "<h1>"+tt.wantTitle+"</h1>") && !strings.Contains(string(html), ">"+tt.wantTitle+"</h1>") {
				t.Errorf("page does not show the title %q:\n%.2000s", tt.wantTitle, html)
			}
		})
	}
}

// nestedLevels is the depth of the one-item-per-line nested list:
// GONGKAI_NESTED_LEVELS, else 10,000.
func nestedLevels() int {
	if n, err := strconv.Atoi(os.Getenv("GONGKAI_NESTED_LEVELS")); err == nil && n > 0 {
		return n
	}
	return 10000
}
