package search

import "unicode/utf8"

// The cutting rules. themes/default/static/js/search.js implements the
// same rules (its normalize, cut and queryTerms); testdata/segment.json
// holds the cases both must agree on, and a test runs both.
//
// Text is read one character (code point) at a time, and positions count
// characters. Each character is first normalized to exactly one character,
// so positions in the normalized text are positions in the original:
//
//   - full-width ASCII (！ to ～) becomes ASCII, the ideographic space a space;
//   - A–Z become a–z.
//
// Then the text is cut into runs:
//
//   - a run of Han characters gives a bigram at each character but the
//     last ("法治政府" → 法治@0 治政@1 政府@2), and each of its characters
//     alone as a unigram (法, 治, 政, 府); a run of one character gives
//     only its unigram. Bigrams keep their positions, for phrases;
//     unigrams only say which pages hold the character;
//   - a run of ASCII letters and digits is a word, at its first
//     character ("2021-00001" → 2021@0 00001@5, "GB11643" → gb11643@0);
//   - anything else only separates.
//
// So 「秦科发〔2020〕20号」 is 秦科@0 科发@1 2020@4 20@10 号, and a page holds
// that 文号 where its bigrams and words sit at those distances.

// maxWord bounds a word's length: longer runs are cut there.
const maxWord = 32

// Token is one thing the index keeps: a bigram or a word at a position,
// or a unigram (Pos -1).
type Token struct {
	Key string
	Pos int // in characters from the start; -1 for a unigram
}

// normalize maps one character to its normal form (see the rules above).
func normalize(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// isHan reports whether r is a Han character: the CJK Unified Ideographs
// and their extensions, the compatibility ideographs, and 〇.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x323AF || r == 0x3007
}

func isWord(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

// Cut calls emit for each token of s, in order of position; a unigram
// comes after the bigram that ends with its character.
func Cut(s string, emit func(key string, pos int)) {
	var buf [2 * utf8.UTFMax]byte
	cut(s, 0, func(a, c rune, pos int) {
		n := utf8.EncodeRune(buf[:], a)
		n += utf8.EncodeRune(buf[n:], c)
		emit(string(buf[:n]), pos)
	}, func(r rune) {
		n := utf8.EncodeRune(buf[:], r)
		emit(string(buf[:n]), -1)
	}, func(w []byte, pos int) { emit(string(w), pos) })
}

// cut is Cut without making strings, for the index: each bigram as its
// two characters, each unigram, each word as bytes valid until the next
// call; positions start at base.
func cut(s string, base int, bigram func(a, c rune, pos int), unigram func(r rune), word func(w []byte, pos int)) {
	pos := base
	var prev rune   // the previous character, normalized, when Han
	inWord := false // a word is being read
	wordPos := 0    // its position
	var wbuf [maxWord]byte
	w := wbuf[:0]
	for _, r := range s {
		r = normalize(r)
		switch {
		case isHan(r):
			if inWord {
				word(w, wordPos)
				inWord, w = false, w[:0]
			}
			if prev != 0 {
				bigram(prev, r, pos-1)
			}
			unigram(r)
			prev = r
		case isWord(r):
			prev = 0
			if !inWord {
				inWord, wordPos = true, pos
			}
			if len(w) < maxWord {
				w = append(w, byte(r))
			}
		default:
			if inWord {
				word(w, wordPos)
				inWord, w = false, w[:0]
			}
			prev = 0
		}
		pos++
	}
	if inWord {
		word(w, wordPos)
	}
}

// Tokens returns the tokens of s, for tests and queries.
func Tokens(s string) []Token {
	var list []Token
	Cut(s, func(key string, pos int) { list = append(list, Token{key, pos}) })
	return list
}
