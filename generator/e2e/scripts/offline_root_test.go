package scripts

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// After one visit to any chapter, the handbook's own address — the site
// root, which leads to /latest/, the address readers bookmark and share —
// and the changelog open with the network off. They were outside every
// edition's worker, so a bookmark of the handbook showed the browser's
// "no internet" page on a train though every chapter was kept.
func TestSiteRootAndChangelogWorkOffline(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	srv := httptest.NewServer(siteWorkerAllowed(harness.FileHandler(s.Files)))
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	harness.WaitPrecached(t, ctx, "/")
	harness.GoOffline(t, ctx, srv)

	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	harness.WaitPath(t, ctx, "/latest/")
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1")?.textContent ?? ""`); h1 == "" || h1 == "当前没有网络连接" {
		t.Errorf("offline, the site root leads to a page headed %q", h1)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
		t.Errorf("offline, the changelog is %q", h1)
	}
	// A revision never opened is not kept: the site's worker says so.
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "当前没有网络连接" {
		t.Errorf("offline, a revision never opened shows %q", h1)
	}
	if back := harness.Eval[string](t, ctx, `document.querySelector("main article a")?.getAttribute("href") ?? ""`); back != "/latest/" {
		t.Errorf("the offline page leads back to %q, want /latest/", back)
	}
}

// siteWorkerAllowed serves the site's root sw.js as a static server does:
// harness.FileHandler's Service-Worker-Allowed for it is "//", which Chromium
// refuses.
func siteWorkerAllowed(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sw.js" {
			w = rootAllowed{w}
		}
		h.ServeHTTP(w, r)
	})
}

type rootAllowed struct{ http.ResponseWriter }

func (w rootAllowed) WriteHeader(code int) {
	w.Header().Set("Service-Worker-Allowed", "/")
	w.ResponseWriter.WriteHeader(code)
}

func (w rootAllowed) Write(b []byte) (int, error) {
	w.Header().Set("Service-Worker-Allowed", "/")
	return w.ResponseWriter.Write(b)
}
