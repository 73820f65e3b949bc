// Package tomlpos finds where each key of a TOML document is set, so that
// errors found after decoding (an unknown key, a value of the wrong kind)
// can name the line an editor has to fix, and so that a number can be
// shown as it was typed (12.50 decodes to 12.5). BurntSushi/toml keeps key
// positions private.
//
// internal/tomldoc, through which every TOML file and block is decoded,
// scans lazily, only when an error or a value as typed needs it.
//
//	m := tomlpos.Scan(src)                     // after toml.Decode(src) succeeded
//	line := m.Line("attachment", "0", "file") // else of attachment.0, of attachment, or 0
//	text, ok := m.Raw("active", "fees")       // "12.50"
//
// A key is a path of names as the decoder returns them: quotes removed,
// escapes resolved. The elements of an array of tables, [[metric]] or an
// array of inline tables, are numbered from 0: ("metric", "1", "key").
// The scan follows tables, arrays of tables, dotted keys, inline tables,
// arrays over several lines, comments and all four kinds of string.
package tomlpos

import (
	"strconv"
	"strings"
)

// Map holds the line of every key of a document, of the parent tables its
// dotted keys and headers create, and the text of every value that is on
// one line. A nil *Map is an empty document.
type Map struct {
	nodes []node // nodes[0] is the document itself
	kids  map[edge]int32
}

type edge struct {
	parent int32
	name   string
}

type node struct {
	line   int
	raw    string // the value as typed, when on one line; a slice of the source
	inline bool   // set inside an inline table or an array
	elems  int32  // of an array of tables: how many [[ ]] headers so far
	last   int32  // ... and the node of the latest
}

// Line returns the line that sets the key, else that of its nearest parent
// that has one, else 0.
func (m *Map) Line(key ...string) int {
	if m == nil {
		return 0
	}
	line, id := 0, int32(0)
	for _, k := range key {
		c, ok := m.kids[edge{id, k}]
		if !ok {
			break
		}
		id = c
		line = m.nodes[id].line
	}
	return line
}

// Raw returns the value of the key as typed, when it is on one line:
// "12.50", "1_000", `"text"` with its quotes, "[1, 2]".
func (m *Map) Raw(key ...string) (string, bool) {
	if n := m.node(key); n != nil && n.raw != "" {
		return n.raw, true
	}
	return "", false
}

// Inline reports whether the key was set inside an inline table or an
// array ({ total = 1.0 }, [{ key = "a" }]) rather than by a table header
// or a key at the start of a line.
func (m *Map) Inline(key ...string) bool {
	n := m.node(key)
	return n != nil && n.inline
}

func (m *Map) node(key []string) *node {
	if m == nil || len(key) == 0 {
		return nil
	}
	id := int32(0)
	for _, k := range key {
		c, ok := m.kids[edge{id, k}]
		if !ok {
			return nil
		}
		id = c
	}
	return &m.nodes[id]
}

// child returns the node of name under parent, adding it at line if new.
func (m *Map) child(parent int32, name string, line int, inline bool) int32 {
	e := edge{parent, name}
	if id, ok := m.kids[e]; ok {
		return id
	}
	id := int32(len(m.nodes))
	m.nodes = append(m.nodes, node{line: line, inline: inline})
	m.kids[e] = id
	return id
}

// Scan reads src once. It needs src to have parsed as TOML already: it
// does not validate, and what it cannot read it skips.
func Scan(src []byte) *Map {
	text := string(src) // keys and raw values are slices of this one copy
	n := strings.Count(text, "=") + 1
	m := &Map{nodes: make([]node, 1, n+8), kids: make(map[edge]int32, n)}
	s := &scanner{m: m, src: text, line: 1}
	if strings.HasPrefix(text, "\uFEFF") {
		s.i = len("\uFEFF")
	}
	table := int32(0)
	for {
		s.blank(true)
		if s.i >= len(s.src) {
			return m
		}
		if s.src[s.i] == '[' {
			table = s.header()
		} else {
			s.keyValue(table, false)
		}
		// What is left of the line is a comment, or what the scan could
		// not read.
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.i++
		}
	}
}

type scanner struct {
	m    *Map
	src  string
	i    int
	line int
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

// blank skips spaces, and newlines and comments too when nl is set.
func (s *scanner) blank(nl bool) {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			if !nl {
				return
			}
			s.line++
			s.i++
		case '#':
			if !nl {
				return
			}
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

// header reads [table] or [[array]] and returns the node keys below it go
// into. A name that is an array of tables stands for its latest element:
// [fruit.physical] after [[fruit]].
func (s *scanner) header() int32 {
	line := s.line
	s.i++
	array := s.peek() == '['
	if array {
		s.i++
	}
	m := s.m
	id := int32(0)
	for {
		s.blank(false)
		name, ok := s.name()
		if !ok {
			return id
		}
		s.blank(false)
		if s.peek() == '.' {
			s.i++
			id = m.child(id, name, line, false)
			if m.nodes[id].elems > 0 {
				id = m.nodes[id].last
			}
			continue
		}
		id = m.child(id, name, line, false)
		if !array {
			m.nodes[id].line = line // over the line of [a.b] that made a
			return id
		}
		i := m.nodes[id].elems
		el := m.child(id, strconv.Itoa(int(i)), line, false)
		m.nodes[id].elems, m.nodes[id].last = i+1, el
		return el
	}
}

// keyValue reads key = value, the key relative to parent.
func (s *scanner) keyValue(parent int32, inline bool) {
	line := s.line
	m := s.m
	id := parent
	for {
		s.blank(false)
		name, ok := s.name()
		if !ok {
			return
		}
		s.blank(false)
		if s.peek() != '.' {
			id = m.child(id, name, line, inline)
			m.nodes[id].line = line
			break
		}
		s.i++
		id = m.child(id, name, line, inline)
	}
	if s.peek() != '=' {
		return
	}
	s.i++
	s.blank(false)
	s.value(id)
}

// name reads one part of a key: bare, "basic" or 'literal'.
func (s *scanner) name() (string, bool) {
	if s.i >= len(s.src) {
		return "", false
	}
	start := s.i
	switch c := s.src[s.i]; {
	case c == '"' || c == '\'':
		escaped := false
		s.i++
		for s.i < len(s.src) && s.src[s.i] != c && s.src[s.i] != '\n' {
			if c == '"' && s.src[s.i] == '\\' {
				escaped = true
				s.i++
			}
			s.i++
		}
		s.i = min(s.i, len(s.src))
		name := s.src[start+1 : s.i]
		if s.i < len(s.src) && s.src[s.i] == c {
			s.i++
		}
		if escaped {
			name = unescape(name)
		}
		return name, true
	case isBare(c):
		for s.i < len(s.src) && isBare(s.src[s.i]) {
			s.i++
		}
		return s.src[start:s.i], true
	}
	return "", false
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads the value of node id (none when id < 0), noting the keys of
// inline tables and the text of a value on one line.
func (s *scanner) value(id int32) {
	start, line := s.i, s.line
	switch c := s.peek(); c {
	case '"', '\'':
		s.str(c)
	case '{':
		s.inlineTable(id)
	case '[':
		s.array(id)
	default:
		for s.i < len(s.src) {
			if c := s.src[s.i]; c == ',' || c == ']' || c == '}' || c == '#' || c == '\n' {
				break
			}
			s.i++
		}
	}
	if id >= 0 && s.line == line && s.i > start {
		s.m.nodes[id].raw = strings.TrimRight(s.src[start:s.i], " \t\r")
	}
}

func (s *scanner) inlineTable(id int32) {
	s.i++ // {
	for {
		s.blank(true) // TOML 1.1 lets an inline table span lines
		if s.i >= len(s.src) {
			return
		}
		switch s.src[s.i] {
		case '}':
			s.i++
			return
		case ',':
			s.i++
			continue
		}
		before := s.i
		s.keyValue(id, true)
		if s.i == before {
			s.i++ // never stall on what the scan cannot read
		}
	}
}

// array reads an array, numbering the elements that are tables or arrays
// from 0 so that the keys of its inline tables have a place.
func (s *scanner) array(id int32) {
	s.i++ // [
	for n := 0; ; n++ {
		s.blank(true)
		for s.peek() == ',' {
			s.i++
			s.blank(true)
		}
		switch c := s.peek(); {
		case s.i >= len(s.src):
			return
		case c == ']':
			s.i++
			return
		case (c == '{' || c == '[') && id >= 0:
			s.value(s.m.child(id, strconv.Itoa(n), s.line, true))
		default:
			before := s.i
			s.value(-1)
			if s.i == before {
				s.i++
			}
		}
	}
}

// str skips a string of any of TOML's four kinds, counting its newlines.
func (s *scanner) str(q byte) {
	triple := s.three(q)
	if triple {
		s.i += 3
	} else {
		s.i++
	}
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"':
			if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
				s.line++
			}
			s.i += 2
		case c == '\n':
			s.line++
			s.i++
			if !triple {
				return
			}
		case c == q && !triple:
			s.i++
			return
		case c == q && s.three(q):
			s.i += 3
			// Up to two more quotes belong to the string: '''a''''' is a''.
			for range 2 {
				if s.peek() == q {
					s.i++
				}
			}
			return
		default:
			s.i++
		}
	}
	s.i = min(s.i, len(s.src))
}

func (s *scanner) three(q byte) bool {
	return s.i+2 < len(s.src) && s.src[s.i] == q && s.src[s.i+1] == q && s.src[s.i+2] == q
}

// unescape resolves the escapes of a basic string's text.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		c = s[i]
		if j := strings.IndexByte("btnfre", c); j >= 0 {
			b.WriteByte("\b\t\n\f\r\x1b"[j])
			continue
		}
		if j := strings.IndexByte("xuU", c); j >= 0 { // \xHH, \uHHHH, \UHHHHHHHH
			n := 2 << j
			if i+n < len(s) {
				if r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32); err == nil {
					b.WriteRune(rune(r))
					i += n
					continue
				}
			}
			b.WriteByte('\\')
		}
		b.WriteByte(c) // \" and \\; any other escape does not parse
	}
	return b.String()
}
