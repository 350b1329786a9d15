package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A page whose save brings a warning is built, perhaps not as meant (its
// front matter not read, a field that is not a date): the warning was
// printed in the terminal only, and an admin watching the page saw
// nothing. The page now lists the warnings saves brought; those the
// handbook had when the server started stay in the terminal.
var warnedSite = map[string]string{
	"c.md": "---\ntitle: 第三章 附则\norder: 3\nslug: c\ndate: 不久以前\n---\n\n本制度自发布之日起施行。\n",
}

const warnedB = "---\ntitle: 第二章 职责\norder: 2\nslug: b\ndate: 明天\n---\n\n## 一、职责\n\n1. 原文乙;\n2. 原文丙。\n"

func TestSavedWarningsReachThePage(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	writeTree(t, content, warnedSite)
	ts := start(t, options{source: content})
	if hello := start2(t, ts); len(hello.msg.Warnings) != 0 {
		t.Errorf("the warnings the handbook started with reach the page: %s", hello.raw)
	}
	if !strings.Contains(ts.log.String(), "c.md:5") {
		t.Errorf("the terminal lacks the warning of c.md:\n%s", ts.log)
	}

	ts.write("b.md", warnedB)
	ev := ts.expect("reload")
	if len(ev.msg.Warnings) != 1 {
		t.Fatalf("the save's warning is not in the reload: %s", ev.raw)
	}
	w := ev.msg.Warnings[0]
	if !strings.HasSuffix(w.File, "b.md") || w.Line != 5 || !strings.Contains(w.Message, "date") || w.Hint == "" {
		t.Errorf("warning %+v: want b.md:5 on its date, with what to do", w)
	}
	if hello := start2(t, ts); len(hello.msg.Warnings) != 1 {
		t.Errorf("a page opened now is not told the warning: %s", hello.raw)
	}
	// The warning the handbook started with, moved by a line added above,
	// is still one it started with.
	ts.write("c.md", strings.Replace(warnedSite["c.md"], "order: 3\n", "order: 3\nlinkTitle: 附则\n", 1))
	if ev := ts.expect("reload"); len(ev.msg.Warnings) != 1 || !strings.HasSuffix(ev.msg.Warnings[0].File, "b.md") {
		t.Errorf("after c.md's warning moved a line down: %s", ev.raw)
	}
	// A fix clears it.
	ts.write("b.md", smallSite["b.md"])
	if ev := ts.expect("reload"); len(ev.msg.Warnings) != 0 {
		t.Errorf("the fixed warning is still sent: %s", ev.raw)
	}
}

func TestSavedWarningsInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := start(t, options{})
	ctx := newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/b/"), chromedp.WaitReady(chromedp.CSS("main"))))
	live(t, ctx)
	until := func(what, js string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { try { return `+js+` } catch { return "" } })()`))
			if err == nil && v != "" {
				return v
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; server log:\n%s", what, ts.log)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	box := `(document.querySelector(".handbook-serve-warnings") || {}).textContent || ""`

	ts.write("b.md", warnedB)
	text := until("the warning", box)
	if !strings.Contains(text, "b.md:5") || !strings.Contains(text, "date") {
		t.Errorf("the warnings box says %q: want b.md:5 and the field", text)
	}
	if v := until("its style", `getComputedStyle(document.querySelector(".handbook-serve-warnings")).position`); v != "fixed" {
		t.Errorf("the warnings box is not styled (position %q)", v)
	}
	if v := until("the page", `document.body.textContent.includes("原文乙") ? "yes" : ""`); v != "yes" {
		t.Error("the page is not shown")
	}

	// × hides it, and a reload does not bring the same warning back.
	_, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".handbook-serve-warnings .handbook-serve-close").click(); ""`))
	must(t, err)
	ts.write("b.md", strings.Replace(warnedB, "原文乙", "再存一次的乙", 1))
	until("the reload", `document.body.textContent.includes("再存一次的乙") && document.readyState === "complete" ? "yes" : ""`)
	live(t, ctx)
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](box)); v != "" {
		t.Errorf("a dismissed warning came back: %q", v)
	}

	// Fixed, nothing is shown.
	ts.write("b.md", strings.Replace(warnedB, "date: 明天\n", "", 1))
	until("the fix", `document.readyState === "complete" && !document.querySelector(".handbook-serve-warnings") && !document.body.textContent.includes("再存一次的乙") ? "yes" : ""`)
}
