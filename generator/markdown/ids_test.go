package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"handbook/generator/diag"
)

func parse(t *testing.T, src string) (*Doc, diag.List) {
	t.Helper()
	return New(Options{}).Parse("content/x.md", []byte(src), 0)
}

func ids(d *Doc) []string {
	var out []string
	for _, h := range d.Headings {
		out = append(out, h.ID)
	}
	return out
}

func TestHeadingIDs(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"Chinese text is kept and punctuation dropped", "## 一、部门职能\n", []string{"一部门职能"}},
		{"full-width brackets and colons vanish", "### (一)具体考核指标:(具体标准见《市场部人员月度考核表》)\n", []string{"一具体考核指标具体标准见市场部人员月度考核表"}},
		{"spaces become dashes and ASCII is lower-cased", "## Part 2 Overview\n", []string{"part-2-overview"}},
		{"a repeated heading is numbered in order", "## (二)奖惩办法\n\n## (二)奖惩办法\n\n## (二)奖惩办法\n", []string{"二奖惩办法", "二奖惩办法-1", "二奖惩办法-2"}},
		{"an explicit ID wins and is kept as written", "## (二)奖惩办法 {#销售人员奖惩办法}\n", []string{"销售人员奖惩办法"}},
		{"a heading may give itself its own automatic ID", "### 主要职责: {#主要职责}\n\n### 主要职责:\n", []string{"主要职责", "主要职责-1"}},
		{"a heading of punctuation only still gets an ID", "## ——\n", []string{"section"}},
		{"mixed scripts keep digits", "## 2025.1 版 修订\n", []string{"20251-版-修订"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, errs := parse(t, c.src)
			// A heading repeating a sibling's words is warned of
			// (TestARepeatedHeadingIsWarnedOf), and numbered.
			if warned := onlyWarnings(errs); len(warned) != len(errs) {
				t.Fatal(errs)
			}
			if got := ids(d); strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("IDs = %q, want %q", got, c.want)
			}
		})
	}
}

// IDs must not change when text elsewhere on the page changes: a bookmark
// to 二奖惩办法 keeps working after a paragraph above it is edited.
func TestHeadingIDsAreStableAcrossEdits(t *testing.T) {
	before, _ := parse(t, "## 一、考核目的\n\n旧的段落。\n\n## (二)奖惩办法\n\n1. 第一条\n2. 第二条\n")
	after, _ := parse(t, "## 一、考核目的\n\n改写后的段落,长了很多很多。\n\n另加一段。\n\n## (二)奖惩办法\n\n1. 第一条(修订)\n2. 第二条\n")
	for id := range before.IDs {
		if _, ok := after.IDs[id]; !ok {
			t.Errorf("ID %q disappeared after an unrelated edit", id)
		}
	}
}

func TestDuplicateExplicitIDIsAnError(t *testing.T) {
	_, errs := parse(t, "## 甲 {#条款}\n\n正文\n\n## 乙 {#条款}\n")
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", errs)
	}
	got := errs[0].String()
	if !strings.HasPrefix(got, "content/x.md:5:") || !strings.Contains(got, "#条款") || !strings.Contains(got, "used twice") {
		t.Fatalf("error = %s", got)
	}
}

// An explicit ID that another heading's text makes its automatic ID takes
// it: "### 部门本职: {#主要职责}" made the real "### 主要职责:" #主要职责-1,
// and every link to #主要职责.1–.8 led to 部门本职's items, without a word.
// It is an error at the heading with the {#…}, naming the other heading
// and where it is; the IDs are given as before (a generated ID never
// takes the explicit one). A heading may give itself its own automatic
// ID, and an ID the other heading does not use (it has one of its own)
// is no one's.
func TestExplicitIDTakingAnAutomaticOneIsAnError(t *testing.T) {
	cases := []struct {
		name, src  string
		want       []string
		line, col  int
		msg, other string
	}{
		{"a clause heading's ID taken", "## 一、部门职能\n\n### 部门本职: {#主要职责}\n\n1. 甲\n\n### 主要职责:\n\n1. 乙\n2. 丙\n",
			[]string{"一部门职能", "主要职责", "主要职责-1"}, 3, 5, "heading ID #主要职责 of “部门本职:” is the automatic ID of the heading “主要职责:” (content/x.md:7), which is then #主要职责-1", "to its clauses (#主要职责.1 …)"},
		{"an earlier heading's ID taken", "## 甲\n\n## 乙 {#甲}\n", []string{"甲-1", "甲"}, 3, 4, "of the heading “甲” (content/x.md:1), which is then #甲-1", "without {#…} it is #乙"},
		{"a repeat's numbered ID taken", "## 甲\n\n## 甲\n\n## 乙 {#甲-1}\n", []string{"甲", "甲-2", "甲-1"}, 5, 4, "of the heading “甲” (content/x.md:3), which is then #甲-2", ""},
		{"a heading's ID taken where another has its own", "## 甲 {#x}\n\n## 甲\n\n## 乙 {#甲}\n", []string{"x", "甲-1", "甲"}, 5, 4, "of the heading “甲” (content/x.md:3)", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, errs := parse(t, c.src)
			if got := ids(d); strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("IDs = %q, want %q", got, c.want)
			}
			errs = slices.DeleteFunc(errs, func(d diag.Diagnostic) bool {
				return d.Severity == diag.Warning && strings.Contains(d.Msg, "repeats the one on line")
			})
			if len(errs) != 1 || errs[0].Severity != diag.Error || errs[0].Line != c.line || errs[0].Col != c.col ||
				!strings.Contains(errs[0].Msg, c.msg) || !strings.Contains(errs[0].String(), c.other) || !strings.Contains(errs[0].Hint, "pick another ID") {
				t.Fatalf("want an error at %d:%d saying %q; got %v", c.line, c.col, c.msg, errs)
			}
		})
	}
	// A heading item's clause ID taken by a heading's {#…}.
	_, errs := parse(t, "## 职责\n\n1. 甲\n\n## 乙 {#职责.1}\n")
	if len(errs) != 1 || errs[0].Line != 5 || !strings.Contains(errs[0].Msg, "is the clause ID of item 1 under its heading (content/x.md:3), which is then #职责.1-1") {
		t.Fatalf("clause: %v", errs)
	}
	for _, src := range []string{
		"### 主要职责: {#主要职责}\n\n### 主要职责:\n",
		"## 甲 {#x}\n\n## 乙 {#甲}\n",
		"## (二)奖惩办法 {#销售人员奖惩办法}\n\n1. 甲\n\n## (二)奖惩办法 {#内勤奖惩办法}\n\n1. 乙\n",
		"## 甲\n\n1. 项\n\n2. 项\n\n## 乙 {#乙}\n",
	} {
		if _, errs := parse(t, src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}

// {#} with nothing after the # would be id="": an error naming the line.
func TestEmptyExplicitIDIsAnError(t *testing.T) {
	_, errs := parse(t, "## 甲\n\n正文\n\n## 乙 {#}\n")
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", errs)
	}
	if got := errs[0].String(); !strings.HasPrefix(got, "content/x.md:5:") || !strings.Contains(got, "{#} is empty") {
		t.Fatalf("error = %s", got)
	}
}

func TestClauseIDsOnNumberedItems(t *testing.T) {
	d, _ := parse(t, "## (二)奖惩办法 {#销售人员奖惩办法}\n\n1. 甲\n2. 乙\n   1. 乙一\n   2. 乙二\n3. 丙\n\n## 附则\n\n5. 从五开始\n")
	for _, id := range []string{"销售人员奖惩办法.1", "销售人员奖惩办法.2", "销售人员奖惩办法.2.1", "销售人员奖惩办法.2.2", "销售人员奖惩办法.3", "附则.5"} {
		if _, ok := d.IDs[id]; !ok {
			t.Errorf("missing clause ID %s; have %v", id, d.IDs)
		}
	}
}

func TestEditorNoteAndPlaceholder(t *testing.T) {
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte("> [!编者注]\n> 原文此处为空。\n\n> 普通引文\n\n{{orgchart}}\n"), 0)
	d.Fill("orgchart", []byte("<svg></svg>\n"))
	html, err := e.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	want := "<aside class=\"editor-note\" role=\"note\"><p class=\"note-label\">编者注</p>\n<p>原文此处为空。</p>\n</aside>\n<blockquote>\n<p>普通引文</p>\n</blockquote>\n<svg></svg>\n"
	if string(html) != want {
		t.Fatalf("got\n%s\nwant\n%s", html, want)
	}
}

// Raw HTML and dangerous URLs never reach the page as live code unless
// the site trusts raw HTML.
func TestUntrustedHTMLIsNotRendered(t *testing.T) {
	src := "<script>alert(1)</script>\n\n段落 <img src=x onerror=alert(1)> <iframe src=//evil></iframe>\n\n[点我](javascript:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=) ![图](javascript:alert(2))\n\n<svg><script>alert(3)</script></svg>\n"
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte(src), 0)
	html, _ := e.Render(d)
	low := strings.ToLower(string(html))
	for _, bad := range []string{"<script", "onerror", "<iframe", "javascript:", "data:text/html", "<svg"} {
		if strings.Contains(low, bad) {
			t.Errorf("output contains %q:\n%s", bad, html)
		}
	}
}

func TestCJKPunctuationInChineseText(t *testing.T) {
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte("得分在(95——100)分的员工,表现突出;(举例:绩效工资=2000\\*80℅) Latin (kept), 3,000 and a: b\n"), 0)
	html, _ := e.Render(d)
	// A range, and a figure with its unit, are kept on one line (nw).
	want := "<p>得分在\uFF08<span class=\"nw\">95——100</span>\uFF09分的员工\uFF0C表现突出\uFF1B\uFF08举例\uFF1A绩效工资=2000*<span class=\"nw\">80℅</span>\uFF09 Latin (kept), 3,000 and a: b</p>\n"
	if string(html) != want {
		t.Fatalf("got  %s\nwant %s", html, want)
	}
}

// A released page renders exactly as it would have with its tree kept:
// the edits made after release are replayed on a fresh parse.
func TestReleasedPageRendersTheSame(t *testing.T) {
	src := []byte("## (二)奖惩办法 {#办法}\n\n1. 甲 [链](b.md#x)\n2. <!-- payout role=sales score=88 base=3000 dept=met -->\n   举例:3000\\*88%=2640元\n\n{{orgchart}}\n\n| 项 | 分 |\n|---|---|\n| 甲 | 1 |\n")
	e := New(Options{})
	edit := func(d *Doc) {
		d.SetLinkDest(0, "../b/#x")
		d.AddNoteToClause("办法.1", "读法说明")
		d.AddNoteAfterExample(0, "复核说明")
		d.Fill("orgchart", []byte("<svg></svg>\n"))
	}
	kept, _ := e.Parse("x.md", src, 0)
	edit(kept)
	want, _ := e.Render(kept)

	released, _ := e.Parse("x.md", src, 0)
	released.Release(true)
	edit(released)
	got, err := e.Render(released)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("released render differs:\n%s\nwant\n%s", got, want)
	}
	if kept.Key() != released.Key() {
		t.Fatal("equal pages with equal edits have different keys")
	}
	if len(released.Clauses()) == 0 {
		t.Fatal("clauses lost on release")
	}
	for _, w := range []string{"读法说明", "复核说明", "<svg>", `href="../b/#x"`} {
		if !strings.Contains(string(got), w) {
			t.Errorf("render lacks %s", w)
		}
	}
}

func TestReaderText(t *testing.T) {
	src := "## (二)奖惩办法 {#办法}\n\n1. 得分在(95——100)分,按105%发放。\n2. <!-- payout role=sales score=88 base=3000 dept=met -->\n   举例:3000\\*88%=2640元\n   > [!编者注]\n   > 原文如此。\n\n| 项目 | 分值 |\n| --- | --- |\n| 业绩 | 60 |\n"
	d, _ := New(Options{}).Parse("x.md", []byte(src), 0)
	d.Release(true)
	d.AddNoteToClause("办法.1", "读法说明")
	got := d.ReaderText()
	want := "（二）奖惩办法\n" +
		"　1、得分在（95——100）分，按105%发放。\n" +
		"　　〔编者注〕读法说明\n" +
		"　2、举例：3000*88%=2640元\n" +
		"　　〔编者注〕原文如此。\n" +
		"项目 ｜ 分值\n" +
		"业绩 ｜ 60\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBracketAfterAConvertedColon(t *testing.T) {
	if got := Typeset("业绩考评:(60分)销售业绩"); got != "业绩考评\uFF1A\uFF0860分\uFF09销售业绩" {
		t.Fatalf("got %s", got)
	}
}

// In a page, "考评:" and "(60分)" can be two texts of one paragraph: the
// bracket still goes wide after the colon did.
func TestBracketAfterAConvertedColonInAPage(t *testing.T) {
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte("1. 业绩考评:(60分)销售业绩\n"), 0)
	html, _ := e.Render(d)
	if !strings.Contains(string(html), "业绩考评\uFF1A\uFF08<span class=\"nw\">60分</span>\uFF09销售业绩") {
		t.Fatalf("got %s", html)
	}
}

// A table cell of a few characters stays on one line; longer text wraps.
func TestShortTableCellsDoNotWrap(t *testing.T) {
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte("| 项目 | 分值 | 内容 |\n| --- | --- | --- |\n| 业绩考评 | 60分 | 销售业绩与业绩目标达成率 |\n| a b | **20**分 | |\n"), 0)
	html, _ := e.Render(d)
	for _, want := range []string{`<th class="nowrap">分值</th>`, `<td class="nowrap"><span class="nw">60分</span></td>`, `<td>销售业绩与业绩目标达成率</td>`, `<td>a b</td>`, `<td class="nowrap"><strong>20</strong>分</td>`, `<td></td>`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
}

// A Hugo shortcode is not run here: the page warns once a shortcode
// name, naming where (its closing tag and its second use are the first's).
func TestHugoShortcodeWarns(t *testing.T) {
	_, errs := parse(t, "第一段。\n\n正文 {{< note >}}hi{{< /note >}}\n\n又 {{% x %}} {{< note >}}\n\n{{orgchart}}\n")
	if len(errs) != 2 || errs[0].Severity != diag.Warning || errs[0].Line != 3 || errs[0].Col != 4 || !strings.Contains(errs[0].Msg, "{{< note >}}") ||
		errs[1].Line != 5 || errs[1].Col != 3 || !strings.Contains(errs[1].Msg, "{{% x %}}") {
		t.Fatalf("got %v", errs)
	}
	if _, errs := parse(t, "{{orgchart}}\n\n{{ 不是 }}\n"); len(errs) != 0 {
		t.Fatalf("a placeholder warned: %v", errs)
	}
}

// Raw HTML is left out unless trusted: the page warns where it is (a line
// of inline HTML once); comments (the payout directives among them) are
// not HTML a reader sees.
func TestRawHTMLLeftOutWarns(t *testing.T) {
	src := "<!-- a comment -->\n\n正文 <b>粗</b> 与 <!-- inline -->。\n\n<img src=\"a.png\">\n"
	_, errs := parse(t, src)
	if len(errs) != 1 || errs[0].Severity != diag.Warning || errs[0].Line != 3 || errs[0].Col != 4 || !strings.Contains(errs[0].Msg, "raw HTML is left out") {
		t.Fatalf("got %v", errs)
	}
	if _, errs := New(Options{TrustHTML: true}).Parse("x.md", []byte(src), 0); len(errs) != 0 {
		t.Fatalf("trusted: %v", errs)
	}
	if _, errs := parse(t, "<!-- only -->\n\n正文 <!-- x -->\n"); len(errs) != 0 {
		t.Fatalf("comments: %v", errs)
	}
}

// Each block of raw HTML left out is warned of, and each line of inline
// HTML: only a page's first was, and "<p>丙</p>" further down was dropped
// without a word, though the README says each is warned of.
func TestEachRawHTMLLeftOutWarns(t *testing.T) {
	src := "<p>甲</p>\n\n正文。\n\n<p>丙</p>\n\n又 <b>乙</b> 与 <i>丁</i>,\n<span>戊</span>。\n\n<div>\n己\n</div>\n"
	_, errs := parse(t, src)
	var got []string
	for _, e := range errs {
		if e.Severity != diag.Warning || !strings.Contains(e.Msg, "raw HTML is left out") {
			t.Errorf("unexpected: %v", e)
		}
		got = append(got, fmt.Sprintf("%d:%d", e.Line, e.Col))
	}
	if want := "1:1 5:1 7:3 8:1 10:1"; strings.Join(got, " ") != want {
		t.Fatalf("warnings at %s, want %s: %v", strings.Join(got, " "), want, errs)
	}
}

// A comma after a quotation takes the width of the text before it.
func TestCommaAfterAQuotation(t *testing.T) {
	for in, want := range map[string]string{
		"原文有两个冒号“::”,2026.1 勘误已改。": "原文有两个冒号“::”\uFF0C2026.1 勘误已改。",
		"写作“℅”,已更正":                "写作“℅”\uFF0C已更正",
		"He said “hi”, then left.": "He said “hi”, then left.",
		"“甲”,乙":                    "“甲”\uFF0C乙",
	} {
		if got := Typeset(in); got != want {
			t.Errorf("Typeset(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkDeeplyNestedList renders 20 KB of "- - - … 项", a list nested
// 10,000 deep (hostile text): each item's ID was looked for by walking up
// to the document, 2 s of the page's render, 16 s at 20,000.
func BenchmarkDeeplyNestedList(b *testing.B) {
	src := []byte(strings.Repeat("- ", 10000) + "项\n")
	e := New(Options{})
	for b.Loop() {
		d, _ := e.Parse("x.md", src, 0)
		if _, err := e.Render(d); err != nil {
			b.Fatal(err)
		}
	}
}

// onlyWarnings is the warnings of errs.
func onlyWarnings(errs diag.List) diag.List {
	var w diag.List
	for _, d := range errs {
		if d.Severity == diag.Warning {
			w = append(w, d)
		}
	}
	return w
}

// TestARepeatedHeadingIsWarnedOf: a heading repeating a sibling's words
// (two ## 一、基本要求 in a chapter) is warned of at the second, which is
// numbered; the same words under different headings (### 说明 under each
// section) are the document's shape, and are not.
func TestARepeatedHeadingIsWarnedOf(t *testing.T) {
	_, errs := parse(t, "## 一、基本要求\n\n### 说明\n\n## 二、其他\n\n### 说明\n\n### 说明 {#说明二}\n\n## 一、基本要求\n")
	if len(errs) != 1 || errs[0].Severity != diag.Warning || errs[0].Line != 11 || errs[0].Col != 4 ||
		errs[0].Msg != "the heading “一、基本要求” repeats the one on line 1, in the same section, so its ID is #一基本要求-1 (and its clauses 一基本要求-1.n)" {
		t.Fatalf("want one warning at 11:4; got %v", errs)
	}
}

// An editor's note the build adds (a reading of rules.toml) keeps its
// figures whole as the text does, a space before the unit and a product
// too: on a phone it broke 90——94 ⏎分档, 2640 × ⏎5% and 59.5 ⏎分.
func TestANotesFiguresStayWhole(t *testing.T) {
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte("## 办法 {#办法}\n\n正文。\n"), 0)
	if !d.AddNoteToClause("办法", "94.5 分属于 90——94 分档；与原文举例 2640 × 5% = 132 一致；0.01 元。") {
		t.Fatal("no clause 办法")
	}
	html, _ := e.Render(d)
	for _, want := range []string{`<span class="nw">94.5 分</span>`, `<span class="nw">90——94 分</span>档`, `<span class="nw">2640 × 5%</span> = 132`, `<span class="nw">0.01 元</span>`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
}
