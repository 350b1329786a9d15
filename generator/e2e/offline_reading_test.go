package e2e

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An employee opens one chapter of the handbook at the office, then on
// the train reads every page of it with the network off: each chapter
// styled, the print page, the search page with a query, the calculator
// computing, the changelog; a revision never opened says it is not kept,
// in the site's style.
func TestOneVisitThenTheWholeHandbookOffline(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	srv := httptest.NewServer(siteWorkerAllowed(fileHandler(s.Files)))
	defer srv.Close()
	var list []string
	if err := json.Unmarshal(s.Files["latest/precache.json"], &list); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitPrecached(t, ctx, "/latest/")
	waitPrecached(t, ctx, "/")
	goOffline(t, ctx, srv)

	pages := 0
	for _, u := range list {
		if !strings.HasSuffix(u, "/") {
			continue
		}
		pages++
		do(t, ctx, chromedp.Navigate(srv.URL+u), chromedp.WaitVisible(chromedp.CSS("main h1")))
		h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`)
		if h1 == "当前没有网络连接" {
			t.Errorf("offline, %s is not kept", u)
			continue
		}
		if !eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`) {
			t.Errorf("offline, %s (%s) has no stylesheet", u, h1)
		}
	}
	if pages < 10 {
		t.Errorf("the offline list names %d pages", pages)
	}

	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/search/?q="+url.QueryEscape("末位淘汰")), chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	waitFor(t, ctx, `document.querySelector("#search-results mark") !== null`, `document.querySelector("#search-results").textContent`)

	openCalculator(t, ctx, srv.URL+calcPath)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(scoreField), "88"),
		chromedp.SendKeys(chromedp.CSS(baseField), "3000"),
		chromedp.Click(segment("exceeded")),
	)
	waitTotal(t, ctx, "2772.00")

	do(t, ctx, chromedp.Navigate(srv.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
		t.Errorf("offline, the changelog is %q", h1)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "当前没有网络连接" {
		t.Errorf("offline, a revision never opened shows %q", h1)
	}
	if !eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`) {
		t.Error("offline, the page for a revision never opened has no stylesheet")
	}
}
