package diag

import (
	"testing"

	"golang.org/x/text/language"
)

func init() {
	Gloss(map[string]string{"title": "标题"})
	Translate(map[string]string{
		"%s: want %s, have %s":  "%s 应为%s，现在是%s",
		"a string":              "文字",
		"year %d: want %s":      "%d 年：应为 %s",
		"unknown key (want %s)": "没有这一项（可以写：%s）",
		"at %s: %v":             "在 %s：%v",
		"the file is %.1f MB":   "文件有 %.1f MB",
		"a nested message %q":   "内层消息 %q",
	})
}

// Arguments are said in the reader's language; numbers are not grouped.
func TestText(t *testing.T) {
	en, zh := Printer(language.English), Printer(language.SimplifiedChinese)
	for _, tt := range []struct {
		e      Error
		en, zh string
	}{
		{Errorf("a.md", 2, "%s: want %s, have %s", Key("title"), Phrase("a string"), Phrase("a whole number")),
			"a.md:2: error: title: want a string, have a whole number",
			"a.md:2: 错误: title（标题） 应为文字，现在是a whole number"},
		{Errorf("a.md", 2, "%s: want %s, have %s", Key("organization.title"), Phrase("a string"), Phrase("a string")),
			"a.md:2: error: organization.title: want a string, have a string",
			"a.md:2: 错误: organization.title（标题） 应为文字，现在是文字"},
		{Errorf("d.toml", 3, "year %d: want %s", 2021, OneOf{"a", "b", "c"}),
			"d.toml:3: error: year 2021: want a, b or c",
			"d.toml:3: 错误: 2021 年：应为 a、b 或 c"},
		{Errorf("x", 0, "at %s: %v", "x", Errorf("", 0, "a nested message %q", "m")),
			`x: error: at x: a nested message "m"`,
			`x: 错误: 在 x：内层消息 "m"`},
		{Errorf("x", 0, "the file is %.1f MB", 12345.67),
			"x: error: the file is 12345.7 MB",
			"x: 错误: 文件有 12345.7 MB"},
	} {
		if have := tt.e.Text(en); have != tt.en {
			t.Errorf("English:\nhave %s\nwant %s", have, tt.en)
		}
		if have := tt.e.Text(zh); have != tt.zh {
			t.Errorf("Chinese:\nhave %s\nwant %s", have, tt.zh)
		}
	}
}

func TestPlace(t *testing.T) {
	e := Place(Errorf("", 0, "a nested message %q", "m"), "c.toml", 0)
	if have, want := e.Error(), `c.toml: a nested message "m"`; have != want {
		t.Errorf("have %s, want %s", have, want)
	}
	if _, ok := Translated("a nested message %q"); !ok || e.format == "" {
		t.Error("Place lost the message's format")
	}
}
