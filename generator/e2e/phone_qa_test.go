package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// What a reader meets on a phone set to large text, and on paper.

// textSize sets the browser's default font size, as a reader's "text size"
// setting does (16 px is 100 %).
func textSize(t *testing.T, ctx context.Context, px int64) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: px, Fixed: px * 13 / 16}}); err != nil {
		t.Fatal(err)
	}
}

// With the phone's text at 125 % or 150 % the sticky header keeps to two
// rows, and a link to a clause lands just under it. The title took a row
// of its own, above the version button's: the header was three rows
// (201 px of an 844 px screen) and the linked clause's first line was
// under it. Larger still (175 %, 200 %), the header scrolls away and the
// title is never cut to one character.
func TestLargeTextHeaderKeepsTwoRows(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	const frag = "销售人员奖惩办法.5"
	for _, px := range []int64{16, 20, 24, 28, 32} {
		textSize(t, ctx, px)
		for _, size := range [][2]int64{{320, 700}, {360, 760}, {390, 844}} {
			harness.Do(t, ctx, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			harness.Do(t, ctx, chromedp.Navigate(s.URL+"/v/2025.1/performance/#"+frag), chromedp.WaitVisible(chromedp.CSS(`[id="`+frag+`"]`)))
			harness.SettleScroll(t, ctx)
			got := harness.Eval[map[string]float64](t, ctx, fmt.Sprintf(`(() => {
  const header = document.querySelector(".site-header"), h = header.getBoundingClientRect();
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const row = e => { const r = e.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); };
  const rows = new Set([".site-title", ".version-switcher", ".search-form"].map(sel => row(document.querySelector(sel)))).size;
  const title = document.querySelector(".site-title"), shown = title.getBoundingClientRect().width / parseFloat(getComputedStyle(title).fontSize);
  return {rows, sticky: getComputedStyle(header).position === "sticky" ? 1 : 0, header: Math.max(h.bottom, 0), height: h.height / rem,
    title: title.scrollWidth > title.clientWidth + 1 ? shown : 99,
    gap: (document.getElementById(%q).getBoundingClientRect().top - Math.max(h.bottom, 0)) / rem,
    overflow: document.documentElement.scrollWidth - innerWidth};
})()`, frag))
			where := fmt.Sprintf("text %d px, %dx%d", px, size[0], size[1])
			if got["sticky"] == 1 && (got["rows"] != 2 || got["height"] > 7) {
				t.Errorf("%s: the sticky header is %.0f rows, %.1f rem high; want the title and the version button on one row, the search box on a second", where, got["rows"], got["height"])
			}
			if got["title"] < 4 {
				t.Errorf("%s: the site's title is cut to %.1f em; want four characters at least (大..)", where, got["title"])
			}
			if got["gap"] < 0 || got["gap"] > 2 {
				t.Errorf("%s: clause 5 is %.2f rem below the header's end (at %.0f px); want it just under the header (0–2 rem)", where, got["gap"], got["header"])
			}
			if got["overflow"] > 0 {
				t.Errorf("%s: the page is %.0f px wider than the window", where, got["overflow"])
			}
		}
	}
}

// lonelyLastLines is a page expression listing the paragraphs, clauses,
// headings and chapter names (of sel) whose last line is one character
// and its punctuation, with the two lines' text.
func lonelyLastLines(sel string) string {
	return fmt.Sprintf(`(() => {
  const out = [], r = document.createRange();
  for (const el of document.querySelectorAll(%q)) {
    if (!el.getClientRects().length) continue;
    const lines = new Map(), w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      // Only el's own text: not a nested list's, a note's or a link sign's.
      if (n.parentElement.closest(".anchor, .clause-anchor, .visually-hidden, ol, ul, aside") !== el.closest(".anchor, .clause-anchor, .visually-hidden, ol, ul, aside")) continue;
      if (n.parentElement.closest("li, p") !== el.closest("li, p") && n.parentElement !== el && el.matches("li, p")) continue;
      for (let i = 0; i < n.textContent.length; i++) {
        if (/\s/.test(n.textContent[i])) continue;
        r.setStart(n, i); r.setEnd(n, i + 1);
        const b = r.getClientRects()[0];
        if (!b) continue;
        const k = Math.round(b.top / 8);
        lines.set(k, (lines.get(k) || "") + n.textContent[i]);
      }
    }
    const ls = [...lines.values()], last = ls[ls.length - 1] || "";
    if (ls.length > 1 && (last.match(/\p{Script=Han}/gu) || []).length <= 1 && last.length <= 3) out.push(ls.slice(-2).join(" ⏎ "));
  }
  return out;
})()`, sel)
}

// dateCut is a page expression for the chapter's "（2026-01-01 起施行）"
// as its lines hold it ("" when it is on one line).
const dateCut = `(() => {
  const p = document.querySelector(".last-changed"), r = document.createRange(), chars = [];
  const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode())
    for (let i = 0; i < n.textContent.length; i++) {
      r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getClientRects()[0];
      if (b) chars.push([n.textContent[i], Math.round(b.top / 8)]);
    }
  const text = chars.map(c => c[0]).join(""), from = text.indexOf("（"), to = text.indexOf("）");
  if (from < 0 || to < from) return "no date in " + text;
  const part = chars.slice(from, to + 1);
  return part.every(c => c[1] === part[0][1]) ? "" : part.map((c, i) => (i && c[1] !== part[i - 1][1] ? " ⏎ " : "") + c[0]).join("");
})()`

// On a phone no clause, paragraph or heading ends on a line of its own
// one character long (维 ⏎ 护；, 四、销售人员月度绩效考核办 ⏎ 法), which
// Chinese typesetting avoids: at 320–414 px, 105 of the handbook's
// clauses, paragraphs and headings did, and on a laptop 本章目录's
// 四、销售人员月度绩效考核办 ⏎ 法. The date a chapter took effect is not cut
// in two either (起施 ⏎ 行).
func TestNoLineOfOneCharacter(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const sel = ".prose p, .prose li, main h1, .prose h2, .prose h3, .nav-list a, .toc a"
	for _, w := range []int64{320, 360, 390, 414, 1280} {
		for _, p := range []string{"functions", "job-descriptions", "performance"} {
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/"+p+"/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			harness.Eval[bool](t, ctx, `(document.querySelector(".nav-details").open = document.querySelector(".toc-details").open = true)`)
			if lonely := harness.Eval[[]string](t, ctx, lonelyLastLines(sel)); len(lonely) > 0 {
				t.Errorf("width %d, %s: %d end on one character: %q", w, p, len(lonely), lonely)
			}
			if cut := harness.Eval[string](t, ctx, dateCut); cut != "" {
				t.Errorf("width %d, %s: the chapter's date runs over two lines: %s", w, p, cut)
			}
		}
		// The changelog's chapter names that fit on a line stay whole beside
		// their counts of changes (balanced, 第二章 大客户部管理 ⏎ 架构
		// 修改 · +37 −23 字).
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS("h3.diff-file")))
		if cut := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll("h3.diff-file a")].filter(a => {
  a.style.whiteSpace = "nowrap";
  const fits = a.getBoundingClientRect().width <= a.parentElement.clientWidth;
  a.style.whiteSpace = "";
  return fits && new Set([...a.getClientRects()].map(r => Math.round(r.top))).size > 1;
}).map(a => a.textContent)`); len(cut) > 0 {
			t.Errorf("width %d, changelog: %q cut in two", w, cut)
		}
	}
}

// A link to a clause the page does not have (renumbered or dropped in
// this revision, or mistyped) says so above the text, names the clause as
// a reader would, and leads to its section and to the changelog: the page
// opened at its top with no word of what the link pointed to. Links that
// land, and the calculator's own fragments, show nothing.
func TestLinkToAMissingClauseSaysSo(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const notice = `(() => { const n = document.querySelector("main .banner-missing"); return n ? n.textContent : ""; })()`
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/latest/performance/#销售人员奖惩办法.9"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitFor(t, ctx, `!!document.querySelector("main .banner-missing")`, notice)
	got := harness.Eval[map[string]any](t, ctx, `(() => {
  const n = document.querySelector("main .banner-missing"), links = [...n.querySelectorAll("a")];
  return {text: n.textContent, role: n.getAttribute("role"), beforeTitle: !!(n.compareDocumentPosition(document.querySelector("main h1")) & Node.DOCUMENT_POSITION_FOLLOWING),
    links: links.map(a => a.textContent + " " + decodeURIComponent(new URL(a.href).pathname + new URL(a.href).hash))};
})()`)
	text, _ := got["text"].(string)
	// Named with its section: each role's section has a （二）奖惩办法.
	if !strings.Contains(text, "“四、销售人员月度绩效考核办法”中的“（二）奖惩办法”第 9 条不在本页") || got["role"] != "note" || got["beforeTitle"] != true {
		t.Errorf("a link to clause 9 of 奖惩办法 shows %v; want a note before the title naming “四、销售人员月度绩效考核办法”中的“（二）奖惩办法”第 9 条", got)
	}
	if links := fmt.Sprint(got["links"]); !strings.Contains(links, "查看该节 /latest/performance/#销售人员奖惩办法") || !strings.Contains(links, "查看修订记录 /changelog/") {
		t.Errorf("the note's links are %s; want the section and the changelog", links)
	}
	// Its changelog link does not carry the missing clause along.
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(`.banner-missing a[href$="changelog/"]`), chromedp.NodeVisible))
	harness.WaitPath(t, ctx, "/changelog/")
	if h := harness.Eval[string](t, ctx, `location.hash`); h != "" {
		t.Errorf("the changelog opened at %q", h)
	}
	for _, u := range []string{"/latest/performance/#销售人员奖惩办法.5", "/latest/performance/#二绩效管理核心价值", "/latest/calculator/#role=sales&score=88&base=3000", "/latest/performance/"} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/training/"), chromedp.Navigate(s.URL+u), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if n := harness.Eval[string](t, ctx, notice); n != "" {
			t.Errorf("%s: %q", u, n)
		}
	}
	// A mistyped heading, then the reader picks a clause that is there.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/v/2025.1/performance/#三考核原则"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitFor(t, ctx, `document.querySelector("main .banner-missing")?.textContent.includes("“三考核原则”不在本页")`, notice)
	if !harness.Eval[bool](t, ctx, `document.querySelector("main .banner-old + .banner-missing") !== null`) {
		t.Errorf("the note is not after the old revision's banner: %s", harness.Eval[string](t, ctx, `[...document.querySelector("main").children].map(e => e.className).join(", ")`))
	}
	harness.Eval[bool](t, ctx, `(location.hash = "#三考核的原则", true)`)
	harness.WaitFor(t, ctx, `!document.querySelector("main .banner-missing")`, notice)
}

// The org chart stands in the middle of the text column, its caption
// under it, on a phone, a laptop and paper: as wide as its boxes (a third
// of a laptop's column), it sat against the left edge beside an empty
// two thirds. The caption is a legend, one line per kind of line or box
// the chart draws, each with its sample: the legend as a block stands in
// the middle, its lines start together (centred one by one, the samples
// would not line up), and none is wider than the column.
func TestOrgChartStandsInTheMiddle(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, m := range []string{"", "print"} {
		media(t, ctx, m)
		for _, w := range []int64{390, 1280} {
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS(".orgchart svg")))
			got := harness.Eval[map[string]float64](t, ctx, `(() => {
  const f = document.querySelector(".orgchart").getBoundingClientRect(), s = document.querySelector(".orgchart svg").getBoundingClientRect();
  const l = document.querySelector(".orgchart figcaption .oc-legend").getBoundingClientRect();
  const starts = [...document.querySelectorAll(".orgchart .oc-legend li")].map((li) => li.getBoundingClientRect().left);
  return {figure: f.width, chart: s.width, off: (s.left + s.width / 2) - (f.left + f.width / 2), caption: (l.left + l.width / 2) - (f.left + f.width / 2),
    wide: l.width - f.width, ragged: Math.max(...starts) - Math.min(...starts)};
})()`)
			if got["wide"] > 1 || got["ragged"] > 1 {
				t.Errorf("media %q, width %d: the legend is %.0f px wider than the column, its lines start %.0f px apart", m, w, got["wide"], got["ragged"])
			}
			if got["chart"] >= got["figure"]-1 {
				continue // as wide as the column: nothing to place
			}
			if got["off"] < -2 || got["off"] > 2 || got["caption"] < -4 || got["caption"] > 4 {
				t.Errorf("media %q, width %d: the %.0f px chart's middle is %.0f px from the %.0f px column's, its legend's %.0f px", m, w, got["chart"], got["off"], got["figure"], got["caption"])
			}
		}
	}
}

// 打印全文 prints at a tap: the page said nothing of printing and had no
// way to print but the browser's menu (on a phone, deep in the share
// sheet). The button is not on the paper.
func TestPrintPageHasAPrintButton(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/latest/print/"), chromedp.WaitVisible(chromedp.CSS(".print-cover")))
	harness.WaitFor(t, ctx, `document.querySelector(".print-button")?.getClientRects().length > 0`, `document.querySelector(".print-cover").outerHTML.slice(0, 400)`)
	harness.Eval[bool](t, ctx, `(window.print = () => { window.printed = (window.printed || 0) + 1; }, true)`)
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".print-button"), chromedp.NodeVisible))
	if n := harness.Eval[int](t, ctx, `window.printed || 0`); n != 1 {
		t.Errorf("the print button printed %d times", n)
	}
	media(t, ctx, "print")
	if shown := harness.Eval[bool](t, ctx, `document.querySelector(".print-action").getClientRects().length > 0`); shown {
		t.Error("the print button is on the paper")
	}
}

// On the home page a tool's whole card is its link, as a chapter's is (a
// tap on 按词语查找条款 did nothing), and its two-line description is set
// at its own size's line spacing, not the body's (31 px between 14 px
// lines).
func TestHomeToolCardsAreLinks(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(s.URL+"/latest/"), chromedp.WaitVisible(chromedp.CSS(".home-tools")))
		got := harness.Eval[map[string]any](t, ctx, `(() => {
  const out = {};
  for (const li of document.querySelectorAll(".home-tools li")) {
    li.scrollIntoView({block: "center", behavior: "instant"});
    const span = li.querySelector("span"), r = span.getBoundingClientRect(), a = li.querySelector("a");
    const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2)?.closest("a");
    const cs = getComputedStyle(span);
    out[a.textContent] = (hit === a ? "" : "not a link; ") + (parseFloat(cs.lineHeight) / parseFloat(cs.fontSize) > 1.7 ? "line height " + cs.lineHeight : "");
  }
  return out;
})()`)
		for name, bad := range got {
			if bad != "" {
				t.Errorf("width %d, %s: the description is %s", w, name, bad)
			}
		}
		if len(got) < 3 {
			t.Fatalf("width %d: %d tools on the home page", w, len(got))
		}
	}
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".home-tools li:nth-child(2) span"), chromedp.NodeVisible))
	harness.WaitPath(t, ctx, "/latest/search/")
	// A phone at 150 % text is narrower than a 14rem card: one column, on
	// the screen (the cards ran 38 px past its edge).
	textSize(t, ctx, 24)
	harness.Do(t, ctx, chromedp.EmulateViewport(320, 700), chromedp.Navigate(s.URL+"/latest/"), chromedp.WaitVisible(chromedp.CSS(".home-tools")))
	if over := harness.Eval[float64](t, ctx, `Math.max(document.documentElement.scrollWidth - innerWidth, ...[...document.querySelectorAll(".home-tools li")].map(li => li.getBoundingClientRect().right - innerWidth))`); over > 0 {
		t.Errorf("320 px at 150 %% text: the tool cards run %.0f px past the screen's edge", over)
	}
}

// A tablet held upright sets the text no wider than a laptop does (40
// characters to a line): in the phone's one-column layout it ran across
// the screen, 46 characters at 768 px. A phone's text still fills its
// screen.
func TestTabletLinesAreNoLongerThanALaptops(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const measure = `(() => { const p = document.querySelector(".prose > p"); return p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize); })()`
	for _, w := range []int64{768, 820, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 1000), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if em := harness.Eval[float64](t, ctx, measure); em > 40.5 {
			t.Errorf("width %d: a paragraph is %.1f characters wide, want 40 at most", w, em)
		}
	}
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if px := harness.Eval[float64](t, ctx, `document.querySelector(".prose > p").getBoundingClientRect().width`); px < 350 {
		t.Errorf("390 px: a paragraph is %.0f px wide, want the screen's width less its margins", px)
	}
}

// On a laptop 本章目录 marks the section being read: where a link to a
// clause lands, after scrolling, at the top and at the end of the page.
// Arriving by a link it marked 一、考核目的, the section the page opened
// at, since no heading crossed its band on the way down.
func TestContentsMarkTheSectionBeingRead(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const active = `[...document.querySelectorAll(".toc a.active")].map(a => decodeURIComponent(a.hash)).join(",")`
	for _, motion := range []string{"no-preference", "reduce"} {
		media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: motion})
		for frag, want := range map[string]string{"内勤奖惩办法.5": "#内勤奖惩办法", "销售人员奖惩办法.7": "#销售人员奖惩办法", "二绩效管理核心价值.3": "#二绩效管理核心价值"} {
			harness.Do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#"+frag), chromedp.WaitVisible(chromedp.CSS(".toc")))
			harness.SettleScroll(t, ctx)
			harness.WaitFor(t, ctx, active+` === "`+want+`"`, `"`+motion+` #`+frag+`: marked " + `+active)
		}
		harness.Eval[bool](t, ctx, `(scrollTo({top: document.documentElement.scrollHeight, behavior: "instant"}), true)`)
		harness.WaitFor(t, ctx, active+` === "#八附则"`, `"at the end: marked " + `+active)
		harness.Eval[bool](t, ctx, `(scrollTo({top: 0, behavior: "instant"}), true)`)
		harness.WaitFor(t, ctx, active+` === "#一考核目的"`, `"at the top: marked " + `+active)
	}
}

// A reader arriving by a link to a clause sees, just above it, which
// section it belongs to: on a phone the clause landed at the top of the
// screen as "5、额外奖金：…", the same words for the sales staff's 第5条
// and the assistants'. Its number is still its link, beside its text; a
// reader already in the page, tapping a number, gets no label.
func TestClauseLinkSaysWhichSection(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	for _, w := range []int64{390, 1280} {
		for frag, want := range map[string]string{"内勤奖惩办法.5": "大客户内勤月度绩效考核办法 › （二）奖惩办法", "销售人员奖惩办法.5": "四、销售人员月度绩效考核办法 › （二）奖惩办法", "人员的培训.1.2": "人员的培训 › 第 1 条"} {
			page := "performance"
			if frag == "人员的培训.1.2" {
				page = "training"
			}
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/functions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/"+page+"/#"+frag), chromedp.WaitVisible(chromedp.CSS(`[id="`+frag+`"]`)))
			harness.WaitFor(t, ctx, `!!document.querySelector(".clause-context")`, `"no label"`)
			harness.SettleScroll(t, ctx)
			got := harness.Eval[map[string]any](t, ctx, fmt.Sprintf(`(() => {
  const li = document.getElementById(%q), label = li.querySelector(":scope > .clause-context"), a = li.querySelector(":scope > .clause-anchor");
  const header = Math.max(document.querySelector(".site-header").getBoundingClientRect().bottom, 0);
  const l = label.getBoundingClientRect(), r = document.createRange();
  const text = [...li.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
  r.setStart(text, 0); r.setEnd(text, 1);
  const first = r.getBoundingClientRect(), ar = a.getBoundingClientRect();
  return {label: label.textContent, shown: l.top >= header - 1 && l.bottom <= first.top + 1 && l.width > 0,
    numberBeside: Math.abs((ar.top + ar.bottom) / 2 - (first.top + first.bottom) / 2) < first.height};
})()`, frag))
			if got["label"] != want || got["shown"] != true || got["numberBeside"] != true {
				t.Errorf("width %d, #%s: %v; want the label %q between the header and the clause's text, the number's link beside the text", w, frag, got, want)
			}
		}
	}
	// Tapping a clause's number in the page: no label.
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(document.querySelector('[id="销售人员奖惩办法.5"] > .clause-anchor').click(), true)`)
	harness.WaitFor(t, ctx, `decodeURIComponent(location.hash) === "#销售人员奖惩办法.5"`, `location.hash`)
	if n := harness.Eval[int](t, ctx, `document.querySelectorAll(".clause-context").length`); n != 0 {
		t.Errorf("a tap on a clause's number added %d labels", n)
	}
}

// A link to a heading under another (#本职工作, the 本职工作： of C、大客户员;
// A and B word theirs otherwise) names the section it is in, above it,
// as a link to a clause does: it landed on "本职工作：" alone. The
// heading's own text is unchanged, and a heading at the top of the
// chapter's sections (#职务a) gets no label.
func TestHeadingLinkSaysWhichSection(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/functions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/job-descriptions/#本职工作"), chromedp.WaitVisible(chromedp.CSS(`[id="本职工作"]`)))
		harness.WaitFor(t, ctx, `!!document.querySelector(".clause-context")`, `"no label"`)
		harness.SettleScroll(t, ctx)
		got := harness.Eval[map[string]any](t, ctx, `(() => {
  const h = document.getElementById("本职工作"), label = h.querySelector(":scope > .clause-context");
  const header = Math.max(document.querySelector(".site-header").getBoundingClientRect().bottom, 0);
  const l = label.getBoundingClientRect(), r = document.createRange();
  r.setStart(h.firstChild, 0); r.setEnd(h.firstChild, 1);
  const first = r.getBoundingClientRect();
  return {label: label.textContent, own: h.firstChild.textContent, shown: l.top >= header - 1 && l.bottom <= first.top + 1 && l.width > 0};
})()`)
		if got["label"] != "C、大客户员" || got["own"] != "本职工作：" || got["shown"] != true {
			t.Errorf("width %d, #本职工作: %v; want the label C、大客户员 between the header and the heading's own text", w, got)
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/job-descriptions/#职务a"), chromedp.WaitVisible(chromedp.CSS(`[id="职务a"]`)))
	harness.WaitFor(t, ctx, `document.readyState === "complete"`, `document.readyState`)
	if n := harness.Eval[int](t, ctx, `document.querySelectorAll(".clause-context").length`); n != 0 {
		t.Errorf("#职务a, a section of the chapter itself, got %d labels", n)
	}
}

// A link to a heading that was renamed (三考核的原则 written 三考核原则) or
// to a clause of a mistyped section offers the nearest heading of the
// page, with the clause of that number: the note said only that the
// target was not there, and the reader hunted for it. A fragment like no
// heading offers nothing.
func TestLinkToARenamedHeadingOffersTheNearest(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const links = `JSON.stringify([...document.querySelectorAll("main .banner-missing a")].map(a => a.textContent + " " + decodeURIComponent(new URL(a.href).hash)))`
	for _, c := range []struct{ hash, want string }{
		{"#三考核原则", `可能是指“三、考核的原则” #三考核的原则`},
		{"#销售人员奖惩方法.5", `可能是指“四、销售人员月度绩效考核办法”中的“（二）奖惩办法”第 5 条 #销售人员奖惩办法.5`},
		{"#完全无关的东西", ``},
	} {
		harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.Navigate(s.URL+"/latest/performance/"+c.hash), chromedp.WaitVisible(chromedp.CSS("main h1")))
		harness.WaitFor(t, ctx, `!!document.querySelector("main .banner-missing")`, links)
		got := harness.Eval[string](t, ctx, links)
		if c.want == "" {
			if strings.Contains(got, "可能是指") {
				t.Errorf("%s: offers %s", c.hash, got)
			}
			continue
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: the note's links are %s; want %s", c.hash, got, c.want)
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#销售人员奖惩方法.5"), chromedp.WaitVisible(chromedp.CSS("main .banner-missing")))
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(`main .banner-missing a[href*="%E5%8A%9E"]`), chromedp.NodeVisible))
	harness.WaitFor(t, ctx, `document.querySelector(":target")?.id === "销售人员奖惩办法.5" && !document.querySelector("main .banner-missing")`, `location.hash`)
}

// A table wider than a phone scrolls, and a figure or a date in it stays
// whole: the page's overflow-wrap: anywhere let the squeezed columns of a
// seven-column table break 2772.00 as "27/72./00" and 2026 as "202/6".
func TestFiguresInAWideTableStayWhole(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# 月度绩效\n\n| 序号 | 姓名 | 说明 | 绩效工资 | 备注 | 日期 | 合计 |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "| %d | 大客户员%d | 销售业绩考评得分与业绩目标达成率 | %d000.00 元 | 备注备注备注 | 2026-01-0%d | 2772.00 |\n", i, i, i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "月度绩效.md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s := harness.ServeContent(t, dir, false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/latest/%E6%9C%88%E5%BA%A6%E7%BB%A9%E6%95%88/"), chromedp.WaitVisible(chromedp.CSS(".prose table")))
	got := harness.Eval[map[string]any](t, ctx, `(() => {
  const t = document.querySelector(".prose table");
  // The lines a cell's first n characters take.
  // (Its text may be in several nodes: a figure kept whole is a span.)
  const lines = (td, n) => {
    const w = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    const r = document.createRange();
    let node = w.nextNode();
    r.setStart(node, 0);
    while (node.length < n && w.nextNode()) { n -= node.length; node = w.currentNode; }
    r.setEnd(node, Math.min(n, node.length));
    return new Set([...r.getClientRects()].map(q => Math.round(q.top))).size;
  };
  const split = [];
  for (const tr of t.tBodies[0].rows) {
    for (const [col, n] of [[3, 7], [5, 4], [6, 7]]) if (lines(tr.cells[col], n) > 1) split.push(tr.cells[col].textContent);
  }
  return {split, page: document.documentElement.scrollWidth, scrolls: t.scrollWidth > t.clientWidth};
})()`)
	if split, _ := got["split"].([]any); len(split) > 0 {
		t.Errorf("at 390 px, figures broken across lines: %v", split)
	}
	if got["page"] != 390.0 || got["scrolls"] != true {
		t.Errorf("the page is %v px wide and the table scrolls: %v; want the table alone to scroll", got["page"], got["scrolls"])
	}
}
