package themes

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
)

// TestCompact: comment lines go, every other line stays as it was, in
// order; what a line-by-line reading cannot be sure of is left whole.
func TestCompact(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
		js              bool
	}{
		{"a script's comments", "/* head\n   more */\nvar a = 1; // trailing\n  // alone\nf(a);\n", "var a = 1; // trailing\nf(a);\n", true},
		{"a one-line block", "  /* one */\na {}\n", "a {}\n", false},
		{"a stylesheet's // is not a comment", "// x\na {}\n", "// x\na {}\n", false},
		{"code after a block on its line", "/* a */ b();\n", "/* a */ b();\n", true},
		{"a block ending before code", "/* a\n b */ c();\n", "/* a\n b */ c();\n", true},
		{"a block closed after code, on its line", "a {} /* b */\n/* c */\n", "a {} /* b */\n", false},
		{"a block starting after code", "a = 1; /* b\n// c\n/* d\n*/\n", "a = 1; /* b\n// c\n/* d\n*/\n", true},
		{"a template literal", "s = `\n// not a comment\n`;\n", "s = `\n// not a comment\n`;\n", true},
		{"a line continued", "s = 'a\\\n// b';\n", "s = 'a\\\n// b';\n", true},
		{"code, then a block left open", "/* a */ x(); /* b\n/* c\n*/\ny();\n", "/* a */ x(); /* b\n/* c\n*/\ny();\n", true},
		{"a line continued, Windows's way", "s = 'a\\\r\n// b';\r\n", "s = 'a\\\r\n// b';\r\n", true},
		{"an unclosed block", "a();\n/* b\n", "a();\n/* b\n", true},
		{"no final newline", "a();\n// b", "a();\n", true},
	} {
		if have := string(compact([]byte(c.src), c.js)); have != c.want {
			t.Errorf("%s: %q, want %q", c.name, have, c.want)
		}
	}
}

// TestDefaultCompacted: the built-in theme's scripts and stylesheets are
// served smaller than their source, which keeps its comments, and its
// other files as they are.
func TestDefaultCompacted(t *testing.T) {
	n := 0
	err := fs.WalkDir(files, "default", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, _ := fs.ReadFile(files, p)
		served, err := fs.ReadFile(Default, strings.TrimPrefix(p, "default/"))
		if err != nil {
			return err
		}
		info, err := fs.Stat(Default, strings.TrimPrefix(p, "default/"))
		if err != nil || info.Size() != int64(len(served)) {
			t.Errorf("%s: size %v, %v; served %d bytes", p, info.Size(), err, len(served))
		}
		switch {
		case strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".css"):
			if len(served) >= len(src)*9/10 {
				t.Errorf("%s: %d bytes served of %d: its comments kept", p, len(served), len(src))
			}
			n++
		case !bytes.Equal(served, src):
			t.Errorf("%s: changed", p)
		}
		return nil
	})
	if err != nil || n < 3 {
		t.Fatalf("%d scripts and stylesheets, %v", n, err)
	}
}
