package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A second pass of reading on a phone, a tablet and a laptop: keyboard,
// screen reader and paper.

// focusUnderHeader is a page expression describing the focused element
// when the sticky header covers any of it ("" when it is in sight).
const focusUnderHeader = `(() => {
  const e = document.activeElement, header = document.querySelector(".site-header");
  if (!e || e === document.body || header.contains(e) || getComputedStyle(header).position !== "sticky") return "";
  const r = e.getBoundingClientRect(), h = header.getBoundingClientRect();
  if (r.top >= h.bottom - 1 && r.bottom <= innerHeight + 1) return "";
  return e.tagName.toLowerCase() + "." + e.className + " “" + (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().slice(0, 40) +
    "” at " + Math.round(r.top) + "–" + Math.round(r.bottom) + " px, the header ends at " + Math.round(h.bottom) + " px";
})()`

// Going back through a chapter with Shift+Tab on a phone, each clause's
// link and each of the calculator's fields comes into sight below the
// sticky header: the browser scrolled each to 4.5 rem from the top (the
// page's scroll padding, for a laptop's one-row header), under a phone's
// two rows, so the focused clause link or field was hidden behind the
// title and the search box (WCAG 2.4.11). Forward, then back, through
// the whole chapter, at 320, 390 and 768 px.
func TestFocusIsNotHiddenUnderTheHeader(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	for _, w := range []int64{320, 390, 768, 1280} {
		do(t, ctx, chromedp.EmulateViewport(w, 700), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS(".pc-input")))
		// From the chapter's last link back to its first.
		do(t, ctx, chromedp.Focus(chromedp.CSS(".prevnext a:last-child")))
		n := eval[int](t, ctx, `document.querySelectorAll("main a[href]:not([tabindex='-1']), main input, main summary").length`)
		hidden := 0
		for i := 0; i < n && hidden < 5; i++ {
			do(t, ctx, chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
			settleScroll(t, ctx)
			if got := eval[string](t, ctx, focusUnderHeader); got != "" {
				t.Errorf("%d px, Shift+Tab: the focused %s", w, got)
				hidden++
			}
			if eval[bool](t, ctx, `!document.querySelector("main").contains(document.activeElement)`) {
				break
			}
		}
	}
}
