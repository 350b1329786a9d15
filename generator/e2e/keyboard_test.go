package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/diag"
	"handbook/generator/e2e/harness"
	"handbook/generator/serve"
)

// What a keyboard and screen-reader user meets: focus goes where the
// reader's attention is, and live regions say a short sentence, not a page.

// Escape in the open version menu closes it and leaves focus on its
// button, so the reader can open it again or Tab on from there.
func TestVersionMenuEscapeReturnsFocus(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(document.querySelector("details.version-switcher summary").focus(), true)`)
	harness.Press(t, ctx, kb.Enter)
	harness.WaitFor(t, ctx, `document.querySelector("details.version-switcher").open`, harness.ActiveElement)
	harness.Press(t, ctx, kb.Tab)
	harness.WaitFor(t, ctx, `document.activeElement.matches("details.version-switcher a.version-link")`, harness.ActiveElement)
	harness.Press(t, ctx, kb.Escape)
	harness.WaitFor(t, ctx, `!document.querySelector("details.version-switcher").open`, harness.ActiveElement)
	if !harness.Eval[bool](t, ctx, `document.activeElement === document.querySelector("details.version-switcher summary")`) {
		t.Errorf("after Escape the focus is on %s, want the switcher's button", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
	// Escape with the menu closed and focus elsewhere leaves focus alone.
	harness.Eval[bool](t, ctx, `(document.querySelector("main a[href]").focus(), true)`)
	harness.Press(t, ctx, kb.Escape)
	if harness.Eval[bool](t, ctx, `document.activeElement.closest("details.version-switcher") !== null`) {
		t.Errorf("Escape outside the menu moved focus to %s", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
}

// The build-error overlay of handbook serve closes with Escape as with its
// × button, and focus goes back where it was.
func TestServeOverlayClosesWithEscape(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
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

	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL()+"latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	const box = `.site-header form.search-form input`
	harness.Eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).focus(), true)`, box))
	if err := os.WriteFile(filepath.Join(watched, "a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	harness.WaitFor(t, ctx, `!!document.querySelector(".handbook-serve-overlay")`, `"no overlay after " + document.readyState`)
	harness.WaitFor(t, ctx, `document.querySelector(".handbook-serve-overlay").contains(document.activeElement)`, harness.ActiveElement)
	harness.Press(t, ctx, kb.Escape)
	harness.WaitFor(t, ctx, `!document.querySelector(".handbook-serve-overlay")`, `"the overlay is still shown; focus on " + `+harness.ActiveElement)
	if !harness.Eval[bool](t, ctx, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, box)) {
		t.Errorf("after Escape focus is on %s, want the search box it was in", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
}
