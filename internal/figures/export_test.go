package figures

import (
	"bytes"
	"testing"
)

func TestWriteCSV(t *testing.T) {
	d := decodeOK(t, `title = "x"
[[metric]]
key = "a"
label = "=HYPERLINK(\"http://evil\")"
unit = "@项"
[[metric]]
key = "b"
label = "-其中, 农业"
unit = "+万元"
[[metric]]
key = "c"
label = "增长率"
unit = "%"
[year.2020]
a = 100
b = 120
c = 0.25
[year.2021]
a = 99.5
c = -3
`)
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF" +
		"指标,单位,2020,2021,较上年增减,增幅\r\n" +
		`"'=HYPERLINK(""http://evil"")",'@项,100,99.5,-0.5,-0.5%` + "\r\n" +
		`"'-其中, 农业",'+万元,120,,,` + "\r\n" +
		"增长率,%,0.25,-3,-3.25,-1300.0%\r\n"
	if have := buf.String(); have != want {
		t.Errorf("have\n%q\nwant\n%q", have, want)
	}
}

func TestCSVSafe(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"-3", "-3"},
		{"-0.5%", "-0.5%"},
		{"+25.8%", "+25.8%"},
		{"=1+2", "'=1+2"},
		{"+cmd", "'+cmd"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"a=b", "a=b"},
		{"", ""},
	} {
		if have := csvSafe(tt.in); have != tt.want {
			t.Errorf("csvSafe(%q): have %q, want %q", tt.in, have, tt.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	d := decodeOK(t, `title = "科技 \"项目\""
source = "秦安县科学技术局"
[[metric]]
key = "projects"
label = "项目"
unit = "项"
[[metric]]
key = "funds"
label = "经费"
unit = "万元"
[year.2021]
funds = 135.50
projects = 39
[year.2020]
projects = -3
[year.2022]
`)
	var buf bytes.Buffer
	if err := d.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{
  "key": "x",
  "title": "科技 \"项目\"",
  "source": "秦安县科学技术局",
  "note": "",
  "metrics": [
    {
      "key": "projects",
      "label": "项目",
      "unit": "项"
    },
    {
      "key": "funds",
      "label": "经费",
      "unit": "万元"
    }
  ],
  "years": {
    "2020": {
      "projects": -3
    },
    "2021": {
      "projects": 39,
      "funds": 135.50
    },
    "2022": {}
  }
}
`
	if have := buf.String(); have != want {
		t.Errorf("have\n%s\nwant\n%s", have, want)
	}
}
