package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fixedSite serves a hand-made build under /hb/, without watching.
func fixedSite(t *testing.T) *testServer {
	t.Helper()
	files := map[string][]byte{
		"index.html":               []byte(`<!doctype html><html><head><meta charset="utf-8"><title>根</title></head><body>首页</body></html>`),
		"draft/a/index.html":       []byte(`<!doctype html><html><head><title>甲</title></head><body>第一章</body></html>`),
		"assets/calculator-X.wasm": {0, 'a', 's', 'm', 1, 0, 0, 0},
		"assets/main-ABC.js":       []byte("console.log(1)"),
		"assets/main-ABC.css":      []byte("body{}"),
		"draft/search/index.json":  []byte("{}"),
		"assets/org.svg":           []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"),
		"draft/notes/readme.txt":   []byte("no index here"),
	}
	b := BuildFunc(func([]string) (*Site, error) { return &Site{Files: files, BasePath: "/hb/"}, nil })
	srv, url := runServer(t, b, nil)
	ts := &testServer{t: t, srv: srv, url: url, log: &syncBuffer{}}
	for i := 0; ; i++ {
		if code, _, _ := ts.get("/hb/"); code == 200 {
			return ts
		}
		if i == 100 {
			t.Fatal("the fixed site is not served")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestContentTypes(t *testing.T) {
	ts := fixedSite(t)
	for path, want := range map[string]string{
		"/hb/assets/calculator-X.wasm": "application/wasm",
		"/hb/assets/main-ABC.js":       "text/javascript; charset=utf-8",
		"/hb/assets/main-ABC.css":      "text/css; charset=utf-8",
		"/hb/draft/search/index.json":  "application/json",
		"/hb/assets/org.svg":           "image/svg+xml",
		"/hb/draft/a/":                 "text/html; charset=utf-8",
		"/hb/draft/a/index.html":       "text/html; charset=utf-8",
		"/hb/draft/notes/readme.txt":   "text/plain; charset=utf-8",
		scriptPath:                     "text/javascript; charset=utf-8",
		overlayPath:                    "text/css; charset=utf-8",
	} {
		code, _, hd := ts.get(path)
		if code != 200 || hd.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, code, hd.Get("Content-Type"), want)
		}
		if hd.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
}

func TestPagesGetTheLiveReloadClient(t *testing.T) {
	ts := fixedSite(t)
	body := ts.page("/hb/draft/a/")
	for _, want := range []string{
		`<script type="module" src="/__handbook/livereload.js"></script></head>`,
		`<link rel="stylesheet" href="/__handbook/overlay.css">`,
		`<meta name="handbook-serve-build" content="`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "style=") {
		t.Error("the injection is inline, which the pages' CSP forbids")
	}
	js := ts.page(scriptPath)
	for _, want := range []string{"EventSource", "/__handbook/events", "sessionStorage"} {
		if !strings.Contains(js, want) {
			t.Errorf("livereload.js lacks %s", want)
		}
	}
	if _, _, hd := ts.get("/hb/assets/main-ABC.js"); hd.Get("Content-Length") != "14" {
		t.Error("a script was changed by the injection")
	}
}

func TestURLsOfTheSite(t *testing.T) {
	ts := fixedSite(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct{ path, want string }{
		{"/", "302 /hb/"},
		{"/hb", "302 /hb/"},
		{"/hb/", "200"},
		{"/hb/draft/a", "301 /hb/draft/a/"},
		{"/hb/draft/a?x=1", "301 /hb/draft/a/?x=1"},
		{"/hb/draft/notes/", "404"}, // a folder without index.html: no listing
		{"/hb/draft/", "404"},
		{"/hb/missing/", "404"},
		{"/draft/a/", "404"}, // outside the base path
		{"/__handbook/other", "404"},
	} {
		res, err := noRedirect.Get(ts.url + c.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		got := fmt.Sprint(res.StatusCode)
		if loc := res.Header.Get("Location"); loc != "" {
			got += " " + loc
		}
		if got != c.want {
			t.Errorf("GET %s: %s, want %s", c.path, got, c.want)
		}
	}
	req, _ := http.NewRequest("POST", ts.url+"/hb/", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", res.StatusCode)
	}
}

// TestPathTraversalIsNotFound sends raw request lines, so no client
// library cleans the path first.
func TestPathTraversalIsNotFound(t *testing.T) {
	ts := fixedSite(t)
	addr := strings.TrimPrefix(ts.url, "http://")
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/hb/../../etc/passwd",
		"/hb/draft/../../../etc/passwd",
		"/hb/draft/a/../a/",
		"/hb/./draft/a/",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/hb/%2e%2e/%2e%2e/etc/passwd",
		"/hb/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"/hb/draft%2fa/",
		"/hb/draft/a%2Findex.html",
		"/hb/draft/a%5cindex.html",
		"/hb/..%5c..%5cetc%5cpasswd",
		"//etc/passwd",
		"/hb//draft/a/",
		"/etc/passwd",
		"/hb/etc/passwd",
		"/hb/C:/Windows/win.ini",
		"/hb/draft/a/index.html%00",
		"/hb/draft/a/index.html%00.css",
		"/hb/%00",
		"http://" + addr + "/hb/../../etc/passwd",
		"http://" + addr + "/hb/%2e%2e/etc/passwd",
	} {
		if code := rawGet(t, addr, target); code != 404 {
			t.Errorf("GET %s: %d, want 404", target, code)
		}
	}
}

// rawGet sends target as written (no client cleans the path) and returns
// the status.
func rawGet(t *testing.T, addr, target string) int {
	t.Helper()
	code, _ := hostGet(t, addr, addr, target)
	return code
}

// blockedWriter is a page whose connection has stopped reading.
type blockedWriter struct {
	httptest.ResponseRecorder
	release chan struct{}
}

func (b *blockedWriter) Write(p []byte) (int, error) { <-b.release; return len(p), nil }
func (b *blockedWriter) Flush()                      {}

func TestSlowPageDoesNotHoldUpOthers(t *testing.T) {
	h := newHub()
	defer h.close()
	slow := &blockedWriter{ResponseRecorder: *httptest.NewRecorder(), release: make(chan struct{})}
	defer close(slow.release)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := httptest.NewRequest("GET", eventsPath, nil).WithContext(ctx)
	go h.serve(slow, req, func() []byte { return event("hello", message{}) })

	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.serve(w, r, func() []byte { return event("hello", message{}) })
	}))
	defer fast.Close()
	res, err := http.Get(fast.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	events := make(chan sse, 100)
	go readEvents(res.Body, events)
	if ev := <-events; ev.name != "hello" {
		t.Fatalf("first event %s", ev.name)
	}
	for h.count() < 2 {
		time.Sleep(time.Millisecond)
	}
	// More messages than a page's buffer holds: the slow page's fills up
	// and it is dropped, while the fast page gets every one at once.
	const n = 2 * clientBuffer
	for i := 0; i < n; i++ {
		began := time.Now()
		h.broadcast(event("reload", message{Build: fmt.Sprint(i)}))
		select {
		case ev := <-events:
			if ev.msg.Build != fmt.Sprint(i) {
				t.Fatalf("message %d is %q", i, ev.raw)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the fast page got %d of %d messages", i, n)
		}
		if d := time.Since(began); d > time.Second {
			t.Errorf("message %d took %s to reach the fast page", i, d)
		}
	}
	if c := h.count(); c != 1 {
		t.Errorf("%d pages connected; the slow one should have been dropped", c)
	}
}

func TestEditorScratchFilesAreIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"01-functions.md": false, "main.css": false, "site.toml": false, "rules.toml": false, "payout.go": false,
		"01-functions.md~": true, ".01-functions.md.swp": true, ".01-functions.md.swx": true, "4913": true, "5036": true,
		"#01-functions.md#": true, ".#01-functions.md": true, "01-functions.md___jb_tmp___": true,
		"01-functions.md.tmp": true, ".goutputstream-XYZ": true, ".DS_Store": true, ".git": true,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

// The preview opens on the working copy: its root led to /latest/, the
// published revision, where an admin who opened the address the terminal
// printed saw none of their saves.
func TestPreviewOpensOnTheWorkingCopy(t *testing.T) {
	files := map[string][]byte{
		"index.html":         []byte(`<!doctype html><html><head><meta http-equiv="refresh" content="0; url=/latest/"></head><body></body></html>`),
		"latest/index.html":  []byte(`<!doctype html><html><head><title>现行</title></head><body>现行</body></html>`),
		"draft/index.html":   []byte(`<!doctype html><html><head><title>草稿</title></head><body>草稿</body></html>`),
		"draft/a/index.html": []byte(`<!doctype html><html><head><title>甲</title></head><body>甲</body></html>`),
	}
	b := BuildFunc(func([]string) (*Site, error) { return &Site{Files: files, BasePath: "/"}, nil })
	log := &syncBuffer{}
	_, url := runServer(t, b, log)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	deadline := time.Now().Add(5 * time.Second)
	for {
		res, err := noRedirect.Get(url + "/")
		if err == nil {
			res.Body.Close()
			if res.StatusCode != http.StatusServiceUnavailable {
				if loc := res.Header.Get("Location"); res.StatusCode != http.StatusFound || loc != "/draft/" {
					t.Errorf("GET /: %d %q, want 302 /draft/", res.StatusCode, loc)
				}
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not served: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if res, err := noRedirect.Get(url + "/latest/"); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("GET /latest/: %v %v", res, err)
	}
	want := "working copy at " + url + "/draft/"
	for end := time.Now().Add(2 * time.Second); !strings.Contains(log.String(), want); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Errorf("the terminal says %q, want it to name %s", log.String(), want)
			break
		}
	}
}
