package tomlpos

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// k builds a key path: k("a", "0", "b").
func k(path ...string) []string { return path }

type want struct {
	key  []string
	line int
}

type raw struct {
	key []string
	raw string
}

func TestLine(t *testing.T) {
	for _, tt := range []struct {
		name  string
		src   string
		wants []want
		raws  []raw
	}{{
		name: "site front matter",
		src: `title = "x"
# comment
note = """
a = 1
"""
[organization]
name = "y"
a.b = 2
[[attachment]]
file = "a.pdf"
[[attachment]]
file = "b.pdf"
[year.2021]
"quoted key" = 3
`,
		wants: []want{
			{k("title"), 1},
			{k("note"), 3},
			{k("a"), 0}, // inside a multi-line string
			{k("organization"), 6},
			{k("organization", "name"), 7},
			{k("organization", "a"), 8},
			{k("organization", "a", "b"), 8},
			{k("attachment"), 9},
			{k("attachment", "0"), 9},
			{k("attachment", "0", "file"), 10},
			{k("attachment", "1", "file"), 12},
			{k("attachment", "1", "title"), 11}, // falls back to the table
			{k("attachment", "2", "file"), 9},   // to the array
			{k("year", "2021"), 13},
			{k("year", "2021", "quoted key"), 14},
			{k("nothing"), 0},
			{k(), 0},
		},
	}, {
		name: "disclosure tables",
		src: `# comment with [brackets] and key = 1
year = 2021
"format" = "2021 # not a comment"
applications.received = [
  1, 2, # a row over lines
  3, 4, 5, 6,
]
[ active ]
rules = { issued = 1,
  repealed = 2 }
fees = 12.50 # 万元
[applications.'withheld']
security = [0, 0, 0, 0, 0, 0]
`,
		wants: []want{
			{k("year"), 2},
			{k("format"), 3},
			{k("applications"), 4},
			{k("applications", "received"), 4},
			{k("active"), 8},
			{k("active", "rules"), 9},
			{k("active", "rules", "issued"), 9},
			{k("active", "rules", "repealed"), 10},
			{k("active", "fees"), 11},
			{k("applications", "withheld"), 12},
			{k("applications", "withheld", "security"), 13},
		},
		raws: []raw{
			{k("format"), `"2021 # not a comment"`},
			{k("active", "rules", "repealed"), "2"},
			{k("active", "fees"), "12.50"},
		},
	}, {
		name: "figures dataset",
		src: `title = "x"
note = """
[year.1999]
foo = 1
"""
[[metric]]
key = "a"
label = '''A
[b]'''
[[metric]]   # second
key = "b"
label = 'it''s'
[year.2020]
a = [1,
  2]
b = 1
year.2021.b = 2
`,
		wants: []want{
			{k("year", "1999", "foo"), 13}, // only year is set, on line 13
			{k("metric"), 6},
			{k("metric", "0"), 6},
			{k("metric", "0", "key"), 7},
			{k("metric", "0", "label"), 8},
			{k("b"), 0},
			{k("metric", "1"), 10},
			{k("metric", "1", "key"), 11},
			{k("metric", "1", "label"), 12},
			{k("year"), 13},
			{k("year", "2020", "a"), 14},
			{k("year", "2020", "b"), 16},
			{k("year", "2021"), 13},
			{k("year", "2020", "year", "2021", "b"), 17}, // under [year.2020]
		},
	}, {
		name: "strings of every kind",
		src: `a = "x \" [b] = 1 # \\"
b = 'c:\'
c = """
d = 1 \
"""
e = '''
f = 1'''''
g = """x"""""
h = 1
`,
		wants: []want{
			{k("a"), 1},
			{k("b"), 2},
			{k("c"), 3},
			{k("d"), 0},
			{k("e"), 6},
			{k("f"), 0},
			{k("g"), 8},
			{k("h"), 9},
		},
	}, {
		name: "quoted keys",
		src: `"a.b" = 1
'c.d'.e = 2
"\u00e9t\u00E9" = 3
"tab\there" = 4
"" = 5
[ "x y" . z ]
w = 6
"\x41\e\U0001F600" = 7
`,
		wants: []want{
			{k("a.b"), 1},
			{k("a", "b"), 0},
			{k("c.d"), 2},
			{k("c.d", "e"), 2},
			{k("été"), 3},
			{k("tab\there"), 4},
			{k(""), 5},
			{k("x y", "z"), 6},
			{k("x y", "z", "w"), 7},
			{k("x y", "z", "A\x1b😀"), 8},
		},
	}, {
		name: "arrays of inline tables",
		src: `metric = [
  { key = "a", label = "A" },
  # a comment
  { key = "b",
    label = "B" },
]
nested = [[1, 2], [{ x = 1 }]]
`,
		wants: []want{
			{k("metric"), 1},
			{k("metric", "0"), 2},
			{k("metric", "0", "key"), 2},
			{k("metric", "1"), 4},
			{k("metric", "1", "key"), 4},
			{k("metric", "1", "label"), 5},
			{k("metric", "2", "key"), 1},
			{k("nested", "1", "0", "x"), 7},
		},
	}, {
		name: "arrays of tables with sub-tables",
		src: `[[fruit]]
name = "apple"
[fruit.physical]
color = "red"
[[fruit.variety]]
name = "red delicious"
[[fruit]]
name = "banana"
[[fruit.variety]]
name = "plantain"
`,
		wants: []want{
			{k("fruit", "0", "physical", "color"), 4},
			{k("fruit", "0", "variety", "0", "name"), 6},
			{k("fruit", "1", "name"), 8},
			{k("fruit", "1", "variety", "0", "name"), 10},
			{k("fruit", "1", "physical"), 7},
		},
	}, {
		name: "a header after its sub-table",
		src: `[a.b]
x = 1
[a]
y = 2
`,
		wants: []want{
			{k("a"), 3},
			{k("a", "b"), 1},
			{k("a", "y"), 4},
		},
	}, {
		name: "byte order mark and CRLF",
		src:  "\uFEFFtitle = \"a\"\r\n[t]\r\nb = 1\r\n",
		wants: []want{
			{k("title"), 1},
			{k("t"), 2},
			{k("t", "b"), 3},
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			m := Scan([]byte(tt.src))
			for _, w := range tt.wants {
				if have := m.Line(w.key...); have != w.line {
					t.Errorf("Line(%q): have %d, want %d", w.key, have, w.line)
				}
			}
			for _, r := range tt.raws {
				if have, _ := m.Raw(r.key...); have != r.raw {
					t.Errorf("Raw(%q): have %q, want %q", r.key, have, r.raw)
				}
			}
		})
	}
}

func TestRaw(t *testing.T) {
	src := `fees = 12.50 # 万元
count = 1_000
text = "a # b"   # a comment
date = 1979-05-27 07:32:00
row = [1, 2]
rows = [1,
  2]
note = """
x"""
inline = { amount = 356.70, sub = { n = +4 } }
[t]
n = -3
[[a]]
v = 0.0
`
	m := Scan([]byte(src))
	for _, tt := range []struct {
		key    []string
		want   string
		inline bool
	}{
		{k("fees"), "12.50", false},
		{k("count"), "1_000", false},
		{k("text"), `"a # b"`, false},
		{k("date"), "1979-05-27 07:32:00", false},
		{k("row"), "[1, 2]", false},
		{k("rows"), "", false},
		{k("note"), "", false},
		{k("inline"), "{ amount = 356.70, sub = { n = +4 } }", false},
		{k("inline", "amount"), "356.70", true},
		{k("inline", "sub", "n"), "+4", true},
		{k("t"), "", false},
		{k("t", "n"), "-3", false},
		{k("a", "0", "v"), "0.0", false},
		{k("missing"), "", false},
		{k("fees", "deeper"), "", false},
	} {
		have, ok := m.Raw(tt.key...)
		if have != tt.want || ok != (tt.want != "") {
			t.Errorf("Raw(%q): have %q, %v; want %q", tt.key, have, ok, tt.want)
		}
		if have := m.Inline(tt.key...); have != tt.inline {
			t.Errorf("Inline(%q): have %v, want %v", tt.key, have, tt.inline)
		}
	}
}

func TestNil(t *testing.T) {
	var m *Map
	if l := m.Line("a"); l != 0 {
		t.Errorf("Line on nil: %d", l)
	}
	if _, ok := m.Raw("a"); ok || m.Inline("a") {
		t.Error("Raw or Inline on nil found a key")
	}
}

// seeds are the sources of every test above, real site files and hostile
// bytes.
func seeds(tb testing.TB) [][]byte {
	out := [][]byte{
		nil,
		[]byte("\n"),
		[]byte("\uFEFFa = 1\n"),
		[]byte("a = 1\r\n[b]\r\nc = \"\xff\xfe\"\r\n"),
		[]byte("x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"),
		[]byte("x = " + strings.Repeat("{a=", 1000) + "1" + strings.Repeat("}", 1000) + "\n"),
		[]byte("[" + strings.Repeat("a.", 2000) + "b]\n"),
		[]byte(strings.Repeat("- ", 10000)),
		[]byte("a = { b = 1,\n  c = [ { d = 2 },\n { e.f = 3 } ] }\n[[g]]\n[[g.h]]\n[g.i]\n"),
		[]byte(`"\u00e9\x41\e\U0001F600" = 'x'` + "\n"),
	}
	globs := []string{"../../content/*.toml", "../../content/data/*.toml", "../disclosure/testdata/*.toml"}
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, b)
		}
	}
	return out
}

// FuzzScan checks the scan against the decoder: every key of a document
// that decodes has its own line, within the document, and that line
// names the key.
func FuzzScan(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(checkScan)
}

func checkScan(t *testing.T, src []byte) {
	m := Scan(src) // must not panic, whatever the input
	var doc map[string]any
	if _, err := toml.Decode(string(src), &doc); err != nil {
		return
	}
	lines := bytes.Split(src, []byte("\n"))
	// check looks up name under node parent, at path; index is set when the
	// name numbers an array's element, whose line need not show it.
	check := func(parent int32, name string, index bool, path []string) int32 {
		id, ok := m.kids[edge{parent, name}]
		if !ok {
			t.Fatalf("key %q of %q has no line", name, path)
		}
		l := m.nodes[id].line
		if l < 1 || l > len(lines) {
			t.Fatalf("key %q of %q: line %d outside the %d lines", name, path, l, len(lines))
		}
		if text := lines[l-1]; !index && bare(name) && !bytes.ContainsRune(text, '\\') && !bytes.Contains(text, []byte(name)) {
			t.Fatalf("key %q of %q at line %d: %q", name, path, l, text)
		}
		return id
	}
	var walk func(v any, id int32, path []string)
	walk = func(v any, id int32, path []string) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(e, check(id, k, false, path), append(path, k))
			}
		case []map[string]any:
			for i, e := range v {
				walk(e, check(id, strconv.Itoa(i), true, path), append(path, strconv.Itoa(i)))
			}
		case []any:
			for i, e := range v {
				switch e.(type) {
				case map[string]any, []map[string]any, []any:
					walk(e, check(id, strconv.Itoa(i), true, path), append(path, strconv.Itoa(i)))
				}
			}
		}
	}
	walk(doc, 0, nil)
}

func bare(s string) bool {
	for i := range len(s) {
		if !isBare(s[i]) {
			return false
		}
	}
	return s != ""
}

func BenchmarkScan(b *testing.B) {
	src, err := os.ReadFile("../disclosure/testdata/2021.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(src)
	}
}
