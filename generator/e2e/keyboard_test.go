package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/diag"
	"handbook/generator/serve"
)

// What a keyboard and screen-reader user meets: focus goes where the
// reader's attention is, and live regions say a short sentence, not a page.

// focusLike makes the page's focus behave as in a focused window, so Tab,
// focus and blur events happen as a person at the keyboard sees them.
func focusLike(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

// press sends one key to whatever has focus.
func press(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	do(t, ctx, chromedp.KeyEvent(key))
}

// settleScroll waits until the page has stopped scrolling (the theme
// scrolls smoothly, so focus and scrollIntoView take a few frames): until
// scrollY has stayed the same over five frames, watched in the page, in
// one round trip (polling it from here every 100 ms took a fifth of a
// second a step, most of a keyboard test's time).
func settleScroll(t *testing.T, ctx context.Context) {
	t.Helper()
	const settled = `new Promise(resolve => {
  let last = scrollY, same = 0, frames = 0;
  const frame = () => {
    same = scrollY === last ? same + 1 : 0;
    last = scrollY;
    if (same >= 5) return resolve(-1);
    if (++frames > 240) return resolve(scrollY);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`
	if y := eval[float64](t, ctx, settled); y >= 0 {
		t.Fatalf("the page is still scrolling after 240 frames (scrollY %.0f)", y)
	}
}

// activeElement describes the focused element for failure messages.
const activeElement = `(e => e === document.body ? "<body>" : e.tagName.toLowerCase() + (e.className ? "." + String(e.className).replace(/ /g, ".") : "") + " " + (e.textContent || "").trim().slice(0, 40))(document.activeElement)`

// Escape in the open version menu closes it and leaves focus on its
// button, so the reader can open it again or Tab on from there.
func TestVersionMenuEscapeReturnsFocus(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	focusLike(t, ctx)
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	eval[bool](t, ctx, `(document.querySelector("details.version-switcher summary").focus(), true)`)
	press(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.querySelector("details.version-switcher").open`, activeElement)
	press(t, ctx, kb.Tab)
	waitFor(t, ctx, `document.activeElement.matches("details.version-switcher a.version-link")`, activeElement)
	press(t, ctx, kb.Escape)
	waitFor(t, ctx, `!document.querySelector("details.version-switcher").open`, activeElement)
	if !eval[bool](t, ctx, `document.activeElement === document.querySelector("details.version-switcher summary")`) {
		t.Errorf("after Escape the focus is on %s, want the switcher's button", eval[string](t, ctx, activeElement))
	}
	// Escape with the menu closed and focus elsewhere leaves focus alone.
	eval[bool](t, ctx, `(document.querySelector("main a[href]").focus(), true)`)
	press(t, ctx, kb.Escape)
	if eval[bool](t, ctx, `document.activeElement.closest("details.version-switcher") !== null`) {
		t.Errorf("Escape outside the menu moved focus to %s", eval[string](t, ctx, activeElement))
	}
}

// The build-error overlay of handbook serve closes with Escape as with its
// × button, and focus goes back where it was.
func TestServeOverlayClosesWithEscape(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	watched := t.TempDir()
	var builds atomic.Int32
	builder := serve.BuildFunc(func([]string) (*serve.Site, error) {
		if builds.Add(1) == 1 {
			return &serve.Site{Files: s.Files, BasePath: "/"}, nil
		}
		var l diag.List
		l.Errorf("content/07-confidentiality.md", 3, 1, "front matter 未闭合", "在标题下补一行 ---")
		return nil, l.Err()
	})
	srv, err := serve.New(serve.Config{Addr: "127.0.0.1:0", Builder: builder, Watch: []string{watched}})
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(sctx) }()
	t.Cleanup(func() { stop(); <-done })

	ctx := browser(t)
	focusLike(t, ctx)
	do(t, ctx, chromedp.Navigate(srv.URL()+"latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	const box = `.site-header form.search-form input`
	eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).focus(), true)`, box))
	if err := os.WriteFile(filepath.Join(watched, "a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector(".handbook-serve-overlay")`, `"no overlay after " + document.readyState`)
	waitFor(t, ctx, `document.querySelector(".handbook-serve-overlay").contains(document.activeElement)`, activeElement)
	press(t, ctx, kb.Escape)
	waitFor(t, ctx, `!document.querySelector(".handbook-serve-overlay")`, `"the overlay is still shown; focus on " + `+activeElement)
	if !eval[bool](t, ctx, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, box)) {
		t.Errorf("after Escape focus is on %s, want the search box it was in", eval[string](t, ctx, activeElement))
	}
}
