package scripts

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// splitFigures is a page expression listing the figures (a number with its
// unit, a range, a product: theme/ts/figures.ts, as the build reads them)
// in the shown elements of sel that a line break cuts, with the two lines.
func splitFigures(sel string) string {
	return fmt.Sprintf(`(() => {
  const figure = /[0-9０-９]+(?:[.,][0-9０-９]+)*(?:[\t\n\f\r ]*(?:——|—|–|~|～|-|至|到|×|\*|＊)[\t\n\f\r ]*[0-9０-９]+(?:[.,][0-9０-９]+)*)?(?:[ \u{00a0}]?(?:%%|％|℅|个月|小时|元|分|天|日|月|年|人|名|项|条|次|倍|岁|周))?/gu;
  const out = [], r = document.createRange();
  for (const el of document.querySelectorAll(%q)) {
    if (!el.getClientRects().length) continue;
    let text = "", line = [], n = 0, prev = null;
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t; (t = w.nextNode());) {
      if (t.parentElement.closest(".visually-hidden")) continue;
      for (let i = 0; i < t.length; i++) {
        r.setStart(t, i); r.setEnd(t, i + 1);
        const rect = r.getClientRects()[0];
        if (rect && rect.width) {
          if (prev && rect.top > (prev.top + prev.bottom) / 2) n++;
          prev = rect;
        }
        text += t.data[i];
        line.push(n);
      }
    }
    for (const m of text.matchAll(figure)) {
      const a = m.index, b = a + m[0].length - 1;
      if (line[a] !== line[b]) {
        const lines = [];
        for (let i = 0; i < text.length; i++) lines[line[i]] = (lines[line[i]] || "") + text[i];
        out.push(m[0] + " in: " + lines[line[a]].trim() + " ⏎ " + lines[line[b]].trim());
      }
    }
  }
  return out;
})()`, sel)
}

func noSplitFigures(t *testing.T, ctx context.Context, where, sel string) {
	t.Helper()
	n := harness.Eval[int](t, ctx, fmt.Sprintf(`[...document.querySelectorAll(%q)].filter(e => e.getClientRects().length).length`, sel))
	if n == 0 {
		t.Fatalf("%s: nothing shown of %s", where, sel)
	}
	for _, s := range harness.Eval[[]string](t, ctx, splitFigures(sel)) {
		t.Errorf("%s: a line break cuts the figure %s", where, s)
	}
}

// A figure and its unit stay on one line on a phone in the text the page
// and its scripts make, as in the chapters: the rules' readings under the
// calculator (90⏎——94 分档, 59.5⏎分, （0.01⏎元）), the calculator's steps
// (落在 60–⏎89 分档, 95–100⏎分档) and the search's snippets (考核得分80⏎分,
// 工资为3000⏎元), all seen broken at 360 and 390 px.
func TestFiguresStayWholeOnAPhone(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{360, 390} {
		for _, p := range []string{"/latest/calculator/", "/latest/performance/"} {
			where := fmt.Sprintf("%s at %d px", p, w)
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+p), chromedp.WaitVisible(chromedp.CSS(".payout-calculator[data-ready]")))
			harness.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`for (const d of document.querySelectorAll("details.rules-table")) d.open = true`))
			noSplitFigures(t, ctx, where+", 规则一览", ".rules-table .readings li, .rules-table .rounding")
		}
		for _, form := range []string{"role=sales&score=61.25&base=8888.88&dept=met", "role=sales&score=97&base=3000&dept=met", "role=assistant&score=94.5&base=1500&dept=exceeded"} {
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+calcPath+"#"+form), chromedp.WaitVisible(chromedp.CSS(".payout-calculator[data-ready]")))
			harness.WaitState(t, ctx, "result")
			noSplitFigures(t, ctx, fmt.Sprintf("the calculator's steps for %s at %d px", form, w), ".pc-step, .pc-summary, .pc-rounding")
		}
		for _, q := range []string{"绩效工资", "考核得分", "3000"} {
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape(q)))
			harness.WaitFor(t, ctx, `document.querySelectorAll("main .search-result-snippet").length >= 1`, `document.querySelector("main").textContent.slice(0, 300)`)
			noSplitFigures(t, ctx, fmt.Sprintf("search snippets of %s at %d px", q, w), "main .search-result-snippet, main .search-result-heading")
		}
	}
}
