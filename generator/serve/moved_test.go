package serve

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestMovedPages(t *testing.T) {
	site := func(files ...string) *Site {
		s := &Site{Files: map[string][]byte{}, BasePath: "/"}
		for _, f := range files {
			s.Files[f] = []byte(f)
		}
		return s
	}
	prev := site("draft/a/index.html", "draft/b/index.html", "draft/b/x/index.html", "draft/b/y/index.html", "latest/b/index.html", "assets/main-1.css")
	for _, c := range []struct {
		name string
		next *Site
		want map[string]string
	}{
		{"nothing moved", site("draft/a/index.html", "draft/b/index.html", "draft/b/x/index.html", "draft/b/y/index.html", "latest/b/index.html", "assets/main-2.css"), nil},
		{"a chapter's slug, with the pages under it", site("draft/a/index.html", "draft/p/index.html", "draft/p/x/index.html", "draft/p/y/index.html", "latest/b/index.html"),
			map[string]string{"draft/b/index.html": "draft/p/index.html", "draft/b/x/index.html": "draft/p/x/index.html", "draft/b/y/index.html": "draft/p/y/index.html"}},
		{"one page gone, one new elsewhere in the edition", site("draft/b/index.html", "draft/b/x/index.html", "draft/b/y/index.html", "draft/q/r/index.html", "latest/b/index.html"),
			map[string]string{"draft/a/index.html": "draft/q/r/index.html"}},
		{"two gone, two new, unalike: no guess", site("draft/b/x/index.html", "draft/b/y/index.html", "draft/q/r/index.html", "draft/s/t/index.html", "latest/b/index.html"), nil},
		{"not into another edition", site("draft/b/index.html", "draft/b/x/index.html", "draft/b/y/index.html", "latest/b/index.html", "latest/z/index.html"), nil},
	} {
		if got := movedPages(prev, c.next); !maps.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if movedPages(nil, prev) != nil {
		t.Error("the first build moves pages")
	}
}

// A chapter whose slug the admin renames, open in the preview, goes to its
// new address (with its #clause): it reloaded into a 404.
func TestPreviewFollowsARenamedChapter(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := start(t, options{})
	ctx := newBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.url+"/latest/b/#一职责"), chromedp.WaitReady(chromedp.CSS("body"))))
	live(t, ctx)
	ts.write("b.md", strings.Replace(smallSite["b.md"], "slug: b", "slug: duties", 1))
	ts.expect("reload")
	deadline := time.Now().Add(15 * time.Second)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? decodeURIComponent(location.pathname + location.hash) + " " + document.title : ""`))
		if err == nil && strings.HasPrefix(v, "/latest/duties/#一职责 ") && strings.Contains(v, "第二章 职责") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page is at %q, want /latest/duties/#一职责 (第二章 职责)", v)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
