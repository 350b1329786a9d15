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
// with no separator (each is two code points). The browser
// (Index.suggest) reads it to offer, for a query no clause holds whole
// (保秘, 末位淘太), the queries one character away that the index holds
// (保密, 末位淘汰): the words are the handbook's own, never a list made by
// hand, and the file is fetched only when a query needs it.
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
	}
	cs := make([]cand, 0, n)
	for g, t := range v.texts {
		if bigram(t) {
			if w := v.weight(g); w >= least {
				cs = append(cs, cand{t, w})
			}
		}
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if c := cmp.Compare(y.weight, x.weight); c != 0 {
			return c
		}
		return cmp.Compare(x.text, y.text)
	})
	var b []byte
	for _, c := range cs[:min(len(cs), maxSuggest)] {
		b = append(b, c.text...)
	}
	return b
}
