package serve

import (
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The preview keeps no service worker: the published site's worker would
// cache the working copy, re-download all of it after every save (each
// save changes its file list), and, once the preview stops, show the last
// cached draft as if the server still ran. A worker that a published
// build (or an older preview) left on the same address is removed with
// its cache on the first preview page opened.
func TestPreviewKeepsNoServiceWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	b, err := NewFullBuilder(buildOptions(options{source: content}), "")
	if err != nil {
		t.Fatal(err)
	}
	site, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := site.Files["latest/sw.js"]; !ok {
		t.Fatal("the test site has no service worker to remove")
	}
	_ = b.Close()

	// The built site, served statically: a reader's visit installs its worker.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	static := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := site.Files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", contentType(path.Base(name), data))
		_, _ = w.Write(data)
	})}
	go func() { _ = static.Serve(ln) }()

	ctx := newBrowser(t)
	until := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
			if err == nil && v {
				return
			}
			if time.Now().After(deadline) {
				state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => JSON.stringify({regs: (await navigator.serviceWorker.getRegistrations()).map(r => [r.scope, !!r.active, !!r.waiting, !!r.installing]), controlled: !!navigator.serviceWorker.controller, caches: await caches.keys(), live: !!document.querySelector('script[src*="livereload"], script[src*="handbook-serve"]'), scripts: [...document.scripts].map(s => s.src)}))()`, chromedp.EvalAwaitPromise))
				t.Fatalf("timed out waiting for %s (%v): %s", what, err, state)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	const workers = `navigator.serviceWorker.getRegistrations().then(rs => rs.length)`
	const handbookCaches = `caches.keys().then(ks => ks.filter(k => k.startsWith("handbook:")).length)`
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/latest/a/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	until("the published site's worker", `(async () => (await caches.open("handbook:/latest/").then(c => c.match(location.origin + "/latest/precache.json"))) !== undefined)()`)
	_ = static.Close()

	// The preview on the same address.
	ts := startAt(t, options{source: content}, addr)
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	until("the old worker and its cache to go", `(async () => (await `+workers+`) === 0 && (await `+handbookCaches+`) === 0)()`)
	// Pages read and saved in the preview install none: they do not
	// register one, and what would be their worker removes itself.
	if page := ts.page("/latest/b/"); strings.Contains(page, `name="service-worker"`) {
		t.Error("a preview page still names its service worker")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/b/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3500 * time.Millisecond) // a page registers its worker a second or more after its load
	n, err := chromedp.Run(ctx, chromedp.Evaluate[float64](workers, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("a preview page registered %v service worker(s)", n)
	}
}
