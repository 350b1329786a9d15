package build

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"handbook/generator/diag"
	"handbook/generator/output"
	"handbook/theme"
)

var update = flag.Bool("update", false, "rewrite golden files")

// tree reads an inline file tree: "-- path --" lines start each file, as in
// Hugo's integration tests and txtar.
func tree(s string) fstest.MapFS {
	fs := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fs[name] = &fstest.MapFile{Data: []byte(body.String())}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimSpace(line), " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return fs
}

func run(t *testing.T, src fstest.MapFS, mod func(*Options)) (*output.Memory, *Result, error) {
	t.Helper()
	mem := output.NewMemory()
	opts := Options{Source: src, SourceName: "content", Theme: theme.FS, Out: mem, Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	if mod != nil {
		mod(&opts)
	}
	res, err := Run(opts)
	return mem, res, err
}

const rulesTOML = `[rounding]
mode = "half-up"
unit_fen = 1
text = "每一步金额四舍五入到分。"

[[roles]]
id = "sales"
name = "销售人员"
criteria_clause = "指标"
[[roles.criteria]]
name = "业绩"
max = 60
[[roles.criteria]]
name = "能力"
max = 40
[[roles.tiers]]
min = 0
max = 59
payout = "0%"
clause = "办法.4"
[[roles.tiers]]
min = 60
max = 89
payout = "score"
clause = "办法.3"
[[roles.tiers]]
min = 90
max = 94
payout = "100%"
clause = "办法.2"
[[roles.tiers]]
min = 95
max = 100
payout = "105%"
clause = "办法.1"
[[roles.departments]]
result = "exceeded"
name = "超额完成"
adjust = "+5%"
clause = "办法.5"
[[roles.departments]]
result = "met"
name = "完成"
adjust = "0%"
clause = "办法.5"
[[roles.departments]]
result = "missed"
name = "未完成"
adjust = "-5%"
clause = "办法.5"
`

const handbook = `-- site.toml --
title = "测试手册"
organisation = "测试公司"
language = "zh-CN"
-- 01-intro.md --
---
title: 第一章 总则
order: 1
slug: intro
---
## 一、目的

为规范管理,制定本制度。详见[奖惩办法](02-pay.md#办法)与[第五条](02-pay.md#办法.5)。

> [!编者注]
> 原文如此。

| 项目 | 分值 |
| --- | --- |
| 业绩 | 60 |
-- 02-pay.md --
---
title: 第二章 绩效
order: 2
slug: pay
calculator: true
---
## 指标 {#指标}

1. 业绩(60分)
2. 能力(40分)

## 奖惩办法 {#办法}

1. 得分在(95——100)分,按105%发放。
2. 得分在(90——94)分,按100%发放。
3. 得分在(60——89)分,按分数比例发放。
4. 60分以下不发放。
5. 超额完成另发5%;未完成扣5%。
6. <!-- payout role=sales score=88 base=3000 dept=exceeded -->
   举例:3000\*88%=2640元;2640\*5%=132元;合计2640元+132元=2772元

回到[目的](01-intro.md#一目的)。
-- rules.toml --
` + rulesTOML

func TestChapterHTMLGolden(t *testing.T) {
	mem, _, err := run(t, tree(handbook), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"latest/intro/index.html", "latest/pay/index.html"} {
		got := mainOf(t, mem.Files[page])
		golden := filepath.Join("testdata", strings.ReplaceAll(strings.TrimSuffix(page, "/index.html"), "/", "_")+".golden.html")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test ./generator/build -update and review the diff)\n--- got ---\n%s", page, golden, got)
		}
	}
}

var reMain = regexp.MustCompile(`(?s)<main[^>]*>.*</main>`)

func mainOf(t *testing.T, page []byte) []byte {
	t.Helper()
	m := reMain.Find(page)
	if m == nil {
		t.Fatalf("no <main> in page:\n%s", page)
	}
	return append(m, '\n')
}

func TestSiteShape(t *testing.T) {
	mem, res, err := run(t, tree(handbook), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "latest/index.html", "latest/intro/index.html", "latest/pay/index.html", "latest/print/index.html",
		"latest/search/index.html", "latest/search/meta.json", "latest/sw.js", "latest/precache.json"} {
		if _, ok := mem.Files[f]; !ok {
			t.Errorf("missing %s", f)
		}
	}
	if res.Pages < 5 {
		t.Errorf("pages = %d", res.Pages)
	}
	home := html.UnescapeString(string(mem.Files["latest/index.html"]))
	for _, want := range []string{`<html lang="zh-CN">`, `Content-Security-Policy`, `script-src 'self';`, `第一章 总则`, `第二章 绩效`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	// Only the calculator's pages may compile WebAssembly.
	if strings.Contains(home, "wasm-unsafe-eval") {
		t.Error("home page allows wasm-unsafe-eval")
	}
	// Nothing points outside the site.
	for name, data := range mem.Files {
		if strings.HasSuffix(name, ".html") && regexp.MustCompile(`(src|href)="(https?:)?//`).Match(data) {
			t.Errorf("%s links to another origin", name)
		}
	}
	// The print page holds every chapter once, with IDs made unique.
	pr := string(mem.Files["latest/print/index.html"])
	if !strings.Contains(pr, `id="ch-pay-办法.5"`) || !strings.Contains(pr, `href="#ch-pay-办法.5"`) || strings.Count(pr, `class="print-chapter"`) != 2 {
		t.Errorf("print page IDs or links are wrong")
	}
}

func TestBrokenLinksAreReportedWithPositions(t *testing.T) {
	src := tree(handbook)
	src["03-bad.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 第三章\norder: 3\n---\n## 甲\n\n见[缺页](09-none.md)和[缺锚](02-pay.md#不存在)。\n\n再见[本页](#乙)。\n")}
	_, _, err := run(t, src, nil)
	list := diag.FromError(err)
	if len(list) == 0 {
		t.Fatalf("want errors, got %v", err)
	}
	var got []string
	for _, d := range list {
		if d.Severity == diag.Error {
			got = append(got, d.String())
		}
	}
	want := []string{
		"content/03-bad.md:7:2: error: link to “09-none.md”: there is no such page",
		"content/03-bad.md:7:19: error: link to “02-pay.md#不存在”: content/02-pay.md has no heading or clause #不存在",
		"content/03-bad.md:9:3: error: link to “#乙”: content/03-bad.md has no heading or clause #乙",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d errors:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d:\n got  %s\n want %s…", i, got[i], want[i])
		}
	}
}

// nwSpan is a figure kept on one line (markdown's writeFigures).
var nwSpan = regexp.MustCompile(`<span class="nw">([^<]*)</span>`)

func TestWrongWorkedExampleFailsTheDraft(t *testing.T) {
	src := tree(strings.Replace(handbook, "合计2640元+132元=2772元", "合计2640元+132元=2773元", 1))
	_, _, err := run(t, src, nil)
	list := diag.FromError(err)
	if len(list) == 0 || !strings.Contains(err.Error(), "content/02-pay.md:20:50:") || !strings.Contains(err.Error(), "2773") || !strings.Contains(err.Error(), "2772.00") {
		t.Fatalf("want an error at the figure 2773 naming 2772.00, got %v", err)
	}
	// A text already in force (publish -legacy) shows it as a note instead.
	mem, _, err := run(t, src, func(o *Options) { o.Legacy = true })
	if err != nil {
		t.Fatal(err)
	}
	page := nwSpan.ReplaceAllString(string(mem.Files["latest/pay/index.html"]), "$1")
	if !strings.Contains(page, "原文合计 2773 元，按规则应为 2772.00 元") {
		t.Fatalf("the published page lacks the editor's note on the wrong total")
	}
	// An editor's note of the text's own, in the example's clause, that
	// names the wrong figure already says so: no second note. One that
	// names another figure (27730 is not 2773) does not.
	for _, c := range []struct {
		note string
		auto bool
	}{{"原文合计写作2773元，应为2772元。", false}, {"原文的27730元另有所指。", true}} {
		src := tree(strings.Replace(handbook, "合计2640元+132元=2772元\n", "合计2640元+132元=2773元\n   > [!编者注]\n   > "+c.note+"\n", 1))
		mem, _, err := run(t, src, func(o *Options) { o.Legacy = true })
		if err != nil {
			t.Fatal(err)
		}
		// Read without the spans that keep a figure on one line.
		page := nwSpan.ReplaceAllString(string(mem.Files["latest/pay/index.html"]), "$1")
		if !strings.Contains(page, c.note) {
			t.Fatalf("the page lacks the text's note %q", c.note)
		}
		if got := strings.Contains(page, "原文合计 2773 元，按规则应为 2772.00 元"); got != c.auto {
			t.Errorf("with the text's note %q: the build's own note shown %v, want %v", c.note, got, c.auto)
		}
	}
}

func TestRulesReferToExistingClauses(t *testing.T) {
	src := tree(strings.Replace(handbook, `clause = "办法.5"`, `clause = "办法.9"`, 1))
	_, _, err := run(t, src, nil)
	if err == nil || !strings.Contains(err.Error(), "content/rules.toml:") || !strings.Contains(err.Error(), "#办法.9") {
		t.Fatalf("want an error naming rules.toml and #办法.9, got %v", err)
	}
}

// A clause the rules cite that no page has is one error, however many
// rules cite it, and says how to mend it: an item past the heading's last
// names how many it has; a heading renamed (its ID changed) is named, with
// where it is, so the admin can keep the old ID or cite the new one.
func TestAMissingClauseSaysHowToMendIt(t *testing.T) {
	src := tree(strings.Replace(handbook, `clause = "办法.5"`, `clause = "办法.9"`, 1))
	_, _, err := run(t, src, nil)
	if err == nil || !strings.Contains(err.Error(), "(content/02-pay.md) has items 1 to 6: cite one of them") {
		t.Errorf("an item past the last: want the count of items, got %v", err)
	}
	src = tree(strings.Replace(handbook, "## 奖惩办法 {#办法}", "## 奖励与处罚办法 {#奖罚办法}", 1))
	_, _, err = run(t, src, nil)
	if err == nil {
		t.Fatal("a renamed heading the rules cite built")
	}
	msg := err.Error()
	if n := strings.Count(msg, "which no page has"); n != 5 {
		t.Errorf("want one error per clause ID the rules cite (办法.1–.5), got %d:\n%s", n, msg)
	}
	for _, want := range []string{
		"content/rules.toml:",
		"no heading has the ID 办法; the most like it is 奖罚办法 (content/02-pay.md:12)",
		"clause #办法.5, which no page has, is cited by department result exceeded of 销售人员, department result met of 销售人员, department result missed of 销售人员",
		"write {#办法} after its title to keep the ID the rules cite, or cite #奖罚办法.4 here",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q:\n%s", want, msg)
		}
	}
}

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	th := fstest.MapFS{}
	for _, f := range []string{"templates/base.html", "templates/home.html", "templates/page.html", "templates/partials.html", "templates/print.html",
		"templates/search.html", "templates/calculator.html", "templates/redirect.html", "templates/section.html", "templates/changelog.html",
		"css/main.css", "css/search.css", "css/calculator.css"} {
		b, err := theme.FS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		th[f] = &fstest.MapFile{Data: b}
	}
	th["templates/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<p>{{.Title}</p>\n{{end}}\n")}
	_, _, err := run(t, tree(handbook), func(o *Options) { o.Theme = th })
	if err == nil || !strings.Contains(err.Error(), "theme/templates/page.html:2:") {
		t.Fatalf("want theme/templates/page.html:2: …, got %v", err)
	}

	// A template that parses but fails as it runs is named so too, by
	// the build itself: the preview prints the build's diagnostics, and
	// named it "handbook" with the file only inside the message.
	th["templates/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<p>{{.Title}}</p>\n<p>{{.NoSuchField}}</p>\n{{end}}\n")}
	_, _, err = run(t, tree(handbook), func(o *Options) { o.Theme = th; o.ThemeName = "mytheme" })
	list := diag.FromError(err)
	if len(list) == 0 {
		t.Fatalf("want a diagnostic, got %v", err)
	}
	d := list[0]
	if d.File != "mytheme/templates/page.html" || d.Line != 3 || d.Col == 0 || !strings.Contains(d.Msg, "NoSuchField") || !strings.HasPrefix(d.Msg, "executing") {
		t.Errorf("got %s:%d:%d %q, want mytheme/templates/page.html:3:… executing … NoSuchField", d.File, d.Line, d.Col, d.Msg)
	}
}

// TestRulesAgreeWithTheirClauses: a rate or maximum in rules.toml that the
// clause it cites does not state fails the draft, at the rule's line: the
// calculator would compute one thing and link to a clause saying another.
func TestRulesAgreeWithTheirClauses(t *testing.T) {
	for from, to := range map[string]string{
		`payout = "105%"`: `payout = "110%"`,
		"max = 60\n[[roles.criteria]]\nname = \"能力\"\nmax = 40": "max = 50\n[[roles.criteria]]\nname = \"能力\"\nmax = 50",
		`adjust = "+5%"`: `adjust = "+6%"`,
	} {
		src := tree(strings.Replace(handbook, from, to, 1))
		if string(src["rules.toml"].Data) == string(tree(handbook)["rules.toml"].Data) {
			t.Fatalf("%s is not in the test's rules", from)
		}
		_, _, err := run(t, src, nil)
		if err == nil || !strings.Contains(err.Error(), "content/rules.toml:") || !strings.Contains(err.Error(), "does not say") {
			t.Errorf("%s: want an error at rules.toml saying the clause does not say it, got %v", to, err)
		}
	}

	// A clause split in two: 5% is still in the clause cited for 未完成,
	// but as the bonus for 超额完成; the deduction is now clause 6.
	src := tree(strings.Replace(handbook, "5. 超额完成另发5%;未完成扣5%。\n6. ", "5. 超额完成另发5%。\n6. 未完成扣5%。\n7. ", 1))
	if string(src["02-pay.md"].Data) == string(tree(handbook)["02-pay.md"].Data) {
		t.Fatal("the split is not in the test's chapter")
	}
	line := 0 // of the 未完成 adjustment's clause = "办法.5"
	missed := false
	for i, l := range strings.Split(string(src["rules.toml"].Data), "\n") {
		missed = missed || l == `name = "未完成"`
		if missed && strings.HasPrefix(l, "clause = ") {
			line = i + 1
			break
		}
	}
	_, _, err := run(t, src, nil)
	at := fmt.Sprintf("content/rules.toml:%d:", line)
	if err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), "cites #办法.5 in content/02-pay.md, which does not mention 未完成") {
		t.Errorf("want an error at %s (the 未完成 adjustment's clause) saying its clause does not mention it, got %v", at, err)
	}
}

// What a clause says of one department result must hold that result's
// rate: 未完成's 5% changed to 10% in the text alone passed, as did 5% to
// 15%, on the 5% the clause says of 超额完成. An error at the 未完成
// adjustment's line, naming the clause and its page.
func TestAnAdjustmentsRateIsInWhatItsClauseSaysOfIt(t *testing.T) {
	rules := string(tree(handbook)["rules.toml"].Data)
	line := 0 // of the 未完成 adjustment's clause
	missed := false
	for i, l := range strings.Split(rules, "\n") {
		missed = missed || l == `name = "未完成"`
		if missed && strings.HasPrefix(l, "clause = ") {
			line = i + 1
			break
		}
	}
	for _, to := range []string{"未完成扣10%", "未完成扣15%"} {
		src := tree(strings.Replace(handbook, "未完成扣5%", to, 1))
		if string(src["02-pay.md"].Data) == string(tree(handbook)["02-pay.md"].Data) {
			t.Fatal("未完成扣5% is not in the test's chapter")
		}
		_, _, err := run(t, src, nil)
		want := fmt.Sprintf("content/rules.toml:%d:10: error: the adjustment of 销售人员 for 未完成 is 5%%, but the clause it cites (#办法.5 in content/02-pay.md) does not say 5%%", line)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want %q, got %v", to, want, err)
		}
	}
	// Said of 超额完成 alone, the bonus's change is found too.
	src := tree(strings.Replace(handbook, "超额完成另发5%", "超额完成另发6%", 1))
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "the adjustment of 销售人员 for 超额完成 is 5%") {
		t.Errorf("超额完成另发6%%: got %v", err)
	}
}

// An adjustment must go the way its clause says: rules.toml paying +5%
// for 未完成 under text saying 扣5% built and published, the figure being
// there, and the calculator paid a bonus for missing the target, citing
// the clause as its authority. An error at the rule's adjust line, saying
// which way the clause goes; no error for the rules as the text has them.
func TestAnAdjustmentGoesTheWayItsClauseSays(t *testing.T) {
	rules := string(tree(handbook)["rules.toml"].Data)
	for _, c := range []struct{ from, to, want string }{
		{`name = "未完成"` + "\n" + `adjust = "-5%"`, `name = "未完成"` + "\n" + `adjust = "+5%"`,
			"the adjustment of 销售人员 for 未完成 is +5%, a bonus, but the clause it cites (#办法.5 in content/02-pay.md) says of 未完成: 未完成扣5% (a deduction)"},
		{`name = "超额完成"` + "\n" + `adjust = "+5%"`, `name = "超额完成"` + "\n" + `adjust = "-5%"`,
			"the adjustment of 销售人员 for 超额完成 is -5%, a deduction, but the clause it cites (#办法.5 in content/02-pay.md) says of 超额完成: 超额完成另发5% (a bonus)"},
	} {
		if !strings.Contains(rules, c.from) {
			t.Fatalf("%q is not in the test's rules", c.from)
		}
		src := tree(strings.Replace(handbook, c.from, c.to, 1))
		line := strings.Count(rules[:strings.Index(rules, c.from)], "\n") + 2 // the adjust line
		_, _, err := run(t, src, nil)
		if want := fmt.Sprintf("content/rules.toml:%d:10: error: %s", line, c.want); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want %q, got %v", c.to, want, err)
		}
	}
	// A clause that says no bonus is paid for 完成 (不另发放) holds a
	// rate of 0 for it, not +5%.
	src := tree(strings.Replace(strings.Replace(handbook, "超额完成另发5%;", "完成的不另发放;超额完成另发5%;", 1),
		`name = "完成"`+"\n"+`adjust = "0%"`, `name = "完成"`+"\n"+`adjust = "+5%"`, 1))
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "for 完成 is +5%, a bonus, but the clause it cites (#办法.5 in content/02-pay.md) says of 完成: 完成的不另发放 (no adjustment)") {
		t.Errorf("完成 +5%%: got %v", err)
	}
	if _, _, err := run(t, tree(strings.Replace(handbook, "超额完成另发5%;", "完成的不另发放;超额完成另发5%;", 1)), nil); err != nil {
		t.Errorf("the rules as the text has them: %v", err)
	}
}

// A worked example's stated score and amounts are its directive's: reworded
// to 90分 and 3500元, an example that still multiplied 3000 by 88% passed,
// as did the source's own slip of 2000元 beside 1500×80%.
func TestAWorkedExamplesStatedScoreAndBaseAreChecked(t *testing.T) {
	const ex = "举例:3000\\*88%=2640元"
	if !strings.Contains(handbook, ex) {
		t.Fatal("the test's example changed")
	}
	for _, c := range []struct{ to, want string }{
		{"举例:考核得分90分,绩效工资3000元,3000\\*88%=2640元", "the text states a score of 90分, but its payout directive gives score=88"},
		{"举例:考核得分88分,绩效工资3500元,3000\\*88%=2640元", "the text gives 3500 元, which is none of the example's amounts (base pay 3000.00 元 by its payout directive; 2640.00 + 132.00 = 2772.00 元)"},
	} {
		_, _, err := run(t, tree(strings.Replace(handbook, ex, c.to, 1)), nil)
		if err == nil || !strings.Contains(err.Error(), "content/02-pay.md:") || !strings.Contains(err.Error(), "worked example: "+c.want) {
			t.Errorf("%s: want %q, got %v", c.to, c.want, err)
		}
	}
	if _, _, err := run(t, tree(strings.Replace(handbook, ex, "举例:考核得分88分,绩效工资3000元,3000\\*88%=2640元", 1)), nil); err != nil {
		t.Errorf("an example stating its directive's score and base: %v", err)
	}
}

// A tier's range changed in the text alone, (60——89) to (70——89), is an
// error, not the warning of a clause that words its range otherwise: the
// page says 65 points pay nothing, the calculator pays 65 %.
func TestATiersRangeChangedInTheTextIsAnError(t *testing.T) {
	src := tree(strings.Replace(handbook, "得分在(60——89)分", "得分在(70——89)分", 1))
	if string(src["02-pay.md"].Data) == string(tree(handbook)["02-pay.md"].Data) {
		t.Fatal("(60——89) is not in the test's chapter")
	}
	_, _, err := run(t, src, nil)
	if want := "error: 销售人员's tier 60–89 cites #办法.3 in content/02-pay.md, which states 70——89, not 60——89"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want %q, got %v", want, err)
	}
	// Typed with the keyboard's hyphen, the same change: it was a warning.
	src = tree(strings.Replace(handbook, "得分在(60——89)分", "得分在(70-89)分", 1))
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "error: 销售人员's tier 60–89 cites #办法.3 in content/02-pay.md, which states 70——89, not 60——89") {
		t.Errorf("(70-89): got %v", err)
	}
	src = tree(strings.Replace(handbook, "4. 60分以下不发放", "4. 70分以下不发放", 1))
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "tier 0–59 cites #办法.4 in content/02-pay.md, which states 70分以下, not 60分以下") {
		t.Errorf("70分以下: got %v", err)
	}
}

// TestATiersPayAgreesWithItsClause: how a tier pays (the score's
// percentage, a fixed rate, nothing) must be how its clause says it pays,
// and a fixed rate the rate the clause pays at, not a figure mentioned
// beside it. A tier set to "score" under 按80%发放 passed: the page said
// one amount and the calculator paid another.
func TestATiersPayAgreesWithItsClause(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{`payout = "score"`, `payout = "80%"`,
			`content/rules.toml:24:10: error: 销售人员's tier 60–89 pays a fixed rate (payout = "80%"), but the clause it cites (#办法.3 in content/02-pay.md) says 按分数比例发放: the score's percentage`},
		{`payout = "100%"`, `payout = "score"`,
			`content/rules.toml:29:10: error: 销售人员's tier 90–94 pays the score's percentage (payout = "score"), but the clause it cites (#办法.2 in content/02-pay.md) says 按100%发放: a fixed rate`},
		{`payout = "0%"`, `payout = "5%"`,
			`content/rules.toml:19:10: error: 销售人员's tier 0–59 pays a fixed rate (payout = "5%"), but the clause it cites (#办法.4 in content/02-pay.md) says 60分以下不发放: nothing`},
		// The rate the clause pays at, not a figure beside it.
		{"按105%发放。", "按110%发放(超过105%的部分次月发放)。",
			`content/rules.toml:34:10: error: the rate of 销售人员's tier 95–100 is 105%, but the clause it cites (#办法.1 in content/02-pay.md) does not say 105%: it says 按110%发放`},
	} {
		src := tree(strings.Replace(handbook, c.from, c.to, 1))
		if fmt.Sprint(src) == fmt.Sprint(tree(handbook)) {
			t.Fatalf("%q is not in the test's handbook", c.from)
		}
		if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %s: want %q, got %v", c.from, c.to, c.want, err)
		}
	}
}

// A tier's clause must state its range: the tier below 60 citing 第3条
// (60——89), or the 60–89 tier citing 第4条 (60分以下), pays as rules.toml
// says and links the reader to a clause about another tier; a tier paying
// nothing or the score's percentage had no rate to check it by. A warning
// at the tier's line (a text may word its ranges otherwise).
func TestATiersClauseStatesItsRange(t *testing.T) {
	if _, res, err := run(t, tree(handbook), nil); err != nil || strings.Contains(fmt.Sprint(res.Warnings), "does not state that range") {
		t.Fatalf("the handbook's own tiers: %v %v", err, res.Warnings)
	}
	for _, c := range []struct{ from, to, want string }{
		{"payout = \"0%\"\nclause = \"办法.4\"", "payout = \"0%\"\nclause = \"办法.3\"", "tier 0–59 cites #办法.3 in content/02-pay.md, which does not state that range (60分以下)"},
		{"payout = \"score\"\nclause = \"办法.3\"", "payout = \"score\"\nclause = \"办法.4\"", "tier 60–89 cites #办法.4 in content/02-pay.md, which does not state that range (60——89)"},
	} {
		src := tree(strings.Replace(handbook, c.from, c.to, 1))
		rules := string(src["rules.toml"].Data)
		if rules == string(tree(handbook)["rules.toml"].Data) {
			t.Fatalf("%q is not in the test's rules", c.from)
		}
		line := strings.Count(rules[:strings.Index(rules, c.to)+strings.Index(c.to, "clause")], "\n") + 1
		_, res, err := run(t, src, nil)
		if err != nil {
			t.Fatal(err)
		}
		if w := fmt.Sprint(res.Warnings); !strings.Contains(w, fmt.Sprintf("content/rules.toml:%d:", line)) || !strings.Contains(w, c.want) {
			t.Errorf("want a warning at rules.toml:%d: …%s, got %s", line, c.want, w)
		}
	}
}

// TestWorkedArithmeticIsChecked: a product written out with its result
// in a draft's text must hold, whether or not a payout directive has the
// calculator check the example.
func TestWorkedArithmeticIsChecked(t *testing.T) {
	for text, want := range map[string]string{
		"举例:绩效工资2000元,2000\\*100%=1900元。":             "content/01-intro.md:",
		"举例:1500\\*80%=1200元,又 1234.56×88%=1086.41元。": "",
		"举例：２０００＊５０％＝９００元":                            "2000×50% is 1000.00, not 900",
	} {
		src := tree(strings.Replace(handbook, "为规范管理,制定本制度。", "为规范管理,制定本制度。"+text, 1))
		_, _, err := run(t, src, nil)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", text, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "worked example")):
			t.Errorf("%s: got %v, want an error saying %q", text, err, want)
		}
	}
}

// A wrong figure in a worked example the calculator checks is reported at
// the figure, on the example's line, not at the payout directive's line
// above (whose base=3000 was the first 3000 of the page), and the hint
// does not ask for the directive that is there.
func TestWorkedArithmeticIsReportedAtTheFigure(t *testing.T) {
	src := tree(strings.Replace(handbook, `3000\*88%=2640元`, `3000\*88%=2641元`, 1))
	text := string(src["02-pay.md"].Data)
	line := strings.Count(text[:strings.Index(text, "2641")], "\n") + 1
	col := utf8.RuneCountInString(text[strings.LastIndex(text[:strings.Index(text, "2641")], "\n")+1:strings.Index(text, "2641")]) + 1
	_, _, err := run(t, src, nil)
	want := fmt.Sprintf("content/02-pay.md:%d:%d: error: worked example: 3000×88%% is 2640.00, not 2641 — correct the figure\n", line, col)
	if err == nil || !strings.Contains(err.Error()+"\n", want) {
		t.Errorf("got %v\nwant %q", err, want)
	}
}

// Without JavaScript the calculator page is its rules table: it says how
// the text's gaps are read (94.5 分, the ±5 %'s base, 末位淘汰), each
// reading linked to its clause, as the chapter's editor's notes do.
func TestRulesTableListsTheReadings(t *testing.T) {
	mem := output.NewMemory()
	if _, err := Run(Options{Source: os.DirFS("../../content"), SourceName: "content", Theme: theme.FS, Out: mem,
		Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		WASM:  func() ([]byte, error) { return []byte("\x00asm\x01\x00\x00\x00"), nil }}); err != nil {
		t.Fatal(err)
	}
	page := string(mem.Files["latest/calculator/index.html"])
	start := strings.Index(page, `<details class="rules-table"`)
	if start < 0 {
		t.Fatal("the calculator page has no rules table")
	}
	table := page[start:]
	table = table[:strings.Index(table, "</details>")]
	if i := strings.Index(table, `<ul class="readings">`); i >= 0 {
		table = table[i:]
	} else {
		t.Fatalf("the rules table lists no readings:\n%s", table)
	}
	for _, want := range []string{
		`<span class="nw">94.5 分</span>属于 <span class="nw">90——94 分</span>档，按 <span class="nw">100%</span> 发放`,
		`连续三个自然月均为倒数第一`,
		`（与原文举例 <span class="nw">2640 × 5%</span> = 132 一致）`,
		`（与原文举例 <span class="nw">880 × 5%</span> = 44 一致）`,
		`<a href="/latest/performance/#%e9%94%80%e5%94%ae%e4%ba%ba%e5%91%98%e5%a5%96%e6%83%a9%e5%8a%9e%e6%b3%95.4">（见销售人员奖惩办法第4条）</a>`,
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the calculator page's rules table lacks %q", want)
		}
	}
}

// The org chart's remarks on the job descriptions are warnings for the
// text in force and the draft, which an admin can correct in a new
// revision; a superseded revision's are history, and every build and
// save repeated them.
func TestOrgChartWarnsOnlyWhereItCanBeCorrected(t *testing.T) {
	mem := output.NewMemory()
	res, err := Run(Options{Source: os.DirFS("../../content"), SourceName: "content", Theme: theme.FS, Out: mem,
		Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		WASM:  func() ([]byte, error) { return []byte("\x00asm\x01\x00\x00\x00"), nil }})
	if err != nil {
		t.Fatal(err)
	}
	chart := 0
	for _, w := range res.Warnings {
		s := w.String()
		if !strings.Contains(s, "org chart") {
			continue
		}
		chart++
		if strings.Contains(s, "revisions/2025.1/") {
			t.Errorf("a warning about superseded 2025.1: %s", s)
		}
	}
	if chart == 0 {
		t.Error("no org-chart warning at all: the revision in force has reporting lines the chart draws as written")
	}
	// The remark stays in the superseded revision's page, for its readers.
	if !strings.Contains(string(mem.Files["v/2025.1/structure/index.html"]), "汇报关系有不一致之处") {
		t.Error("2025.1's org chart lost its editor's note")
	}
}

// The calculator's pages name the chapter whose rules they compute: its
// number where its title has one (第二章 here), else its title. They said
// 第六章, the original handbook's, in every handbook.
func TestTheCalculatorNamesItsChapter(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"第二章 绩效", "第二章"},
		{"绩效考核办法", "《绩效考核办法》"},
	} {
		mem, _, err := run(t, tree(strings.Replace(handbook, "title: 第二章 绩效", "title: "+c.title, 1)), func(o *Options) {
			o.WASM = func() ([]byte, error) { return []byte("\x00asm\x01\x00\x00\x00"), nil }
		})
		if err != nil {
			t.Fatal(err)
		}
		calc, home := string(mem.Files["latest/calculator/index.html"]), string(mem.Files["latest/index.html"])
		if !strings.Contains(calc, c.want+"的规则估算当月绩效工资") || !strings.Contains(home, "按"+c.want+"规则估算当月绩效工资") {
			t.Errorf("%s: want %s on the calculator page and the home page, got %q and %q", c.title, c.want,
				regexp.MustCompile(`按[^<]*估算`).FindString(calc), regexp.MustCompile(`按[^<]*估算`).FindString(home))
		}
		if strings.Contains(calc+home, "第六章") {
			t.Errorf("%s: the pages still say 第六章", c.title)
		}
	}
}
