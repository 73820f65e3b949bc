package tomldoc

import "testing"

// The slips editors make get what to type, at the value (issue 10).
func TestEditorSlips(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"title = \"x\"\ndate = 2022年2月20日\n", "p:3:8: date: write the date as 2022-02-20"},
		{"date = 2022-2-20\n", "p:2:8: date: write the date as 2022-02-20"},
		{"date = 2022/02/20\n", "p:2:8: date: write the date as 2022-02-20"},
		{"date = 2022.2.20\n", "p:2:8: date: write the date as 2022-02-20"},
		{"valid_until = 2022年02月20日 # 有效期\n", "p:2:15: valid_until: write the date as 2022-02-20"},
		{"date = 2022-02-30\n", `p:2:8: invalid TOML: invalid datetime: "2022-02-30"`},
		{"x = １２０\n", "p:2:5: x: type numbers in half-width digits 0-9, without a unit or commas: x = 120"},
		{"x = 120万\n", "p:2:5: x: type numbers in half-width digits 0-9, without a unit or commas: x = 120"},
		{"x = 12,000\n", "p:2:5: x: type numbers in half-width digits 0-9, without a unit or commas: x = 12000"},
		{"title = 关于开展培训的通知\n", `p:2:9: title: put text between double quotes: title = "关于开展培训的通知"`},
		{"total = 五\n", "p:2:9: total: type the number in digits 0-9, without quotes: total = 5, not 五 (text, such as a name, goes between double quotes)"},
		{"total = 一百二十\n", "p:2:9: total: type the number in digits 0-9, without quotes: total = 5, not 一百二十 (text, such as a name, goes between double quotes)"},
		{"title = “关于”\n", "p:2:9: title: put text between straight double quotes \", not “ ”"},
		// advice that follows what the key takes (helper's finding, session 28)
		{"title = 2021年科技工作总结\n", `p:2:9: title: put text between double quotes: title = "2021年科技工作总结"`},
		{"label = 2020年培训农民\n", `p:2:9: label: put text between double quotes: label = "2020年培训农民"`},
		{"title = \"2021年科技工作总结\n", `p:2:9: title: the text has no closing double quote: title = "2021年科技工作总结"`},
		{"title = 2021年科技工作总结\"\n", `p:2:9: title: the text has no opening double quote: title = "2021年科技工作总结"`},
		{"draft = 是\n", "p:2:9: draft: write true or false, in small letters and without quotes: draft = true (是) or draft = false (否)"},
		{"chart = True\n", "p:2:9: chart: write true or false, in small letters and without quotes: chart = true (是) or chart = false (否)"},
		{"title = 2021年预算\n", `p:2:9: title: put text between double quotes: title = "2021年预算"`},
		{"area = 12.5万平方米\n", "p:2:8: area: type numbers in half-width digits 0-9, without a unit or commas: area = 12.5"},
		{"x = 120万元\n", "p:2:5: x: type numbers in half-width digits 0-9, without a unit or commas: x = 120"},
		{"x = 1 y\n", "p:2:6: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'y' instead"},
	} {
		_, errs := Parse("p", []byte(tt.src), 2)
		if len(errs) != 1 || errs[0].Error() != tt.want {
			t.Errorf("%q:\nhave %q\nwant %q", tt.src, errStrings(errs), tt.want)
		}
	}
}

func TestWantNumber(t *testing.T) {
	tab, _ := Parse("p", []byte("a = \"120\"\nb = \"１２０\"\nc = \"很多\"\nd = true\n"), 1)
	for _, k := range []string{"a", "b", "c", "d"} {
		v, _ := tab.Value(k)
		tab.WantNumber(k, v)
	}
	want := []string{
		"p:1: a: a number is written without quotes: a = 120",
		"p:2: b: type numbers in half-width digits 0-9, without a unit or commas: b = 120",
		"p:3: c: want a number, have a string",
		"p:4: d: want a number, have true or false",
	}
	have := errStrings(tab.Errors())
	if len(have) != len(want) {
		t.Fatalf("have %q\nwant %q", have, want)
	}
	for i := range want {
		if have[i] != want[i] {
			t.Errorf("have %s\nwant %s", have[i], want[i])
		}
	}
}
