package scripts

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/e2e/harness"
)

// A query one character off a term of the handbook offers the term: in
// the box, 保秘 says 没有找到相关条款 and then 是不是要找：保密, which Tab
// reaches and Enter searches for in the box; on the search page,
// 末位淘太's partial match is headed by 是不是要找：末位淘汰, a link to its
// results. Both said nothing but 没有找到 (or the partial match 末位淘).
func TestSearchOffersTheTermOneCharacterAway(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	const dropdown = `(document.querySelector(".site-header .search-dropdown:not([hidden])")?.innerText ?? "").replace(/\s+/g, " ").trim()`
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "保秘"))
	harness.WaitFor(t, ctx, dropdown+` === "没有找到相关条款。 是不是要找：保密"`, dropdown)
	harness.WaitFor(t, ctx, liveText(boxLive)+` === "没有找到相关条款。是不是要找：保密。"`, liveText(boxLive))
	harness.Press(t, ctx, kb.Tab)
	harness.WaitFor(t, ctx, `document.activeElement.matches(".site-header .search-dropdown:not([hidden]) a.search-suggestion")`, harness.ActiveElement)
	harness.Press(t, ctx, kb.Enter)
	// The box now holds 保密, keeps focus, and lists chapter 7.
	harness.WaitFor(t, ctx, "document.querySelector(`"+box+"`).value === \"保密\" && document.activeElement === document.querySelector(`"+box+"`)", harness.ActiveElement)
	harness.WaitFor(t, ctx, `document.querySelector(".site-header [role=listbox] [role=option]")?.href.endsWith("/latest/confidentiality/")`, dropdown)
	if harness.Eval[bool](t, ctx, `!!document.querySelector(".site-header .search-suggest")`) {
		t.Error("保密 is held whole, and the box still offers a term")
	}

	// Escape on the offer closes the dropdown and goes back to the box.
	harness.Eval[bool](t, ctx, "(document.querySelector(`"+box+"`).value = \"\", true)")
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "政府彩购"))
	harness.WaitFor(t, ctx, dropdown+`.startsWith("是不是要找：政府采购 没有完全匹配的条款，以下为部分匹配：")`, dropdown)
	harness.WaitFor(t, ctx, liveText(boxLive)+` === "没有完全匹配的条款，以下为部分匹配：共 4 条结果，按上下方向键选择。是不是要找：政府采购。"`, liveText(boxLive))
	harness.Press(t, ctx, kb.Tab)
	harness.WaitFor(t, ctx, `document.activeElement.matches("a.search-suggestion")`, harness.ActiveElement)
	harness.Press(t, ctx, kb.Escape)
	harness.WaitFor(t, ctx, "document.querySelector(\".site-header .search-dropdown\").hidden && document.activeElement === document.querySelector(`"+box+"`)", harness.ActiveElement)
	// A tap (a click) on it searches for it in the box, as Enter does.
	harness.Press(t, ctx, kb.ArrowDown) // shows the dropdown again
	harness.WaitFor(t, ctx, `!!document.querySelector(".site-header .search-dropdown:not([hidden]) a.search-suggestion")`, dropdown)
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".site-header a.search-suggestion")))
	harness.WaitFor(t, ctx, "document.querySelector(`"+box+"`).value === \"政府采购\" && location.pathname === \"/latest/performance/\"", `location.href`)
	harness.WaitFor(t, ctx, `document.querySelector(".site-header [role=listbox] [role=option] mark")?.textContent === "政府采购"`, dropdown)

	// The search page: the offer above the partial matches' summary.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("末位淘太")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-suggestion")))
	const page = `[...document.querySelectorAll("#search-results > p:not(.visually-hidden)")].map(p => p.textContent).join(" | ")`
	if got := harness.Eval[string](t, ctx, page); got != "是不是要找：末位淘汰 | 没有完全匹配“末位淘太”的条款。以下 1 条部分匹配：" {
		t.Errorf("search page: %q", got)
	}
	if got := harness.Eval[string](t, ctx, liveText(searchLive)); got != "没有完全匹配“末位淘太”的条款。以下 1 条部分匹配：是不是要找：末位淘汰。" {
		t.Errorf("search page's status: %q", got)
	}
	// A link to the search page for it (the page's own links are plain).
	href := harness.Eval[string](t, ctx, `document.querySelector("#search-results .search-suggestion").href`)
	if u, err := url.Parse(href); err != nil || u.Path != "/latest/search/" || u.Query().Get("q") != "末位淘汰" {
		t.Fatalf("the offer links to %s", href)
	}
	harness.Do(t, ctx, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	if got := harness.Eval[string](t, ctx, `decodeURIComponent(new URL(document.querySelector("#search-results .search-result").href).hash)`); got != "#销售人员奖惩办法.4" {
		t.Errorf("末位淘汰: first result %s", got)
	}
	harness.WaitFor(t, ctx, `document.querySelector("#search-results .search-summary")?.textContent === "“末位淘汰”共 1 条结果"`, `document.querySelector("#search-results .search-summary")?.textContent`)
	if harness.Eval[bool](t, ctx, `!!document.querySelector("#search-results .search-suggest")`) {
		t.Error("末位淘汰 is held whole, and the page still offers a term")
	}

	// No offer when nothing one character away is a term of the handbook.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("迟到早退")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	harness.WaitFor(t, ctx, `document.querySelector("#search-results .search-summary").textContent === "没有找到与“迟到早退”相关的条款。"`, page)
	if harness.Eval[bool](t, ctx, `!!document.querySelector("#search-results .search-suggest")`) {
		t.Error("迟到早退: a term offered")
	}
}

// Offline, after one visit, the box still offers the term: the edition's
// service worker cached the suggestion file with the rest of its index.
func TestSearchOffersTheTermOffline(t *testing.T) {
	ctx := reloadedOffline(t)
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "末位淘太"))
	harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-suggestion")?.textContent === "末位淘汰"`,
		`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
}
