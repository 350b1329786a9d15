package e2e

import (
	"net/http/httptest"
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
