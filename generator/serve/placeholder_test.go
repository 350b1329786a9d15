package serve

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestFirstBuildFailedOnAPhone: started on a handbook with an error, the
// preview answers with a page listing it. On a phone that page was laid
// out 1,400 px wide (no viewport, one unwrapped line per error), its text
// and the overlay over it shrunk to a third, and the overlay said the page
// was still the last good build, when there was none.
func TestFirstBuildFailedOnAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	writeTree(t, content, map[string]string{"b.md": strings.Replace(smallSite["b.md"], "title: 第二章 职责", "title 第二章 职责的标题写错了冒号，这一行长得足以把页面撑宽", 1)})
	// Not start: it waits for a good first build.
	b, err := NewFullBuilder(buildOptions(options{source: content}), "")
	must(t, err)
	_, url := runServer(t, b, nil)
	ctx := newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)))
	must(t, chromedp.Do(ctx, chromedp.Navigate(url+"/"), chromedp.WaitReady(chromedp.CSS("body"))))
	live(t, ctx)
	deadline := time.Now().Add(10 * time.Second)
	for evalString(t, ctx, `String(!!document.querySelector(".handbook-serve-overlay"))`) != "true" {
		if time.Now().After(deadline) {
			t.Fatal("no overlay")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if w := evalString(t, ctx, `innerWidth + " " + document.documentElement.scrollWidth`); w != "390 390" {
		t.Errorf("the page is laid out %s px wide (window, page), want 390 390", w)
	}
	text := evalString(t, ctx, `document.querySelector(".handbook-serve-overlay").textContent`)
	if !strings.Contains(text, "content/b.md:2") {
		t.Errorf("the overlay %q does not name content/b.md:2", text)
	}
	if strings.Contains(text, "上一次成功构建") {
		t.Errorf("the overlay %q speaks of a last good build, and there is none", text)
	}
}

// TestProblemPlaceStaysWhole: on a phone a long file name wrapped the
// place of a problem anywhere, "content/07-confidentiality.md:1" over
// "3:1", which read as line 1. The line and column now stay together.
func TestProblemPlaceStaysWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := start(t, options{})
	ctx := newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)))
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/a/"), chromedp.WaitReady(chromedp.CSS("main"))))
	live(t, ctx)
	// Places of 24 to 39 letters, one apart: wherever a phone's line
	// breaks, it falls inside some place's ":12:1".
	files := map[string]string{}
	for i := range 16 {
		// Each its own order: two of one order are a problem of their own.
		files["ch-name-"+strings.Repeat("x", i)+".md"] = fmt.Sprintf("---\ntitle: 第四章\norder: %d\n---\n\n正文。\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n```\n未闭合\n", 4+i)
	}
	writeTree(t, ts.content, files)
	deadline := time.Now().Add(15 * time.Second)
	for evalString(t, ctx, `String(document.querySelectorAll(".handbook-serve-where").length)`) != "16" {
		if time.Now().After(deadline) {
			t.Fatal("the 16 problems are not listed on the page")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Over how many lines each place's :line:col runs.
	lines := evalString(t, ctx, `Array.from(document.querySelectorAll(".handbook-serve-where")).map((w) => {
		const r = document.createRange();
		const walk = document.createTreeWalker(w, NodeFilter.SHOW_TEXT);
		let text = null;
		while (walk.nextNode()) text = walk.currentNode;
		const at = w.textContent.slice(w.textContent.indexOf(".md:") + 3);
		r.setStart(text, text.length - at.length);
		r.setEnd(text, text.length);
		const tops = new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top)));
		return w.textContent + " " + tops.size;
	}).join("\n")`)
	for _, l := range strings.Split(lines, "\n") {
		if !strings.Contains(l, ".md:12:1 ") {
			t.Errorf("the place %q is not content/….md:12:1", l)
		} else if !strings.HasSuffix(l, " 1") {
			t.Errorf("the line and column of %q are broken over lines", l)
		}
	}
}
