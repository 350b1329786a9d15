package scripts

import (
	"context"
	"fmt"
	"maps"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/e2e/harness"
)

// searchLive is the search page's live region (a short status: 共 33 条结果).
const searchLive = "#search-results [aria-live], #search-results [role=status]"

// reloadedOffline visits a chapter of the handbook on a server of its own
// (cutting it off leaves the others alone), waits until the edition's
// service worker has cached it, cuts the server off and reloads the page,
// which then comes from the cache.
func reloadedOffline(t *testing.T) context.Context {
	t.Helper()
	s := harness.ServeContent(t, harness.ContentDir(), false)
	srv := httptest.NewServer(harness.FileHandler(s.Files))
	t.Cleanup(srv.Close)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	harness.GoOffline(t, ctx, srv)
	harness.Do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")))
	return ctx
}

// After one visit, the search box answers with the network off: the
// edition's service worker cached the search index with its pages.
func TestSearchWorksOfflineAfterOneVisit(t *testing.T) {
	// A new page, its search never used: everything comes from the cache.
	ctx := reloadedOffline(t)
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form.search-form input`), "保密义务"))
	harness.WaitFor(t, ctx, `document.querySelector(".search-dropdown:not([hidden]) .search-result mark")?.textContent === "保密义务"`,
		`document.querySelector(".search-dropdown")?.textContent ?? "no dropdown"`)
	// The chapter is named above the clause's heading, or is the heading
	// of a chapter's own result (its title and the text before its first
	// heading).
	heading := harness.Eval[string](t, ctx, `(r => (r?.querySelector(".search-result-chapter") ?? r?.querySelector(".search-result-heading"))?.textContent ?? "")(document.querySelector(".search-dropdown .search-result"))`)
	if !strings.HasPrefix(heading, "第七章") {
		t.Errorf("the first result offline is in %q, want chapter 7 (保密制度)", heading)
	}
}

// The header box's results stay in the window at every width, right-
// aligned to the box: no horizontal scrollbar, no snippet cut off; and a
// heading result names its section.
func TestSearchDropdownStaysInTheWindow(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{390, 1024, 1280, 1600} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(s.URL+"/latest/training/"),
			chromedp.WaitVisible(chromedp.CSS("main h1")),
			chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "政府采购"))
		harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-result mark") !== null`,
			`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
		r := harness.Eval[[]float64](t, ctx, `(() => { const r = document.querySelector(".site-header .search-dropdown").getBoundingClientRect();
			const f = document.querySelector(".site-header form.search-form").getBoundingClientRect();
			return [r.left, r.right, f.right, document.documentElement.scrollWidth, document.documentElement.clientWidth]; })()`)
		if r[0] < 0 || r[1] > r[4] || r[3] > r[4] {
			t.Errorf("at %d px the dropdown spans x=%.0f–%.0f in a %.0f px window (page %.0f px wide)", w, r[0], r[1], r[4], r[3])
		}
		if d := r[1] - r[2]; d > 1 || d < -1 {
			t.Errorf("at %d px the dropdown ends at %.0f, the box at %.0f", w, r[1], r[2])
		}
	}
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.URL+"/latest/training/"),
		chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "职位职责"))
	harness.WaitFor(t, ctx, `document.querySelectorAll(".site-header .search-dropdown:not([hidden]) .search-result").length >= 2`,
		`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
	headings := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll(".site-header .search-dropdown .search-result-heading")].slice(0, 2).map(e => e.textContent)`)
	if len(headings) != 2 || headings[0] != "A、大客户总监 · 职位职责：" || headings[1] != "C、大客户员 · 职位职责：" {
		t.Errorf("职位职责: the first headings are %q, want each with its section", headings)
	}
}

// Switching version on the search page searches the other revision for
// the same words.
func TestVersionSwitchKeepsTheQuery(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("裁决权")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")),
		chromedp.Click(chromedp.CSS("details.version-switcher summary"), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`details.version-switcher a.version-link[href*="/v/2025.1/"]`), chromedp.NodeVisible))
	harness.WaitPath(t, ctx, "/v/2025.1/search/")
	harness.WaitFor(t, ctx, `document.querySelector("#search-results .search-result mark")?.textContent === "裁决权"`,
		`location.href + " " + (document.querySelector("#search-results")?.textContent ?? "no results")`)
	if q := harness.Eval[string](t, ctx, `new URLSearchParams(location.search).get("q")`); q != "裁决权" {
		t.Errorf("after the switch, q = %q", q)
	}
}

// 显示更多 on the search page: focus goes to the first result it added,
// brought into view and no further; a short status is announced, not the
// whole list again.
func TestSearchShowMoreMovesFocusToTheNewResults(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("考核")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	const results = `document.querySelectorAll("#search-results .search-result").length`
	live := liveText(searchLive)
	// The first screenful, then the rest of the first page, quietly.
	harness.WaitFor(t, ctx, results+` === 20`, results)
	// The arrow keys go from the page's box through the results and back.
	harness.Eval[bool](t, ctx, `(document.querySelector(".search-form-page input").focus(), true)`)
	const at = `[...document.querySelectorAll("#search-results .search-result")].indexOf(document.activeElement)`
	for _, step := range []struct {
		key  string
		want float64
	}{{kb.ArrowDown, 0}, {kb.ArrowDown, 1}, {kb.ArrowUp, 0}, {kb.ArrowUp, -1}} {
		harness.Press(t, ctx, step.key)
		if got := harness.Eval[float64](t, ctx, at); got != step.want {
			t.Errorf("after %q the result focused is %v, want %v (-1: none)", step.key, got, step.want)
		}
	}
	if !harness.Eval[bool](t, ctx, `document.activeElement === document.querySelector(".search-form-page input")`) {
		t.Errorf("ArrowUp from the first result does not go back to the box: %s", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
	if v := harness.Eval[string](t, ctx, `document.getElementById("search-results").getAttribute("aria-live") ?? ""`); v != "" {
		t.Errorf("the results list is aria-live=%q: every load reads the whole list again", v)
	}
	// All 33 hold 考核 whole: 13 of them only in their sections' path, as
	// items under a section named 考核, which is a complete match too. The
	// screen reader hears the count alone.
	harness.WaitFor(t, ctx, live+` === "共 33 条结果"`, live)
	// The status is for screen readers; the page shows its own summary.
	if hidden := visuallyHidden(t, ctx, searchLive); hidden != "" {
		t.Errorf("the live status takes %s px on the page; want it visually hidden", hidden)
	}

	harness.Eval[bool](t, ctx, `(document.querySelector(".search-more-button").focus(), true)`)
	harness.SettleScroll(t, ctx)
	before := harness.Eval[float64](t, ctx, `scrollY`)
	harness.Press(t, ctx, kb.Enter)
	harness.WaitFor(t, ctx, results+` === 33`, results)
	harness.WaitFor(t, ctx, `document.activeElement !== document.querySelector(".search-more-button") && document.activeElement !== document.body`, harness.ActiveElement)
	if !harness.Eval[bool](t, ctx, `document.activeElement === document.querySelectorAll("#search-results .search-result")[20]`) {
		t.Errorf("after 显示更多 focus is on %s, want the 21st result", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
	harness.SettleScroll(t, ctx)
	where := harness.Eval[[]float64](t, ctx, `(() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.bottom, innerHeight, scrollY]; })()`)
	if where[0] < 0 || where[1] > where[2] {
		t.Errorf("the focused result is at %.0f–%.0f px of a %.0f px window (scrollY %.0f, before %.0f)", where[0], where[1], where[2], where[3], before)
	}
	// The 21st result was just below the button: bringing it into view
	// scrolls by at most a window, not to the list's end.
	if d := where[3] - before; d > where[2] {
		t.Errorf("the page jumped %.0f px", d)
	}
	harness.WaitFor(t, ctx, live+` === "又显示 13 条"`, live)
}

// A question no clause holds whole (试用期多久) lists the clauses holding
// its words, on the search page and in the box, each saying so; a query
// with none of its words in the handbook says nothing was found.
func TestSearchPartialMatchesSaySo(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("试用期多久")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	summary := harness.Eval[string](t, ctx, `document.querySelector(".search-summary").textContent`)
	if summary != "没有完全匹配“试用期多久”的条款。以下 1 条部分匹配：" {
		t.Errorf("the summary reads %q", summary)
	}
	harness.WaitFor(t, ctx, liveText(searchLive)+` === document.querySelector(".search-summary").textContent`, liveText(searchLive))
	first := harness.Eval[[]string](t, ctx, `(() => { const a = document.querySelector("#search-results .search-result");
		return [new URL(a.href).pathname + new URL(a.href).hash, a.querySelector("mark")?.textContent ?? "", String(a.classList.contains("search-result-partial"))]; })()`)
	if want := []string{"/latest/training/#" + url.PathEscape("人员的培训.1"), "试用期", "true"}; strings.Join(first, " ") != strings.Join(want, " ") {
		t.Errorf("first result %q, want %q", first, want)
	}

	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "保密协议"))
	// Typed a character at a time, the box shows 保密's results (whole) on
	// the way; then 保密协议's, headed by the note.
	harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-result") !== null &&
		document.querySelector(".site-header .search-dropdown").firstElementChild.textContent === "没有完全匹配的条款，以下为部分匹配："`,
		`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
	if m := harness.Eval[string](t, ctx, `document.querySelector(".site-header .search-dropdown .search-result mark")?.textContent ?? ""`); m != "保密" {
		t.Errorf("the first partial result marks %q, want 保密", m)
	}

	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("迟到早退")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	harness.WaitFor(t, ctx, `document.querySelector(".search-summary").textContent !== ""`, `document.querySelector(".search-summary").textContent`)
	if got := harness.Eval[string](t, ctx, `document.querySelector(".search-summary").textContent`); got != "没有找到与“迟到早退”相关的条款。" {
		t.Errorf("迟到早退: the summary reads %q", got)
	}
}

// A screen reader hears what the box found, in one short sentence (the
// listbox alone says nothing until an arrow key reaches an option).
func TestSearchBoxAnnouncesItsResults(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "末位淘汰"))
	harness.WaitFor(t, ctx, liveText(boxLive)+` === "共 1 条结果，按上下方向键选择。"`, liveText(boxLive))
	if hidden := visuallyHidden(t, ctx, boxLive); hidden != "" {
		t.Errorf("the box's status takes %s px; want it visually hidden", hidden)
	}
	for q, want := range map[string]string{
		"迟到早退":  "没有找到相关条款。",
		"试用期多久": "没有完全匹配的条款，以下为部分匹配：共 1 条结果，按上下方向键选择。",
		"大":     "请输入至少两个相连的汉字，或一个词、数字。",
		// Characters spaced apart are one phrase (as pasted from a PDF).
		"末 位 淘 汰": "共 1 条结果，按上下方向键选择。",
		// More than the box shows: Enter opens the search page.
		"绩效工资": "共 15 条结果，按上下方向键选择，按回车键查看全部。",
	} {
		harness.Eval[bool](t, ctx, "(document.querySelector(`"+box+"`).value = \"\", true)")
		harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), q))
		harness.WaitFor(t, ctx, liveText(boxLive)+` === "`+want+`"`, liveText(boxLive))
	}
}

// The box shows the results once its prefetch of the query has them, not
// only once typing has paused: a word from an input method comes whole,
// and waiting the pause out after the results are there is time lost. The
// test makes the page's pauses (timeouts of 30 ms or more) last ten
// minutes: the results must show all the same, and a lone character,
// which the search cannot read, still waits for the pause.
func TestSearchBoxShowsResultsOnceTheyAreThere(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(() => {
  const later = window.setTimeout;
  window.setTimeout = (f, ms, ...args) => later(f, ms >= 30 ? 600000 : ms, ...args);
  return true;
})()`)
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "末位淘汰"))
	// The results of 末位淘汰 itself: those of 末位淘, typed on the way,
	// also say 共 1 条结果 and may show first (a machine under load did).
	const mark = `(document.querySelector(".site-header .search-dropdown .search-result mark")?.textContent ?? "")`
	harness.WaitFor(t, ctx, liveText(boxLive)+` === "共 1 条结果，按上下方向键选择。" && `+mark+` === "末位淘汰"`, `"the box says " + `+liveText(boxLive)+` + ", its first result marks " + `+mark)
	harness.Eval[bool](t, ctx, "(document.querySelector(`"+box+"`).value = \"\", true)")
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "大"))
	time.Sleep(500 * time.Millisecond)
	if got := harness.Eval[string](t, ctx, liveText(boxLive)); got != "共 1 条结果，按上下方向键选择。" {
		t.Errorf("after 大, the box said %q before its pause was over", got)
	}
}

// Escape in the box, once its dropdown is closed, takes focus back where
// Ctrl+K (or /) took it from, so the reader goes on from there.
func TestSearchBoxEscapeReturnsFocus(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(document.querySelector("nav a[href*='training']").focus(), document.activeElement.matches("nav a"))`)
	harness.Do(t, ctx, chromedp.KeyEvent("k", chromedp.KeyModifiers(2)))
	harness.WaitFor(t, ctx, "document.activeElement === document.querySelector(`"+box+"`)", harness.ActiveElement)
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "末位淘汰"))
	harness.WaitFor(t, ctx, `!document.querySelector(".site-header .search-dropdown").hidden`, harness.ActiveElement)
	harness.Press(t, ctx, kb.Escape) // closes the dropdown
	harness.WaitFor(t, ctx, "document.querySelector(\".site-header .search-dropdown\").hidden && document.activeElement === document.querySelector(`"+box+"`)", harness.ActiveElement)
	harness.Press(t, ctx, kb.Escape) // leaves the box, back to the link
	harness.WaitFor(t, ctx, `document.activeElement.matches("nav a[href*='training']")`, harness.ActiveElement)
}

// Typing in the header's box keeps the reader where they were in the
// chapter: the box sits in the sticky header, and the page's scroll
// padding had the browser scroll 54 px up at each key to keep the caret
// out of the padded band. A result of the same page, opened with Enter,
// still lands below the header.
func TestSearchBoxKeepsTheReadersPlace(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		harness.Eval[bool](t, ctx, `(window.scrollTo({top: 1000, behavior: "instant"}), true)`)
		harness.SettleScroll(t, ctx)
		harness.Press(t, ctx, "/")
		harness.WaitFor(t, ctx, "document.activeElement === document.querySelector(`"+box+"`)", harness.ActiveElement)
		harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "末位淘汰"))
		harness.WaitFor(t, ctx, `!document.querySelector(".site-header .search-dropdown").hidden`, harness.ActiveElement)
		harness.SettleScroll(t, ctx)
		if y := harness.Eval[float64](t, ctx, `scrollY`); y != 1000 {
			t.Errorf("at %d px, typing a query in the header's box moved the page from 1000 to %.0f", w, y)
		}
		harness.Press(t, ctx, kb.ArrowDown)
		harness.Press(t, ctx, kb.Enter)
		harness.WaitFor(t, ctx, `location.hash !== ""`, `location.href`)
		harness.SettleScroll(t, ctx)
		got := harness.Eval[[]float64](t, ctx, `[document.querySelector(":target").getBoundingClientRect().top, document.querySelector(".site-header").getBoundingClientRect().bottom]`)
		if got[0] < got[1] || got[0] > got[1]+80 {
			t.Errorf("at %d px, the clause opened from the box starts at y=%.0f, the header ends at %.0f", w, got[0], got[1])
		}
	}
}

// The search page's title names the query: the tab, the history and a
// screen reader arriving on it say which search it is.
func TestSearchPageTitleNamesTheQuery(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("末位淘汰")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	if got := harness.Eval[string](t, ctx, `document.title`); got != "末位淘汰 - 搜索 · 大客户部管理制度 2026.1" {
		t.Errorf("title %q", got)
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/"), chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	if got := harness.Eval[string](t, ctx, `document.title`); got != "搜索 · 大客户部管理制度 2026.1" {
		t.Errorf("title without a query %q", got)
	}
}

// The dropdown's listbox holds its options only (ARIA: a listbox owns
// options): 没有完全匹配 and 查看全部 are beside it, not in it; the box says
// it is expanded only while it shows options.
func TestSearchDropdownListboxHoldsOnlyOptions(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	const state = `(() => { const i = document.querySelector(".site-header input[name=q]");
		const lb = document.getElementById(i.getAttribute("aria-controls"));
		const others = lb ? [...lb.children].filter(c => c.getAttribute("role") !== "option").map(c => c.textContent) : [];
		return JSON.stringify({listbox: !!lb && lb.getAttribute("role") === "listbox" && document.querySelector(".site-header .search-dropdown").contains(lb),
			options: lb ? lb.querySelectorAll("[role=option]").length : 0, others, expanded: i.getAttribute("aria-expanded"),
			shown: (document.querySelector(".site-header .search-dropdown:not([hidden])")?.textContent ?? "").slice(0, 18)}); })()`
	for _, c := range []struct{ q, want string }{
		{"试用期多久", `{"listbox":true,"options":1,"others":[],"expanded":"true","shown":"没有完全匹配的条款，以下为部分匹配："}`},
		{"绩效工资", `{"listbox":true,"options":8,"others":[],"expanded":"true","shown":"第六章 大客户部员工的工作绩效考核办"}`},
		// No option: no listbox shown, the box not expanded, the reason said.
		{"迟到早退", `{"listbox":false,"options":0,"others":[],"expanded":"false","shown":"没有找到相关条款。"}`},
	} {
		harness.Eval[bool](t, ctx, "(document.querySelector(`"+box+"`).value = \"\", true)")
		harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), c.q))
		harness.WaitFor(t, ctx, state+` === `+"`"+c.want+"`", state)
	}
	if more := harness.Eval[string](t, ctx, `(() => { const i = document.querySelector(".site-header input[name=q]"); i.value = ""; return ""; })()`); more != "" {
		t.Fatal(more)
	}
	harness.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(box), "绩效工资"))
	harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown .search-more")?.textContent === "查看全部 15 条结果"`,
		`document.querySelector(".site-header .search-dropdown")?.innerHTML ?? ""`)
	if in := harness.Eval[bool](t, ctx, `!!document.querySelector(".site-header [role=listbox] .search-more, .site-header [role=listbox] .search-status")`); in {
		t.Error("查看全部 or a status is inside the listbox")
	}
}

// A page open since before the site was rebuilt with another index format
// (its script expects the old one) says to reload it, not to check the
// network, which is fine.
func TestSearchInAPageOlderThanTheIndexSaysToReload(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	files := maps.Clone(s.Files)
	meta := string(files["latest/search/meta.json"])
	if !strings.Contains(meta, `"tokenizer":`) {
		t.Fatalf("meta.json: %s", meta)
	}
	files["latest/search/meta.json"] = []byte(strings.Replace(meta, `"tokenizer":`, `"tokenizer":9`, 1))
	srv := httptest.NewServer(harness.FileHandler(files))
	defer srv.Close()
	ctx := harness.Browser(t)
	const want = "手册已更新，请刷新页面后再搜索。"
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.SendKeys(chromedp.CSS(`.site-header form.search-form input`), "末位淘汰"))
	harness.WaitFor(t, ctx, `document.querySelector(".site-header .search-dropdown:not([hidden]) .search-status")?.textContent === "`+want+`"`,
		`document.querySelector(".site-header .search-dropdown")?.textContent ?? "no dropdown"`)
	if got := harness.Eval[string](t, ctx, liveText(`.site-header form.search-form [role=status]`)); got != want {
		t.Errorf("the box's status says %q", got)
	}
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/search/?q="+url.QueryEscape("末位淘汰")), chromedp.WaitVisible(chromedp.CSS("#search-results .search-summary")))
	harness.WaitFor(t, ctx, `document.querySelector(".search-summary").textContent === "`+want+`"`, `document.querySelector(".search-summary").textContent`)
}

// Back from a result the reader followed after 显示更多 returns to the
// results as they were: as many shown, the result followed in view and
// focused. The page showed its first 20 again, scrolled to the top, and
// the reader had to find their place (the 31st) again.
func TestSearchBackReturnsToTheResultFollowed(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const results = `document.querySelectorAll("#search-results .search-result")`
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q="+url.QueryEscape("绩效")),
		chromedp.WaitVisible(chromedp.CSS("#search-results .search-result")))
	harness.WaitFor(t, ctx, results+`.length === 20`, results+`.length`)
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".search-more-button")))
	harness.WaitFor(t, ctx, results+`.length > 30`, results+`.length`)
	n := harness.Eval[int](t, ctx, results+`.length`)
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(`#search-results li:nth-child(31) a`)))
	harness.WaitPath(t, ctx, "/latest/performance/")
	harness.Eval[bool](t, ctx, `(history.back(), true)`)
	harness.WaitPath(t, ctx, "/latest/search/")
	// Polled from outside the page, as harness.WaitPath does: the document is new.
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](results+`.length + " " + Array.from(`+results+`).indexOf(document.activeElement)`))
		if err == nil && got == fmt.Sprint(n, " ", 30) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("back on the search page: %q results shown and focused (want %d 30), %v", got, n, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if top := harness.Eval[float64](t, ctx, `document.activeElement.getBoundingClientRect().top`); top < 0 || top > harness.Eval[float64](t, ctx, `innerHeight`)-40 {
		t.Errorf("the result followed is out of view on return (top %.0f)", top)
	}

	// The browser may have kept the page whole (its back-forward cache);
	// one loaded again, as after a reload, or back to a page the browser
	// did not keep (left long ago, or on a phone short of memory), is
	// the same.
	harness.Eval[bool](t, ctx, `(location.reload(), true)`)
	time.Sleep(300 * time.Millisecond)
	harness.WaitPath(t, ctx, "/latest/search/")
	deadline = time.Now().Add(10 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](results+`.length + " " + Array.from(`+results+`).indexOf(document.activeElement)`))
		if err == nil && got == fmt.Sprint(n, " ", 30) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the search page loaded again: %q results shown and focused (want %d 30), %v", got, n, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if top := harness.Eval[float64](t, ctx, `document.activeElement.getBoundingClientRect().top`); top < 0 || top > harness.Eval[float64](t, ctx, `innerHeight`)-40 {
		t.Errorf("the result followed is out of view after a reload (top %.0f)", top)
	}
}

// Enter in a page's header box, no result chosen, opens the search page
// with focus on no element; the reader's next Down went to scrolling,
// not to the results. It now focuses the first result, and Down goes on
// through them.
func TestSearchPageArrowsReachTheResultsAfterEnter(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(s.URL+"/latest/performance/"),
		chromedp.WaitVisible(chromedp.CSS(".site-header input[name=q]")),
		chromedp.Focus(chromedp.CSS(".site-header input[name=q]")),
		chromedp.SendKeys(chromedp.CSS(".site-header input[name=q]"), "提成"))
	harness.Press(t, ctx, kb.Enter)
	harness.WaitPath(t, ctx, "/latest/search/")
	harness.WaitFor(t, ctx, `document.querySelectorAll("#search-results .search-result").length > 2`, `document.querySelector("#search-results")?.textContent ?? "no results"`)
	if !harness.Eval[bool](t, ctx, `document.activeElement === document.body`) {
		t.Logf("focus after the navigation: %s", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
	const at = `[...document.querySelectorAll("#search-results .search-result")].indexOf(document.activeElement)`
	for i, want := range []float64{0, 1} {
		harness.Press(t, ctx, kb.ArrowDown)
		if got := harness.Eval[float64](t, ctx, at); got != want {
			t.Fatalf("Down #%d: the result focused is %v, want %v (-1: none; focus on %s)", i+1, got, want, harness.Eval[string](t, ctx, harness.ActiveElement))
		}
	}
}
