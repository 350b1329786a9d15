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
// computing, the changelog, addresses without their last slash; a
// revision never opened says it is not kept, a page the edition does not
// have that it does not exist, in the site's style.
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

	// Addresses typed or linked without their last slash, or with
	// index.html, are the pages kept (they said "not kept").
	for _, a := range []struct{ typed, page string }{{"/latest", "/latest/"}, {"/latest/functions", "/latest/functions/"}, {"/latest/functions/index.html", "/latest/functions/index.html"}} {
		do(t, ctx, chromedp.Navigate(srv.URL+a.typed))
		waitPath(t, ctx, a.page)
		if h1 := eval[string](t, ctx, `document.querySelector("main h1")?.textContent ?? ""`); h1 == "" || h1 == "当前没有网络连接" {
			t.Errorf("offline, %s shows %q", a.typed, h1)
		}
	}
	// A page the edition does not have says so, as the site's 404 does
	// online (it said the page was not kept, as if it might be online),
	// in the site's look: its header leads home.
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/no-such-page/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := eval[string](t, ctx, `document.querySelector("main").textContent`); !strings.Contains(text, "没有这个地址对应的页面") || strings.Contains(text, "没有保存在本机") {
		t.Errorf("offline, a page the edition does not have says %q", text)
	}
	if !eval[bool](t, ctx, `document.querySelector(".site-header a.site-title")?.getAttribute("href") === "/latest/" && document.querySelector("main a[href='/latest/']") !== null`) {
		t.Error("offline, the page for a page the edition does not have has no header leading home, or no link home")
	}
}
