package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// A test that crashes the run's Chromium fails alone: the next test's
// harness.Browser(t) starts another instead of failing on the dead one.
func TestBrowserAfterACrashIsANewOne(t *testing.T) {
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate("about:blank"))
	proc := chromedp.FromContext(harness.Shared()).Browser.Process()
	if proc == nil {
		t.Fatal("the run's Chromium has no process")
	}
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	// chromedp, which waits for the process, ends the browser's context.
	select {
	case <-harness.Shared().Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the killed Chromium's context did not end")
	}
	t.Run("next test", func(t *testing.T) {
		ctx := harness.Browser(t)
		if got := harness.Eval[int](t, ctx, `(document.body.append("新"), document.body.textContent.length)`); got != 1 {
			t.Fatalf("a page of the new browser: body has %d characters, want 1", got)
		}
		if p := chromedp.FromContext(harness.Shared()).Browser.Process(); p == nil || p.Pid == proc.Pid {
			t.Fatalf("the browser was not replaced: process %v", p)
		}
	})
}
