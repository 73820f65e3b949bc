package disclosure

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// inOrder reports the first of want not found after the ones before it.
func inOrder(s string, want []string) (missing string, ok bool) {
	for _, w := range want {
		i := strings.Index(s, w)
		if i < 0 {
			return w, false
		}
		s = s[i+len(w):]
	}
	return "", true
}

// Every table's header ids are unique, and every number is under headers
// that exist: what lets a screen reader say what a number means.
func TestTableHeaders(t *testing.T) {
	for _, fixture := range []string{"2021.toml", "2019.toml"} {
		r := decodeClean(t, "r.toml", readFixture(t, fixture))
		for _, name := range Tables {
			tab, err := r.Table(name)
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]bool{}
			numbers := 0
			for _, p := range tab.Parts {
				for _, row := range p.Rows {
					for _, c := range row {
						if c.Header {
							if c.ID == "" || ids[c.ID] {
								t.Errorf("%s %s: header %q has id %q, empty or used twice", fixture, name, c.Text, c.ID)
							}
							ids[c.ID] = true
						}
					}
				}
			}
			for _, p := range tab.Parts {
				for _, row := range p.Rows {
					for _, c := range row {
						if c.Header {
							continue
						}
						numbers++
						if len(c.Headers) == 0 {
							t.Errorf("%s %s: number %s has no headers", fixture, name, c.Text)
						}
						for _, h := range c.Headers {
							if !ids[h] {
								t.Errorf("%s %s: number %s is under %q, no header's id", fixture, name, c.Text, h)
							}
						}
					}
				}
			}
			if numbers == 0 {
				t.Errorf("%s %s: no numbers", fixture, name)
			}
		}
	}
}

func TestTableUnknown(t *testing.T) {
	r := decodeClean(t, "r.toml", "year = 2021\n")
	if tab, err := r.Table("foo"); err == nil || tab != nil {
		t.Errorf("have %v, %v; want an error", tab, err)
	}
}

func TestWriteCSV(t *testing.T) {
	r21 := decodeClean(t, "r.toml", readFixture(t, "2021.toml"))
	r19 := decodeClean(t, "r.toml", readFixture(t, "2019.toml"))
	tests := []struct {
		r     *Report
		table string
		rows  int
		want  []string // records, joined with "|", in order
	}{
		{r21, "applications", 26, []string{
			"项目|办理结果|具体情形|申请人情况/自然人|申请人情况/法人或其他组织/商业企业|申请人情况/法人或其他组织/科研机构|申请人情况/法人或其他组织/社会公益组织|申请人情况/法人或其他组织/法律服务机构|申请人情况/法人或其他组织/其他|申请人情况/总计",
			"一、本年新收政府信息公开申请数量|||13000|800|100|50|100|19|14069",
			"三、本年度办理结果|（三）不予公开|3.危及“三安全一稳定”|30|0|0|0|0|0|30",
			"三、本年度办理结果|（七）总计||12800|760|90|45|96|19|13810",
			"四、结转下年度继续办理|||700|80|20|10|9|0|819",
		}},
		{r19, "applications", 24, []string{
			"三、本年度办理结果|（六）其他处理||20|0|0|0|0|0|20",
			"三、本年度办理结果|（七）总计||748|48|4|3|2|0|805",
		}},
		{r21, "active", 11, []string{
			"条款|信息内容|指标|数值",
			"第二十条第（一）项|行政规范性文件|现行有效件数|12",
			"第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）|12.50",
		}},
		{r19, "active", 23, []string{
			"第二十条第（五）项|行政许可|本年增/减|-3",
			"第二十条第（九）项|政府集中采购|采购总金额（万元）|356.75",
		}},
		{r21, "appeals", 2, []string{
			"行政复议/结果维持|行政复议/结果纠正|行政复议/其他结果|行政复议/尚未审结|行政复议/总计|行政诉讼/未经复议直接起诉/结果维持|行政诉讼/未经复议直接起诉/结果纠正|行政诉讼/未经复议直接起诉/其他结果|行政诉讼/未经复议直接起诉/尚未审结|行政诉讼/未经复议直接起诉/总计|行政诉讼/复议后起诉/结果维持|行政诉讼/复议后起诉/结果纠正|行政诉讼/复议后起诉/其他结果|行政诉讼/复议后起诉/尚未审结|行政诉讼/复议后起诉/总计",
			"3|1|0|1|5|2|0|1|0|3|1|0|0|1|2",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.r.Format+"/"+tt.table, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.r.WriteCSV(&b, tt.table); err != nil {
				t.Fatal(err)
			}
			data := b.Bytes()
			if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				t.Fatalf("no BOM: % x", data[:min(8, len(data))])
			}
			if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Count(data, []byte("\r\n")) != tt.rows {
				t.Errorf("want %d CRLF-ended lines", tt.rows)
			}
			recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var joined []string
			for _, rec := range recs {
				joined = append(joined, strings.Join(rec, "|"))
			}
			if missing, ok := inOrder(strings.Join(joined, "\n")+"\n", lines(tt.want)); !ok {
				t.Errorf("missing, or out of order: %s\nin:\n%s", missing, strings.Join(joined, "\n"))
			}
		})
	}
}

// lines makes each want match a whole record.
func lines(want []string) []string {
	out := make([]string, len(want))
	for i, w := range want {
		out[i] = w + "\n"
	}
	return out
}
