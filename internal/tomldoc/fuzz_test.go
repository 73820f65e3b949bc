package tomldoc

import (
	"strings"
	"testing"
)

// FuzzParse checks that an error is always within the text: at a line
// from 1 to the last (never past it, never 0 when the position is known),
// a column from 1, and in words without a NUL.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"a = 1\n",
		"[attachment\nfile = 1\n",
		"a = 1\n[year.2021",
		"a = [1,\n",
		"b = \"\\",
		"\uFEFFa = =\n",
		"a = 1\na = 2\n",
		"note = \"科技局\" x\n",
		"a = \"\xb1\xea\"\n",
		"x = '''\n\n",
		"\n\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tab, errs := Parse("p", src, 2)
		if tab != nil {
			tab.Unknown()
			errs = tab.Errors()
		}
		text := strings.TrimPrefix(string(src), "\uFEFF")
		last := 2 + strings.Count(strings.TrimSuffix(text, "\n"), "\n") // the file line of the last, with firstLine 2
		for _, e := range errs {
			if e.Line < 1 || e.Line > last || e.Col < 0 || e.Msg == "" || strings.ContainsRune(e.Msg, 0) {
				t.Fatalf("%q: error %+v outside lines 1–%d, or without words", src, e, last)
			}
			if tab == nil && e.Line < 2 && len(text) > 0 && !strings.Contains(e.Msg, "UTF-8") {
				t.Fatalf("%q: syntax error %+v above the text", src, e)
			}
		}
	})
}
