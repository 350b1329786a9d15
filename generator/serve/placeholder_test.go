package serve

import (
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
