package site

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// hostileSeeds are the bad bytes every fuzz target starts from: invalid
// UTF-8, a byte order mark, CRLF line ends, an empty file, deep nesting
// and huge numbers.
func hostileSeeds() [][]byte {
	return [][]byte{
		nil,
		[]byte("\n"),
		[]byte("+++"),
		[]byte("+++\n"),
		[]byte("+++\n+++"),
		[]byte("+++\n+++\n"),
		[]byte("+++ \t\r\n+++\r\n"),
		[]byte("\xef\xbb\xbf+++\ntitle = \"a\"\ndate = 2021-01-01\n+++\nbody\n"),
		[]byte("\xef\xbb\xbf+++\r\ntitle = \"标题\"\r\ndate = 2021-01-01\r\n+++\r\n正文\r\n"),
		[]byte("+++\ntitle = \"\xff\xfe\"\ndate = 2021-01-01\n+++\n\xc3\x28 body \xed\xa0\x80\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\n+++\n" + strings.Repeat("- ", 10000) + "x\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\n+++\n" + strings.Repeat(">", 10000) + " x\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\nx = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n+++\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\nx = " + strings.Repeat("{a=", 1000) + "1" + strings.Repeat("}", 1000) + "\n+++\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\nweight = 99999999999999999999999999\n+++\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 2021-01-01\nweight = 9223372036854775807\n+++\n"),
		[]byte("+++\ntitle = \"a\"\ndate = 9999-12-31T23:59:59.999999999+14:00\nvalid_until = 0001-01-01\n+++\n"),
		[]byte("+++\ntitle = 1\ndate = \"x\"\n[[attachment]]\nfile = \"../x\"\n+++\n"),
		[]byte("+++\n[" + strings.Repeat("a.", 2000) + "b]\n+++\n"),
	}
}

// siteSeeds returns the Markdown files of the build's txtar scenarios.
func siteSeeds(tb testing.TB) [][]byte {
	files, _ := filepath.Glob("../build/testdata/*.txtar")
	var out [][]byte
	for _, file := range files {
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
	return out
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range append(siteSeeds(f), hostileSeeds()...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, err := splitFrontMatter(src)
		s := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		first, _, _ := bytes.Cut(s, []byte("\n"))
		line := string(bytes.TrimRight(first, " \t\r"))
		fenced := line == "+++"
		// A first line of --- (YAML), key = value (the +++ forgotten),
		// +++ with more after it (front matter on one line), ++ or ＋＋＋,
		// or empty lines above +++, may be an error too: front matter
		// meant and missed.
		_, rest, _ := bytes.Cut(s, []byte("\n"))
		next, _, _ := bytes.Cut(bytes.TrimLeft(rest, " \t\r\n"), []byte("\n"))
		meant := fenced || line == "---" || tomlKey.Match(first) || strings.HasPrefix(strings.TrimSpace(line), "+++") || plusLine(first) ||
			strings.TrimSpace(line) == "" && (string(bytes.TrimSpace(next)) == "+++" || plusLine(next))
		if err != nil {
			if !meant {
				t.Fatalf("error %v for a file without front matter", err)
			}
			if front != nil || body != nil {
				t.Fatalf("error %v with front %q body %q", err, front, body)
			}
			return
		}
		if len(front)+len(body) > len(s) {
			t.Fatalf("front (%d) + body (%d) exceed the input (%d)", len(front), len(body), len(s))
		}
		if !bytes.HasSuffix(s, body) {
			t.Fatalf("body %q is not the end of the input", body)
		}
		if !fenced {
			if front != nil || !bytes.Equal(body, s) || bodyLine != 1 {
				t.Fatalf("no front matter: front %q, body line %d, body %q", front, bodyLine, body)
			}
			return
		}
		// s = first "\n" front closing-fence ["\n"] body
		afterFirst := s[len(first)+1:]
		if !bytes.HasPrefix(afterFirst, front) {
			t.Fatalf("front %q does not follow the opening fence", front)
		}
		closing := afterFirst[len(front) : len(afterFirst)-len(body)]
		closing = bytes.TrimSuffix(closing, []byte("\n"))
		if bytes.Contains(closing, []byte("\n")) || string(bytes.TrimRight(closing, " \t\r")) != "+++" {
			t.Fatalf("between front matter and body: %q, want the closing +++ line", closing)
		}
		for _, l := range bytes.Split(front, []byte("\n")) {
			if string(bytes.TrimRight(l, " \t\r")) == "+++" {
				t.Fatalf("front matter %q holds a fence line: it should have ended there", front)
			}
		}
		// The body starts on the line after the closing fence.
		closingLine := 1 + bytes.Count(s[:len(s)-len(body)-len(closing)], []byte("\n"))
		if bodyLine != closingLine+1 {
			t.Fatalf("body line %d, but the closing fence is on line %d", bodyLine, closingLine)
		}
		if want := 1 + bytes.Count(s[:len(s)-len(body)], []byte("\n")); len(body) > 0 && bodyLine != want {
			t.Fatalf("body line %d, want %d", bodyLine, want)
		}
	})
}

const fuzzConfig = `title = "示例县科学技术局"
base_url = "https://www.example.gov.cn/kjj/"
timezone = "Asia/Shanghai"

[organization]
name = "示例县科学技术局"
code = "11620522MB1234567X"
`

func FuzzLoad(f *testing.F) {
	for _, s := range append(siteSeeds(f), hostileSeeds()...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		fsys := fstest.MapFS{
			"content/site.toml": {Data: []byte(fuzzConfig)},
			"content/a.md":      {Data: page},
		}
		s, errs := Load(fsys)
		if s == nil {
			t.Fatalf("no site for a valid site.toml: %v", errs)
		}
		lines := bytes.Count(page, []byte("\n")) + 1
		cfgLines := strings.Count(fuzzConfig, "\n") + 1
		for _, e := range errs {
			switch e.Path {
			case "content/a.md":
				if e.Line < 0 || e.Line > lines+1 {
					t.Errorf("%v: line outside the file's %d lines", e, lines)
				}
			case ConfigPath:
				if e.Line < 0 || e.Line > cfgLines {
					t.Errorf("%v: line outside the config's %d lines", e, cfgLines)
				}
			default:
				t.Errorf("%v: error names a file the site does not have", e)
			}
			if e.Msg == "" {
				t.Errorf("%v: empty message", e)
			}
		}
		if len(errs) > 0 {
			return
		}
		if len(s.Pages) != 1 {
			t.Fatalf("a page without errors, but %d pages", len(s.Pages))
		}
		p := s.Pages[0]
		if p.Title == "" || p.Date.IsZero() {
			t.Fatalf("a page without errors lacks its title %q or date %v", p.Title, p.Date)
		}
		_, body, bodyLine, err := p.ReadBody(fsys, nil)
		if err != nil {
			t.Fatalf("the body of a page without errors: %v", err)
		}
		if !bytes.HasSuffix(page, body) {
			t.Fatalf("body %q is not the end of the file", body)
		}
		if bodyLine < 1 || bodyLine > lines+1 {
			t.Fatalf("body line %d outside the file's %d lines", bodyLine, lines)
		}
	})
}
