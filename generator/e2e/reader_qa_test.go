package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// What a demanding reader meets on a phone, a laptop and paper: Chinese
// typography, clause links, the sidebar, banners and the sticky header.

// media emulates a media type ("print" or "" for the screen) and media
// features such as prefers-color-scheme.
func media(t *testing.T, ctx context.Context, typ string, features ...*emulation.MediaFeature) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: typ, Features: features}); err != nil {
		t.Fatal(err)
	}
}

// advance is a page expression for the width of text set in the font of
// the element sel, in ems, on one line and without letter spacing.
func advance(sel, text string) string {
	return fmt.Sprintf(`(() => {
  const host = document.querySelector(%q), s = document.createElement("span");
  s.textContent = %q;
  s.style.cssText = "white-space: nowrap; letter-spacing: 0; position: absolute; left: 0; top: 0";
  host.appendChild(s);
  const em = s.getBoundingClientRect().width / parseFloat(getComputedStyle(s).fontSize);
  s.remove();
  return em;
})()`, sel, text)
}

// Chinese quotation marks are full-width, as in every Chinese book: drawn
// by the Latin system font (system-ui comes first in the stack) they were
// half as wide and hugged the characters they quote (“直接上级”“直接下级”),
// on the screen and on paper, in the text and in bold headings.
func TestChineseQuotesAreFullWidth(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS(".editor-note")))
	for _, m := range []string{"", "print"} {
		media(t, ctx, m)
		for _, sel := range []string{".editor-note p:not(.note-label)", "main h1"} {
			// Four characters with two quotes between them: six ems.
			if em := harness.Eval[float64](t, ctx, advance(sel, "中“中中”中")); em < 5.8 {
				t.Errorf("media %q, %s: 中“中中”中 is %.2f em wide, want 6 (full-width quotes)", m, sel, em)
			}
			if em := harness.Eval[float64](t, ctx, advance(sel, "中‘中中’中")); em < 5.8 {
				t.Errorf("media %q, %s: 中‘中中’中 is %.2f em wide, want 6", m, sel, em)
			}
		}
	}
}

// A reader on a phone can link to a clause: the clause's number is its
// link. (The § beside it had no room on a phone and was hidden, so a phone
// could link to headings only, never to 第六章奖惩办法第5条.)
func TestPhoneReaderLinksToAClause(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{320, 390} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/performance/"),
			chromedp.WaitVisible(chromedp.CSS(`[id="销售人员奖惩办法.5"]`)))
		harness.Eval[bool](t, ctx, `(document.getElementById("销售人员奖惩办法.5").scrollIntoView({block: "center", behavior: "instant"}), true)`)
		box := harness.Eval[map[string]float64](t, ctx, `(() => {
  const r = document.querySelector('[id="销售人员奖惩办法.5"] > .clause-anchor').getBoundingClientRect();
  const marker = document.getElementById("销售人员奖惩办法.5").getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height, textLeft: marker.left};
})()`)
		if box["width"] < 24 || box["height"] < 24 || box["left"] < 0 || box["right"] > box["textLeft"]+1 {
			t.Fatalf("width %d: the clause link is %v (the clause's text starts at %.0f); want a tap target of 24 px or more over the number", w, box, box["textLeft"])
		}
		x, y := (box["left"]+box["right"])/2, box["top"]+box["height"]/2
		if hit := harness.Eval[bool](t, ctx, fmt.Sprintf(`document.elementFromPoint(%f, %f)?.classList.contains("clause-anchor")`, x, y)); !hit {
			t.Fatalf("width %d: the number of clause 5 is covered by %s", w, harness.Eval[string](t, ctx, fmt.Sprintf(`document.elementFromPoint(%f, %f).outerHTML.slice(0, 80)`, x, y)))
		}
		harness.Do(t, ctx, chromedp.MouseClickXY(x, y))
		harness.WaitFor(t, ctx, `decodeURIComponent(location.hash) === "#销售人员奖惩办法.5" && document.querySelector(":target")?.id === "销售人员奖惩办法.5"`, `location.hash`)
	}
}

// The chapter list follows the window across a phone's width: folded on a
// phone, open beside the text when the phone is turned or the window
// widened, folded again when it narrows.
func TestSidebarFollowsTheWindowWidth(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const state = `JSON.stringify({open: document.querySelector(".nav-details").open, width: innerWidth, links: document.querySelector(".nav-list a").getClientRects().length})`
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitFor(t, ctx, `!document.querySelector(".nav-details").open`, state)
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 800))
	harness.WaitFor(t, ctx, `document.querySelector(".nav-details").open && document.querySelector(".nav-list a").getClientRects().length > 0`, state)
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 800))
	harness.WaitFor(t, ctx, `!document.querySelector(".nav-details").open`, state)
}

// An old revision's banner is the first thing in the main landmark: a
// keyboard reader who takes 跳到正文, and a screen reader going by
// landmarks, meet "已废止" before the text (between the header and the
// layout it was in no landmark, and the skip link jumped over it).
func TestOldRevisionBannerIsReadFirst(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/v/2025.1/performance/"), chromedp.WaitVisible(chromedp.CSS(".banner-old")))
	if where := harness.Eval[string](t, ctx, `(() => {
  const b = document.querySelector(".banner-old"), main = document.querySelector("main");
  if (!main.contains(b)) return "outside main, after " + (b.previousElementSibling?.tagName || "nothing");
  const w = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP);
  const first = w.nextNode();
  return b.contains(first) ? "" : "in main, but main's text starts with " + first.textContent.trim().slice(0, 20);
})()`); where != "" {
		t.Fatalf("the old revision's banner is %s", where)
	}
	// 跳到正文, then Tab: the banner's link is the first stop.
	harness.Eval[bool](t, ctx, `(document.querySelector(".skip-link").focus(), true)`)
	harness.Press(t, ctx, "\r")
	harness.WaitFor(t, ctx, `document.activeElement === document.querySelector("main")`, harness.ActiveElement)
	harness.Press(t, ctx, "\t")
	if !harness.Eval[bool](t, ctx, `document.activeElement.matches(".banner-old a")`) {
		t.Errorf("after 跳到正文 and Tab the focus is on %s, want the banner's link to the revision in force", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
}

// The short links after a sentence (查看改动, 查看现行版本的本页) go to the
// next line whole on a phone; they were cut in two, 查看 at the end of one
// line and 改动 at the start of the next.
func TestShortLinksAreNotCutInTwo(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, w := range []int64{320, 360, 390, 414} {
		for _, p := range []string{"/latest/job-descriptions/", "/latest/performance/", "/v/2025.1/performance/", "/v/2025.1/job-descriptions/"} {
			harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
			if cut := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll(".last-changed a, .banner a")].filter(a => a.getClientRects().length > 1).map(a => a.textContent)`); len(cut) > 0 {
				t.Errorf("width %d, %s: %q run over two lines", w, p, cut)
			}
		}
	}
}

// A link to a clause or heading lands just under the sticky header at
// every size: not hidden under it, and not a header's height lower (the
// page's scroll padding and the target's scroll margin were both the
// header's height, so a clause landed 86 px below a laptop's header). On
// a short window (a phone turned sideways, a laptop at 200 % zoom) the
// header scrolls away rather than keep a third of the screen, and on the
// narrowest phone it keeps to two rows.
func TestDeepLinksLandUnderTheHeader(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	for _, size := range [][2]int64{{320, 640}, {390, 844}, {768, 1024}, {1280, 800}, {640, 360}, {844, 390}} {
		for _, frag := range []string{"销售人员奖惩办法.5", "四销售人员月度绩效考核办法"} {
			harness.Do(t, ctx, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#"+frag), chromedp.WaitVisible(chromedp.CSS(`[id="`+frag+`"]`)))
			harness.SettleScroll(t, ctx)
			got := harness.Eval[map[string]float64](t, ctx, fmt.Sprintf(`(() => {
  const h = document.querySelector(".site-header").getBoundingClientRect();
  return {header: Math.max(h.bottom, 0), headerHeight: h.height, target: document.getElementById(%q).getBoundingClientRect().top, scrollY};
})()`, frag))
			gap := got["target"] - got["header"]
			if got["scrollY"] < 100 || gap < 0 || gap > 32 {
				t.Errorf("%dx%d, #%s: the target's top is %.0f px, the header ends at %.0f px (%.0f px gap, want 0–32)", size[0], size[1], frag, got["target"], got["header"], gap)
			}
			if size[1] < 480 && got["header"] > 0 {
				t.Errorf("%dx%d: the header stays on screen, %.0f px of %d", size[0], size[1], got["header"], size[1])
			}
			if size[1] >= 480 && got["headerHeight"] > 100 {
				t.Errorf("%dx%d: the sticky header is %.0f px high", size[0], size[1], got["headerHeight"])
			}
		}
	}
}

// axNames lists "role: name" of every node of the page's accessibility
// tree that has a name, as a screen reader gets them.
func axNames(t *testing.T, ctx context.Context) []string {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v *accessibility.Value) string {
		var s string
		if v != nil {
			_ = json.Unmarshal(v.Value, &s)
		}
		return s
	}
	var out []string
	for _, n := range tree.Nodes {
		if !n.Ignored && str(n.Name) != "" {
			out = append(out, str(n.Role)+": "+str(n.Name))
		}
	}
	return out
}

// The version button is named by what it shows, then what it does: its
// aria-label "切换版本" hid the version and its status from a screen
// reader, and voice control could not be told to press "2025.1 · 已废止".
func TestVersionButtonSaysTheVersion(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for page, shown := range map[string]string{"/latest/performance/": "2026.1 · 现行", "/v/2025.1/performance/": "2025.1 · 已废止"} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+page), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if text := harness.Eval[string](t, ctx, `document.querySelector(".version-switcher summary").innerText.trim()`); !strings.HasPrefix(text, shown) {
			t.Fatalf("%s: the version button shows %q, want %q", page, text, shown)
		}
		var found []string
		for _, n := range axNames(t, ctx) {
			if strings.HasPrefix(n, "DisclosureTriangle: ") && strings.Contains(n, "切换版本") {
				found = append(found, n)
			}
		}
		if len(found) != 1 || !strings.HasPrefix(found[0], "DisclosureTriangle: "+shown) || strings.Contains(found[0], "▾") {
			t.Errorf("%s: the version button is named %q; want its shown text %q, then 切换版本, and no ▾", page, found, shown)
		}
	}
}

// Chinese beside Latin letters or digits gets the little space of Chinese
// typesetting: the policy's "按105%发放" (no spaces in the source) and the
// editors' "94.5 分" (typed spaces) read alike. Without it the digits sat
// flush against the characters.
func TestDigitsBesideChineseAreSpaced(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	for _, sel := range []string{".prose > p", ".prose ol li", ".editor-note p:not(.note-label)", "main h1"} {
		mixed := harness.Eval[float64](t, ctx, advance(sel, "按105发放"))
		parts := harness.Eval[float64](t, ctx, advance(sel, "按"))*3 + harness.Eval[float64](t, ctx, advance(sel, "105"))
		if extra := mixed - parts; extra < 0.2 || extra > 0.3 {
			t.Errorf("%s: 按105发放 has %.3f em between its Chinese and its digits, want ¼ em (⅛ em each side)", sel, extra)
		}
	}
}

// Offline, a page the service worker did not keep says so across the text
// column, as a chapter reads: it was set in the sidebar's 15 rem column of
// the page grid, eight characters to a line on a laptop.
func TestOfflinePageReadsAcrossTheColumn(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	srv := httptest.NewServer(harness.FileHandler(s.Files))
	defer srv.Close()
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitPrecached(t, ctx, "/latest/")
	harness.GoOffline(t, ctx, srv)
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/no-such-chapter/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h1 := harness.Eval[string](t, ctx, `document.querySelector("main h1").textContent`); h1 != "找不到这一页" {
		t.Fatalf("offline, an unkept page shows %q", h1)
	}
	if w := harness.Eval[float64](t, ctx, `document.querySelector("main article").getBoundingClientRect().width / parseFloat(getComputedStyle(document.body).fontSize)`); w < 30 {
		t.Errorf("the offline page's text is %.1f em wide, want the text column's (30 em or more)", w)
	}
}

// Printed from a device in dark mode, the page prints in the light scheme:
// the org chart's boxes (SVG fills print whatever the background setting)
// were near-black under black names, and the seal red was the dark
// scheme's pink.
func TestPrintFromDarkModeIsLight(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "print", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
	for _, p := range []string{"/latest/structure/", "/latest/print/"} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+p), chromedp.WaitVisible(chromedp.CSS(".orgchart")))
		got := harness.Eval[map[string]string](t, ctx, `(() => {
  const cs = sel => getComputedStyle(document.querySelector(sel));
  return {box: cs(".oc-node rect").fill, name: cs(".oc-node text").fill,
    accent: getComputedStyle(document.documentElement).getPropertyValue("--accent").trim(), soft: getComputedStyle(document.documentElement).getPropertyValue("--bg-soft").trim()};
})()`)
		if got["box"] != "rgb(246, 247, 249)" || got["name"] != "rgb(0, 0, 0)" || got["accent"] != "#b4232a" || got["soft"] != "#f6f7f9" {
			t.Errorf("%s printed in dark mode: %v; want light boxes (rgb(246, 247, 249)) with black names, and the light scheme's #b4232a", p, got)
		}
	}
}

// The chapter's own contents (本章目录) reach every reader: beside the
// text on a wide screen, open; above it, folded, on a phone or a tablet,
// where it was hidden (a phone reader of chapter 6 could only scroll).
// Opened there, a heading of it lands on that heading.
func TestChapterContentsOnEveryScreen(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const where = `JSON.stringify({toc: document.querySelector(".toc")?.getBoundingClientRect(), h1: document.querySelector("main h1").getBoundingClientRect(), open: document.querySelector(".toc details")?.open})`
	for _, w := range []int64{390, 900, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		got := harness.Eval[map[string]any](t, ctx, `(() => {
  const toc = document.querySelector(".toc"), h1 = document.querySelector("main h1").getBoundingClientRect();
  const r = toc.getBoundingClientRect(), d = toc.querySelector("details");
  return {visible: r.width > 0 && r.height > 0, above: r.bottom <= h1.top, beside: r.left >= h1.right, open: !!(d && d.open)};
})()`)
		wide := w > 1152
		if got["visible"] != true || (wide && (got["beside"] != true || got["open"] != true)) || (!wide && (got["above"] != true || got["open"] != false)) {
			t.Errorf("width %d: 本章目录 is %v; want it beside the text and open on a wide screen, above it and folded otherwise\n%s", w, got, harness.Eval[string](t, ctx, where))
			continue
		}
		if !wide {
			harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".toc summary"), chromedp.NodeVisible))
			box := harness.Eval[map[string]float64](t, ctx, `(() => { const r = [...document.querySelectorAll(".toc a")].find(a => decodeURIComponent(a.hash) === "#大客户内勤月度绩效考核办法").getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`)
			harness.Do(t, ctx, chromedp.MouseClickXY(box["x"], box["y"]))
			harness.WaitFor(t, ctx, `decodeURIComponent(location.hash) === "#大客户内勤月度绩效考核办法"`, `location.hash`)
			// The smooth scroll may start frames after the hash changes on
			// a loaded machine (two still samples at the top were taken
			// for its end): wait for the heading, then for the page still.
			const top = `document.getElementById("大客户内勤月度绩效考核办法").getBoundingClientRect().top - document.querySelector(".site-header").getBoundingClientRect().bottom`
			harness.WaitFor(t, ctx, top+` >= 0 && `+top+` <= 32`, `"width `+fmt.Sprint(w)+`: the heading chosen in 本章目录 is " + (`+top+`) + " px below the header"`)
			harness.SettleScroll(t, ctx)
			if top := harness.Eval[float64](t, ctx, top); top < 0 || top > 32 {
				t.Errorf("width %d: the heading chosen in 本章目录 is %.0f px below the header", w, top)
			}
		}
	}
}

// Tabbing out of the open version menu closes it: it stayed open over the
// text where the focus went on (on a phone, over the chapter).
func TestVersionMenuClosesWhenTabbedOutOf(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(s.URL+"/latest/training/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(document.querySelector("details.version-switcher summary").focus(), true)`)
	harness.Press(t, ctx, "\r")
	harness.WaitFor(t, ctx, `document.querySelector("details.version-switcher").open`, harness.ActiveElement)
	links := harness.Eval[int](t, ctx, `document.querySelectorAll("details.version-switcher a").length`)
	for i := 0; i < links; i++ {
		harness.Press(t, ctx, "\t")
	}
	if !harness.Eval[bool](t, ctx, `document.querySelector("details.version-switcher").open`) {
		t.Fatalf("the menu closed while the focus was still in it, on %s", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
	harness.Press(t, ctx, "\t")
	harness.WaitFor(t, ctx, `!document.querySelector("details.version-switcher").open`, `"still open; focus on " + `+harness.ActiveElement)
	if harness.Eval[bool](t, ctx, `document.activeElement.closest("details.version-switcher") !== null || document.activeElement === document.body`) {
		t.Errorf("after tabbing out of the menu the focus is on %s", harness.Eval[string](t, ctx, harness.ActiveElement))
	}
}

// On paper the cover's list of chapters reads "第一章 …", not "1. 第一章 …",
// and each chapter starts at the top of its page, not 3 rem below it.
func TestPrintedHandbookCoverAndChapterStarts(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "print")
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/print/"), chromedp.WaitVisible(chromedp.CSS(".print-toc")))
	got := harness.Eval[map[string]string](t, ctx, `({marker: getComputedStyle(document.querySelector(".print-toc li")).listStyleType, first: document.querySelector(".print-toc li").textContent,
  top: getComputedStyle(document.querySelector(".print-chapter-title")).marginTop})`)
	if got["marker"] != "none" || !strings.HasPrefix(got["first"], "第一章") || got["top"] != "0px" {
		t.Errorf("printed: the cover's chapters are marked %q before %q, and a chapter's title is %s below its page's top; want no marker and 0px", got["marker"], got["first"], got["top"])
	}
}

// A long bare address on a phone starts on the line it is written on:
// as a word that could not break it went whole to the next line, and the
// three characters before it were justified across the line, "请　　访　　问".
func TestLongAddressStartsOnItsLine(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"site.toml": "title = \"测试手册\"\norganisation = \"某公司\"\nlanguage = \"zh-CN\"\n",
		"01-a.md":   "---\ntitle: 第一章 地址\nslug: a\n---\n\n## 一、链接\n\n请访问 https://example.com/a/very/long/path/that/does/not/break/anywhere/at/all/because/it/is/one/token 查看。\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := harness.ServeContent(t, dir, false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(360, 800), chromedp.Navigate(s.URL+"/latest/a/"), chromedp.WaitVisible(chromedp.CSS(".prose a")))
	got := harness.Eval[map[string]float64](t, ctx, `(() => {
  const a = document.querySelector(".prose p a"), p = a.closest("p");
  const r = document.createRange(); r.setStart(p.firstChild, 0); r.setEnd(p.firstChild, 3);
  const words = r.getBoundingClientRect(), link = a.getClientRects()[0];
  return {wordsWidth: words.width / parseFloat(getComputedStyle(p).fontSize), sameLine: Math.abs(link.top - words.top) < 2 ? 1 : 0, overflow: document.documentElement.scrollWidth - innerWidth};
})()`)
	if got["sameLine"] != 1 || got["wordsWidth"] > 5 || got["overflow"] > 0 {
		t.Errorf("请访问 before a long address: %v; want the address to start on its line, 请访问 not spread across the line, nothing over the page's edge", got)
	}
}

// An old link to a clause, kept in a mail or a bookmark from before the
// page moved (/old/leave/#迟到与早退.2), lands on the page in force at that
// clause: the redirect page of the alias dropped the fragment, and the
// reader got the page's top. The redirect leaves no step in the history:
// Back goes to where the reader came from.
func TestOldAddressKeepsTheClause(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: 考勤制度\naliases: [/old/leave/, kaoqin.html]\n---\n## 一、总则\n\n" + strings.Repeat("考勤制度正文。\n\n", 60) +
		"## 二、迟到与早退\n\n1. 迟到十分钟以内。\n2. 早退按旷工半日计。\n\n" + strings.Repeat("其余正文。\n\n", 60)
	if err := os.WriteFile(filepath.Join(dir, "kaoqin.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	s := harness.ServeContent(t, dir, false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/"), chromedp.WaitVisible(chromedp.CSS("main")))
	for _, old := range []string{"/old/leave/#二迟到与早退.2", "/kaoqin.html#%E4%BA%8C%E8%BF%9F%E5%88%B0%E4%B8%8E%E6%97%A9%E9%80%80.2"} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+old))
		harness.WaitPath(t, ctx, "/latest/kaoqin/")
		harness.WaitFor(t, ctx, `decodeURIComponent(location.hash) === "#二迟到与早退.2" && document.querySelector(":target")?.textContent.includes("早退按旷工半日计")`,
			`location.href + " :target " + document.querySelector(":target")?.textContent`)
		const top = `document.querySelector(":target").getBoundingClientRect().top`
		harness.WaitFor(t, ctx, top+` >= 0 && `+top+` <= 300`, `"the clause is " + `+top+` + " px from the top of the window"`)
		harness.Eval[bool](t, ctx, `(history.back(), true)`)
		harness.WaitPath(t, ctx, "/latest/")
	}
}

// notFoundHandler serves a build as a static host with an error page
// does: a missing path answers 404 with the site's 404.html.
func notFoundHandler(files map[string][]byte) http.Handler {
	inner := harness.FileHandler(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		if rec.Code == http.StatusNotFound {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if r.Method != http.MethodHead {
				_, _ = w.Write(files["404.html"])
			}
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// A link that finds no page (a mistyped address, a revision that does not
// exist, a page the revision in force dropped) gets the 404 page, which
// offers the page it may have meant, with the clause the link pointed at:
// it offered the home page and the search only, and the clause was lost.
func TestNotFoundPageOffersThePageMeant(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	srv := httptest.NewServer(notFoundHandler(s.Files))
	defer srv.Close()
	ctx := harness.Browser(t)
	const offered = `JSON.stringify([...document.querySelectorAll(".notfound-suggest a")].map(a => a.textContent + " " + decodeURIComponent(new URL(a.href).pathname + new URL(a.href).hash)))`
	for _, c := range []struct{ path, want string }{
		{"/latest/perfomance/#销售人员奖惩办法.5", `第六章 大客户部员工的工作绩效考核办法 /latest/performance/#销售人员奖惩办法.5`},
		{"/v/2024.1/performance/#内勤奖惩办法.2", `第六章 大客户部员工的工作绩效考核办法（现行版本） /latest/performance/#内勤奖惩办法.2`},
		{"/v/2024.1/performance/#内勤奖惩办法.2", `第六章 大客户部员工的工作绩效考核办法（2025.1 版） /v/2025.1/performance/#内勤奖惩办法.2`},
		{"/latest/training", `第四章 大客户部培训制度（现行版本） /latest/training/`},
	} {
		harness.Do(t, ctx, chromedp.Navigate(srv.URL+c.path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		harness.WaitFor(t, ctx, `!!document.querySelector(".notfound-suggest a")`, offered)
		if got := harness.Eval[string](t, ctx, offered); !strings.Contains(got, c.want) {
			t.Errorf("%s: the 404 page offers %s; want %s", c.path, got, c.want)
		}
	}
	// An address like no page's offers nothing but the usual ways on.
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/zzzzzzzz/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	time.Sleep(500 * time.Millisecond)
	if got := harness.Eval[string](t, ctx, offered); got != "[]" {
		t.Errorf("an address like no page's: the 404 page offers %s", got)
	}
	// Followed, the offer lands on the clause.
	harness.Do(t, ctx, chromedp.Navigate(srv.URL+"/latest/perfomance/#销售人员奖惩办法.5"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.WaitFor(t, ctx, `!!document.querySelector(".notfound-suggest a")`, offered)
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".notfound-suggest a"), chromedp.NodeVisible))
	harness.WaitPath(t, ctx, "/latest/performance/")
	harness.WaitFor(t, ctx, `document.querySelector(":target")?.id === "销售人员奖惩办法.5"`, `location.href`)
}

// Every printed page says what it is a page of and which: a running head
// with the handbook, its revision and whether it is in force (an old
// revision's pages say 已废止 on each sheet, not only under the banner of
// the first) and the chapter, and 第 n 页，共 N 页 at its foot. The
// browser's own header and footer showed the tab's title (打印全文 ·
// …), the date and the page's address, and, turned off, no page number.
func TestPrintedPagesHaveHeadAndNumber(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, c := range []struct{ path, head string }{
		{"/latest/print/", "大客户部管理制度 2026.1"},
		{"/v/2025.1/performance/", "大客户部管理制度 2025.1（已废止） · 第六章 大客户部员工的工作绩效考核办法"},
	} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+c.path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		harness.WaitFor(t, ctx, `getComputedStyle(document.documentElement).getPropertyValue("--print-header") !== ""`, `location.href`)
		if got := harness.Eval[string](t, ctx, `getComputedStyle(document.documentElement).getPropertyValue("--print-header")`); got != `"`+c.head+`"` {
			t.Errorf("%s: the running head is %s, want %q", c.path, got, c.head)
		}
		sheets, ok := printedSheets(t, ctx)
		if !ok {
			t.Log("no pdftotext (poppler-utils): the printed pages are not read")
			continue
		}
		for i, sheet := range sheets {
			if want := fmt.Sprintf("第 %d 页，共 %d 页", i+1, len(sheets)); !strings.Contains(sheet, want) {
				t.Errorf("%s, page %d: no %q:\n%s", c.path, i+1, want, sheet)
			}
			if i > 0 && !strings.Contains(sheet, c.head) {
				t.Errorf("%s, page %d: no running head %q:\n%s", c.path, i+1, c.head, sheet)
			}
			if strings.Contains(sheet, "打印全文") || strings.Contains(sheet, s.URL) {
				t.Errorf("%s, page %d: the browser's header or footer:\n%s", c.path, i+1, sheet)
			}
		}
		if len(sheets) < 2 {
			t.Errorf("%s printed on %d pages", c.path, len(sheets))
		}
	}
}

// A reader sharing a clause taps its number on a phone (its § on a
// laptop): the clause's address is copied, and a note says so and which
// clause. The tap only put the address in the address bar, which a phone
// hides, and nothing said the number was a link. Where the clipboard API
// is not offered (an intranet's http:// page), the older copy command.
func TestClauseLinkIsCopied(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: s.URL,
			// The test's own browser context (see browser), not the default one.
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
			t.Fatal(err)
		}
	}
	const toast = `(() => { const e = document.querySelector(".copy-toast.shown"); return e ? e.textContent : ""; })()`
	for _, c := range []struct {
		width  int64
		noAPI  bool
		target string
	}{{390, false, "销售人员奖惩办法.5"}, {1280, false, "内勤奖惩办法.2"}, {390, true, "内勤奖惩办法.3"}} {
		harness.Do(t, ctx, chromedp.EmulateViewport(c.width, 800), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS(`[id="`+c.target+`"]`)))
		if c.noAPI {
			harness.Eval[bool](t, ctx, `(Object.defineProperty(navigator, "clipboard", {value: undefined}), true)`)
		}
		harness.Eval[bool](t, ctx, `(document.getElementById(`+fmt.Sprintf("%q", c.target)+`).scrollIntoView({block: "center", behavior: "instant"}), true)`)
		box := harness.Eval[map[string]float64](t, ctx, `(() => { const r = document.getElementById(`+fmt.Sprintf("%q", c.target)+`).querySelector(".clause-anchor").getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`)
		harness.Do(t, ctx, chromedp.MouseClickXY(box["x"], box["y"]))
		harness.WaitFor(t, ctx, toast+` !== ""`, toast)
		n := c.target[strings.LastIndex(c.target, ".")+1:]
		if got := harness.Eval[string](t, ctx, toast); !strings.HasPrefix(got, "已复制链接：") || !strings.Contains(got, "第"+n+"条") {
			t.Errorf("width %d: the note says %q; want 已复制链接 and the clause", c.width, got)
		}
		if c.noAPI {
			continue
		}
		if got := harness.Eval[string](t, ctx, `navigator.clipboard.readText().then(decodeURIComponent)`); got != s.URL+"/latest/performance/#"+c.target {
			t.Errorf("width %d: the clipboard holds %q", c.width, got)
		}
	}
	if role := harness.Eval[string](t, ctx, `document.querySelector(".copy-toast").getAttribute("role")`); role != "status" {
		t.Errorf("the note's role is %q: a screen reader does not hear it", role)
	}
}

// On paper a link says where it goes: a page or file of the site by its
// whole address (a relative link printed nothing, only http links did),
// another chapter on the print page by its title, a bare address not a
// second time, a link within the chapter not at all.
func TestPrintedLinksSayWhereTheyGo(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"01-a.md": "---\ntitle: 第一章 总则\n---\n## 一、目的\n\n见[第二章第一条](02-b.md#一迟到.1)、[申请表](申请表.pdf)、[外部](https://example.com/policy)，<https://example.com/bare> 与[本章](#一目的)。\n",
		"02-b.md": "---\ntitle: 第二章 考勤\n---\n## 一、迟到\n\n1. 迟到十分钟以内。\n",
		"申请表.pdf": "PDF\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := harness.ServeContent(t, dir, false)
	ctx := harness.Browser(t)
	media(t, ctx, "print")
	const after = `JSON.stringify([...document.querySelectorAll("main .prose p a")].filter(a => !a.closest(".print-chapter") || a.closest(".print-chapter").id === "ch-01-a").map(a => a.textContent + getComputedStyle(a, "::after").content))`
	for path, want := range map[string][]string{
		"/latest/01-a/": {`第二章第一条\"（` + s.URL + `/latest/02-b/#一迟到.1）\"`, `申请表\"（` + s.URL + `/latest/申请表.pdf）\"`,
			`外部\"（https://example.com/policy）\"`, `https://example.com/barenone`, `本章none`},
		"/latest/print/": {`第二章第一条\"（见第二章 考勤）\"`, `申请表\"（` + s.URL + `/latest/申请表.pdf）\"`, `本章none`},
	} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+path), chromedp.WaitVisible(chromedp.CSS("main .prose p")))
		harness.WaitFor(t, ctx, `!!document.querySelector("[data-print-href]")`, after)
		got := harness.Eval[string](t, ctx, after)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s printed: links %s; want %s", path, got, w)
			}
		}
	}
	// The org chart's boxes, SVG links, are left as they are.
	real := harness.ServeContent(t, harness.ContentDir(), false)
	harness.Do(t, ctx, chromedp.Navigate(real.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS(".orgchart")))
	if got := harness.Eval[string](t, ctx, `JSON.stringify([...document.querySelectorAll("[data-print-href]")].filter(e => !(e instanceof HTMLAnchorElement)).map(e => e.dataset.printHref))`); got != "[]" {
		t.Errorf("the org chart's links are given %s", got)
	}
}

// On the print page, one outline down, each level looks as on a chapter's
// page: a chapter's title as a chapter page's, its sections as that page's
// sections, on a phone and a laptop (made <h2> and <h3>, the titles were
// bigger than the handbook's own on a phone's cover).
func TestPrintPageLevelsLookAsTheChapters(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	const size = `(sel) => getComputedStyle(document.querySelector(sel)).fontSize`
	for _, w := range []int64{390, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+"/latest/functions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		page := harness.Eval[[]string](t, ctx, `((size) => [size("main h1"), size(".prose h2")])(`+size+`)`)
		harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/print/"), chromedp.WaitVisible(chromedp.CSS(".print-chapter-title")))
		print := harness.Eval[[]string](t, ctx, `((size) => [size(".print-chapter-title"), size(".print-chapter .prose h3"), size(".print-cover h1")])(`+size+`)`)
		// The chapters' titles and sections as on their pages; the
		// handbook's title on the cover above them (it was the same size
		// as each chapter's, which had a rule under it too).
		px := func(v string) float64 {
			f, _ := strconv.ParseFloat(strings.TrimSuffix(v, "px"), 64)
			return f
		}
		if print[0] != page[0] || print[1] != page[1] || px(print[2]) <= px(page[0]) {
			t.Errorf("width %d: the print page's cover, chapter and section titles are %s, %s, %s; a chapter page's title and sections %s, %s", w, print[2], print[0], print[1], page[0], page[1])
		}
	}
}
