package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/e2e/harness"
)

// What a screen-reader and keyboard-only reader meets on every kind of
// page, read from the accessibility tree Chromium exposes.

// Every clause's link has a name of its own that says where it is: named
// "第1条的链接" by its number alone, chapter 6's list of links held six
// of them (one for each section), and nothing said which section each was.
func TestClauseLinksAreNamedBySection(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, page := range []string{"/latest/performance/", "/latest/training/", "/latest/job-descriptions/"} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+page), chromedp.WaitVisible(chromedp.CSS("main h1")))
		seen := map[string]int{}
		for _, n := range axNames(t, ctx) {
			if strings.HasPrefix(n, "link: ") && strings.HasSuffix(n, "的链接") {
				seen[n]++
			}
		}
		if len(seen) < 5 {
			t.Fatalf("%s: only %d clause links in the accessibility tree: %v", page, len(seen), seen)
		}
		for n, c := range seen {
			if c > 1 {
				t.Errorf("%s: %d links are named %q", page, c, n)
			}
			if strings.HasPrefix(n, "link: 第") {
				t.Errorf("%s: %q names no section", page, n)
			}
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	want := "link: 大客户内勤月度绩效考核办法 （二）奖惩办法 第5条的链接"
	if !strings.Contains(strings.Join(axNames(t, ctx), "\n"), want) {
		t.Errorf("chapter 6 has no %q", want)
	}
}

// The org chart's boxes are links to the job descriptions, and a screen
// reader reaches them: the chart was an SVG with role="img", whose content
// is presentational, so its three links were gone from the accessibility
// tree while Tab still stopped on them, unnamed. The reporting lines are
// said once, in the chart's description, not again by every line drawn.
func TestOrgChartLinksReachAScreenReader(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS(".orgchart svg")))
	names := strings.Join(axNames(t, ctx), "\n")
	for _, want := range []string{"link: 大客户总监的职务说明书", "link: 内勤的职务说明书", "link: 大客户员的职务说明书"} {
		if !strings.Contains(names, want) {
			t.Errorf("the org chart has no %q in the accessibility tree:\n%s", want, names)
		}
	}
	if strings.Contains(names, "→") {
		t.Errorf("the chart's lines are read one by one (their tooltips), besides its description:\n%s", names)
	}
	if role := harness.Eval[string](t, ctx, `document.querySelector(".orgchart svg").getAttribute("role") || ""`); role == "img" {
		t.Errorf("the chart's svg has role=img, which hides its links")
	}
}

// Tab goes through the header in the order it is seen, at a phone's and a
// laptop's width: on a phone the version button sits beside the title and
// the search box on the row below, but the box came first in the source,
// so Tab jumped down to the box and back up to the button.
func TestHeaderTabOrderIsTheSeenOrder(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	for _, width := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		var tabbed []string
		for i := 0; i < 4; i++ {
			harness.Press(t, ctx, kb.Tab)
			tabbed = append(tabbed, harness.Eval[string](t, ctx, `(e => e.closest(".site-title, .version-switcher, .search-form, .skip-link")?.className.split(" ")[0] || e.tagName)(document.activeElement)`))
		}
		// The same elements, sorted as they are seen: by row, then from the left.
		seen := harness.Eval[[]string](t, ctx, `[".skip-link", ".site-title", ".version-switcher", ".search-form"]
  .map(sel => { const r = document.querySelector(sel + (sel === ".version-switcher" ? " summary" : sel === ".search-form" ? " input" : "")).getBoundingClientRect(); return {sel: sel.slice(1), top: Math.round(r.top), left: r.left}; })
  .filter(e => e.sel !== "skip-link")
  .sort((a, b) => Math.abs(a.top - b.top) > 8 ? a.top - b.top : a.left - b.left).map(e => e.sel)`)
		if got, want := strings.Join(tabbed[1:], " → "), strings.Join(seen, " → "); got != want {
			t.Errorf("%d px: Tab goes %s (after %s); the header reads %s", width, got, tabbed[0], want)
		}
	}
}

// A search result reached with Tab shows a focus ring, in light and dark:
// it got only a 12 % tint of the accent (1.2:1 against the page in light,
// less in dark), so a keyboard reader tabbing down the results could not
// see which one Enter would open.
func TestSearchResultFocusIsVisible(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	for _, scheme := range []string{"light", "dark"} {
		media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
		harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/search/?q=保密"), chromedp.WaitVisible(chromedp.CSS("#search-results a.search-result")))
		for i := 0; i < 40 && !harness.Eval[bool](t, ctx, `document.activeElement.matches("a.search-result")`); i++ {
			harness.Press(t, ctx, kb.Tab)
		}
		ring := harness.Eval[map[string]string](t, ctx, `(() => {
  const a = document.activeElement, cs = getComputedStyle(a);
  const probe = document.createElement("i"); probe.style.color = "var(--accent)"; document.body.append(probe);
  const accent = getComputedStyle(probe).color; probe.remove();
  return {el: a.className, style: cs.outlineStyle, width: cs.outlineWidth, thick: parseFloat(cs.outlineWidth) >= 2 ? "yes" : "no", color: cs.outlineColor, accent};
})()`)
		if ring["el"] != "search-result" && !strings.HasPrefix(ring["el"], "search-result ") {
			t.Fatalf("%s: Tab never reached a search result (focus on %q)", scheme, ring["el"])
		}
		if ring["style"] == "none" || ring["thick"] != "yes" || ring["color"] != ring["accent"] {
			t.Errorf("%s: a focused search result has outline %s %s %s; want a solid ring of 2 px or more in the accent %s", scheme, ring["style"], ring["width"], ring["color"], ring["accent"])
		}
	}
}

// The rules table's clause links say whose clause they are: each role's
// table links "第1条" to "第4条", so a screen reader's list of links held
// two "第1条" going to different clauses (the sales staff's and the
// assistants').
func TestRulesTableClauseLinksSayWhose(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, page := range []string{"/latest/calculator/", "/latest/performance/"} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+page), chromedp.WaitReady(chromedp.CSS(".rules-table table")))
		// The calculator folds the table once it runs; the reader opens it.
		harness.WaitFor(t, ctx, `!!document.querySelector(".payout-calculator form, .payout-calculator fieldset")`, `document.querySelector(".payout-calculator").outerHTML.slice(0, 200)`)
		harness.Eval[bool](t, ctx, `(document.querySelector("details.rules-table").open = true, true)`)
		names := strings.Join(axNames(t, ctx), "\n")
		// The department results' rows too: each links both roles' clause.
		for _, want := range []string{"link: 销售人员 第1条", "link: 大客户内勤 第1条", "link: 大客户内勤 第4条", "link: 销售人员 第5条", "link: 大客户内勤 第5条"} {
			if !strings.Contains(names+"\n", want+"\n") {
				t.Errorf("%s: no %q in the accessibility tree", page, want)
			}
		}
		if strings.Contains("\n"+names+"\n", "\nlink: 第1条\n") {
			t.Errorf("%s: a rules table's link is named 第1条 alone", page)
		}
	}
}

// 本章目录 nests a subsection in its section's list, so a screen reader
// says whose "（二）奖惩办法" an entry is: chapter 6 has one under the
// sales staff's section and one under the assistants', and in a flat list
// the two were the same link at the same level.
func TestChapterContentsNestSubsections(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS(".toc a")))
	got := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll(".toc a")].filter(a => a.textContent === "（二）奖惩办法")
  .map(a => (a.parentElement.parentElement.closest("li")?.querySelector("a")?.textContent || "(top level)") + " › " + a.textContent)`)
	want := "四、销售人员月度绩效考核办法 › （二）奖惩办法 | 大客户内勤月度绩效考核办法 › （二）奖惩办法"
	if strings.Join(got, " | ") != want {
		t.Errorf("本章目录's 奖惩办法 entries are %q, want %q", got, want)
	}
	// Nesting moved no entry: a section's and a subsection's stay where they were.
	x := harness.Eval[[]float64](t, ctx, `["一、考核目的", "（二）奖惩办法"].map(t => [...document.querySelectorAll(".toc a")].find(a => a.textContent === t).getBoundingClientRect().left)`)
	if x[0] != harness.Eval[float64](t, ctx, `document.querySelector(".toc > details > ol > li > a").getBoundingClientRect().left`) || x[1] != x[0] {
		t.Errorf("the entries' boxes start at %v; a section's and a subsection's should start together (the subsection indented by its padding)", x)
	}
}
