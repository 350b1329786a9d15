package search

import (
	_ "embed"
	"strings"
	"sync"
)

// A reader who types traditional characters (績效工資) is looking for the
// simplified text (绩效工资). The index tells the browser, in Meta.Fold,
// which traditional characters of the query to read as simplified ones:
// those whose simplified form is in the index and which are not in it
// themselves, so that folding one only ever finds more (a query in the
// traditional characters the text does hold still finds them).
//
// tsfold.txt is OpenCC's character table from traditional to simplified
// (TSCharacters, as `opencc -c t2s.json` of OpenCC 1.1.6 converts each
// code point of U+3400–U+9FFF on its own, Apache License 2.0): one line
// per character that changes, the traditional one then the simplified.

//go:embed tsfold.txt
var tsFoldTable string

// tsPairs is tsFoldTable as pairs of code points, traditional first.
var tsPairs = sync.OnceValue(func() [][2]rune {
	var out [][2]rune
	for _, line := range strings.Split(tsFoldTable, "\n") {
		rs := []rune(line)
		if len(rs) == 2 {
			out = append(out, [2]rune{rs[0], rs[1]})
		}
	}
	return out
})

// cjkLow and cjkHigh bound the code points a cjkSet holds: every one of
// the fold table's, both sides.
const (
	cjkLow  = 0x3400
	cjkHigh = 0x40000
)

// cjkSet is a set of ideographs, those an index holds.
type cjkSet []uint64

func newCJKSet() cjkSet { return make(cjkSet, (cjkHigh-cjkLow+63)/64) }

func (s cjkSet) add(r rune) {
	if r >= cjkLow && r < cjkHigh {
		r -= cjkLow
		s[r>>6] |= 1 << (r & 63)
	}
}

func (s cjkSet) has(r rune) bool {
	if r < cjkLow || r >= cjkHigh {
		return false
	}
	r -= cjkLow
	return s[r>>6]&(1<<(r&63)) != 0
}

func (s cjkSet) union(o cjkSet) {
	for i := range s {
		s[i] |= o[i]
	}
}

// foldOf returns Meta.Fold and Meta.Trad for an index holding the
// ideographs in set: the pairs (traditional, simplified) where the index
// holds the simplified character and not the traditional one, and the
// traditional characters of the table that it holds.
func foldOf(set cjkSet) (fold, trad string) {
	return foldWith(func(p [2]rune) (bool, bool) {
		t := set.has(p[0])
		return t, !t && set.has(p[1])
	})
}

// foldWith builds Meta.Fold and Meta.Trad from a function telling, for
// each pair of the table, whether the traditional character is in the
// index and whether the pair folds.
func foldWith(f func(p [2]rune) (inIndex, folds bool)) (fold, trad string) {
	var fb, tb strings.Builder
	for _, p := range tsPairs() {
		in, folds := f(p)
		if in {
			tb.WriteRune(p[0])
		}
		if folds {
			fb.WriteRune(p[0])
			fb.WriteRune(p[1])
		}
	}
	return fb.String(), tb.String()
}

// deltaFold returns Meta.Fold and Meta.Trad for a base index (its Fold and
// Trad) with a delta holding the ideographs in set. A character of deleted
// docs still counts as held: it is then not folded, as before.
func deltaFold(baseFold, baseTrad string, set cjkSet) (fold, trad string) {
	folded := map[[2]rune]bool{}
	rs := []rune(baseFold)
	for i := 0; i+1 < len(rs); i += 2 {
		folded[[2]rune{rs[i], rs[i+1]}] = true
	}
	held := map[rune]bool{}
	for _, r := range baseTrad {
		held[r] = true
	}
	return foldWith(func(p [2]rune) (bool, bool) {
		t := held[p[0]] || set.has(p[0])
		return t, !t && (folded[p] || set.has(p[1]))
	})
}
