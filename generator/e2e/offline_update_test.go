package e2e

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/build"
	"handbook/generator/output"
	"handbook/generator/wasmbuild"
	"handbook/theme"
)

// redeploy serves one build, then another, as a static server that sends
// Last-Modified and no Cache-Control does (python's http.server; the
// README's nginx for pages before it revalidated them): every answer says
// its file last changed a year ago, so the browser's HTTP cache takes its
// copy for fresh for weeks. A file can be left out (a deploy under way),
// and every request held unanswered (a network that connects and never
// answers: a dead hotel Wi-Fi).
type redeploy struct {
	*httptest.Server
	files   atomic.Pointer[map[string][]byte]
	missing atomic.Pointer[string]
	missed  atomic.Int32
	hang    atomic.Bool
	release chan struct{}
}

func serveRedeploy(files map[string][]byte) *redeploy {
	d := &redeploy{release: make(chan struct{})}
	d.files.Store(&files)
	modified := time.Now().AddDate(-1, 0, 0).UTC().Format(http.TimeFormat)
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
		siteWorkerAllowed(fileHandler(*d.files.Load())).ServeHTTP(w, r)
	}))
	return d
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
		WASM: func() ([]byte, error) {
			w, _, err := wasmbuild.Compile(context.Background(), moduleRoot, filepath.Join(os.TempDir(), "handbook-test-wasm"))
			return w, err
		}}
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
	for !eval[bool](t, ctx, expr) {
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
//     edition kept its own copy of every asset: 2 MB per edition);
//   - on a network that connects and never answers, the search finds the
//     new text from the offline copy after a few seconds: the worker waited
//     for the network's meta.json for ever.
func TestOfflineCopyFollowsARedeployWhole(t *testing.T) {
	before := buildAsOf(t, contentDir(), "2025-06-01", true) // /latest/ is 2025.1; a draft
	after := buildWithTheme(t, contentDir(), "2026-06-01", "css/main.css", "\n:root { --offline-test: 1; }\n")
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
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitPrecached(t, ctx, "/latest/")
	waitPrecached(t, ctx, "/")
	do(t, ctx, chromedp.Navigate(srv.URL+"/draft/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitPrecached(t, ctx, "/draft/")
	wasm := eval[[]string](t, ctx, `(async () => {
  const in_ = [];
  for (const n of await caches.keys()) for (const k of await (await caches.open(n)).keys()) if (k.url.endsWith(".wasm")) in_.push(n);
  return in_;
})()`)
	if !slices.Equal(wasm, []string{"handbook:/assets/"}) {
		t.Errorf("the calculator's module is kept in %q, want once, in handbook:/assets/", wasm)
	}

	srv.deploy(after, "/latest/confidentiality/")
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if !eval[bool](t, ctx, `document.querySelector("main").textContent.includes("`+added+`")`) {
		t.Error("the first page opened after the redeploy is the last build's (the browser's heuristically fresh copy)")
	}
	deadline := time.Now().Add(10 * time.Second)
	for srv.missed.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the worker gives the new build up
	if eval[bool](t, ctx, `caches.open("handbook:/latest/").then(c => c.match(location.origin + "/latest/job-descriptions/")).then(r => r.text()).then(t => t.includes("`+added+`"))`) {
		t.Error("while the new build is not whole on the server, the offline copy of the last one holds the new build's page just read")
	}

	srv.deploy(after, "")
	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCachedList(t, ctx, "/latest/", after["latest/precache.json"])
	waitCachedList(t, ctx, "/", after["precache.json"])

	do(t, ctx, chromedp.Navigate(srv.URL+"/draft/")) // 404
	waitTrue(t, ctx, 10*time.Second, `(async () => !(await navigator.serviceWorker.getRegistrations()).some(r => r.scope.endsWith("/draft/")) && !(await caches.keys()).includes("handbook:/draft/"))()`,
		"the withdrawn draft's worker or offline copy is still there")
	waitTrue(t, ctx, 10*time.Second, `(async () => {
  for (const n of await caches.keys()) if (await (await caches.open(n)).match(location.origin + "`+oldCSS+`")) return false;
  return true;
})()`, "the last theme's stylesheet is still kept, though no edition kept names it")

	do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	srv.hang.Store(true)
	start := time.Now()
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form.search-form input`), added))
	waitTrue(t, ctx, 12*time.Second, `document.querySelector(".search-dropdown:not([hidden]) .search-result mark")?.textContent === "`+added+`"`,
		"on a network that never answers, the search finds nothing")
	t.Logf("on a network that never answers, the search answered from the offline copy in %s", time.Since(start).Round(100*time.Millisecond))
}
