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
//
// 3: a range's glue terms across punctuation (9…分 of （60——89）分).
// 4: format characters dropped (isFormat), variant words folded
// (variantWords).
const tokenizerVersion = 4

// normalizeRune folds one code point to its searchable form. It never maps
// one code point to several, and normalize drops only format characters,
// which the doc shards do not store either (see appendDoc), so offsets in
// normalised text are offsets in the text the browser shows.
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

// isFormat reports whether r is a format character (Unicode category Cf):
// the soft hyphen U+00AD, the zero-width space, joiners and direction marks
// U+200B–U+200F, the word joiner and invisible operators U+2060–U+2064,
// the byte order mark U+FEFF and a few more. Text pasted from a word
// processor or a web page carries them unseen inside words (绩\u200b效),
// where they would split a term in two; normalize drops them from text and
// query alike. isFormat in search-core.ts is the same table, which a test
// checks against Go's unicode.Cf (Node's \p{Cf} has the same code points).
func isFormat(r rune) bool {
	switch {
	case r < 0x2000:
		return r == 0xAD || r >= 0x600 && (r <= 0x605 || r == 0x61C || r == 0x6DD || r == 0x70F || r == 0x890 || r == 0x891 || r == 0x8E2 || r == 0x180E)
	case r <= 0x206F:
		return r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2060 && r != 0x2065
	case r < 0xFEFF:
		return false
	}
	return r == 0xFEFF || r >= 0xFFF9 && r <= 0xFFFB || r == 0x110BD || r == 0x110CD || r >= 0x13430 && r <= 0x1343F ||
		r >= 0x1BCA0 && r <= 0x1BCA3 || r >= 0x1D173 && r <= 0x1D17A || r == 0xE0001 || r >= 0xE0020 && r <= 0xE007F
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
	scan(rs, func(start, end int, span bool) {
		out = append(out, token{termText(rs, start, end, span), start})
	})
	return out
}

// termText is the term scan found at rs[start:end]: those characters, or
// for a range's glue (span) its two ends around rangeGlue.
func termText(rs []rune, start, end int, span bool) string {
	if span {
		return string([]rune{rs[start], rangeGlue, rs[end-1]})
	}
	return string(rs[start:end])
}

// rangeGlue stands between the two characters of a range's glue term
// (9…分): punctuation, so in no other term.
const rangeGlue = '…'

// maxGap is the most characters of punctuation or space that stand
// between the two numbers of a range (95——100), and between a range and
// the CJK character beside it (（60——89）分); MAX_GAP in search-core.ts.
const maxGap = 4

// gapAt returns the end of the run of 0 to maxGap characters of
// punctuation or space at rs[i:], or -1 when it is longer.
func gapAt(rs []rune, i int) int {
	j := i
	for j < len(rs) && !termLike(rs[j]) {
		if j-i == maxGap {
			return -1
		}
		j++
	}
	return j
}

// gapBefore returns where the run of 0 to maxGap characters of
// punctuation or space ending at rs[i-1] starts, or -1.
func gapBefore(rs []rune, i int) int {
	j := i
	for j > 0 && !termLike(rs[j-1]) {
		if i-j == maxGap {
			return -1
		}
		j--
	}
	return j
}

// termLike reports whether r is part of some term: not punctuation or
// space.
func termLike(r rune) bool {
	c := classify(r)
	return c != classOther && c != classSpace
}

// isNumber reports whether rs is digits (a '.' between two of them
// allowed, as scan keeps it).
func isNumber(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) && r != '.' {
			return false
		}
	}
	return len(rs) > 0 && isDigit(rs[0])
}

// rangeEnd reports whether the number starting at rs[from] ends a range: another number and 1 to maxGap characters of
// punctuation or space before it (95——100, 60-89).
func rangeEnd(rs []rune, from int) bool {
	g := gapBefore(rs, from)
	return g >= 0 && g < from && g > 0 && isDigit(rs[g-1])
}

// normalize returns the code points of s folded by normalizeRune, but its
// format characters, and its variant words folded (foldVariants).
func normalize(s string) []rune {
	rs := appendNormalized(nil, s)
	starts := variantStarts()
	for i, r := range rs {
		if starts.has(r) {
			foldVariantAt(rs, i)
		}
	}
	return rs
}

// appendNormalized appends the code points of s, folded by normalizeRune,
// to rs, leaving out format characters (isFormat): as ranging over s does,
// with a path of its own for the three-byte sequences of CJK text.
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
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			i += 3
			if r >= 0x180E && r <= 0x206F && isFormat(r) {
				continue
			}
			rs = append(rs, normalizeRune(r))
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !isFormat(r) {
			rs = append(rs, normalizeRune(r))
		}
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
//
// A range (95——100, 60-89) and the CJK character after it have a glue term
// of their own (span), 9…分 of 60-89分 and of （60——89）分, with 0 to maxGap
// characters of punctuation or space between them: so the query 60-89分,
// with that term, finds the text's （60——89）分, where 9分 is not. Its
// bounds are from the range's last digit to the character, and its text
// that pair around rangeGlue. A query (search-core.ts scans it with query
// set) has the span term in place of the plain glue 9分, which a text's
// range with a unit has both of; 100分 alone is still not in （95——100）分.
func scan(rs []rune, emit func(start, end int, span bool)) { scanAs(rs, false, emit) }
func scanAs(rs []rune, query bool, emit func(start, end int, span bool)) {
	for i := 0; i < len(rs); {
		switch classify(rs[i]) {
		case classCJK:
			j := i
			for j < len(rs) && classify(rs[j]) == classCJK {
				j++
			}
			for k := i; k+1 < j; k++ {
				emit(k, k+2, false)
			}
			if j < len(rs) && wordLike(rs[j]) {
				emit(j-1, j+1, false)
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
			emit(i, j, false)
			// After a range: 9…分 of （60——89）分.
			span := -1
			if rangeEnd(rs, i) && isNumber(rs[i:j]) {
				if g := gapAt(rs, j); g >= 0 && g < len(rs) && classify(rs[g]) == classCJK {
					span = g
				}
			}
			if j < len(rs) && classify(rs[j]) == classCJK && !(query && span == j) {
				emit(j-1, j+1, false)
			}
			if span >= 0 {
				emit(j-1, span+1, true)
			}
			i = j
		case classPercent:
			emit(i, i+1, false)
			if i+1 < len(rs) && classify(rs[i+1]) == classCJK {
				emit(i, i+2, false)
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
