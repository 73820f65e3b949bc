package figures

import (
	"fmt"
	"strings"
	"testing"
)

// benchData is a dataset of 12 metrics over 14 years, a few values missing.
func benchData() []byte {
	var b strings.Builder
	b.WriteString("title = \"基准数据\"\nsource = \"秦安县统计局\"\n")
	for m := range 12 {
		fmt.Fprintf(&b, "\n[[metric]]\nkey = \"m%d\"\nlabel = \"指标%d\"\nunit = \"万元\"\n", m, m)
	}
	b.WriteString("\n[[check]]\nsum = \"m0\"\nof = [\"m1\", \"m2\"]\n")
	for y := 2010; y < 2024; y++ {
		fmt.Fprintf(&b, "\n[year.%d]\n", y)
		for m := range 12 {
			switch {
			case m == 0:
				fmt.Fprintf(&b, "m0 = %d.5\n", 2*y+1)
			case m == 1:
				fmt.Fprintf(&b, "m1 = %d\n", y)
			case m == 2:
				fmt.Fprintf(&b, "m2 = %d.5\n", y+1)
			case (y+m)%7 == 0:
				// missing
			default:
				fmt.Fprintf(&b, "m%d = %d.%d\n", m, y*m-20000, m)
			}
		}
	}
	return []byte(b.String())
}

func TestBenchData(t *testing.T) {
	d, errs := Decode(path, "bench", benchData())
	if len(errs) > 0 || len(d.Metrics) != 12 || len(d.Years) != 14 {
		t.Fatalf("have %d metrics, %d years, errors %v", len(d.Metrics), len(d.Years), errs)
	}
}

func BenchmarkDecode(b *testing.B) {
	data := benchData()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, errs := Decode(path, "bench", data); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkCharts(b *testing.B) {
	d, errs := Decode(path, "bench", benchData())
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	for b.Loop() {
		t, err := d.Table(nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		_ = t.Charts()
	}
}
