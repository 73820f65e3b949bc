package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// datasetSeeds are real datasets (content/data and the build's txtar
// scenarios) and hostile bytes.
func datasetSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob("../../content/data/*.toml")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	ars, _ := filepath.Glob("../build/testdata/*.txtar")
	for _, file := range ars {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "content/data/") {
				out = append(out, f.Data)
			}
		}
	}
	small := "title = \"t\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[[metric]]\nkey = \"b\"\nlabel = \"B\"\n[[check]]\nsum = \"a\"\nof = [\"b\"]\n[year.2020]\na = 1\nb = 1\n"
	out = append(out,
		nil,
		[]byte("\n"),
		[]byte(small),
		[]byte("\xef\xbb\xbf"+small),
		[]byte(strings.ReplaceAll(small, "\n", "\r\n")),
		[]byte(strings.ReplaceAll(small, "\"t\"", "\"\xff\xfe\xc3\x28\"")),
		[]byte("title = \"t\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.2020]\na = 99999999999999999999999999\n"),
		[]byte("title = \"t\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.2020]\na = 999999999999999\n[year.2021]\na = -999999999999999\n"),
		[]byte("title = \"t\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.2020]\na = 1e308\n[year.2021]\na = -0.000001\n"),
		[]byte("title = \"t\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.2020]\na = nan\n[year.2021]\na = inf\n"),
		[]byte("title = \"t\"\n[[metric]]\nkey = \"a\"\nlabel = \"A\"\n[year.9999]\na = 0\n[year.1000]\na = 0\n"),
		[]byte("x = "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n"),
		[]byte("x = "+strings.Repeat("{a=", 1000)+"1"+strings.Repeat("}", 1000)+"\n"),
		[]byte("["+strings.Repeat("a.", 2000)+"b]\n"),
		[]byte(strings.Repeat("- ", 10000)),
	)
	return out
}

func lineCount(b []byte) int { return bytes.Count(b, []byte("\n")) + 1 }

func FuzzDecode(f *testing.F) {
	for _, s := range datasetSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "content/data/x.toml"
		d, errs := Decode(path, "x", data)
		lines := lineCount(data)
		for _, e := range errs {
			if e.Path != path {
				t.Errorf("%v: want path %s", e, path)
			}
			if e.Line < 0 || e.Line > lines {
				t.Errorf("%v: line outside the file's %d lines", e, lines)
			}
			if e.Msg == "" {
				t.Errorf("%v: empty message", e)
			}
		}
		if d == nil && len(errs) == 0 {
			t.Fatal("no dataset and no error")
		}
		if d == nil || len(errs) > 0 {
			return
		}
		// Every check claimed to hold does hold, computed independently.
		for _, c := range d.Checks {
		years:
			for _, y := range d.Years {
				want, ok := d.Value(y, c.Sum)
				if !ok {
					continue
				}
				sum := new(big.Rat)
				for _, k := range c.Of {
					n, ok := d.Value(y, k)
					if !ok {
						continue years
					}
					r, ok := new(big.Rat).SetString(n.String())
					if !ok {
						t.Fatalf("value %q does not read back", n)
					}
					sum.Add(sum, r)
				}
				w, ok := new(big.Rat).SetString(want.String())
				if !ok || w.Cmp(sum) != 0 {
					t.Fatalf("year %d: check %s = %v passed, but %s = %s", y, c.Sum, c.Of, c.Sum, want)
				}
			}
		}
		var csvBuf, jsonBuf bytes.Buffer
		if err := d.WriteCSV(&csvBuf); err != nil {
			t.Fatalf("WriteCSV: %v", err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvBuf.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not read back: %v\n%s", err, csvBuf.Bytes())
		}
		if len(recs) != 1+len(d.Metrics) {
			t.Fatalf("CSV has %d records for %d metrics", len(recs), len(d.Metrics))
		}
		if err := d.WriteJSON(&jsonBuf); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		if !json.Valid(jsonBuf.Bytes()) {
			t.Fatalf("invalid JSON:\n%s", jsonBuf.Bytes())
		}
		tab, err := d.Table(nil, nil)
		if err != nil {
			t.Fatalf("Table(nil, nil): %v", err)
		}
		for _, c := range tab.Charts() {
			for _, m := range c.Metrics {
				for _, b := range m.Bars {
					for _, f := range []float64{float64(c.Zero), float64(b.X), float64(b.Y), float64(b.Width), float64(b.ValueX), float64(b.TextY)} {
						if math.IsNaN(f) || math.IsInf(f, 0) || b.Width < 0 || b.X < 0 || float64(b.X+b.Width) > float64(c.Width)+0.01 {
							t.Fatalf("chart %d, %s %s: bad geometry %+v", c.N, m.Metric.Key, b.Year, b)
						}
					}
				}
			}
		}
	})
}

func FuzzParseBlock(f *testing.F) {
	for _, s := range []string{
		"",
		"dataset = \"projects\"\n",
		"dataset = \"projects\"\nmetrics = [\"total\", \"funds\"]\nyears = [2020, 2021]\nchart = true\n",
		"dataset = \"projects\"\r\nchart = true\r\n",
		"\xef\xbb\xbfdataset = \"projects\"\n",
		"dataset = \"\xff\"\n",
		"dataset = 1\nmetrics = \"x\"\nyears = [\"a\"]\nchart = 1\nextra = 2\n",
		"years = [99999999999999999999]\n",
		"years = [9223372036854775807, -9223372036854775808]\ndataset = \"d\"\n",
		"dataset = \"d\"\n[a]\n" + strings.Repeat("[", 3000) + "\n",
		"x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n",
		"dataset = \"d\"\n" + strings.Repeat("- ", 10000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, errs := ParseBlock(body)
		if errs == nil {
			if b.Dataset == "" {
				t.Fatal("a block without error has no dataset")
			}
			return
		}
		for _, e := range errs {
			if e.Path != "" || e.Line < 0 || e.Line > lineCount(body) || e.Msg == "" {
				t.Fatalf("%+v: want no path, a line within the body's %d lines, a message", e, lineCount(body))
			}
		}
		if b.Dataset != "" || b.Metrics != nil || b.Years != nil || b.Chart {
			t.Fatalf("errors %v with a block %+v", errs, b)
		}
	})
}
