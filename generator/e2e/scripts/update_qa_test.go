package scripts

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/build"
	"handbook/generator/e2e/harness"
	"handbook/generator/output"
	"handbook/generator/revision"
	"handbook/theme"
)

// A reader whose browser keeps an earlier build: these tests serve one
// build, visit it, swap in a rebuilt site on the same server, and look at
// what the reader's next visit gets.

// buildAsOf builds a content folder in memory as of a day, which decides
// the revision /latest/ shows.
func buildAsOf(t *testing.T, dir, today string, drafts bool) map[string][]byte {
	t.Helper()
	day, err := time.Parse("2006-01-02", today)
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	opts := build.Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Today: day, Drafts: drafts,
		WASM: harness.WASM}
	if _, err := build.Run(opts); err != nil {
		t.Fatalf("build %s as of %s: %v", dir, today, err)
	}
	return mem.Files
}

// swappable serves one build, then another when told: a redeploy.
type swappable struct {
	*httptest.Server
	files atomic.Pointer[map[string][]byte]
}

func serveSwappable(files map[string][]byte) *swappable {
	s := &swappable{}
	s.files.Store(&files)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		harness.FileHandler(*s.files.Load()).ServeHTTP(w, r)
	}))
	return s
}

func (s *swappable) deploy(files map[string][]byte) { s.files.Store(&files) }

// waitCachedList waits until the edition's cache holds the precache list
// want (the worker stores it last, once everything in it is cached).
func waitCachedList(t *testing.T, ctx context.Context, edition string, want []byte) {
	t.Helper()
	expr := fmt.Sprintf(`caches.open(%q).then(c => c.match(location.origin + %q)).then(r => r ? r.text() : "")`, "handbook:"+edition, edition+"precache.json")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got := harness.Eval[string](t, ctx, expr); got == string(want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the reader's offline copy of %s is not the new build's 10 s after a visit to it", edition)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// cachedPaths lists the paths the edition's cache holds.
func cachedPaths(t *testing.T, ctx context.Context, edition string) []string {
	return harness.Eval[[]string](t, ctx, fmt.Sprintf(`caches.open(%q).then(c => c.keys()).then(ks => ks.map(k => new URL(k.url).pathname))`, "handbook:"+edition))
}

// searchBox types a query in the header's search box and waits for the
// dropdown to show results; it returns the first result's marked phrase.
func searchBox(t *testing.T, ctx context.Context, q string) string {
	t.Helper()
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form.search-form input`), q))
	harness.WaitFor(t, ctx, `document.querySelector(".search-dropdown:not([hidden]) .search-result") !== null`,
		`document.querySelector(".search-dropdown")?.textContent ?? "no dropdown"`)
	// The box searches as the reader types: the first results shown may
	// be a part's (定期复盘大客户 of 定期复盘大客户拜访记录, as a loaded
	// machine showed). The answer is the one shown once they settle on
	// the whole query, or after 5 s whatever is shown.
	const first = `document.querySelector(".search-dropdown .search-result mark")?.textContent ?? ""`
	deadline := time.Now().Add(5 * time.Second)
	for {
		m := harness.Eval[string](t, ctx, first)
		if m == q || time.Now().After(deadline) {
			return m
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A revision comes into force while a reader's worker is running (they
// read the handbook a minute ago): on their next reload /latest/ shows
// the new revision, and its search finds the new text, not the last
// index's (the worker answered meta.json from its cache, so the page was
// new and its search old, for as long as the worker lived); the offline
// copy becomes the new build's within seconds (it waited ten minutes per
// worker), without the last index's shards; and offline, the page and its
// search are the new revision's.
func TestRebuiltSiteIsReadWholeAfterOneReload(t *testing.T) {
	before := buildAsOf(t, harness.ContentDir(), "2025-06-01", false) // /latest/ is 2025.1
	after := buildAsOf(t, harness.ContentDir(), "2026-06-01", false)  // /latest/ is 2026.1, the errata
	const heading = `document.querySelector("main h2")?.textContent ?? ""`
	if strings.Contains(string(before["latest/job-descriptions/index.html"]), "勘误补上标题") ||
		!strings.Contains(string(after["latest/job-descriptions/index.html"]), "勘误补上标题") {
		t.Fatal("the fixture changed: 勘误补上标题 should be in 2026.1's chapter 3 only")
	}
	srv := serveSwappable(before)
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	// A page read under the running worker: it has looked for a new list.
	harness.Do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")))
	time.Sleep(500 * time.Millisecond)
	if h := harness.Eval[string](t, ctx, heading); strings.HasPrefix(h, "A、") {
		t.Fatalf("before the update the first job is %q", h)
	}
	oldShards := map[string]bool{}
	for _, p := range cachedPaths(t, ctx, "/latest/") {
		if strings.HasSuffix(p, ".bin") {
			oldShards[p] = true
		}
	}

	srv.deploy(after)
	harness.Do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h := harness.Eval[string](t, ctx, heading); !strings.HasPrefix(h, "A、大客户总监") {
		t.Fatalf("after one reload the page is not the new revision's: its first job is %q", h)
	}
	if m := searchBox(t, ctx, "勘误补上标题"); m != "勘误补上标题" {
		t.Errorf("after one reload, searching the new revision's text finds %q first, want 勘误补上标题 (the search index is the last build's)", m)
	}

	waitCachedList(t, ctx, "/latest/", after["latest/precache.json"])
	for _, p := range cachedPaths(t, ctx, "/latest/") {
		if oldShards[p] {
			t.Errorf("the offline copy still holds the last build's search shard %s", p)
		}
	}

	harness.GoOffline(t, ctx, srv.Server)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/job-descriptions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h := harness.Eval[string](t, ctx, heading); !strings.HasPrefix(h, "A、大客户总监") {
		t.Errorf("offline after the update, the page's first job is %q", h)
	}
	if m := searchBox(t, ctx, "勘误补上标题"); m != "勘误补上标题" {
		t.Errorf("offline after the update, searching the new text finds %q first", m)
	}
}

// A chapter deleted in the new build is gone from the offline copy once
// the reader has visited the new build: offline it says the page is not
// kept, not the deleted chapter's text as if it were in force.
func TestDeletedChapterLeavesTheOfflineCopy(t *testing.T) {
	with := t.TempDir()
	if err := os.CopyFS(with, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	// The working copy with one chapter more: chapter 7 under a second
	// file and address.
	src, err := os.ReadFile(filepath.Join(with, "07-confidentiality.md"))
	if err != nil {
		t.Fatal(err)
	}
	extra := strings.Replace(strings.Replace(string(src), "slug: confidentiality", "slug: extra-copy", 1), "order: 7", "order: 8", 1)
	if err := os.WriteFile(filepath.Join(with, "08-extra-copy.md"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	before := buildAsOf(t, with, "2026-06-01", true)
	after := buildAsOf(t, harness.ContentDir(), "2026-06-01", true)
	if _, ok := before["draft/extra-copy/index.html"]; !ok {
		t.Fatal("the fixture's extra chapter is not at /draft/extra-copy/")
	}
	if _, ok := before["draft/precache.json"]; !ok {
		t.Fatal("the working copy has no service worker")
	}
	srv := serveSwappable(before)
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/draft/extra-copy/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/draft/")

	srv.deploy(after)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/draft/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCachedList(t, ctx, "/draft/", after["draft/precache.json"])

	harness.GoOffline(t, ctx, srv.Server)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/draft/extra-copy/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "找不到这一页" {
		t.Errorf("offline, the chapter the new build deleted shows %q", h1)
	}
}

// A reader looked at the coming revision (/v/2026.1/, "将于 2026-01-01 起
// 施行，目前尚未生效") before it came into force; after it did, they open
// one of its chapters online, then read the others offline: every chapter
// is the new build's, none still says the revision is not in force yet.
// The offline list named the same files in both builds, so the worker
// kept the last build's chapters beside the one page just read.
func TestRevisionInForceChangesEveryKeptBanner(t *testing.T) {
	before := buildAsOf(t, harness.ContentDir(), "2025-06-01", false)
	after := buildAsOf(t, harness.ContentDir(), "2026-06-01", false)
	const chapter = "v/2026.1/performance/index.html"
	if !strings.Contains(string(before[chapter]), "banner-upcoming") || strings.Contains(string(after[chapter]), "banner-upcoming") {
		t.Fatal("the fixture changed: 2026.1 should be upcoming on 2025-06-01 and in force on 2026-06-01")
	}
	srv := serveSwappable(before)
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2026.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/v/2026.1/")

	srv.deploy(after)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2026.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCachedList(t, ctx, "/v/2026.1/", after["v/2026.1/precache.json"])

	harness.GoOffline(t, ctx, srv.Server)
	for _, p := range []string{"/v/2026.1/performance/", "/v/2026.1/", "/v/2026.1/calculator/"} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if b := harness.Eval[string](t, ctx, `document.querySelector(".banner-upcoming")?.textContent ?? ""`); b != "" {
			t.Errorf("offline, %s (in force since 2026-01-01) still says %q", p, b)
		}
	}
}

// The admin publishes a new revision (a sentence added to chapter 4) and
// rebuilds; a reader whose phone kept the last one comes back: the next
// visit to /latest/ is the new revision, its search finds the sentence,
// the revision it replaced is still at /v/2026.1/, and offline every kept
// page of /latest/ is the new revision's, while the old revision they had
// opened stays readable.
func TestPublishedRevisionReachesAReaderWithTheLastOne(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	before := buildAsOf(t, dir, "2026-12-02", false)
	const added = "定期复盘大客户拜访记录"
	chapter := filepath.Join(dir, "04-training.md")
	src, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(chapter, append(src, []byte("   5. "+added+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	if err := revision.Publish(dir, revision.Request{Version: "2026.2", Effective: day("2026-12-01"), Note: "培训增加一项", Now: day("2026-11-30")}); err != nil {
		t.Fatal(err)
	}
	after := buildAsOf(t, dir, "2026-12-02", false)
	if strings.Contains(string(before["latest/training/index.html"]), added) || !strings.Contains(string(after["latest/training/index.html"]), added) {
		t.Fatal("the new sentence is not the new revision's alone")
	}

	srv := serveSwappable(before)
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/v/2025.1/")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")

	srv.deploy(after)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if !harness.Eval[bool](t, ctx, `document.querySelector("main").textContent.includes("`+added+`")`) {
		t.Fatal("the first visit after the publish is not the new revision")
	}
	if m := searchBox(t, ctx, added); m != added {
		t.Errorf("after the publish, searching the new sentence finds %q first", m)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2026.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if harness.Eval[bool](t, ctx, `document.querySelector("main").textContent.includes("`+added+`")`) || harness.Eval[string](t, ctx, `document.querySelector(".banner-old")?.textContent ?? ""`) == "" {
		t.Error("/v/2026.1/ is not the replaced revision with its banner")
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	waitCachedList(t, ctx, "/latest/", after["latest/precache.json"])

	harness.GoOffline(t, ctx, srv.Server)
	for _, p := range []string{"/latest/", "/latest/performance/", "/latest/calculator/"} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if !harness.Eval[bool](t, ctx, `document.body.textContent.includes("2026.2")`) {
			t.Errorf("offline, %s is not the new revision's (no 2026.2 on it)", p)
		}
	}
	if m := searchBox(t, ctx, added); m != added {
		t.Errorf("offline after the publish, searching the new sentence finds %q first", m)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/v/2025.1/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
		t.Error("offline, the old revision the reader had opened is gone")
	}
}
