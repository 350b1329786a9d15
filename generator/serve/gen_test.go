package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeLargeSite writes a handbook of n Chinese pages in nested folders
// (10 parts × 10 chapters × n/100 pages), each a few paragraphs, a list of
// clauses and a link to its neighbour, for the latency benchmark.
func writeLargeSite(dir string, n int) error {
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"大型手册\"\nlanguage = \"zh-CN\"\n"), 0o644); err != nil {
		return err
	}
	per := (n + 99) / 100
	written := 0
	for part := 0; part < 10 && written < n; part++ {
		for ch := 0; ch < 10 && written < n; ch++ {
			sec := filepath.Join(dir, fmt.Sprintf("p%02d", part), fmt.Sprintf("c%02d", ch))
			if err := os.MkdirAll(sec, 0o755); err != nil {
				return err
			}
			for pg := 0; pg < per && written < n; pg++ {
				next := fmt.Sprintf("s%03d.md", pg+1)
				if pg == per-1 || written == n-1 {
					next = "s000.md"
				}
				if err := os.WriteFile(filepath.Join(sec, fmt.Sprintf("s%03d.md", pg)), largePage(part, ch, pg, next), 0o644); err != nil {
					return err
				}
				written++
			}
		}
	}
	return nil
}

func largePage(part, ch, pg int, next string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: 第%d编 第%d章 第%d节 管理规定\norder: %d\nslug: s%03d\n---\n\n", part+1, ch+1, pg+1, pg+1, pg)
	fmt.Fprintf(&b, "## 一、总则\n\n为规范第%d节所述事项的管理，明确各岗位职责，提高工作效率，特制定本规定。本规定适用于大客户部全体员工。\n\n", pg+1)
	b.WriteString("## 二、职责\n\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "%d. 负责制定每月、季度、年度拓展计划，进行目标分解并执行实施（第%d项）;\n", i, i)
	}
	fmt.Fprintf(&b, "\n## 三、附则\n\n本规定由大客户部负责解释，自发布之日起施行。另见[下一节](%s)。\n", next)
	return []byte(b.String())
}
