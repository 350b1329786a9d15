// Package e2e tests the built handbook in a real browser: Debian's
// chromium, headless, driven over the DevTools protocol by chromedp, against
// the site served from memory on a loopback port.
//
// Without Chromium the tests skip with a message; with
// HANDBOOK_BROWSER_TESTS=required (CI sets it) a missing browser fails.
package e2e

import (
	"context"
	"fmt"
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

const moduleRoot = "../.."

// site is a built handbook served on loopback.
type site struct {
	URL   string
	Files map[string][]byte
}

var (
	siteOnce sync.Map // content dir → *site
)

// serveContent builds a content folder (with the calculator module) and
// serves it. Builds are shared between tests of one run.
func serveContent(t *testing.T, dir string, drafts bool) *site {
	t.Helper()
	key := dir + "|" + boolStr(drafts)
	if s, ok := siteOnce.Load(key); ok {
		return s.(*site)
	}
	mem := output.NewMemory()
	opts := build.Options{
		Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Drafts: drafts,
		WASM: func() ([]byte, error) {
			w, _, err := wasmbuild.Compile(context.Background(), moduleRoot, filepath.Join(os.TempDir(), "handbook-test-wasm"))
			return w, err
		},
	}
	if _, err := build.Run(opts); err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	srv := httptest.NewServer(fileHandler(mem.Files))
	s := &site{URL: srv.URL, Files: mem.Files}
	siteOnce.Store(key, s)
	return s
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// fileHandler serves an in-memory build the way a static web server does.
func fileHandler(files map[string][]byte) http.Handler {
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

// shared is the one headless Chromium of a run of the package's tests,
// started by the first test that needs it, with a fresh profile folder.
// Each test gets a browser context of its own — its own cache, storage,
// cookies and service workers, as a new profile has — in a tab of its
// own. A browser started for each of the package's hundred-odd browser
// tests took a third of the package's time (a second each to start, and
// the browser's own start-up work competing with the pages for the CPU).
// If the browser dies (a crash in one test), the next test starts
// another: one crash fails one test, not every test after it. The tests
// of this package do not run in parallel, so nothing else is using a
// browser that is replaced.
var shared struct {
	ctx  context.Context
	stop func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	os.Exit(code)
}

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

// browser opens a fresh browser context of the run's headless Chromium
// for one test.
func browser(t *testing.T) context.Context {
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

// do runs browser steps and fails the test on error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page (awaiting promises).
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// requestLog records every URL the page requests.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func logRequests(t *testing.T, ctx context.Context) *requestLog {
	l := &requestLog{}
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

func (l *requestLog) snapshot() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls...)
}

// outside lists the requests that left origin.
func (l *requestLog) outside(origin string) []string {
	var out []string
	for _, u := range l.snapshot() {
		if strings.HasPrefix(u, origin+"/") || u == origin || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		out = append(out, u)
	}
	return out
}

func contentDir() string { return filepath.Join(moduleRoot, "content") }

// waitFor polls a page expression until it is truthy (5 s at most) and
// fails with describe's value when it is not.
func waitFor(t *testing.T, ctx context.Context, cond, describe string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](describe))
		t.Fatalf("waiting for %s: %v\npage: %s", cond, err, state)
	}
}

// liveText is a page expression for the text of the live region sel
// ("no live region" if there is none).
func liveText(sel string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.textContent : "no live region"; })()`, sel)
}

// visuallyHidden checks that the element sel takes no room on the page, as
// a visually hidden live region should: "" if so, else its size.
func visuallyHidden(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return r.width <= 1 && r.height <= 1 ? "" : r.width + "×" + r.height; })()`, sel))
}

// waitPath waits until the page has navigated to a path (a navigation
// replaces the document, so this polls from outside it).
func waitPath(t *testing.T, ctx context.Context, want string) {
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

// goOffline closes the site's server and cuts the page off the network,
// its service worker included, and checks that nothing answers any more.
func goOffline(t *testing.T, ctx context.Context, srv *httptest.Server) {
	t.Helper()
	srv.Close()
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	if online := eval[bool](t, ctx, `fetch('/latest/offline-probe', {cache: 'no-store'}).then(() => true, () => false)`); online {
		t.Fatal("the network is still up after cutting it")
	}
}
