package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
	"handbook/generator/diag"
	"handbook/generator/output"
	"handbook/generator/revision"
	"handbook/theme"
)

// A worked example's rate is checked against the rate its amount is
// multiplied by: with the 超额完成 bonus changed to 6 %, the text's
// 2640×5% was said to be wrong because "the rules give 88% for this
// score" — the tier's rate, which 2640 is never multiplied by — in the
// terminal and in the editor's note readers see.
func TestAWorkedExamplesRateIsTheOneItsAmountTakes(t *testing.T) {
	src, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	sales := map[string]string{"role": "sales", "score": "88", "base": "3000", "dept": "exceeded"}
	const text = "7、举例::本期考核得分88分,当月绩效工资为3000元,绩效奖发放:3000*88℅=2640元;部门业绩目标超额完成,额外奖金:2640*5℅=132元;本月应发全部奖金为:2640元+132元=2772元"
	for _, tc := range []struct {
		name, from, to, text string
		want, zh             string // "" for no problem with the rate
	}{
		{"the bonus changed", `adjust = "+5%"`, `adjust = "+6%"`, text,
			"the text applies 5%, but the rules give 6% for 部门业绩目标超额完成", "算式中的比例 5% 与规则不符，部门业绩目标超额完成应按 6%"},
		{"the text's tier rate wrong", "", "", strings.Replace(text, "3000*88℅", "3000*89℅", 1),
			"the text applies 89%, but the rules give 88% for a score of 88", "算式中的比例 89% 与规则不符，得分 88 分应按 88%"},
		{"the text's bonus rate wrong", "", "", strings.Replace(text, "2640*5℅", "2640*6℅", 1),
			"the text applies 6%, but the rules give 5% for 部门业绩目标超额完成", "部门业绩目标超额完成应按 5%"},
		{"the rates swapped", "", "", strings.Replace(strings.Replace(text, "3000*88℅", "3000*5℅", 1), "2640*5℅", "2640*88℅", 1),
			"the text applies 5%, but the rules give 88% for a score of 88", ""},
		{"the worked example as written", "", "", text, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := rulesfile.Parse("content/rules.toml", []byte(strings.Replace(string(src), tc.from, tc.to, 1)))
			if err != nil {
				t.Fatal(err)
			}
			var rate []exampleProblem
			for _, p := range checkExample(r, sales, tc.text) {
				if strings.Contains(p.msg, "applies") {
					rate = append(rate, p)
				}
			}
			switch {
			case tc.want == "" && len(rate) > 0:
				t.Errorf("rate problems %+v", rate)
			case tc.want != "" && (len(rate) == 0 || !strings.Contains(rate[0].msg, tc.want) || !strings.Contains(rate[0].zh, tc.zh)):
				t.Errorf("want %q (%q), got %+v", tc.want, tc.zh, rate)
			}
		})
	}
}

// The rules table's 部门业绩目标 rows are every role's: one row per result
// while the roles adjust alike, as the text has it, else one per role and
// result. It showed the first role's alone, so an adjustment set apart
// for 大客户内勤 was shown (and printed) as the sales staff's.
func TestTheRulesTableShowsEachRolesAdjustment(t *testing.T) {
	src, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	rows := func(src string) string {
		t.Helper()
		r, err := rulesfile.Parse("content/rules.toml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, a := range adjustmentRows(r) {
			s = append(s, a.Name+" "+a.Effect)
		}
		return strings.Join(s, "; ")
	}
	if got, want := rows(string(src)), "超额完成 另发 5% 奖金; 完成 不增不减; 未完成 扣除 5%"; got != want {
		t.Errorf("alike: %s, want %s", got, want)
	}
	// Each row links its clause, each role's: the table had no 条款
	// column, as the tiers' tables have.
	if got, want := fmt.Sprint(adjustmentRows(handbookRules(t))[0].Links), "[{销售人员奖惩办法.5 第5条 销售人员} {内勤奖惩办法.5 第5条 大客户内勤}]"; got != want {
		t.Errorf("the links of 超额完成: %s, want %s", got, want)
	}
	apart := string(src)
	i := strings.Index(apart, `id = "assistant"`)
	apart = apart[:i] + strings.Replace(apart[i:], `adjust = "-5%"`, `adjust = "-3%"`, 1)
	if got, want := rows(apart), "销售人员：超额完成 另发 5% 奖金; 销售人员：完成 不增不减; 销售人员：未完成 扣除 5%; 大客户内勤：超额完成 另发 5% 奖金; 大客户内勤：完成 不增不减; 大客户内勤：未完成 扣除 3%"; got != want {
		t.Errorf("apart: %s\nwant %s", got, want)
	}
}

// A worked example the last revision checked and the working copy does
// not (its payout directive deleted) is warned of at its clause, with the
// directive to put back: a figure changed after it would be published
// unchecked. A working copy keeping the directive gets no such warning.
func TestAnExampleNoLongerCheckedWarns(t *testing.T) {
	build := afterPublishing(t, handbook)
	dropped := func(text string) []string {
		t.Helper()
		var got []string
		for _, w := range build(text) {
			if strings.Contains(w.Msg, "payout directive") {
				got = append(got, w.String())
			}
		}
		return got
	}
	if got := dropped(handbook); len(got) > 0 {
		t.Errorf("the directive kept: %q", got)
	}
	const directive = "<!-- payout role=sales score=88 base=3000 dept=exceeded -->"
	text := strings.Replace(handbook, directive, "", 1)
	if text == handbook {
		t.Fatal("the test's chapter has no directive")
	}
	pay := string(tree(text)["02-pay.md"].Data)
	line := strings.Count(pay[:strings.Index(pay, "举例:3000")], "\n") + 1 // where the item's text starts
	want := fmt.Sprintf("content/02-pay.md:%d:4: warning: clause #办法.6 has no payout directive, so its worked example is not checked; 1.0 checked it (%s)", line, directive)
	if got := dropped(text); len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("the directive deleted: got %q, want %q…", got, want)
	}
	// A clause put in above it: the example is clause 7 now, its
	// directive with it. It was told its directive was gone, and to put
	// it back, at clause 6, the clause put in.
	inserted := strings.Replace(handbook, "6. "+directive, "6. 考核结果于次月公布。\n7. "+directive, 1)
	if inserted == handbook {
		t.Fatal("the test's chapter has no clause 6 with a directive")
	}
	if got := dropped(inserted); len(got) > 0 {
		t.Errorf("a clause put in above the example: %q", got)
	}
}

// afterPublishing writes base as a handbook and publishes it as revision
// 1.0, in force from 2025-01-01; the function it returns writes text over
// it and builds it, the working copy too, on 2026-06-01, and returns the
// build's warnings.
func afterPublishing(t *testing.T, base string) func(text string) diag.List {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, base)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "第一版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	return func(text string) diag.List {
		t.Helper()
		writeTree(t, dir, text)
		res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-01"), Drafts: true})
		if err != nil {
			t.Fatal(err)
		}
		return res.Warnings
	}
}

// A clause rules.toml cites whose text in the working copy is not the
// latest revision's is warned of, at the citation: a clause put in above
// renumbers those below, and an editor's note (a reading) stays at the
// number, under the clause that took it. Unchanged citations are not.
func TestCitationsOfChangedClausesWarn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	reading := "\n[[readings]]\nid = \"low\"\nclause = \"办法.4\"\ntext = \"60 分以下的读法。\"\n"
	text := strings.Replace(handbook, "-- rules.toml --\n"+rulesTOML, "-- rules.toml --\n"+rulesTOML+reading, 1)
	if text == handbook {
		t.Fatal("the test's rules are not where the test puts a reading")
	}
	writeTree(t, dir, text)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "第一版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	// The working copy rewords clause 4 (the reading's) and nothing else.
	writeTree(t, dir, strings.Replace(text, "4. 60分以下不发放。", "4. 60分以下的,不予发放。", 1))
	mem := output.NewMemory()
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Today: date(t, "2026-06-01"), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "whose text is not") {
			got = append(got, w.String())
		}
	}
	// One warning for the clause, at its first citation (the tier's),
	// naming both rules that cite it.
	lines := strings.Split(rulesTOML+reading, "\n")
	line := slices.Index(lines, `clause = "办法.4"`) + 1 // the tier's
	want := []string{
		fmt.Sprintf("content/rules.toml:%d:10: warning: 销售人员's tier 0–59, the reading low cite #办法.4, whose text is not 1.0's: it read 「60分以下不发放。」, it reads 「60分以下的,不予发放。」", line),
	}
	if len(got) != len(want) {
		t.Fatalf("warnings %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %q, want it to begin %q", got[i], want[i])
		}
	}

	// A section cited (the criteria's 指标) whose item is reworded: the
	// warning shows the words that changed, the item's. It showed the
	// section's own text, which is none: it read 「」, it reads 「」.
	writeTree(t, dir, strings.Replace(text, "2. 能力(40分)", "2. 工作能力(40分)", 1))
	res, err = Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-01"), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "whose text is not") {
			got = append(got, w.Msg)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "cites #指标, whose text is not 1.0's: it read 「…业绩(60分) 能力(40分)」, it reads 「…业绩(60分) 工作能力(40分)」") {
		t.Errorf("a cited section's item reworded: %q", got)
	}
}

// A clause put in above one rules.toml cites, the citation left as it
// was: the warning says where the text it read is now. The citations
// renumbered to follow such a clause read what they read, and a clause
// changed with the rule that cites it (105% to 110% in both) is the
// change meant: neither is warned of (an admin got one warning per rule,
// 11, for one clause put in and every citation renumbered).
func TestCitationsSayWhereTheirTextWent(t *testing.T) {
	reading := "\n[[readings]]\nid = \"example\"\nclause = \"办法.6\"\ntext = \"举例的读法。\"\n"
	base := strings.Replace(handbook, "-- rules.toml --\n"+rulesTOML, "-- rules.toml --\n"+rulesTOML+reading, 1)
	build := afterPublishing(t, base)
	warnings := func(text string) []string {
		t.Helper()
		var got []string
		for _, w := range build(text) {
			if strings.Contains(w.Msg, "whose text is not") {
				got = append(got, w.Msg+" — "+w.Hint)
			}
		}
		return got
	}
	// A clause put in before the example, the reading's citation not
	// following it.
	put := strings.Replace(base, "6. <!-- payout", "6. 考核结果须经总监签字确认。\n7. <!-- payout", 1)
	if put == base {
		t.Fatal("the example is not where the test puts a clause")
	}
	got := warnings(put)
	want := "the reading example cites #办法.6, whose text is not 1.0's"
	moved := "; what it read is #办法.7 now — cite #办法.7 if that is the clause meant"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], moved) {
		t.Errorf("warnings %q, want one beginning %q and saying %q", got, want, moved)
	}
	// The citation renumbered to follow it, and a tier's rate changed in
	// its clause and its rule alike.
	text := strings.Replace(put, `clause = "办法.6"`, `clause = "办法.7"`, 1)
	text = strings.Replace(text, "1. 得分在(95——100)分,按105%发放。", "1. 得分在(95——100)分,按110%发放。", 1)
	text = strings.Replace(text, `payout = "105%"`, `payout = "110%"`, 1)
	if strings.Count(text, "110%") != 2 || !strings.Contains(text, `clause = "办法.7"`) {
		t.Fatal("the changes are not in the test's handbook")
	}
	if got := warnings(text); len(got) != 0 {
		t.Errorf("warnings %q, want none", got)
	}
}

// An editor's note written or reworded under a clause rules.toml cites is
// no change to what it cites: the note is the editor's, not the policy's
// words. The handbook's own working copy warned so of a note's wording.
func TestCitationsIgnoreEditorsNotes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "第一版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(handbook, "4. 60分以下不发放。\n", "4. 60分以下不发放。\n\n   > [!编者注]\n   > 59.5 分亦属60分以下。\n\n", 1)
	text = strings.Replace(text, "## 奖惩办法 {#办法}\n", "## 奖惩办法 {#办法}\n\n> [!编者注]\n> 各档得分区间的读法见计算器。\n", 1)
	if text == handbook {
		t.Fatal("the notes were not put in")
	}
	writeTree(t, dir, text)
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-01"), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "whose text is not") {
			t.Errorf("a note is taken for a change of the clause: %s", w)
		}
	}
}

// Where the rules round to 角 (or 元, or down), a worked example can be
// written as the calculator pays it: the product rounded as the rules say
// (3333*77.77%=2592.0元), or written exactly, or to the fen, and then
// rounded. Each form failed one check or another: the product's
// arithmetic wanted 2592.07, the amounts wanted 2592.00.
func TestAWorkedExampleRoundedAsTheRulesSay(t *testing.T) {
	src, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	rules := strings.Replace(strings.Replace(strings.Replace(string(src),
		`mode = "half-up"`, `mode = "down"`, 1), "unit_fen = 1 ", "unit_fen = 10", 1),
		"各自四舍五入保留到分（0.01 元）", "各自舍去零头保留到角（0.1 元）", 1)
	r, err := rulesfile.Parse("content/rules.toml", []byte(rules))
	if err != nil {
		t.Fatal(err)
	}
	if r.Rounding.Unit != 10 || r.Rounding.Phrase() != "舍去零头到角" {
		t.Fatalf("the test's rules round %+v", r.Rounding)
	}
	in := map[string]string{"role": "sales", "score": "77.77", "base": "3333", "dept": "exceeded"}
	const tail = ";部门业绩目标超额完成,额外奖金:2592*5%=129.6元;本月应发全部奖金为:2592元+129.6元=2721.6元"
	for _, c := range []struct{ text, want string }{
		{"本期考核得分77.77分,当月绩效工资为3333元,绩效奖发放:3333*77.77%=2592.0元" + tail, ""},
		{"本期考核得分77.77分,当月绩效工资为3333元,绩效奖发放:3333*77.77%=2592.0741元,舍去到角为2592.0元" + tail, ""},
		{"本期考核得分77.77分,当月绩效工资为3333元,绩效奖发放:3333*77.77%=2592.07元,舍去到角为2592.0元" + tail, ""},
		{"本期考核得分77.77分,当月绩效工资为3333元,绩效奖发放:3333*77.77%=2592.1元" + tail, "the text gives 2592.1 元, which is none of the calculator's figures"},
		{"本期考核得分77.77分,当月绩效工资为3333元,绩效奖发放:3300*77.77%=2566.4元" + tail, "(computed: 3333.00 × 77.77% = 2592.0741，舍去零头到角：2592.00 元)"},
	} {
		var got []string
		for _, p := range checkExample(r, in, c.text) {
			got = append(got, p.msg)
		}
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%s: want no problem, got %q", c.text, got)
		case c.want != "" && !strings.Contains(strings.Join(got, "\n"), c.want):
			t.Errorf("%s: want %q, got %q", c.text, c.want, got)
		}
	}
	// The product's own arithmetic, rounded as the rules say.
	for _, c := range []struct {
		amount, rate, got string
		want              bool
	}{{"3333", "77.77", "2592.0", true}, {"3333", "77.77", "2592", true}, {"3333", "77.77", "2592.1", false}, {"2592", "5", "129.6", true}} {
		if roundedAs(r.Rounding, c.amount, c.rate, c.got) != c.want {
			t.Errorf("%s×%s%% = %s rounded %s: want %v", c.amount, c.rate, c.got, r.Rounding.Phrase(), c.want)
		}
	}
}

// A deduction is written as one in messages: 2640.00 − 132.00, not
// 2640.00 + -132.00.
func TestAWorkedExamplesDeductionReadsAsOne(t *testing.T) {
	r := handbookRules(t)
	in := map[string]string{"role": "sales", "score": "88", "base": "3000", "dept": "missed"}
	var got []string
	for _, p := range checkExample(r, in, "考核得分88分,绩效工资3000元:3000*88%=2640元;未完成扣除:2640*5%=131元;应发:2640元-132元=2508元") {
		got = append(got, p.msg, p.zh)
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "(2640.00 − 132.00 = 2508.00 元)") || !strings.Contains(all, "（2640.00 − 132.00 = 2508.00 元）") || strings.Contains(all, "+ -") {
		t.Errorf("got %q", got)
	}
}

// 末位淘汰's months must be the clause's: months = 2 under 三个月排名倒数
// 第一 built cleanly, and decided whom the month's table flags.
func TestTheRankingsMonthsAreTheClauses(t *testing.T) {
	src := contentMap(t)
	rules := string(src["rules.toml"].Data)
	line := strings.Count(rules[:strings.Index(rules, "months = 3")], "\n") + 1
	src["rules.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(rules, "months = 3 ", "months = 2 ", 1))}
	_, _, err := run(t, src, func(o *Options) { o.Drafts = true })
	want := fmt.Sprintf("content/rules.toml:%d:10: error: 销售人员's 末位淘汰 counts 2 months (months = 2), but the clause it cites (#销售人员奖惩办法.4 in content/06-performance.md) says 三个月", line)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want %q, got %v", want, err)
	}
	for text, want := range map[string]int{"三个月排名倒数第一人员,公司将进行末位淘汰": 3, "连续两个月排名倒数第一的": 2, "连续 3 个自然月末位的": 3, "试用期三个月。倒数第一者": 0, "三个月或六个月倒数第一": 0} {
		if n, _ := monthsSaid(plainFigures(text)); n != want {
			t.Errorf("monthsSaid(%s) = %d, want %d", text, n, want)
		}
	}
}

// A reading's worked scores, which readers see as the clause's editor's
// note, must be what the calculator pays: 94.5 分按 105% 发放 under tiers
// paying it 100% built and published cleanly.
func TestAReadingsScoresAreWhatTheTiersPay(t *testing.T) {
	src := contentMap(t)
	rules := string(src["rules.toml"].Data)
	const from = "94.5 分按 100% 发放，89.5 分按 89.5% 发放，59.5 分不予发放"
	if !strings.Contains(rules, from) {
		t.Fatalf("%q is not in content/rules.toml", from)
	}
	line := strings.Count(rules[:strings.Index(rules, from)], "\n") + 1
	src["rules.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(rules, from, "94.5 分按 105% 发放，89.5 分按 90% 发放，59.5 分不予发放", 1))}
	_, _, err := run(t, src, func(o *Options) { o.Drafts = true })
	for _, want := range []string{
		fmt.Sprintf(`content/rules.toml:%d:8: error: the reading "tier-bounds-assistant" says 94.5分按105%%, but 大客户内勤's tiers pay 94.5 分按100%%发放`, line),
		fmt.Sprintf(`content/rules.toml:%d:8: error: the reading "tier-bounds-assistant" says 89.5分按90%%, but 大客户内勤's tiers pay 89.5 分按89.5%%发放`, line),
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q, got %v", want, err)
		}
	}
	if err != nil && strings.Contains(err.Error(), "59.5") {
		t.Errorf("59.5 分不予发放 is what the tiers pay: %v", err)
	}
	// 按得分比例, without the figure, is the score's percentage: 89.5 分 of
	// the 60–89 tier, not 94.5 分 of the 100% tier.
	for text, want := range map[string]int64{"89.5 分按得分比例发放": 8950, "94.5 分按相应分数比例发放": 9450} {
		c := readingClaims(text)
		if len(c) != 1 || c[0].rate != want {
			t.Errorf("%s: %+v, want a rate of %d", text, c, want)
		}
	}
}

// contentMap is the handbook's own content/ as a MapFS, to change a file of.
func contentMap(t *testing.T) fstest.MapFS {
	t.Helper()
	src := fstest.MapFS{}
	dir := os.DirFS("../../content")
	if err := fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dir, p)
		src[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return src
}

// The last result of an example is its total where the text says so
// (应发, 合计…) or sums amounts to make it: a last product, the deduction
// 2640*5%=132元, was said to be a wrong total.
func TestAnExamplesLastProductIsNoTotal(t *testing.T) {
	r := handbookRules(t)
	in := map[string]string{"role": "sales", "score": "88", "base": "3000", "dept": "missed"}
	const head = "考核得分88分,绩效工资3000元:3000*88%=2640元;部门业绩目标未完成,扣除:2640*5%=132元"
	for text, want := range map[string]string{
		head:                       "",
		head + ";本月应发=2640元":       "the text gives a total of 2640 元, the calculator 2508.00 元",
		head + ";2640元-132元=2518元": "the text gives a total of 2518 元, the calculator 2508.00 元",
		head + ";本月应发全部奖金为:2640元-132元=2508元": "",
	} {
		var got []string
		for _, p := range checkExample(r, in, text) {
			got = append(got, p.msg)
		}
		if all := strings.Join(got, "\n"); want == "" && all != "" || want != "" && !strings.Contains(all, want) {
			t.Errorf("%s: want %q, got %q", text, want, got)
		}
	}
}

// handbookRules is the handbook's own content/rules.toml, parsed.
func handbookRules(t *testing.T) *calculator.Rules {
	t.Helper()
	src, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rulesfile.Parse("content/rules.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// How a tier's clause says it pays, as its words put it: 按0%发放 pays
// nothing, as 不予发放 does (it was read as a fixed rate, and a correct
// 0% tier failed), and so do the other ways a text says no pay is due.
func TestHowAClauseSaysATierPays(t *testing.T) {
	for text, want := range map[string]string{
		"得分在(95——100)分的,当月绩效工资按105%发放。":    "fixed",
		"得分在60分以下的,当月绩效工资按0%发放。":           "none",
		"得分在60分以下的员工,不予发放绩效工资。":            "none",
		"得分在60分以下的,当月绩效工资为零。":              "none",
		"得分在60分以下的,取消当月绩效工资。":              "none",
		"得分在60分以下的,当月无绩效工资。":               "none",
		"得分在60分以下的,绩效工资全额扣除。":              "none",
		"得分在(60——89)分的员工,当月绩效工资按相应分数比例发放。": "score",
		"得分在(60——79)分的,按考核得分计发。":           "score",
		"得分在(90——94)分的,按110%计发。":           "fixed",
		"得分在(95——100)分的,表现突出。":             "",
	} {
		if got, _, _ := tierPaySaid(plainFigures(text)); got != want {
			t.Errorf("%s: %q, want %q", text, got, want)
		}
	}
	// The rules table's example of a tier paying the score is a score of
	// that tier: not 80 分 under 60–79, which the tier above pays.
	for _, c := range []struct {
		min, max int64
		want     string
	}{{60, 89, "按得分比例（如 80 分发 80%）"}, {60, 79, "按得分比例（如 69 分发 69%）"}, {85, 94, "按得分比例（如 89 分发 89%）"}} {
		tier := calculator.Tier{Min: c.min * calculator.ScoreScale, Max: c.max * calculator.ScoreScale, Kind: calculator.ScorePercent}
		if got := tierPayLabel(tier); got != c.want {
			t.Errorf("%d–%d: %q, want %q", c.min, c.max, got, c.want)
		}
	}
}

// A wrong figure is told once, wherever the text repeats it: 2640 元 as a
// result (=2640元) and again in the sum (2640元+132元) were two errors at
// one column.
func TestAWrongFigureIsToldOnce(t *testing.T) {
	in := map[string]string{"role": "sales", "score": "88", "base": "3000", "dept": "exceeded"}
	text := "考核得分88分,绩效工资3000元:3000*88%=2640元;超额完成,额外奖金:2640*5%=132元;本月应发全部奖金为:2640元+132元=2772元"
	r := handbookRules(t)
	r.Roles[0].Tiers[1].Kind, r.Roles[0].Tiers[1].Rate = calculator.Fixed, 10000 // 60–89 at 100%: 88 分 pays 3000.00
	n := 0
	for _, p := range checkExample(r, in, text) {
		if strings.Contains(p.msg, "the text gives 2640 元") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("2640 元 told %d times, want once", n)
	}
}

// A section whose text moved away, its heading left over nothing, is
// warned of in the working copy: a tester published 三、考核的原则 empty,
// its one paragraph moved to 二. A section over its own subsections, and
// one empty in the revision too, are not.
func TestASectionLeftEmptyWarns(t *testing.T) {
	base := strings.Replace(handbook, "| 业绩 | 60 |\n", "| 业绩 | 60 |\n\n## 二、原则\n\n公平、公正、公开\n\n## 三、附录\n\n### 附表\n\n见下。\n", 1)
	if base == handbook {
		t.Fatal("the test's chapter is not where the test puts its sections")
	}
	build := afterPublishing(t, base)
	empty := func(text string) []string {
		t.Helper()
		var got []string
		for _, w := range build(text) {
			if strings.Contains(w.Msg, "has no text now") {
				got = append(got, w.String())
			}
		}
		return got
	}
	if got := empty(base); len(got) > 0 {
		t.Errorf("nothing moved: %q", got)
	}
	moved := strings.Replace(strings.Replace(base, "## 二、原则\n\n公平、公正、公开\n", "## 二、原则\n", 1), "## 一、目的\n\n", "## 一、目的\n\n公平、公正、公开\n\n", 1)
	intro := string(tree(moved)["01-intro.md"].Data)
	line := strings.Count(intro[:strings.Index(intro, "## 二、原则")], "\n") + 1
	want := fmt.Sprintf("content/01-intro.md:%d:4: warning: section “二、原则” has no text now; 1.0 had “公平、公正、公开” under it", line)
	if got := empty(moved); len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("its text moved: got %q, want %q…", got, want)
	}
}

// A product a reading quotes from the text must be in the text: the bonus
// raised to 6% in the clause, its example and the rules, the reading
// shown beside the clause still said 与原文举例 2640 × 5% = 132 一致.
func TestAReadingQuotesTheTextsExampleAsItIs(t *testing.T) {
	quotes := func(product string) []string {
		t.Helper()
		reading := "\n[[readings]]\nid = \"base\"\nclause = \"办法.5\"\ntext = \"按档计算后的绩效工资计算（与原文举例 " + product + " 一致）。\"\n"
		text := strings.Replace(handbook, "-- rules.toml --\n"+rulesTOML, "-- rules.toml --\n"+rulesTOML+reading, 1)
		if text == handbook {
			t.Fatal("the test's rules are not where the test puts a reading")
		}
		_, res, err := run(t, tree(text), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range res.Warnings {
			if strings.Contains(w.Msg, "quotes") {
				got = append(got, w.Msg)
			}
		}
		return got
	}
	if got := quotes("2640 × 5% = 132"); len(got) > 0 {
		t.Errorf("the text's own product: %q", got)
	}
	if got, want := quotes("2640 × 6% = 158.4"), `the reading "base" quotes 2640 × 6% = 158.4, which 第二章 绩效 does not say`; len(got) != 1 || got[0] != want {
		t.Errorf("a product the text does not have: %q, want %q", got, want)
	}
}

// A criterion's points in an editor's note under the criteria's clause
// must be the rules': the weights changed in the list and the rules, the
// note's table under them kept the old ones, readers seeing both.
func TestANoteGivesTheCriteriasPointsAsTheRules(t *testing.T) {
	warned := func(row string) []string {
		t.Helper()
		note := "2. 能力(40分)\n\n> [!编者注]\n> 下表按上列各项整理。\n>\n> | 考核项目 | 分值 |\n> | --- | --- |\n" + row + "> | 能力考核 | 40分 |\n"
		text := strings.Replace(handbook, "2. 能力(40分)\n", note, 1)
		if text == handbook {
			t.Fatal("the test's chapter has no 能力(40分)")
		}
		_, res, err := run(t, tree(text), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range res.Warnings {
			if strings.Contains(w.Msg, "editor's note on") {
				got = append(got, w.Msg)
			}
		}
		return got
	}
	if got := warned("> | 业绩考评 | 60分 |\n"); len(got) > 0 {
		t.Errorf("the rules' points: %q", got)
	}
	want := "an editor's note on #指标 gives 业绩 70分 (“业绩考评 70分”), but rules.toml gives 销售人员's 业绩 60分"
	if got := warned("> | 业绩考评 | 70分 |\n"); len(got) != 1 || got[0] != want {
		t.Errorf("other points: %q, want %q", got, want)
	}
}
