package search_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// suggestFile returns the terms of the suggestion file meta.json names,
// without those it lists a second time (see suggestInner).
func suggestFile(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	terms, _ := suggestParts(t, files)
	return terms
}

// suggestInner returns the terms the suggestion file lists a second time:
// those only ever the middle of one longer run.
func suggestInner(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	_, inner := suggestParts(t, files)
	return inner
}

func suggestParts(t *testing.T, files map[string][]byte) (terms, inner []string) {
	t.Helper()
	var m search.Meta
	if err := json.Unmarshal(files["search/meta.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Suggest != m.Files+"s.bin" {
		t.Fatalf("meta.json suggest = %q, want %q", m.Suggest, m.Files+"s.bin")
	}
	z, ok := files["search/"+m.Suggest]
	if !ok {
		t.Fatalf("no file %s", m.Suggest)
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(string(b))
	if len(rs)%2 != 0 || !utf8.Valid(b) {
		t.Fatalf("suggestion file of %d code points: %q", len(rs), b)
	}
	seen := map[string]bool{}
	for i := 0; i < len(rs); i += 2 {
		term := string(rs[i : i+2])
		if seen[term] {
			inner = append(inner, term)
		} else {
			if len(inner) > 0 {
				t.Fatalf("%s listed after the second list began (%q)", term, inner)
			}
			terms = append(terms, term)
		}
		seen[term] = true
	}
	return terms, inner
}

// The suggestion file lists again, after all its terms, those of its
// first eighth only ever found with the same character of Chinese on
// either side: 外奖 (always 额外奖金), no word to offer alone. A term found
// by punctuation, or at the start or end of a heading or text (奖金, 额外,
// 绩效), or with another character on one side (效奖: 绩效奖发, 绩效奖为),
// is not marked.
func TestSuggestionFileMarksTermsInsideOneRun(t *testing.T) {
	files, err := search.Build([]search.Doc{
		{URL: "/a/", Text: "额外奖金;额外奖金,额外扣除。绩效奖发放,绩效奖为准。奖金"},
		{URL: "/b/", Text: "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳"},
	}, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	terms := suggestFile(t, files)
	// 26 terms: the first eighth is the first four.
	if want := []string{"奖金", "额外", "外奖", "效奖", "绩效"}; len(terms) != 26 || !slices.Equal(terms[:5], want) {
		t.Fatalf("terms %q, want 26 starting %q", terms, want)
	}
	if got := suggestInner(t, files); !slices.Equal(got, []string{"外奖"}) {
		t.Errorf("listed again %q, want 外奖 alone", got)
	}
}

// 获奖, a word the handbook lacks, is offered no 外奖: that is only ever
// the middle of 额外奖金. (It is still offered 效奖 here, after 绩 in
// 绩效奖发放 and 绩效奖为, not always the same run: the mark is that
// narrow, as 采购, always after 府, is a word.) The terms that are words
// are still offered, and a file without the second list (an index built
// before it) offers as it did.
func TestTwoCharactersAreOfferedAWord(t *testing.T) {
	files, err := search.Build(handbook(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"获奖", "保秘", "提层", "末位淘太", "倒数弟一", "政府彩购"}
	want := [][]string{{"效奖"}, {"保密"}, {"提成"}, {"末位淘汰"}, {"倒数第一"}, {"政府采购"}}
	rs := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Suggest: true})
	for i, r := range rs {
		if r.Error != "" || !slices.Equal(r.Suggestions, want[i]) {
			t.Errorf("%s: offered %q (%s), want %q", r.Query, r.Suggestions, r.Error, want[i])
		}
	}
	// The same index, its suggestion file without the second list.
	var m search.Meta
	if err := json.Unmarshal(files["search/meta.json"], &m); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(strings.Join(suggestFile(t, files), "")))
	zw.Close()
	old := maps.Clone(files)
	old["search/"+m.Suggest] = b.Bytes()
	rs = searchtest.SearchIndex(t, old, "search", queries[:2], searchtest.Options{Suggest: true})
	if r := rs[0]; r.Error != "" || !slices.Equal(r.Suggestions, []string{"外奖", "效奖"}) {
		t.Errorf("without the mark, 获奖: offered %q (%s), want 外奖 and 效奖 as before", r.Suggestions, r.Error)
	}
	if r := rs[1]; r.Error != "" || !slices.Equal(r.Suggestions, []string{"保密"}) {
		t.Errorf("without the mark, 保秘: offered %q (%s), want 保密", r.Suggestions, r.Error)
	}
}

// The suggestion file lists the index's terms of two CJK characters, the
// most frequent first, a heading counting as four mentions (保密, once in
// the heading and once in the text, before the other terms of headings,
// then 保留, three times in the text), then in byte order; no word, number,
// '%' or single character, which Index.suggest does not change.
func TestSuggestionFileListsFrequentTermsFirst(t *testing.T) {
	files, err := search.Build([]search.Doc{
		{URL: "/a/", Heading: "保密制度", Text: "保密。保留原文。PPT 5% 保"},
		{URL: "/b/", Heading: "附则", Text: "保留，保留。"},
	}, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"保密", "制度", "密制", "附则", "保留", "原文", "留原"}
	if got := suggestFile(t, files); !slices.Equal(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
}

// A large index lists its 4,096 most frequent terms only: the file is
// fetched by a query no clause holds whole, and its size stays bounded.
func TestSuggestionFileKeepsTheMostFrequent(t *testing.T) {
	var text strings.Builder
	for r := rune(0x4e00); r < 0x4e00+6000; r++ {
		text.WriteRune(r) // 5,999 bigrams, each once
	}
	files, err := search.Build([]search.Doc{
		{URL: "/a/", Heading: "考核", Text: text.String()},
		{URL: "/b/", Text: "绩效绩效绩效"}, // 绩效 three times, 效绩 twice
	}, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	terms := suggestFile(t, files)
	if len(terms) != 4096 || terms[0] != "考核" || terms[1] != "绩效" || terms[2] != "效绩" {
		t.Errorf("%d terms, starting %q", len(terms), terms[:min(4, len(terms))])
	}
}

// A delta's meta.json keeps its base's suggestion file (its folder stays),
// and the delta writes none of its own.
func TestDeltaKeepsTheBasesSuggestionFile(t *testing.T) {
	docs := []search.Doc{{URL: "/a/", Heading: "保密", Text: "保密义务"}}
	base, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	delta, err := search.BuildDelta(base["search/meta.json"], []search.Range{{From: 0, To: 1}}, []search.Doc{{URL: "/a/", Heading: "保密", Text: "保密责任"}}, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b, d search.Meta
	json.Unmarshal(base["search/meta.json"], &b)
	json.Unmarshal(delta["search/meta.json"], &d)
	if d.Suggest != b.Suggest || b.Suggest == "" {
		t.Errorf("delta's suggest %q, base's %q", d.Suggest, b.Suggest)
	}
	for name := range delta {
		if strings.HasSuffix(name, "/s.bin") {
			t.Errorf("the delta writes %s", name)
		}
	}
}

// The reader typing on (the box asks for the next search) stops the
// suggestions being worked out for what they typed before: the next
// results do not wait for up to eight searches no one will see.
func TestSuggestGivesWayToTheNextSearch(t *testing.T) {
	docs := []search.Doc{{URL: "/a/", Heading: "保密制度", Text: "对外保密。"}}
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	alone := searchtest.SearchIndex(t, files, "search", []string{"保秘"}, searchtest.Options{Suggest: true})
	if !slices.Equal(alone[0].Suggestions, []string{"保密"}) {
		t.Fatalf("保秘 alone offers %q, want 保密", alone[0].Suggestions)
	}
	r := searchtest.SearchIndex(t, files, "search", []string{"保秘"}, searchtest.Options{Suggest: true, TypeOn: "保秘制"})
	if r[0].Error != "" || len(r[0].Suggestions) != 0 {
		t.Errorf("保秘, then 保秘制 typed: offers %q (%s), want none", r[0].Suggestions, r[0].Error)
	}
}
