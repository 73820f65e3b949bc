package disclosure

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/diag"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decodeClean(t *testing.T, path, src string) *Report {
	t.Helper()
	r, errs := Decode(path, []byte(src))
	if len(errs) > 0 {
		t.Fatalf("Decode(%s): %v", path, diag.List(errs))
	}
	return r
}

func errStrings(errs []diag.Error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

func TestDecode2021(t *testing.T) {
	r := decodeClean(t, "reports/2021/tables.toml", readFixture(t, "2021.toml"))
	a := r.Applications
	for _, c := range []struct {
		name       string
		have, want int
	}{
		{"year", r.Year, 2021},
		{"一 总计", a.Received.Total(), 14069},
		{"二 总计", a.CarriedIn.Total(), 560},
		{"（七）总计 总计", a.Result().Total(), 13810},
		{"四 总计", a.CarriedOut.Total(), 819},
		{"（七）总计 自然人", a.Result()[0], 12800},
		{"（三）3 自然人", a.Withheld[2][0], 30},
		{"（六）3 商业企业", a.Other[2][1], 20},
		{"licensing", r.Active.Licensing, 120},
		{"normative in force", r.Active.Normative.InForce, 12},
		{"review 总计", r.Appeals.Review.Total(), 5},
	} {
		if c.have != c.want {
			t.Errorf("%s: have %d, want %d", c.name, c.have, c.want)
		}
	}
	if r.Format != "2021" || len(a.Other) != 3 {
		t.Errorf("format %q, %d （六） rows; want 2021, 3", r.Format, len(a.Other))
	}
	if have := r.Active.Fees.String(); have != "12.50" {
		t.Errorf("fees: have %q, want 12.50 as typed", have)
	}
	want := Headline{Received: 14069, CarriedIn: 560, Disclosed: 8739, Partly: 1105, CarriedOut: 819, Reviews: 5, Suits: 5}
	if have := r.Headline(); have != want {
		t.Errorf("Headline:\nhave %+v\nwant %+v", have, want)
	}
}

func TestDecode2019(t *testing.T) {
	r := decodeClean(t, "reports/2019/tables.toml", readFixture(t, "2019.toml"))
	a := r.Applications
	if r.Format != "2019" || len(a.Other) != 1 {
		t.Fatalf("format %q, %d （六） rows; want 2019, 1", r.Format, len(a.Other))
	}
	if have := a.Received.Total() + a.CarriedIn.Total(); have != 877 {
		t.Errorf("一 + 二: have %d, want 877", have)
	}
	if have := a.Result().Total(); have != 805 {
		t.Errorf("（七）总计: have %d, want 805", have)
	}
	act := r.Active2019
	if act.Licensing.Change != -3 || act.OtherServices.Decisions != 300 || act.Normative.Total != 88 {
		t.Errorf("active: have %+v", act)
	}
	if have := act.Fees.Change.String(); have != "-1" {
		t.Errorf("fees change: have %q, want -1", have)
	}
	if have := act.Procurement.Amount.String(); have != "356.75" {
		t.Errorf("procurement amount: have %q, want 356.75", have)
	}
	want := Headline{Received: 859, CarriedIn: 18, Disclosed: 649, Partly: 56, CarriedOut: 72, Reviews: 1}
	if have := r.Headline(); have != want {
		t.Errorf("Headline:\nhave %+v\nwant %+v", have, want)
	}
}

// TestIdentity breaks 一 + 二 = （七）总计 + 四 in turn; the fixture's
// [applications] is at line 14.
func TestIdentity(t *testing.T) {
	src := readFixture(t, "2021.toml")
	const note = " (本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
	const at = "r.toml:14: applications: column "
	// Only the columns the editor typed: 总计 is their sum, and says
	// nothing they do not (issue 9: it was printed first).
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"一 自然人 one more",
			"received = [13000,", "received = [13001,",
			[]string{
				at + "自然人: the rows of 三、本年度办理结果 add up to 12800 and 四、结转下年度继续办理 is 700, together 13500, but 一、本年新收 + 二、上年结转 = 13001 + 500 = 13501" + note,
			}},
		{"二 其他 one more",
			"carried_in = [500, 40, 10, 5, 5, 0]", "carried_in = [500, 40, 10, 5, 5, 1]",
			[]string{
				at + "其他: the rows of 三、本年度办理结果 add up to 19 and 四、结转下年度继续办理 is 0, together 19, but 一、本年新收 + 二、上年结转 = 19 + 1 = 20" + note,
			}},
		{"（三）3 商业企业 one more",
			"security = [30, 0,", "security = [30, 1,",
			[]string{
				at + "商业企业: the rows of 三、本年度办理结果 add up to 761 and 四、结转下年度继续办理 is 80, together 841, but 一、本年新收 + 二、上年结转 = 800 + 40 = 840" + note,
			}},
		{"四 法律服务机构 one less",
			"carried_out = [700, 80, 20, 10, 9, 0]", "carried_out = [700, 80, 20, 10, 8, 0]",
			[]string{
				at + "法律服务机构: the rows of 三、本年度办理结果 add up to 96 and 四、结转下年度继续办理 is 8, together 104, but 一、本年新收 + 二、上年结转 = 100 + 5 = 105" + note,
			}},
		{"（六）1 moved between columns: 总计 still holds",
			"no_correction = [300, 0, 0, 0, 6, 0]", "no_correction = [300, 0, 0, 6, 0, 0]",
			[]string{
				at + "法律服务机构: the rows of 三、本年度办理结果 add up to 90 and 四、结转下年度继续办理 is 9, together 99, but 一、本年新收 + 二、上年结转 = 100 + 5 = 105" + note,
				at + "社会公益组织: the rows of 三、本年度办理结果 add up to 51 and 四、结转下年度继续办理 is 10, together 61, but 一、本年新收 + 二、上年结转 = 50 + 5 = 55" + note,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(src, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, errs := Decode("r.toml", []byte(strings.Replace(src, tt.old, tt.new, 1)))
			if have := errStrings(errs); !slices.Equal(have, tt.want) {
				t.Errorf("\nhave %q\nwant %q", have, tt.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"five numbers",
			"year = 2021\n[applications]\nreceived = [1, 2, 3, 4, 5]\n",
			[]string{"t.toml:3: applications.received: want 6 numbers (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), have 5"}},
		{"not an array",
			"year = 2021\n[applications]\nreceived = 5\n",
			[]string{"t.toml:3: applications.received: want 6 numbers (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), have a whole number"}},
		{"negative count",
			"year = 2021\n\n[applications.withheld]\nsecurity = [0, -1, 0, 0, 0, 0]\n",
			[]string{"t.toml:4: applications.withheld.security: column 商业企业: -1 is not a count"}},
		{"fractional count",
			"year = 2021\n[applications]\nreceived = [1.5, 0, 0, 0, 0, 0]\ncarried_in = [0, 0, 0, 0, 0, \"2\"]\n",
			[]string{
				"t.toml:3: applications.received: column 自然人: 1.5 is not a count",
				`t.toml:4: applications.carried_in: column 其他: "2": a number is written without quotes: 2`,
			}},
		{"multi-line row: the error is at its key",
			"year = 2021\n[applications]\nreceived = [\n  1,\n  2,\n  -3, 0, 0, 0,\n]\n",
			[]string{"t.toml:3: applications.received: column 科研机构: -3 is not a count"}},
		{"appeals of three",
			"year = 2021\n[appeals]\nreview = [1, 2, 3]\ndirect_suit = [0, 0, 0, -1]\n",
			[]string{
				"t.toml:3: appeals.review: want 4 numbers (结果维持, 结果纠正, 其他结果, 尚未审结), have 3",
				"t.toml:4: appeals.direct_suit: column 尚未审结: -1 is not a count",
			}},
		{"unknown key in a sub-table",
			"year = 2021\n\n[applications.withheld]\nsecrets = [0, 0, 0, 0, 0, 0]\n",
			[]string{"t.toml:4: unknown key \"applications.withheld.secrets\" (want state_secret, prohibited, security, third_party, internal, process, enforcement_files or inquiry)"}},
		{"unknown keys at the top and inline",
			"yaer = 2021\n[active]\nrules = { issued = 1, repeal = 2 }\n",
			[]string{
				"t.toml: year is required",
				"t.toml:1: unknown key \"yaer\" (did you mean \"year\"?)",
				"t.toml:3: unknown key \"active.rules.repeal\" (did you mean \"repealed\"?)",
			}},
		{"format 2019 key in a 2021 report",
			"year = 2021\n[applications.other]\ntotal = [0, 0, 0, 0, 0, 0]\n[active]\nprocurement = { count = 1, amount = 2 }\n",
			[]string{
				`t.toml:3: applications.other.total: a key of format "2019", not of format "2021"`,
				`t.toml:5: active.procurement: a key of format "2019", not of format "2021"`,
			}},
		{"format 2021 key in a 2019 report",
			"year = 2019\nformat = \"2019\"\n[applications.other]\nno_fee = [0, 0, 0, 0, 0, 0]\n",
			[]string{`t.toml:4: applications.other.no_fee: a key of format "2021", not of format "2019"`}},
		{"bad format and year",
			"year = \"2021\"\nformat = \"2020\"\n",
			[]string{
				`t.toml:1: year: a number is written without quotes: year = 2021`,
				`t.toml:2: format: want "2021" or "2019", have "2020"`,
			}},
		{"negative fees and a fractional licensing count",
			"year = 2021\n[active]\nlicensing = 2.5\nfees = -1.5\n",
			[]string{
				"t.toml:3: active.licensing: 2.5 is not a count",
				"t.toml:4: active.fees: -1.5 is not an amount",
			}},
		{"2019 change must be whole",
			"year = 2019\nformat = \"2019\"\n[active]\nlicensing = { change = 0.5 }\n",
			[]string{"t.toml:4: active.licensing.change: 0.5 is not a whole number"}},
		// Issue 9: the amount's unit was lost; the report prints 元 or 万元.
		{"2019 procurement amount without its unit",
			"year = 2019\nformat = \"2019\"\n[active]\nprocurement = { count = 3, amount = 120.5 }\n",
			[]string{`t.toml:4: active.procurement.amount: say its unit too, as the report prints it: unit = "万元" or unit = "元"`}},
		{"2019 procurement unit not 元 or 万元",
			"year = 2019\nformat = \"2019\"\n[active]\nprocurement = { count = 3, amount = 120.5, unit = \"万\" }\n",
			[]string{`t.toml:4: active.procurement.unit: want "元" or "万元", have "万"`}},
		{"2019 procurement of nothing needs no unit",
			"year = 2019\nformat = \"2019\"\n[active]\nprocurement = { count = 0, amount = 0 }\n",
			nil},
		{"a table where a row belongs",
			"year = 2021\n[applications]\nwithheld = [0, 0, 0, 0, 0, 0]\n",
			[]string{"t.toml:3: applications.withheld: want a table, have a list"}},
		{"syntax error",
			"year = 2021\n[applications]\nreceived = [1, 2,, 3]\n",
			[]string{"t.toml:3:18: invalid TOML: unexpected comma"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Decode("t.toml", []byte(tt.src))
			if have := errStrings(errs); !slices.Equal(have, tt.want) {
				t.Errorf("\nhave %q\nwant %q", have, tt.want)
			}
		})
	}
}

func TestMissingRowsAreZero(t *testing.T) {
	r := decodeClean(t, "t.toml", "year = 2022\n")
	if r.Format != "2021" || r.Headline() != (Headline{}) || r.Applications.Result() != (Row{}) {
		t.Errorf("have format %q, headline %+v", r.Format, r.Headline())
	}
}

func TestCheckCarryOver(t *testing.T) {
	prev := decodeClean(t, "reports/2021/tables.toml", readFixture(t, "2021.toml"))
	next := `year = 2022

[applications]
received = [5, 0, 0, 0, 0, 0]
carried_in = [700, 80, 20, 10, 9, 0]
disclosed = [705, 80, 20, 10, 9, 0]
`
	cur := decodeClean(t, "reports/2022/tables.toml", next)
	if errs := CheckCarryOver(prev, cur); len(errs) > 0 {
		t.Errorf("consecutive pair: have %q, want none", errStrings(errs))
	}

	broken := decodeClean(t, "reports/2022/tables.toml", strings.NewReplacer(
		"carried_in = [700, 80,", "carried_in = [701, 79,",
		"disclosed = [705, 80,", "disclosed = [706, 79,").Replace(next))
	want := []string{
		"reports/2022/tables.toml:5: applications.carried_in: column 自然人: 上年结转 701 does not equal 2021's 结转下年度继续办理 700 in reports/2021/tables.toml",
		"reports/2022/tables.toml:5: applications.carried_in: column 商业企业: 上年结转 79 does not equal 2021's 结转下年度继续办理 80 in reports/2021/tables.toml",
	}
	if have := errStrings(CheckCarryOver(prev, broken)); !slices.Equal(have, want) {
		t.Errorf("\nhave %q\nwant %q", have, want)
	}

	broken.Year = 2023 // not consecutive: nothing to compare
	if errs := CheckCarryOver(prev, broken); len(errs) > 0 {
		t.Errorf("2021 → 2023: have %q, want none", errStrings(errs))
	}
}

func TestTemplate(t *testing.T) {
	for _, format := range []string{"2021", "2019"} {
		src := Template(2022, format)
		r, errs := Decode("new.toml", src)
		if len(errs) > 0 {
			t.Errorf("Template(2022, %q) decodes with %q", format, errStrings(errs))
			continue
		}
		if r.Year != 2022 || r.Format != format {
			t.Errorf("Template(2022, %q): year %d, format %q", format, r.Year, r.Format)
		}
		if r.Headline() != (Headline{}) || r.Applications.Result() != (Row{}) {
			t.Errorf("Template(2022, %q): totals not zero: %+v", format, r.Headline())
		}
		// Every row is present, labelled.
		for _, g := range r.groups() {
			for _, it := range g.rows {
				if !strings.Contains(string(src), "\n"+it.key+" = [0, 0, 0, 0, 0, 0]") {
					t.Errorf("Template(2022, %q) lacks %s.%s", format, g.key, it.key)
				}
				if it.label != "" && !strings.Contains(string(src), "# "+it.label+"\n") {
					t.Errorf("Template(2022, %q) lacks label %s", format, it.label)
				}
			}
		}
	}
	if !strings.Contains(string(Template(2022, "2019")), "other_services = { last_year = 0, change = 0, decisions = 0 }") {
		t.Error("Template 2019 lacks other_services")
	}
}
