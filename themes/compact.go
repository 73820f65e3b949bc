package themes

import (
	"bytes"
	"io/fs"
	"path"
	"testing/fstest"
)

// compactFS is the theme's files in memory, the stylesheets and scripts
// compacted: a pointer, so that a theme layer can be told by ==
// (internal/theme).
type compactFS struct{ fstest.MapFS }

// compacted reads the tree dir of fsys into memory, with each .css and
// .js file's comment lines dropped (compact).
func compacted(fsys fs.FS, dir string) *compactFS {
	m := fstest.MapFS{}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		switch path.Ext(p) {
		case ".css":
			data = compact(data, false)
		case ".js":
			data = compact(data, true)
		}
		rel := p[len(dir)+1:]
		m[rel] = &fstest.MapFile{Data: data, Mode: 0o444}
		return nil
	})
	if err != nil {
		panic(err) // the embedded files: read at build time
	}
	return &compactFS{m}
}

// compact drops the comment lines of a stylesheet or (js) a script: a
// /* … */ block on lines of its own, and in a script a line that is a
// // comment. What a line-by-line reading cannot be sure of — a block
// that starts after code or ends before it, a line continued, a
// carriage return, or in a script a template literal, where such a line
// may be text — leaves the file as it is.
func compact(src []byte, js bool) []byte {
	if bytes.ContainsRune(src, '\r') || bytes.Contains(src, []byte("\\\n")) || js && bytes.ContainsRune(src, '`') {
		return src
	}
	var out []byte
	inBlock := false
	for line := range bytes.Lines(src) {
		t := bytes.TrimSpace(line)
		switch {
		case inBlock:
			if i := bytes.Index(t, []byte("*/")); i >= 0 {
				if i != len(t)-2 {
					return src
				}
				inBlock = false
			}
		case js && bytes.HasPrefix(t, []byte("//")):
		case bytes.HasPrefix(t, []byte("/*")):
			switch end := bytes.Index(t[2:], []byte("*/")); {
			case end < 0:
				inBlock = true
			case opens(t[end+4:]):
				return src // code, then a block left open
			case end+4 != len(t):
				out = append(out, line...) // code after the comment
			}
		case opens(t):
			return src // a block that starts after code: where it ends is not sure
		default:
			out = append(out, line...)
		}
	}
	if inBlock {
		return src
	}
	return out
}

// opens reports whether the line t opens a /* … */ block it does not
// close.
func opens(t []byte) bool {
	i := bytes.LastIndex(t, []byte("/*"))
	return i >= 0 && !bytes.Contains(t[i+2:], []byte("*/"))
}
