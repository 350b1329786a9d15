package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// A reader on a phone reads in the changelog that 2026.1 corrected the
// worked example of 销售人员奖惩办法.3, and opens that clause in the
// text before and in the text after from the line itself: each link
// lands on the clause (no "not on this page" note), and the links fit
// the screen.
func TestChangelogLineOpensItsClauseInBothRevisions(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS(".changelog")))
	if w := harness.Eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the changelog is %d px wide on a 390 px phone", w)
	}
	line := `Array.from(document.querySelectorAll('[id="2026.1"] .diff-line.diff-changed')).find(l => l.textContent.includes('工资=20001500*80'))`
	links := harness.Eval[[]string](t, ctx, `Array.from(`+line+`?.querySelectorAll('.diff-where a') ?? [], a => a.textContent + ' ' + decodeURIComponent(new URL(a.href).pathname + new URL(a.href).hash))`)
	want := []string{"此处在 2025.1 版 /v/2025.1/performance/#销售人员奖惩办法.3", "此处在 2026.1 版 /v/2026.1/performance/#销售人员奖惩办法.3"}
	if strings.Join(links, "|") != strings.Join(want, "|") {
		t.Fatalf("the corrected example's line links %q, want %q", links, want)
	}
	hrefs := harness.Eval[[]string](t, ctx, `Array.from((`+line+`).querySelectorAll('.diff-where a'), a => a.href)`)
	for i, v := range []string{"2025.1", "2026.1"} {
		// Followed as the browser follows it (a plain link).
		harness.Do(t, ctx, chromedp.Navigate(hrefs[i]), chromedp.WaitVisible(chromedp.CSS(`[id="销售人员奖惩办法.3"]`)))
		text := harness.Eval[string](t, ctx, `document.querySelector(':target')?.textContent ?? ''`)
		if want := map[string]string{"2025.1": "2000*80", "2026.1": "1500*80%"}[v]; !strings.Contains(text, want) {
			t.Errorf("%s: the link lands on %q, want the clause with %s", v, text, want)
		}
		if harness.Eval[bool](t, ctx, `document.querySelector('.banner-missing') !== null`) {
			t.Errorf("%s: the page says the linked clause is not on it", v)
		}
	}
}
