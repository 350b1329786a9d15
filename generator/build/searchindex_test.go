package build

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"handbook/generator/output"
	"handbook/generator/search/searchtest"
	"handbook/theme"
)

// realSearch builds the handbook in content/ and runs queries over the
// index of /latest/, as a reader's search box would.
func realSearch(t *testing.T, queries []string) []searchtest.Result {
	t.Helper()
	return editionSearch(t, "latest", queries, searchtest.Options{Limit: 20})
}

// editionSearch builds the handbook in content/ and runs queries over the
// index of one edition (latest, v/2025.1) with opts.
func editionSearch(t *testing.T, edition string, queries []string, opts searchtest.Options) []searchtest.Result {
	t.Helper()
	mem := output.NewMemory()
	_, err := Run(Options{Source: os.DirFS("../../content"), SourceName: "content", Theme: theme.FS, Out: mem,
		Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		// A stand-in module: the calculator page is made only with one.
		WASM: func() ([]byte, error) { return []byte("\x00asm\x01\x00\x00\x00"), nil }})
	if err != nil {
		t.Fatal(err)
	}
	rs := searchtest.SearchIndex(t, mem.Files, edition+"/search", queries, opts)
	for _, r := range rs {
		if r.Error != "" {
			t.Fatalf("%s: %s", r.Query, r.Error)
		}
	}
	return rs
}

// What readers search for in the handbook, and the clause they mean.
func TestRealQueriesFindTheDefiningClause(t *testing.T) {
	cases := []struct {
		name, query string
		// first are the anchors the results start with, in any order.
		first []string
	}{
		{"a section title finds the section, not the clauses under it", "大客户总监", []string{"职务a"}},
		{"内勤 finds the sections named after it", "内勤", []string{"b内勤", "大客户内勤月度绩效考核办法"}},
		{"月度考核表 finds the headings that name the form", "月度考核表", []string{"销售人员考核指标", "内勤考核指标"}},
		{"绩效考核办法 finds the headings, not an item under one", "绩效考核办法", []string{"", "四销售人员月度绩效考核办法", "大客户内勤月度绩效考核办法"}},
		{"105% finds the sales tier first, as the chapter reads", "105%", []string{"销售人员奖惩办法.1", "内勤奖惩办法.1"}},
		{"100% finds the sales tier first", "100%", []string{"销售人员奖惩办法.2"}},
		// The pass line (60分以下) of each role and the sales criterion of
		// 60 分; the pass lines came after while their notes counted as
		// their words, which made them long.
		{"60分 finds the clauses that say it, the sales ones before 内勤's", "60分", []string{"销售人员奖惩办法.4", "内勤奖惩办法.4", "销售人员考核指标.1"}},
		{"末位淘汰", "末位淘汰", []string{"销售人员奖惩办法.4"}},
		{"政府采购 finds the workflow heading", "政府采购", []string{"二政府采购的工作流程"}},
		{"a rules note: 59.5", "59.5", []string{"内勤奖惩办法.3", "销售人员奖惩办法.3"}},
		{"a rules note: 自然月", "自然月", []string{"销售人员奖惩办法.4"}},
		{"a rules note: 并列", "并列", []string{"销售人员奖惩办法.4"}},
		{"a rules note: 按档计算", "按档计算", []string{"销售人员奖惩办法.5", "内勤奖惩办法.5"}},
		{"计算器 finds the calculator page", "计算器", []string{""}},
		{"职位职责 finds both headings", "职位职责", []string{"职位职责", "职位职责-1"}},
		// Two words, one said by the clause, one by its section: the
		// clause, not the calculator page that says both somewhere.
		{"内勤 105% finds the 内勤 top tier", "内勤 105%", []string{"内勤奖惩办法.1"}},
		{"内勤 举例 finds the 内勤 worked examples", "内勤 举例", []string{"内勤奖惩办法.7", "内勤奖惩办法.3"}},
		{"大客户总监 述职 finds the director's duty", "大客户总监 述职", []string{"职位职责.9"}},
		{"95-100 finds the top tiers written 95——100", "95-100", []string{"销售人员奖惩办法.1", "内勤奖惩办法.1"}},
		// A range with its unit: the text's （60——89）分 holds it whole.
		{"60-89分 finds the tiers written （60——89）分", "60-89分", []string{"销售人员奖惩办法.3", "内勤奖惩办法.3"}},
		{"90—94分 finds the tiers written （90——94）分", "90—94分", []string{"销售人员奖惩办法.2", "内勤奖惩办法.2"}},
		// A clause named as the calculator cites it, its number written on
		// (the clause's heading has a space before 第4条).
		{"奖惩办法第4条 finds that item of each role", "奖惩办法第4条", []string{"销售人员奖惩办法.4", "内勤奖惩办法.4"}},
		{"职位职责第13条 finds the director's 13th duty", "职位职责第13条", []string{"职位职责.13"}},
		{"主要职责第8条 finds the department's 8th duty", "主要职责第8条", []string{"主要职责.8"}},
		// The policy's words before the editor's reading of them: 59.5 分
		// 不予发放 is a note on 第3条; 第4条 says it.
		{"不予发放 finds the clauses that say it, not the notes that read 59.5 so", "不予发放", []string{"销售人员奖惩办法.4", "内勤奖惩办法.4"}},
		{"能力考核 finds the item, not the note's table of the items", "能力考核", []string{"销售人员考核指标.2"}},
		// Held whole by no clause: its words, 内勤 in B、内勤's heading and
		// 直接上级 in its text, above A、大客户总监's 直接上级 (市场总监)
		// beside a note's 内勤 (a reader's test).
		{"内勤直接上级 finds the 内勤's job description, not the director's", "内勤直接上级", []string{"b内勤"}},
		{"内勤上级 finds the 内勤's job description", "内勤上级", []string{"b内勤"}},
		{"内勤 上级 finds the 内勤's job description", "内勤 上级", []string{"b内勤"}},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	rs := realSearch(t, queries)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := rs[i].Anchors()
			if len(got) < len(c.first) {
				t.Fatalf("%s: got %q, want %q first", c.query, got, c.first)
			}
			head := slices.Clone(got[:len(c.first)])
			want := slices.Clone(c.first)
			slices.Sort(head)
			slices.Sort(want)
			if !slices.Equal(head, want) {
				t.Errorf("%s: got %q, want %q first", c.query, got, c.first)
			}
		})
	}
	t.Run("a clause matching only through its section ranks below every clause that says it", func(t *testing.T) {
		r := rs[0]
		seen := false
		for _, h := range r.Hits {
			if h.Exact == 0 {
				seen = true
			} else if seen {
				t.Errorf("大客户总监: %s says it but ranks below a clause that does not: %q", h.Anchor, r.Anchors())
			}
		}
	})
	t.Run("a clause under a heading holding the phrase is a complete match, above one holding its characters apart", func(t *testing.T) {
		// The items of 四、销售人员月度绩效考核办法 say 绩效 (绩效工资), not
		// 考核; 一、考核目的 says 绩效 and 考核 apart.
		r := realSearch(t, []string{"绩效考核"})[0]
		seen := ""
		for _, h := range r.Hits {
			whole := h.Exact+h.InPath > 0
			if !whole && seen == "" {
				seen = h.Anchor
			} else if whole && seen != "" {
				t.Errorf("绩效考核: %s holds it (in its clause or its sections' path) but ranks below %s, which does not: %q", h.Anchor, seen, r.Anchors())
			}
			if h.Anchor == "销售人员奖惩办法.1" && !whole {
				t.Errorf("绩效考核: 销售人员奖惩办法.1, under 四、销售人员月度绩效考核办法, is a partial match")
			}
		}
		if !slices.Contains(r.Anchors(), "销售人员奖惩办法.1") {
			t.Errorf("绩效考核: 销售人员奖惩办法.1 is not among the first results: %q", r.Anchors())
		}
	})
	t.Run("绩效工资 lists the sales tiers before 内勤's passing mention", func(t *testing.T) {
		r := realSearch(t, []string{"绩效工资"})[0]
		if r.Hits[0].URL == "/latest/calculator/" {
			t.Errorf("绩效工资 finds the calculator before the clauses: %+v", r.Hits[0])
		}
		got := r.Anchors()
		at := slices.Index(got, "内勤奖惩办法.6")
		for _, a := range []string{"销售人员奖惩办法.1", "销售人员奖惩办法.2", "销售人员奖惩办法.3"} {
			if k := slices.Index(got, a); k < 0 || k > at {
				t.Errorf("%s is at %d, 内勤奖惩办法.6 at %d: %q", a, k, at, got)
			}
		}
	})
	t.Run("绩效工资 lists 第4条 (60分以下不予发放) with the other tiers, not after every clause under the notes it carries", func(t *testing.T) {
		got := realSearch(t, []string{"绩效工资"})[0].Anchors()
		if k := slices.Index(got, "销售人员奖惩办法.4"); k < 0 || k > slices.Index(got, "内勤奖惩办法.1") {
			t.Errorf("销售人员奖惩办法.4 is at %d: %q", k, got)
		}
	})
	t.Run("績效工資, in traditional characters, finds what 绩效工资 does", func(t *testing.T) {
		r := realSearch(t, []string{"绩效工资", "績效工資"})
		if r[1].Total == 0 || !slices.Equal(r[0].Anchors(), r[1].Anchors()) || r[0].Whole != r[1].Whole {
			t.Errorf("績效工資: %q (%d whole), 绩效工资: %q (%d whole)", r[1].Anchors(), r[1].Whole, r[0].Anchors(), r[0].Whole)
		}
	})
	t.Run("the calculator page is every edition's, searched by its title", func(t *testing.T) {
		h := rs[13].Hits[0]
		if h.URL != "/latest/calculator/" || !strings.Contains(h.Heading, "<mark>计算器</mark>") {
			t.Errorf("计算器: %+v", h)
		}
	})
	t.Run("a heading result shows its section", func(t *testing.T) {
		var got []string
		for _, h := range rs[14].Hits[:2] {
			got = append(got, h.Heading)
		}
		if want := []string{"A、大客户总监 · <mark>职位职责</mark>：", "C、大客户员 · <mark>职位职责</mark>："}; !slices.Equal(got, want) {
			t.Errorf("职位职责: headings %q, want %q", got, want)
		}
	})
}

// A reader who types a question or a term the handbook words otherwise
// (试用期多久, 保密协议) gets the clauses holding its words, said to be
// partial matches, not "nothing found"; a query the handbook holds whole
// is answered as before, and one with no word of it in the handbook finds
// nothing.
func TestRealQuestionsFindTheClausesWithTheirWords(t *testing.T) {
	cases := []struct {
		query   string
		partial bool
		// url and anchor of the first hit; total 0 when url is "".
		url, anchor string
	}{
		{"试用期多久", true, "/latest/training/", "人员的培训.1"},
		{"保密协议", true, "/latest/confidentiality/", ""},
		// The tier paid by the score, which says how (按相应分数比例) and
		// works an example: the 额外奖金 clause came first while its
		// editor's note counted as its words.
		{"工资怎么算", true, "/latest/performance/", "销售人员奖惩办法.3"},
		{"末位淘汰", false, "/latest/performance/", "销售人员奖惩办法.4"},
		{"绩效工资怎么发", false, "/latest/performance/", "销售人员奖惩办法.3"},
		{"迟到早退", false, "", ""},
		// Its 的 and 是谁 were half its terms: the one clause holding 内勤的
		// and 上级是 was found, not B、内勤, which says 内勤 and 上级 (a
		// reader's test).
		{"内勤的上级是谁", false, "/latest/job-descriptions/", "b内勤"},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	rs := realSearch(t, queries)
	for i, c := range cases {
		r := rs[i]
		if r.Partial != c.partial {
			t.Errorf("%s: partial = %v, want %v (%d results)", c.query, r.Partial, c.partial, r.Total)
		}
		if c.url == "" {
			if r.Total != 0 || len(r.Hits) != 0 {
				t.Errorf("%s: %d results %q, want none", c.query, r.Total, r.Anchors())
			}
			continue
		}
		if len(r.Hits) == 0 {
			t.Errorf("%s: no results, want %s#%s first", c.query, c.url, c.anchor)
			continue
		}
		if h := r.Hits[0]; h.URL != c.url || h.Anchor != c.anchor {
			t.Errorf("%s: first %s#%s, want %s#%s", c.query, h.URL, h.Anchor, c.url, c.anchor)
		}
		if c.partial {
			for _, h := range r.Hits {
				if h.Exact != 0 {
					t.Errorf("%s: %s#%s counted as holding the whole query", c.query, h.URL, h.Anchor)
				}
				if !strings.Contains(h.Heading+h.Snippet, "<mark>") {
					t.Errorf("%s: %s#%s shows no matched word: %q / %q", c.query, h.URL, h.Anchor, h.Heading, h.Snippet)
				}
			}
		}
	}
}

// A heading's result shows the section's first words, not an editor's
// note on the section (℅ written for %, 原文本节标题没有序号) that says
// nothing of what it holds, nor nothing at all (a reader's test).
func TestHeadingResultsShowTheSectionsWords(t *testing.T) {
	cases := []struct{ query, anchor, url, want string }{
		{"奖惩", "销售人员奖惩办法", "/latest/performance/", "得分在（95——100）分的员工"},
		{"奖惩办法", "内勤奖惩办法", "/latest/performance/", "得分在（95——100）分："},
		{"绩效考核", "大客户内勤月度绩效考核办法", "/latest/performance/", "工作量：（20分）"},
		{"内勤考核", "大客户内勤月度绩效考核办法", "/latest/performance/", "工作量：（20分）对<mark>内勤</mark>"},
		{"培训", "", "/latest/training/", "试用期员工<mark>培训</mark>"},
		{"培训", "人员的培训", "/latest/training/", "试用期员工<mark>培训</mark>"},
		{"附则", "八附则", "/latest/performance/", "本办法的最终决定"},
		{"A、大客户总监", "职务a", "/latest/job-descriptions/", "直接上级：市场总监"},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	for i, r := range realSearch(t, queries) {
		c := cases[i]
		found := false
		for _, h := range r.Hits {
			if h.URL != c.url || h.Anchor != c.anchor {
				continue
			}
			found = true
			if !strings.HasPrefix(h.Snippet, c.want) {
				t.Errorf("%s: %s#%s shows %q, want it to start with %q", c.query, c.url, c.anchor, h.Snippet, c.want)
			}
		}
		if !found {
			t.Errorf("%s: %s#%s not among %q", c.query, c.url, c.anchor, r.Anchors())
		}
	}
}

// A number of the query is not marked alone where the clause says it with
// the rest of the query: the 60 of 60——89 is no part of 60分以下 (a
// reader's test), that of 60 分以下 in the same note is.
func TestLoneNumberOfAQueryIsNotMarkedOutOfItsPhrase(t *testing.T) {
	r := realSearch(t, []string{"60分以下"})[0]
	for _, h := range r.Hits {
		if h.Anchor == "销售人员奖惩办法.3" && (strings.Contains(h.Snippet, "<mark>60</mark>——89") || !strings.Contains(h.Snippet, "<mark>60</mark> <mark>分以下</mark>")) {
			t.Errorf("60分以下: %s shows %q", h.Anchor, h.Snippet)
		}
	}
}

// An editor's note shown in a snippet says it is one, as the page heads it
// 编者注: the handbook's reading of 三个月排名倒数第一 (a rules note) and a
// remark on the source (a Markdown note) read otherwise as the policy's
// words run on.
func TestSnippetsMarkEditorsNotes(t *testing.T) {
	rs := realSearch(t, []string{"自然月", "多余的反引号"})
	for i, want := range []string{"销售人员奖惩办法.4", "主要权利.5"} {
		r := rs[i]
		if len(r.Hits) == 0 || r.Hits[0].Anchor != want {
			t.Fatalf("%s: want %s first, got %q", r.Query, want, r.Anchors())
		}
		if s := r.Hits[0].Snippet; !strings.Contains(s, "〔编者注〕") {
			t.Errorf("%s: the snippet does not say the note is one: %s", r.Query, s)
		}
	}
}

// A clause that says a phrase in the policy's own words ranks above one
// whose editor's notes alone say it, however short the note, and the
// calculator's readings of the text's gaps are editor's notes too (the
// page says so): 不予发放 and 自然月 read in a note still find the note,
// after the clauses.
func TestEditorsNotesRankBelowThePolicysWords(t *testing.T) {
	queries := []string{"不予发放", "能力考核", "2640", "自然月", "按档计算", "59.5", "末位淘汰", "绩效工资"}
	for _, r := range realSearch(t, queries) {
		noted := false
		for _, h := range r.Hits {
			if h.Noted > 0 {
				noted = true
			} else if noted && h.Exact > 0 {
				t.Errorf("%s: %s says it in the policy's words but ranks below a note: %q", r.Query, h.Anchor, r.Anchors())
			}
			if h.URL == "/latest/calculator/" && h.Exact > 0 && h.Noted == 0 && strings.Contains(h.Snippet, "读法") {
				t.Errorf("%s: the calculator's reading is not a note: %+v", r.Query, h)
			}
		}
		switch r.Query {
		case "不予发放", "2640", "自然月":
			if !noted {
				t.Errorf("%s: no hit is a note's: %+v", r.Query, r.Hits)
			}
		case "末位淘汰", "绩效工资":
			if noted {
				t.Errorf("%s: a clause whose words say it is counted a note's: %+v", r.Query, r.Hits)
			}
		}
	}
}

// 计算器 is the calculator page whole: the box does not head it with
// 没有完全匹配的条款, nor the search page count it as a partial match.
func TestCalculatorPageHoldsItsTitleWhole(t *testing.T) {
	rs := realSearch(t, []string{"计算器", "绩效工资计算器"})
	for _, r := range rs {
		if len(r.Hits) == 0 {
			t.Fatalf("%s: no results", r.Query)
		}
		h := r.Hits[0]
		if h.URL != "/latest/calculator/" || h.Anchor != "" || h.Exact != 1 || r.Partial || r.Whole < 1 {
			t.Errorf("%s: first %s#%s exact=%d, partial=%v, %d whole of %d", r.Query, h.URL, h.Anchor, h.Exact, r.Partial, r.Whole, r.Total)
		}
		// The clauses holding it whole are the page's own: its title, and
		// the sections under it (规则一览, by its sections' path).
		for _, h := range r.Hits[:r.Whole] {
			if h.URL != "/latest/calculator/" {
				t.Errorf("%s: %s#%s holds it whole", r.Query, h.URL, h.Anchor)
			}
		}
	}
}

// A word of the calculator's rules (舍入规则, 自然月) links to its rules
// table, which the calculator folds away unless a link points to it: the
// result landed on the form, the word out of sight.
func TestCalculatorRulesLinkToTheRulesTable(t *testing.T) {
	rs := realSearch(t, []string{"舍入规则", "计算器"})
	if h := rs[0].Hits[0]; h.URL != "/latest/calculator/" || h.Anchor != "规则一览" || !strings.Contains(h.Snippet, "<mark>舍入规则</mark>") {
		t.Errorf("舍入规则: first %+v", h)
	}
	if h := rs[1].Hits[0]; h.URL != "/latest/calculator/" || h.Anchor != "" {
		t.Errorf("计算器: first %+v, want the page's top", h)
	}
	mem := output.NewMemory()
	if _, err := Run(Options{Source: os.DirFS("../../content"), SourceName: "content", Theme: theme.FS, Out: mem,
		WASM: func() ([]byte, error) { return []byte("\x00asm\x01\x00\x00\x00"), nil }}); err != nil {
		t.Fatal(err)
	}
	if page := string(mem.Files["latest/calculator/index.html"]); !strings.Contains(page, `<details class="rules-table" id="规则一览"`) {
		t.Errorf("the calculator page has no rules table with the ID the index links to")
	}
}

// A chapter's title and the text before its first heading are one result:
// 保密 lists 第七章 大客户部保密制度 once, with its text, not the title and
// then the text, both linking to the same place.
func TestChapterTitleAndItsTextAreOneResult(t *testing.T) {
	rs := realSearch(t, []string{"保密", "管理构架", "泄漏公司秘密", "大客户"})
	for _, r := range rs {
		seen := map[string]bool{}
		for _, h := range r.Hits {
			if k := h.URL + "#" + h.Anchor; seen[k] {
				t.Errorf("%s: %s listed twice: %q", r.Query, k, r.Anchors())
			} else {
				seen[k] = true
			}
		}
	}
	h := rs[0].Hits[0]
	if h.URL != "/latest/confidentiality/" || h.Heading != "第七章 大客户部<mark>保密</mark>制度" || !strings.Contains(h.Snippet, "属于公司的<mark>保密</mark>事项") {
		t.Errorf("保密: first %+v", h)
	}
	if h := rs[2].Hits[0]; h.URL != "/latest/confidentiality/" || h.Heading != "第七章 大客户部保密制度" || h.Exact != 1 {
		t.Errorf("泄漏公司秘密: first %+v", h)
	}
}

// The org chart of chapter 2 is drawn from the job descriptions, and a
// reader searching for what it shows (a post, 汇报关系, the chart's name)
// finds the clause holding it: the chart's text was not indexed, and
// 汇报关系 found nothing of chapter 2.
func TestOrgChartIsSearched(t *testing.T) {
	rs := realSearch(t, []string{"汇报关系", "组织架构图", "市场总监"})
	for _, r := range rs[:2] {
		if len(r.Hits) == 0 || r.Hits[0].URL != "/latest/structure/" || r.Hits[0].Anchor != "" || r.Hits[0].Exact != 1 {
			t.Errorf("%s: %+v, want chapter 2's chart first", r.Query, r.Hits)
		}
	}
	found := false
	for _, h := range rs[2].Hits {
		if h.URL == "/latest/structure/" {
			found = strings.Contains(h.Snippet, "<mark>市场总监</mark>是大客户总监的直接上级")
		}
	}
	if !found {
		t.Errorf("市场总监: the chart is not among %q", rs[2].Anchors())
	}

	// A chart under a heading is that section's; and it follows the job
	// descriptions, whose pages are the ones edited, through a build with
	// a cache (handbook build's, on disk, is TestIncrementalSearchFollows…
	// in generator/cmd/handbook).
	src := fstest.MapFS{
		"site.toml":  {Data: []byte("title = \"手册\"\n")},
		"01-org.md":  {Data: []byte("---\ntitle: 架构\n---\n\n## 概述\n\n本章说明。\n\n## 架构图\n\n{{orgchart}}\n")},
		"02-jobs.md": {Data: []byte("---\ntitle: 职务\n---\n\n## 出纳\n\n直接上级：财务总监\n\n负责收付。\n")},
	}
	c := NewCache()
	query := func(q string) searchtest.Result {
		t.Helper()
		files := buildWith(t, src, c)
		return searchtest.SearchIndex(t, files, "latest/search", []string{q}, searchtest.Options{})[0]
	}
	r := query("财务总监是出纳的直接上级")
	if r.Whole != 1 || r.Hits[0].URL != "/latest/01-org/" || r.Hits[0].Anchor != "架构图" {
		t.Errorf("a chart under a heading: %+v", r.Hits)
	}
	src["02-jobs.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 职务\n---\n\n## 出纳\n\n直接上级：财务经理\n\n负责收付。\n")}
	if r := query("财务经理是出纳的直接上级"); r.Whole != 1 || r.Hits[0].Anchor != "架构图" {
		t.Errorf("after the job description changed: %+v", r.Hits)
	}
	if r := query("财务总监是出纳的直接上级"); r.Whole != 0 {
		t.Errorf("the old chart is still found: %+v", r.Hits)
	}
}

// A numbered item inside a numbered item (chapter 4's 1.1, 2.2: each has
// its ID and anchor) is a result of its own: 交流会 lands on
// #人员的培训.2.2 and shows its words; it landed on the item above it,
// #人员的培训.2, with all four of its sub-items run together as the snippet.
func TestNestedItemsAreResultsOfTheirOwn(t *testing.T) {
	rs := realSearch(t, []string{"交流会", "掌握报价", "在职培训"})
	want := []struct{ anchor, heading, snippet string }{
		{"人员的培训.2.2", "人员的培训 第2条第2项", "定期开展部门内的<mark>交流会</mark>"},
		{"人员的培训.1.1", "人员的培训 第1条第1项", "学习瑞送的模式，了解市场、<mark>掌握报价</mark>"},
		{"人员的培训.2", "人员的培训 第2条", "<mark>在职培训</mark>"},
	}
	for i, w := range want {
		r := rs[i]
		if len(r.Hits) == 0 {
			t.Errorf("%s: no results", r.Query)
			continue
		}
		h := r.Hits[0]
		heading := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Heading)
		if h.URL != "/latest/training/" || h.Anchor != w.anchor || heading != w.heading || h.Snippet != w.snippet {
			t.Errorf("%s: first %s#%s %q %q, want #%s %q %q", r.Query, h.URL, h.Anchor, heading, h.Snippet, w.anchor, w.heading, w.snippet)
		}
	}
}

// A query one character off a term of the handbook (a homophone the input
// method chose, two characters swapped) offers the term: 保秘 found nothing
// and said only 没有找到相关条款, 末位淘太 showed 末位淘 among scattered
// characters. The offer is checked against the index (some clause holds it
// whole), made from the edition's own words, and not made when the query is
// held whole or nothing one character away is a frequent term of it.
func TestTyposOfferTheHandbooksTerm(t *testing.T) {
	cases := []struct {
		query string
		want  []string // offered, in order; nil for none
	}{
		{"保秘", []string{"保密"}},
		{"宝密", []string{"保密"}},
		{"密保", []string{"保密"}}, // swapped
		{"考合", []string{"考核"}},
		{"末位淘太", []string{"末位淘汰"}},
		{"末为淘汰", []string{"末位淘汰"}},
		{"政府彩购", []string{"政府采购"}},
		{"挑战木标", []string{"挑战目标"}},
		{"倒数第依", []string{"倒数第一"}},
		{"大客户总鉴", []string{"大客户总监"}},
		{"客大户总监", []string{"大客户总监"}},
		{"考勤记路", []string{"考勤记录"}},
		{"績效工姿", []string{"绩效工资"}}, // traditional, and a typo
		{"保秘 制度", []string{"保密 制度"}},
		{" 保秘　", []string{"保密"}}, // spaces around are not the offer's
		// Longer than a search reads (a pasted paragraph): no offer.
		{strings.Repeat("末位淘汰", 16) + "保秘", nil},
		// Held whole: nothing to offer.
		{"保密", nil},
		{"绩效工资", nil},
		{"内勤 105%", nil},
		// Nothing one character away is a frequent term of the handbook:
		// no 出内 for 出差, no 与投标 (of 参与投标) for 招投标.
		{"出差", nil},
		{"招投标", nil},
		{"迟到早退", nil},
		{"年终奖", nil},
		{"试用期多久", nil},
		// The reader's own wording, every term of it in the handbook: no
		// 大客户总监的职务 (of 职务说明) for it.
		{"大客户总监的职责", nil},
		{"内勤的职责", nil},
		{"PPT", nil},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	check := func(edition string) {
		rs := editionSearch(t, edition, queries, searchtest.Options{Limit: 5, Suggest: true})
		for i, c := range cases {
			r := rs[i]
			if r.Error != "" {
				t.Fatalf("%s %s: %s", edition, c.query, r.Error)
			}
			if !slices.Equal(r.Suggestions, c.want) {
				t.Errorf("%s %s: offered %q, want %q", edition, c.query, r.Suggestions, c.want)
			}
		}
	}
	check("latest")
	check("v/2025.1")
}

// An amount typed as a spreadsheet shows it (3,000元, 2,640) finds the
// worked example that writes 3000元 and 2640; it listed the 第2条 of
// every chapter, and nothing for ３，０００元.
func TestAmountsWithThousandsSeparators(t *testing.T) {
	rs := realSearch(t, []string{"3,000元", "2,640", "３，０００元", "2,772元"})
	for _, r := range rs {
		if len(r.Hits) == 0 || r.Partial || r.Hits[0].Anchor != "销售人员奖惩办法.7" || r.Hits[0].Exact != 1 {
			t.Errorf("%s: %q (partial %v), want 销售人员奖惩办法.7 holding it first", r.Query, r.Anchors(), r.Partial)
		}
	}
}
