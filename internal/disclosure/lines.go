package disclosure

import "strings"

// keyLines finds the line that sets each key of a TOML document, as dotted
// paths ("applications.withheld.security"), with the parent tables too. The
// TOML decoder keeps key positions to itself, so error messages get their
// lines from this scan of the source. It follows tables, dotted keys,
// inline tables and arrays spanning lines; it needs the source to have
// parsed already, and a key it cannot place has no entry.
//
// raw holds the literal text of scalar values, so an Amount can be shown
// as typed.
func keyLines(src string) (lines map[string]int, raw map[string]string) {
	lines = map[string]int{}
	raw = map[string]string{}
	s := &scanner{src: src, line: 1, lines: lines, raw: raw}
	s.document()
	return lines, raw
}

type scanner struct {
	src   string
	pos   int
	line  int
	lines map[string]int
	raw   map[string]string
}

func (s *scanner) set(key string, line int) {
	for k := key; k != ""; {
		if _, ok := s.lines[k]; !ok {
			s.lines[k] = line
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
}

func (s *scanner) peek() byte {
	if s.pos < len(s.src) {
		return s.src[s.pos]
	}
	return 0
}

func (s *scanner) next() byte {
	c := s.peek()
	if s.pos < len(s.src) {
		s.pos++
		if c == '\n' {
			s.line++
		}
	}
	return c
}

// space skips blanks, and newlines and comments too when nl is set.
func (s *scanner) space(nl bool) {
	for s.pos < len(s.src) {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '\n' && nl:
			s.next()
		case c == '#' && nl:
			for s.pos < len(s.src) && s.peek() != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *scanner) document() {
	prefix := ""
	for {
		s.space(true)
		if s.pos >= len(s.src) {
			return
		}
		if s.peek() == '[' {
			s.next()
			if s.peek() == '[' {
				s.next()
			}
			line := s.line
			prefix = s.key()
			s.set(prefix, line)
			s.skipLine()
			continue
		}
		s.keyValue(prefix)
		s.skipLine()
	}
}

func (s *scanner) skipLine() {
	for s.pos < len(s.src) && s.peek() != '\n' {
		s.next()
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// key reads a possibly dotted, possibly quoted key.
func (s *scanner) key() string {
	var parts []string
	for {
		s.space(false)
		var b strings.Builder
		switch c := s.peek(); c {
		case '"', '\'':
			s.next()
			for s.pos < len(s.src) && s.peek() != c && s.peek() != '\n' {
				if c == '"' && s.peek() == '\\' {
					s.next()
				}
				b.WriteByte(s.next())
			}
			s.next()
		default:
			for s.pos < len(s.src) && isBare(s.peek()) {
				b.WriteByte(s.next())
			}
		}
		parts = append(parts, b.String())
		s.space(false)
		if s.peek() != '.' {
			return strings.Join(parts, ".")
		}
		s.next()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *scanner) keyValue(prefix string) {
	line := s.line
	name := s.key()
	if name == "" {
		return // not a key: the caller moves on
	}
	k := join(prefix, name)
	s.set(k, line)
	s.space(false)
	if s.peek() != '=' {
		return
	}
	s.next()
	s.space(false)
	s.value(k)
}

// value skips one value, noting the keys of inline tables.
func (s *scanner) value(key string) {
	switch c := s.peek(); c {
	case '{':
		s.next()
		for {
			s.space(true)
			if c := s.peek(); c == '}' || c == 0 {
				s.next()
				return
			}
			if c := s.peek(); c == ',' {
				s.next()
				continue
			}
			before := s.pos
			s.keyValue(key)
			if s.pos == before {
				s.next() // never stall on something unexpected
			}
		}
	case '[':
		s.next()
		for {
			s.space(true)
			if c := s.peek(); c == ']' || c == 0 {
				s.next()
				return
			}
			if s.peek() == ',' {
				s.next()
				continue
			}
			before := s.pos
			s.value("")
			if s.pos == before {
				s.next()
			}
		}
	case '"', '\'':
		start := s.pos
		if strings.HasPrefix(s.src[s.pos:], strings.Repeat(string(c), 3)) {
			s.pos += 3
			end := strings.Index(s.src[s.pos:], strings.Repeat(string(c), 3))
			if end < 0 {
				end = len(s.src) - s.pos
			}
			s.line += strings.Count(s.src[s.pos:s.pos+end], "\n")
			s.pos += end + 3
			if s.pos > len(s.src) {
				s.pos = len(s.src)
			}
			return
		}
		s.next()
		for s.pos < len(s.src) && s.peek() != c && s.peek() != '\n' {
			if c == '"' && s.peek() == '\\' {
				s.next()
			}
			s.next()
		}
		s.next()
		if key != "" {
			s.raw[key] = s.src[start:s.pos]
		}
	default:
		start := s.pos
		for s.pos < len(s.src) && !strings.ContainsRune(",]}#\n", rune(s.peek())) {
			s.next()
		}
		if key != "" {
			s.raw[key] = strings.TrimSpace(s.src[start:s.pos])
		}
	}
}
