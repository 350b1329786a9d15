package search_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// rankingQueries are the queries of TestRankingPutsTheDefiningClauseFirst.
var rankingQueries = []string{
	"末位淘汰", "政府采购", "保密", "105%", "１０５％", "80%", "2772", "924元", "3000*88%",
	"挑战目标", "投标文件", "市场总监", "考核目的", "公平", "工作态度", "绩效管理", "倒数第一 末位", "二、政府采购",
}

// withDelta publishes a delta over base as the build would: the base's
// files stay, the delta's folder is added and meta.json replaced.
func withDelta(t *testing.T, base []search.Doc, deleted []search.Range, docs []search.Doc, opts search.Options) (all, delta map[string][]byte) {
	t.Helper()
	full, err := search.Build(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := opts.Dir
	if dir == "" {
		dir = "search"
	}
	delta, err = search.BuildDelta(full[dir+"/meta.json"], deleted, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for name := range delta {
		if _, ok := full[name]; ok && name != dir+"/meta.json" {
			t.Errorf("the delta rewrites the base's %s", name)
		}
	}
	all = maps.Clone(full)
	maps.Copy(all, delta)
	return all, delta
}

// edited is the handbook after an editing session: a figure of chapter 6
// changed, a duty added to chapter 3, chapter 7 removed and a chapter
// added. It returns the new docs in site order, and the delta: the ranges
// of old docs gone and the docs of the pages changed or added.
func edited() (docs []search.Doc, deleted []search.Range, delta []search.Doc) {
	old := handbook()
	changed := map[string]bool{"/latest/performance/": true, "/latest/positions/": true, "/latest/confidentiality/": true}
	deleted = search.Ranges(old, func(d *search.Doc) bool { return changed[d.URL] })
	for _, d := range old {
		switch d.URL {
		case "/latest/confidentiality/":
			continue
		case "/latest/performance/":
			d.Text = strings.ReplaceAll(d.Text, "绩效工资1500元", "绩效工资2000元")
		case "/latest/positions/":
			if d.Anchor == "b内勤" {
				d.Text += "\n5、负责政府采购合同的归档。"
			}
		}
		docs = append(docs, d)
		if changed[d.URL] {
			delta = append(delta, d)
		}
	}
	added := []search.Doc{
		{URL: "/latest/travel/", Chapter: "第八章 差旅", Heading: "第八章 差旅", Anchor: "第八章-差旅", Level: 1, Text: "出差人员按差旅报销标准报销，凭票据据实结算。"},
		{URL: "/latest/travel/", Chapter: "第八章 差旅", Heading: "一、住宿", Anchor: "一住宿", Level: 2, Text: "住宿费按差旅报销标准的上限执行，超出部分自理。"},
	}
	docs = append(docs, added...)
	delta = append(delta, added...)
	return docs, deleted, delta
}

func TestDeltaRanksAsAFullBuild(t *testing.T) {
	docs, deleted, delta := edited()
	all, _ := withDelta(t, handbook(), deleted, delta, search.Options{})
	full, err := search.Build(docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	queries := append(slices.Clone(rankingQueries), "绩效工资", "大客户", "绩效 发放", "差旅报销标准", "归档")
	a := searchtest.SearchIndex(t, all, "search", queries, searchtest.Options{})
	b := searchtest.SearchIndex(t, full, "search", queries, searchtest.Options{})
	for i, q := range queries {
		if a[i].Error != "" || b[i].Error != "" {
			t.Fatalf("%s: %s %s", q, a[i].Error, b[i].Error)
		}
		ga, gb := a[i].Anchors(), b[i].Anchors()
		if len(gb) != 0 && (len(ga) == 0 || ga[0] != gb[0] || a[i].Hits[0].URL != b[i].Hits[0].URL) || len(gb) == 0 && len(ga) != 0 {
			t.Errorf("%s: base+delta first %q, full build first %q", q, ga, gb)
		}
		if a[i].Total != b[i].Total {
			t.Errorf("%s: base+delta finds %d, full build %d", q, a[i].Total, b[i].Total)
		}
		if !slices.Equal(ga, gb) {
			t.Logf("%s: order differs below the first: base+delta %q, full %q", q, ga, gb)
		}
	}
}

func TestDeltaNeverReturnsDeletedText(t *testing.T) {
	_, deleted, delta := edited()
	all, _ := withDelta(t, handbook(), deleted, delta, search.Options{ShardBytes: 300, DocShardBytes: 400})
	queries := []string{"1500元", "2000元", "差旅报销标准", "泄漏公司秘密", "保密", "政府采购合同的归档"}
	r := searchtest.SearchIndex(t, all, "search", queries, searchtest.Options{Limit: 50})
	for _, x := range r {
		if x.Error != "" {
			t.Fatalf("%s: %s", x.Query, x.Error)
		}
	}
	if len(r[0].Hits) != 0 || r[0].Total != 0 {
		t.Errorf("1500元, changed to 2000元, still found: %+v", r[0].Hits)
	}
	if len(r[1].Hits) != 1 || r[1].Hits[0].Anchor != "销售人员奖惩办法.3" || !strings.Contains(r[1].Hits[0].Snippet, "绩效工资<mark>2000元</mark>") {
		t.Errorf("2000元: %+v", r[1].Hits)
	}
	if got := r[2].Anchors(); !slices.Equal(got, []string{"第八章-差旅", "一住宿"}) && !slices.Equal(got, []string{"一住宿", "第八章-差旅"}) {
		t.Errorf("差旅报销标准, only in the delta: %q", got)
	}
	for _, h := range r[2].Hits {
		if h.Exact != 1 || !strings.Contains(h.Snippet, "<mark>差旅报销标准</mark>") {
			t.Errorf("差旅报销标准: %s exact %d snippet %q", h.Anchor, h.Exact, h.Snippet)
		}
	}
	// Only the removed chapter 7 said 泄漏公司秘密: what is found now are
	// clauses holding some of its words (公司), said to be partial.
	if len(r[3].Hits) != 0 && !r[3].Partial {
		t.Errorf("泄漏公司秘密, only in the removed chapter 7, found whole: %+v", r[3].Hits)
	}
	for _, h := range r[3].Hits {
		if h.URL == "/latest/confidentiality/" || h.Exact != 0 || strings.Contains(h.Snippet, "秘密") {
			t.Errorf("the removed chapter 7 is still found: %+v", h)
		}
	}
	for _, h := range r[4].Hits {
		if h.URL == "/latest/confidentiality/" {
			t.Errorf("保密 returns the removed chapter: %+v", h)
		}
	}
	if len(r[5].Hits) == 0 || r[5].Hits[0].Exact != 1 || r[5].Hits[0].Anchor != "b内勤" || !strings.Contains(r[5].Hits[0].Snippet, "<mark>政府采购合同的归档</mark>") {
		t.Errorf("the added duty: %+v", r[5].Hits)
	}
}

func TestEmptyDeltaIsTheBase(t *testing.T) {
	base, err := search.Build(handbook(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, deleted := range [][]search.Range{nil, {{3, 3}}} {
		d, err := search.BuildDelta(base["search/meta.json"], deleted, nil, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(d) != 1 || !bytes.Equal(d["search/meta.json"], base["search/meta.json"]) {
			t.Errorf("deleted %v: an empty delta returns %d files, meta %s", deleted, len(d), d["search/meta.json"])
		}
	}
	// A delta that deletes every page and indexes it again finds what the
	// base finds.
	docs := handbook()
	all, _ := withDelta(t, docs, []search.Range{{0, len(docs)}}, docs, search.Options{})
	queries := append(slices.Clone(rankingQueries), "绩效工资")
	a := searchtest.SearchIndex(t, base, "search", queries, searchtest.Options{})
	b := searchtest.SearchIndex(t, all, "search", queries, searchtest.Options{})
	for i, q := range queries {
		if !slices.Equal(a[i].Anchors(), b[i].Anchors()) || a[i].Total != b[i].Total {
			t.Errorf("%s: base %q, everything again in the delta %q", q, a[i].Anchors(), b[i].Anchors())
		}
	}
}

func TestBadQueriesOverADelta(t *testing.T) {
	_, deleted, delta := edited()
	all, _ := withDelta(t, handbook(), deleted, delta, search.Options{})
	checkAnswered(t, searchtest.SearchIndex(t, all, "search", badQueries, searchtest.Options{}))
	// Everything deleted, nothing added: no results, no error.
	docs := handbook()
	gone, _ := withDelta(t, docs, []search.Range{{0, len(docs)}}, nil, search.Options{})
	for _, r := range searchtest.SearchIndex(t, gone, "search", []string{"绩效工资", "保密"}, searchtest.Options{}) {
		if r.Error != "" || r.Total != 0 {
			t.Errorf("%s over an index with every doc deleted: %d hits, %s", r.Query, r.Total, r.Error)
		}
	}
}

// TestDeltaPhraseRanksFirstWhenOffsetsCollide is
// TestPhraseRanksFirstWhenOffsetsCollide with some of the clauses changed in
// a delta: the terms' positions of both segments are read, less the deleted
// docs.
func TestDeltaPhraseRanksFirstWhenOffsetsCollide(t *testing.T) {
	docs := phraseDocs(300, "资料", "客户一二三四五六七八档案。")
	// x1 loses the phrase, x3 is added with it, and 40 scattered clauses
	// are edited (still scattered).
	var delta []search.Doc
	for i := 100; i < 140; i++ {
		a := strconv.Itoa(i)
		delta = append(delta, search.Doc{URL: "/p" + a + "/", Heading: "资料", Anchor: "s" + a, Text: "客户甲乙丙丁戊己庚辛档案。"})
	}
	delta = append(delta,
		search.Doc{URL: "/q1/", Heading: "其他", Anchor: "x1", Text: "负责客户的管理和档案。"},
		search.Doc{URL: "/q3/", Heading: "其他", Anchor: "x3", Text: "客户档案由内勤保管。"},
	)
	all, _ := withDelta(t, docs, []search.Range{{100, 140}, {301, 302}}, delta, search.Options{ShardBytes: 300, DocShardBytes: 300})
	checkPhraseFirst(t, all, []string{"x0", "x2", "x3"}, 304)
}

func TestBuildDeltaFiles(t *testing.T) {
	_, deleted, delta := edited()
	opts := search.Options{Dir: "latest/search"}
	base, err := search.Build(handbook(), opts)
	if err != nil {
		t.Fatal(err)
	}
	bm := base["latest/search/meta.json"]
	if bytes.Contains(bm, []byte("delta")) {
		t.Errorf("Build's meta.json has a delta: %s", bm)
	}
	a, err := search.BuildDelta(bm, deleted, delta, opts)
	if err != nil {
		t.Fatal(err)
	}
	// Ranges in another order, overlapping: the same index.
	rev := slices.Clone(deleted)
	slices.Reverse(rev)
	shuffled := append([]search.Range{{deleted[0].From, deleted[0].From + 1}}, rev...)
	b, err := search.BuildDelta(bm, shuffled, delta, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatal("different file sets")
	}
	for name, x := range a {
		if !bytes.Equal(b[name], x) {
			t.Errorf("%s differs between runs", name)
		}
	}
	var m search.Meta
	if err := json.Unmarshal(a["latest/search/meta.json"], &m); err != nil {
		t.Fatal(err)
	}
	var bmeta search.Meta
	json.Unmarshal(bm, &bmeta)
	if m.Delta == nil || m.Delta.Docs != len(delta) || m.Delta.Files != m.Delta.Build+"/" || m.Delta.Build == bmeta.Build {
		t.Fatalf("meta.json: %s", a["latest/search/meta.json"])
	}
	folder := "latest/search/" + m.Delta.Build + "/"
	m.Delta = nil
	if m != bmeta {
		t.Errorf("the base's part of meta.json changed: %+v, was %+v", m, bmeta)
	}
	for name := range a {
		if name != "latest/search/meta.json" && !strings.HasPrefix(name, folder) {
			t.Errorf("file %s outside the delta's folder", name)
		}
	}
	t.Logf("meta.json with a delta: %s", a["latest/search/meta.json"])

	for _, c := range []struct {
		name    string
		meta    []byte
		deleted []search.Range
	}{
		{"range past the end", bm, []search.Range{{0, len(handbook()) + 1}}},
		{"negative range", bm, []search.Range{{-1, 2}}},
		{"reversed range", bm, []search.Range{{5, 2}}},
		{"a delta's meta as base", a["latest/search/meta.json"], nil},
		{"not JSON", []byte("{"), nil},
		{"another format", regexp.MustCompile(`"format":\d+`).ReplaceAll(bm, []byte(`"format":1`)), nil},
	} {
		if _, err := search.BuildDelta(c.meta, c.deleted, delta, opts); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if _, err := search.BuildDelta(bm, nil, []search.Doc{{Heading: "x"}}, opts); err == nil {
		t.Error("no error for a doc without URL")
	}
}

func TestRanges(t *testing.T) {
	docs := []search.Doc{{URL: "/a/"}, {URL: "/b/"}, {URL: "/b/"}, {URL: "/c/"}, {URL: "/b/"}, {URL: "/d/"}, {URL: "/d/"}}
	got := search.Ranges(docs, func(d *search.Doc) bool { return d.URL == "/b/" || d.URL == "/d/" })
	if want := []search.Range{{1, 3}, {4, 7}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestLargeDeltaRanksAsAFullBuild replaces a third of a synthetic site in a
// delta large enough for terms with postings files of their own in both
// segments.
func TestLargeDeltaRanksAsAFullBuild(t *testing.T) {
	old := searchtest.Synthetic(2, 300, 10)
	fresh := searchtest.Synthetic(3, 100, 10)
	for i := range fresh {
		fresh[i].URL = strings.Replace(fresh[i].URL, "/p/", "/p/1", 1) // pages 10…199 are changed
	}
	var docs []search.Doc
	var delta []search.Doc
	changed := map[string]bool{}
	for _, d := range fresh {
		changed[d.URL] = true
	}
	deleted := search.Ranges(old, func(d *search.Doc) bool { return changed[d.URL] })
	for _, d := range old {
		if !changed[d.URL] {
			docs = append(docs, d)
		}
	}
	docs = append(docs, fresh...)
	delta = fresh
	opts := search.Options{ShardBytes: 4000}
	all, d := withDelta(t, old, deleted, delta, opts)
	if mustDeltaMeta(t, d).Common == "" {
		t.Fatal("the delta has no common terms")
	}
	full, err := search.Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"大客户经理", "末位淘汰", "政府采购", "保密", "绩效工资", "105%", "2025.1", "客户", "客户档案", "绩效 发放"}
	a := searchtest.SearchIndex(t, all, "search", queries, searchtest.Options{Limit: 5})
	b := searchtest.SearchIndex(t, full, "search", queries, searchtest.Options{Limit: 5})
	for i, q := range queries {
		if a[i].Error != "" || b[i].Error != "" {
			t.Fatalf("%s: %s %s", q, a[i].Error, b[i].Error)
		}
		if a[i].Total != b[i].Total || len(a[i].Hits) != len(b[i].Hits) {
			t.Errorf("%s: base+delta finds %d, full build %d", q, a[i].Total, b[i].Total)
			continue
		}
		// Synthetic clauses tie often; the delta's docs then come after
		// the base's, so compare ranks, not clauses.
		for k := range a[i].Hits {
			x, y := a[i].Hits[k], b[i].Hits[k]
			if x.Exact != y.Exact || x.InHeading != y.InHeading || !close(x.Score, y.Score) {
				t.Errorf("%s: hit %d is %s%s exact %d head %d score %.3f, full build %s%s exact %d head %d score %.3f",
					q, k, x.URL, x.Anchor, x.Exact, x.InHeading, x.Score, y.URL, y.Anchor, y.Exact, y.InHeading, y.Score)
			}
		}
	}
}

// close tells scores equal but for the average length, which a delta
// takes over deleted docs too.
func close(a, b float64) bool { return a-b < 0.05*max(a, b) && b-a < 0.05*max(a, b) }

func mustDeltaMeta(t *testing.T, files map[string][]byte) *search.Delta {
	t.Helper()
	var m search.Meta
	if err := json.Unmarshal(files["search/meta.json"], &m); err != nil || m.Delta == nil {
		t.Fatalf("meta.json: %v %s", err, files["search/meta.json"])
	}
	return m.Delta
}

// TestReadDocsIsBuildsInverse: the docs read back from a built index are
// the docs it was built from.
func TestReadDocsIsBuildsInverse(t *testing.T) {
	docs := handbook()
	files, err := search.Build(docs, search.Options{DocShardBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[strings.TrimPrefix(name, "search/")] = &fstest.MapFile{Data: b}
	}
	got, err := search.ReadDocs(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, docs) {
		t.Fatalf("read %d docs back, want the %d built", len(got), len(docs))
	}
}
