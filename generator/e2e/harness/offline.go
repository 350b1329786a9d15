package harness

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// WaitPrecached waits until the edition's service worker controls the page
// and has cached every file of its precache list (it stores the list last).
func WaitPrecached(t *testing.T, ctx context.Context, edition string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	list := edition + "precache.json"
	_, err := chromedp.Run(wctx, chromedp.Evaluate[bool](fmt.Sprintf(`(async () => {
  await navigator.serviceWorker.ready;
  for (;;) {
    const c = await caches.open(%q);
    if (navigator.serviceWorker.controller && await c.match(new URL(%q, location.href).href)) return true;
    await new Promise(r => setTimeout(r, 50));
  }
})()`, "handbook:"+edition, list), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("the service worker did not precache %s: %v", list, err)
	}
}
