package search_test

import (
	"runtime"
	"runtime/metrics"
	"slices"
	"testing"
	"time"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// BenchmarkBuild indexes a synthetic 10,000-page corpus (10 clauses a page)
// and reports the size of the index and the most the live heap (as of the
// last GC) grew over what it was before the first build. Run it alone,
// once; GOGC=10 samples the live heap finely:
//
//	GOGC=10 go test -run '^$' -bench 'Build$' -benchtime 1x -benchmem ./generator/search/
//
// For a corpus of real pages, see cmd/searchmem.
func BenchmarkBuild(b *testing.B) {
	docs := searchtest.Synthetic(1, 10000, 10)
	text := 0
	for _, d := range docs {
		text += len(d.Text) + len(d.Heading)
	}
	b.SetBytes(int64(text))
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	before := live[0].Value.Uint64()
	peak := before
	done := make(chan struct{}, 1)
	sampled := make(chan struct{}, 1)
	go func() {
		defer func() { sampled <- struct{}{} }()
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
		}
	}()
	b.ResetTimer()
	var files map[string][]byte
	for b.Loop() {
		var err error
		if files, err = search.Build(docs, search.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	done <- struct{}{} // (close is a test helper in this package)
	<-sampled
	runtime.GC()
	metrics.Read(live)
	b.ReportMetric(float64(max(peak, live[0].Value.Uint64())-before)/(1<<20), "peak-extra-live-MB")
	total, postings := 0, 0
	for name, f := range files {
		total += len(f)
		if name[len(name)-4:] == ".bin" {
			postings += len(f)
		}
	}
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(postings), "postings-bytes")
	b.ReportMetric(float64(len(files)), "files")
}

// BenchmarkFirstQuery runs typical queries in Node over the synthetic
// corpus and reports bytes fetched and time for a first query.
func BenchmarkFirstQuery(b *testing.B) {
	files, err := search.Build(searchtest.Synthetic(1, 10000, 10), search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"大客户经理", "末位淘汰", "政府采购", "保密", "绩效工资", "105%", "2025.1", "客户"}
	var res []searchtest.Result
	for b.Loop() {
		res = searchtest.SearchIndex(b, files, "search", queries, searchtest.Options{Limit: 5})
	}
	bytes, ms := 0.0, 0.0
	for _, r := range res {
		b.Logf("%-6s %6d hits %8d bytes %3d files %6.1f ms", r.Query, r.Total, r.Bytes, r.Files, r.Millis)
		bytes += float64(r.Bytes)
		ms += r.Millis
	}
	b.ReportMetric(bytes/float64(len(res)), "bytes/first-query")
	b.ReportMetric(ms/float64(len(res)), "node-ms/first-query")
}

// BenchmarkBuildDelta indexes one changed page (10 clauses) of the
// synthetic 10,000-page corpus as a delta over the full index:
//
//	go test -run '^$' -bench BuildDelta -benchtime 20x ./generator/search/
func BenchmarkBuildDelta(b *testing.B) {
	docs := searchtest.Synthetic(1, 10000, 10)
	base, err := search.Build(docs, search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	page := slices.Clone(docs[50000:50010])
	for i := range page {
		page[i].Text += "本条自二〇二六年七月起执行。"
	}
	deleted := []search.Range{{From: 50000, To: 50010}}
	b.ResetTimer()
	var files map[string][]byte
	for b.Loop() {
		if files, err = search.BuildDelta(base["search/meta.json"], deleted, page, search.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	total := 0
	for _, f := range files {
		total += len(f)
	}
	b.ReportMetric(float64(total), "delta-bytes")
	b.ReportMetric(float64(len(files)), "files")
}
