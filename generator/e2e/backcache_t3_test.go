package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// Back from the revision chosen in the version menu shows the page with the
// menu closed: restored from the back/forward cache, it was open over the
// text.
func TestBackAfterSwitchingRevisionShowsTheMenuClosed(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		harness.Eval[bool](t, ctx, `(window.keptWhole = true)`)
		harness.Do(t, ctx, chromedp.Click(chromedp.CSS("details.version-switcher > summary")))
		harness.WaitFor(t, ctx, `document.querySelector("details.version-switcher").open`, harness.ActiveElement)
		harness.Do(t, ctx, chromedp.Click(chromedp.CSS(`details.version-switcher a.version-link[href*="/v/2025.1/"]`)))
		harness.WaitPath(t, ctx, "/v/2025.1/performance/")
		// As the browser's Back button goes (chromedp's NavigateBack waits
		// for a load a page from the cache does not fire).
		harness.Eval[bool](t, ctx, `(history.back(), true)`)
		harness.WaitPath(t, ctx, "/latest/performance/")
		if !harness.Eval[bool](t, ctx, `window.keptWhole === true`) {
			t.Fatalf("at %d px: Back loaded the page anew, not from the back/forward cache; the test sees nothing", w)
		}
		if harness.Eval[bool](t, ctx, `document.querySelector("details.version-switcher").open`) {
			t.Errorf("at %d px: Back shows the version menu open over the text", w)
		}
	}
}
