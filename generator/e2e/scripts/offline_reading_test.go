package scripts

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// An employee opens one chapter of the handbook at the office, then on
// the train reads every page of it with the network off: each chapter
// styled, the print page, the search page with a query, the calculator
// computing, the changelog, addresses without their last slash; a
// revision never opened says it is not kept, a page the edition does not
// have that it does not exist, in the site's style. The calculator's page,
// opened before the edition's worker was there (its list slow to come),
// is kept once: the site's worker that served it kept it and its module
// in its own cache, 2 MB twice.
func TestOneVisitThenTheWholeHandbookOffline(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	srv := serveRedeploy(s.Files)
	defer srv.Close()
	defer srv.unhold()
	var list []string
	if err := json.Unmarshal(s.Files["latest/precache.json"], &list); err != nil {
		t.Fatal(err)
	}
	ctx := harness.Browser(t)
	srv.hold("/latest/precache.json")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitTrue(t, ctx, 10*time.Second, `navigator.serviceWorker.getRegistration("/").then(r => r?.active?.state === "activated")`, "the site's worker is not running")
	openCalculator(t, ctx, srv.URL+calcPath)
	if c := harness.Eval[string](t, ctx, `navigator.serviceWorker.controller?.scriptURL ?? "none"`); c != srv.URL+"/sw.js" {
		t.Fatalf("the calculator's page opened while its edition's worker installs is controlled by %s, want the site's worker", c)
	}
	srv.unhold()
	harness.WaitPrecached(t, ctx, "/latest/")
	harness.WaitPrecached(t, ctx, "/")
	if m := misplaced(t, ctx); len(m) > 0 {
		t.Errorf("kept outside their worker's own cache: %q", m)
	}
	// A page kept while another worker pruned the shared cache (here its
	// script taken out by hand, while the worker looks for a new list) is
	// kept with what it needs.
	harness.Eval[bool](t, ctx, `caches.open("handbook:/latest/").then(c => c.delete(location.origin + "`+calcPath+`"))`)
	srv.hold("/latest/precache.json")
	openCalculator(t, ctx, srv.URL+calcPath)
	script := harness.Eval[string](t, ctx, `document.querySelector("script[src*='/assets/calculator-']").src`)
	harness.Eval[bool](t, ctx, `caches.open("handbook:/assets/").then(c => c.delete("`+script+`"))`)
	srv.unhold()
	waitTrue(t, ctx, 5*time.Second, `(async () => !!(await caches.match(location.origin + "`+calcPath+`")) && !!(await caches.match("`+script+`")))()`,
		"the calculator's page is kept without its script")
	harness.GoOffline(t, ctx, srv.Server)

	pages := 0
	for _, u := range list {
		if !strings.HasSuffix(u, "/") {
			continue
		}
		pages++
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+u), chromedp.WaitVisible(chromedp.CSS("main h1")))
		h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`)
		if h1 == "当前没有网络连接" {
			t.Errorf("offline, %s is not kept", u)
			continue
		}
		if !harness.Eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`) {
			t.Errorf("offline, %s (%s) has no stylesheet", u, h1)
		}
	}
	if pages < 10 {
		t.Errorf("the offline list names %d pages", pages)
	}

	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/search/?q="+url.QueryEscape("末位淘汰")), chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	harness.WaitFor(t, ctx, `document.querySelector("#search-results mark") !== null`, `document.querySelector("#search-results").textContent`)

	openCalculator(t, ctx, srv.URL+calcPath)
	harness.Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(scoreField), "88"),
		chromedp.SendKeys(chromedp.CSS(baseField), "3000"),
		chromedp.Click(segment("exceeded")),
	)
	waitTotal(t, ctx, "2772.00")

	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
		t.Errorf("offline, the changelog is %q", h1)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "当前没有网络连接" {
		t.Errorf("offline, a revision never opened shows %q", h1)
	}
	if !harness.Eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`) {
		t.Error("offline, the page for a revision never opened has no stylesheet")
	}

	// Addresses typed or linked without their last slash, or with
	// index.html, are the pages kept (they said "not kept").
	for _, a := range []struct{ typed, page string }{{"/latest", "/latest/"}, {"/latest/functions", "/latest/functions/"}, {"/latest/functions/index.html", "/latest/functions/index.html"}} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+a.typed))
		harness.WaitPath(t, ctx, a.page)
		if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1")?.textContent ?? ""`); h1 == "" || h1 == "当前没有网络连接" {
			t.Errorf("offline, %s shows %q", a.typed, h1)
		}
	}
	// A page the edition does not have says so, as the site's 404 does
	// online (it said the page was not kept, as if it might be online),
	// in the site's look: its header leads home.
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/no-such-page/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := harness.Eval[string](t, ctx, `document.querySelector("main").textContent`); !strings.Contains(text, "没有这个地址对应的页面") || strings.Contains(text, "没有保存在本机") {
		t.Errorf("offline, a page the edition does not have says %q", text)
	}
	// Headed as such, not as the network's (当前没有网络连接, as a page
	// not kept is).
	if h := harness.Eval[string](t, ctx, `document.title + " / " + document.querySelector("main h1").textContent`); h != "找不到这一页 / 找不到这一页" {
		t.Errorf("offline, a page the edition does not have is titled and headed %q, want 找不到这一页", h)
	}
	if !harness.Eval[bool](t, ctx, `document.querySelector(".site-header a.site-title")?.getAttribute("href") === "/latest/" && document.querySelector("main a[href='/latest/']") !== null`) {
		t.Error("offline, the page for a page the edition does not have has no header leading home, or no link home")
	}
	// Its script looks for the page in the other revisions: each address
	// neither kept nor reachable is an answer (504), not a failed fetch,
	// which the browser reported as the worker's error in the console.
	if got := harness.Eval[string](t, ctx, `Promise.all(["/v/2025.1/no-such-page/", "/assets/no-such-asset.css", "/latest/no-such-image.png"].map(u => fetch(u).then(r => String(r.status), () => "failed"))).then(a => a.join(" "))`); got != "504 504 504" {
		t.Errorf("offline, fetches of a page, an asset and a file not kept answer %q, want 504 504 504", got)
	}
}
