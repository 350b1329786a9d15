package search

import (
	"unicode"
	"unicode/utf8"
)

// The tokenizer is implemented twice, here and in theme/ts/search-core.ts,
// and the two must agree code point for code point: the index stores
// positions as code point offsets into the normalised text, and the browser
// maps them back onto the original text to highlight a snippet. The tests run
// both over the same strings.

// tokenizerVersion is written to meta.json so that a page whose script and
// index disagree can refuse to search instead of returning wrong results.
const tokenizerVersion = 2

// normalizeRune folds one code point to its searchable form. It never maps
// one code point to several, so offsets in normalised text are offsets in the
// original text.
func normalizeRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII forms (Ａ, ０, ％, ，)
		r -= 0xFEE0
	case r == 0x3000: // ideographic space
		return ' '
	case r == 0x2105: // ℅ (care of), used in the source where % is meant
		return '%'
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// class is what the tokenizer does with a code point.
type class uint8

const (
	classOther   class = iota // punctuation and symbols: break runs
	classSpace                // whitespace: breaks runs; separates phrases in a query
	classCJK                  // ideographs, kana, hangul: indexed as bigrams
	classWord                 // other letters and digits: indexed as words
	classPercent              // %: a token of its own, so "105%" is 105 then %
)

func classify(r rune) class {
	switch {
	case r == '%':
		return classPercent
	case isCJK(r):
		return classCJK
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return classWord
	}
	return classOther
}

func isCJK(r rune) bool {
	return (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x3FFFF) ||
		r == 0x3007 || // 〇
		(r >= 0x3040 && r <= 0x30FF) || // kana
		(r >= 0xAC00 && r <= 0xD7AF) // hangul syllables
}

// token is one indexed term and the code point offset where it starts.
type token struct {
	text string
	pos  int
}

// tokenize splits s into terms; see scan.
func tokenize(s string) []token {
	rs := normalize(s)
	var out []token
	scan(rs, func(start, end int) {
		out = append(out, token{string(rs[start:end]), start})
	})
	return out
}

// normalize returns the code points of s folded by normalizeRune.
func normalize(s string) []rune { return appendNormalized(nil, s) }

// appendNormalized appends the code points of s, folded by normalizeRune,
// to rs: as ranging over s does, with a path of its own for the three-byte
// sequences of CJK text.
func appendNormalized(rs []rune, s string) []rune {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			rs = append(rs, normalizeRune(rune(c)))
			i++
			continue
		}
		if c >= 0xE1 && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// U+1000–U+CFFF: no overlong form, no surrogate.
			rs = append(rs, normalizeRune(rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F)))
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		rs = append(rs, normalizeRune(r))
		i += n
	}
	return rs
}

// scan calls emit with the bounds of every term of the normalised text rs,
// in order of their start: every pair of adjacent CJK characters, every run
// of other letters and digits (a '.' between digits stays inside, so 2025.1
// is one term), every '%', and every pair of a CJK character and the letter,
// digit or '%' beside it (0分 of 100分, 第1 of 第1条), so that a character
// that has no CJK neighbour is still part of what a query matches. A lone
// CJK character yields no term of its own, which is why a Chinese query
// needs at least two characters.
func scan(rs []rune, emit func(start, end int)) {
	for i := 0; i < len(rs); {
		switch classify(rs[i]) {
		case classCJK:
			j := i
			for j < len(rs) && classify(rs[j]) == classCJK {
				j++
			}
			for k := i; k+1 < j; k++ {
				emit(k, k+2)
			}
			if j < len(rs) && wordLike(rs[j]) {
				emit(j-1, j+1)
			}
			i = j
		case classWord:
			j := i
			for j < len(rs) {
				if classify(rs[j]) == classWord {
					j++
					continue
				}
				if rs[j] == '.' && j+1 < len(rs) && isDigit(rs[j-1]) && isDigit(rs[j+1]) {
					j++
					continue
				}
				break
			}
			emit(i, j)
			if j < len(rs) && classify(rs[j]) == classCJK {
				emit(j-1, j+1)
			}
			i = j
		case classPercent:
			emit(i, i+1)
			if i+1 < len(rs) && classify(rs[i+1]) == classCJK {
				emit(i, i+2)
			}
			i++
		default:
			i++
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// wordLike reports whether r starts a term that is not CJK: a word, a
// number or '%'.
func wordLike(r rune) bool {
	c := classify(r)
	return c == classWord || c == classPercent
}
