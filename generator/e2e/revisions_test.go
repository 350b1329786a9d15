package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// A reader on a clause switches to an older revision and back: the
// switcher keeps the chapter and the clause; the old revision's banner
// leads to the same page in force; the changelog shows the corrected
// worked example character by character.
func TestVersionSwitchKeepsChapterAndClause(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)

	harness.Do(t, ctx,
		chromedp.Navigate(s.URL+"/latest/performance/#销售人员奖惩办法.3"),
		chromedp.WaitVisible(chromedp.CSS(`[id="销售人员奖惩办法.3"]`)),
		chromedp.Click(chromedp.CSS(`.version-switcher summary`), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`.version-switcher a.version-link[data-root="/v/2025.1/"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`.banner-old`)),
	)
	if got := harness.Eval[string](t, ctx, `decodeURIComponent(location.pathname + location.hash)`); got != "/v/2025.1/performance/#销售人员奖惩办法.3" {
		t.Fatalf("after switching to 2025.1 the reader is at %s", got)
	}
	// 2025.1 still has the published inconsistency, with its editor's note.
	if txt := harness.Eval[string](t, ctx, `document.getElementById('销售人员奖惩办法.3').textContent`); !strings.Contains(txt, "2000*80") || !strings.Contains(txt, "编者注") {
		t.Fatalf("2025.1's clause 3 should keep 2000*80℅ with an editor's note, got %q", txt)
	}
	banner := harness.Eval[string](t, ctx, `document.querySelector('.banner-old').textContent`)
	if !strings.Contains(banner, "2025-01-01") || !strings.Contains(banner, "2025-12-31") {
		t.Fatalf("banner = %q", banner)
	}

	// The banner's link, as a reader copies it or opens it in a new tab,
	// has the clause: it was set on a click only.
	if href := harness.Eval[string](t, ctx, `decodeURIComponent(new URL(document.querySelector('.banner-old a').href).hash)`); href != "#销售人员奖惩办法.3" {
		t.Errorf("the banner's link has the fragment %q, want #销售人员奖惩办法.3", href)
	}
	// The banner's link goes to the same page and clause in force.
	// (Clicked from script: the page is smooth-scrolling to the clause, so a
	// click at the banner's coordinates could land elsewhere.)
	harness.Eval[bool](t, ctx, `document.querySelector('.banner-old a').click(), true`)
	harness.WaitPath(t, ctx, "/latest/performance/")
	if got := harness.Eval[string](t, ctx, `decodeURIComponent(location.pathname + location.hash)`); got != "/latest/performance/#销售人员奖惩办法.3" {
		t.Fatalf("the banner led to %s", got)
	}
	if txt := harness.Eval[string](t, ctx, `document.getElementById('销售人员奖惩办法.3').textContent`); !strings.Contains(txt, "1500*80%") {
		t.Fatalf("the current clause 3 should read 1500*80%%, got %q", txt)
	}

	// The changelog shows the correction as characters, not paragraphs.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS(`[id="2026.1"]`)))
	dels := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('[id="2026.1"] del')].map(e => e.textContent)`)
	inss := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('[id="2026.1"] ins')].map(e => e.textContent)`)
	if !contains(dels, "2000") || !contains(inss, "1500") || !contains(dels, "`") {
		t.Fatalf("changelog of 2026.1: deleted %q, inserted %q", dels, inss)
	}
	// Within a corrected line, deletions are characters, not the line. (A
	// whole line can go: the 2025.1 note on the wrong example is gone.)
	inLine := harness.Eval[[]string](t, ctx, `[...document.querySelectorAll('[id="2026.1"] .diff-changed del')].map(e => e.textContent)`)
	if len(inLine) == 0 {
		t.Fatal("no deletions within changed lines")
	}
	for _, d := range inLine {
		if len([]rune(d)) > 60 {
			t.Errorf("a deletion of %d characters within a line: the diff is not at character granularity: %q", len([]rune(d)), d)
		}
	}
	// The changelog shows what readers read, not Markdown source.
	if src := harness.Eval[int](t, ctx, `[...document.querySelectorAll('[id="2026.1"] .diff-line')].filter(e => /\{#|<!--|\\\*|^\s*---\s*$/.test(e.textContent)).length`); src != 0 {
		t.Errorf("%d changelog lines show Markdown source", src)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.Contains(v, s) {
			return true
		}
	}
	return false
}

// The changelog printed: a revision's entry, pages long, breaks across
// pages like any text. Kept whole as every li is on paper (break-inside:
// avoid), the first entry was pushed past the title, which printed alone
// on a blank first page, and each entry after began on a new page.
func TestChangelogPrintsWithoutBlankPages(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/changelog/"), chromedp.WaitVisible(chromedp.CSS(`[id="2026.1"]`)))
	media(t, ctx, "print")
	if got := harness.Eval[string](t, ctx, `getComputedStyle(document.querySelector('.changelog-list > li')).breakInside`); got == "avoid" {
		t.Errorf("a revision's entry is kept whole on paper (break-inside: %s): longer than a page, it leaves the page before it blank", got)
	}
	// A line of the diff is not split between two pages.
	if got := harness.Eval[string](t, ctx, `getComputedStyle(document.querySelector('.diff-line')).breakInside`); got != "avoid" {
		t.Errorf("a diff line breaks across pages (break-inside: %s)", got)
	}
}
