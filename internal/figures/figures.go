// Package figures reads the year-over-year figure datasets of a site —
// content/data/<key>.toml — and lays them out as tables and bar charts for
// the theme's figures.html to draw, and writes them as CSV and JSON. It
// writes no HTML: markup is the theme's.
//
// A build uses it in three steps:
//
//  1. Decode each data file. Decode validates everything it can and returns
//     every problem as a diag.Error at the file and line to fix: syntax,
//     unknown keys, undeclared metrics, values that are not numbers, and
//     [[check]] sums that do not add up.
//  2. For /data/<key>/, /data/<key>.csv and /data/<key>.json, call
//     Dataset.Table, whose Table (and Table.Charts, the geometry of a bar
//     chart per unit, its metrics on one scale from zero) a template
//     draws, and Dataset.WriteCSV and Dataset.WriteJSON.
//  3. For a ```figures block in a page, ParseBlock reads the block's TOML
//     and the build resolves it with Dataset.Table; without years in the
//     block, Dataset.YearsUpTo the year of the page's date, so a report
//     keeps the figures of its own time. The errors of either are the
//     page's, at the block's line (ParseBlock's say which line inside the
//     block).
//
// Values are Numbers, exact decimals kept as typed, so sums, changes and
// percents are computed without float error and display as the editor
// wrote them. A missing value is absent from Dataset.Values and shows as
// "—", never as 0.
//
// The year-over-year table compares the last two selected years: 较上年增减
// is the last minus the one before it (with an explicit "+" when positive),
// 增幅 that change in percent of the earlier value, rounded half away from
// zero to one decimal. When those two years are not consecutive the column
// reads 较2019年增减 instead, so the heading never claims "last year" for a
// longer gap. With a single year there is nothing to compare: the Table's
// Change and Percent cells are missing and the theme's figures.html leaves
// the two columns out.
package figures

// Metric is one [[metric]] of a dataset: a row of its table.
type Metric struct {
	Key, Label, Unit string
	Line             int // of its [[metric]] header
}

// Check is one [[check]]: in every year that has all the values it names,
// Sum must equal the sum of Of exactly.
type Check struct {
	Sum  string
	Of   []string
	Line int // of its [[check]] header
}

// Dataset is one decoded content/data/<key>.toml.
type Dataset struct {
	Key                 string // file base name without .toml, e.g. "science-projects"
	Path                string // site-relative path used in errors
	Title, Source, Note string
	Metrics             []Metric // in display order
	Checks              []Check
	Years               []int                     // ascending
	Values              map[int]map[string]Number // year → metric key → value; a missing value is absent
}

// Metric returns the metric with the given key.
func (d *Dataset) Metric(key string) (Metric, bool) {
	for _, m := range d.Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// Value returns the value of a metric in a year, if the dataset has it.
func (d *Dataset) Value(year int, metric string) (Number, bool) {
	n, ok := d.Values[year][metric]
	return n, ok
}

// metricKeys are the keys of the dataset's metrics, for suggestions.
func (d *Dataset) metricKeys() []string {
	keys := make([]string, len(d.Metrics))
	for i, m := range d.Metrics {
		keys[i] = m.Key
	}
	return keys
}

// YearsUpTo returns the dataset's years up to and including last.
func (d *Dataset) YearsUpTo(last int) []int {
	var years []int
	for _, y := range d.Years {
		if y <= last {
			years = append(years, y)
		}
	}
	return years
}
