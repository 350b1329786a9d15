package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// The reader's first minute: the home page lists the seven chapters, the
// sidebar leads to a chapter, a deep link to a Chinese clause lands on it,
// and nothing is fetched from outside the site.
func TestReaderNavigatesTheHandbook(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	reqs := harness.LogRequests(t, ctx)

	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".chapter-list")))
	chapters := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('.chapter-list .chapter-title')].map(e => e.textContent)`)
	if len(chapters) != 7 || !strings.HasPrefix(chapters[0], "第一章") || !strings.HasPrefix(chapters[6], "第七章") {
		t.Fatalf("home page lists %d chapters: %q", len(chapters), chapters)
	}

	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(`.sidebar a[href$="/performance/"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`.calculator-embed`)))
	loc := harness.Eval[string](t, ctx, `location.pathname`)
	h1 := harness.Eval[string](t, ctx, `document.querySelector('main h1').textContent`)
	if !strings.HasSuffix(loc, "/latest/performance/") || !strings.HasPrefix(h1, "第六章") {
		t.Fatalf("sidebar click went to %s with heading %q", loc, h1)
	}

	// A deep link to a numbered clause with a Chinese ID.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#销售人员奖惩办法.5"),
		chromedp.WaitVisible(chromedp.CSS(`[id="销售人员奖惩办法.5"]`)))
	// The page lands, then the calculator above the clause fills in: wait
	// for the clause in view and the page still (a fixed 800 ms was too
	// short on a loaded machine), then look.
	const clauseTop = `document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect().top`
	harness.WaitFor(t, ctx, `scrollY > 300 && `+clauseTop+` >= 0 && `+clauseTop+` <= 200`, `"scrollY " + scrollY + ", clause top " + `+clauseTop)
	harness.SettleScroll(t, ctx)
	top := harness.Eval[float64](t, ctx, clauseTop)
	scrolled := harness.Eval[float64](t, ctx, `window.scrollY`)
	if scrolled < 300 || top < 0 || top > 200 {
		t.Fatalf("deep link did not land on the clause: scrollY=%v, clause top=%v", scrolled, top)
	}
	if target := harness.Eval[string](t, ctx, `document.querySelector(':target').textContent`); !strings.Contains(target, "额外奖金") {
		t.Fatalf(":target is %q, want the 额外奖金 clause", target)
	}

	// The permalink of a Chinese heading.
	if href := harness.Eval[string](t, ctx, `document.querySelector('h2[id="四销售人员月度绩效考核办法"] a.anchor').getAttribute('href')`); href != "#四销售人员月度绩效考核办法" {
		t.Fatalf("permalink href = %q", href)
	}

	if out := reqs.Outside(s.URL); len(out) > 0 {
		t.Fatalf("the pages requested URLs outside the site: %q", out)
	}
	if n := len(reqs.Snapshot()); n < 3 {
		t.Fatalf("only %d requests logged; the request log is not working", n)
	}
}
