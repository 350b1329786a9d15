package e2e

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestZZMeasure(t *testing.T) {
	if os.Getenv("MEASURE") == "" {
		t.Skip()
	}
	s := serveContent(t, contentDir(), false)
	for i := 0; i < 3; i++ {
		ctx := browser(t)
		u := s.URL + "/latest/calculator/#role=sales&score=88&base=3000&dept=exceeded"
		for j, kind := range []string{"cold", "warm", "warm2"} {
			if j == 0 {
				if os.Getenv("WARMUP") != "" {
					do(t, ctx, chromedp.Navigate("data:text/html;charset=utf-8,<p>中文字体 abc</p>"))
				}
				do(t, ctx, chromedp.Navigate(u))
			} else {
				do(t, ctx, chromedp.Reload())
			}
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".pc-total-value")))
			out := eval[string](t, ctx, `JSON.stringify({
  first: performance.getEntriesByName("payout-first-result")[0]?.startTime,
  marks: performance.getEntriesByType("mark").map(m => m.name + "=" + m.startTime.toFixed(1)),
  nav: (n => [n.responseEnd, n.domInteractive, n.domContentLoadedEventStart, n.loadEventStart].map(x => x.toFixed(0)).join(" "))(performance.getEntriesByType("navigation")[0]),
  paint: performance.getEntriesByType("paint").map(p => p.name + "=" + p.startTime.toFixed(0)),
  res: performance.getEntriesByType("resource").map(r => r.name.split("/").pop() + " " + r.startTime.toFixed(1) + "-" + r.responseEnd.toFixed(1)),
})`)
			t.Logf("%s %s", kind, out)
		}
	}
}
