package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// clauses returns n short numbered clauses, one a line, as a generated
// chapter has them ("12. 销售人员应当按时提交客户资料。").
func clauses(r *rand.Rand, from, n int) []string {
	words := []string{"销售人员", "应当", "按时", "提交", "客户", "资料", "并", "遵守", "公司", "保密", "规定", "不得", "泄露", "信息", "，"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		fmt.Fprintf(&b, "%d. ", from+i)
		for range 3 + r.IntN(5) {
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteString("。")
		out[i] = b.String()
	}
	return out
}

// chapterPairs are the shapes of a large chapter's change: clauses
// appended to a short chapter (a generated chapter put in), and one in
// a hundred clauses of a long chapter edited by a character.
func chapterPairs(n int) map[string][2]string {
	r := rand.New(rand.NewPCG(11, uint64(n)))
	head := "# 第七章 保密制度\n\n## 一、总则\n\n" + strings.Join(clauses(r, 1, 40), "\n") + "\n\n## 九、附加条款\n\n"
	added := head + strings.Join(clauses(r, 1, n), "\n") + "\n"
	long := clauses(r, 1, n)
	edited := append([]string(nil), long...)
	for i := 50; i < len(edited); i += 100 {
		edited[i] = strings.Replace(edited[i], "。", "，并书面报告。", 1)
	}
	return map[string][2]string{
		"appended": {head, added},
		"edited":   {strings.Join(long, "\n") + "\n", strings.Join(edited, "\n") + "\n"},
	}
}

// BenchmarkCompareLargeChapter times what the changelog does with a
// chapter of n clauses: Compare with context (the diff shown), Compare
// of every line (context -1, as the moved-IDs step asks) and
// Similarity of the whole texts. Doubling n should double the time.
func BenchmarkCompareLargeChapter(b *testing.B) {
	for _, n := range []int{10_000, 20_000, 40_000} {
		for _, shape := range []string{"appended", "edited"} {
			pair := chapterPairs(n)[shape]
			old, new := pair[0], pair[1]
			b.Run(fmt.Sprintf("%s/clauses=%d/context", shape, n), func(b *testing.B) {
				b.SetBytes(int64(len(old) + len(new)))
				for b.Loop() {
					Compare(old, new, DefaultContext)
				}
			})
			b.Run(fmt.Sprintf("%s/clauses=%d/whole", shape, n), func(b *testing.B) {
				b.SetBytes(int64(len(old) + len(new)))
				for b.Loop() {
					Compare(old, new, -1)
				}
			})
			b.Run(fmt.Sprintf("%s/clauses=%d/similarity", shape, n), func(b *testing.B) {
				b.SetBytes(int64(len(old) + len(new)))
				for b.Loop() {
					Similarity(old, new)
				}
			})
		}
	}
}

// TestCollapseKeepsLinesNearChanges: collapse keeps exactly the lines
// at most context lines from a change (every line for context < 0, once
// anything changed), and a single line between two kept runs; checked
// against marking each change's window in turn, as it used to.
func TestCollapseKeepsLinesNearChanges(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		lines := make([]Line, r.IntN(40))
		for i := range lines {
			if r.IntN(6) == 0 {
				lines[i].Kind = LineKind(1 + r.IntN(3))
			}
			lines[i].Old = i + 1
		}
		context := r.IntN(7) - 1
		want := naiveKept(lines, context)
		var got []int
		c := collapse(lines, context)
		at := 0
		for _, h := range c.Hunks {
			at += h.Skipped
			for range h.Lines {
				got = append(got, at)
				at++
			}
		}
		if at+c.Trailing != len(lines) || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("trial %d, context %d: kept %v (trailing %d of %d), want %v", trial, context, got, c.Trailing, len(lines), want)
		}
	}
}

func naiveKept(lines []Line, context int) []int {
	keep := make([]bool, len(lines))
	for i, l := range lines {
		if l.Kind == Same {
			continue
		}
		lo, hi := i-context, i+context
		if context < 0 {
			lo, hi = 0, len(lines)-1
		}
		for k := max(lo, 0); k <= min(hi, len(lines)-1); k++ {
			keep[k] = true
		}
	}
	any := false
	for _, k := range keep {
		any = any || k
	}
	var out []int
	for i := range keep {
		if any && !keep[i] && (i == 0 || keep[i-1]) && (i == len(keep)-1 || keep[i+1]) {
			keep[i] = true
		}
		if keep[i] {
			out = append(out, i)
		}
	}
	return out
}
