package figures

import (
	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

// Block is the body of a ```figures fenced block in a Markdown page:
//
//	dataset = "science-projects"
//	metrics = ["county_projects", "county_funds"]   # default: all
//	years = [2020, 2021]                            # default: up to the page's year
//	chart = true                                    # also draw bar charts
type Block struct {
	Dataset string
	Metrics []string
	Years   []int
	// The lines of metrics and years in the body, for the errors and
	// warnings about them (0 when not given).
	MetricsLine, YearsLine int
	Chart                  bool
}

// ParseBlock reads a block's body strictly: unknown keys, wrong types and a
// missing dataset are errors. It returns every error, with Path "" and the
// line in the body (1 is the line after the opening fence; 0 is the block
// as a whole), in line order.
func ParseBlock(body []byte) (Block, []diag.Error) {
	t, errs := tomldoc.Parse("", body, 1)
	if t == nil {
		return Block{}, errs
	}
	var b Block
	b.Dataset, _ = t.Str("dataset")
	b.Metrics, _ = t.Strings("metrics")
	b.Years, _ = t.Ints("years")
	b.MetricsLine, b.YearsLine = t.Line("metrics"), t.Line("years")
	b.Chart, _ = t.Bool("chart")
	if b.Dataset == "" && !t.Reported("dataset") {
		t.Errorf("dataset", "dataset is required")
	}
	t.Unknown()
	if errs := t.Errors(); len(errs) > 0 {
		return Block{}, errs
	}
	return b, nil
}
