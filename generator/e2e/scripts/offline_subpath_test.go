package scripts

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// The handbook deployed under a sub-path of the company's site
// (basePath = "/handbook/"), beside other sites: after one visit the
// chapters, the calculator's page, the root and the changelog open
// offline, and the workers keep only the handbook's files.
func TestOfflineUnderASubPath(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "site.toml")
	b, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte(strings.Replace(string(b), `basePath = "/"`, `basePath = "/handbook/"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	files := buildAsOf(t, dir, "2026-06-01", false)
	site := harness.FileHandler(files)
	mux := http.NewServeMux()
	mux.Handle("/handbook/", http.StripPrefix("/handbook", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A static server sends no Service-Worker-Allowed: each worker's
		// scope is its own folder.
		site.ServeHTTP(noAllowed{w}, r)
	})))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><title>intranet</title><h1>intranet</h1>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/handbook/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/handbook/latest/")
	harness.WaitPrecached(t, ctx, "/handbook/")
	scopes := harness.Eval[[]string](t, ctx, `navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => new URL(r.scope).pathname).sort())`)
	if strings.Join(scopes, " ") != "/handbook/ /handbook/latest/" {
		t.Errorf("the workers' scopes are %q, want /handbook/ and /handbook/latest/", scopes)
	}
	names := harness.Eval[[]string](t, ctx, `caches.keys()`)
	for _, n := range names {
		if !strings.HasPrefix(n, "handbook:/handbook/") {
			t.Errorf("a cache outside the handbook's path: %q", n)
		}
	}
	for _, n := range []string{"/handbook/", "/handbook/latest/"} {
		for _, p := range cachedPaths(t, ctx, strings.TrimPrefix(n, "")) {
			if !strings.HasPrefix(p, "/handbook/") {
				t.Errorf("the cache of %s holds %s, outside the handbook", n, p)
			}
		}
	}

	// One page is not kept (as a big edition's far pages are not).
	harness.Eval[bool](t, ctx, `caches.open("handbook:/handbook/latest/").then(c => c.delete(location.origin + "/handbook/latest/print/"))`)
	harness.GoOffline(t, ctx, srv)
	for _, p := range []string{"/handbook/latest/", "/handbook/latest/performance/", "/handbook/latest/search/", "/handbook/changelog/"} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 == "当前没有网络连接" {
			t.Errorf("offline under /handbook/, %s is not kept", p)
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/handbook/latest/print/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := harness.Eval[string](t, ctx, `document.querySelector("main").textContent`); !strings.Contains(text, "各章、全文搜索和绩效工资计算器离线也能使用") {
		t.Errorf("offline, a page not kept of the handbook with a calculator says %q", text)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/handbook/latest/never-built/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := harness.Eval[string](t, ctx, `document.querySelector("main").textContent`); !strings.Contains(text, "没有这个地址对应的页面") {
		t.Errorf("offline, a page the handbook does not have says %q", text)
	}
	if !harness.Eval[bool](t, ctx, `document.querySelector("main a[href='/handbook/latest/']") !== null`) {
		t.Error("offline, the page for a page the handbook does not have does not lead to /handbook/latest/")
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/handbook/"))
	harness.WaitPath(t, ctx, "/handbook/latest/")
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/handbook/v/2025.1/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if back := harness.Eval[string](t, ctx, `document.querySelector("main article a")?.getAttribute("href") ?? ""`); back != "/handbook/latest/" {
		t.Errorf("offline, a revision never opened leads back to %q, want /handbook/latest/", back)
	}
	if css := harness.Eval[bool](t, ctx, `[...document.styleSheets].some(s => s.cssRules.length > 0)`); !css {
		t.Error("offline, the page for a revision never opened has no stylesheet")
	}
}

// A new handbook of another department, with no payout rules, deployed
// under /hr/ and read offline: a page not kept says what does work
// offline without naming the key-account handbook's calculator, which
// this handbook does not have (the offline page named it whatever the
// handbook was); the sales handbook's still names it.
func TestOfflinePageOfAHandbookWithoutCalculator(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"site.toml":  "title = \"人力资源部员工手册\"\norganisation = \"某集团公司\"\ntimeZone = \"Asia/Shanghai\"\nbasePath = \"/hr/\"\n",
		"01-入职须知.md": "# 入职须知\n\n1. 新员工于入职当日到人力资源部报到。\n",
		"考勤/考勤制度.md": "# 考勤制度\n\n1. 迟到三十分钟以内的，记迟到一次。\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := buildAsOf(t, dir, "2026-06-01", false)
	for name := range files {
		if strings.Contains(name, "calculator/") || strings.HasSuffix(name, ".wasm") {
			t.Errorf("a handbook without rules.toml has %s", name)
		}
	}
	site := harness.FileHandler(files)
	mux := http.NewServeMux()
	mux.Handle("/hr/", http.StripPrefix("/hr", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		site.ServeHTTP(noAllowed{w}, r)
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/hr/latest/01-入职须知/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/hr/latest/")
	harness.Eval[bool](t, ctx, `caches.open("handbook:/hr/latest/").then(c => c.delete(location.origin + "/hr/latest/search/"))`)
	harness.GoOffline(t, ctx, srv)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/hr/latest/考勤/考勤制度/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); !strings.HasPrefix(h1, "考勤制度") {
		t.Errorf("offline under /hr/, a chapter in a sub-folder shows %q", h1)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/hr/latest/search/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	text := harness.Eval[string](t, ctx, `document.querySelector("main").textContent`)
	if !strings.Contains(text, "当前没有网络连接") || !strings.Contains(text, "各章和全文搜索离线也能使用") || strings.Contains(text, "计算器") {
		t.Errorf("offline, a page not kept of a handbook without a calculator says %q", text)
	}
}

type noAllowed struct{ http.ResponseWriter }

func (w noAllowed) WriteHeader(code int) {
	w.Header().Del("Service-Worker-Allowed")
	w.ResponseWriter.WriteHeader(code)
}

func (w noAllowed) Write(b []byte) (int, error) {
	w.Header().Del("Service-Worker-Allowed")
	return w.ResponseWriter.Write(b)
}
