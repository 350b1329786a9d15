package serve

import (
	"strings"
	"testing"
	"time"
)

// TestOpenDetailsSurviveAReload: a save reloads the page at the same
// scroll position, but every <details> went back to how the page opens:
// the chapter's contents the admin had unfolded (folded by default below
// 72rem), the chapter list they had folded, the calculator's rules table,
// the version menu. Each now comes back as the admin left it, and the
// scroll position is restored with them open.
func TestOpenDetailsSurviveAReload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	var sections strings.Builder
	for i := 1; i <= 8; i++ {
		sections.WriteString("\n## 第" + string(rune('0'+i)) + "节\n\n" + strings.Repeat("本节条文用于测试，内容较长。\n\n", 20))
	}
	long := smallSite["a.md"] + sections.String()
	ts, ctx, eval := openLongPage(t, long)
	state := `[".nav-details", ".toc-details"].map((s) => document.querySelector(s)?.open).join(" ")`
	// The window is 1000 px wide: the chapter list is open beside the
	// text, the chapter's contents folded above it.
	if got := eval(state); got != "true false" {
		t.Fatalf("the page opens with nav, toc open = %s, want true false", got)
	}
	eval(`document.querySelector(".nav-details").open = false; document.querySelector(".toc-details").open = true; ""`)
	if y := eval(`window.scrollTo({top: 1200, behavior: "instant"}); window.__old = 1; String(scrollY)`); y != "1200" {
		t.Fatalf("cannot scroll the test page: %s", y)
	}
	ts.write("a.md", strings.Replace(long, "原文甲", "改过的甲", 1))
	waitReloaded(t, ctx, "改过的甲")
	live(t, ctx)
	time.Sleep(200 * time.Millisecond)
	if got := eval(state); got != "false true" {
		t.Errorf("after the reload nav, toc open = %s, want false true as the admin left them", got)
	}
	if y := eval(`String(scrollY)`); y != "1200" {
		t.Errorf("after the reload the page is at %s, want 1200", y)
	}
}
