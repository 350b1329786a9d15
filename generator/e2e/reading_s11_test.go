package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// A second pass of reading on a phone, a tablet and a laptop: keyboard,
// screen reader and paper.

// focusUnderHeader is a page expression describing the focused element
// when the sticky header covers any of it ("" when it is in sight).
const focusUnderHeader = `(() => {
  const e = document.activeElement, header = document.querySelector(".site-header");
  if (!e || e === document.body || header.contains(e) || getComputedStyle(header).position !== "sticky") return "";
  const r = e.getBoundingClientRect(), h = header.getBoundingClientRect();
  if (r.top >= h.bottom - 1 && r.bottom <= innerHeight + 1) return "";
  return e.tagName.toLowerCase() + "." + e.className + " “" + (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().slice(0, 40) +
    "” at " + Math.round(r.top) + "–" + Math.round(r.bottom) + " px, the header ends at " + Math.round(h.bottom) + " px";
})()`

// Going back through a chapter with Shift+Tab on a phone, each clause's
// link and each of the calculator's fields comes into sight below the
// sticky header: the browser scrolled each to 4.5 rem from the top (the
// page's scroll padding, for a laptop's one-row header), under a phone's
// two rows, so the focused clause link or field was hidden behind the
// title and the search box (WCAG 2.4.11). Forward, then back, through
// the whole chapter, at 320, 390 and 768 px.
func TestFocusIsNotHiddenUnderTheHeader(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	for _, w := range []int64{320, 390, 768, 1280} {
		harness.Do(t, ctx, chromedp.EmulateViewport(w, 700), chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS(".pc-input")))
		// From the chapter's last link back to its first.
		harness.Do(t, ctx, chromedp.Focus(chromedp.CSS(".prevnext a:last-child")))
		n := harness.Eval[int](t, ctx, `document.querySelectorAll("main a[href]:not([tabindex='-1']), main input, main summary").length`)
		hidden := 0
		for i := 0; i < n && hidden < 5; i++ {
			harness.Do(t, ctx, chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
			harness.SettleScroll(t, ctx)
			if got := harness.Eval[string](t, ctx, focusUnderHeader); got != "" {
				t.Errorf("%d px, Shift+Tab: the focused %s", w, got)
				hidden++
			}
			if harness.Eval[bool](t, ctx, `!document.querySelector("main").contains(document.activeElement)`) {
				break
			}
		}
	}
}

// The whole handbook printed (the print page) names on each sheet the
// chapter it holds, beside the handbook and its revision, as a chapter
// printed alone does: every sheet said only "大客户部管理制度 2026.1",
// so a loose sheet of 第三章 or 第六章 did not say whose rules it held.
// Checked in the PDF, sheet by sheet, for the revision in force and an
// old one.
func TestPrintedHandbookHeadsNameTheChapter(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, c := range []struct{ path, head string }{
		{"/latest/print/", "大客户部管理制度 2026.1"},
		{"/v/2025.1/print/", "大客户部管理制度 2025.1（已废止）"},
	} {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+c.path), chromedp.WaitVisible(chromedp.CSS(".print-chapter-title")))
		harness.WaitFor(t, ctx, `getComputedStyle(document.documentElement).getPropertyValue("--print-header") !== ""`, `location.href`)
		titles := harness.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".print-chapter-title"), h => h.textContent.trim())`)
		sheets, ok := printedSheets(t, ctx)
		if !ok {
			t.Skip("no pdftotext (poppler-utils): the printed pages cannot be read")
		}
		chapter, seen := "", map[string]bool{}
		for i, sheet := range sheets[1:] { // the cover has no running head
			var lines []string
			for _, l := range strings.Split(sheet, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			if len(lines) < 2 {
				t.Fatalf("%s, sheet %d: %q", c.path, i+2, sheet)
			}
			// A chapter starts a sheet: its title is the first line of the text.
			for _, title := range titles {
				if lines[1] == title {
					chapter = title
				}
			}
			if chapter == "" {
				t.Fatalf("%s, sheet %d: no chapter has begun:\n%s", c.path, i+2, sheet)
			}
			seen[chapter] = true
			if want := c.head + " · " + chapter; lines[0] != want {
				t.Errorf("%s, sheet %d: the running head is %q, want %q", c.path, i+2, lines[0], want)
			}
		}
		if len(seen) != len(titles) {
			t.Errorf("%s: %d of %d chapters began a sheet", c.path, len(seen), len(titles))
		}
	}
}

// printedSheets prints the page to PDF, as a reader's browser does with
// its own header and footer on, and returns each sheet's text
// (pdftotext -layout); false without pdftotext.
func printedSheets(t *testing.T, ctx context.Context) ([]string, bool) {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, false
	}
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{DisplayHeaderFooter: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(name, pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", name, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f\n "), "\f"), true
}

// lineTexts is a page expression: for each element of sel (shown), its
// text split where its lines break.
func lineTexts(sel string) string {
	return fmt.Sprintf(`(() => {
  const out = [], r = document.createRange();
  for (const el of document.querySelectorAll(%q)) {
    if (!el.getClientRects().length) continue;
    const lines = new Map(), w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n; (n = w.nextNode());) {
      if (n.parentElement.closest(".visually-hidden")) continue;
      for (let i = 0; i < n.length; i++) {
        r.setStart(n, i); r.setEnd(n, i + 1);
        const rect = r.getClientRects()[0];
        if (!rect || !rect.width) continue;
        const y = Math.round(rect.top);
        lines.set(y, (lines.get(y) || "") + n.data[i]);
      }
    }
    out.push([...lines.values()].map(l => l.trim()).filter(Boolean));
  }
  return out;
})()`, sel)
}

// The payout rules' table, on a phone and on paper: a caption breaks
// after its role's name (大客户内勤：/考核项目), never inside a word, and a
// score range stays on one line. Printed, the narrow table cut its caption
// as "大客户内 / 勤：考核项目"; on a 320 px phone the range column broke
// "95–100 分" as "95– / 100 / 分".
func TestRulesTableKeepsWordsAndRangesWhole(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, m := range []string{"", "print"} {
		for _, w := range []int64{320, 390, 1280} {
			for _, p := range []string{"/latest/calculator/", "/latest/performance/", "/v/2025.1/calculator/"} {
				harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+p), chromedp.WaitReady(chromedp.CSS("details.rules-table")))
				media(t, ctx, m)
				harness.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`for (const d of document.querySelectorAll("details.rules-table")) d.open = true`))
				where := fmt.Sprintf("%s, %d px, media %q", p, w, m)
				if m == "print" && p == "/latest/performance/" {
					continue // the calculator is not printed with the chapter
				}
				for _, lines := range harness.Eval[[][]string](t, ctx, lineTexts(".rules-table caption")) {
					for _, l := range lines[:len(lines)-1] {
						if !strings.HasSuffix(l, "：") {
							t.Errorf("%s: a caption breaks as %q; want it whole, or broken after its “：”", where, strings.Join(lines, " / "))
							break
						}
					}
				}
				for _, lines := range harness.Eval[[][]string](t, ctx, lineTexts(".rules-table tbody td:first-child")) {
					if len(lines) > 1 && strings.ContainsAny(strings.Join(lines, ""), "0123456789") && strings.Contains(strings.Join(lines, ""), "–") {
						t.Errorf("%s: a score range breaks as %q; want it on one line", where, strings.Join(lines, " / "))
					}
				}
			}
		}
	}
}

// The version menu, opened on a phone with large text, stays on the
// screen: its least width (14 rem) was wider than a 320 or 390 px phone
// at 200 % text, and hung from the button at the right, it ran off the
// screen's left edge, cutting "2026.1 现行" to "行" where nobody could
// scroll to it. And in a narrow menu a revision's date stays whole.
func TestVersionMenuStaysOnAPhoneScreen(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, px := range []int64{16, 24, 32} {
		textSize(t, ctx, px)
		for _, w := range []int64{320, 390, 768} {
			for _, p := range []string{"/latest/performance/", "/v/2025.1/training/"} {
				harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+p), chromedp.WaitVisible(chromedp.CSS(".version-switcher summary")),
					chromedp.Click(chromedp.CSS(".version-switcher summary")), chromedp.WaitVisible(chromedp.CSS(".version-switcher ul")))
				got := harness.Eval[[]string](t, ctx, `(() => {
  const out = [], W = document.documentElement.clientWidth;
  for (const e of document.querySelectorAll(".version-switcher ul, .version-link")) {
    const r = e.getBoundingClientRect();
    if (r.left < 0 || r.right > W) out.push(e.tagName.toLowerCase() + " “" + e.textContent.trim().replace(/\s+/g, " ") + "” spans " + Math.round(r.left) + "–" + Math.round(r.right) + " px");
  }
  return out;
})()`)
				for _, g := range got {
					t.Errorf("text %d px, %d px wide, %s: the open version menu leaves the screen: %s", px, w, p, g)
				}
				// A revision's note goes under it whole, not cut inside its
				// date (现行 · 2026- / 01-01), on a screen of 12 rem or more
				// (a narrower one has no room for the date on one line).
				if w*16/px < 12*16 {
					continue
				}
				for _, lines := range harness.Eval[[][]string](t, ctx, lineTexts(".version-link small")) {
					if len(lines) > 1 {
						t.Errorf("text %d px, %d px wide, %s: a revision's note in the version menu is cut as %q", px, w, p, strings.Join(lines, " / "))
					}
				}
			}
		}
	}
}

// The payout rules' table opened on a phone with large text scrolls
// inside itself, and the page does not scroll sideways: the words of its
// clause links meant for a screen reader (销售人员 第1条), placed out of
// flow, escaped the table's scrolling box and widened the page by 47 px
// at 390 px and 200 % text, 117 px at 320 px, so the text slid sideways
// under a reader's thumb.
func TestOpenRulesTableKeepsThePageOnTheScreen(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, px := range []int64{16, 24, 32} {
		textSize(t, ctx, px)
		for _, w := range []int64{320, 390} {
			for _, p := range []string{"/latest/calculator/", "/latest/performance/"} {
				harness.Do(t, ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(s.URL+p), chromedp.WaitReady(chromedp.CSS("details.rules-table")))
				harness.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`for (const d of document.querySelectorAll("details.rules-table")) d.open = true`))
				if got := harness.Eval[float64](t, ctx, `document.documentElement.scrollWidth - innerWidth`); got > 0 {
					t.Errorf("text %d px, %d px wide, %s: with the rules table open the page is %.0f px wider than the screen", px, w, p, got)
				}
			}
		}
	}
}

// Every section's address is in reach of the keyboard: Tab from the top
// of the page comes to a link to each heading of the text, named by its
// section, and a screen reader still names each heading by its text
// alone. The # links were out of the Tab order and hidden, on the idea
// that the chapter's contents list links each section; but a chapter of
// one heading (第四章) has no contents list, the print page's lists only
// chapters, and a keyboard reader could not reach, copy or share 人员的培训
// or any of the print page's sections.
func TestHeadingLinksAreReachedByTheKeyboard(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	media(t, ctx, "", &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	for _, c := range []struct {
		path string
		w    int64
	}{{"/latest/training/", 390}, {"/latest/performance/", 1280}, {"/latest/print/", 390}, {"/v/2025.1/job-descriptions/", 768}} {
		harness.Do(t, ctx, chromedp.EmulateViewport(c.w, 800), chromedp.Navigate(s.URL+c.path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		want := harness.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("main .prose :is(h2, h3, h4, h5, h6)[id]"), h => "#" + h.id)`)
		if len(want) == 0 {
			t.Fatalf("%s: no headings", c.path)
		}
		// Tab through the page, noting each link to a heading focused.
		reached := map[string]string{}
		harness.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); scrollTo(0, 0)`))
		for i := 0; i < 400; i++ {
			harness.Press(t, ctx, "\t")
			f := harness.Eval[[]string](t, ctx, `(e => [e.getAttribute("href") || "", e.closest("main .prose :is(h2, h3, h4, h5, h6)") ? "heading" : "", e.getAttribute("aria-label") || "", e.matches(":focus-visible") && getComputedStyle(e).opacity !== "0" ? "shown" : ""])(document.activeElement)`)
			if f[1] == "heading" {
				reached[f[0]] = f[2]
				if f[3] != "shown" {
					t.Errorf("%s: the focused link %s is not shown", c.path, f[0])
				}
			}
			if harness.Eval[bool](t, ctx, `document.activeElement.matches(".site-footer *, .prevnext a:last-child") || (document.activeElement === document.body)`) && i > 5 {
				break
			}
		}
		for _, href := range want {
			name, ok := reached[href]
			if !ok {
				t.Errorf("%s: Tab never reaches a link to the heading %s", c.path, href)
				continue
			}
			text := harness.Eval[string](t, ctx, fmt.Sprintf(`(h => h.firstChild.textContent.trim())(document.getElementById(%q))`, href[1:]))
			if !strings.Contains(name, text) {
				t.Errorf("%s: the link to %s is named %q; want it to name the section %q", c.path, href, name, text)
			}
		}
		// A screen reader's name for each heading: its text, no link words.
		nodes, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			t.Fatal(err)
		}
		headings := 0
		for _, n := range nodes.Nodes {
			var role, name string
			if n.Ignored || n.Role == nil || n.Name == nil || json.Unmarshal(n.Role.Value, &role) != nil || role != "heading" {
				continue
			}
			if err := json.Unmarshal(n.Name.Value, &name); err != nil {
				t.Fatal(err)
			}
			headings++
			if strings.Contains(name, "链接") || strings.Contains(name, "#") {
				t.Errorf("%s: a heading's spoken name is %q; want its text alone", c.path, name)
			}
		}
		if headings <= len(want) {
			t.Errorf("%s: the accessibility tree has %d headings; want the title and %d more", c.path, headings, len(want))
		}
	}
}

// A reader who works out this month's pay on the calculator's page and
// prints it (to keep, or to take to HR) gets the result with every step
// and its clause; the page printed the rules table alone, though the
// calculator hides only its form, chart and status line on paper. A
// chapter printed leaves the calculator out, as before.
func TestPrintedCalculatorShowsTheResult(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/calculator/#role=sales&score=88&base=3000&dept=exceeded"), chromedp.WaitVisible(chromedp.CSS(".payout-calculator")))
	harness.WaitState(t, ctx, "result")
	sheets, ok := printedSheets(t, ctx)
	if !ok {
		t.Skip("no pdftotext (poppler-utils): the printed pages cannot be read")
	}
	paper := strings.Join(sheets, "\n")
	for _, want := range []string{"2772.00", "3000.00 × 88% = 2640.00", "2640.00 × 5% = 132.00", "奖惩办法第5条"} {
		if !strings.Contains(paper, want) {
			t.Errorf("the printed calculator page has no %q:\n%s", want, paper)
		}
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/#role=sales&score=88&base=3000&dept=exceeded"), chromedp.WaitVisible(chromedp.CSS(".payout-calculator")))
	harness.WaitState(t, ctx, "result")
	sheets, _ = printedSheets(t, ctx)
	if paper := strings.Join(sheets, "\n"); strings.Contains(paper, "本月应发绩效工资") {
		t.Errorf("chapter 6 printed carries the calculator")
	}
}
