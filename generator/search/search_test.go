package search_test

import (
	"fmt"
	"maps"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

func TestRankingPutsTheDefiningClauseFirst(t *testing.T) {
	cases := []struct {
		name  string
		query string
		// first is the anchor of the first result; also lists anchors that
		// must follow it, in order, right after it.
		first []string
	}{
		{"末位淘汰 finds the sales tier that ends in elimination", "末位淘汰", []string{"销售人员奖惩办法.4"}},
		{"政府采购 finds the workflow heading, then the 内勤 duties", "政府采购", []string{"二政府采购的工作流程"}},
		{"保密 finds chapter 7", "保密", []string{"第七章-大客户部保密制度"}},
		{"105% finds the top tier of both roles, in reading order (销售人员 first: short clauses are not preferred for a few characters less)", "105%", []string{"销售人员奖惩办法.1", "内勤奖惩办法.1"}},
		{"full-width １０５％ is 105%", "１０５％", []string{"销售人员奖惩办法.1", "内勤奖惩办法.1"}},
		{"80% matches the source's 80℅, in reading order", "80%", []string{"销售人员奖惩办法.3", "内勤奖惩办法.3"}},
		{"2772 finds the sales worked example", "2772", []string{"销售人员奖惩办法.7"}},
		{"924元 finds the 内勤 worked example", "924元", []string{"内勤奖惩办法.7"}},
		{"3000*88% matches across punctuation", "3000*88%", []string{"销售人员奖惩办法.7"}},
		{"挑战目标 finds the bonus clause", "挑战目标", []string{"销售人员奖惩办法.5", "内勤奖惩办法.5"}},
		{"投标文件 finds the 内勤 duties", "投标文件", []string{"b内勤"}},
		{"市场总监 finds the director's job description", "市场总监", []string{"第三章职务说明书"}},
		{"考核目的 is a heading", "考核目的", []string{"一考核目的"}},
		{"公平 finds the principles", "公平", []string{"三考核的原则"}},
		{"工作态度 finds the 内勤 indicators, not 态度考核", "工作态度", []string{"内勤考核指标"}},
		{"绩效管理 finds its heading", "绩效管理", []string{"二绩效管理核心价值"}},
		{"two phrases must both be there", "倒数第一 末位", []string{"销售人员奖惩办法.4"}},
		{"a query with the heading's punctuation", "二、政府采购", []string{"二政府采购的工作流程"}},
		{"a zero-width space pasted into a query is no part of it", "末位\u200b淘汰", []string{"销售人员奖惩办法.4"}},
		{"泄露 finds the text's 泄漏, a variant of it", "泄露", []string{"第七章-大客户部保密制度"}},
	}
	queries := make([]string, len(cases))
	for i, c := range cases {
		queries[i] = c.query
	}
	results := searchtest.Search(t, handbook(), queries)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := results[i]
			if r.Error != "" {
				t.Fatal(r.Error)
			}
			got := r.Anchors()
			if len(got) < len(c.first) || !slices.Equal(got[:len(c.first)], c.first) {
				t.Errorf("%s: got %q, want it to start with %q", c.query, got, c.first)
			}
		})
	}
}

func TestPolicyTermsFindTheirClauses(t *testing.T) {
	results := searchtest.Search(t, handbook(), []string{"政府采购", "绩效工资"})
	t.Run("政府采购 lists the 内勤 duties among the first three", func(t *testing.T) {
		if got := results[0].Anchors(); !slices.Contains(got[:3], "b内勤") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("绩效工资 lists only clauses with the phrase, 奖惩办法 first", func(t *testing.T) {
		r := results[1]
		if !strings.Contains(r.Hits[0].Anchor, "奖惩办法.") {
			t.Errorf("first is %q", r.Hits[0].Anchor)
		}
		for _, h := range r.Hits {
			if h.Exact != 1 || !strings.Contains(h.Snippet, "<mark>绩效工资</mark>") {
				t.Errorf("%s: exact=%d snippet %q", h.Anchor, h.Exact, h.Snippet)
			}
		}
	})
	t.Run("the snippet marks the phrase and the heading its match", func(t *testing.T) {
		h := results[0].Hits[0]
		if h.Heading != "二、<mark>政府采购</mark>的工作流程" {
			t.Errorf("heading %q", h.Heading)
		}
	})
}

func TestExactPhraseRanksAboveScatteredCharacters(t *testing.T) {
	docs := []search.Doc{
		// All the bigrams of the query are here, many times, some in the
		// heading, but never as the phrase.
		{URL: "/a/", Heading: "大客户与客户经理", Anchor: "a", Text: "大客户的客户经理负责大客户。大客户的客户经理。"},
		{URL: "/b/", Heading: "其他事项", Anchor: "b", Text: "本条由大客户经理负责。"},
		// Only some characters.
		{URL: "/c/", Heading: "经理", Anchor: "c", Text: "经理与客户。"},
		{URL: "/d/", Heading: "大客户经理的职责", Anchor: "d", Text: "略。"},
	}
	r := searchtest.Search(t, docs, []string{"大客户经理"})[0]
	if got, want := r.Anchors(), []string{"d", "b", "a"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (heading phrase, text phrase, scattered; c lacks 大客)", got, want)
	}
	if r.Hits[2].Exact != 0 || !strings.Contains(r.Hits[2].Snippet, "<mark>") {
		t.Errorf("scattered hit: %+v", r.Hits[2])
	}
	// Three clauses found, two holding the phrase: the count a reader sees
	// is not that of the characters scattered (Pagefind's 9,242 pages for
	// 6,048 that hold 大客户经理).
	if r.Total != 3 || r.Whole != 2 {
		t.Errorf("大客户经理: total %d, whole %d; want 3 found, 2 holding the phrase", r.Total, r.Whole)
	}
}

// The count of clauses holding the query whole is exact however many
// candidates there are, those already read and those not, in a large
// index whose shards hold a few docs each.
func TestWholeCountsTheClausesHoldingThePhrase(t *testing.T) {
	var docs []search.Doc
	want := map[string]int{}
	texts := []string{"客户档案由内勤保管。", "客户甲乙丙丁戊己庚辛档案。", "客户的档案由内勤保管。", "档案与客户分开。", "建立客户档案，客户档案每月更新。", "客户资料。"}
	for i := 0; i < 600; i++ {
		t := texts[i%len(texts)]
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i/10), Anchor: fmt.Sprintf("a%d", i), Heading: fmt.Sprintf("第%d条", i), Text: t})
		if strings.Contains(t, "客户档案") {
			want["客户档案"]++
		}
		if strings.Contains(t, "客户") && strings.Contains(t, "档案") {
			want["total"]++
		}
	}
	files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 400})
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{1, 10, 500} {
		r := searchtest.SearchIndex(t, files, "search", []string{"客户档案"}, searchtest.Options{Limit: limit})[0]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		if r.Total != want["total"] || r.Whole != want["客户档案"] {
			t.Errorf("limit %d: total %d, whole %d; want %d and %d", limit, r.Total, r.Whole, want["total"], want["客户档案"])
		}
	}
}

func TestBadQueriesAnswerQuickly(t *testing.T) {
	checkAnswered(t, searchtest.Search(t, handbook(), badQueries))
}

// badQueries are what a reader may type that is no query at all.
var badQueries = []string{
	"", "   ", "。,!?", "%", ".*", "[(", "\\", "(?:a|b)*$", "<script>alert(1)</script>",
	strings.Repeat("末", 1000), strings.Repeat("绩效工资 ", 200), strings.Repeat("a", 1000),
	"\u0000\ufeff\U0001F600", "末", "a",
}

// checkAnswered checks that every query answered without an error, within
// a second.
func checkAnswered(t *testing.T, results []searchtest.Result) {
	t.Helper()
	for _, r := range results {
		name := r.Query
		if len(name) > 20 {
			name = name[:20] + "…"
		}
		if r.Error != "" {
			t.Errorf("%q: %s", name, r.Error)
		}
		if r.Millis > 1000 {
			t.Errorf("%q took %.0f ms", name, r.Millis)
		}
	}
}

func TestShardingDoesNotChangeResults(t *testing.T) {
	queries := []string{"末位淘汰", "政府采购", "105%", "大客户", "绩效 发放", "保密"}
	docs := handbook()
	one, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	many, err := search.Build(docs, search.Options{ShardBytes: 200, DocShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	if n := countPrefix(one, "p"); n != 1 {
		t.Errorf("small site: %d postings shards, want 1", n)
	}
	if n := countPrefix(many, "p"); n < 10 {
		t.Errorf("200-byte shards: only %d shards", n)
	}
	a := searchtest.SearchIndex(t, one, "search", queries, searchtest.Options{})
	b := searchtest.SearchIndex(t, many, "search", queries, searchtest.Options{})
	for i := range queries {
		if !slices.Equal(a[i].Anchors(), b[i].Anchors()) {
			t.Errorf("%s: one shard %q, many %q", queries[i], a[i].Anchors(), b[i].Anchors())
		}
		if b[i].Files >= countPrefix(many, "p")+countPrefix(many, "d") {
			t.Errorf("%s fetched all %d files", queries[i], b[i].Files)
		}
	}
}

func countPrefix(files map[string][]byte, prefix string) int {
	n := 0
	for name := range files {
		base := name[strings.LastIndexByte(name, '/')+1:]
		if strings.HasPrefix(base, prefix) && base != "meta.json" {
			n++
		}
	}
	return n
}

func TestEachRevisionSearchesItsOwnText(t *testing.T) {
	old := handbook()
	errata := handbook()
	for i := range errata {
		errata[i].URL = strings.Replace(errata[i].URL, "/latest/", "/v/2/", 1)
		errata[i].Text = strings.ReplaceAll(errata[i].Text, "绩效工资1500元", "绩效工资2000元")
	}
	a := searchtest.Search(t, old, []string{"1500元"})[0]
	b := searchtest.Search(t, errata, []string{"1500元", "2000元"})
	if len(a.Hits) != 1 || a.Hits[0].URL != "/latest/performance/" {
		t.Errorf("old revision: %+v", a.Hits)
	}
	if len(b[0].Hits) != 0 {
		t.Errorf("errata still finds 1500元: %+v", b[0].Hits)
	}
	if len(b[1].Hits) == 0 || b[1].Hits[0].URL != "/v/2/performance/" {
		t.Errorf("errata 2000元: %+v", b[1].Hits)
	}
}

func TestBrowserTokenizerAgreesWithGo(t *testing.T) {
	source, err := os.ReadFile("../../../shared/source/key-account-sales-policy.txt")
	if err != nil {
		t.Skip("source text not found:", err)
	}
	texts := []string{
		"当月绩效工资按105%发放", "ＡＢＣ１２３，２０２５．１", "2025.1.5 v1.2a", "80℅", "A、内勤 B、大客户员",
		"ﾊﾝｶｸ カタカナ 한국어", "x\u0085y\ufeffz", "末", "末位", "3000*88℅=2640元",
		"绩\u200b效\u00ad工资\ufeff 9\u2060 5% \u200e第1条\u202a", "\u0600\u061c\u06dd\u070f\u0890\u08e2\u180e\u2064\u2066\u206f\ufff9\U000110bd\U000110cd\U00013430\U0001bca3\U0001d17a\U000e0001\U000e007f中文",
		"\u2065\u2000\u200a\u2070\ufefe\ufffc\u05ff中\u1800文",
		search.VariantWords + " 泄漏泄 其它它 帐帐户",
		string(source),
	}
	js := searchtest.Tokenize(t, texts)
	for i, s := range texts {
		var gotGo []searchtest.Token
		for _, tk := range search.Tokenize(s) {
			gotGo = append(gotGo, searchtest.Token{Text: tk.Text, Pos: tk.Pos})
		}
		if !slices.Equal(gotGo, js[i]) && !(len(gotGo) == 0 && len(js[i]) == 0) {
			t.Errorf("text %d: Go %v\nJS %v", i, head(gotGo), head(js[i]))
		}
	}
}

func head(ts []searchtest.Token) []searchtest.Token { return ts[:min(len(ts), 20)] }

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := search.Build(handbook(), search.Options{ShardBytes: 500})
	b, _ := search.Build(handbook(), search.Options{ShardBytes: 500})
	if len(a) != len(b) {
		t.Fatal("different file sets")
	}
	for name, x := range a {
		if string(b[name]) != string(x) {
			t.Errorf("%s differs between builds", name)
		}
	}
	_ = time.Second
}

func TestBuildRejectsDocsWithoutURL(t *testing.T) {
	if _, err := search.Build([]search.Doc{{Heading: "x"}}, search.Options{}); err == nil {
		t.Error("no error for a doc without URL")
	}
}

// TestPhraseRanksFirstWhenManyClausesScatterIt has a hundred clauses whose
// headings hold both halves of 客户档案 apart, so reading texts one by one
// would take long; the browser then fetches the terms' positions, and the
// clauses with the phrase still come first.
func TestPhraseRanksFirstWhenManyClausesScatterIt(t *testing.T) {
	docs := phraseDocs(100, "二、客户资料档案", "建立客户资料档案，收集客户信息。")
	files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	checkPhraseFirst(t, files, []string{"x0", "x1", "x2"}, 103)
}

// phraseDocs is n clauses s0… holding 客户 and 档案 apart (heading and
// scattered text as given), then three, x0 x1 x2, holding 客户档案.
func phraseDocs(n int, heading, scattered string) []search.Doc {
	var docs []search.Doc
	for i := range n {
		a := strconv.Itoa(i)
		docs = append(docs, search.Doc{URL: "/p" + a + "/", Heading: heading, Anchor: "s" + a, Text: scattered})
	}
	for i := range 3 {
		a := strconv.Itoa(i)
		docs = append(docs, search.Doc{URL: "/q" + a + "/", Heading: "其他", Anchor: "x" + a, Text: "负责客户档案的管理。"})
	}
	return docs
}

// checkPhraseFirst queries 客户档案 for five hits and checks that the
// clauses holding the phrase, want, come first, that the fourth hit does
// not hold it, and that total clauses are found.
func checkPhraseFirst(t *testing.T, files map[string][]byte, want []string, total int) searchtest.Result {
	t.Helper()
	r := searchtest.SearchIndex(t, files, "search", []string{"客户档案"}, searchtest.Options{Limit: 5})[0]
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if got := r.Anchors(); len(got) != 5 || !slices.Equal(got[:3], want) {
		t.Errorf("got %q, want %s first", got, strings.Join(want, " "))
	}
	if r.Total != total || r.Hits[3].Exact != 0 {
		t.Errorf("total %d, fourth hit %+v", r.Total, r.Hits[3])
	}
	return r
}

// TestPhraseRanksFirstWhenOffsetsCollide has clauses where 档案 is ten
// characters after 客户, so the terms' offsets modulo 8 (in the postings)
// cannot rule the phrase out: reading texts would take long, so the browser
// fetches the terms' positions, and the clauses with the phrase still come
// first without reading every candidate.
func TestPhraseRanksFirstWhenOffsetsCollide(t *testing.T) {
	docs := phraseDocs(300, "资料", "客户一二三四五六七八档案。")
	files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	r := checkPhraseFirst(t, files, []string{"x0", "x1", "x2"}, 303)
	t.Logf("fetched %d files, %d doc shards", r.Files, countPrefix(files, "d"))
	if docShards := countPrefix(files, "d"); r.Files > docShards/4 {
		t.Errorf("fetched %d files of %d doc shards: read the candidates one by one", r.Files, docShards)
	}
}

// TestRepeatedTermsApartAreRuledOutWithoutPositions has clauses that name
// 客户 twice and hold 档案 ten characters after the first, so the terms'
// offsets modulo 8 cannot rule 客户档案 out, in a heading that ranks them
// above the three clauses holding it. The characters after 客户 (a byte
// of its postings where it is twice or more) rule them out: the search
// reads the text of one batch of candidates, its first three hits hold the
// phrase, and it fetches no positions.
func TestRepeatedTermsApartAreRuledOutWithoutPositions(t *testing.T) {
	scattered := "客户一二三四五六七八档案，客户的。"
	for _, c := range "一的资" {
		if search.NextHash(c) == search.NextHash('档') {
			t.Fatalf("%c and 档 have the same bit: the test rules out nothing", c)
		}
	}
	docs := phraseDocs(300, "客户资料档案", scattered)
	files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	r := checkPhraseFirst(t, files, []string{"x0", "x1", "x2"}, 303)
	shards := 0
	for _, p := range r.Paths {
		if strings.HasSuffix(p, ".pos") {
			t.Errorf("fetched the positions %s", p)
		}
		if path.Base(p)[0] == 'd' {
			shards++
		}
	}
	if shards > 8 {
		t.Errorf("fetched %d doc shards (%v): read more than one batch of 8 candidates", shards, r.Paths)
	}
	// The same over a delta: the base's postings and the delta's, each with
	// its bytes of next characters, merged.
	all, _ := withDelta(t, docs[:300], nil, docs[300:], search.Options{ShardBytes: 300, DocShardBytes: 300})
	r = checkPhraseFirst(t, all, []string{"x0", "x1", "x2"}, 303)
	for _, p := range r.Paths {
		if strings.HasSuffix(p, ".pos") {
			t.Errorf("over a delta, fetched the positions %s", p)
		}
	}
}

// The bit of a posting's byte of next characters is the same in Go and in
// the browser, or the browser would rule out clauses that hold a phrase.
func TestNextHashAgreesWithTheBrowser(t *testing.T) {
	cps := []rune("档资一。，的客户a0%．Ａ")
	cps = append(cps, 0x20000, 0x3007, 0x10FFFF, 0xAC00, 0x9FFF)
	js := searchtest.NextHash(t, cps)
	seen := map[uint32]bool{}
	for i, c := range cps {
		if got := search.NextHash(c); got != js[i] || got > 7 {
			t.Errorf("%U: Go %d, browser %d", c, got, js[i])
		}
		seen[js[i]] = true
	}
	if len(seen) < 5 {
		t.Errorf("%d code points take %d bits of 8", len(cps), len(seen))
	}
}

// The search box prefetches a query while it waits for the reader to pause
// (Index.prefetch with the dropdown's limit): once that has settled, the
// search fetches nothing more, and its results are those of a search with
// no prefetch. Over small shards, so that a query's clauses are in many.
func TestPrefetchDoesTheSearchesFetching(t *testing.T) {
	queries := []string{"末位淘汰", "政府采购", "105%", "大客户经理", "绩效 发放", "保密", "客户 信息", "2025.1", "无此词语"}
	docs := searchtest.Synthetic(7, 200, 12)
	files, err := search.Build(docs, search.Options{ShardBytes: 2000, DocShardBytes: 3000})
	if err != nil {
		t.Fatal(err)
	}
	plain := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 8})
	boxed := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 8, Prefetch: true})
	for i, q := range queries {
		a, b := plain[i], boxed[i]
		if a.Error != "" || b.Error != "" {
			t.Fatalf("%s: %s %s", q, a.Error, b.Error)
		}
		if !slices.Equal(a.Anchors(), b.Anchors()) || a.Total != b.Total || fmt.Sprint(a.Hits) != fmt.Sprint(b.Hits) {
			t.Errorf("%s: prefetched %d %v, plain %d %v", q, b.Total, b.Hits, a.Total, a.Hits)
		}
		if b.AfterPrefetch != 0 {
			t.Errorf("%s: the search fetched %d files after the prefetch settled", q, b.AfterPrefetch)
		}
		if b.Files != a.Files {
			t.Errorf("%s: prefetch and search fetched %d files, a search alone %d", q, b.Files, a.Files)
		}
	}
	if plain[0].Total == 0 || plain[1].Files < 4 {
		t.Fatalf("the corpus does not exercise the doc shards: %+v", plain[1])
	}
}

// A clause under a section names it as its Parent: a phrase found only
// there ranks it below the section itself and below clauses that say the
// phrase, and the result shows the path with the phrase marked.
func TestParentMatchRanksBelowOwnHeadingAndText(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Heading: "第三章 职务说明书", Level: 1},
		{URL: "/p/", Parent: "A、大客户总监 · 职位职责 ", Heading: "第1条", Anchor: "职位职责.1", Level: 4, Text: "定期向直接上级述职；"},
		{URL: "/p/", Parent: "A、大客户总监 · 职位职责 ", Heading: "第2条", Anchor: "职位职责.2", Level: 4, Text: "处理紧急突发事件。"},
		{URL: "/p/", Parent: "A、大客户总监 · ", Heading: "职位职责：", Anchor: "职位职责", Level: 3},
		{URL: "/p/", Heading: "A、大客户总监", Anchor: "职务a", Level: 2, Text: "直接上级：市场总监。本职工作：负责大客户部的全面工作，完成公司下达的销售目标，并组织落实。"},
		{URL: "/p/", Heading: "B、内勤", Anchor: "b内勤", Level: 2, Text: "直接上级：大客户总监"},
		{URL: "/p/", Parent: "B、内勤 · ", Heading: "职位职责：", Anchor: "职位职责-1", Level: 3},
	}
	r := searchtest.Search(t, docs, []string{"大客户总监", "述职 大客户总监", "职位职责"})
	if got := r[0].Anchors(); len(got) != 5 || !slices.Equal(got[:2], []string{"职务a", "b内勤"}) {
		t.Errorf("大客户总监: got %q, want the section, then the clause that names it, then those under it", got)
	}
	for _, h := range r[0].Hits[2:] {
		if h.Exact != 0 || !strings.HasPrefix(h.Heading, "A、<mark>大客户总监</mark> · ") {
			t.Errorf("大客户总监: %s matched through its parent: exact %d, heading %q", h.Anchor, h.Exact, h.Heading)
		}
	}
	// The item says 述职 and is under 大客户总监: it holds the query whole,
	// and comes first; then the section, which has one phrase in its
	// heading.
	if got := r[1].Anchors(); len(got) < 2 || !slices.Equal(got[:2], []string{"职位职责.1", "职务a"}) || r[1].Whole != 1 || r[1].Hits[0].Exact != 2 {
		t.Errorf("述职 大客户总监: got %q (%d whole), want the item that says 述职 under the section, whole, then the section", got, r[1].Whole)
	}
	var headings []string
	for _, h := range r[2].Hits[:2] {
		headings = append(headings, h.Heading)
	}
	if want := []string{"A、大客户总监 · <mark>职位职责</mark>：", "B、内勤 · <mark>职位职责</mark>："}; !slices.Equal(headings, want) {
		t.Errorf("职位职责: headings %q, want %q (each with its section)", headings, want)
	}
}

// The snippet marks the longest runs of the query found in it: with the
// characters the index does not hold on their own (a single 分 or 元 next
// to a number), and a part of a phrase that is absent whole as far as it
// goes (大客户 of 大客户经理, not its first two characters).
func TestHighlightMarksTheLongestRuns(t *testing.T) {
	docs := append(handbook(), search.Doc{URL: "/a/", Heading: "其他", Anchor: "a", Text: "大客户的客户经理负责大客户。"})
	r := searchtest.Search(t, docs, []string{"60分", "６０分", "2772元", "大客户经理"})
	for i, want := range []string{"<mark>60分</mark>以下", "<mark>60分</mark>以下", "=<mark>2772元</mark>"} {
		found := false
		for _, h := range r[i].Hits {
			found = found || strings.Contains(h.Snippet, want)
		}
		if !found {
			t.Errorf("%s: no snippet has %q: %+v", r[i].Query, want, r[i].Hits)
		}
	}
	for _, h := range r[3].Hits {
		if h.Anchor == "a" && h.Snippet != "<mark>大客户</mark>的<mark>客户经理</mark>负责<mark>大客户</mark>。" {
			t.Errorf("大客户经理: snippet %q", h.Snippet)
		}
		if strings.Contains(h.Snippet, "<mark>大客</mark>户") {
			t.Errorf("大客户经理: %s marks 大客 of 大客户: %q", h.Anchor, h.Snippet)
		}
	}
}

// A mark begins and ends where the text's words and numbers do: the 5% of
// 105% is not the query 5%, and a snippet centred on it would hide the
// 5% the clause does hold; nor is 000*88% of 1000*88% the query 3000*88%.
func TestHighlightNeverMarksPartOfANumber(t *testing.T) {
	docs := []search.Doc{
		{URL: "/a/", Heading: "规则一览", Anchor: "a", Text: "95–100 分 105% 第1条" + strings.Repeat("，说明", 20) + "。未完成 扣除 5% 的奖金。"},
		{URL: "/b/", Heading: "举例", Anchor: "b", Text: "绩效奖发放：1000*88%=880元。"},
		{URL: "/c/", Heading: "举例", Anchor: "c", Text: "绩效奖发放：3000*88%=2640元。"},
	}
	docs = append(docs, search.Doc{URL: "/d/", Heading: "第3条", Anchor: "d", Text: "得分在（60——89）分：当月绩效工资按得分比例（如 80 分发 80%）发放，满分 105 分。"})
	r := searchtest.Search(t, docs, []string{"5%", "3000*88%", "105%"})
	// Nor the % of another number: 80% is not part of the query 105%.
	for _, q := range r {
		for _, h := range q.Hits {
			if regexp.MustCompile(`[0-9]<mark>%`).MatchString(h.Snippet) {
				t.Errorf("%s: %s marks the %% of another number: %q", q.Query, h.Anchor, h.Snippet)
			}
		}
	}
	for _, h := range r[2].Hits {
		if h.Anchor == "d" && !strings.Contains(h.Snippet, "满分 <mark>105</mark> 分") {
			t.Errorf("105%%: d's snippet %q", h.Snippet)
		}
	}
	for _, h := range r[0].Hits {
		if strings.Contains(h.Snippet, "10<mark>") {
			t.Errorf("5%%: %s marks part of 105%%: %q", h.Anchor, h.Snippet)
		}
		if h.Anchor == "a" && !strings.Contains(h.Snippet, "扣除 <mark>5%</mark>") {
			t.Errorf("5%%: the snippet of a does not show its 5%%: %q", h.Snippet)
		}
	}
	for _, h := range r[1].Hits {
		if h.Anchor == "b" && h.Snippet != "绩效奖发放：1000*<mark>88%</mark>=880元。" {
			t.Errorf("3000*88%%: b marks more than 88%% of 1000*88%%: %q", h.Snippet)
		}
		if h.Anchor == "c" && !strings.Contains(h.Snippet, "<mark>3000*88%</mark>") {
			t.Errorf("3000*88%%: c's snippet %q", h.Snippet)
		}
	}
}

// A snippet is never cut inside a match: the second 1500 of a long clause,
// at the snippet's end, shows whole, not as a marked 15.
func TestSnippetNeverCutsAMatch(t *testing.T) {
	docs := []search.Doc{{URL: "/a/", Heading: "举例", Anchor: "a", Text: "1500" + strings.Repeat("甲", 54) + "1500" + strings.Repeat("乙", 20)}}
	r := searchtest.Search(t, docs, []string{"1500"})[0]
	if len(r.Hits) != 1 {
		t.Fatalf("1500: %+v", r)
	}
	if s := r.Hits[0].Snippet; !strings.HasSuffix(s, "<mark>1500</mark>…") {
		t.Errorf("1500: snippet %q, want it to end with the whole second 1500", s)
	}
}

// A character the index holds in no bigram of its own — 分 after 100, 条
// after 1 — is still part of the query: 100分 is not found whole in 按100%
// or in （95——100）分, and 第1条 not in every clause with a 1. Any run of
// two characters of the text is a term, a number's last digit and the
// ideograph after it (0分) too.
func TestNumberWithAUnitIsFoundWhole(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Heading: "奖惩办法 第1条", Anchor: "a", Text: "得分在（95——100）分的员工，当月绩效工资按105%发放。"},
		{URL: "/p/", Heading: "奖惩办法 第2条", Anchor: "b", Text: "得分在（90——94）分的员工，当月绩效工资按100%发放。"},
		{URL: "/p/", Heading: "考核项目", Anchor: "c", Text: "业绩考评满分为100分，其中1100分制已废止。"},
		{URL: "/p/", Heading: "奖惩办法 第10条", Anchor: "d", Text: "第1项至第3项按月执行，满分100 分。"},
	}
	r := searchtest.Search(t, docs, []string{"100分", "第1条", "１００分", "100 分", "90分"})
	if got := r[0].Anchors(); len(got) == 0 || got[0] != "c" || r[0].Whole != 1 {
		t.Errorf("100分: got %q, %d whole of %d; want c first, the only one holding it whole", got, r[0].Whole, r[0].Total)
	}
	for _, h := range r[0].Hits {
		if h.Anchor != "c" && h.Exact != 0 {
			t.Errorf("100分: %s counted as holding it whole: %q", h.Anchor, h.Snippet)
		}
		if h.Anchor == "c" && !strings.Contains(h.Snippet, "满分为<mark>100分</mark>，其中1100分") {
			t.Errorf("100分: c's snippet %q", h.Snippet)
		}
	}
	if got := r[1].Anchors(); len(got) == 0 || got[0] != "a" || r[1].Whole != 1 || r[1].Hits[0].Heading != "奖惩办法 <mark>第1条</mark>" {
		t.Errorf("第1条: got %q (%+v), %d whole of %d; want a, alone whole", got, r[1].Hits, r[1].Whole, r[1].Total)
	}
	if got := r[2].Anchors(); len(got) == 0 || got[0] != "c" || r[2].Whole != 1 {
		t.Errorf("１００分: got %q, %d whole", got, r[2].Whole)
	}
	// Two phrases: 100 and 分 (one character, not searched) — any 100.
	if r[3].Total != 4 || r[3].Whole != 4 {
		t.Errorf("100 分: %d found, %d whole; want every clause with 100", r[3].Total, r[3].Whole)
	}
	// No clause holds 90分: the one with 90 is listed, its 90 marked, not
	// the 0分 of 100分.
	if got := r[4].Anchors(); len(got) != 1 || got[0] != "b" || r[4].Whole != 0 || r[4].Hits[0].Snippet != "得分在（<mark>90</mark>——94）分的员工，当月绩效工资按100%发放。" {
		t.Errorf("90分: got %q, %d whole: %+v", got, r[4].Whole, r[4].Hits)
	}
	r = searchtest.Search(t, []search.Doc{{URL: "/p/", Heading: "举例", Anchor: "e", Text: "得分在（90——94）分，举例：考核得分80分。"}}, []string{"90分"})
	if len(r[0].Hits) != 1 || r[0].Hits[0].Snippet != "得分在（<mark>90</mark>——94）分，举例：考核得分80分。" {
		t.Errorf("90分: %+v", r[0].Hits)
	}
}

// Punctuation between two words of a query stands for the text's, of 1 to
// 4 characters, whichever it is: the reader types 95-100 for the text's
// （95——100）, the calculator's 95–100 and a 95 — 100; 3000×88% for
// 3000*88%. A number it joins to another is not: 95至100 holds an
// ideograph there, 195-1000 other numbers, 95100 one.
func TestPunctuationInAQueryStandsForTheTexts(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Heading: "第1条", Anchor: "a", Text: "得分在（95——100）分的员工，当月绩效工资按105%发放。"},
		{URL: "/p/", Heading: "规则一览", Anchor: "b", Text: "得分 95–100 分 105%"},
		{URL: "/p/", Heading: "说明", Anchor: "c", Text: "满分 100 分，95 — 100 为优秀。"},
		{URL: "/p/", Heading: "其他", Anchor: "d", Text: "得分在95至100之间，另见第195-1000号文件；编号95100。"},
		{URL: "/p/", Heading: "其他", Anchor: "e", Text: "95 分以上……………100 分以下"},
		{URL: "/p/", Heading: "举例", Anchor: "f", Text: "绩效奖发放：3000*88%=2640元。"},
	}
	r := searchtest.Search(t, docs, []string{"95-100", "95~100", "3000×88%", "95——100"})
	for _, q := range r[:2] {
		if got := q.Anchors(); len(got) != 5 || !slices.Equal(slices.Sorted(slices.Values(got[:3])), []string{"a", "b", "c"}) || q.Whole != 3 {
			t.Errorf("%s: got %q, %d whole; want a b c (whole) first, then d and e (apart)", q.Query, got, q.Whole)
		}
		for _, h := range q.Hits {
			want := map[string]string{"a": "（<mark>95——100</mark>）", "b": "<mark>95–100</mark> 分", "c": "<mark>95 — 100</mark> 为", "d": "在<mark>95</mark>至<mark>100</mark>之间"}[h.Anchor]
			if !strings.Contains(h.Snippet, want) {
				t.Errorf("%s: %s's snippet %q, want it to hold %q", q.Query, h.Anchor, h.Snippet, want)
			}
			if h.Anchor == "d" && strings.Contains(h.Snippet, "1<mark>95") {
				t.Errorf("%s: d marks part of 195: %q", q.Query, h.Snippet)
			}
		}
	}
	if got := r[2].Anchors(); len(got) != 1 || got[0] != "f" || r[2].Whole != 1 || !strings.Contains(r[2].Hits[0].Snippet, "<mark>3000*88%</mark>") {
		t.Errorf("3000×88%%: %+v, %d whole", r[2].Hits, r[2].Whole)
	}
	if r[3].Whole != 3 {
		t.Errorf("95——100: %d whole, want 3", r[3].Whole)
	}
}

// The count of clauses holding a query with punctuation whole is the same
// when it comes from where the terms are (many candidates) as from their
// text (few): never the clauses where an ideograph stands between its
// words (95与100), which the positions alone do not tell from 95——100.
// With too many of those to read, the count is unknown, not wrong.
func TestPunctuationInAQueryCountsFromPositions(t *testing.T) {
	for _, n := range []int{100, 400} {
		var docs []search.Doc
		texts := []string{"得分在（95——100）分。", "得分 95–100 分", "95 分以上，100 分以下……", "95与100", "100——95"}
		want := 0
		for i := range n {
			s := texts[i%len(texts)]
			docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i/10), Anchor: fmt.Sprintf("a%d", i), Heading: fmt.Sprintf("第%d条", i), Text: s})
			if i%len(texts) < 2 {
				want++
			}
		}
		files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 400})
		if err != nil {
			t.Fatal(err)
		}
		r := searchtest.SearchIndex(t, files, "search", []string{"95-100"}, searchtest.Options{Limit: 5})[0]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		if r.Total != n || r.Whole != want && (n == 100 || r.Whole != -1) {
			t.Errorf("95-100 in %d clauses: %d found, %d whole; want %d and %d", n, r.Total, r.Whole, n, want)
		}
		for _, h := range r.Hits {
			if h.Exact != 1 {
				t.Errorf("95-100 in %d clauses: %s listed first without the range: %q", n, h.Anchor, h.Snippet)
			}
		}
	}
}

// A reader typing traditional characters finds the simplified text: 績效工資
// lists what 绩效工资 does, marked. A traditional character the text does
// hold is not read as simplified (後勤 finds 後勤, not 后勤 alone).
func TestTraditionalQueryFindsTheSimplifiedText(t *testing.T) {
	docs := append(handbook(), search.Doc{URL: "/x/", Heading: "附录", Anchor: "x", Text: "後勤保障由行政部负责；后勤人员另行规定。"})
	r := searchtest.Search(t, docs, []string{"绩效工资", "績效工資", "末位淘汰", "末位淘汰", "後勤", "政府採購"})
	if r[1].Total == 0 || !slices.Equal(r[0].Anchors(), r[1].Anchors()) || r[0].Whole != r[1].Whole {
		t.Errorf("績效工資: %q (%d whole), want what 绩效工资 finds: %q (%d whole)", r[1].Anchors(), r[1].Whole, r[0].Anchors(), r[0].Whole)
	}
	for _, h := range r[1].Hits {
		if !strings.Contains(h.Snippet, "<mark>绩效工资</mark>") {
			t.Errorf("績效工資: %s's snippet %q", h.Anchor, h.Snippet)
		}
	}
	if got := r[4].Anchors(); len(got) != 1 || got[0] != "x" || r[4].Hits[0].Snippet != "<mark>後勤</mark>保障由行政部负责；后勤人员另行规定。" {
		t.Errorf("後勤: %+v", r[4].Hits)
	}
	if got := r[5].Anchors(); len(got) == 0 || got[0] != "二政府采购的工作流程" || r[5].Hits[0].Heading != "二、<mark>政府采购</mark>的工作流程" {
		t.Errorf("政府採購: %+v", r[5].Hits)
	}
}

// A delta that brings a character the base did not hold (费) folds its
// traditional form too; one that brings a traditional character (資)
// keeps it as it is.
func TestTraditionalQueryOverADelta(t *testing.T) {
	opts := search.Options{Dir: "search"}
	base, err := search.Build(handbook(), opts)
	if err != nil {
		t.Fatal(err)
	}
	delta, err := search.BuildDelta(base["search/meta.json"], nil, []search.Doc{
		{URL: "/n/", Heading: "差旅费", Anchor: "n", Text: "差旅费按实报销。"},
		{URL: "/n/", Heading: "附", Anchor: "m", Text: "資料室。"},
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	files := maps.Clone(base)
	maps.Copy(files, delta)
	r := searchtest.SearchIndex(t, files, "search", []string{"差旅費", "資料", "绩效工資"}, searchtest.Options{})
	if got := r[0].Anchors(); len(got) != 1 || got[0] != "n" {
		t.Errorf("差旅費 over the delta: %q", got)
	}
	if got := r[1].Anchors(); len(got) != 1 || got[0] != "m" {
		t.Errorf("資料 over the delta: %q", got)
	}
	if r[2].Whole != 0 {
		t.Errorf("绩效工資 over a delta holding 資: %d whole, want none (資 is the text's own)", r[2].Whole)
	}
}

// A snippet begins and ends where a number or word does: the …4 分档 of
// 90——94 分档 reads as a tier of 4 points, and a 10… cut from 105% as ten.
func TestSnippetNeverCutsANumber(t *testing.T) {
	text := strings.Repeat("甲", 40) + "123456789，按规定发放之日起，末位淘汰" + strings.Repeat("乙", 37) + "987654321" + strings.Repeat("丙", 40)
	long := strings.Repeat("甲", 30) + strings.Repeat("abcd", 10) + "，末位淘汰" + strings.Repeat("乙", 40) + "105%的" + strings.Repeat("丙", 40)
	r := searchtest.Search(t, []search.Doc{
		{URL: "/a/", Heading: "甲", Anchor: "a", Text: text},
		{URL: "/b/", Heading: "乙", Anchor: "b", Text: long},
	}, []string{"末位淘汰"})[0]
	for _, h := range r.Hits {
		s := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet)
		want := map[string][2]string{
			"a": {"…123456789，", "乙987654321…"},
			// Too long to take whole: left out.
			"b": {"…，末位淘汰", "乙105%…"},
		}[h.Anchor]
		if !strings.HasPrefix(s, want[0]) || !strings.HasSuffix(s, want[1]) {
			t.Errorf("%s: snippet %q, want it to start with %q and end with %q", h.Anchor, s, want[0], want[1])
		}
	}
}

// A query of two phrases, one said by a clause and one by its section
// (大客户总监 述职): the clause holds it whole, and the count of those that
// do is exact when it comes from where the terms are, which the sections'
// path does not have: the clauses whose terms could be there are read (or,
// too many, the count is unknown, not wrong).
func TestSectionAndClausePhraseCountsFromPositions(t *testing.T) {
	kinds := []struct {
		parent, text string
		whole        bool
	}{
		{"A、大客户总监 · 职位职责 ", "定期向直接上级述职；", true},
		{"B、内勤 · 职位职责 ", "每月向大客户总监述职。", true},
		{"C、大客户员 · 职位职责 ", "向总监述职。", false},
		{"A、大客户总监 · 职位职责 ", "处理紧急突发事件。", false},
		// Every term of 大客户总监 is here, apart.
		{"大客户部 · ", "大客户与户总、总监述职。", false},
	}
	for _, n := range []int{100, 400} {
		var docs []search.Doc
		want := 0
		for i := range n {
			k := kinds[i%len(kinds)]
			docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i/10), Anchor: fmt.Sprintf("a%d", i), Parent: k.parent, Heading: fmt.Sprintf("第%d条", i), Text: k.text})
			if k.whole {
				want++
			}
		}
		files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 400})
		if err != nil {
			t.Fatal(err)
		}
		r := searchtest.SearchIndex(t, files, "search", []string{"大客户总监 述职"}, searchtest.Options{Limit: 5})[0]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		if r.Whole != want && (n == 100 || r.Whole != -1) {
			t.Errorf("大客户总监 述职 in %d clauses: %d whole, want %d", n, r.Whole, want)
		}
		for _, h := range r.Hits {
			if h.Exact != 2 {
				t.Errorf("大客户总监 述职 in %d clauses: %s listed first without both: %q %q", n, h.Anchor, h.Heading, h.Snippet)
			}
		}
	}
}

// The items under a section named by the query (职位责任) come right after
// the section, before a clause holding its characters scattered (职位 in
// its section's name, 责任 in its text).
func TestItemsUnderTheSectionComeBeforeScatteredCharacters(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Parent: "A、大客户总监 · ", Heading: "职位职责：", Anchor: "职位职责", Level: 3},
		{URL: "/p/", Parent: "A、大客户总监 · 职位职责 ", Heading: "第7条", Anchor: "职位职责.7", Level: 4, Text: "对其业绩进行评估，做到一专多能，责任到人，合理调配。"},
		{URL: "/p/", Parent: "B、内勤 · ", Heading: "职位责任：", Anchor: "职位责任", Level: 3},
		{URL: "/p/", Parent: "B、内勤 · 职位责任 ", Heading: "第1条", Anchor: "职位责任.1", Level: 4, Text: "负责档案管理。"},
		{URL: "/p/", Parent: "B、内勤 · 职位责任 ", Heading: "第2条", Anchor: "职位责任.2", Level: 4, Text: "负责搜集政府采购信息。"},
	}
	r := searchtest.Search(t, docs, []string{"职位责任"})[0]
	if got, want := r.Anchors(), []string{"职位责任", "职位责任.1", "职位责任.2", "职位职责.7"}; !slices.Equal(got, want) {
		t.Errorf("职位责任: got %q, want %q", got, want)
	}
	// The items hold it whole in their sections' path, shown marked: a
	// complete match, not one of scattered characters.
	if r.Whole != 3 {
		t.Errorf("职位责任: %d whole, want 3 (the section, and the two items under it)", r.Whole)
	}
}

// The items under a section that the query names (主要职责 of 一、部门职能 ·
// 主要职责 第1条) hold the query whole in their sections' path: the page
// counts them with the complete matches (they were said to be partial
// matches, of scattered characters), not those whose path or text holds
// its words apart. Counted from their text, or from the terms' positions
// and then the text of those whose path may hold it.
func TestItemsUnderTheSectionCountAsWhole(t *testing.T) {
	kinds := []struct {
		parent, text string
		whole        bool
	}{
		{"一、部门职能 · 主要职责 ", "制定每月拓展计划。", true},
		{"二、主要客户 · 职责 ", "维护客户关系。", false},
		{"三、其他 · ", "主要是职责分明。", false},
	}
	for _, n := range []int{12, 60} {
		docs := []search.Doc{{URL: "/p/", Parent: "一、部门职能 · ", Heading: "主要职责：", Anchor: "主要职责", Level: 3}}
		want := 1
		for i := range n {
			k := kinds[i%len(kinds)]
			docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i/10), Anchor: fmt.Sprintf("a%d", i), Parent: k.parent, Heading: fmt.Sprintf("第%d条", i), Text: k.text, Level: 4})
			if k.whole {
				want++
			}
		}
		files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 400})
		if err != nil {
			t.Fatal(err)
		}
		r := searchtest.SearchIndex(t, files, "search", []string{"主要职责"}, searchtest.Options{Limit: 5})[0]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		if r.Whole != want || r.Total != n+1 {
			t.Errorf("主要职责 in %d clauses: %d whole of %d, want %d of %d", n, r.Whole, r.Total, want, n+1)
		}
		for i, h := range r.Hits {
			if i > 0 && (h.Exact != 0 || h.InPath != 1 || !strings.Contains(h.Heading, "<mark>主要职责</mark> 第")) {
				t.Errorf("主要职责 in %d clauses: hit %d %s: exact %d, in path %d, heading %q", n, i, h.Anchor, h.Exact, h.InPath, h.Heading)
			}
		}
	}
}

// Clauses under sections whose names hold two words of the query apart
// (客户 of 一、客户资料, 经理 of 经理职责), their text the third (工资), do
// not hold 客户经理工资 in their sections' path: where the words start there
// says so, so the search reads none of their texts to find out. Those
// whose path does hold it, some of its words in their own text too, still
// come right after the clause holding it itself, and count as whole.
// (Where the path holds one word alone, the others in the text may be in
// the path too: the postings cannot tell, the text can.)
func TestPathHoldingWordsOfTheQueryApartIsNoMatch(t *testing.T) {
	var docs []search.Doc
	for i := range 60 {
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i/10), Anchor: fmt.Sprintf("p%d", i), Parent: "一、客户资料 · 经理职责 · ", Heading: fmt.Sprintf("第%d条", i), Text: "审核工资发放。", Level: 4})
	}
	docs = append(docs,
		search.Doc{URL: "/y/", Anchor: "y0", Parent: "二、客户经理工资 · ", Heading: "第1条", Text: "按月发放。", Level: 4},
		search.Doc{URL: "/y/", Anchor: "y1", Parent: "二、客户经理工资 · ", Heading: "第2条", Text: "工资按月发放，经理签字。", Level: 4},
		search.Doc{URL: "/x/", Anchor: "x0", Heading: "核算", Text: "负责客户经理工资的核算。", Level: 3},
	)
	files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	r := searchtest.SearchIndex(t, files, "search", []string{"客户经理工资"}, searchtest.Options{Limit: 5})[0]
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if got := r.Anchors(); len(got) != 5 || got[0] != "x0" || !slices.Equal(slices.Sorted(slices.Values(got[1:3])), []string{"y0", "y1"}) {
		t.Errorf("got %q, want x0, then y0 and y1", got)
	}
	if r.Whole != 3 || r.Total != 63 {
		t.Errorf("%d whole of %d, want 3 of 63", r.Whole, r.Total)
	}
	// The hits are in three doc shards: x0's, y0 and y1's, and the first
	// under 客户资料.
	read := 0
	for _, p := range r.Paths {
		if strings.HasPrefix(p[strings.LastIndexByte(p, '/')+1:], "d") {
			read++
		}
	}
	if read > 3 {
		t.Errorf("read %d doc shards of %d (%q): read the texts of the clauses under 客户资料", read, countPrefix(files, "d"), r.Paths)
	}
}

// Clauses with no sections' path (most of a large site's): a query of two
// phrases, one whole in a clause and the other scattered there, is counted
// exactly from positions, not left unknown for the section path the
// clauses do not have.
func TestTwoPhrasesCountExactlyWithoutSections(t *testing.T) {
	texts := []string{"客户档案按政府采购要求保管。", "客户档案与政府的采购无关。", "政府采购与客户的档案。", "档案室。"}
	var docs []search.Doc
	for i := range 400 {
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i/10), Anchor: fmt.Sprintf("a%d", i), Heading: fmt.Sprintf("第%d条", i), Text: texts[i%len(texts)]})
	}
	files, err := search.Build(docs, search.Options{ShardBytes: 300, DocShardBytes: 400})
	if err != nil {
		t.Fatal(err)
	}
	r := searchtest.SearchIndex(t, files, "search", []string{"客户档案 政府采购"}, searchtest.Options{Limit: 5})[0]
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.Whole != 100 || r.Total != 300 {
		t.Errorf("客户档案 政府采购: %d whole of %d, want 100 of 300", r.Whole, r.Total)
	}
}

// A range with its unit, as a reader types it (60-89分, 90—94分, 95～100分),
// is found whole in the text's （60——89）分, the calculator's 60–89 分 and
// a plain 60-89分: the unit after a range may stand 0 to 4 characters of
// punctuation or space away (the bracket closing the range). It was a
// partial match, listed with every clause holding a 60. A number alone
// keeps its unit beside it: 89分 is not in （60——89）分 (see
// TestNumberWithAUnitIsFoundWhole).
func TestRangeWithAUnitIsFoundWhole(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Heading: "奖惩办法 第3条", Anchor: "a", Text: "得分在（60——89）分的员工，当月绩效工资按相应分数比例发放。"},
		{URL: "/c/", Heading: "规则一览", Anchor: "b", Text: "销售人员 60–89 分 按得分比例（如 80 分发 80%）"},
		{URL: "/p/", Heading: "考核等级", Anchor: "c", Text: "评分60-89分为合格。"},
		{URL: "/p/", Heading: "奖惩办法 第2条", Anchor: "d", Text: "得分在（90——94）分的员工，当月绩效工资按100%发放。"},
		{URL: "/p/", Heading: "满分", Anchor: "e", Text: "考核满分89分。"},
	}
	r := searchtest.Search(t, docs, []string{"60-89分", "90—94分", "60-89分的员工", "89分", "６０～８９分"})
	wantWhole := [][]string{{"a", "b", "c"}, {"d"}, {"a"}, {"c", "e"}, {"a", "b", "c"}}
	for i, want := range wantWhole {
		var got []string
		for _, h := range r[i].Hits {
			if h.Exact > 0 {
				got = append(got, h.Anchor)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || r[i].Whole != len(want) || r[i].Partial {
			t.Errorf("%s: whole in %q (%d whole, partial %v), want %q", r[i].Query, got, r[i].Whole, r[i].Partial, want)
		}
	}
	for _, h := range r[0].Hits {
		want := map[string]string{
			"a": "得分在（<mark>60——89）分</mark>的员工",
			"b": "销售人员 <mark>60–89 分</mark> 按得分比例",
			"c": "评分<mark>60-89分</mark>为合格",
		}[h.Anchor]
		if want != "" && !strings.Contains(h.Snippet, want) {
			t.Errorf("60-89分: %s's snippet %q, want %q", h.Anchor, h.Snippet, want)
		}
	}
	if h := r[2].Hits[0]; h.Anchor != "a" || !strings.Contains(h.Snippet, "<mark>60——89）分的员工</mark>") {
		t.Errorf("60-89分的员工: first %+v", h)
	}
}

// A query of one term (保密, 述职, a number) is answered by a loop of its
// own, quicker run cold, and one of several by a walk of its rarest lists
// alone (a clause holding half the terms of 大客户经理 holds 经理 or 户经);
// either finds, ranks, counts and fetches exactly as the plain merge of
// every list. The phrases among the queries (绩效工资, 工作工作: one term
// twice) must not take the first; long queries, some of whose terms no
// clause holds together, the second.
func TestShortcutsAnswerAsTheGeneralLoop(t *testing.T) {
	words := []string{"保密", "述职", "绩效工资", "末位淘汰", "政府采购", "考核", "工作", "客户", "部门", "培训", "内勤",
		"大客户经理", "月度绩效考核", "客户档案", "外拓工作流程", "工作态度", "销售人员奖惩办法"}
	var queries []string
	for _, w := range words {
		rs := []rune(w)
		for i := 0; i+1 < len(rs); i++ {
			queries = append(queries, string(rs[i:i+2]))
		}
		queries = append(queries, w)
	}
	// Numbers, a range, a repeated term, punctuation, two phrases.
	queries = append(queries, "105%", "95", "5%", "2025.1", "100", "0元", "A", "，保密。", "90——94", "第5条", "工作工作", "绩效 发放", "客户 信息")
	// Several terms, half of them enough: the walk of the rarest lists.
	queries = append(queries, "大客户总监", "客户经理工资", "销售人员绩效工资考核", "保密培训工作考核", "部门 培训 工资", "内勤工作态度考核办法", "月度考核105%", "1500元工资")
	for _, c := range []struct {
		name string
		docs []search.Doc
		opts search.Options
	}{
		{"the handbook", handbook(), search.Options{}},
		{"2,000 generated clauses in small shards", searchtest.Synthetic(7, 200, 10), search.Options{ShardBytes: 2000, DocShardBytes: 3000}},
		// A term in a clause's sections alone, or there and in the clause.
		{"the same under their chapters", underChapters(searchtest.Synthetic(7, 200, 10)), search.Options{ShardBytes: 2000, DocShardBytes: 3000}},
	} {
		files, err := search.Build(c.docs, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		own := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 20})
		general := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 20, General: true})
		found := 0
		for i, q := range queries {
			a, b := own[i], general[i]
			a.Millis, b.Millis = 0, 0
			if a.Error != "" || !reflect.DeepEqual(a, b) {
				t.Errorf("%s, %s: its own loop\n%+v\nthe general one\n%+v", c.name, q, a, b)
			}
			if a.Total > 0 {
				found++
			}
		}
		if found < len(queries)*2/3 {
			t.Errorf("%s: only %d of %d queries found anything", c.name, found, len(queries))
		}
	}
}

// underChapters puts each doc under its chapter, as the build puts a clause
// under its sections: the chapter's title is its Parent.
func underChapters(docs []search.Doc) []search.Doc {
	for i := range docs {
		docs[i].Parent = docs[i].Chapter + " · "
	}
	return docs
}

// Format characters (Unicode's Cf: the zero-width space U+200B, the soft
// hyphen U+00AD, U+FEFF…) come unseen with a query or a text pasted from
// elsewhere, inside a word: 绩\u200b效 found nothing, 绩效\u00ad工资 no
// clause whole. Query and text are read without them, and the snippet
// shows the text without them (where they were unseen).
func TestFormatCharactersAreNoPartOfAWord(t *testing.T) {
	docs := append(handbook(), search.Doc{URL: "/n/", Heading: "考核\u00ad结果", Anchor: "n", Text: "考核结果\u200b公示\ufeff期为三天。"})
	r := searchtest.Search(t, docs, []string{"绩效工资", "绩\u200b效工资", "绩效\u00ad工资", "\ufeff绩效工资\u2060", "公示期", "考核结果", "\u200b"})
	for _, q := range r[1:4] {
		if q.Total == 0 || !slices.Equal(q.Anchors(), r[0].Anchors()) || q.Whole != r[0].Whole || q.Partial {
			t.Errorf("%q: %q (%d whole of %d), want what 绩效工资 finds: %q (%d whole of %d)", q.Query, q.Anchors(), q.Whole, q.Total, r[0].Anchors(), r[0].Whole, r[0].Total)
		}
	}
	if got := r[4]; len(got.Hits) != 1 || got.Whole != 1 || got.Hits[0].Snippet != "考核结果<mark>公示期</mark>为三天。" {
		t.Errorf("公示期 in a text holding format characters: %+v (whole %d)", got.Hits, got.Whole)
	}
	found := false
	for _, h := range r[5].Hits {
		if h.Anchor == "n" {
			found = true
			if h.Heading != "<mark>考核结果</mark>" || h.InHeading != 1 {
				t.Errorf("考核结果: heading %q (in heading %d)", h.Heading, h.InHeading)
			}
		}
	}
	if !found {
		t.Errorf("考核结果: the heading 考核\\u00ad结果 not found: %q", r[5].Anchors())
	}
	if r[6].Total != 0 || r[6].Error != "" {
		t.Errorf("a zero-width space alone: %+v", r[6])
	}
}

// A word written two ways (泄露 and 泄漏, 账户 and 帐户) is found either
// way, the text's own marked; so is 了解 typed with its traditional 瞭.
// Only those words: 露 stays another character than 漏 (暴露 is not
// 暴漏), and a text holding 瞭 (瞭望) keeps it.
func TestVariantWordsFindEachOther(t *testing.T) {
	docs := append(handbook(),
		search.Doc{URL: "/f/", Heading: "报销", Anchor: "f", Text: "奖金转入员工本人帐户，须先了解报销流程。"},
		search.Doc{URL: "/g/", Heading: "风险", Anchor: "g", Text: "及时暴露问题。"},
	)
	r := searchtest.Search(t, docs, []string{"泄露", "泄漏", "账户", "瞭解", "暴漏", "泄露公司秘密"})
	for i, want := range []string{"<mark>泄漏</mark>", "<mark>泄漏</mark>", "<mark>帐户</mark>", "<mark>了解</mark>", "", "<mark>泄漏公司秘密</mark>"} {
		q := r[i]
		if want == "" {
			if q.Total != 0 {
				t.Errorf("%s: %q, want nothing (露 is no variant of 漏)", q.Query, q.Anchors())
			}
			continue
		}
		if len(q.Hits) != 1 || q.Whole != 1 || !strings.Contains(q.Hits[0].Snippet, want) {
			t.Errorf("%s: %+v (whole %d), want one clause holding it whole, marked %s", q.Query, q.Hits, q.Whole, want)
		}
	}
	held := searchtest.Search(t, []search.Doc{{URL: "/h/", Heading: "岗位", Anchor: "h", Text: "了解市场；设瞭望岗。"}}, []string{"瞭望", "瞭解"})
	if len(held[0].Hits) != 1 || !strings.Contains(held[0].Hits[0].Snippet, "<mark>瞭望</mark>") || held[1].Total != 0 {
		t.Errorf("a text holding 瞭: 瞭望 %+v, 瞭解 %+v; want 瞭望 found and 瞭 not read as 了", held[0].Hits, held[1].Hits)
	}
}

// A snippet shows the place of the clause holding the most of the query,
// not the first of its terms: for 未完成扣除, the 未完成，额外扣除 of the
// bonus clause, not its start, where 完成 is three times; for 保密 法律责任,
// the end of chapter 7, which holds 法律责任 and a 保密, not its start with
// 保密 twice.
func TestSnippetShowsTheBestPlace(t *testing.T) {
	r := searchtest.Search(t, handbook(), []string{"未完成扣除", "保密 法律责任", "完成"})
	want := []struct{ anchor, mark string }{
		{"销售人员奖惩办法.5", "<mark>未完成</mark>,额外<mark>扣除</mark>"},
		{"第七章-大客户部保密制度", "<mark>法律责任</mark>"},
		// One term: its first place, as before.
		{"销售人员奖惩办法.5", "额外奖金:当月部门业绩目标<mark>完成</mark>"},
	}
	for i, w := range want {
		found := false
		for _, h := range r[i].Hits {
			if h.Anchor == w.anchor {
				found = true
				if !strings.Contains(h.Snippet, w.mark) {
					t.Errorf("%s: %s's snippet %q, want it to show %q", r[i].Query, h.Anchor, h.Snippet, w.mark)
				}
			}
		}
		if !found {
			t.Errorf("%s: %s not found: %q", r[i].Query, w.anchor, r[i].Anchors())
		}
	}
}

// A query that differs from the text only by punctuation or space between
// its words holds it whole: 公平公正公开 the principles' 公平、公正、公开
// (found and first, it was said to be a partial match, its words marked
// apart), 绩效，工资 the text's 绩效工资. A word or number does not meet
// another across the query's punctuation (95-100 is not 95100, see
// TestPunctuationInAQueryStandsForTheTexts), and the text's punctuation
// is read between the query's words only when no clause holds them as
// typed: then those rank first, and the others with the partial matches.
func TestPunctuationBetweenWordsIsNoPartialMatch(t *testing.T) {
	docs := handbook()
	r := searchtest.Search(t, docs, []string{"公平公正公开", "公平公正", "绩效工资", "绩效，工资", "绩效 、工资", "公平 公开"})
	for _, q := range r[:2] {
		if len(q.Hits) != 1 || q.Whole != 1 || q.Hits[0].Exact != 1 || q.Hits[0].Anchor != "三考核的原则" {
			t.Errorf("%s: %+v (whole %d), want 三考核的原则 alone, whole", q.Query, q.Hits, q.Whole)
		}
	}
	if h := r[0].Hits; len(h) == 1 && h[0].Snippet != "<mark>公平、公正、公开</mark>" {
		t.Errorf("公平公正公开: snippet %q, want the run marked whole", h[0].Snippet)
	}
	for _, q := range r[3:5] {
		if !slices.Equal(q.Anchors(), r[2].Anchors()) || q.Whole != r[2].Whole || q.Whole == 0 {
			t.Errorf("%s: %q (%d whole), want what 绩效工资 finds: %q (%d whole)", q.Query, q.Anchors(), q.Whole, r[2].Anchors(), r[2].Whole)
		}
		for _, h := range q.Hits {
			if !strings.Contains(h.Snippet, "<mark>绩效工资</mark>") {
				t.Errorf("%s: %s's snippet %q, want 绩效工资 marked whole", q.Query, h.Anchor, h.Snippet)
			}
		}
	}
	if q := r[5]; len(q.Hits) != 1 || q.Whole != 1 {
		t.Errorf("公平 公开: %+v (whole %d)", q.Hits, q.Whole)
	}
	// Held as typed by one clause: it ranks first, alone whole.
	docs = append(docs, search.Doc{URL: "/x/", Heading: "招聘", Anchor: "x", Text: "招聘坚持公平公正公开。"})
	r = searchtest.Search(t, docs, []string{"公平公正公开"})
	if got := r[0].Anchors(); len(got) != 2 || got[0] != "x" || r[0].Whole != 1 {
		t.Errorf("公平公正公开 held as typed by x: %q (%d whole), want x first, alone whole", got, r[0].Whole)
	}
}

// A clause that says a phrase in its own words ranks above one whose
// notes (after search.NoteMark) alone say it, even when the note is the
// shorter text and many clauses stand between them in the index; a note
// still finds its clause, and a clause that says the phrase both in its
// words and in a note is its words' match. Asked for one result, the
// search lists the clause, not the note read first.
func TestNotesRankBelowTheClausesOwnWords(t *testing.T) {
	docs := []search.Doc{
		{URL: "/a/", Anchor: "读法", Heading: "第3条", Text: "得分在60——89分的，按比例发放。" + search.NoteMark + "59.5 分不予发放。"},
	}
	for i := range 60 {
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/f%d/", i), Anchor: fmt.Sprintf("f%d", i), Heading: "其他", Text: fmt.Sprintf("第%d项工作按月发放。", i)})
	}
	docs = append(docs,
		search.Doc{URL: "/b/", Anchor: "条文", Heading: "第4条", Text: "得分在60分以下的员工，工作表现不合格，不予发放绩效工资。三个月排名倒数第一人员，公司将进行末位淘汰。" + search.NoteMark + "末位淘汰的读法见计算器。"},
		search.Doc{URL: "/c/", Anchor: "两处", Heading: "第5条", Text: "当月不予发放额外奖金，也不扣除，部门业绩目标的完成情况另行通报，由部门经理逐月记录在案。" + search.NoteMark + "不予发放指当月。"},
	)
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{1, 8} {
		rs := searchtest.SearchIndex(t, files, "search", []string{"不予发放", "末位淘汰"}, searchtest.Options{Limit: limit})
		// The two clauses in either order (by their lengths), then the note.
		got := rs[0].Anchors()
		if len(got) != min(limit, 3) || got[len(got)-1] == "读法" != (limit > 1) {
			t.Errorf("不予发放, limit %d: got %q, want 条文 and 两处, then 读法", limit, got)
		}
		for _, h := range rs[0].Hits {
			if wantNoted := h.Anchor == "读法"; (h.Noted == 1) != wantNoted || h.Exact != 1 {
				t.Errorf("不予发放: %s exact %d noted %d", h.Anchor, h.Exact, h.Noted)
			}
		}
		if h := rs[0].Hits[len(rs[0].Hits)-1]; limit > 1 && !strings.Contains(h.Snippet, search.NoteMark+"59.5 分<mark>不予发放</mark>") {
			t.Errorf("不予发放: the note's snippet %q does not say it is a note's", h.Snippet)
		}
		if got := rs[1].Anchors(); !slices.Equal(got, []string{"条文"}) || rs[1].Hits[0].Noted != 0 {
			t.Errorf("末位淘汰: got %q %+v, want the clause, its words' match", got, rs[1].Hits)
		}
	}
}

// A clause's notes are not its words for its score either: a long note
// does not make the clause read as a long one, nor a term the note
// repeats as one the clause stresses. Of two clauses saying the same,
// the one carrying a long note scores as the other.
func TestNotesDoNotWeighOnTheClausesScore(t *testing.T) {
	note := search.NoteMark + strings.Repeat("三个月排名倒数第一的读法：连续三个自然月均为倒数第一，绩效工资另计。", 8)
	docs := []search.Doc{
		{URL: "/a/", Anchor: "甲", Heading: "第4条", Text: "得分在60分以下的员工，不予发放绩效工资。"},
		{URL: "/b/", Anchor: "乙", Heading: "第4条", Text: "得分在60分以下的员工，不予发放绩效工资。" + note},
	}
	for i := range 30 {
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/f%d/", i), Anchor: "f", Heading: "其他", Text: fmt.Sprintf("第%d项工作按月考核，绩效工资另行通知。", i)})
	}
	rs := searchtest.Search(t, docs, []string{"绩效工资", "不予发放"})
	for _, r := range rs {
		score := map[string]float64{}
		for _, h := range r.Hits {
			score[h.Anchor] = h.Score
		}
		if score["甲"] == 0 || score["甲"] != score["乙"] {
			t.Errorf("%s: scores %v, want 甲 and 乙 alike", r.Query, score)
		}
	}
}
