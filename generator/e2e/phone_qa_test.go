package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// What a reader meets on a phone set to large text, and on paper.

// textSize sets the browser's default font size, as a reader's "text size"
// setting does (16 px is 100 %).
func textSize(t *testing.T, ctx context.Context, px int64) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: px, Fixed: px * 13 / 16}}); err != nil {
		t.Fatal(err)
	}
}

// With the phone's text at 125 % or 150 % the sticky header keeps to two
// rows, and a link to a clause lands just under it. The title took a row
// of its own, above the version button's: the header was three rows
// (201 px of an 844 px screen) and the linked clause's first line was
// under it.
func TestLargeTextHeaderKeepsTwoRows(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	const frag = "销售人员奖惩办法.5"
	for _, px := range []int64{16, 20, 24} {
		textSize(t, ctx, px)
		for _, size := range [][2]int64{{320, 700}, {360, 760}, {390, 844}} {
			do(t, ctx, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#"+frag), chromedp.WaitVisible(chromedp.CSS(`[id="`+frag+`"]`)))
			settleScroll(t, ctx)
			got := eval[map[string]float64](t, ctx, fmt.Sprintf(`(() => {
  const header = document.querySelector(".site-header"), h = header.getBoundingClientRect();
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const row = e => { const r = e.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); };
  const rows = new Set([".site-title", ".version-switcher", ".search-form"].map(sel => row(document.querySelector(sel)))).size;
  return {rows, sticky: getComputedStyle(header).position === "sticky" ? 1 : 0, header: Math.max(h.bottom, 0), height: h.height / rem,
    gap: (document.getElementById(%q).getBoundingClientRect().top - Math.max(h.bottom, 0)) / rem,
    overflow: document.documentElement.scrollWidth - innerWidth};
})()`, frag))
			where := fmt.Sprintf("text %d px, %dx%d", px, size[0], size[1])
			if got["rows"] != 2 || got["height"] > 7 {
				t.Errorf("%s: the header is %.0f rows, %.1f rem high; want the title and the version button on one row, the search box on a second", where, got["rows"], got["height"])
			}
			if got["gap"] < 0 || got["gap"] > 2 {
				t.Errorf("%s: clause 5 is %.2f rem below the header's end (at %.0f px); want it just under the header (0–2 rem)", where, got["gap"], got["header"])
			}
			if got["overflow"] > 0 {
				t.Errorf("%s: the page is %.0f px wider than the window", where, got["overflow"])
			}
		}
	}
}
