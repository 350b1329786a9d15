package diff

import (
	"strings"
	"unicode/utf8"
)

// DefaultContext is how many unchanged lines a hunk shows around a change.
const DefaultContext = 3

// LineKind says how a line of a comparison relates the two documents.
type LineKind int

const (
	// Same lines are unchanged (shown as context).
	Same LineKind = iota
	// Changed lines exist in both documents with edits inside; their
	// Ops hold the character diff.
	Changed
	// Added lines exist only in the new document.
	Added
	// Removed lines exist only in the old document.
	Removed
)

// Line is one line of a comparison. Old and New are 1-based line numbers
// in each document, 0 where the line does not exist on that side. Ops
// reproduce the old line (Equal+Delete) and the new line (Equal+Insert),
// without the newline.
type Line struct {
	Kind     LineKind
	Old, New int
	Ops      []Op
}

// Hunk is a run of lines around one or more changes. Skipped counts the
// unchanged lines collapsed before it.
type Hunk struct {
	Skipped int
	Lines   []Line
}

// Comparison is the line-aware diff of two documents: hunks, and the
// count of unchanged lines collapsed after the last one.
type Comparison struct {
	Hunks    []Hunk
	Trailing int
}

// Changed reports whether the documents differ (in anything but a final
// newline, which Compare ignores).
func (c Comparison) Changed() bool { return len(c.Hunks) > 0 }

// Stats counts characters (runes) inserted and deleted. The indentation
// of a line added or removed whole is layout, not text: it is not
// counted (nor marked, see lineOps).
func (c Comparison) Stats() (inserted, deleted int) {
	for _, h := range c.Hunks {
		for _, l := range h.Lines {
			for _, op := range l.lineOps() {
				switch {
				case op.Kind == Insert:
					inserted += utf8.RuneCountInString(op.Text)
				case op.Kind == Delete:
					deleted += utf8.RuneCountInString(op.Text)
				}
			}
		}
	}
	return inserted, deleted
}

// lineOps are a line's ops as shown: a line added or removed whole keeps
// its indentation (spaces, tabs, the ideographic spaces a nested clause
// is set in) outside the insertion or deletion, so that a deleted clause
// is struck through from its first character, not from the margin.
func (l Line) lineOps() []Op {
	if (l.Kind != Added && l.Kind != Removed) || len(l.Ops) != 1 {
		return l.Ops
	}
	op := l.Ops[0]
	text := strings.TrimLeft(op.Text, " \t\u3000")
	if text == op.Text || text == "" {
		return l.Ops
	}
	return []Op{{Equal, op.Text[:len(op.Text)-len(text)]}, {op.Kind, text}}
}

// Tuning of line pairing: a removed and an added line are shown as one
// changed line when at least minSimilarity of their characters match;
// pairing by best total similarity is tried on blocks up to maxPairCells
// candidate pairs, larger blocks pair lines by position.
const (
	minSimilarity = 0.4
	maxPairCells  = 144
)

// Compare diffs two Markdown documents by lines, then by characters
// within each pair of changed lines, and collapses unchanged lines more
// than context lines away from a change (context < 0 keeps every line).
// Line ends (LF or CRLF) and a byte-order mark are not compared.
func Compare(old, new string, context int) Comparison {
	la, lb := splitLines(old), splitLines(new)
	ia, ib := internLines(la, lb)
	m := myers[int]{budget: baseBudget + 8*(len(ia)+len(ib))}
	m.run(ia, ib)

	var lines []Line
	var i, j int // next old, new line (0-based)
	var dels, inss []int
	flush := func() {
		lines = append(lines, pairLines(la, lb, dels, inss)...)
		dels, inss = dels[:0], inss[:0]
	}
	for _, e := range m.edits {
		switch e.kind {
		case Equal:
			flush()
			for n := 0; n < e.n; n++ {
				lines = append(lines, Line{Kind: Same, Old: i + 1, New: j + 1, Ops: eqOps(la[i])})
				i++
				j++
			}
		case Delete:
			for n := 0; n < e.n; n++ {
				dels = append(dels, i)
				i++
			}
		case Insert:
			for n := 0; n < e.n; n++ {
				inss = append(inss, j)
				j++
			}
		}
	}
	flush()
	return collapse(lines, context)
}

func eqOps(s string) []Op {
	if s == "" {
		return nil
	}
	return []Op{{Equal, s}}
}

// splitLines splits a document into lines without their newlines; a
// final newline does not start an extra empty line. A line ends in LF or
// CRLF alike, and a byte-order mark is dropped: a file saved on Windows
// holds the same text, and neither would show in a diff but as an
// invisible change.
func splitLines(s string) []string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// pairLines turns a block of removed old lines and added new lines into
// Lines, pairing similar lines as Changed so their character diff shows.
func pairLines(la, lb []string, dels, inss []int) []Line {
	if len(dels) == 0 && len(inss) == 0 {
		return nil
	}
	type pair struct {
		i, j int // indexes into dels, inss
		ops  []Op
	}
	var pairs []pair
	if len(dels)*len(inss) <= maxPairCells {
		// Best monotone matching by total similarity (a small DP, like
		// LCS with weights).
		n, m := len(dels), len(inss)
		moved := movedLines(la, lb, dels, inss)
		sim := make([][]float64, n)
		opsOf := make([][][]Op, n)
		for x := range n {
			sim[x] = make([]float64, m)
			opsOf[x] = make([][]Op, m)
			for y := range m {
				if moved(x, y) {
					continue
				}
				ops := Diff(la[dels[x]], lb[inss[y]])
				if s := pairScore(ops); s >= minSimilarity {
					sim[x][y], opsOf[x][y] = s, ops
				}
			}
		}
		best := make([][]float64, n+1)
		for x := range best {
			best[x] = make([]float64, m+1)
		}
		for x := n - 1; x >= 0; x-- {
			for y := m - 1; y >= 0; y-- {
				v := max(best[x+1][y], best[x][y+1])
				if sim[x][y] > 0 {
					v = max(v, sim[x][y]+best[x+1][y+1])
				}
				best[x][y] = v
			}
		}
		for x, y := 0, 0; x < n && y < m; {
			switch {
			case sim[x][y] > 0 && best[x][y] == sim[x][y]+best[x+1][y+1]:
				pairs = append(pairs, pair{x, y, opsOf[x][y]})
				x++
				y++
			case best[x][y] == best[x+1][y]:
				x++
			default:
				y++
			}
		}
	} else {
		// A long list renumbered (an item put in at its top, 16 clauses
		// after it): by position, each clause was set against the one
		// before it, and the whole list shown deleted and added again.
		// Lines whose text is the same but for their number are paired
		// first, in order; the lines between two such pairs then by
		// position.
		body := func(lines []string, at []int) []string {
			out := make([]string, len(at))
			for k, i := range at {
				out[k] = lineBody(lines[i])
			}
			return out
		}
		ob, nb := body(la, dels), body(lb, inss)
		where := map[string][]int{}
		for y, b := range nb {
			if b != "" {
				where[b] = append(where[b], y)
			}
		}
		moved := movedLines(la, lb, dels, inss)
		px, py := 0, 0
		gap := func(x1, y1 int) {
			for k := 0; px+k < x1 && py+k < y1; k++ {
				if moved(px+k, py+k) {
					continue
				}
				ops := Diff(la[dels[px+k]], lb[inss[py+k]])
				if pairScore(ops) >= minSimilarity {
					pairs = append(pairs, pair{px + k, py + k, ops})
				}
			}
		}
		// Each body's lines in new not yet passed (py only grows): a
		// line repeated thousands of times is not searched from its
		// first each time.
		for x, b := range ob {
			ys := where[b]
			for len(ys) > 0 && ys[0] < py {
				ys = ys[1:]
			}
			where[b] = ys
			if b == "" || len(ys) == 0 {
				continue
			}
			y := ys[0]
			gap(x, y)
			pairs = append(pairs, pair{x, y, Diff(la[dels[x]], lb[inss[y]])})
			px, py = x+1, y+1
		}
		gap(len(dels), len(inss))
	}

	var out []Line
	x, y := 0, 0
	emitUntil := func(px, py int) {
		for ; x < px; x++ {
			out = append(out, Line{Kind: Removed, Old: dels[x] + 1, Ops: oneOp(Delete, la[dels[x]])})
		}
		for ; y < py; y++ {
			out = append(out, Line{Kind: Added, New: inss[y] + 1, Ops: oneOp(Insert, lb[inss[y]])})
		}
	}
	for _, p := range pairs {
		emitUntil(p.i, p.j)
		out = append(out, Line{Kind: Changed, Old: dels[x] + 1, New: inss[y] + 1, Ops: p.ops})
		x++
		y++
	}
	emitUntil(len(dels), len(inss))
	return out
}

// movedLines tells which removed and added lines of a block must not be
// paired as one line changed: those of which one has its very text
// (its clause number aside) elsewhere in the block on the other side, as
// it moved there. Two clauses swapped ("1、A" "2、B" → "1、B" "2、A")
// were shown as each clause rewritten into the other, "（95——100）分，
// 按105%" → "（90——94）分，按100%": the top tier cut, to a reader.
func movedLines(la, lb []string, dels, inss []int) func(x, y int) bool {
	// Each line's body once: the DP asks of every pair of lines.
	oldBody, newBody := make([]string, len(dels)), make([]string, len(inss))
	oldAt, newAt := map[string]int{}, map[string]int{}
	for x, d := range dels {
		oldBody[x] = lineBody(la[d])
		oldAt[oldBody[x]] = x + 1
	}
	for y, i := range inss {
		newBody[y] = lineBody(lb[i])
		newAt[newBody[y]] = y + 1
	}
	return func(x, y int) bool {
		a, b := oldBody[x], newBody[y]
		if a == b || a == "" || b == "" {
			return false
		}
		if at := newAt[a]; at != 0 && at != y+1 {
			return true
		}
		at := oldAt[b]
		return at != 0 && at != x+1
	}
}

// lineBody is a line's text without its indentation and the number of
// its clause ("　3、" "2.1、" "(3)"), which a clause moved takes anew.
func lineBody(s string) string {
	s = strings.TrimLeft(s, " \t\u3000")
	t := strings.TrimLeft(s, "0123456789.")
	if t != s {
		for _, sep := range []string{"、", ".", "．", ")", "）"} {
			if strings.HasPrefix(t, sep) {
				return t[len(sep):]
			}
		}
	}
	return s
}

func oneOp(k Kind, s string) []Op {
	if s == "" {
		return nil
	}
	return []Op{{k, s}}
}

// pairScore is how well an old and a new line pair as one changed line:
// their similarity, and at least minSimilarity when one line is the
// other with text only added or only cut at one end ("A" → "A、大客户总监"),
// which reads best as that line changed however short the part kept.
func pairScore(ops []Op) float64 {
	s := similarity(ops)
	if s < minSimilarity && len(ops) == 2 && (ops[0].Kind == Equal) != (ops[1].Kind == Equal) {
		s = minSimilarity
	}
	return s
}

// Similarity is the share of characters two texts have in common, from 0
// (nothing) to 1 (the same text).
func Similarity(a, b string) float64 { return similarity(Diff(a, b)) }

// similarity is the share of characters the two sides have in common.
func similarity(ops []Op) float64 {
	var eq, total int
	for _, op := range ops {
		n := utf8.RuneCountInString(op.Text)
		if op.Kind == Equal {
			eq += 2 * n
			total += 2 * n
		} else {
			total += n
		}
	}
	if total == 0 {
		return 1
	}
	return float64(eq) / float64(total)
}

// collapse groups lines into hunks, keeping context unchanged lines
// around each change.
func collapse(lines []Line, context int) Comparison {
	// A line is kept when a change is at most context lines before or
	// after it: one pass each way, so the cost is the number of lines
	// whatever context is. Marking each change's window in turn cost
	// changes × window, every line for each change with context < 0 (the
	// moved-IDs step's whole comparison): quadratic in a chapter grown
	// by many clauses.
	keep := make([]bool, len(lines))
	last := -1 // the last changed line seen
	for i, l := range lines {
		if l.Kind != Same {
			last = i
		}
		keep[i] = last >= 0 && (context < 0 || i-last <= context)
	}
	var c Comparison
	if last < 0 {
		c.Trailing = len(lines)
		return c
	}
	next := -1 // the next changed line after i
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].Kind != Same {
			next = i
		}
		if next >= 0 && (context < 0 || next-i <= context) {
			keep[i] = true
		}
	}
	// A single line is shown, not folded: its marker would take the
	// same room.
	for i := range keep {
		if !keep[i] && (i == 0 || keep[i-1]) && (i == len(keep)-1 || keep[i+1]) {
			keep[i] = true
		}
	}
	skipped := 0
	var cur *Hunk
	for i, l := range lines {
		if !keep[i] {
			skipped++
			cur = nil
			continue
		}
		if cur == nil {
			c.Hunks = append(c.Hunks, Hunk{Skipped: skipped})
			cur = &c.Hunks[len(c.Hunks)-1]
			skipped = 0
		}
		cur.Lines = append(cur.Lines, l)
	}
	c.Trailing = skipped
	return c
}
