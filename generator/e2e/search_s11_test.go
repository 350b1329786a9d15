package e2e

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A query one character off a term of the handbook offers the term: in
// the box, 保秘 says 没有找到相关条款 and then 是不是要找：保密, which Tab
// reaches and Enter searches for in the box; on the search page,
// 末位淘太's partial match is headed by 是不是要找：末位淘汰, a link to its
// results. Both said nothing but 没有找到 (or the partial match 末位淘).
func TestSearchOffersTheTermOneCharacterAway(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	focusLike(t, ctx)
	const box = `.site-header form.search-form input[name=q]`
	const boxLive = `.site-header form.search-form [role=status]`
	const dropdown = `(document.querySelector(".site-header .search-dropdown:not([hidden])")?.innerText ?? "").replace(/\s+/g, " ").trim()`
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "保秘"))
	waitFor(t, ctx, dropdown+` === "没有找到相关条款。 是不是要找：保密"`, dropdown)
	waitFor(t, ctx, liveText(boxLive)+` === "没有找到相关条款。是不是要找：保密。"`, liveText(boxLive))
	press(t, ctx, kb.Tab)
	waitFor(t, ctx, `document.activeElement.matches(".site-header .search-dropdown:not([hidden]) a.search-suggestion")`, activeElement)
	press(t, ctx, kb.Enter)
	// The box now holds 保密, keeps focus, and lists chapter 7.
	waitFor(t, ctx, "document.querySelector(`"+box+"`).value === \"保密\" && document.activeElement === document.querySelector(`"+box+"`)", activeElement)
	waitFor(t, ctx, `document.querySelector(".site-header [role=listbox] [role=option]")?.href.endsWith("/latest/confidentiality/")`, dropdown)
	if eval[bool](t, ctx, `!!document.querySelector(".site-header .search-suggest")`) {
		t.Error("保密 is held whole, and the box still offers a term")
	}

	// Escape on the offer closes the dropdown and goes back to the box.
	eval[bool](t, ctx, "(document.querySelector(`"+box+"`).value = \"\", true)")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "政府彩购"))
	waitFor(t, ctx, dropdown+`.startsWith("是不是要找：政府采购 没有完全匹配的条款，以下为部分匹配：")`, dropdown)
	waitFor(t, ctx, liveText(boxLive)+` === "没有完全匹配的条款，以下为部分匹配：共 4 条结果，按上下方向键选择。是不是要找：政府采购。"`, liveText(boxLive))
	press(t, ctx, kb.Tab)
	waitFor(t, ctx, `document.activeElement.matches("a.search-suggestion")`, activeElement)
	press(t, ctx, kb.Escape)
	waitFor(t, ctx, "document.querySelector(\".site-header .search-dropdown\").hidden && document.activeElement === document.querySelector(`"+box+"`)", activeElement)
	// A tap (a click) on it searches for it in the box, as Enter does.
	press(t, ctx, kb.ArrowDown) // shows the dropdown again
	waitFor(t, ctx, `!!document.querySelector(".site-header .search-dropdown:not([hidden]) a.search-suggestion")`, dropdown)
	do(t, ctx, chromedp.Click(chromedp.CSS(".site-header a.search-suggestion")))
	waitFor(t, ctx, "document.querySelector(`"+box+"`).value === \"政府采购\" && location.pathname === \"/latest/performance/\"", `location.href`)
	waitFor(t, ctx, `document.querySelector(".site-header [role=listbox] [role=option] mark")?.textContent === "政府采购"`, dropdown)

	// The search page: the offer above the partial matches' summary.
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("末位淘太")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-suggestion")))
	const page = `[...document.querySelectorAll("#search-results > p:not(.visually-hidden)")].map(p => p.textContent).join(" | ")`
	if got := eval[string](t, ctx, page); got != "是不是要找：末位淘汰 | 没有完全匹配“末位淘太”的条款。以下 1 条部分匹配：" {
		t.Errorf("search page: %q", got)
	}
	if got := eval[string](t, ctx, liveText(searchLive)); got != "没有完全匹配“末位淘太”的条款。以下 1 条部分匹配：是不是要找：末位淘汰。" {
		t.Errorf("search page's status: %q", got)
	}
	// A link to the search page for it (the page's own links are plain).
	href := eval[string](t, ctx, `document.querySelector("#search-results .search-suggestion").href`)
	if u, err := url.Parse(href); err != nil || u.Path != "/latest/search/" || u.Query().Get("q") != "末位淘汰" {
		t.Fatalf("the offer links to %s", href)
	}
	do(t, ctx, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	if got := eval[string](t, ctx, `decodeURIComponent(new URL(document.querySelector("#search-results .search-result").href).hash)`); got != "#销售人员奖惩办法.4" {
		t.Errorf("末位淘汰: first result %s", got)
	}
	waitFor(t, ctx, `document.querySelector("#search-results .search-summary")?.textContent === "“末位淘汰”共 1 条结果"`, `document.querySelector("#search-results .search-summary")?.textContent`)
	if eval[bool](t, ctx, `!!document.querySelector("#search-results .search-suggest")`) {
		t.Error("末位淘汰 is held whole, and the page still offers a term")
	}

	// No offer when nothing one character away is a term of the handbook.
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("迟到早退")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	waitFor(t, ctx, `document.querySelector("#search-results .search-summary").textContent === "没有找到与“迟到早退”相关的条款。"`, page)
	if eval[bool](t, ctx, `!!document.querySelector("#search-results .search-suggest")`) {
		t.Error("迟到早退: a term offered")
	}
}

// Offline, after one visit, the box still offers the term: the edition's
// service worker cached the suggestion file with the rest of its index.
func TestSearchOffersTheTermOffline(t *testing.T) {
	ctx := reloadedOffline(t)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "末位淘太"))
	waitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-suggestion")?.textContent === "末位淘汰"`,
		`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
}
