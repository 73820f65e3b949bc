package figures

import (
	"strconv"
	"strings"
)

// BurntSushi/toml reports lines only for syntax errors, so after a file has
// parsed, sourceMap walks it once more to learn where each key is defined.
// Errors found while validating the decoded values then point at the line an
// editor has to fix, not at the top of the file.

// sourceMap records, for each key a TOML document defines, the line that
// defines it and, for a value on one line, the value as typed.
//
// Keys are paths joined by keySep; the elements of an array of tables are
// numbered, so the third [[metric]]'s label is keyPath("metric", "#2",
// "label"). Keys inside inline tables are not recorded; line falls back to
// the nearest enclosing key that is.
type sourceMap struct {
	lines map[string]int
	raw   map[string]string
}

const keySep = "\x00"

func keyPath(parts ...string) string { return strings.Join(parts, keySep) }

// line returns the line that defines the key, or of its nearest recorded
// ancestor, or 0.
func (m *sourceMap) line(parts ...string) int {
	for n := len(parts); n > 0; n-- {
		if l, ok := m.lines[keyPath(parts[:n]...)]; ok {
			return l
		}
	}
	return 0
}

// rawValue returns the value of a key as typed, when it was on one line.
func (m *sourceMap) rawValue(parts ...string) (string, bool) {
	s, ok := m.raw[keyPath(parts...)]
	return s, ok
}

// scanSource builds the sourceMap of src, which must be valid TOML.
func scanSource(src []byte) *sourceMap {
	s := &scanner{src: src, line: 1}
	m := &sourceMap{lines: map[string]int{}, raw: map[string]string{}}
	counts := map[string]int{}
	var table []string
	for {
		s.skipBlank()
		if s.eof() {
			return m
		}
		switch {
		case s.peek() == '[' && s.peekAt(1) == '[':
			s.i += 2
			path := s.key(']')
			s.skipPast(']')
			s.skipPast(']')
			n := counts[keyPath(path...)]
			counts[keyPath(path...)]++
			table = append(path, "#"+strconv.Itoa(n))
			m.lines[keyPath(table...)] = s.line
			m.record(path, s.line)
		case s.peek() == '[':
			s.i++
			table = s.key(']')
			s.skipPast(']')
			m.record(table, s.line)
		default:
			path := append(append([]string(nil), table...), s.key('=')...)
			s.skipPast('=')
			line := s.line
			raw := s.value()
			m.record(path, line)
			if raw != "" {
				m.raw[keyPath(path...)] = raw
			}
		}
	}
}

// record sets the line of path, and of those of its ancestors that have no
// line yet (as dotted keys create them implicitly).
func (m *sourceMap) record(path []string, line int) {
	m.lines[keyPath(path...)] = line
	for n := len(path) - 1; n > 0; n-- {
		k := keyPath(path[:n]...)
		if _, ok := m.lines[k]; !ok {
			m.lines[k] = line
		}
	}
}

type scanner struct {
	src  []byte
	i    int
	line int
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte { return s.peekAt(0) }

func (s *scanner) peekAt(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

// skipBlank skips whitespace, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch c := s.peek(); c {
		case '\n':
			s.line++
			s.i++
		case ' ', '\t', '\r':
			s.i++
		case '#':
			for !s.eof() && s.peek() != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *scanner) skipPast(c byte) {
	for !s.eof() {
		b := s.src[s.i]
		s.i++
		if b == c {
			return
		}
		if b == '\n' {
			s.line++
		}
	}
}

// key reads a dotted key up to, not including, end.
func (s *scanner) key(end byte) []string {
	var parts []string
	for !s.eof() {
		for s.peek() == ' ' || s.peek() == '\t' {
			s.i++
		}
		switch c := s.peek(); {
		case c == end || c == '\n' || c == 0:
			return parts
		case c == '.':
			s.i++
		case c == '"' || c == '\'':
			start := s.i
			s.i++
			for !s.eof() && s.peek() != c && s.peek() != '\n' {
				if c == '"' && s.peek() == '\\' {
					s.i++
				}
				s.i++
			}
			s.i++
			q := string(s.src[start:min(s.i, len(s.src))])
			if c == '\'' {
				parts = append(parts, strings.Trim(q, "'"))
			} else if u, err := strconv.Unquote(q); err == nil {
				parts = append(parts, u)
			} else {
				parts = append(parts, strings.Trim(q, `"`))
			}
		default:
			start := s.i
			for !s.eof() && isBareKeyChar(s.peek()) {
				s.i++
			}
			if s.i == start { // not valid TOML; don't loop
				s.i++
			}
			parts = append(parts, string(s.src[start:s.i]))
		}
	}
	return parts
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips a value, which may span lines inside strings and brackets, and
// returns it as typed if it was all on one line.
func (s *scanner) value() string {
	for s.peek() == ' ' || s.peek() == '\t' {
		s.i++
	}
	start, startLine := s.i, s.line
	end := -1
	depth := 0
	for !s.eof() {
		c := s.peek()
		switch {
		case c == '\n' && depth == 0:
			if end < 0 {
				end = s.i
			}
			goto done
		case c == '\n':
			s.line++
			s.i++
		case c == '#':
			if depth == 0 && end < 0 {
				end = s.i
			}
			for !s.eof() && s.peek() != '\n' {
				s.i++
			}
		case c == '"' || c == '\'':
			s.str(c)
		case c == '[' || c == '{':
			depth++
			s.i++
		case c == ']' || c == '}':
			depth--
			s.i++
		default:
			s.i++
		}
	}
done:
	if end < 0 {
		end = s.i
	}
	if s.line != startLine {
		return ""
	}
	return strings.TrimSpace(string(s.src[start:end]))
}

// str skips a string of any of TOML's four kinds, counting its newlines.
func (s *scanner) str(q byte) {
	triple := s.peekAt(1) == q && s.peekAt(2) == q
	if triple {
		s.i += 3
	} else {
		s.i++
	}
	for !s.eof() {
		c := s.peek()
		switch {
		case c == '\\' && q == '"':
			if s.peekAt(1) == '\n' {
				s.line++
			}
			s.i += 2
		case c == '\n':
			s.line++
			s.i++
			if !triple {
				return
			}
		case c == q && (!triple || s.peekAt(1) == q && s.peekAt(2) == q):
			if triple {
				s.i += 3
				// A closing delimiter may be followed by up to two more quotes
				// that belong to the string.
				for s.peek() == q {
					s.i++
				}
			} else {
				s.i++
			}
			return
		default:
			s.i++
		}
	}
}
