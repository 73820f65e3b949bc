package tomldoc_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/diag"
	"gongkai/internal/disclosure"
	"gongkai/internal/figures"
	"gongkai/internal/site"
)

// kinds are the TOML an editor writes, each read by its own package. In
// each, the line holding key (a string) is keyLine and the line "MISTAKE"
// is line 4 of the file, or of the block's body.
var kinds = []struct {
	name    string
	key     string
	keyLine int
	src     string
	read    func(src string) []diag.Error
}{{
	name: "site.toml", key: "title", keyLine: 1,
	src: "title = \"T\"\nbase_url = \"https://x.gov.cn/\"\nlanguage = \"zh-CN\"\nMISTAKE\n[organization]\nname = \"O\"\n",
	read: func(src string) []diag.Error {
		_, errs := site.Load(fstest.MapFS{site.ConfigPath: {Data: []byte(src)}})
		return errs
	},
}, {
	name: "front matter", key: "title", keyLine: 2,
	src:  "+++\ntitle = \"T\"\ndate = 2021-01-01\nMISTAKE\n+++\nbody\n",
	read: func(src string) []diag.Error { return loadContent("content/a.md", src) },
}, {
	name: "_index.md", key: "title", keyLine: 2,
	src:  "+++\ntitle = \"T\"\nweight = 1\nMISTAKE\n+++\nbody\n",
	read: func(src string) []diag.Error { return loadContent("content/s/_index.md", src) },
}, {
	name: "dataset", key: "title", keyLine: 1,
	src: "title = \"T\"\nsource = \"S\"\nnote = \"N\"\nMISTAKE\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n",
	read: func(src string) []diag.Error {
		_, errs := figures.Decode("content/data/x.toml", "x", []byte(src))
		return errs
	},
}, {
	name: "tables.toml", key: "format", keyLine: 1,
	src: "format = \"2021\"\nyear = 2021\n# -\nMISTAKE\n",
	read: func(src string) []diag.Error {
		_, errs := disclosure.Decode("content/r/tables.toml", []byte(src))
		return errs
	},
}, {
	name: "figures block", key: "dataset", keyLine: 1,
	src: "dataset = \"x\"\nchart = true\n# -\nMISTAKE\n",
	read: func(src string) []diag.Error {
		_, errs := figures.ParseBlock([]byte(src))
		return errs
	},
}, {
	name: "disclosure block", key: "table", keyLine: 1,
	src: "table = \"active\"\n# -\n# -\nMISTAKE\n",
	read: func(src string) []diag.Error {
		_, errs := disclosure.ParseBlock([]byte(src))
		return errs
	},
}}

// loadContent loads a valid site with one more file.
func loadContent(path, src string) []diag.Error {
	_, errs := site.Load(fstest.MapFS{
		site.ConfigPath: {Data: []byte("title = \"T\"\nbase_url = \"https://x.gov.cn/\"\n[organization]\nname = \"O\"\n")},
		path:            {Data: []byte(src)},
	})
	return errs
}

// show is an error without its path: "4:12: message" or "4: message".
func show(e diag.Error) string {
	if e.Col > 0 {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%d: %s", e.Line, e.Msg)
}

// TestSameMistakeSameWords makes one mistake in every kind of TOML and
// wants one error, in the same words, at the line (and column) to fix.
func TestSameMistakeSameWords(t *testing.T) {
	for _, m := range []struct {
		name    string
		line    string // in place of MISTAKE
		keyLine string // in place of the key's line, when set
		want    func(key string, keyLine int) string
	}{{
		name: "wrong type",
		line: "# -", keyLine: "KEY = 5",
		want: func(key string, keyLine int) string {
			// One error: not also "title is required".
			return fmt.Sprintf("%d: %s: want a string, have a whole number", keyLine, key)
		},
	}, {
		// toml reports a header cut short by its newline on the next line.
		name: "syntax error", line: "[attachment",
		want: func(string, int) string {
			return `4:12: invalid TOML: expected '.' or ']' to end table name, but got the end of the line instead`
		},
	}, {
		name: "unknown key", line: "colour = \"red\"",
		want: func(string, int) string { return `4: unknown key "colour"` },
	}, {
		name: "not UTF-8", line: "# \xb1\xea\xcc\xe2", // 标题 in GBK
		want: func(string, int) string { return "4: not UTF-8 text: save the file as UTF-8 (it may be in GBK)" },
	}} {
		for _, k := range kinds {
			t.Run(m.name+"/"+k.name, func(t *testing.T) {
				src := strings.Replace(k.src, "MISTAKE", m.line, 1)
				if m.keyLine != "" {
					lines := strings.Split(src, "\n")
					lines[k.keyLine-1] = strings.Replace(m.keyLine, "KEY", k.key, 1)
					src = strings.Join(lines, "\n")
				}
				errs := k.read(src)
				want := m.want(k.key, k.keyLine)
				if len(errs) != 1 {
					t.Fatalf("have %d errors %v, want one: %s", len(errs), errs, want)
				}
				// An unknown key may come with a hint; the words before it are the same.
				have := show(errs[0])
				if m.name == "unknown key" {
					have, _, _ = strings.Cut(have, " (")
				}
				if have != want {
					t.Errorf("have %s\nwant %s", show(errs[0]), want)
				}
			})
		}
	}
}
