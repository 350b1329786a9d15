package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// What a tree migrated from Hugo, Obsidian or Typora brings shows as
// such: a glossary's terms bold with their meanings indented under them,
// a warning callout boxed in the notes' amber, a ==highlight== marked.
// They had the browser's defaults: terms no bolder than their meanings,
// and callouts as grey quotations, a warning like any other.
func TestMigratedMarkupIsStyled(t *testing.T) {
	dir := t.TempDir()
	page := "# 术语\n\n绩效工资\n: 按月考核后发放的工资部分。\n\n> [!warning] 注意\n> 以制度正文为准。\n\n> [!note]\n> 说明。\n\n重点是==按月==发放。\n"
	if err := os.WriteFile(filepath.Join(dir, "术语.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	s := harness.ServeContent(t, dir, false)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/latest/%E6%9C%AF%E8%AF%AD/"), chromedp.WaitVisible(chromedp.CSS("dl")))
	got := harness.Eval[map[string]string](t, ctx, `(() => {
  const st = (sel) => getComputedStyle(document.querySelector(sel));
  return {
    dt: st("dt").fontWeight, dd: st("dd").marginLeft, body: st(".prose p").fontWeight,
    warning: st(".callout-warning").backgroundColor, note: st(".callout-note").backgroundColor,
    warningText: st(".callout-warning").color, page: st("main").color,
    mark: st("mark").backgroundColor, markText: st("mark").color,
  };
})()`)
	if got["dt"] != "700" || got["body"] == "700" {
		t.Errorf("a term's weight is %s, its meaning's page text %s: want the term bold", got["dt"], got["body"])
	}
	if got["dd"] == "0px" {
		t.Error("a meaning is not indented under its term")
	}
	if got["warning"] == got["note"] || got["warning"] == "rgba(0, 0, 0, 0)" {
		t.Errorf("a warning callout's background is %s, a note's %s: want the warning set apart", got["warning"], got["note"])
	}
	if got["warningText"] != got["page"] {
		t.Errorf("a callout's text is %s, the page's %s: a callout is policy text, not a muted quotation", got["warningText"], got["page"])
	}
	if got["mark"] == "rgba(0, 0, 0, 0)" || got["markText"] != got["page"] {
		t.Errorf("a highlight is %s on %s", got["markText"], got["mark"])
	}
}
