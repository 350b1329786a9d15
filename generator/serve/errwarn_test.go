package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// One save that brings a warning (a misspelt note marker) and an error (a
// link to no page): the preview showed the error alone, in the terminal
// and on the page, and the warning only once the error was fixed — a
// second round, where build -drafts said both at once. The failed build's
// warnings now come with its errors: printed before them, and on the
// problems message (and a page opened meanwhile is told them too).
const warnedAndBroken = "---\ntitle: 第二章 职责\norder: 2\nslug: b\ndate: 明天\n---\n\n## 一、职责\n\n1. 原文乙;\n2. 原文丙。\n\n见[别处](nope.md)。\n"

func TestAWarningComesWithTheErrorOfItsSave(t *testing.T) {
	ts := start(t, options{})
	before := len(ts.log.String())
	ts.write("b.md", warnedAndBroken)
	ev := ts.expect("problems")
	if len(ev.msg.Errors) != 1 || !strings.Contains(ev.msg.Errors[0].Message, "nope.md") {
		t.Fatalf("errors %s: want the link to nope.md", ev.raw)
	}
	if len(ev.msg.Warnings) != 1 || !strings.HasSuffix(ev.msg.Warnings[0].File, "b.md") || ev.msg.Warnings[0].Line != 5 || !strings.Contains(ev.msg.Warnings[0].Message, "date") {
		t.Fatalf("warnings %s: want b.md:5 on its date", ev.raw)
	}
	out := ts.log.String()[before:]
	w, e := strings.Index(out, "b.md:5:"), strings.Index(out, "nope.md")
	if w < 0 || e < 0 || w > e || !strings.Contains(out[w:e], "warning:") {
		t.Errorf("the terminal does not say the warning before the error:\n%s", out)
	}
	if hello := start2(t, ts); len(hello.msg.Warnings) != 1 || len(hello.msg.Errors) != 1 {
		t.Errorf("a page opened now is not told the warning and the error: %s", hello.raw)
	}
	// The error fixed, the warning stays; no second round for it.
	ts.write("b.md", strings.Replace(warnedAndBroken, "见[别处](nope.md)。\n", "", 1))
	if ev := ts.expect("reload"); len(ev.msg.Warnings) != 1 || ev.msg.Warnings[0].Line != 5 {
		t.Errorf("after the fix: %s", ev.raw)
	}
	// A warning the terminal was shown is not printed again with each
	// failed save's errors, nor after the fix.
	printed := strings.Count(ts.log.String(), "b.md:5:")
	ts.write("b.md", warnedAndBroken)
	ts.expect("problems")
	ts.write("b.md", strings.Replace(warnedAndBroken, "见[别处](nope.md)。\n", "", 1))
	ts.expect("reload")
	if n := strings.Count(ts.log.String(), "b.md:5:"); n != printed {
		t.Errorf("the warning was printed %d times more:\n%s", n-printed, ts.log)
	}
}

// The page shows them together: the warning under the errors, in the
// overlay that covers the page.
func TestTheOverlayListsTheWarningsOfTheFailedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	ts := start(t, options{source: content})
	ctx := newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/b/"), chromedp.WaitReady(chromedp.CSS("main"))))
	live(t, ctx)
	ts.write("b.md", warnedAndBroken)
	deadline := time.Now().Add(15 * time.Second)
	var text string
	for {
		text = evalString(t, ctx, `(document.querySelector(".handbook-serve-overlay") || {}).textContent || ""`)
		if text != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{"构建失败：1 处错误", "nope.md", "另有警告：1 处", "content/b.md:5:1", "date"} {
		if !strings.Contains(text, want) {
			t.Errorf("the overlay lacks %q: %q", want, text)
		}
	}
	if e, w := strings.Index(text, "nope.md"), strings.Index(text, "另有警告"); e > w {
		t.Errorf("the warnings are not under the errors: %q", text)
	}
}
