package diff

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// checkScript verifies the invariants every edit script keeps.
func checkScript(t testing.TB, a, b string, ops []Op) {
	t.Helper()
	if got := Old(ops); got != a {
		t.Fatalf("Equal+Delete = %q, want %q (ops %v)", got, a, ops)
	}
	if got := New(ops); got != b {
		t.Fatalf("Equal+Insert = %q, want %q (ops %v)", got, b, ops)
	}
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d is empty: %v", i, ops)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d have the same kind: %v", i-1, i, ops)
		}
		if i > 0 && ops[i-1].Kind == Insert && op.Kind == Delete {
			t.Fatalf("insertion before deletion at %d: %v", i, ops)
		}
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       string // InlineText of the result
	}{
		{"a stray backtick is one deleted character", "争议的`裁决权", "争议的裁决权", "争议的[-`-]裁决权"},
		{"a doubled colon loses one colon", "7、举例::本期", "7、举例:本期", "7、举例:[-:-]本期"},
		{"an amount is replaced as a whole number", "=2000*80℅)", "=1500*80%)", "=[-2000-]{+1500+}*80[-℅-]{+%+})"},
		{"an inserted title keeps the heading and its ID", "## A {#职务a}", "## A、大客户总监 {#职务a}", "## A{+、大客户总监+} {#职务a}"},
		{"every percent sign is fixed on its own", "88℅与5℅", "88%与5%", "88[-℅-]{+%+}与5[-℅-]{+%+}"},
		{"identical text is one equality", "不变", "不变", "不变"},
		{"empty to text is one insertion", "", "新", "{+新+}"},
		{"text to empty is one deletion", "旧", "", "[-旧-]"},
		{"both empty is no ops", "", "", ""},
		{"coincidental shared characters do not fragment a rewrite", "参加公司例会和有关会议", "每周向总监汇报客户拜访", "[-参加公司例会和有关会议-]{+每周向总监汇报客户拜访+}"},
		{"a swapped pair folds into one change", "甲乙", "乙甲", "[-甲乙-]{+乙甲+}"},
		{"an ASCII word is replaced whole", "use foo now", "use fob now", "use [-foo-]{+fob+} now"},
		{"invalid UTF-8 is still reproduced exactly", "a\xffb", "a\xfeb", "a[-\xff-]{+\xfe+}b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := Diff(tt.a, tt.b)
			checkScript(t, tt.a, tt.b, ops)
			if got := InlineText(ops); got != tt.want {
				t.Errorf("Diff(%q, %q)\n got %s\nwant %s", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestCleanupSemantic(t *testing.T) {
	tests := []struct {
		name string
		in   []Op
		want string
	}{
		{"a short equality between two bigger changes is folded",
			[]Op{{Delete, "ab"}, {Insert, "xy"}, {Equal, "c"}, {Delete, "de"}, {Insert, "zw"}},
			"[-abcde-]{+xyczw+}"},
		{"a long equality is kept",
			[]Op{{Delete, "a"}, {Equal, "长的相同文字"}, {Insert, "b"}},
			"[-a-]长的相同文字{+b+}"},
		{"folding cascades to the left",
			[]Op{{Delete, "aaaa"}, {Equal, "xx"}, {Delete, "b"}, {Equal, "y"}, {Insert, "cccc"}},
			"[-aaaaxxby-]{+xxycccc+}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := normalize(cleanupSemantic(toChunks(tt.in)))
			checkScript(t, Old(tt.in), New(tt.in), got)
			if s := InlineText(got); s != tt.want {
				t.Errorf("got %s, want %s", s, tt.want)
			}
		})
	}
}

func TestMyersIsMinimal(t *testing.T) {
	// On small random inputs the unbudgeted edit script has the length
	// of the true edit distance (insertions + deletions only).
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{"甲乙", "甲乙丙", "甲乙丙丁戊己"}
	for n := 0; n < 3000; n++ {
		abc := alphabets[n%len(alphabets)]
		a := randString(r, r.IntN(40), abc)
		b := randString(r, r.IntN(1+r.IntN(60)), abc)
		m := myers[rune]{budget: 1 << 30}
		m.run([]rune(a), []rune(b))
		var d int
		for _, e := range m.edits {
			if e.kind != Equal {
				d += e.n
			}
		}
		if want := editDistance([]rune(a), []rune(b)); d != want {
			t.Fatalf("%q→%q: %d edits, want %d", a, b, d, want)
		}
		checkScript(t, a, b, Diff(a, b))
	}
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1]
			} else {
				cur[j] = 1 + min(prev[j], cur[j-1])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func randString(r *rand.Rand, n int, alphabet string) string {
	rs := []rune(alphabet)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[r.IntN(len(rs))])
	}
	return b.String()
}

// bigPair returns a ~size-byte Chinese document and a copy with a few
// one-character corrections spread through it.
func bigPair(size, edits int) (string, string) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"绩效", "工资", "考核", "得分", "部门", "业绩", "目标", "完成", "大客户", "内勤", "发放", "比例", "，", "。", "\n"}
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(words[r.IntN(len(words))])
	}
	a := []rune(b.String())
	nb := append([]rune(nil), a...)
	for i := range edits {
		nb[(i+1)*len(nb)/(edits+1)] = '℅'
	}
	return string(a), string(nb)
}

func TestDiffLargeFewChanges(t *testing.T) {
	a, b := bigPair(10<<20, 10)
	ops := Diff(a, b)
	checkScript(t, a, b, ops)
	var changed int
	for _, op := range ops {
		if op.Kind != Equal {
			changed += utf8.RuneCountInString(op.Text)
		}
	}
	// Ten replaced characters: at most a few characters each side.
	if changed > 40 {
		t.Errorf("10 one-character edits produced %d changed characters", changed)
	}
}

func TestDiffPathologicalIsBounded(t *testing.T) {
	// Two large texts with nothing in common: the budget stops the
	// search and the result is a whole replacement, still exact.
	r := rand.New(rand.NewPCG(5, 6))
	a := randString(r, 200_000, "甲乙丙丁戊己庚辛壬癸\n")
	b := randString(r, 200_000, "子丑寅卯辰巳午未申酉戌亥\n")
	checkScript(t, a, b, Diff(a, b))
	// Similar alphabets (many coincidental matches) are the costly case.
	c := randString(r, 200_000, "甲乙丙丁\n")
	d := randString(r, 200_000, "甲乙丙丁\n")
	checkScript(t, c, d, Diff(c, d))
}

func BenchmarkDiff10MBFewChanges(b *testing.B) {
	x, y := bigPair(10<<20, 10)
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Diff(x, y)
	}
}

func BenchmarkDiffUnrelated1MB(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	x := randString(r, 350_000, "甲乙丙丁\n")
	y := randString(r, 350_000, "甲乙丙丁\n")
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Diff(x, y)
	}
}

func BenchmarkCompareChapter(b *testing.B) {
	data, err := os.ReadFile("testdata/errata-chapter6.txt")
	if err != nil {
		b.Fatal(err)
	}
	old, new := parseCase(b, string(data))
	for b.Loop() {
		Compare(old, new, DefaultContext)
	}
}

func FuzzDiff(f *testing.F) {
	f.Add("争议的`裁决权", "争议的裁决权")
	f.Add("=2000*80℅)", "=1500*80%)")
	f.Add("## A {#职务a}", "## A、大客户总监 {#职务a}")
	f.Add("", "x")
	f.Add("a\nb\nc\n", "a\nc\nb\n")
	f.Add("abc 123 def", "abd 124 xef")
	f.Add("\xff\xfe", "\xfe")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkScript(t, a, b, Diff(a, b))
		// Every line of both documents appears, in order, when nothing
		// is collapsed.
		c := Compare(a, b, -1)
		var oldLines, newLines []string
		for _, h := range c.Hunks {
			for _, l := range h.Lines {
				if l.Kind != Added {
					oldLines = append(oldLines, Old(l.Ops))
				}
				if l.Kind != Removed {
					newLines = append(newLines, New(l.Ops))
				}
			}
		}
		if c.Changed() {
			if got, want := strings.Join(oldLines, "\n"), strings.Join(splitLines(a), "\n"); got != want {
				t.Fatalf("old lines %q, want %q", got, want)
			}
			if got, want := strings.Join(newLines, "\n"), strings.Join(splitLines(b), "\n"); got != want {
				t.Fatalf("new lines %q, want %q", got, want)
			}
		}
	})
}

// parseCase reads a case file: "-- old --" and "-- new --" sections
// (the txtar shape, without the dependency).
func parseCase(t testing.TB, s string) (old, new string) {
	t.Helper()
	const o, n = "-- old --\n", "-- new --\n"
	i, j := strings.Index(s, o), strings.Index(s, n)
	if i != 0 || j < 0 {
		t.Fatalf("case file must start with %q and contain %q", o, n)
	}
	return s[len(o):j], s[j+len(n):]
}

func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in testdata/: %v", err)
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			old, new := parseCase(t, string(data))
			ops := Diff(old, new)
			checkScript(t, old, new, ops)
			c := Compare(old, new, 2)
			got := "## Diff\n" + InlineText(ops) + "\n## Compare (2 lines of context)\n" + RenderText(c) + "## HTML\n" + RenderHTML(c)
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (review, then go test -update):\n%s", golden, got)
			}
		})
	}
}

func TestRenderHTMLEscapes(t *testing.T) {
	c := Compare("<b>旧</b> & \"x\"\n", "<script>新</script> & \"x\"\n", 3)
	h := RenderHTML(c)
	if strings.Contains(h, "<script>") || strings.Contains(h, "<b>") {
		t.Errorf("markup leaked into HTML:\n%s", h)
	}
	if !strings.Contains(h, "&lt;") || !strings.Contains(h, "<ins>") || !strings.Contains(h, "<del>") {
		t.Errorf("want escaped text with <ins>/<del>:\n%s", h)
	}
}

func TestCompareCollapsesUnchangedLines(t *testing.T) {
	var a, b strings.Builder
	for i := range 40 {
		line := "第" + string(rune('一'+i)) + "条。\n"
		a.WriteString(line)
		if i == 5 || i == 30 {
			line = strings.Replace(line, "。", "；", 1)
		}
		b.WriteString(line)
	}
	c := Compare(a.String(), b.String(), 3)
	if len(c.Hunks) != 2 {
		t.Fatalf("want 2 hunks, got %d:\n%s", len(c.Hunks), RenderText(c))
	}
	if c.Hunks[0].Skipped != 2 || c.Hunks[1].Skipped != 18 || c.Trailing != 6 {
		t.Errorf("skipped %d, %d, trailing %d; want 2, 18, 6:\n%s", c.Hunks[0].Skipped, c.Hunks[1].Skipped, c.Trailing, RenderText(c))
	}
	if ins, del := c.Stats(); ins != 2 || del != 2 {
		t.Errorf("stats +%d -%d, want +2 -2", ins, del)
	}
	if !strings.Contains(RenderText(c), "… 18 行未改动 …") {
		t.Errorf("collapsed marker missing:\n%s", RenderText(c))
	}
}

func BenchmarkDiff10MBOneLine(b *testing.B) {
	x, y := bigPair(10<<20, 10)
	x, y = strings.ReplaceAll(x, "\n", ""), strings.ReplaceAll(y, "\n", "")
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Diff(x, y)
	}
}

// A file saved on Windows (CRLF line ends, a byte-order mark) has the
// same text: Compare shows no change, where it showed every line as
// changed by an invisible insertion ("+N 字" and nothing to see), and a
// real edit in it shows as just that edit.
func TestCompareIgnoresLineEndsAndBOM(t *testing.T) {
	old := "第一条 总则。\n第二条 适用范围。\n第三条 附则。\n"
	windows := "\ufeff" + strings.ReplaceAll(old, "\n", "\r\n")
	if c := Compare(old, windows, 3); c.Changed() {
		t.Errorf("CRLF and BOM alone show as a change:\n%q", RenderText(c))
	}
	if c := Compare(windows, old, 3); c.Changed() {
		t.Errorf("dropping CRLF and BOM shows as a change:\n%q", RenderText(c))
	}
	edited := strings.Replace(windows, "适用范围", "适用对象", 1)
	c := Compare(old, edited, 3)
	if got, want := RenderText(c), "    1    1 | 第一条 总则。\n~   2    2 | 第二条 适用[-范围-]{+对象+}。\n    3    3 | 第三条 附则。\n"; got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if ins, del := c.Stats(); ins != 2 || del != 2 {
		t.Errorf("stats +%d -%d, want +2 -2", ins, del)
	}
}

// A line completed in place (the errata's job title "A" → "A、大客户总监"
// as readers see it, or a sentence appended to a clause) shows as that
// line with the insertion, not as the line removed and a new one added,
// however little of the new line the old one is.
func TestCompareShowsALineCompletedInPlace(t *testing.T) {
	old := "第三章 职务说明书\nA\n直接上级：市场总监\n"
	new := "第三章 职务说明书\nA、大客户总监\n直接上级：市场总监\n"
	if got, want := RenderText(Compare(old, new, 3)), "    1    1 | 第三章 职务说明书\n~   2    2 | A{+、大客户总监+}\n    3    3 | 直接上级：市场总监\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The same at a line's start, and a line cut back to its start.
	if got, want := RenderText(Compare("x\n条。\n", "x\n第一条。\n", 3)), "    1    1 | x\n~   2    2 | {+第一+}条。\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got, want := RenderText(Compare("x\n保密协议及附件一至附件五\n", "x\n保密\n", 3)), "    1    1 | x\n~   2    2 | 保密[-协议及附件一至附件五-]\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Lines with nothing kept in common stay a removal and an addition.
	if got, want := RenderText(Compare("x\n甲\n", "x\n乙丙丁\n", 3)), "    1    1 | x\n-   2      | [-甲-]\n+        2 | {+乙丙丁+}\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// One unchanged line between or around kept lines is shown, not folded
// into a "… 1 行未改动 …" marker that takes the same room as the line.
func TestCompareNeverFoldsASingleLine(t *testing.T) {
	var a, b strings.Builder
	for i := range 9 {
		line := "第" + string(rune('一'+i)) + "条。\n"
		a.WriteString(line)
		if i == 4 { // 4 lines before it, 4 after: one beyond each side's context of 3
			line = strings.Replace(line, "。", "；", 1)
		}
		b.WriteString(line)
	}
	c := Compare(a.String(), b.String(), 3)
	if got := RenderText(c); strings.Contains(got, "行未改动") || len(c.Hunks) != 1 || len(c.Hunks[0].Lines) != 9 {
		t.Errorf("a single line is folded:\n%s", got)
	}
	// Two lines are folded.
	c = Compare("一\n二\n"+a.String(), "一\n二\n"+b.String(), 3)
	if got := RenderText(c); !strings.HasPrefix(got, "… 3 行未改动 …\n") {
		t.Errorf("want 3 lines folded first:\n%s", got)
	}
}

// A clause added or removed whole is marked from its first character:
// the ideographic spaces it is indented with are layout, neither struck
// through nor counted as characters changed.
func TestAWholeLineIsMarkedWithoutItsIndentation(t *testing.T) {
	old := "　2、在职培训\n　　　1、定期开展部门内的交流会\n　　　2、公司、市场部例会\n"
	new := "　2、在职培训\n　　　1、定期开展部门内的交流会\n\t提交书面报告\n"
	c := Compare(old, new, 3)
	h := RenderHTML(c)
	for _, want := range []string{
		`<div class="diff-line diff-removed" data-old="3">　　　<del>2、公司、市场部例会</del></div>`,
		`<div class="diff-line diff-added" data-new="3">	<ins>提交书面报告</ins></div>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("want %s in\n%s", want, h)
		}
	}
	if got := RenderText(c); !strings.Contains(got, "| 　　　[-2、公司、市场部例会-]") {
		t.Errorf("text rendering:\n%s", got)
	}
	if ins, del := c.Stats(); ins != 6 || del != 10 {
		t.Errorf("Stats = +%d −%d, want +6 −10 (the text, not its indentation)", ins, del)
	}
	// A line that is only indentation is all change.
	c = Compare("a\n", "a\n　\n", 3)
	if ins, _ := c.Stats(); ins != 1 || !strings.Contains(RenderHTML(c), "<ins>　</ins>") {
		t.Errorf("a blank added line: +%d\n%s", ins, RenderHTML(c))
	}
}

// Two clauses swapped are one moved, not each rewritten into the other:
// paired by position, "（95——100）分，按105%" became "（90——94）分，按100%",
// which read as the top tier cut.
func TestCompareDoesNotPairSwappedClauses(t *testing.T) {
	old := "奖惩办法\n　1、得分在（95——100）分，按105%发放。\n　2、得分在（90——94）分，按100%发放。\n"
	new := "奖惩办法\n　1、得分在（90——94）分，按100%发放。\n　2、得分在（95——100）分，按105%发放。\n"
	got := RenderText(Compare(old, new, -1))
	if strings.Contains(got, "105]") || strings.Contains(got, "{+100") || strings.Contains(got, "[-105") {
		t.Errorf("a swapped clause shown rewritten:\n%s", got)
	}
	var kinds []LineKind
	for _, h := range Compare(old, new, -1).Hunks {
		for _, l := range h.Lines {
			if l.Kind != Same {
				kinds = append(kinds, l.Kind)
			}
		}
	}
	// One clause kept (renumbered), the other removed and added.
	if len(kinds) != 3 {
		t.Errorf("lines %v:\n%s", kinds, got)
	}
}

// Figures changed in a worked example are each shown replaced, with the
// unit and sign between them kept: "132元=2772" was struck out whole for
// "154元=3234", as if 元= had changed too.
func TestCompareShowsEachFigureChanged(t *testing.T) {
	old := "本月应发全部奖金为：2640元+132元=2772元\n"
	new := "本月应发全部奖金为：3080元+154元=3234元\n"
	got := RenderText(Compare(old, new, -1))
	if want := "[-2640-]{+3080+}元+[-132-]{+154+}元=[-2772-]{+3234+}元"; !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant %s", got, want)
	}
}
