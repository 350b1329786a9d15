package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/e2e/harness"
	"handbook/generator/search/searchtest"
)

// What a reader typing a query one character off is offered, on the
// handbook itself: 获奖 was offered 外奖, the middle of 额外奖金 and no
// word; the offers that were right stay.
func TestTypoOffersAreWordsOfTheHandbook(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	cases := []struct {
		query string
		want  []string
	}{
		{"获奖", nil},
		{"保秘", []string{"保密"}},
		{"提层", []string{"提成"}},
		{"末位淘太", []string{"末位淘汰"}},
		{"倒数弟一", []string{"倒数第一"}},
		{"政府彩购", []string{"政府采购"}},
		{"扣钱", []string{"扣除"}},
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	rs := searchtest.SearchIndex(t, s.Files, "latest/search", queries, searchtest.Options{Limit: 5, Suggest: true})
	for i, c := range cases {
		if r := rs[i]; r.Error != "" || !slices.Equal(r.Suggestions, c.want) {
			t.Errorf("%s: offered %q (%s), want %q", c.query, r.Suggestions, r.Error, c.want)
		}
	}
}

// The search box on the handbook's pages, by the keyboard: an emptied box
// never shows nor opens the results of before (the reader's steps: /,
// 末位淘汰, Escape, Escape, Ctrl+K, Down, Enter opened 末位淘汰's clause);
// Tab leaves the box, not stopping on the dropdown; the search page
// without a query has focus in its own box.
func TestSearchBoxKeyboardOnTheHandbook(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	const (
		box   = `document.querySelector(".site-header form.search-form input")`
		state = `JSON.stringify({value: ` + box + `.value, focus: document.activeElement?.outerHTML.slice(0, 90), active: ` + box + `.getAttribute("aria-activedescendant"), dropdown: document.querySelector(".site-header .search-dropdown")?.hidden, at: location.pathname})`
	)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/functions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Press(t, ctx, "/")
	harness.WaitFor(t, ctx, `document.activeElement === `+box, state)
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(".site-header form.search-form input"), "末位淘汰"))
	harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-result mark")?.textContent === "末位淘汰"`, state)
	harness.Press(t, ctx, kb.Escape)
	harness.Press(t, ctx, kb.Escape)
	harness.WaitFor(t, ctx, box+`.value === ""`, state)
	harness.Do(t, ctx, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	harness.WaitFor(t, ctx, `document.activeElement === `+box, state)
	harness.Press(t, ctx, kb.ArrowDown)
	time.Sleep(200 * time.Millisecond)
	if !harness.Eval[bool](t, ctx, `document.querySelector(".site-header .search-dropdown").hidden && !`+box+`.hasAttribute("aria-activedescendant")`) {
		t.Errorf("Down in the emptied box: %s, want no dropdown and no option", harness.Eval[string](t, ctx, state))
	}
	harness.Press(t, ctx, kb.Enter)
	time.Sleep(300 * time.Millisecond)
	if at := harness.Eval[string](t, ctx, `location.pathname`); at != "/latest/functions/" {
		t.Errorf("Enter in the emptied box went to %s", at)
	}

	// Tab from the box with its dropdown open: out of the box (to the
	// next link), the dropdown closed, never onto the dropdown itself.
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(".site-header form.search-form input"), "提成"))
	harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-result mark")?.textContent === "提成"`, state)
	harness.Press(t, ctx, kb.Tab)
	harness.WaitFor(t, ctx, `document.activeElement !== `+box, state)
	if harness.Eval[bool](t, ctx, `!!document.activeElement.closest(".search-dropdown") || !document.querySelector(".site-header .search-dropdown").hidden`) {
		t.Errorf("Tab from the box: %s, want focus past the box and the dropdown closed", harness.Eval[string](t, ctx, state))
	}

	// The search page without a query: focus in the page's own box.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/"), chromedp.WaitVisible(chromedp.CSS(".search-summary")))
	harness.WaitFor(t, ctx, `document.activeElement === document.querySelector("form.search-form-page input")`, `document.activeElement.outerHTML.slice(0, 90)`)
	if y := harness.Eval[float64](t, ctx, `scrollY`); y != 0 {
		t.Errorf("the empty search page scrolled to %v", y)
	}
}
