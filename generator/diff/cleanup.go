package diff

import "unicode/utf8"

// chunk is either an equality or a change (a deletion and/or an
// insertion at the same place). Cleanups work on chunks because that is
// how a reader sees a diff: unchanged text, then "this became that".
type chunk struct {
	eq       bool
	text     string // the equal text
	del, ins string // the change
}

// toChunks groups ops into alternating equalities and changes.
func toChunks(ops []Op) []chunk {
	var cs []chunk
	for _, op := range ops {
		if op.Text == "" {
			continue
		}
		n := len(cs)
		if op.Kind == Equal {
			if n > 0 && cs[n-1].eq {
				cs[n-1].text += op.Text
			} else {
				cs = append(cs, chunk{eq: true, text: op.Text})
			}
			continue
		}
		if n == 0 || cs[n-1].eq {
			cs = append(cs, chunk{})
			n++
		}
		if op.Kind == Delete {
			cs[n-1].del += op.Text
		} else {
			cs[n-1].ins += op.Text
		}
	}
	return cs
}

// normalize turns chunks back into ops, deletion before insertion.
func normalize(cs []chunk) []Op {
	ops := make([]Op, 0, len(cs))
	for _, c := range cs {
		if c.eq {
			if c.text != "" {
				ops = append(ops, Op{Equal, c.text})
			}
			continue
		}
		if c.del != "" {
			ops = append(ops, Op{Delete, c.del})
		}
		if c.ins != "" {
			ops = append(ops, Op{Insert, c.ins})
		}
	}
	return ops
}

func tidy(ops []Op) []Op {
	cs := cleanupSemantic(toChunks(ops))
	cs = wholeTokens(cs)
	return normalize(cs)
}

// cleanupSemantic folds an equality into the changes on both sides of it
// when it is no longer than the larger side of either change: in
// "abcdef" → "xbzdqf" the single shared letters are coincidence, and the
// reader is better served by "abcdef" replaced with "xbzdqf" as a whole.
// This is the criterion of Neil Fraser's diff-match-patch cleanupSemantic;
// the implementation is a single stack pass, and merging can cascade
// leftwards because a folded change grows.
func cleanupSemantic(cs []chunk) []chunk {
	out := make([]chunk, 0, len(cs))
	for _, c := range cs {
		out = append(out, c)
		for len(out) >= 3 {
			n := len(out)
			l, e, r := out[n-3], out[n-2], out[n-1]
			if l.eq || !e.eq || r.eq {
				break
			}
			el := utf8.RuneCountInString(e.text)
			if el > changeSize(l) || el > changeSize(r) {
				break
			}
			if figures(l) && figures(r) && !figureText(e.text) {
				// Two figures changed, with words or signs between
				// them ("132元=2772" → "154元=3234"): each figure is
				// shown replaced, and what stood between them stays.
				break
			}
			out = out[:n-3]
			out = append(out, chunk{del: l.del + e.text + r.del, ins: l.ins + e.text + r.ins})
		}
	}
	return out
}

// figures reports whether a change replaces digits with digits (a
// figure, or part of one).
func figures(c chunk) bool { return figureText(c.del) && figureText(c.ins) }

// figureText reports whether s is made of digits and the marks inside a
// figure ("3,000.50"), and is not empty.
func figureText(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return s != ""
}

func changeSize(c chunk) int {
	return max(utf8.RuneCountInString(c.del), utf8.RuneCountInString(c.ins))
}

// maxToken bounds how far wholeTokens widens a change.
const maxToken = 32

// wholeTokens widens a change that cuts through an ASCII number or word
// so it covers the whole token: "2000" → "1500" diffs as "20"→"15" plus
// an equal "00", but a reader compares amounts, not digits. Chinese text
// is left at character granularity.
func wholeTokens(cs []chunk) []chunk {
	for i := range cs {
		c := &cs[i]
		if c.eq {
			continue
		}
		// Left: the equality before ends inside a token the change continues.
		if i > 0 && cs[i-1].eq && (startsWord(c.del) || startsWord(c.ins)) {
			p := &cs[i-1]
			t := wordSuffix(p.text)
			if t > 0 {
				w := p.text[len(p.text)-t:]
				p.text = p.text[:len(p.text)-t]
				c.del, c.ins = w+c.del, w+c.ins
			}
		}
		// Right: the equality after starts inside a token.
		if i+1 < len(cs) && cs[i+1].eq && (endsWord(c.del) || endsWord(c.ins)) {
			nx := &cs[i+1]
			t := wordPrefix(nx.text)
			if t > 0 {
				w := nx.text[:t]
				nx.text = nx.text[t:]
				c.del, c.ins = c.del+w, c.ins+w
			}
		}
	}
	// An equality emptied by widening leaves two changes side by side.
	return toChunks(normalize(cs))
}

func isWord(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func startsWord(s string) bool { return s != "" && isWord(s[0]) }
func endsWord(s string) bool   { return s != "" && isWord(s[len(s)-1]) }

func wordSuffix(s string) int {
	n := 0
	for n < len(s) && n < maxToken && isWord(s[len(s)-1-n]) {
		n++
	}
	if n == maxToken {
		return 0
	}
	return n
}

func wordPrefix(s string) int {
	n := 0
	for n < len(s) && n < maxToken && isWord(s[n]) {
		n++
	}
	if n == maxToken {
		return 0
	}
	return n
}
