package serve

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// brokenHandbook copies the project's handbook (two published revisions,
// so the working copy is served under /draft/) with a broken link added
// to chapter 7, and returns the folder and the chapter as it was.
func brokenHandbook(t *testing.T) (content, fixed string) {
	t.Helper()
	content = filepath.Join(t.TempDir(), "content")
	must(t, os.CopyFS(content, os.DirFS("../../content")))
	data, err := os.ReadFile(filepath.Join(content, "07-confidentiality.md"))
	must(t, err)
	writeTree(t, content, map[string]string{"07-confidentiality.md": string(data) + "\n[x](nope.md)\n"})
	return content, string(data)
}

// TestFirstBuildFailedServesPublished: started while the working copy had
// an error, the preview answered 503 with the error at every address,
// /latest/, /v/… and /changelog/ too, though the published revisions were
// intact. It now serves them, built without the working copy; the
// working copy's addresses (and the site's root, which opens them) say
// what is wrong, and a save that fixes it brings the working copy in.
func TestFirstBuildFailedServesPublished(t *testing.T) {
	content, fixed := brokenHandbook(t)
	ts := start(t, options{source: content, failing: true})

	for _, p := range []string{"/latest/", "/latest/confidentiality/", "/v/2025.1/", "/v/2026.1/confidentiality/", "/changelog/"} {
		ts.page(p)
	}
	if body := ts.page("/latest/confidentiality/"); strings.Contains(body, "nope.md") {
		t.Errorf("/latest/ shows the working copy's edit")
	}
	for _, p := range []string{"/draft/", "/draft/confidentiality/", "/draft"} {
		code, body, _ := ts.get(p)
		if code != http.StatusServiceUnavailable {
			t.Errorf("GET %s: %d, want 503", p, code)
		}
		if !strings.Contains(body, "content/07-confidentiality.md:") || !strings.Contains(body, "nope.md") {
			t.Errorf("GET %s does not say what is wrong:\n%s", p, body)
		}
		if !strings.Contains(body, `<a href="/latest/">`) {
			t.Errorf("GET %s does not link the published revisions:\n%s", p, body)
		}
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.Get(ts.url + "/")
	must(t, err)
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusFound || loc != "/draft/" {
		t.Errorf("GET /: %d %q, want 302 /draft/ (the working copy's problems)", res.StatusCode, loc)
	}

	// A page connecting now is told the problems, and that the build it
	// shows is the published revisions alone.
	hello := ts.helloNow()
	if len(hello.Errors) != 1 || hello.Errors[0].File != "content/07-confidentiality.md" || !hello.Draftless || hello.Build == "" {
		t.Errorf("hello %+v, want the one error, draftless, and a build id", hello)
	}
	log := ts.log.String()
	for _, want := range []string{
		"content/07-confidentiality.md:",
		"serving the published revisions without the working copy",
		"serving the published revisions at " + ts.url + "/latest/",
		"the working copy at " + ts.url + "/draft/ shows the errors above",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the terminal does not say %q:\n%s", want, log)
		}
	}
	// The working copy's errors are not said again as the published
	// build's warnings.
	if strings.Count(log, "nope.md") != 1 {
		t.Errorf("the terminal names nope.md %d times, want once (the error):\n%s", strings.Count(log, "nope.md"), log)
	}

	ts.write("07-confidentiality.md", fixed)
	ev := ts.expect("reload")
	if ev.msg.Build == hello.Build {
		t.Errorf("the good build has the published build's id %q", ev.msg.Build)
	}
	if ev.msg.Pages != nil && !slices.Contains(*ev.msg.Pages, "draft/confidentiality/index.html") {
		t.Errorf("the reload lists %v, without the working copy's pages", *ev.msg.Pages)
	}
	ts.page("/draft/confidentiality/")
	ts.page("/latest/confidentiality/")
	if h := ts.helloNow(); len(h.Errors) != 0 || h.Draftless {
		t.Errorf("after the fix, hello %+v", h)
	}

	// A later error keeps the whole last good build, working copy and all.
	ts.write("07-confidentiality.md", fixed+"\n[x](nope.md)\n")
	ts.expect("problems")
	ts.page("/draft/confidentiality/")
}

// TestFirstBuildFailedOverlayOnPublished: in the browser, a published
// page served while the working copy has not built shows the error
// overlay as for any later error, without calling the page a last good
// build of the working copy; the working copy's page shows it too, and
// becomes the page once the error is fixed.
func TestFirstBuildFailedOverlayOnPublished(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	content, fixed := brokenHandbook(t)
	ts := start(t, options{source: content, failing: true})
	ctx := newBrowser(t)
	overlay := func() string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for evalString(t, ctx, `String(!!document.querySelector(".handbook-serve-overlay"))`) != "true" {
			if time.Now().After(deadline) {
				t.Fatal("no overlay")
			}
			time.Sleep(50 * time.Millisecond)
		}
		return evalString(t, ctx, `document.querySelector(".handbook-serve-overlay").textContent`)
	}
	for _, p := range []string{"/latest/confidentiality/", "/draft/confidentiality/"} {
		must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+p), chromedp.WaitReady(chromedp.CSS("body"))))
		live(t, ctx)
		text := overlay()
		if !strings.Contains(text, "content/07-confidentiality.md:") {
			t.Errorf("%s: the overlay %q does not name the error", p, text)
		}
		if strings.Contains(text, "上一次成功构建") || !strings.Contains(text, "已发布的版本照常可读") {
			t.Errorf("%s: the overlay %q does not say the published revisions are served without the working copy", p, text)
		}
	}
	if v := evalString(t, ctx, `document.querySelector("a[href='/latest/']") ? "link" : ""`); v != "link" {
		t.Errorf("the working copy's page does not link /latest/")
	}
	evalString(t, ctx, `window.__old = 1; ""`)
	ts.write("07-confidentiality.md", fixed)
	waitReloaded(t, ctx, "保密")
	if v := evalString(t, ctx, `document.querySelector(".handbook-serve-overlay") ? "overlay" : document.querySelector("main") ? "main" : ""`); v != "main" {
		t.Errorf("after the fix the working copy's page shows %q, want the chapter", v)
	}
}

// helloNow connects to the live-reload channel anew and returns its
// first message, as a page loading now gets it.
func (ts *testServer) helloNow() message {
	ts.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.url+eventsPath, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	events := make(chan sse, 8)
	go readEvents(res.Body, events)
	select {
	case ev := <-events:
		if ev.name != "hello" {
			ts.t.Fatalf("first event %s %s, want hello", ev.name, ev.raw)
		}
		return ev.msg
	case <-time.After(10 * time.Second):
		ts.t.Fatal("no hello in 10 s")
	}
	return message{}
}
