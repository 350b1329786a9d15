package build

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"handbook/generator/output"
	"handbook/theme"
)

// BenchmarkIncremental10k rebuilds a generated tree after editing one page
// (HANDBOOK_TREE names its content folder, e.g. from gentree).
func BenchmarkIncremental(b *testing.B) {
	dir := os.Getenv("HANDBOOK_TREE")
	if dir == "" {
		b.Skip("set HANDBOOK_TREE to a content folder (go run ./generator/bench/cmd/gentree -out /tmp/t -pages 10000; HANDBOOK_TREE=/tmp/t/content)")
	}
	src := fstest.MapFS{}
	_ = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(os.DirFS(dir), p)
			src[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	c := NewCache()
	run := func() time.Duration {
		start := time.Now()
		if _, err := Run(Options{Source: src, Theme: theme.FS, Out: output.NewMemory(), Cache: c, SearchLater: true}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	full := run()
	var name string
	for n := range src {
		if len(n) > 10 && n[len(n)-3:] == ".md" {
			name = n
			break
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := src[name]
		src[name] = &fstest.MapFile{Data: append(append([]byte(nil), f.Data...), []byte("\n增加一句。\n")...)}
		run()
	}
	b.ReportMetric(float64(full.Milliseconds()), "full-ms")
	b.ReportMetric(float64(c.Rendered), "rendered")
}
