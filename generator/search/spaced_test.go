package search_test

import (
	"strings"
	"testing"

	"handbook/generator/search/searchtest"
)

// Characters of Chinese that stand alone, spaces between them (末 位 淘 汰,
// as text copied from a PDF or a chat often comes), are one phrase: the
// query was refused (请输入至少两个相连的汉字) as if it were single
// characters. Words of two characters or more stay apart (绩效 工资, 客户
// 档案: two phrases a clause may hold anywhere).
func TestCharactersSpacedApartAreOnePhrase(t *testing.T) {
	rs := searchtest.Search(t, handbook(), []string{
		"末 位 淘 汰",
		"末　位　淘　汰", // ideographic spaces
		" 末  位 淘\t汰 ",
		"倒数 第 一", // a word, then two characters alone: 倒数 and 第一
		"绩效 工资",
		"客户 档案",
		"末",
	})
	for _, r := range rs[:3] {
		if r.Error != "" || len(r.Hits) == 0 || r.Hits[0].Anchor != "销售人员奖惩办法.4" || r.Hits[0].Exact != 1 || r.Whole != 1 {
			t.Errorf("%q: %q, %d whole (%s), want 销售人员奖惩办法.4 holding it whole", r.Query, r.Anchors(), r.Whole, r.Error)
			continue
		}
		if !strings.Contains(r.Hits[0].Snippet, "<mark>末位淘汰</mark>") {
			t.Errorf("%q: snippet %q, want 末位淘汰 marked as one", r.Query, r.Hits[0].Snippet)
		}
	}
	if r := rs[3]; len(r.Hits) == 0 || r.Hits[0].Anchor != "销售人员奖惩办法.4" || r.Hits[0].Exact != 2 {
		t.Errorf("%q: %+v, want 销售人员奖惩办法.4 holding both phrases", r.Query, r.Hits)
	}
	// Two phrases each: a clause holding both holds two.
	for _, r := range rs[4:6] {
		if len(r.Hits) == 0 || r.Hits[0].Exact != 2 {
			t.Errorf("%q: %+v, want a clause holding both phrases first", r.Query, r.Hits)
		}
	}
	if r := rs[6]; r.Total != 0 {
		t.Errorf("末 alone: %d results, want none (one character is no query)", r.Total)
	}
}
