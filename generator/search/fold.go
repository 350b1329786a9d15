package search

import (
	_ "embed"
	"slices"
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

// variantPairs are variant characters that OpenCC leaves alone, as it
// converts each on its own, but which a reader types for the one the text
// uses, each then the character to read it as: 瞭 of 瞭解 (了解), the
// traditional form of 了 in that sense (OpenCC's phrase table has 瞭解 →
// 了解; its character table keeps 瞭 for 瞭望, which the simplified text
// writes 瞭望 too, so a text holding 瞭 keeps it, as any fold here).
const variantPairs = "瞭了"

// tsPairs is tsFoldTable, then variantPairs, as pairs of code points,
// traditional first.
var tsPairs = sync.OnceValue(func() [][2]rune {
	var out [][2]rune
	for _, line := range append(strings.Split(tsFoldTable, "\n"), strings.Split(variantPairs, " ")...) {
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

// variantWords are words that policy text writes two ways (异形词), each
// as the variant then the form the index and the query read it as: the
// same number of characters, so that offsets stay those of the text. A
// query for either finds both: 泄露 finds the text's 泄漏 (现代汉语词典:
// 泄漏 ② 同"泄露"), 账户 finds 帐户, as 績效 finds 绩效. They are words,
// not characters: 露 is no variant of 漏 (暴露, 漏洞), nor 帐 of 账 in
// 帐篷. Left out are pairs whose characters meet across two words of
// ordinary text (身分 of 本身分为, 成份 of 完成份额, 部份 of 全部份额),
// and pairs that the law or the dictionary tells apart (定金/订金,
// 截止/截至). variantWords in search-core.ts is the same list, which a
// test checks.
const variantWords = "泄漏泄露 惟一唯一 其它其他 " +
	"帐户账户 帐号账号 帐目账目 帐单账单 帐款账款 帐务账务 帐簿账簿 帐本账本 帐期账期 " +
	"结帐结账 报帐报账 转帐转账 记帐记账 对帐对账 查帐查账 入帐入账 到帐到账 挂帐挂账 坏帐坏账 算帐算账"

// variants maps the first character of each variant word to the words
// (variant, then its reading) that start with it.
var variants = sync.OnceValue(func() map[rune][][2][]rune {
	m := map[rune][][2][]rune{}
	for _, w := range strings.Fields(variantWords) {
		rs := []rune(w)
		n := len(rs) / 2
		m[rs[0]] = append(m[rs[0]], [2][]rune{rs[:n], rs[n:]})
	}
	return m
})

// variantStarts is the set of the first characters of the variant words.
var variantStarts = sync.OnceValue(func() cjkSet {
	s := newCJKSet()
	for r := range variants() {
		s.add(r)
	}
	return s
})

// foldVariantAt rewrites the variant word starting at rs[i], if any, as
// the word it is read as.
func foldVariantAt(rs []rune, i int) {
	for _, v := range variants()[rs[i]] {
		if len(rs)-i >= len(v[0]) && slices.Equal(rs[i:i+len(v[0])], v[0]) {
			copy(rs[i:], v[1])
			return
		}
	}
}
