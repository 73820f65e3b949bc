package check

import (
	"gongkai/internal/diag"
	"gongkai/internal/markdown"
)

// Text checks the text of one Markdown body, as readers see it: personal
// information (an error unless acknowledged, by the page's personal_info),
// typing slips and 错敏词 (warnings). It runs in the build's workers, one
// body at a time.
func Text(f *markdown.Found, w *Words, acknowledged bool) []diag.Error {
	var list []diag.Error
	report := func(off int, warning bool, format string, args ...any) {
		line, col := f.Position(off)
		e := diag.Errorf(f.Path, line, format, args...)
		e.Warning = warning
		list = append(list, at(e, col))
	}
	if !acknowledged {
		list = Personal(f)
	}
	for i := 0; i < len(f.Text); {
		j := i
		for j < len(f.Text) && f.Text[j].Block == f.Text[i].Block {
			j++
		}
		slips(f.Src, f.Text[i:j], w, func(off int, format string, args ...any) {
			report(off, true, format, args...)
		})
		i = j
	}
	return list
}

// Personal reports the personal information in the text of one Markdown
// body: errors of every build, not of check alone, as a number once
// published cannot be taken back.
func Personal(f *markdown.Found) []diag.Error {
	var list []diag.Error
	for _, s := range f.Text {
		personal(f.Src[s.Start:s.End], func(off int, format string, args ...any) {
			line, col := f.Position(s.Start + off)
			list = append(list, at(diag.Errorf(f.Path, line, format, args...), col))
		})
	}
	return list
}

// personal reports resident ID numbers, mobile numbers and bank card
// numbers in text: runs of ASCII digits that are not part of a longer run.
func personal(text []byte, report func(off int, format string, args ...any)) {
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		run := string(text[i:j])
		if len(run) == 17 && j < len(text) && (text[j] == 'X' || text[j] == 'x') && !(j+1 < len(text) && isAlnum(text[j+1])) {
			run += "X"
			j++
		}
		if i > 0 && isAlnum(text[i-1]) || j < len(text) && isAlnum(text[j]) {
			i = j // part of a code or a word: not a number alone
			continue
		}
		switch {
		case len(run) == 18 && residentID(run):
			report(i, "a resident ID number (身份证号) %s is personal information: delete it, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter", mask(run))
		case len(run) == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9':
			report(i, "a mobile phone number %s is personal information: give an office phone instead, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter", mask(run))
		case len(run) >= 16 && len(run) <= 19 && run[0] >= '3' && run[0] <= '6' && luhn(run):
			report(i, "a bank card number %s is personal information: delete it, or mask it as shown here, or, if it is published lawfully, say on what ground with personal_info = \"…\" in the front matter", mask(run))
		}
		i = j
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// residentID reports whether id is a resident ID number (GB 11643-1999):
// a plausible birth date in digits 7–14, and the check digit of the first
// seventeen, weighted 2^(17-i) mod 11.
func residentID(id string) bool {
	year := atoi(id[6:10])
	month := atoi(id[10:12])
	day := atoi(id[12:14])
	if year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	sum := 0
	weight := 1
	for i := 16; i >= 0; i-- {
		weight = weight * 2 % 11
		sum += int(id[i]-'0') * weight
	}
	return id[17] == "10X98765432"[sum%11]
}

// luhn reports whether a card number's last digit checks the others.
func luhn(n string) bool {
	sum := 0
	for i := 0; i < len(n); i++ {
		d := int(n[len(n)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// mask keeps the first three (six for an ID) and last four digits: enough
// for the editor to find the number, not enough to leak it in a log.
func mask(n string) string {
	keep := 3
	if len(n) == 18 {
		keep = 6
	}
	b := []byte(n)
	for i := keep; i < len(b)-4; i++ {
		b[i] = '*'
	}
	return string(b)
}
