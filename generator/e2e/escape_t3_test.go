package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/e2e/harness"
)

// The chapter list (目录) and the chapter's contents (本章目录), folded above
// the text on a phone and at 1000 px, close with Escape as the version menu
// does, focus going back to their button: they stayed open, 目录 pushing
// the chapter 370 px down, and a keyboard user had to go back to the
// button to fold them. Beside the text (1280 px) Escape leaves them be.
func TestFoldedContentsCloseWithEscape(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	for _, c := range []struct {
		width int64
		sel   string
		folds bool
	}{
		{390, ".nav-details", true},
		{390, ".toc-details", true},
		{360, ".nav-details", true},
		{1000, ".toc-details", true},
		{1280, ".nav-details", false},
		{1280, ".toc-details", false},
	} {
		where := fmt.Sprintf("%s at %d px", c.sel, c.width)
		harness.Do(t, ctx, chromedp.EmulateViewport(c.width, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		open := fmt.Sprintf(`document.querySelector(%q).open`, c.sel)
		if c.folds {
			if harness.Eval[bool](t, ctx, open) {
				t.Fatalf("%s: open as the page opens; want it folded above the text", where)
			}
			harness.Eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).focus(), true)`, c.sel+" > summary"))
			harness.Press(t, ctx, kb.Enter)
			harness.WaitFor(t, ctx, open, harness.ActiveElement)
			harness.Press(t, ctx, kb.Tab)
		} else {
			harness.Eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).focus(), true)`, c.sel+" a[href]"))
		}
		harness.WaitFor(t, ctx, fmt.Sprintf(`document.activeElement.matches(%q)`, c.sel+" a"), harness.ActiveElement)
		harness.Press(t, ctx, kb.Escape)
		if !c.folds {
			if !harness.Eval[bool](t, ctx, open) {
				t.Errorf("%s: Escape folded the list beside the text", where)
			}
			continue
		}
		harness.WaitFor(t, ctx, "!"+open, `"still open; focus on " + `+harness.ActiveElement)
		if !harness.Eval[bool](t, ctx, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, c.sel+" > summary")) {
			t.Errorf("%s: after Escape the focus is on %s, want the list's button", where, harness.Eval[string](t, ctx, harness.ActiveElement))
		}
	}
	// Escape with focus in the text leaves an open list alone (the reader
	// may be reading it beside the text they are in).
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(document.querySelector(".nav-details").open = true, document.querySelector("main a[href]").focus(), true)`)
	harness.Press(t, ctx, kb.Escape)
	if !harness.Eval[bool](t, ctx, `document.querySelector(".nav-details").open`) {
		t.Error("Escape in the text folded 目录")
	}
}
