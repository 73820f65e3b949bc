package disclosure

import (
	"slices"

	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

// Block is the body of a ```disclosure fenced block: which table to place.
//
//	```disclosure
//	table = "applications"
//	```
type Block struct {
	Table string // one of Tables
}

// ParseBlock parses a block body strictly: it must set table to a known
// table and nothing else. It returns every error, with Path "" and the
// line in the body (1 is the line after the opening fence; 0 is the block
// as a whole).
func ParseBlock(body []byte) (Block, []diag.Error) {
	t, errs := tomldoc.Parse("", body, 1)
	if t == nil {
		return Block{}, errs
	}
	name, ok := t.Str("table")
	switch {
	case !ok && !t.Reported("table"):
		t.Errorf("table", "table is required (want %s)", diag.OneOf(Tables))
	case ok && !slices.Contains(Tables, name):
		t.Errorf("table", "unknown disclosure table %q (want %s)", name, diag.OneOf(Tables))
	}
	t.Unknown()
	if errs := t.Errors(); len(errs) > 0 {
		return Block{}, errs
	}
	return Block{Table: name}, nil
}
