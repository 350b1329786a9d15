// Package scripts tests the handbook's page programs in a real browser, as
// package e2e tests its reading (a package of its own so that each test
// binary stays far from go test's 10-minute timeout): the payout
// calculator, the search, the offline service worker and its updates, and
// what the page's Content Security Policy lets run and fetch.
//
// Without Chromium the tests skip with a message; with
// HANDBOOK_BROWSER_TESTS=required (CI sets it) a missing browser fails.
package scripts

import (
	"context"
	"fmt"
	"testing"

	"handbook/generator/e2e/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// box is the search box in every page's header, and boxLive its live
// region (what a screen reader hears it found).
const (
	box     = `.site-header form.search-form input[name=q]`
	boxLive = `.site-header form.search-form [role=status]`
)

// liveText is a page expression for the text of the live region sel
// ("no live region" if there is none).
func liveText(sel string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.textContent : "no live region"; })()`, sel)
}

// visuallyHidden checks that the element sel takes no room on the page, as
// a visually hidden live region should: "" if so, else its size.
func visuallyHidden(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return harness.Eval[string](t, ctx, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return r.width <= 1 && r.height <= 1 ? "" : r.width + "×" + r.height; })()`, sel))
}
