package search_test

import (
	"context"
	neturl "net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/browser"
	"handbook/generator/browser/browsertest"
	"handbook/generator/search"
)

// boxBrowser serves the handbook's test pages over a fresh index and
// returns a browser tab on them, with do and eval for the steps.
func boxBrowser(t *testing.T) (base string, do func(...chromedp.Action[chromedp.Void]), eval func(string) string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test")
	}
	bin := browsertest.Path(t)
	js, css := bundle(t)
	files, err := search.Build(handbook(), search.Options{Dir: "latest/search"})
	if err != nil {
		t.Fatal(err)
	}
	var fetched []string
	srv := searchServer(js, css, files, &fetched)
	t.Cleanup(srv.Close)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), browser.Options(bin, t.TempDir())...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	do = func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval = func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	return srv.URL, do, eval
}

// waitFor evaluates cond until it is "true", failing with what after 5 s.
func waitFor(t *testing.T, eval func(string) string, cond, what string) {
	t.Helper()
	for i := 0; eval("String("+cond+")") != "true"; i++ {
		if i == 100 {
			t.Fatalf("waited for %s: %s", cond, eval(what))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	box         = `form.search-form input`
	dropdownOf  = `String(document.querySelector(".search-dropdown:not([hidden]) .search-result mark")?.textContent)`
	boxState    = `JSON.stringify({value: document.querySelector("form.search-form input").value, focus: document.activeElement?.outerHTML.slice(0, 80), expanded: document.querySelector("form.search-form input").getAttribute("aria-expanded"), active: document.querySelector("form.search-form input").getAttribute("aria-activedescendant"), dropdown: document.querySelector(".search-dropdown")?.hidden === false ? document.querySelector(".search-dropdown").textContent.slice(0, 60) : "(hidden)", at: location.pathname})`
	ctrlK       = "k"
	searchTyped = "末位淘汰"
)

// An empty box never shows, nor opens, the results of what it held
// before: typed, Escape (closed), Escape (cleared, focus gone), Ctrl+K,
// then Down showed 末位淘汰's result selected under the empty box, and
// Enter opened it.
func TestEmptyBoxShowsNoEarlierResults(t *testing.T) {
	base, do, eval := boxBrowser(t)
	do(chromedp.Navigate(base+"/latest/functions/"), chromedp.WaitReady(chromedp.CSS(box)))
	do(pressSlash, chromedp.SendKeys(chromedp.CSS(box), searchTyped))
	waitFor(t, eval, dropdownOf+` === "`+searchTyped+`"`, boxState)
	do(chromedp.KeyEvent(kb.Escape))
	waitFor(t, eval, `document.querySelector(".search-dropdown").hidden`, boxState)
	do(chromedp.KeyEvent(kb.Escape))
	// A search field clears itself on Escape.
	if v := eval(`document.querySelector("form.search-form input").value`); v != "" {
		t.Fatalf("the second Escape left %q in the box", v)
	}
	do(chromedp.KeyEvent(ctrlK, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitFor(t, eval, `String(document.activeElement === document.querySelector("form.search-form input"))`, boxState)
	do(chromedp.KeyEvent(kb.ArrowDown))
	time.Sleep(200 * time.Millisecond)
	if got := eval(`String(document.querySelector(".search-dropdown").hidden && !document.querySelector("form.search-form input").hasAttribute("aria-activedescendant"))`); got != "true" {
		t.Errorf("Down in the empty box: %s, want no dropdown and no option chosen", eval(boxState))
	}
	do(press('\r'))
	time.Sleep(300 * time.Millisecond)
	if at := eval(`location.pathname`); at != "/latest/functions/" {
		t.Errorf("Enter in the empty box went to %s", at)
	}
}

// The box emptied by the input method's or the page's own doing, with no
// input event (a script, autofill, the search field's clear button in
// some browsers), shows no earlier results on focus either, nor on Down.
func TestBoxEmptiedWithoutInputShowsNoEarlierResults(t *testing.T) {
	base, do, eval := boxBrowser(t)
	do(chromedp.Navigate(base+"/latest/functions/"), chromedp.WaitReady(chromedp.CSS(box)))
	do(pressSlash, chromedp.SendKeys(chromedp.CSS(box), searchTyped))
	waitFor(t, eval, dropdownOf+` === "`+searchTyped+`"`, boxState)
	eval(`(document.activeElement.blur(), document.querySelector("form.search-form input").value = "", "")`)
	do(pressSlash)
	do(chromedp.KeyEvent(kb.ArrowDown))
	time.Sleep(200 * time.Millisecond)
	if got := eval(`String(document.querySelector(".search-dropdown").hidden)`); got != "true" {
		t.Errorf("focus and Down in the emptied box: %s, want no dropdown", eval(boxState))
	}
	// Another query typed over it: Down before the box has searched for
	// it does not choose the old query's result.
	eval(`(document.querySelector("form.search-form input").value = "政府采购", "")`)
	do(chromedp.KeyEvent(kb.ArrowDown))
	time.Sleep(100 * time.Millisecond)
	if got := eval(`String(document.querySelector(".search-dropdown:not([hidden]) [aria-selected=true] mark")?.textContent)`); got == searchTyped {
		t.Errorf("Down after 政府采购 replaced 末位淘汰: %s, want none of 末位淘汰's results", eval(boxState))
	}
}

// Tab from the box is no stop on the dropdown itself (a scrolling box the
// browser made focusable: a ring round the whole list, no option chosen,
// Enter doing nothing). The options are chosen with the arrow keys, as in
// a combobox; Tab leaves the box, the list closing.
func TestTabFromTheBoxSkipsTheDropdown(t *testing.T) {
	base, do, eval := boxBrowser(t)
	do(chromedp.Navigate(base+"/latest/functions/"), chromedp.WaitReady(chromedp.CSS(box)))
	eval(`(document.querySelector("main").insertAdjacentHTML("afterbegin", '<a id="next" href="#x">下一个</a>'), "")`)
	do(pressSlash, chromedp.SendKeys(chromedp.CSS(box), "提成"))
	waitFor(t, eval, dropdownOf+` === "提成"`, boxState)
	do(chromedp.KeyEvent(kb.Tab))
	time.Sleep(100 * time.Millisecond)
	if got := eval(`String(document.activeElement?.id)`); got != "next" {
		t.Errorf("Tab from the box: %s, want the page's next link", eval(boxState))
	}
	if got := eval(`String(document.querySelector(".search-dropdown").hidden)`); got != "true" {
		t.Errorf("Tab from the box left the dropdown open: %s", eval(boxState))
	}
}

// The search page without a query puts focus in its box, without
// scrolling: the reader came to type one (focus was on the page's body).
// With a query, focus stays where it was, for the results.
func TestEmptySearchPageFocusesItsBox(t *testing.T) {
	base, do, eval := boxBrowser(t)
	do(chromedp.Navigate(base+"/latest/search/"), chromedp.WaitReady(chromedp.CSS(`#search-results .search-summary`)))
	waitFor(t, eval, `String(document.activeElement === document.querySelector("form.search-form input"))`, boxState)
	if y := eval(`String(window.scrollY)`); y != "0" {
		t.Errorf("the page scrolled to %s", y)
	}
	do(chromedp.Navigate(base+"/latest/search/?q="+neturl.QueryEscape("政府采购")), chromedp.WaitVisible(chromedp.CSS(`#search-results .search-result`)))
	if got := eval(`document.activeElement.tagName`); got != "BODY" {
		t.Errorf("with a query, focus on %s, want it left on the page", got)
	}
}
