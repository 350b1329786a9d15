package harness

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// FocusLike makes the page's focus behave as in a focused window, so Tab,
// focus and blur events happen as a person at the keyboard sees them.
func FocusLike(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

// Press sends one key to whatever has focus.
func Press(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	Do(t, ctx, chromedp.KeyEvent(key))
}

// SettleScroll waits until the page has stopped scrolling (the theme
// scrolls smoothly, so focus and scrollIntoView take a few frames): until
// scrollY has stayed the same over five frames, watched in the page, in
// one round trip (polling it from here every 100 ms took a fifth of a
// second a step, most of a keyboard test's time).
func SettleScroll(t *testing.T, ctx context.Context) {
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
	if y := Eval[float64](t, ctx, settled); y >= 0 {
		t.Fatalf("the page is still scrolling after 240 frames (scrollY %.0f)", y)
	}
}

// ActiveElement describes the focused element for failure messages.
const ActiveElement = `(e => e === document.body ? "<body>" : e.tagName.toLowerCase() + (e.className ? "." + String(e.className).replace(/ /g, ".") : "") + " " + (e.textContent || "").trim().slice(0, 40))(document.activeElement)`
