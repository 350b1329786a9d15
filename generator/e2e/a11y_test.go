package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// What a screen-reader and keyboard-only reader meets on every kind of
// page, read from the accessibility tree Chromium exposes.

// Every clause's link has a name of its own that says where it is: named
// "第1条的链接" by its number alone, chapter 6's list of links held six
// of them (one for each section), and nothing said which section each was.
func TestClauseLinksAreNamedBySection(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	for _, page := range []string{"/latest/performance/", "/latest/training/", "/latest/job-descriptions/"} {
		do(t, ctx, chromedp.Navigate(s.URL+page), chromedp.WaitVisible(chromedp.CSS("main h1")))
		seen := map[string]int{}
		for _, n := range axNames(t, ctx) {
			if strings.HasPrefix(n, "link: ") && strings.HasSuffix(n, "的链接") {
				seen[n]++
			}
		}
		if len(seen) < 5 {
			t.Fatalf("%s: only %d clause links in the accessibility tree: %v", page, len(seen), seen)
		}
		for n, c := range seen {
			if c > 1 {
				t.Errorf("%s: %d links are named %q", page, c, n)
			}
			if strings.HasPrefix(n, "link: 第") {
				t.Errorf("%s: %q names no section", page, n)
			}
		}
	}
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/performance/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	want := "link: 大客户内勤月度绩效考核办法 （二）奖惩办法 第5条的链接"
	if !strings.Contains(strings.Join(axNames(t, ctx), "\n"), want) {
		t.Errorf("chapter 6 has no %q", want)
	}
}

// The org chart's boxes are links to the job descriptions, and a screen
// reader reaches them: the chart was an SVG with role="img", whose content
// is presentational, so its three links were gone from the accessibility
// tree while Tab still stopped on them, unnamed. The reporting lines are
// said once, in the chart's description, not again by every line drawn.
func TestOrgChartLinksReachAScreenReader(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(s.URL+"/latest/structure/"), chromedp.WaitVisible(chromedp.CSS(".orgchart svg")))
	names := strings.Join(axNames(t, ctx), "\n")
	for _, want := range []string{"link: 大客户总监的职务说明书", "link: 内勤的职务说明书", "link: 大客户员的职务说明书"} {
		if !strings.Contains(names, want) {
			t.Errorf("the org chart has no %q in the accessibility tree:\n%s", want, names)
		}
	}
	if strings.Contains(names, "→") {
		t.Errorf("the chart's lines are read one by one (their tooltips), besides its description:\n%s", names)
	}
	if role := eval[string](t, ctx, `document.querySelector(".orgchart svg").getAttribute("role") || ""`); role == "img" {
		t.Errorf("the chart's svg has role=img, which hides its links")
	}
}
