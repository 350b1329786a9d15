package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook/generator/output"
	"handbook/generator/revision"
	"handbook/theme"
)

// BenchmarkMovedIDs builds a handbook of 1,000 chapters whose second
// revision deletes the last clause of each: every page then looks for
// where its clause went, among what the revision put into pages. Looked
// for in every page's text, page by page, the build took 270 s, not 3.
func BenchmarkMovedIDs(b *testing.B) {
	const pages = 1000
	dir := filepath.Join(b.TempDir(), "content")
	chapters := func(cut bool) string {
		var s strings.Builder
		s.WriteString("-- site.toml --\ntitle = \"测试手册\"\n")
		for i := range pages {
			fmt.Fprintf(&s, "-- %04d.md --\n---\ntitle: 第%d章\norder: %d\n---\n## 职责%d\n\n", i, i, i+1, i)
			for k := 1; k <= 8; k++ {
				if !cut || k < 8 {
					fmt.Fprintf(&s, "%d. 第%d章的第%d条职责,负责部门的日常管理工作;\n", k, i, k)
				}
			}
		}
		return s.String()
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, st := range []struct {
		v, eff string
		cut    bool
	}{{"1.0", "2025-01-01", false}, {"2.0", "2026-01-01", true}} {
		for name, f := range tree(chapters(st.cut)) {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: day(st.eff), Note: "第" + st.v + "版", Now: day("2026-06-01")}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: day("2026-06-01")}); err != nil {
			b.Fatal(err)
		}
	}
}
