package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// Choosing another revision keeps the clause the reader scrolled to, as it
// keeps a #clause of the address: scrolled to 主要权利 第5条 without one,
// the reader landed at the top of 2025.1's page. At the page's top, the
// link stays the page's.
func TestSwitchingRevisionKeepsTheClauseScrolledTo(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const id = "主要权利.5"
	other := `document.querySelector("details.version-switcher a.version-link:not([aria-current])")`
	for _, w := range []int64{1280, 390} {
		where := fmt.Sprintf("at %d px", w)
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if h := harness.Eval[string](t, ctx, other+`.hash`); h != "" {
			t.Errorf("%s: at the page's top the other revision's link has %q; want none", where, h)
		}
		// Scrolled as a reader scrolls: the clause's first line just under the header.
		harness.Eval[bool](t, ctx, fmt.Sprintf(`(() => {
  const h = document.querySelector(".site-header").getBoundingClientRect().bottom;
  scrollTo(0, scrollY + document.getElementById(%q).getBoundingClientRect().top - h - 6);
  return true;
})()`, id))
		harness.WaitFor(t, ctx, fmt.Sprintf(`decodeURIComponent(%s.hash) === %q`, other, "#"+id), other+`.href`)
		tap(t, ctx, "details.version-switcher > summary")
		harness.WaitFor(t, ctx, `document.querySelector("details.version-switcher").open`, harness.ActiveElement)
		tap(t, ctx, `details.version-switcher a.version-link[href*="/v/2025.1/"]`)
		harness.WaitPath(t, ctx, "/v/2025.1/job-descriptions/")
		harness.SettleScroll(t, ctx)
		got := harness.Eval[map[string]any](t, ctx, fmt.Sprintf(`(() => {
  const h = Math.max(document.querySelector(".site-header").getBoundingClientRect().bottom, 0);
  const el = document.getElementById(%q);
  return {hash: decodeURIComponent(location.hash), gap: el ? el.getBoundingClientRect().top - h : -1e6};
})()`, id))
		if got["hash"] != "#"+id {
			t.Errorf("%s: landed on %s%v; want #%s", where, "/v/2025.1/job-descriptions/", got["hash"], id)
		}
		if gap, _ := got["gap"].(float64); gap < 0 || gap > 40 {
			t.Errorf("%s: clause 5 is %.0f px below the header; want it just under it", where, gap)
		}
	}
}

// tap clicks the middle of the element sel where it is on the screen, as
// a finger or a mouse does: chromedp.Click first scrolls it "into view",
// which for the sticky header's button scrolled the page 400 px up.
func tap(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	at := harness.Eval[[]float64](t, ctx, fmt.Sprintf(`(r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector(%q).getBoundingClientRect())`, sel))
	harness.Do(t, ctx, chromedp.MouseClickXY(at[0], at[1]))
}
