package serve

import (
	"strings"
	"testing"
	"time"
)

// TestScrollSurvivesAShortPage: a save that shortens the page (a section
// deleted, a half-written file) reloads it where it can; the next save
// (the section back: undo) returned the reader to the top, as the short
// page's position was kept. It now goes back where the reader was, unless
// they scrolled meanwhile.
func TestScrollSurvivesAShortPage(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	long := smallSite["a.md"] + strings.Repeat("\n本制度条文用于测试滚动位置，内容较长。\n", 300)
	ts, ctx, eval := openLongPage(t, long)
	// reloaded waits for the page to show text after a reload, and returns
	// its scroll position.
	reloaded := func(text string) string {
		t.Helper()
		waitReloaded(t, ctx, text)
		live(t, ctx)
		time.Sleep(100 * time.Millisecond)
		return eval(`String(scrollY)`)
	}
	if y := eval(`window.scrollTo({top: 1500, behavior: "instant"}); window.__old = 1; String(scrollY)`); y != "1500" {
		t.Fatalf("cannot scroll the test page: %s", y)
	}
	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "删掉后文的甲", 1))
	if y := reloaded("删掉后文的甲"); y != "0" {
		t.Fatalf("the short page is at %s", y)
	}
	eval(`window.__old = 1; ""`)
	ts.write("a.md", strings.Replace(long, "原文甲", "撤销删除的甲", 1))
	if y := reloaded("撤销删除的甲"); y != "1500" {
		t.Errorf("after the text came back the page is at %s, want 1500 where the reader was", y)
	}
}
