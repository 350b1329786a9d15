package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkSaveToReload measures what an editor waits for: from writing a
// chapter to the reload message on the live-reload channel (batching,
// rebuild and broadcast included, the browser's own reload not). It
// reports the median and the 95th percentile, and the build's share.
//
//	go test -run '^$' -bench SaveToReload -benchtime 20x ./generator/serve
//
// HANDBOOK_BENCH_PAGES changes the size of the generated site (10000).
func BenchmarkSaveToReload(b *testing.B) {
	b.Run("handbook", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "content")
		if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
			b.Fatal(err)
		}
		// Today's draft of the real handbook may carry a text as it was in
		// force (a wrong worked example, see publish -legacy): build it as
		// that, since the latency is what is measured here.
		legacy := false
		if _, err := buildOnce(dir, false); err != nil {
			legacy = true
		}
		measureSaves(b, options{source: dir, legacy: legacy}, filepath.Join(dir, "01-functions.md"))
	})
	n := 10000
	if s := os.Getenv("HANDBOOK_BENCH_PAGES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	b.Run(fmt.Sprintf("%d-pages", n), func(b *testing.B) {
		dir := largeSite(b, n)
		measureSaves(b, options{source: dir}, filepath.Join(dir, "p05", "c05", fmt.Sprintf("s%03d.md", (n/100)/2)))
	})
}

func measureSaves(b *testing.B, o options, file string) {
	ts := start(b, o)
	ts.wait = 5 * time.Minute // a full rebuild of a large site takes a while
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body := append(append([]byte{}, orig...), fmt.Sprintf("\n本段为第 %d 次修改。\n", i)...)
		began := time.Now()
		if err := os.WriteFile(file, body, 0o644); err != nil {
			b.Fatal(err)
		}
		ts.expect("reload")
		lat = append(lat, time.Since(began))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95+99)/100-1]), "p95-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func buildOnce(dir string, legacy bool) (*Site, error) {
	opts := options{source: dir, legacy: legacy}
	fb, err := NewFullBuilder(buildOptions(opts), "")
	if err != nil {
		return nil, err
	}
	defer fb.Close()
	return fb.Build(nil)
}

// The generated site is made once per run of the benchmarks: writing
// 10,000 files takes seconds, and the benchmark function runs twice.
var (
	largeMu   sync.Mutex
	largeDirs = map[int]string{}
)

func largeSite(b *testing.B, n int) string {
	largeMu.Lock()
	defer largeMu.Unlock()
	if d, ok := largeDirs[n]; ok {
		return d
	}
	root, err := os.MkdirTemp("", "handbook-bench-")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(root, "content")
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := writeLargeSite(dir, n); err != nil {
		b.Fatal(err)
	}
	largeDirs[n] = dir
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range largeDirs {
		os.RemoveAll(filepath.Dir(d))
	}
	os.Exit(code)
}
