// Package tomlpos finds the line of each key in a TOML document, so that
// errors found after decoding (an unknown key, a value of the wrong kind)
// can name the line an editor has to fix. BurntSushi/toml keeps key
// positions private; this scan covers what editors write: tables, arrays
// of tables, and dotted or bare keys.
//
//	lines := tomlpos.Scan(src)
//	line := lines.Of("attachment", "0", "file") // 0 when not found
package tomlpos

import (
	"strconv"
	"strings"
)

// Lines maps a dotted key path to its 1-based line. Elements of an array
// of tables are numbered from 0: "attachment.1.title".
type Lines map[string]int

// Scan reads src line by line. It does not validate TOML: the decoder
// does that; lines it cannot read are skipped.
func Scan(src []byte) Lines {
	lines := Lines{}
	arrays := map[string]int{} // next index of each array of tables
	var table []string
	inMultiline := ""
	for n, line := range strings.Split(string(src), "\n") {
		lineNo := n + 1
		s := strings.TrimSpace(line)
		if inMultiline != "" {
			if strings.Contains(s, inMultiline) {
				inMultiline = ""
			}
			continue
		}
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "[["):
			end := strings.Index(s, "]]")
			if end < 0 {
				continue
			}
			name := splitKey(s[2:end])
			key := strings.Join(name, ".")
			i := arrays[key]
			arrays[key] = i + 1
			table = append(name, strconv.Itoa(i))
			lines.set(table, lineNo)
		case s[0] == '[':
			end := strings.Index(s, "]")
			if end < 0 {
				continue
			}
			table = splitKey(s[1:end])
			lines.set(table, lineNo)
		default:
			eq := strings.Index(s, "=")
			if eq < 0 {
				continue
			}
			key := append(append([]string{}, table...), splitKey(s[:eq])...)
			lines.set(key, lineNo)
			rest := strings.TrimSpace(s[eq+1:])
			for _, q := range []string{`"""`, `'''`} {
				if strings.HasPrefix(rest, q) && !strings.Contains(rest[3:], q) {
					inMultiline = q
				}
			}
		}
	}
	return lines
}

func (l Lines) set(key []string, line int) {
	k := strings.Join(key, ".")
	if _, ok := l[k]; !ok {
		l[k] = line
	}
}

// Of returns the line of the key path, or of its nearest parent that has
// one, or 0.
func (l Lines) Of(key ...string) int {
	for n := len(key); n > 0; n-- {
		if line, ok := l[strings.Join(key[:n], ".")]; ok {
			return line
		}
	}
	return 0
}

// splitKey splits a dotted key, removing quotes and spaces: `a."b.c" . d`
// gives a, b.c, d.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case c == ' ' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}
