package tomldoc

import (
	"slices"
	"testing"
	"time"

	"gongkai/internal/diag"
)

func errStrings(errs []diag.Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestSyntaxPosition(t *testing.T) {
	for _, tt := range []struct {
		name      string
		src       string
		firstLine int
		want      string
	}{{
		// toml counts the newline that cuts the header short as line 5's.
		name:      "header cut short, front matter line 4",
		src:       "title = \"x\"\ndate = 2021-01-01\n[attachment\nfile = \"a.pdf\"\n",
		firstLine: 2,
		want:      "p:4:12: invalid TOML: expected '.' or ']' to end table name, but got the end of the line instead",
	}, {
		name:      "header cut short on the last line",
		src:       "a = 1\n[year.2021",
		firstLine: 1,
		want:      "p:2:10: invalid TOML: expected '.' or ']' to end table name, but got the end of the file instead",
	}, {
		name:      "column in characters, not bytes",
		src:       "title = \"秦安县\"\nnote = \"科技局\" x\n",
		firstLine: 1,
		want:      "p:2:13: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead",
	}, {
		name:      "string cut short by the end of the input: not past the last line",
		src:       "a = 1\nb = \"\\",
		firstLine: 1,
		want:      "p:2:6: invalid TOML: invalid escape in string '\\'",
	}, {
		name:      "ends in a newline: the last line is the one before it",
		src:       "a = [1,\n",
		firstLine: 1,
		want:      "p:1:8: invalid TOML: unexpected EOF; expected value",
	}, {
		name:      "byte-order mark does not shift the column",
		src:       "\uFEFFa = =\n",
		firstLine: 1,
		want:      "p:1:5: invalid TOML: expected value but found '=' instead",
	}, {
		name:      "duplicate key",
		src:       "a = 1\na = 2\n",
		firstLine: 1,
		want:      "p:2:1: invalid TOML: key 'a' has already been defined",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			tab, errs := Parse("p", []byte(tt.src), tt.firstLine)
			if tab != nil || len(errs) != 1 {
				t.Fatalf("have %v, %q; want one error", tab, errStrings(errs))
			}
			if have := errs[0].Error(); have != tt.want {
				t.Errorf("have %s\nwant %s", have, tt.want)
			}
		})
	}
}

func TestNotUTF8(t *testing.T) {
	// "标题" in GBK on line 2.
	src := []byte("a = 1\ntitle = \"\xb1\xea\xcc\xe2\"\n")
	_, errs := Parse("p", src, 2)
	want := []string{"p:3: not UTF-8 text: save the file as UTF-8 (it may be in GBK)"}
	if have := errStrings(errs); !slices.Equal(have, want) {
		t.Errorf("have %q, want %q", have, want)
	}
}

// TestUTF16: a file saved as Notepad's "Unicode" is told so, not taken
// for GBK.
func TestUTF16(t *testing.T) {
	for _, bom := range [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}, nil} {
		src := append(bom, "t\x00i\x00t\x00l\x00e\x00 \x00=\x00 \x00\"\x00\x07h\"\x00\n\x00"...)
		_, errs := Parse("p", src, 2)
		want := []string{"p:2: not UTF-8 text but UTF-16 (what Notepad calls Unicode): save the file as UTF-8"}
		if have := errStrings(errs); !slices.Equal(have, want) {
			t.Errorf("BOM %x: have %q, want %q", bom, have, want)
		}
	}
}

func TestAccessors(t *testing.T) {
	src := `title = 5
weight = "3"
draft = 1
aliases = ["/a", 2]
years = [2020, "2021"]
date = "soon"
valid_until = true
titel = "x"
colour = "red"
[organization]
name = 5
nmae = "y"
[[attachment]]
file = "a.pdf"
[[attachment]]
file = 7
`
	tab, errs := Parse("p", []byte(src), 2)
	if errs != nil {
		t.Fatal(errs)
	}
	title, ok := tab.Str("title")
	if title != "" || ok {
		t.Errorf("Str: have %q, %v", title, ok)
	}
	if !tab.Reported("title") {
		t.Error("title: wrong type not remembered")
	}
	tab.Int("weight")
	tab.Bool("draft")
	tab.Strings("aliases")
	tab.Ints("years")
	tab.Date("date", time.UTC)
	tab.Date("valid_until", time.UTC)
	tab.Str("missing")
	o := tab.Table("organization")
	o.Str("name")
	o.Str("code")
	o.Unknown()
	files := []string{}
	for _, a := range tab.Tables("attachment") {
		f, _ := a.Str("file")
		files = append(files, f)
		a.Unknown()
	}
	tab.Unknown()
	want := []string{
		"p:2: title: want a string, have a whole number",
		"p:3: weight: a number is written without quotes: weight = 3",
		"p:4: draft: want true or false, have a whole number",
		"p:5: aliases: want a list of strings, have a whole number in it",
		"p:6: years: want a list of whole numbers, have a string in it",
		`p:7: date: "soon" is not a date: write the date as 2022-02-20 (with a time: 2022-02-20T09:00:00)`,
		"p:8: valid_until: want a date, have true or false",
		`p:9: unknown key "titel" (did you mean "title"?)`,
		`p:10: unknown key "colour" (want title, weight, draft, aliases, years, date, valid_until, missing, organization or attachment)`,
		"p:12: organization.name: want a string, have a whole number",
		`p:13: unknown key "organization.nmae" (did you mean "name"?)`,
		"p:17: attachment.file: want a string, have a whole number",
	}
	if have := errStrings(tab.Errors()); !slices.Equal(have, want) {
		t.Errorf("have\n\t%s\nwant\n\t%s", join(have), join(want))
	}
	if !slices.Equal(files, []string{"a.pdf", ""}) {
		t.Errorf("files: have %q", files)
	}
}

func TestLines(t *testing.T) {
	tab, _ := Parse("p", []byte("a = 1\n[t]\nb = 2\n"), 2)
	for _, tt := range []struct {
		key  []string
		want int
	}{
		{[]string{"a"}, 2},
		{[]string{"t", "b"}, 4},
		{[]string{"t", "nope"}, 3}, // the table's
		{[]string{"nope"}, 1},      // the fence
	} {
		if have := tab.Line(tt.key...); have != tt.want {
			t.Errorf("Line(%q): have %d, want %d", tt.key, have, tt.want)
		}
	}
	raw, _ := Parse("p", []byte("fees = 12.50\n"), 1)
	if v, ok := raw.Raw("fees"); v != "12.50" || !ok {
		t.Errorf("Raw: have %q, %v; want 12.50 as typed", v, ok)
	}
}

func TestUnknownHint(t *testing.T) {
	for _, tt := range []struct {
		known []string
		key   string
		want  string
	}{
		{[]string{"title", "date"}, "titel", `unknown key "titel" (did you mean "title"?)`},
		{[]string{"sum", "of"}, "unit", `unknown key "unit" (want sum or of)`},
		{[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}, "zzz", `unknown key "zzz"`},
	} {
		tab, _ := Parse("p", []byte(tt.key+" = 1\n"), 1)
		for _, k := range tt.known {
			tab.Value(k)
		}
		tab.Unknown()
		want := []string{"p:1: " + tt.want}
		if have := errStrings(tab.Errors()); !slices.Equal(have, want) {
			t.Errorf("have %q, want %q", have, want)
		}
	}
}

func join(s []string) string {
	out := ""
	for i, l := range s {
		if i > 0 {
			out += "\n\t"
		}
		out += l
	}
	return out
}
