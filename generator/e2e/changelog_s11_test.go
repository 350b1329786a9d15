package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// The changelog read on a phone with large text stays on the screen: a
// changed file's counts (修改 · +37 −23 字) were kept on one line, and at
// 320 px and 200 % text that line was 40 px wider than the screen, so the
// whole page slid sideways under the reader's thumb.
func TestChangelogStaysOnAPhoneScreen(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, px := range []int64{16, 24, 32} {
		textSize(t, ctx, px)
		for _, w := range []int64{320, 390} {
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/changelog/"), chromedp.WaitReady(chromedp.CSS(".diff-file")))
			if got := harness.Eval[float64](t, ctx, `document.documentElement.scrollWidth - innerWidth`); got > 0 {
				t.Errorf("text %d px, %d px wide: the changelog is %.0f px wider than the screen", px, w, got)
			}
		}
	}
}
