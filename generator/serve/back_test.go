package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPositionAfterASaveSurvivesBackAndF5: once a save had reloaded a
// page, the page lost its place for good: going to another page and back
// (the back-forward cache's copy is reloaded, being off the live-reload
// channel) or pressing F5 opened it at the top with every <details> as
// the page first opens, for the reload had turned the browser's own
// scroll restoration off. Both now come back where the admin was.
func TestPositionAfterASaveSurvivesBackAndF5(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	long := smallSite["a.md"] + strings.Repeat("\n## 又一节\n\n本制度条文用于测试滚动位置，内容较长。\n", 60)
	ts, ctx, eval := openLongPage(t, long)
	where := `String(scrollY) + " " + document.querySelector(".toc-details").open`
	eval(`document.querySelector(".toc-details").open = true; window.scrollTo({top: 1500, behavior: "instant"}); window.__old = 1; ""`)
	ts.write("a.md", strings.Replace(long, "原文甲", "改过的甲", 1))
	waitReloaded(t, ctx, "改过的甲")
	live(t, ctx)
	time.Sleep(200 * time.Millisecond)
	if got := eval(where); got != "1500 true" {
		t.Fatalf("after the save the page is at %s, want 1500 true", got)
	}

	// Away and back.
	eval(`window.__old = 1; location.href = "/latest/b/"; ""`)
	for eval(`location.pathname`) != "/latest/b/" || eval(`document.readyState`) != "complete" {
		time.Sleep(50 * time.Millisecond)
	}
	eval(`history.back(); ""`)
	waitReloaded(t, ctx, "改过的甲")
	time.Sleep(300 * time.Millisecond)
	if got := eval(where); got != "1500 true" {
		t.Errorf("back on the page it is at %s, want 1500 true", got)
	}

	// F5.
	eval(`window.__old = 1; ""`)
	must(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReloaded(t, ctx, "改过的甲")
	time.Sleep(300 * time.Millisecond)
	if got := eval(`String(scrollY)`); got != "1500" {
		t.Errorf("after F5 the page is at %s, want 1500", got)
	}
}
