package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"handbook/generator/revision"
	"handbook/theme"
)

// TestLiveReloadInTheBrowser runs the client in Chromium under the pages'
// real Content Security Policy: a save reloads at the same scroll
// position, an error shows the overlay with file:line and a fix clears
// it, a CSS change restyles the page without reloading it.
func TestLiveReloadInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	themeDir := filepath.Join(t.TempDir(), "theme")
	must(t, os.CopyFS(themeDir, theme.FS))
	long := smallSite["a.md"] + strings.Repeat("\n本制度条文用于测试滚动位置，内容较长。\n", 300)
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	writeTree(t, content, map[string]string{"a.md": long})
	ts := start(t, options{source: content, themeDir: themeDir})

	ctx := newBrowser(t)

	eval := func(js string) string { t.Helper(); return evalString(t, ctx, js) }
	// until polls a JavaScript condition (a string "true" when met).
	until := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			// The page may be between two documents: errors count as "not yet".
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { try { return `+js+` } catch { return "false" } })()`))
			if err == nil && v == "true" {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; server log:\n%s", what, ts.log)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	connected := func() {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for ts.srv.hub.count() < 2 { // the test's own stream and the page's
			if time.Now().After(deadline) {
				t.Fatal("the page did not connect to the live-reload channel")
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/a/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	connected()

	// A save reloads the page where the reader was.
	if y := eval(`window.scrollTo({top: 1500, behavior: "instant"}); window.__before = "yes"; String(scrollY)`); y != "1500" {
		t.Fatalf("cannot scroll the test page: scrollY %s; %s", y, eval(`JSON.stringify([document.documentElement.scrollHeight, innerHeight, document.body.scrollHeight, getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow, document.querySelectorAll("main p").length, document.styleSheets.length])`))
	}
	ts.write("a.md", strings.Replace(long, "原文甲", "保存后的甲", 1))
	until("the reload", `String(document.body.textContent.includes("保存后的甲") && window.__before === undefined)`)
	until("the page to load", `String(document.readyState === "complete")`)
	time.Sleep(100 * time.Millisecond)
	if y := eval(`String(scrollY)`); y != "1500" {
		t.Errorf("after the reload scrollY is %s, want 1500", y)
	}
	connected()

	// An error shows over the page with file:line; the fix clears it.
	ts.write("a.md", "---\ntitle: [\norder: 1\nslug: a\n")
	until("the overlay", `String(!!document.querySelector(".handbook-serve-overlay"))`)
	text := eval(`document.querySelector(".handbook-serve-overlay").textContent`)
	if !strings.Contains(text, "content/a.md:") {
		t.Errorf("overlay without file:line: %q", text)
	}
	if pos := eval(`getComputedStyle(document.querySelector(".handbook-serve-overlay")).position`); pos != "fixed" {
		t.Errorf("the overlay's stylesheet is not applied (position %q): blocked by the CSP?", pos)
	}
	if !strings.Contains(eval(`document.body.textContent`), "保存后的甲") {
		t.Error("the last good page is gone")
	}
	ts.write("a.md", long)
	until("the fix", `String(!document.querySelector(".handbook-serve-overlay") && document.body.textContent.includes("原文甲"))`)
	connected()

	// A stylesheet change restyles without a reload.
	eval(`window.__before = "css"; ""`)
	css := filepath.Join(themeDir, "css", "main.css")
	src, err := os.ReadFile(css)
	must(t, err)
	must(t, os.WriteFile(css, append(src, []byte("\nbody{outline:3px solid rgb(1, 2, 3)}\n")...), 0o644))
	until("the new style", `String(getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)")`)
	if eval(`String(window.__before)`) != "css" {
		t.Error("a CSS-only change reloaded the page")
	}
}

// TestChangelogChangesAreReadAloud: a screen reader reads <ins> and <del>
// as plain text, so the preview's changelog (the working copy against the
// last revision) says in words, not shown, where each insertion and
// deletion starts and ends.
func TestChangelogChangesAreReadAloud(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	err := revision.Publish(content, revision.Request{Version: "1.0", Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Note: "初版"})
	must(t, err)
	writeTree(t, content, map[string]string{"a.md": strings.Replace(smallSite["a.md"], "原文甲。", "修订后的甲。", 1)})
	ts := start(t, options{source: content})

	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/changelog/"), chromedp.WaitReady(chromedp.CSS(`[id="draft"] .diff-changed`))); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[id="draft"] .diff-changed').innerText`))
	must(t, err)
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	must(t, err)
	// The text a screen reader reads, in document order (a walk from the
	// root through each node's children).
	byID := map[accessibility.NodeID]*accessibility.Node{}
	for _, n := range tree.Nodes {
		byID[n.NodeID] = n
	}
	var read strings.Builder
	var walk func(n *accessibility.Node)
	walk = func(n *accessibility.Node) {
		if !n.Ignored && n.Role != nil && n.Name != nil && strings.Contains(string(n.Role.Value), "StaticText") {
			var s string
			if json.Unmarshal(n.Name.Value, &s) == nil {
				read.WriteString(s)
			}
		}
		for _, c := range n.ChildIDs {
			if cn := byID[c]; cn != nil {
				walk(cn)
			}
		}
	}
	if len(tree.Nodes) > 0 {
		walk(tree.Nodes[0])
	}
	if want := "［删除：原文］［新增：修订后的］甲。"; !strings.Contains(read.String(), want) {
		t.Errorf("a screen reader reads the changed line without saying what changed; want %q in:\n%s", want, read.String())
	}
	if strings.ContainsAny(shown, "［］") || !strings.Contains(shown, "原文修订后的甲。") {
		t.Errorf("the changed line shows %q: the words for screen readers are on screen", shown)
	}
}
