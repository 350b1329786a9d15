package serve

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestStoppedServerIsShown: with the server stopped (Ctrl-C in another
// terminal), a page said nothing and a save showed nowhere, as if the
// preview ran. It now says the preview is disconnected, and once the
// server runs again the page reloads with the saves made meanwhile and
// the notice goes.
func TestStoppedServerIsShown(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := start(t, options{})
	addr := strings.TrimPrefix(ts.url, "http://")
	ctx := newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/a/"), chromedp.WaitReady(chromedp.CSS("main"))))
	deadline := time.Now().Add(10 * time.Second)
	for ts.srv.hub.count() < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the page did not connect to the live-reload channel")
		}
		time.Sleep(20 * time.Millisecond)
	}
	until := func(what, js string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { try { return `+js+` } catch { return "" } })()`))
			if err == nil && v != "" {
				return v
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	notice := `(document.querySelector(".handbook-serve-offline") || {}).textContent || ""`

	// A moment's disconnection (a kicked stream) shows nothing.
	time.Sleep(2500 * time.Millisecond)
	if v := until("the page", `document.readyState`); v != "complete" {
		t.Fatal(v)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](notice)); v != "" {
		t.Fatalf("a notice while the server runs: %q", v)
	}

	must(t, ts.stop())
	text := until("the notice", notice)
	if !strings.Contains(text, "handbook serve") || !strings.Contains(text, "自动刷新") {
		t.Errorf("notice %q: want it to name handbook serve and say the page comes back by itself", text)
	}
	if v := until("its role", `document.querySelector(".handbook-serve-offline").getAttribute("role")`); v != "status" {
		t.Errorf("the notice's role is %q: a screen reader does not hear it", v)
	}
	if v := until("its style", `getComputedStyle(document.querySelector(".handbook-serve-offline")).position`); v != "fixed" {
		t.Errorf("the notice is not styled (position %q)", v)
	}
	if os.Getenv("HANDBOOK_SHOT") != "" {
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			_ = os.WriteFile(os.Getenv("HANDBOOK_SHOT"), shot, 0o644)
		}
	}

	// Saved while stopped, shown once it runs again.
	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "停机时保存的甲", 1))
	startAt(t, options{source: ts.content}, addr)
	until("the reload", `document.body.textContent.includes("停机时保存的甲") && document.readyState === "complete" ? "yes" : ""`)
	time.Sleep(200 * time.Millisecond)
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](notice)); v != "" {
		t.Errorf("the notice stays after the server is back: %q", v)
	}
}
