package scripts

import (
	"context"
	"encoding/json"
	"fmt"
	"handbook/generator/bench/gentree"
	"handbook/generator/build"
	"handbook/generator/e2e/harness"
	"handbook/generator/output"
	"handbook/theme"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
)

// missing serves a build with one file gone (a half-finished upload, a
// file the server refuses): it answers 404.
func missing(files map[string][]byte, name string) http.Handler {
	h := harness.FileHandler(files)
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
	for !harness.Eval[bool](t, ctx, expr) {
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
	s := harness.ServeContent(t, harness.ContentDir(), false)
	srv := httptest.NewServer(missing(s.Files, "/latest/confidentiality/"))
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCached(t, ctx, "/latest/", "/latest/performance/")
	harness.GoOffline(t, ctx, srv)

	for _, p := range []string{"/latest/training/", "/latest/", "/latest/performance/", "/latest/workflows/"} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
			t.Errorf("offline, %s (kept at install) shows %q", p, h1)
		}
		if css := harness.Eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`); !css {
			t.Errorf("offline, %s has no stylesheet", p)
		}
	}
	if m := searchBox(t, ctx, "保密"); !strings.Contains(m, "保密") {
		t.Errorf("offline, the search finds %q first", m)
	}
	// The file that failed says so in the site's style.
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/confidentiality/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "当前没有网络连接" {
		t.Errorf("offline, the chapter that 404ed shows %q", h1)
	}
}

// buildTree builds a generated tree of n pages (the benchmark's, in
// parts of sections of 100 pages) in memory.
func buildTree(t *testing.T, n int) map[string][]byte {
	t.Helper()
	files, err := gentree.Files(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{}
	for name, b := range files {
		if rest, ok := strings.CutPrefix(name, "content/"); ok {
			src[rest] = &fstest.MapFile{Data: b}
		}
	}
	mem := output.NewMemory()
	if _, err := build.Run(build.Options{Source: src, SourceName: "content", Theme: theme.FS, Out: mem}); err != nil {
		t.Fatalf("build a tree of %d pages: %v", n, err)
	}
	return mem.Files
}

// cacheSize is the number of files and bytes the edition's cache holds.
func cacheSize(t *testing.T, ctx context.Context, edition string) (files, pages, bytes int) {
	t.Helper()
	v := harness.Eval[[]int](t, ctx, fmt.Sprintf(`(async () => {
  const c = await caches.open(%q);
  let files = 0, pages = 0, bytes = 0;
  for (const k of await c.keys()) {
    files++;
    if (k.url.endsWith("/")) pages++;
    bytes += (await (await c.match(k)).arrayBuffer()).byteLength;
  }
  return [files, pages, bytes];
})()`, "handbook:"+edition))
	return v[0], v[1], v[2]
}

// A reader opens one page of a big site (a wiki of 600 pages; the
// benchmark's tree has 10,000): the worker keeps the site's top pages,
// the page and its section for the tunnel, and does not download every
// page at install — it fetched the whole list, 10,000 pages and 200 MB
// on a phone for one visit. A page far away says it is not kept.
func TestBigSiteKeepsTheOpenedSectionNotEveryPage(t *testing.T) {
	files := buildTree(t, 600)
	var list []string
	if err := json.Unmarshal(files["latest/precache.json"], &list); err != nil {
		t.Fatal(err)
	}
	listed := 0
	for _, u := range list {
		if strings.HasSuffix(u, "/") {
			listed++
		}
	}
	srv := httptest.NewServer(harness.FileHandler(files))
	defer srv.Close()
	ctx := harness.Browser(t)
	const opened, sibling, far = "/latest/part01/s005/rule-00450/", "/latest/part01/s005/rule-00499/", "/latest/part01/s002/rule-00150/"
	for _, p := range []string{opened, sibling, far} {
		if files[strings.TrimPrefix(p, "/")+"index.html"] == nil {
			t.Fatalf("the generated tree has no %s", p)
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+opened), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	waitCached(t, ctx, "/latest/", sibling)
	n, pages, bytes := cacheSize(t, ctx, "/latest/")
	t.Logf("a first visit to a site of %d pages keeps %d files (%d pages), %d bytes", listed, n, pages, bytes)
	if pages > 350 {
		t.Errorf("a first visit kept %d of the site's %d pages", pages, listed)
	}

	harness.GoOffline(t, ctx, srv)
	for _, p := range []string{opened, sibling, "/latest/", "/latest/part01/"} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
			t.Errorf("offline, %s (the opened page, its section, the site's top) is not kept", p)
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+far), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "当前没有网络连接" {
		t.Errorf("offline, a page of another section shows %q", h1)
	}
}

// A site without revisions (a wiki moved over from Hugo) has no
// changelog: its site worker keeps its root, to open offline. Its list
// named /changelog/, which 404ed, so the root was never kept and every
// visit fetched the list's files again.
func TestSiteWithoutChangelogKeepsItsRoot(t *testing.T) {
	files := buildTree(t, 30)
	if _, ok := files["changelog/index.html"]; ok {
		t.Fatal("the generated tree has a changelog")
	}
	srv := httptest.NewServer(siteWorkerAllowed(harness.FileHandler(files)))
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	harness.WaitPrecached(t, ctx, "/")
	harness.GoOffline(t, ctx, srv)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	harness.WaitPath(t, ctx, "/latest/")
}
