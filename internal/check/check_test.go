package check

import (
	"slices"
	"testing"
	"testing/fstest"

	"gongkai/internal/diag"
	"gongkai/internal/markdown"
)

func TestResidentID(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"620522198001011236", true},
		{"11010519491231002X", true},
		{"620522198001011235", false}, // wrong check digit
		{"11010519491231002Y", false},
		{"620522198013011236", false}, // month 13
		{"620522180001011236", false}, // born 1800
	} {
		if have := len(tt.id) == 18 && residentID(tt.id); have != tt.want {
			t.Errorf("residentID(%s) = %v, want %v", tt.id, have, tt.want)
		}
	}
}

func TestLuhn(t *testing.T) {
	for _, tt := range []struct {
		n    string
		want bool
	}{
		{"6222021234567890128", true},
		{"6222021234567890129", false},
		{"4111111111111111", true},
		{"4111111111111112", false},
	} {
		if have := luhn(tt.n); have != tt.want {
			t.Errorf("luhn(%s) = %v, want %v", tt.n, have, tt.want)
		}
	}
}

func TestPersonal(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int // findings
	}{
		{"身份证号620522198001011236。", 1},
		{"身份证号11010519491231002x。", 1},
		{"电话13812345678", 1},
		{"电话12812345678", 0},          // 12 is no mobile prefix
		{"流水号2022138123456789", 0},    // inside a longer run
		{"编号A13812345678", 0},         // part of a code
		{"卡号6222021234567890128。", 1}, // Luhn
		{"卡号6222021234567890129。", 0},
		{"2021年2月23日，秦科发〔2021〕5号", 0},
		// written as people write them
		{"手机 139 1234 5678，", 1},
		{"手机139-1234-5678", 1},
		{"+86 139 1234 5678", 1},
		{"8613912345678", 1},
		{"（+86）13912345678", 1},
		{"手机１３９１２３４５６７８", 1}, // full-width
		{"卡号 6222 0212 3456 7890 128。", 1},
		{"身份证 620522 19800101 1236", 1},
		{"身份证６２０５２２１９８００１０１１２３６", 1},
		{"身份证 110105 19491231 002X", 1},
		{"2021 139 1234 5678", 1}, // a year before it
		{"电话 139 1234 5678 和 138-1234-5678", 2},
		{"办公电话0931-1234567", 0},         // a landline
		{"2020-2021-2022年", 0},          // years
		{"共1 3 9 1 2 3 4 5 6 7 8 项", 0}, // digits apart, not a number's groups
		{"139 12345678", 0},             // groups no mobile is written in
		{"2020年 13912 345678", 0},
		{"第 100 200 300 400 500 600 号", 0},
		{"编号 139 1234 5678abc", 0}, // its last group part of a word
		// what a review found taken for personal numbers (session 28)
		{"政务微博：[秦安科技](https://m.weibo.cn/detail/4612345678901233)", 0}, // an ID passing Luhn, with no word for a card
		{"![照片](images/637505512345678901.jpg)", 0},
		{"受理编号：620522-20210305-0016（行政许可受理通知书编号）", 0}, // a place, a date and a count
		{"2019年至2022年分别为 3520 4680 5750 6895 万元。", 0},
		{"收款单位：秦安县财政局非税收入汇缴结算户，账号：6222021234567890128。", 0}, // a body's account
		{"总投资 15000000000 元", 0},
		{"圆周率 3.14159265358", 0},
		{"银行卡号 6222 0212 3456 7890 128", 1},
		{"退款账户 6222021234567890128", 1},
		{"身份证号 620522 19800101 1236", 1},
	} {
		n := 0
		personal([]byte(tt.text), func(int, numberKind, string) { n++ })
		if n != tt.want {
			t.Errorf("%s: %d findings, want %d", tt.text, n, tt.want)
		}
	}
}

func TestTextPositions(t *testing.T) {
	w, _ := LoadWords(fstest.MapFS{})
	src := []byte("第一行。\n\n积积参与，电话13812345678。\n")
	f := &markdown.Found{Path: "p.md", Src: src, FirstLine: 5, Text: []markdown.Span{{Start: 14, End: len(src) - 1, Block: 1}}}
	list := diag.List(Text(f, w, false)).Sort()
	want := "p.md:7:1: \"积积\" doubles \"积\": a slip of the keyboard? (a real doubling such as 常常 can be allowed in content/words.toml)\n" +
		"p.md:7:8: a mobile phone number 138****5678 is personal information: give an office phone instead, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter"
	if have := list.Error(); have != want {
		t.Errorf("have:\n%s\nwant:\n%s", have, want)
	}
	if list := Text(f, w, true); len(list) != 1 {
		t.Errorf("acknowledged: %v, want only the slip", list)
	}
}

// TestPersonalInTOML: in a dataset or front matter only the strings are
// read: a figure (13580000000 元), a decimal, a comment are not
// published as a number is, a note or a summary are.
func TestPersonalInTOML(t *testing.T) {
	src := []byte("title = \"资金\"\n# 经办人 13912345678\nnote = \"联系人王五，手机13912345678\"\n[year.2019]\nrd = 13580000000\nratio = 0.13812345678\nsummary = \"\"\"\n第一行\n电话 139 1234 5678\n\"\"\"\nx = 'a 13712345678'\ny = \"a\\\"13612345678\"\n")
	var lines []int
	for _, e := range PersonalInTOML("d.toml", src, 1, false) {
		lines = append(lines, e.Line)
	}
	if want := []int{3, 9, 11, 12}; !slices.Equal(lines, want) {
		t.Errorf("found at lines %v, want %v", lines, want)
	}
}
