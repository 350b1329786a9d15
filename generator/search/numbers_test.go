package search_test

import (
	"fmt"
	"strings"
	"testing"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// A number typed with thousands separators (2,640元, ３，０００) finds the
// clause that writes it without them, as Chinese policy text mostly does;
// it found every clause holding a 2 (第2条) and none holding 2640. A text
// that does write the separators is still found by the query typed so.
func TestThousandsSeparatorsInAQuery(t *testing.T) {
	docs := []search.Doc{
		{URL: "/a/", Anchor: "例", Heading: "举例", Text: "绩效奖发放：3000*88%=2640元。"},
		{URL: "/a/", Anchor: "第2条", Heading: "第2条", Text: "第2条 共640人。"},
		{URL: "/b/", Anchor: "费用", Heading: "费用", Text: "差旅补贴每月12,500元。"},
		// 12500 and 0元 apart: the query read without its separator
		// finds them, but not whole, and the text typed so is found.
		{URL: "/c/", Anchor: "人次", Heading: "人次", Text: "全年12500人次，人均补贴30元。"},
	}
	cases := []struct{ query, first, mark string }{
		{"2,640元", "例", "<mark>2640元</mark>"},
		{"2,640", "例", "<mark>2640</mark>"},
		{"３，０００", "例", "<mark>3000</mark>"},
		{"12,500元", "费用", "<mark>12,500元</mark>"},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	rs := searchtest.Search(t, docs, queries)
	for i, c := range cases {
		r := rs[i]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		if len(r.Hits) == 0 || r.Hits[0].Anchor != c.first || r.Hits[0].Exact != 1 || r.Partial || r.Whole != 1 {
			t.Errorf("%s: %+v, want #%s holding it whole first, and alone (whole %d)", c.query, r.Hits, c.first, r.Whole)
			continue
		}
		if h := r.Hits[0]; !strings.Contains(h.Snippet, c.mark) {
			t.Errorf("%s: snippet %q, want %s", c.query, h.Snippet, c.mark)
		}
		if c.first == "例" && r.Total != 1 {
			t.Errorf("%s: %d results %q, want the example alone", c.query, r.Total, r.Anchors())
		}
	}
}

// The search box's prefetch, as the reader pauses, fetches what the
// search reads first: the terms of the query without its separators. It
// fetched those of the query as typed (the postings of 2, in every 第2条),
// which the search reads only when no clause holds the number whole.
func TestThousandsSeparatorsPrefetchTheNumber(t *testing.T) {
	docs := []search.Doc{{URL: "/a/", Anchor: "例", Heading: "举例", Text: "绩效奖发放：3000*88%=2640元。"}}
	for i := range 400 {
		docs = append(docs, search.Doc{URL: fmt.Sprintf("/p%d/", i), Anchor: "第2条", Heading: "第2条", Text: fmt.Sprintf("第2条 共%d人。", 100+i)})
	}
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := searchtest.SearchIndex(t, files, "search", []string{"2,640元", "2640元"}, searchtest.Options{Limit: 8, Prefetch: true})
	typed, plain := rs[0], rs[1]
	if typed.Error != "" || plain.Error != "" {
		t.Fatal(typed.Error, plain.Error)
	}
	if typed.Bytes != plain.Bytes || typed.Files != plain.Files || typed.AfterPrefetch != 0 {
		t.Errorf("2,640元 fetched %d bytes in %d files (%d after the prefetch), 2640元 %d in %d", typed.Bytes, typed.Files, typed.AfterPrefetch, plain.Bytes, plain.Files)
	}
}

// A percentage no clause holds (112%) does not list every clause with a
// percentage: read partly, its % alone had matched them all. A
// percentage some clause holds is found as before.
func TestAnAbsentPercentageListsNoPercentages(t *testing.T) {
	docs := []search.Doc{
		{URL: "/p/", Heading: "奖惩办法 第1条", Anchor: "a", Text: "得分在（95——100）分的员工，当月绩效工资按105%发放。"},
		{URL: "/p/", Heading: "奖惩办法 第2条", Anchor: "b", Text: "得分在（90——94）分的员工，当月绩效工资按100%发放。"},
		{URL: "/p/", Heading: "附则", Anchor: "c", Text: "编号112的规定另行公布。"},
	}
	r := searchtest.Search(t, docs, []string{"112%", "105%"})
	for _, h := range r[0].Hits {
		if h.Anchor != "c" {
			t.Errorf("112%%: lists %s (partial %v), which holds no 112", h.Anchor, r[0].Partial)
		}
	}
	if len(r[1].Hits) == 0 || r[1].Hits[0].Anchor != "a" || r[1].Hits[0].Exact == 0 {
		t.Errorf("105%%: %+v, want clause a first, whole", r[1].Hits)
	}
}
