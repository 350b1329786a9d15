package search_test

import (
	"fmt"
	"strings"
	"testing"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// jobDescriptions are two job descriptions as the handbook's chapter 3
// has them: the director's, whose editor's note names 内勤, before the
// 内勤's own, whose heading does; and clauses that say neither.
func jobDescriptions() []search.Doc {
	docs := []search.Doc{
		{URL: "/jd/", Anchor: "职务a", Heading: "A、大客户总监", Text: "直接上级：市场总监\n直接下级：大客户总监\n本职工作：完成销售目标" +
			search.NoteMark + "原文这份职务说明没有职务名称；B、内勤 和 C、大客户员 的“直接上级”都是大客户总监。"},
		{URL: "/jd/", Anchor: "b内勤", Heading: "B、内勤", Text: "直接上级：大客户总监\n本职工作：协助大客户总监对日常工作及大客户部日常的内务工作。"},
		{URL: "/jd/", Anchor: "c大客户员", Heading: "C、大客户员", Text: "直接上级：大客户总监"},
		{URL: "/org/", Anchor: "", Heading: "第二章 大客户部管理架构", Text: search.NoteMark + "内勤的职务说明书写明直接上级是大客户总监。"},
	}
	for i := range 20 {
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/f%d/", i), Anchor: fmt.Sprintf("f%d", i), Heading: "其他", Text: fmt.Sprintf("第%d项工作按月考核，由大客户总监检查。", i)})
	}
	return docs
}

// A query no clause holds whole is ranked by its words, each whole: the
// clause whose heading says one and whose text says the other first, and
// a question's 的 and 是谁 make no clause holding its words vanish. Its
// hits are partial matches still.
func TestQueryNoClauseHoldsRanksByItsWords(t *testing.T) {
	cases := []struct {
		query, first string
		// whole: the query's phrases are its words, held whole.
		whole bool
	}{
		{"内勤直接上级", "b内勤", false},
		{"内勤的上级是谁", "b内勤", false},
		{"内勤的直接上级是谁？", "b内勤", false},
		{"内勤上级", "b内勤", false},
		{"内勤 上级", "b内勤", true},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	files, err := search.Build(jobDescriptions(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 10})
	for i, c := range cases {
		r := rs[i]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		if got := r.Anchors(); len(got) == 0 || got[0] != c.first {
			t.Errorf("%s: got %q, want %s first", c.query, got, c.first)
			continue
		}
		if (r.Whole != 0) != c.whole {
			t.Errorf("%s: %d clauses said to hold it whole", c.query, r.Whole)
		}
		for _, h := range r.Hits {
			if !c.whole && h.Exact+h.InPath != 0 {
				t.Errorf("%s: %s counted as holding the query whole", c.query, h.Anchor)
			}
		}
		if h := r.Hits[0]; !strings.Contains(h.Heading, "<mark>内勤</mark>") || !strings.Contains(h.Snippet, "上级</mark>") {
			t.Errorf("%s: the first hit does not show its words marked: %q / %q", c.query, h.Heading, h.Snippet)
		}
	}
}

// A heading's result shows the section's own first words, or those of
// its first clause when it has none but an editor's note: the note says
// nothing of what the section holds. The note is shown where it holds
// the query, and the section nothing else.
func TestHeadingResultShowsTheSectionsWords(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Anchor: "奖惩办法.1", Heading: "第1条", Parent: "（二）奖惩办法 ", Text: "得分在（95——100）分的员工，当月绩效工资按105%发放。"},
		{URL: "/p/", Anchor: "奖惩办法.2", Heading: "第2条", Parent: "（二）奖惩办法 ", Text: "得分在（90——94）分的员工，当月绩效工资按100%发放。"},
		{URL: "/p/", Anchor: "奖惩办法", Heading: "（二）奖惩办法", Text: search.NoteMark + "上列第1项的百分号原文写作“℅”。"},
		{URL: "/p/", Anchor: "内勤办法", Heading: "内勤月度考核办法", Text: search.NoteMark + "原文本节标题没有序号；上一节为“销售人员月度考核办法”。"},
		{URL: "/p/", Anchor: "内勤指标.1", Heading: "第1条", Parent: "内勤月度考核办法 · （一）考核指标 ", Text: "工作量：（20分）对内勤每个工作日的工作内容进行考核。"},
		{URL: "/p/", Anchor: "附则", Heading: "八、附则：", Text: search.NoteMark + "原文节序号由“四、”直接跳到“八、”。"},
		{URL: "/p/", Anchor: "附则.1", Heading: "第1条", Parent: "八、附则 ", Text: "本办法的最终决定权属公司决策层。"},
		{URL: "/q/", Anchor: "空", Heading: "三、外拓工作流程", Text: search.NoteMark + "原文本节只有标题，没有内容。"},
	}
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"奖惩办法", "考核办法", "附则", "外拓", "序号"}
	rs := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 10})
	want := map[string]map[string]string{
		"奖惩办法": {"奖惩办法": "得分在（95——100）分的员工"},
		"考核办法": {"内勤办法": "工作量：（20分）对内勤"},
		"附则":   {"附则": "本办法的最终决定权"},
		// No clause under it: the note is all there is to show.
		"外拓": {"空": search.NoteMark + "原文本节只有标题"},
		// The query in the note: the note, marked.
		"序号": {"内勤办法": "<mark>序号</mark>"},
	}
	for _, r := range rs {
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		for _, h := range r.Hits {
			w, ok := want[r.Query][h.Anchor]
			if !ok {
				continue
			}
			delete(want[r.Query], h.Anchor)
			if !strings.Contains(h.Snippet, w) {
				t.Errorf("%s: %s shows %q, want %q in it", r.Query, h.Anchor, h.Snippet, w)
			}
		}
		for a := range want[r.Query] {
			t.Errorf("%s: %s not found: %q", r.Query, a, r.Anchors())
		}
	}
}

// A number of the query shown alone, out of its phrase, is not marked
// where the clause also holds it with the phrase going on: the 60 of
// 60——89 for 60分以下 in a note that says 60 分以下 too. Where the clause
// holds the number alone only, that is what is marked.
func TestLoneNumberOutOfThePhraseIsNotMarked(t *testing.T) {
	docs := []search.Doc{
		{URL: "/a/", Anchor: "第3条", Heading: "第3条", Text: "得分在（60——89）分的员工，按比例发放。" + search.NoteMark + "原文的分档（95——100、90——94、60——89、60 分以下）没有说明小数得分。"},
		{URL: "/a/", Anchor: "第2条", Heading: "第2条", Text: "得分在（90——94）分的员工，当月绩效工资按100%发放。"},
	}
	rs := searchtest.Search(t, docs, []string{"60分以下", "90分"})
	for _, h := range rs[0].Hits {
		if h.Anchor != "第3条" {
			continue
		}
		if strings.Contains(h.Snippet, "<mark>60</mark>——89") || !strings.Contains(h.Snippet, "<mark>60</mark> <mark>分以下</mark>") {
			t.Errorf("60分以下: %q", h.Snippet)
		}
	}
	if len(rs[1].Hits) == 0 || !strings.Contains(rs[1].Hits[0].Snippet, "<mark>90</mark>——94") {
		t.Errorf("90分: %+v", rs[1].Hits)
	}
}
