package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browser"
	"handbook/generator/browser/browsertest"
	"handbook/generator/build"
	"handbook/theme"
)

// The small handbook the tests edit: three chapters, no revisions, so the
// working copy is the site, served once under /latest/.
var smallSite = map[string]string{
	"site.toml": "title = \"测试手册\"\nlanguage = \"zh-CN\"\n",
	"a.md":      "---\ntitle: 第一章 总则\norder: 1\nslug: a\n---\n\n## 一、目的\n\n原文甲。另见[第二章](b.md)。\n",
	"b.md":      "---\ntitle: 第二章 职责\norder: 2\nslug: b\n---\n\n## 一、职责\n\n1. 原文乙;\n2. 原文丙。\n",
	"c.md":      "---\ntitle: 第三章 附则\norder: 3\nslug: c\n---\n\n本制度自发布之日起施行。\n",
}

func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sse is one event received on the live-reload channel.
type sse struct {
	name string
	msg  message
	raw  string
}

// testServer is a running Server over a content folder on disk.
type testServer struct {
	t       testing.TB
	srv     *Server
	url     string
	content string
	events  chan sse
	log     *syncBuffer
	stop    func() error  // cancels Run and returns its result
	wait    time.Duration // how long expect waits for an event
}

type options struct {
	themeDir string // a theme folder on disk to watch; "" = built-in theme
	source   string // content folder; "" = a temp folder with smallSite
	legacy   bool
	failing  bool // the first build fails: start returns once its problems are out
}

// runServer serves what b builds on a free port until the test ends and
// returns the server and its URL (no trailing slash).
func runServer(t testing.TB, b Builder, log io.Writer) (*Server, string) {
	t.Helper()
	srv, err := New(Config{Addr: "127.0.0.1:0", Builder: b, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return srv, strings.TrimSuffix(srv.URL(), "/")
}

// start builds and serves a content folder and connects to the
// live-reload channel; it returns once the first build is served.
func start(t testing.TB, o options) *testServer {
	t.Helper()
	return startAt(t, o, "127.0.0.1:0")
}

// startAt is start on a given address.
func startAt(t testing.TB, o options, addr string) *testServer {
	t.Helper()
	content := o.source
	if content == "" {
		content = filepath.Join(t.TempDir(), "content")
		writeTree(t, content, smallSite)
	}
	o.source = content
	opts := buildOptions(o)
	watch := []string{content}
	if o.themeDir != "" {
		watch = append(watch, o.themeDir)
	}
	b, err := NewFullBuilder(opts, "")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	srv, err := New(Config{Addr: addr, Builder: b, Watch: watch, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{t: t, srv: srv, url: strings.TrimSuffix(srv.URL(), "/"), content: content, events: make(chan sse, 64), log: log}
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	var once sync.Once
	var runErr error
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				runErr = errors.New("the server did not shut down in 10 s")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := ts.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	// The first hello may come before the first build is in.
	ts.connect(ctx)
	first := ts.next(5 * time.Minute)
	if first.name != "hello" {
		t.Fatalf("first event %q, want hello", first.name)
	}
	if first.msg.Build == "" && len(first.msg.Errors) == 0 {
		ts.wait = 5 * time.Minute
		if o.failing {
			ts.expect("problems")
		} else {
			ts.expect("reload")
		}
		ts.wait = 0
	}
	return ts
}

func buildOptions(o options) build.Options {
	opts := build.Options{Source: os.DirFS(o.source), SourceName: "content", Theme: theme.FS, ThemeName: "theme", Drafts: true, Legacy: o.legacy}
	if o.themeDir != "" {
		opts.Theme = os.DirFS(o.themeDir)
	}
	return opts
}

// connect reads the live-reload channel into ts.events.
func (ts *testServer) connect(ctx context.Context) {
	ts.t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.url+eventsPath, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		ts.t.Fatalf("events: Content-Type %q", ct)
	}
	go func() {
		defer res.Body.Close()
		readEvents(res.Body, ts.events)
	}()
}

func readEvents(r io.Reader, out chan<- sse) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var ev sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			ev.name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			ev.raw = line[len("data: "):]
			_ = json.Unmarshal([]byte(ev.raw), &ev.msg)
		case line == "" && ev.name != "":
			out <- ev
			ev = sse{}
		}
	}
	close(out)
}

func (ts *testServer) next(timeout time.Duration) sse {
	ts.t.Helper()
	select {
	case ev, ok := <-ts.events:
		if !ok {
			ts.t.Fatal("the live-reload channel closed")
		}
		return ev
	case <-time.After(timeout):
		ts.t.Fatalf("no live-reload event in %s; server log:\n%s", timeout, ts.log)
	}
	return sse{}
}

// expect waits for the next event and checks its name.
func (ts *testServer) expect(name string) sse {
	ts.t.Helper()
	wait := ts.wait
	if wait == 0 {
		wait = 15 * time.Second
	}
	ev := ts.next(wait)
	if ev.name != name {
		ts.t.Fatalf("got event %s %s, want %s; server log:\n%s", ev.name, ev.raw, name, ts.log)
	}
	return ev
}

// quiet checks that no event comes for d.
func (ts *testServer) quiet(d time.Duration) {
	ts.t.Helper()
	select {
	case ev := <-ts.events:
		ts.t.Fatalf("unexpected event %s %s", ev.name, ev.raw)
	case <-time.After(d):
	}
}

func (ts *testServer) write(name, body string) {
	ts.t.Helper()
	writeTree(ts.t, ts.content, map[string]string{name: body})
}

// get fetches a path and returns the status and body.
func (ts *testServer) get(path string) (int, string, http.Header) {
	ts.t.Helper()
	res, err := http.Get(ts.url + path)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return res.StatusCode, string(b), res.Header
}

// page fetches a page that must exist and returns its body.
func (ts *testServer) page(path string) string {
	ts.t.Helper()
	code, body, _ := ts.get(path)
	if code != http.StatusOK {
		ts.t.Fatalf("GET %s: %d", path, code)
	}
	return body
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newBrowser starts a headless Chromium of the test's own (a fresh
// profile, 1000×800) and returns its first tab, which gives the test a
// minute; the browser goes when the test ends. Where Chromium is missing,
// browsertest.Path skips the test (or fails it where browser tests are
// required).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := browsertest.Path(t)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), browser.Options(bin, t.TempDir(), chromedp.WindowSize(1000, 800))...)
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTime)
	return ctx
}

// evalString runs js in the tab and returns its string result, failing
// the test when it throws.
func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitReloaded waits until the page in ctx is a new load (window.__old,
// set by the test before the save, is gone) showing text, fully loaded.
func waitReloaded(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__old === undefined && document.readyState === "complete" && document.body.textContent.includes("`+text+`") ? "yes" : ""`))
		if err == nil && v == "yes" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for the page to reload with %s", text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// openLongPage serves smallSite with a.md replaced by long and opens
// /latest/a/ in a browser of the test's, live; eval runs JavaScript there.
func openLongPage(t *testing.T, long string) (ts *testServer, ctx context.Context, eval func(string) string) {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	writeTree(t, content, map[string]string{"a.md": long})
	ts = start(t, options{source: content})
	ctx = newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/a/"), chromedp.WaitReady(chromedp.CSS("main"))))
	live(t, ctx)
	return ts, ctx, func(js string) string { t.Helper(); return evalString(t, ctx, js) }
}
