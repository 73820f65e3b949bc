package check

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"gongkai/internal/diag"
	"gongkai/internal/site"
	"gongkai/internal/tomldoc"
)

// Words are the words check looks for — the site's 错敏词 from
// content/words.toml and a built-in list of common 错别字 — and the
// doubled characters it allows.
//
//	# content/words.toml: what must not be published, and what to write instead
//	[words]
//	doubled = ["谈谈"]                    # doubled characters that are right here
//
//	[words]
//	"秦安县科技局" = "秦安县科学技术局"   # wrong = right
//	"某敏感词" = ""                       # no right form: rephrase
type Words struct {
	words   []word
	doubled map[rune]bool
	// The words by their first character, and a bitmap of those first
	// characters below U+10000: slips tests every character of every page
	// against it, which must cost next to nothing.
	byFirst map[rune][]word
	first   [1 << 16 / 64]uint64
}

type word struct {
	wrong, right []byte
	site         bool // from content/words.toml
}

// builtin are common 错别字 (wrong → right) that no correct text contains.
var builtin = [][2]string{
	{"布署", "部署"}, {"部暑", "部署"}, {"按排", "安排"}, {"既使", "即使"}, {"即然", "既然"},
	{"再接再励", "再接再厉"}, {"迫不急待", "迫不及待"}, {"一愁莫展", "一筹莫展"},
	{"默守成规", "墨守成规"}, {"出奇不意", "出其不意"}, {"走头无路", "走投无路"},
	{"穿流不息", "川流不息"}, {"兴高彩烈", "兴高采烈"}, {"震憾", "震撼"}, {"松驰", "松弛"},
	{"寒喧", "寒暄"}, {"座落", "坐落"}, {"精萃", "精粹"}, {"针贬", "针砭"},
	{"一股作气", "一鼓作气"}, {"重迭", "重叠"}, {"气慨", "气概"}, {"不记其数", "不计其数"},
	{"通货膨涨", "通货膨胀"}, {"精兵减政", "精兵简政"}, {"养精畜锐", "养精蓄锐"},
	{"既往不究", "既往不咎"}, {"变本加利", "变本加厉"}, {"滥芋充数", "滥竽充数"},
	{"反溃", "反馈"}, {"幅射", "辐射"}, {"必竟", "毕竟"}, {"宣染", "渲染"},
	{"防碍", "妨碍"}, {"一如继往", "一如既往"}, {"义不容词", "义不容辞"},
	{"两学一作", "两学一做"}, {"贯切落实", "贯彻落实"}, {"峻工", "竣工"},
	{"签定合同", "签订合同"}, {"决策部属", "决策部署"},
}

// allowedDoubles are characters Chinese doubles: reduplications (常常,
// 人人, 扎扎实实), numerals (二〇二二), and the characters that, in
// administrative language, often end one word and begin the next (全县县级,
// 本局局长, 工作作为, 执行行政). Function words (的的, 了了, 在在) and
// most content characters (积积) stay flagged.
const allowedDoubles = "常天人看谢渐刚往仅紧纷层处个条项年月日时事家户件点滴方面上下多少大小高低长短远近早晚快慢好满足整单偏恰明白统通总形色步节声句字篇本桩村级环位种样代世生息源滚默悄匆微稍略频屡久深轻重认真扎实踏兢业勤恳清楚干净" +
	"一二三四五六七八九十百千万〇零某" +
	"县市省区镇乡局厅委部科室组队站所院校会" +
	"作行员工务理动制发设定中展产品政策治民主心期出入用经济建法规划计化力进加全安保教育文体农信息公开报告表数据门类"

// LoadWords reads content/words.toml, when the site has one, and adds the
// built-in list.
func LoadWords(fsys fs.FS) (*Words, []diag.Error) {
	w := &Words{doubled: map[rune]bool{}}
	for _, r := range allowedDoubles {
		w.doubled[r] = true
	}
	for _, b := range builtin {
		w.words = append(w.words, word{[]byte(b[0]), []byte(b[1]), false})
	}
	src, err := site.ReadFile(fsys, site.WordsPath)
	if err != nil {
		w.index()
		if _, statErr := fs.Stat(fsys, site.WordsPath); statErr != nil {
			return w, nil // no list: the built-in one
		}
		return w, []diag.Error{diag.Errorf(site.WordsPath, 0, "%v", err)}
	}
	t, errs := tomldoc.Parse(site.WordsPath, src, 1)
	if t == nil {
		w.index()
		return w, errs
	}
	if list := t.Table("words"); list != nil {
		for _, k := range list.Keys() {
			right, ok := list.Str(k)
			if !ok {
				continue
			}
			if strings.TrimSpace(k) == "" {
				list.Errorf(k, "an empty word: delete the line")
				continue
			}
			w.words = append(w.words, word{[]byte(k), []byte(right), true})
		}
	}
	doubled, _ := t.Strings("doubled")
	for _, d := range doubled {
		r := []rune(d)
		if len(r) != 2 || r[0] != r[1] {
			t.Errorf("doubled", "doubled: %q is not one character twice (write \"常常\")", d)
			continue
		}
		w.doubled[r[0]] = true
	}
	t.Unknown()
	// Longest first, so that a site's longer word wins over a built-in one
	// it contains.
	slices.SortStableFunc(w.words, func(a, b word) int { return len(b.wrong) - len(a.wrong) })
	w.index()
	return w, t.Errors()
}

func (w *Words) index() {
	w.byFirst = map[rune][]word{}
	for _, wd := range w.words {
		r, _ := utf8.DecodeRune(wd.wrong)
		w.byFirst[r] = append(w.byFirst[r], wd)
		if r < 1<<16 {
			w.first[r>>6] |= 1 << (r & 63)
		}
	}
}

// doubles reports whether r may be doubled.
func (w *Words) doubles(r rune) bool { return w.doubled[r] }

// at calls found with each word of the list that text[i:] starts with;
// r is the character at i.
func (w *Words) at(text []byte, i int, r rune, found func(wd word)) {
	if r < 1<<16 && w.first[r>>6]&(1<<(r&63)) == 0 {
		return
	}
	for _, wd := range w.byFirst[r] {
		if bytes.HasPrefix(text[i:], wd.wrong) {
			found(wd)
		}
	}
}
