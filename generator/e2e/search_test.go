package e2e

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// After one visit, the search box answers with the network off: the
// edition's service worker cached the search index with its pages.
func TestSearchWorksOfflineAfterOneVisit(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	// A server of its own, so that cutting it off leaves the others alone.
	srv := httptest.NewServer(fileHandler(s.Files))
	defer srv.Close()
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitPrecached(t, ctx, "/latest/")

	goOffline(t, ctx, srv)

	// A new page, its search never used: everything comes from the cache.
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.SendKeys(chromedp.CSS(`form.search-form input`), "保密义务"))
	waitFor(t, ctx, `document.querySelector(".search-dropdown:not([hidden]) .search-result mark")?.textContent === "保密义务"`,
		`document.querySelector(".search-dropdown")?.textContent ?? "no dropdown"`)
	heading := eval[string](t, ctx, `document.querySelector(".search-dropdown .search-result .search-result-chapter")?.textContent ?? ""`)
	if !strings.HasPrefix(heading, "第七章") {
		t.Errorf("the first result offline is in %q, want chapter 7 (保密制度)", heading)
	}
}

// The header box's results stay in the window at every width, right-
// aligned to the box: no horizontal scrollbar, no snippet cut off; and a
// heading result names its section.
func TestSearchDropdownStaysInTheWindow(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	for _, w := range []int64{390, 1024, 1280, 1600} {
		do(t, ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(s.URL+"/latest/training/"),
			chromedp.WaitVisible(chromedp.CSS("main h1")),
			chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "政府采购"))
		waitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-result mark") !== null`,
			`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
		box := eval[[]float64](t, ctx, `(() => { const r = document.querySelector(".site-header .search-dropdown").getBoundingClientRect();
			const f = document.querySelector(".site-header form.search-form").getBoundingClientRect();
			return [r.left, r.right, f.right, document.documentElement.scrollWidth, document.documentElement.clientWidth]; })()`)
		if box[0] < 0 || box[1] > box[4] || box[3] > box[4] {
			t.Errorf("at %d px the dropdown spans x=%.0f–%.0f in a %.0f px window (page %.0f px wide)", w, box[0], box[1], box[4], box[3])
		}
		if d := box[1] - box[2]; d > 1 || d < -1 {
			t.Errorf("at %d px the dropdown ends at %.0f, the box at %.0f", w, box[1], box[2])
		}
	}
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.URL+"/latest/training/"),
		chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "职位职责"))
	waitFor(t, ctx, `document.querySelectorAll(".site-header .search-dropdown:not([hidden]) .search-result").length >= 2`,
		`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
	headings := eval[[]string](t, ctx, `[...document.querySelectorAll(".site-header .search-dropdown .search-result-heading")].slice(0, 2).map(e => e.textContent)`)
	if len(headings) != 2 || headings[0] != "A、大客户总监 · 职位职责：" || headings[1] != "C、大客户员 · 职位职责：" {
		t.Errorf("职位职责: the first headings are %q, want each with its section", headings)
	}
}

// Switching version on the search page searches the other revision for
// the same words.
func TestVersionSwitchKeepsTheQuery(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("裁决权")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")),
		chromedp.Click(chromedp.CSS("details.version-switcher summary"), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`details.version-switcher a.version-link[href*="/v/2025.1/"]`), chromedp.NodeVisible))
	waitPath(t, ctx, "/v/2025.1/search/")
	waitFor(t, ctx, `document.querySelector("#search-results .search-result mark")?.textContent === "裁决权"`,
		`location.href + " " + (document.querySelector("#search-results")?.textContent ?? "no results")`)
	if q := eval[string](t, ctx, `new URLSearchParams(location.search).get("q")`); q != "裁决权" {
		t.Errorf("after the switch, q = %q", q)
	}
}
