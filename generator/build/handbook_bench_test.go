package build

import (
	"os"
	"testing"

	"handbook/generator/output"
	"handbook/theme"
)

// BenchmarkHandbookRebuild rebuilds the real handbook (both revisions and
// the draft) with a warm cache, as the preview server does after a save.
func BenchmarkHandbookRebuild(b *testing.B) {
	c := NewCache()
	opts := Options{Source: os.DirFS("../../content"), Theme: theme.FS, Drafts: true, Cache: c, SearchLater: true}
	for i := 0; i < b.N+1; i++ {
		if i == 1 {
			b.ResetTimer()
		}
		opts.Out = output.NewMemory()
		if _, err := Run(opts); err != nil {
			b.Fatal(err)
		}
	}
}
