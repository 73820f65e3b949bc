package disclosure

import (
	"errors"
	"fmt"
	"slices"

	"github.com/BurntSushi/toml"

	"gongkai/internal/tomlpos"
)

// Block is the body of a ```disclosure fenced block: which table to place.
//
//	```disclosure
//	table = "applications"
//	```
type Block struct {
	Table string // one of Tables
}

// BlockError is a mistake in a block's body at a line of that body; the
// caller adds the line where the body starts in its page.
type BlockError struct {
	Line int // 1-based, in the body
	Msg  string
}

func (e *BlockError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseBlock parses a block body strictly: it must set table to a known
// table and nothing else. Errors with a line in the body are *BlockError.
func ParseBlock(body []byte) (Block, error) {
	var m map[string]any
	if _, err := toml.Decode(string(body), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Block{}, &BlockError{Line: max(1, syntaxLine(body, pe)), Msg: pe.Message}
		}
		return Block{}, err
	}
	src := tomlpos.Scan(body)
	at := func(key, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		if l := src.Line(key); l > 0 {
			return &BlockError{Line: l, Msg: msg}
		}
		return errors.New(msg)
	}
	want := "(want " + list(Tables, "or") + ")"
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k != "table" {
			return Block{}, at(k, "unknown key %q in disclosure block (want table)", k)
		}
	}
	v, ok := m["table"]
	if !ok {
		return Block{}, errors.New("disclosure block: missing table " + want)
	}
	name, ok := v.(string)
	if !ok {
		return Block{}, at("table", "disclosure table must be a string, have %s %s", show(v), want)
	}
	if !slices.Contains(Tables, name) {
		return Block{}, at("table", "unknown disclosure table %q %s", name, want)
	}
	return Block{Table: name}, nil
}
