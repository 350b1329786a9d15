package serve

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestReloadNamesTheChangedPages: a save reloads the pages it changed,
// not every open page; a file no page is known to use reloads them all.
func TestReloadNamesTheChangedPages(t *testing.T) {
	ts := start(t, options{})
	if body := ts.page("/latest/c/"); !strings.Contains(body, `<meta name="handbook-serve-page" content="latest/c/index.html">`) {
		t.Error("a page does not say which file of the build it is")
	}
	if _, body, _ := ts.get("/latest/nosuch/"); !strings.Contains(body, `<meta name="handbook-serve-page" content="">`) {
		t.Error("a 404 page does not say it reloads on every build")
	}

	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "只改甲", 1))
	ev := ts.expect("reload")
	if ev.msg.Pages == nil {
		t.Fatalf("an edit of a.md reloads every page: %s", ev.raw)
	}
	pages := *ev.msg.Pages
	if !slices.Contains(pages, "latest/a/index.html") || slices.Contains(pages, "latest/c/index.html") {
		t.Errorf("an edit of a.md lists %v: want a's page, not c's", pages)
	}

	// Saved unchanged (an editor's :w), no page changes.
	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "只改甲", 1))
	if ev := ts.expect("reload"); ev.msg.Pages == nil || len(*ev.msg.Pages) != 0 {
		t.Errorf("a save that changes nothing: %s", ev.raw)
	}
}

func TestChangedPages(t *testing.T) {
	site := func(files ...string) *Site {
		s := &Site{Files: map[string][]byte{}, BasePath: "/"}
		for i := 0; i < len(files); i += 2 {
			s.Files[files[i]] = []byte(files[i+1])
		}
		return s
	}
	prev := site("draft/a/index.html", "a", "draft/b/index.html", "b", "assets/main-1.css", "x",
		"draft/search/meta.json", "m", "draft/sw.js", "w", "draft/img/logo.png", "p")
	for _, c := range []struct {
		name string
		next *Site
		want []string // nil: every page
	}{
		{"one page", site("draft/a/index.html", "a2", "draft/b/index.html", "b", "assets/main-1.css", "x",
			"draft/search/meta.json", "m", "draft/sw.js", "w", "draft/img/logo.png", "p"), []string{"draft/a/index.html"}},
		{"a page gone, one new, a new stylesheet and index", site("draft/c/index.html", "c", "draft/b/index.html", "b2", "assets/main-2.css", "y",
			"draft/search/meta.json", "m2", "draft/sw.js", "w2", "draft/img/logo.png", "p"),
			[]string{"draft/a/index.html", "draft/b/index.html", "draft/c/index.html", "draft/search/index.html"}},
		{"an image", site("draft/a/index.html", "a", "draft/b/index.html", "b", "assets/main-1.css", "x",
			"draft/search/meta.json", "m", "draft/sw.js", "w", "draft/img/logo.png", "p2"), nil},
	} {
		got := changedPages(prev, c.next)
		if (got == nil) != (c.want == nil) || got != nil && !slices.Equal(*got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	if changedPages(nil, prev) != nil {
		t.Error("the first build lists pages")
	}
	moved := site("draft/a/index.html", "a")
	moved.BasePath = "/hb/"
	if changedPages(prev, moved) != nil {
		t.Error("a new base path lists pages")
	}
}

// TestOtherTabsStay: with two chapters open in two tabs, a save of one
// reloads its tab only; the other keeps its state (scroll, a calculator's
// figures, a search box). A tab on a 404 reloads once the page exists.
func TestOtherTabsStay(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := start(t, options{})
	first := newBrowser(t)
	must(t, chromedp.Do(first)) // the browser
	tab := func(path string) context.Context {
		ctx, _ := chromedp.NewContext(first)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		_, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__kept = "yes"`))
		must(t, err)
		return ctx
	}
	tabA, tabC, tabD := tab("/latest/a/"), tab("/latest/c/"), tab("/latest/d/")
	for _, ctx := range []context.Context{tabA, tabC, tabD} {
		live(t, ctx)
	}
	kept := func(ctx context.Context) bool {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__kept === "yes" && document.readyState === "complete"`))
		return err == nil && v // an error: between two documents
	}
	until := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; server log:\n%s", what, ts.log)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "只改甲", 1))
	ts.expect("reload")
	until("tab a to reload", func() bool { return !kept(tabA) })
	time.Sleep(300 * time.Millisecond)
	if !kept(tabC) {
		t.Error("a save of a.md reloaded the tab on c")
	}
	if kept(tabD) {
		t.Error("the tab on a 404 did not reload")
	}

	// The tab that stayed is of the new build: it still reloads for its
	// own page, once.
	must(t, os.WriteFile(filepath.Join(ts.content, "c.md"), []byte(strings.Replace(smallSite["c.md"], "施行", "施行（改）", 1)), 0o644))
	ts.expect("reload")
	until("tab c to reload", func() bool { return !kept(tabC) })
	until("tab c's new text", func() bool {
		text, err := chromedp.Run(tabC, chromedp.Evaluate[string](`document.body.textContent`))
		return err == nil && strings.Contains(text, "施行（改）")
	})
}

// live waits until the page in ctx has joined the live-reload channel.
func live(t *testing.T, ctx context.Context) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dataset.handbookServe || ""`))
		if err == nil && v == "live" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not join the live-reload channel (%q, %v)", v, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestManyTabs: a browser opens at most six connections to one server,
// and each preview page held one for its live reload: the seventh tab
// never loaded. The pages now share one channel, and a save still
// reloads each of them.
func TestManyTabs(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := start(t, options{})
	first := newBrowser(t)
	must(t, chromedp.Do(first))
	var tabs []context.Context
	for i := range 9 {
		ctx, _ := chromedp.NewContext(first)
		tctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(tctx, chromedp.Navigate(ts.url+"/latest/a/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatalf("tab %d did not load: %v (%d live-reload streams open)", i+1, err, ts.srv.hub.count())
		}
		tabs = append(tabs, tctx)
	}
	for _, ctx := range tabs {
		live(t, ctx)
	}
	if n := ts.srv.hub.count(); n > 2 {
		t.Errorf("%d live-reload streams for nine tabs (and the test's own): want one shared", n)
	}
	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "九个标签页都见到的甲", 1))
	for i, ctx := range tabs {
		deadline := time.Now().Add(15 * time.Second)
		for {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.textContent.includes("九个标签页都见到的甲")`))
			if err == nil && v {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("tab %d did not reload", i+1)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}
