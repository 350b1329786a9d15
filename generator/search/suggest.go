package search

import (
	"cmp"
	"maps"
	"slices"
	"unicode/utf8"
)

// suggestFile is the name of the suggestion file in an index's folder.
const suggestFile = "s.bin"

// maxSuggest is the most terms the suggestion file holds: 4,096 bigrams
// are 24 KiB of UTF-8 (about 17 KiB gzipped), fetched only by a query the
// index does not hold whole.
const maxSuggest = 4096

// suggestTerms returns the content of the suggestion file: the index's
// terms of two CJK characters, the most frequent first (by weight: how
// often they are in the text, a heading counting four times; then in byte
// order), at most maxSuggest of them, written one after the other
// with no separator (each is two code points); then, again, those of
// the first eighth only ever found as the middle of one longer run
// (vocab.inner: 外奖, always in 额外奖金), in the same order. The browser
// (Index.suggest) reads it to offer, for a query no clause holds whole
// (保秘, 末位淘太), the queries one character away that the index holds
// (保密, 末位淘汰): the words are the handbook's own, never a list made by
// hand, and the file is fetched only when a query needs it. A term listed
// again is no word to offer for a query of two characters (获奖 offered
// 外奖), though it may be the part of a longer one (末位淘太 → 末位淘汰 has
// 位淘): a reader of the file that does not know the mark skips a term it
// has read (readWords), so the file is the same format for both. Only
// the first eighth's are marked, the terms Index.suggest offers for two
// characters (its common): the mark of all of them made the file a sixth
// larger.
func suggestTerms(v *vocab) []byte {
	bigram := func(t string) bool {
		a, n := utf8.DecodeRuneInString(t)
		b, m := utf8.DecodeRuneInString(t[n:])
		return n+m == len(t) && isCJK(a) && isCJK(b)
	}
	// The least weight kept: the maxSuggest-th's, found from how many
	// terms have each weight, so that only the terms kept are listed
	// (a large index has hundreds of thousands of bigrams).
	counts := map[int]int{}
	for g, t := range v.texts {
		if bigram(t) {
			counts[v.weight(g)]++
		}
	}
	ws := slices.Sorted(maps.Keys(counts))
	least, n := 0, 0
	for k := len(ws) - 1; k >= 0 && n < maxSuggest; k-- {
		least = ws[k]
		n += counts[least]
	}
	type cand struct {
		text   string
		weight int
		inner  bool
	}
	cs := make([]cand, 0, n)
	for g, t := range v.texts {
		if bigram(t) {
			if w := v.weight(g); w >= least {
				cs = append(cs, cand{t, w, v.inner(g)})
			}
		}
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if c := cmp.Compare(y.weight, x.weight); c != 0 {
			return c
		}
		return cmp.Compare(x.text, y.text)
	})
	cs = cs[:min(len(cs), maxSuggest)]
	var b []byte
	for _, c := range cs {
		b = append(b, c.text...)
	}
	for _, c := range cs[:(len(cs)+7)/8] {
		if c.inner {
			b = append(b, c.text...)
		}
	}
	return b
}
