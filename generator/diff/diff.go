// Package diff compares policy text at Chinese-character granularity.
//
// Diff works on runes, so correcting one character shows as one character
// rather than a rewritten paragraph, and then tidies the result for
// people: tiny coincidental equalities inside a rewritten span are folded
// into the change, and a change never splits an ASCII number or word
// ("2000" → "1500" reads as one figure replaced, not "2" → "15").
//
// Compare is the layer a changelog uses: it matches Markdown documents
// line by line, diffs the characters of each changed line against its
// counterpart, and groups the changes into hunks with unchanged lines
// collapsed. RenderHTML and RenderText turn hunks into <ins>/<del> markup
// or into plain text for golden tests.
//
// The package is pure: strings in, values out.
package diff

import (
	"strings"
	"unicode/utf8"
)

// Kind says what an Op does to the old text.
type Kind int

const (
	// Equal text is in both versions.
	Equal Kind = iota
	// Insert text is only in the new version.
	Insert
	// Delete text is only in the old version.
	Delete
)

func (k Kind) String() string {
	switch k {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "equal"
}

// Op is one step of an edit script. Within a changed span the deletion
// always comes before the insertion.
type Op struct {
	Kind Kind
	Text string
}

// Tuning. The budget is in units of "element compared or diagonal
// visited" (see myers.go); it grows with the input so that a large pair
// with few changes is always solved exactly, while a pair with nothing in
// common gives up after linear work.
const (
	baseBudget = 4_000_000
	// lineModeRunes is the size above which Diff first matches lines and
	// then diffs characters only inside the lines that changed.
	lineModeRunes = 4096
)

// Diff returns an edit script turning a into b: the Equal and Delete texts
// concatenate to a, the Equal and Insert texts to b. Adjacent ops never
// have the same kind, and no op is empty.
func Diff(a, b string) []Op {
	if a == b {
		if a == "" {
			return nil
		}
		return []Op{{Equal, a}}
	}
	ra, rb := []rune(a), []rune(b)
	if !utf8.ValidString(a) || !utf8.ValidString(b) {
		// []rune maps invalid bytes to U+FFFD, which would not
		// reproduce the input; fall back to bytes for those strings.
		return diffBytes(a, b)
	}
	budget := baseBudget + 8*(len(ra)+len(rb))
	p := commonPrefix(ra, rb)
	s := commonSuffix(ra[p:], rb[p:])
	ma, mb := ra[p:len(ra)-s], rb[p:len(rb)-s]

	var ops []Op
	if p > 0 {
		ops = append(ops, Op{Equal, string(ra[:p])})
	}
	if len(ma) > lineModeRunes && len(mb) > lineModeRunes {
		ops = append(ops, lineMode(string(ma), string(mb), &budget)...)
	} else {
		ops = append(ops, runeDiff(ma, mb, &budget)...)
	}
	if s > 0 {
		ops = append(ops, Op{Equal, string(ra[len(ra)-s:])})
	}
	return tidy(ops)
}

// runeDiff is Myers on runes.
func runeDiff(a, b []rune, budget *int) []Op {
	m := myers[rune]{budget: *budget}
	m.run(a, b)
	*budget = m.budget
	ops := make([]Op, 0, len(m.edits))
	var i, j int
	for _, e := range m.edits {
		switch e.kind {
		case Equal:
			ops = append(ops, Op{Equal, string(a[i : i+e.n])})
			i += e.n
			j += e.n
		case Delete:
			ops = append(ops, Op{Delete, string(a[i : i+e.n])})
			i += e.n
		case Insert:
			ops = append(ops, Op{Insert, string(b[j : j+e.n])})
			j += e.n
		}
	}
	return ops
}

// diffBytes handles strings that are not valid UTF-8 (which content
// checks reject, but Diff must still be exact for any input).
func diffBytes(a, b string) []Op {
	budget := baseBudget + 8*(len(a)+len(b))
	m := myers[byte]{budget: budget}
	m.run([]byte(a), []byte(b))
	var ops []Op
	var i, j int
	for _, e := range m.edits {
		switch e.kind {
		case Equal:
			ops = append(ops, Op{Equal, a[i : i+e.n]})
			i += e.n
			j += e.n
		case Delete:
			ops = append(ops, Op{Delete, a[i : i+e.n]})
			i += e.n
		case Insert:
			ops = append(ops, Op{Insert, b[j : j+e.n]})
			j += e.n
		}
	}
	return normalize(toChunks(ops))
}

// lineMode diffs large texts by lines first (cheap: one comparison per
// line), folds coincidental equal lines into the surrounding changes,
// and then diffs characters inside each changed block. A block too
// costly to diff by characters stays a whole-line replacement.
func lineMode(a, b string, budget *int) []Op {
	la, lb := splitKeep(a), splitKeep(b)
	ia, ib := internLines(la, lb)
	m := myers[int]{budget: *budget}
	m.run(ia, ib)
	*budget = m.budget
	var ops []Op
	var i, j int
	for _, e := range m.edits {
		switch e.kind {
		case Equal:
			ops = append(ops, Op{Equal, strings.Join(la[i:i+e.n], "")})
			i += e.n
			j += e.n
		case Delete:
			ops = append(ops, Op{Delete, strings.Join(la[i:i+e.n], "")})
			i += e.n
		case Insert:
			ops = append(ops, Op{Insert, strings.Join(lb[j:j+e.n], "")})
			j += e.n
		}
	}
	chunks := cleanupSemantic(toChunks(ops))
	var out []Op
	for _, c := range chunks {
		switch {
		case c.eq:
			out = append(out, Op{Equal, c.text})
		case c.del == "" || c.ins == "":
			out = append(out, Op{Delete, c.del}, Op{Insert, c.ins})
		default:
			out = append(out, runeDiff([]rune(c.del), []rune(c.ins), budget)...)
		}
	}
	return out
}

// internLines numbers the lines of both texts so that equal lines get
// equal numbers, turning a line diff into a diff of ints.
func internLines(la, lb []string) (ia, ib []int) {
	ids := map[string]int{}
	ia, ib = make([]int, len(la)), make([]int, len(lb))
	for i, l := range la {
		ia[i] = intern(ids, l)
	}
	for i, l := range lb {
		ib[i] = intern(ids, l)
	}
	return ia, ib
}

func intern(ids map[string]int, s string) int {
	id, ok := ids[s]
	if !ok {
		id = len(ids)
		ids[s] = id
	}
	return id
}

// splitKeep splits s after each newline, keeping the newlines, so the
// pieces concatenate back to s.
func splitKeep(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// Old returns the old text of an edit script (Equal and Delete ops).
func Old(ops []Op) string { return side(ops, Delete) }

// New returns the new text of an edit script (Equal and Insert ops).
func New(ops []Op) string { return side(ops, Insert) }

func side(ops []Op, k Kind) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Kind == Equal || op.Kind == k {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}
