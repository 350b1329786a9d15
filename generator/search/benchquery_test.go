package search_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"handbook/generator/search/searchtest"
)

// TestBenchFirstQuery measures first queries over an index on disk, for
// bench/pagefind.sh; it runs only when SEARCH_BENCH_INDEX names the index
// folder (the one holding meta.json).
func TestBenchFirstQuery(t *testing.T) {
	dir := os.Getenv("SEARCH_BENCH_INDEX")
	if dir == "" {
		t.Skip("SEARCH_BENCH_INDEX not set")
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files["search/"+filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"大客户经理", "末位淘汰", "政府采购", "保密", "绩效工资", "105%"}
	res := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{Limit: 5})
	var ms []float64
	for _, r := range res {
		t.Logf("ours first query %-8s %7d hits %9d bytes %3d files %6.1f ms (node)", r.Query, r.Total, r.Bytes, r.Files, r.Millis)
		ms = append(ms, r.Millis)
	}
	sort.Float64s(ms)
	t.Logf("ours first query: slowest %.1f ms in node", ms[len(ms)-1])
}
