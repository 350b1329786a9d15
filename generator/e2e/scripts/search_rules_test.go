package scripts

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// A search result for a word of the calculator's rules (舍入规则) links to
// the rules table, which the calculator folds away unless a link points
// to it: from another page and on the calculator page itself, the table is
// open and in the window.
func TestSearchResultOpensTheCalculatorsRules(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const state = `JSON.stringify({open: document.getElementById("规则一览")?.open, top: document.getElementById("规则一览")?.getBoundingClientRect().top, href: location.href})`
	const inView = `(() => { const r = document.getElementById("规则一览"); const top = r ? r.getBoundingClientRect().top : -1; return !!r && r.open && top >= 0 && top < innerHeight; })()`
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("舍入规则")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	href := harness.Eval[string](t, ctx, `document.querySelector("#search-results .search-result").href`)
	if want := s.URL + calcPath + "#" + url.PathEscape("规则一览"); href != want {
		t.Fatalf("舍入规则: first result %s, want %s", href, want)
	}
	// From another page.
	harness.Do(t, ctx, chromedp.Navigate(href))
	harness.WaitFor(t, ctx, `!!document.querySelector(".payout-calculator[data-ready]") && `+inView, state)
	// On the calculator page, its rules folded: the link changes the fragment only.
	openCalculator(t, ctx, s.URL+calcPath)
	if harness.Eval[bool](t, ctx, `document.getElementById("规则一览").open`) {
		t.Fatal("the rules table is open on the calculator page without a link to it")
	}
	harness.Eval[bool](t, ctx, `(location.href = `+"`"+href+"`"+`, true)`)
	harness.WaitFor(t, ctx, inView, state)
}

// 计算器 finds the calculator page's top, whose text is its title: the
// result names it once, with no snippet that repeats it; the rules table's
// result, after it, has its snippet.
func TestCalculatorResultSaysItsTitleOnce(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("计算器")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	got := harness.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results .search-result")).map(a => a.querySelector(".search-result-heading").textContent + " | " + (a.querySelector(".search-result-snippet")?.textContent ?? "(no snippet)"))`)
	if len(got) < 2 || got[0] != "绩效工资计算器 | (no snippet)" || !strings.HasPrefix(got[1], "绩效工资计算器 · 规则一览 | 按 2026.1 版第六章的规则估算") {
		t.Fatalf("计算器: results %q, want the page named once, then its rules with their snippet", got)
	}
}
