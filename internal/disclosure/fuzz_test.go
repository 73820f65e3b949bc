package disclosure

import (
	"bytes"
	"encoding/csv"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// reportSeeds are real tables.toml files (testdata, the build's txtar
// scenarios, both templates) and hostile bytes.
func reportSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob("testdata/*.toml")
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
			if strings.HasSuffix(f.Name, "tables.toml") {
				out = append(out, f.Data)
			}
		}
	}
	t21, t19 := Template(2021, Format2021), Template(2020, Format2019)
	big := "year = 2021\n[applications]\nreceived = [4611686018427387904, 4611686018427387904, 4611686018427387904, 4611686018427387904, 0, 0]\n"
	out = append(out,
		t21, t19,
		nil,
		[]byte("\n"),
		[]byte("year = 2021\n"),
		append([]byte("\xef\xbb\xbf"), t21...),
		bytes.ReplaceAll(t21, []byte("\n"), []byte("\r\n")),
		bytes.ReplaceAll(t19, []byte("\n"), []byte("\r\n")),
		[]byte("year = 2021\nformat = \"\xff\xfe\"\n[active]\nfees = 12.50\n"),
		[]byte(big),
		[]byte("year = 2021\n[applications]\nreceived = [9223372036854775807, 1, 0, 0, 0, 0]\ndisclosed = [-9223372036854775808, 1, 0, 0, 0, 0]\n"),
		[]byte("year = 2021\n[applications]\nreceived = [9007199254740991.0, 1e15, 0, 0, 0, 0]\n"),
		[]byte("year = 2021\n[active]\nfees = 1e308\n"),
		[]byte("year = 2021\n[active]\nfees = nan\nlicensing = inf\n"),
		[]byte("year = 2020\nformat = \"2019\"\n[active]\nfees = { last_year = -1, change = -99999999999999999999.5 }\nprocurement = { count = 1, amount = 1_000.50 }\n"),
		[]byte("year = 99999999999999999999\n"),
		[]byte("x = "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n"),
		[]byte("x = "+strings.Repeat("{a=", 1000)+"1"+strings.Repeat("}", 1000)+"\n"),
		[]byte("["+strings.Repeat("a.", 2000)+"b]\n"),
		[]byte(strings.Repeat("- ", 10000)),
	)
	return out
}

func lineCount(b []byte) int { return bytes.Count(b, []byte("\n")) + 1 }

func bigRow(r Row) (cols [7]*big.Int) {
	total := new(big.Int)
	for i, v := range r {
		cols[i] = big.NewInt(int64(v))
		total.Add(total, cols[i])
	}
	cols[6] = total
	return cols
}

func FuzzDecode(f *testing.F) {
	for _, s := range reportSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "content/reports/2021/tables.toml"
		r, errs := Decode(path, data)
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
		if r == nil && len(errs) == 0 {
			t.Fatal("no report and no error")
		}
		if r == nil || len(errs) > 0 {
			return
		}
		if r.Format != Format2021 && r.Format != Format2019 {
			t.Fatalf("format %q", r.Format)
		}
		// Every count is a count, and 一 + 二 = （七）总计 + 四 holds in
		// every column, computed without overflow.
		a := &r.Applications
		rows := []Row{a.Received, a.CarriedIn, a.Disclosed, a.Partly, a.CarriedOut}
		rows = append(rows, a.Withheld[:]...)
		rows = append(rows, a.Unavailable[:]...)
		rows = append(rows, a.Rejected[:]...)
		rows = append(rows, a.Other...)
		for _, row := range rows {
			for _, v := range row {
				if v < 0 {
					t.Fatalf("negative count %d in %v", v, row)
				}
			}
		}
		for _, o := range []Outcomes{r.Appeals.Review, r.Appeals.DirectSuit, r.Appeals.SuitAfterReview} {
			for _, v := range o {
				if v < 0 {
					t.Fatalf("negative count %d in %v", v, o)
				}
			}
		}
		rec, in, out := bigRow(a.Received), bigRow(a.CarriedIn), bigRow(a.CarriedOut)
		var res [7]*big.Int
		for c := range res {
			res[c] = new(big.Int)
		}
		results := []Row{a.Disclosed, a.Partly}
		results = append(results, a.Withheld[:]...)
		results = append(results, a.Unavailable[:]...)
		results = append(results, a.Rejected[:]...)
		results = append(results, a.Other...)
		for _, row := range results {
			for c, v := range bigRow(row) {
				res[c].Add(res[c], v)
			}
		}
		for c := range res {
			left := new(big.Int).Add(rec[c], in[c])
			right := new(big.Int).Add(res[c], out[c])
			if left.Cmp(right) != 0 {
				t.Fatalf("column %s: 一 + 二 = %v but （七）总计 + 四 = %v, and Decode reported nothing", ApplicantColumns[c], left, right)
			}
			// The totals the tables print are the true ones.
			if c == 6 && (big.NewInt(int64(a.Received.Total())).Cmp(rec[6]) != 0 || big.NewInt(int64(a.Result().Total())).Cmp(res[6]) != 0) {
				t.Fatalf("总计 overflowed: received %d, want %v; result %d, want %v", a.Received.Total(), rec[6], a.Result().Total(), res[6])
			}
		}
		for _, table := range Tables {
			var c bytes.Buffer
			if tab, err := r.Table(table); err != nil || len(tab.Parts) == 0 {
				t.Fatalf("Table %s: %v, %v", table, tab, err)
			}
			if err := r.WriteCSV(&c, table); err != nil {
				t.Fatalf("WriteCSV %s: %v", table, err)
			}
			if _, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Bytes(), []byte("\uFEFF")))).ReadAll(); err != nil {
				t.Fatalf("CSV %s does not read back: %v", table, err)
			}
		}
		_ = r.Headline()
	})
}

func FuzzParseBlock(f *testing.F) {
	for _, s := range []string{
		"",
		"table = \"applications\"\n",
		"table = \"active\"\n",
		"table = \"appeals\"  # 四\n",
		"\xef\xbb\xbftable = \"appeals\"\r\n",
		"table = \"\xff\"\n",
		"table = 1\n",
		"table = \"x\"\nextra = 1\n",
		"\n\n\ntable = [\"applications\"]\n",
		"table = 99999999999999999999\n",
		"x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n",
		strings.Repeat("- ", 10000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, errs := ParseBlock(body)
		if errs == nil {
			if !slices.Contains(Tables, b.Table) {
				t.Fatalf("no error, but table %q", b.Table)
			}
			return
		}
		if b.Table != "" {
			t.Fatalf("errors %v with table %q", errs, b.Table)
		}
		for _, e := range errs {
			if e.Path != "" || e.Line < 0 || e.Line > lineCount(body) || e.Msg == "" {
				t.Fatalf("%+v: want no path, a line within the body's %d lines, a message", e, lineCount(body))
			}
		}
	})
}
