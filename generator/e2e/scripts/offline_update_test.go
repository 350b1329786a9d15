package scripts

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/build"
	"handbook/generator/e2e/harness"
	"handbook/generator/output"
	"handbook/theme"
)

// redeploy serves one build, then another, as a static server that sends
// Last-Modified and no Cache-Control does (python's http.server; the
// README's nginx for pages before it revalidated them): every answer says
// its file last changed a year ago, so the browser's HTTP cache takes its
// copy for fresh for weeks. A file can be left out (a deploy under way),
// one file's requests held until unheld (a slow network's last file), and
// every request held unanswered (a network that connects and never
// answers: a dead hotel Wi-Fi).
type redeploy struct {
	*httptest.Server
	files   atomic.Pointer[map[string][]byte]
	missing atomic.Pointer[string]
	missed  atomic.Int32
	hang    atomic.Bool
	release chan struct{}
	held    atomic.Pointer[string]
	holding atomic.Int32
	unheld  chan struct{}
	busy    atomic.Int32
}

func serveRedeploy(files map[string][]byte) *redeploy {
	d := &redeploy{release: make(chan struct{})}
	d.files.Store(&files)
	modified := time.Now().AddDate(-1, 0, 0).UTC().Format(http.TimeFormat)
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.busy.Add(1)
		defer d.busy.Add(-1)
		if p := d.held.Load(); p != nil && r.URL.Path == *p {
			d.holding.Add(1)
			select {
			case <-d.unheld:
			case <-r.Context().Done():
			}
			d.holding.Add(-1)
		}
		if d.hang.Load() {
			select {
			case <-d.release:
			case <-r.Context().Done():
			}
			return
		}
		if p := d.missing.Load(); p != nil && r.URL.Path == *p {
			d.missed.Add(1)
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Last-Modified", modified)
		siteWorkerAllowed(harness.FileHandler(*d.files.Load())).ServeHTTP(w, r)
	}))
	return d
}

// hold keeps requests for path unanswered until unhold; they are then
// answered as the server answers then. A test defers unhold, so that the
// server can close after a failure.
func (d *redeploy) hold(path string) {
	d.unheld = make(chan struct{})
	d.held.Store(&path)
}

func (d *redeploy) unhold() {
	if d.held.Swap(nil) != nil {
		close(d.unheld)
	}
}

// waitHeld waits until a request for the held file has come and every
// other request has been answered (the rest of a worker's install).
func (d *redeploy) waitHeld(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	quiet := time.Time{}
	for {
		if h := d.holding.Load(); h == 0 || d.busy.Load() != h {
			quiet = time.Time{}
		} else if quiet.IsZero() {
			quiet = time.Now()
		} else if time.Since(quiet) > 300*time.Millisecond {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no request for %s within 15 s, or others still unanswered", *d.held.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// unkeptAssets lists the kept pages, in every cache of the site's
// workers, whose stylesheet, scripts or calculator module no cache
// holds: each reads unstyled offline, its calculator dead.
func unkeptAssets(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return harness.Eval[[]string](t, ctx, `(async () => {
  const lost = [];
  for (const n of await caches.keys()) {
    const c = await caches.open(n);
    for (const k of await c.keys()) {
      const r = await c.match(k);
      if (!(r.headers.get("Content-Type") || "").startsWith("text/html")) continue;
      for (const m of (await r.text()).matchAll(/(?:href|src)="([^"]*\/assets\/[^"]+)"/g)) {
        const u = new URL(m[1], k.url).href;
        if (!(await caches.match(u))) lost.push(new URL(k.url).pathname + " needs " + new URL(u).pathname);
      }
    }
  }
  return lost;
})()`)
}

// misplaced lists what the workers keep outside their own cache: a site's
// asset anywhere but the shared cache, an edition's file in the site
// worker's (a page it served while the edition's worker installed).
func misplaced(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return harness.Eval[[]string](t, ctx, `(async () => {
  const out = [];
  for (const n of await caches.keys()) {
    for (const k of await (await caches.open(n)).keys()) {
      const p = new URL(k.url).pathname;
      if ((p.startsWith("/assets/") && n !== "handbook:/assets/") || (n === "handbook:/" && /^\/(latest|draft|v)\//.test(p))) out.push(n + " " + p);
    }
  }
  return out;
})()`)
}

func (d *redeploy) deploy(files map[string][]byte, missing string) {
	d.files.Store(&files)
	if missing == "" {
		d.missing.Store(nil)
	} else {
		d.missing.Store(&missing)
	}
}

// buildWithTheme builds a content folder as of a day with the default
// theme, one of its files given more text (a theme edited: its assets
// get new names).
func buildWithTheme(t *testing.T, dir, today, name, more string) map[string][]byte {
	t.Helper()
	th := fstest.MapFS{}
	err := fs.WalkDir(theme.FS, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme.FS, p)
		th[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil || th[name] == nil {
		t.Fatalf("theme file %s: %v", name, err)
	}
	th[name].Data = append(th[name].Data, more...)
	day, _ := time.Parse("2006-01-02", today)
	mem := output.NewMemory()
	opts := build.Options{Source: os.DirFS(dir), SourceName: "content", Theme: th, Out: mem, Today: day,
		WASM: harness.WASM}
	if _, err := build.Run(opts); err != nil {
		t.Fatalf("build %s as of %s: %v", dir, today, err)
	}
	return mem.Files
}

// waitTrue polls a page expression until it is true (within d), and fails
// with what then fails.
func waitTrue(t *testing.T, ctx context.Context, d time.Duration, expr, what string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !harness.Eval[bool](t, ctx, expr) {
		if time.Now().After(deadline) {
			t.Fatalf("%s (%s after)", what, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A reader of /latest/ and of the draft has the handbook offline; the
// site is redeployed with the revision in force since, the draft
// withdrawn and the theme edited, one chapter at first not yet uploaded.
// Each thing the reader's browser does next is checked on the way:
//
//   - the first page they open is the new revision's: the worker fetched
//     pages without revalidating, and the browser took its own year-old
//     copy for fresh (HTTP's heuristic), so the new revision's first page
//     was the old text under 现行;
//   - while the upload is incomplete the offline copy stays the last
//     build's, whole: the page just read was written into it, so offline
//     it was one build's page beside another's;
//   - once the upload is complete, the site's own worker (root and
//     changelog) follows too, after a visit to a chapter: only a visit to
//     the root or the changelog refreshed it;
//   - the withdrawn draft's worker and copy go: it served the draft
//     offline for ever;
//   - the calculator's module is kept once for both editions, and the last
//     theme's stylesheet leaves once no edition kept names it (each
//     edition kept its own copy of every asset: 2 MB per edition), and
//     only in the shared cache whichever worker fetched it (the edition's
//     worker kept the new theme's in its own, the site's worker the pages
//     of an edition it served);
//   - a revision whose first install the redeploy caught (a slow network,
//     its last file never came) keeps the last theme's assets its pages
//     need, through the prune that ran while it installed and the next
//     edition's: only editions with a whole copy counted, so its pages
//     read unstyled offline, its calculator dead, until it had the new
//     build, after which the last theme's stylesheet leaves;
//   - on a network that connects and never answers, the search finds the
//     new text from the offline copy after a few seconds: the worker waited
//     for the network's meta.json for ever.
func TestOfflineCopyFollowsARedeployWhole(t *testing.T) {
	before := buildAsOf(t, harness.ContentDir(), "2025-06-01", true) // /latest/ is 2025.1; a draft
	after := buildWithTheme(t, harness.ContentDir(), "2026-06-01", "css/main.css", "\n:root { --offline-test: 1; }\n")
	const added = "勘误补上标题" // in 2026.1's chapter 3 only
	if strings.Contains(string(before["latest/job-descriptions/index.html"]), added) || !strings.Contains(string(after["latest/job-descriptions/index.html"]), added) {
		t.Fatal("the fixture changed: " + added + " should be in 2026.1's chapter 3 only")
	}
	if before["draft/precache.json"] == nil || after["draft/precache.json"] != nil {
		t.Fatal("the fixture changed: the first build should have a draft, the second none")
	}
	css := func(files map[string][]byte) string {
		var list []string
		if err := json.Unmarshal(files["latest/precache.json"], &list); err != nil || len(list) == 0 || !strings.HasSuffix(list[0], ".css") {
			t.Fatalf("the offline list does not start with the stylesheet: %v %v", list, err)
		}
		return list[0]
	}
	oldCSS := css(before)
	if oldCSS == css(after) {
		t.Fatal("the edited theme's stylesheet has the last one's name")
	}

	srv := serveRedeploy(before)
	defer srv.Close()
	defer close(srv.release)
	defer srv.unhold()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	harness.WaitPrecached(t, ctx, "/")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/draft/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/draft/")
	wasm := harness.Eval[[]string](t, ctx, `(async () => {
  const in_ = [];
  for (const n of await caches.keys()) for (const k of await (await caches.open(n)).keys()) if (k.url.endsWith(".wasm")) in_.push(n);
  return in_;
})()`)
	if !slices.Equal(wasm, []string{"handbook:/assets/"}) {
		t.Errorf("the calculator's module is kept in %q, want once, in handbook:/assets/", wasm)
	}
	// 2025.1's first install: its print page comes after the redeploy.
	srv.hold("/v/2025.1/print/")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	srv.waitHeld(t)
	if m := misplaced(t, ctx); len(m) > 0 {
		t.Errorf("kept outside their worker's own cache: %q", m)
	}

	srv.deploy(after, "/latest/confidentiality/")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if !harness.Eval[bool](t, ctx, `document.querySelector("main").textContent.includes("`+added+`")`) {
		t.Error("the first page opened after the redeploy is the last build's (the browser's heuristically fresh copy)")
	}
	if m := misplaced(t, ctx); len(m) > 0 {
		t.Errorf("the new theme's assets, fetched for a page, are kept outside the shared cache: %q", m)
	}
	deadline := time.Now().Add(10 * time.Second)
	for srv.missed.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the worker gives the new build up
	if harness.Eval[bool](t, ctx, `caches.open("handbook:/latest/").then(c => c.match(location.origin + "/latest/job-descriptions/")).then(r => r.text()).then(t => t.includes("`+added+`"))`) {
		t.Error("while the new build is not whole on the server, the offline copy of the last one holds the new build's page just read")
	}

	srv.deploy(after, "")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCachedList(t, ctx, "/latest/", after["latest/precache.json"])
	waitCachedList(t, ctx, "/", after["precache.json"])

	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/draft/")) // 404
	waitTrue(t, ctx, 10*time.Second, `(async () => !(await navigator.serviceWorker.getRegistrations()).some(r => r.scope.endsWith("/draft/")) && !(await caches.keys()).includes("handbook:/draft/"))()`,
		"the withdrawn draft's worker or offline copy is still there")
	oldCSSGone := `(async () => {
  for (const n of await caches.keys()) if (await (await caches.open(n)).match(location.origin + "` + oldCSS + `")) return false;
  return true;
})()`
	waitTrue(t, ctx, 10*time.Second, oldCSSGone, "the last theme's stylesheet is still kept, though no edition kept names it")

	// 2025.1's print page fails (not uploaded yet): its worker keeps the
	// pages that came, which need the last theme's assets, pruned since.
	srv.deploy(after, "/v/2025.1/print/")
	srv.unhold()
	waitTrue(t, ctx, 10*time.Second, `caches.open("handbook:/v/2025.1/").then(c => c.match(location.origin + "/v/2025.1/training/")).then(r => !!r)`,
		"2025.1's worker kept nothing of an install that missed one file")
	if lost := unkeptAssets(t, ctx); len(lost) > 0 {
		t.Errorf("after an install caught by a redeploy, kept pages lack their assets: %q", lost)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2026.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/v/2026.1/")
	if lost := unkeptAssets(t, ctx); len(lost) > 0 {
		t.Errorf("after another edition's install, the pages of one without a whole copy lack their assets: %q", lost)
	}
	srv.deploy(after, "")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCachedList(t, ctx, "/v/2025.1/", after["v/2025.1/precache.json"])
	waitTrue(t, ctx, 10*time.Second, oldCSSGone, "the last theme's stylesheet is still kept once every edition kept has the new build")

	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	srv.hang.Store(true)
	start := time.Now()
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form.search-form input`), added))
	waitTrue(t, ctx, 12*time.Second, `document.querySelector(".search-dropdown:not([hidden]) .search-result mark")?.textContent === "`+added+`"`,
		"on a network that never answers, the search finds nothing")
	t.Logf("on a network that never answers, the search answered from the offline copy in %s", time.Since(start).Round(100*time.Millisecond))
}
