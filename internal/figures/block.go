package figures

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/BurntSushi/toml"

	"gongkai/internal/tomlpos"
)

// Block is the body of a ```figures fenced block in a Markdown page:
//
//	dataset = "science-projects"
//	metrics = ["county_projects", "county_funds"]   # default: all
//	years = [2020, 2021]                            # default: all
//	chart = true                                    # also draw bar charts
type Block struct {
	Dataset string
	Metrics []string
	Years   []int
	Chart   bool
}

// BlockError is an error in a block's body. Line is 1-based within the body
// (the line after the opening fence is 1), or 0 when the error belongs to
// the block as a whole; the caller adds the fence's position.
type BlockError struct {
	Line int
	Msg  string
}

func (e *BlockError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// ParseBlock reads a block's body strictly: unknown keys, wrong types and a
// missing dataset are errors. Every error it returns is a *BlockError; when
// there are several, the first in the body.
func ParseBlock(body []byte) (Block, error) {
	var doc map[string]any
	if _, err := toml.Decode(string(body), &doc); err != nil {
		line, msg := syntaxPosition(body, err)
		return Block{}, &BlockError{Line: line, Msg: msg}
	}
	src := tomlpos.Scan(body)
	var b Block
	var errs []*BlockError
	fail := func(key, msg string) {
		errs = append(errs, &BlockError{Line: src.Line(key), Msg: msg})
	}
	for k, v := range doc {
		var ok bool
		switch k {
		case "dataset":
			if b.Dataset, ok = v.(string); !ok || b.Dataset == "" {
				fail(k, "dataset must be the name of a dataset")
			}
		case "metrics":
			if b.Metrics, ok = stringList(v); !ok {
				fail(k, "metrics must be a list of metric keys")
			}
		case "years":
			if b.Years, ok = intList(v); !ok {
				fail(k, "years must be a list of years")
			}
		case "chart":
			if b.Chart, ok = v.(bool); !ok {
				fail(k, "chart must be true or false")
			}
		default:
			fail(k, fmt.Sprintf("unknown key %q", k))
		}
	}
	if doc["dataset"] == nil {
		errs = append(errs, &BlockError{Msg: "figures block has no dataset"})
	}
	if len(errs) > 0 {
		return Block{}, slices.MinFunc(errs, func(a, b *BlockError) int {
			// A line-less error sorts last: one with a line is more useful.
			la, lb := a.Line, b.Line
			if la == 0 {
				la = 1 << 30
			}
			if lb == 0 {
				lb = 1 << 30
			}
			return cmp.Or(cmp.Compare(la, lb), cmp.Compare(a.Msg, b.Msg))
		})
	}
	return b, nil
}

func intList(v any) ([]int, bool) {
	vs, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]int, len(vs))
	for i, e := range vs {
		n, ok := e.(int64)
		if !ok {
			return nil, false
		}
		out[i] = int(n)
	}
	return out, true
}

// Table resolves the block against the site's datasets, by key. Its error
// names the unknown dataset, metric or year.
func (b Block) Table(datasets map[string]*Dataset) (*Table, error) {
	d, ok := datasets[b.Dataset]
	if !ok || d == nil {
		return nil, fmt.Errorf("unknown dataset %q", b.Dataset)
	}
	return d.Table(b.Metrics, b.Years)
}
