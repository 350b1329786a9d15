package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// missing serves a build with one file gone (a half-finished upload, a
// file the server refuses): it answers 404.
func missing(files map[string][]byte, name string) http.Handler {
	h := fileHandler(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == name {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// waitCached waits until the edition's cache holds path.
func waitCached(t *testing.T, ctx context.Context, edition, path string) {
	t.Helper()
	expr := fmt.Sprintf(`navigator.serviceWorker.controller !== null && caches.open(%q).then(c => c.match(location.origin + %q)).then(r => !!r)`, "handbook:"+edition, path)
	deadline := time.Now().Add(15 * time.Second)
	for !eval[bool](t, ctx, expr) {
		if time.Now().After(deadline) {
			t.Fatalf("the reader's offline copy of %s has no %s 15 s after a visit", edition, path)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// One file of the edition 404s while the worker installs (chapter 7 was
// not uploaded yet): the reader who opened the handbook still reads every
// other chapter, the calculator and the search offline. The worker kept
// nothing when any file failed, so the chapter they had just read was
// "当前没有网络连接" on the train.
func TestInstallWithAMissingFileStillKeepsTheRest(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	srv := httptest.NewServer(missing(s.Files, "/latest/confidentiality/"))
	defer srv.Close()
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCached(t, ctx, "/latest/", "/latest/performance/")
	goOffline(t, ctx, srv)

	for _, p := range []string{"/latest/training/", "/latest/", "/latest/performance/", "/latest/workflows/"} {
		do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
			t.Errorf("offline, %s (kept at install) shows %q", p, h1)
		}
		if css := eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`); !css {
			t.Errorf("offline, %s has no stylesheet", p)
		}
	}
	if m := searchBox(t, ctx, "保密"); !strings.Contains(m, "保密") {
		t.Errorf("offline, the search finds %q first", m)
	}
	// The file that failed says so in the site's style.
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/confidentiality/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "当前没有网络连接" {
		t.Errorf("offline, the chapter that 404ed shows %q", h1)
	}
}
