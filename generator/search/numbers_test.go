package search_test

import (
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
