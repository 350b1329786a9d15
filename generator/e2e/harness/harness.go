// Package harness is what the browser tests (packages e2e and
// e2e/scripts) share: a content folder built and served from memory on a
// loopback port, one headless Chromium per test binary with a fresh
// browser context for each test, and the steps and waits the tests of both
// packages use. They are two packages so that each test binary stays far
// from go test's default 10-minute timeout and go test ./... runs them in
// parallel.
//
// Without Chromium the tests skip with a message; with
// HANDBOOK_BROWSER_TESTS=required (CI sets it) a missing browser fails.
package harness

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	chromium "handbook/generator/browser"
	"handbook/generator/browser/browsertest"
	"handbook/generator/build"
	"handbook/generator/output"
	"handbook/generator/wasmbuild"
	"handbook/theme"
)

// ModuleRoot is the module's root folder (the one with go.mod), found by
// walking up from the working directory: go test runs a test binary in its
// package's folder, generator/e2e or generator/e2e/scripts.
func ModuleRoot() string { return moduleRoot() }

var moduleRoot = sync.OnceValue(func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			panic("no go.mod in " + wd + " or any folder above it")
		}
	}
})

// Site is a built handbook served on loopback.
type Site struct {
	URL   string
	Files map[string][]byte
}

var (
	siteOnce sync.Map // content dir → *Site
)

// ServeContent builds a content folder (with the calculator module) and
// serves it. Builds are shared between tests of one run.
func ServeContent(t *testing.T, dir string, drafts bool) *Site {
	t.Helper()
	key := dir + "|" + boolStr(drafts)
	if s, ok := siteOnce.Load(key); ok {
		return s.(*Site)
	}
	mem := output.NewMemory()
	opts := build.Options{
		Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Drafts: drafts,
		WASM: WASM,
	}
	if _, err := build.Run(opts); err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	srv := httptest.NewServer(FileHandler(mem.Files))
	s := &Site{URL: srv.URL, Files: mem.Files}
	siteOnce.Store(key, s)
	return s
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// WASM is the calculator's module as a build of the site compiles it
// (build.Options.WASM), cached by source hash in the temporary folder,
// which the test binaries share.
func WASM() ([]byte, error) {
	w, _, err := wasmbuild.Compile(context.Background(), ModuleRoot(), filepath.Join(os.TempDir(), "handbook-test-wasm"))
	return w, err
}

// FileHandler serves an in-memory build the way a static web server does.
func FileHandler(files map[string][]byte) http.Handler {
	types := map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		".json": "application/json", ".wasm": "application/wasm", ".bin": "application/octet-stream", ".svg": "image/svg+xml"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") || name == "" || name == "." {
			name = strings.TrimPrefix(path.Join(name, "index.html"), "./")
			if name == "./index.html" {
				name = "index.html"
			}
		}
		data, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if ct, ok := types[path.Ext(name)]; ok {
			w.Header().Set("Content-Type", ct)
		}
		if path.Base(name) == "sw.js" {
			w.Header().Set("Service-Worker-Allowed", path.Dir("/"+name)+"/")
		}
		_, _ = w.Write(data)
	})
}

// shared is the one headless Chromium of a run of a package's tests (the
// test binaries of e2e and e2e/scripts each have their own), started by
// the first test that needs it, with a fresh profile folder. Each test
// gets a browser context of its own — its own cache, storage, cookies and
// service workers, as a new profile has — in a tab of its own. A browser
// started for each of the hundred-odd browser tests took a third of their
// time (a second each to start, and the browser's own start-up work
// competing with the pages for the CPU). If the browser dies (a crash in
// one test), the next test starts another: one crash fails one test, not
// every test after it. The tests of a package do not run in parallel, so
// nothing else is using a browser that is replaced.
var shared struct {
	ctx  context.Context
	stop func()
}

// Main is a browser test package's TestMain: it runs the tests, then stops
// the run's browser.
func Main(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	os.Exit(code)
}

// Shared is the run's browser (nil before the first test's Browser), for
// the test that kills it to see it replaced.
func Shared() context.Context { return shared.ctx }

// startShared starts the run's browser.
func startShared(exe string) error {
	dir, err := os.MkdirTemp("", "handbook-e2e-chromium-")
	if err != nil {
		return err
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromium.Options(exe, dir, chromedp.WindowSize(1280, 900))...)
	bctx, cancelB := chromedp.NewContext(actx)
	stop := func() { cancelB(); cancelA(); _ = os.RemoveAll(dir) }
	// The first call starts the browser; it must not carry a timeout.
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return err
	}
	shared.ctx, shared.stop = bctx, stop
	return nil
}

// Browser opens a fresh browser context of the run's headless Chromium
// for one test.
func Browser(t *testing.T) context.Context {
	t.Helper()
	exe := browsertest.Path(t)
	for attempt := 0; ; attempt++ {
		if shared.ctx == nil {
			if err := startShared(exe); err != nil {
				t.Fatalf("start chromium: %v", err)
			}
		}
		ctx, cancelB := chromedp.NewContext(shared.ctx, chromedp.WithNewBrowserContext())
		err := chromedp.Do(ctx)
		if err == nil {
			t.Cleanup(cancelB)
			// Every later step is bounded, so a broken page fails instead of hanging.
			tctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
			t.Cleanup(cancelC)
			return tctx
		}
		cancelB()
		if attempt > 0 {
			t.Fatalf("open a browser context: %v", err)
		}
		t.Logf("the run's Chromium is gone (%v): starting another", err)
		shared.stop()
		shared.ctx, shared.stop = nil, nil
	}
}

// Do runs browser steps and fails the test on error.
func Do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the page (awaiting promises).
func Eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// RequestLog records every URL the page requests.
type RequestLog struct {
	mu   sync.Mutex
	urls []string
}

// LogRequests starts recording the requests of the page of ctx.
func LogRequests(t *testing.T, ctx context.Context) *RequestLog {
	l := &RequestLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			l.mu.Lock()
			l.urls = append(l.urls, e.Request.URL)
			l.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Snapshot is the URLs requested so far.
func (l *RequestLog) Snapshot() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls...)
}

// Outside lists the requests that left origin.
func (l *RequestLog) Outside(origin string) []string {
	var out []string
	for _, u := range l.Snapshot() {
		if strings.HasPrefix(u, origin+"/") || u == origin || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		out = append(out, u)
	}
	return out
}

// ContentDir is the handbook's own content folder.
func ContentDir() string { return filepath.Join(ModuleRoot(), "content") }

// WaitFor polls a page expression until it is truthy (5 s at most) and
// fails with describe's value when it is not.
func WaitFor(t *testing.T, ctx context.Context, cond, describe string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](describe))
		t.Fatalf("waiting for %s: %v\npage: %s", cond, err, state)
	}
}

// WaitPath waits until the page has navigated to a path (a navigation
// replaces the document, so this polls from outside it).
func WaitPath(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
		if err == nil && got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not reach %s (at %q, %v)", want, got, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// GoOffline closes the site's server and cuts the page off the network,
// its service worker included, and checks that nothing answers any more.
func GoOffline(t *testing.T, ctx context.Context, srv *httptest.Server) {
	t.Helper()
	srv.Close()
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	if online := Eval[bool](t, ctx, `fetch('/latest/offline-probe', {cache: 'no-store'}).then(() => true, () => false)`); online {
		t.Fatal("the network is still up after cutting it")
	}
}
