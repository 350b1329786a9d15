package e2e

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
)

// A search result for a word of the calculator's rules (舍入规则) links to
// the rules table, which the calculator folds away unless a link points
// to it: from another page and on the calculator page itself, the table is
// open and in the window.
func TestSearchResultOpensTheCalculatorsRules(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	const state = `JSON.stringify({open: document.getElementById("规则一览")?.open, top: document.getElementById("规则一览")?.getBoundingClientRect().top, href: location.href})`
	const inView = `(() => { const r = document.getElementById("规则一览"); const top = r ? r.getBoundingClientRect().top : -1; return !!r && r.open && top >= 0 && top < innerHeight; })()`
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("舍入规则")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	href := eval[string](t, ctx, `document.querySelector("#search-results .search-result").href`)
	if want := s.URL + calcPath + "#" + url.PathEscape("规则一览"); href != want {
		t.Fatalf("舍入规则: first result %s, want %s", href, want)
	}
	// From another page.
	do(t, ctx, chromedp.Navigate(href))
	waitFor(t, ctx, `!!document.querySelector(".payout-calculator[data-ready]") && `+inView, state)
	// On the calculator page, its rules folded: the link changes the fragment only.
	openCalculator(t, ctx, s.URL+calcPath)
	if eval[bool](t, ctx, `document.getElementById("规则一览").open`) {
		t.Fatal("the rules table is open on the calculator page without a link to it")
	}
	eval[bool](t, ctx, `(location.href = `+"`"+href+"`"+`, true)`)
	waitFor(t, ctx, inView, state)
}
