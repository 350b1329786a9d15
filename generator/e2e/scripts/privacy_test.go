package scripts

import (
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
)

// cspProbe records, from before a page's first script, every request the
// page's Content Security Policy refused: a refusal is a part of the page
// that does not work (a style, a script, the calculator's WebAssembly).
const cspProbe = `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));`

// Every page of the built handbook, every revision, the search page with a
// query, the changelog, the print pages and a 404, loaded as a reader
// loads them: not one request leaves the site, and the policy refuses
// nothing (package e2e's TestReaderNavigatesTheHandbook looks at three
// pages, the calculator tests at the calculator's).
func TestEveryPageStaysOnTheSite(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	reqs := harness.LogRequests(t, ctx)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for name := range s.Files {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, "/"+strings.TrimSuffix(name, "index.html"))
		}
	}
	sort.Strings(pages)
	pages = append(pages, "/latest/no-such-page/", "/latest/search/?q=保密")
	kinds := map[string]bool{}
	for _, p := range pages {
		harness.Do(t, ctx, chromedp.Navigate(s.URL+p))
		for _, k := range []string{"/v/", "/changelog/", "/print/", "/search/", "/latest/", "404"} {
			if strings.Contains(p, k) || k == "404" && strings.Contains(p, "no-such-page") {
				kinds[k] = true
			}
		}
		if strings.Contains(p, "/search/?q=") {
			// The index is fetched when the reader searches.
			harness.WaitFor(t, ctx, `document.querySelectorAll('#search-results li').length > 0`, `document.getElementById('search-results')?.textContent`)
		}
		if bad := harness.Eval[[]string](t, ctx, `Array.isArray(window.__csp) ? window.__csp : ["(the probe did not run)"]`); len(bad) > 0 {
			t.Errorf("%s: the CSP refused %q", p, bad)
		}
	}
	if len(pages) < 30 || len(kinds) < 6 {
		t.Fatalf("only %d pages (%v) visited", len(pages), kinds)
	}
	if out := reqs.Outside(s.URL); len(out) > 0 {
		t.Fatalf("the pages requested URLs outside the site: %q", out)
	}
	if n := len(reqs.Snapshot()); n < len(pages) {
		t.Fatalf("only %d requests logged for %d pages; the request log is not working", n, len(pages))
	}
	t.Logf("%d pages, %d requests, none outside the site", len(pages), len(reqs.Snapshot()))
}
