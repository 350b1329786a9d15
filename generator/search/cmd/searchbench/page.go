package main

import (
	"bytes"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// firstResultProbe runs in every page before its own scripts: it notes when
// the search page first shows a result, in ms since navigation started.
const firstResultProbe = `new MutationObserver((_, o) => {
  if (document.querySelector(".search-results-item")) { window.__firstResult = performance.now(); o.disconnect(); }
}).observe(document, { childList: true, subtree: true });`

// metaPreload matches the search page's preload of its index's meta.json.
var metaPreload = regexp.MustCompile(`<link rel="preload" href="[^"]*meta\.json"[^>]*>`)

// pageBench times the search page of a built site as a reader opening a
// search link meets it: a fresh page, nothing cached (every response is
// no-store) and no service worker (sw.js is not served), from navigation
// to the first result on screen. Each query runs on the page as built and on
// the same page with its preload of meta.json taken out, which goes first
// alternating, so the two are measured alike on a noisy machine.
func pageBench(site string, queries []string, rounds int, verbose, trace bool) {
	if _, err := os.Stat(filepath.Join(site, "latest", "search", "index.html")); err != nil {
		log.Fatalf("searchbench: -site %s: no latest/search/index.html: %v", site, err)
	}
	files := http.FileServer(http.Dir(site))
	variants := []string{"preload", "no-preload"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if strings.HasSuffix(r.URL.Path, "/sw.js") {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("variant") != "no-preload" || !strings.HasSuffix(r.URL.Path, "/search/") {
			files.ServeHTTP(w, r)
			return
		}
		html, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(r.URL.Path), "index.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(metaPreload.ReplaceAll(html, nil))
	}))
	defer srv.Close()
	if b, err := os.ReadFile(filepath.Join(site, "latest", "search", "index.html")); err != nil || !metaPreload.Match(b) {
		log.Printf("searchbench: the search page has no preload of meta.json: both variants are the same page")
	}

	ctx, stop := startBrowser()
	defer stop()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstResultProbe}); err != nil {
		log.Fatal(err)
	}
	type sample struct {
		First float64 `json:"first"`
		HTML  float64 `json:"html"`
		Trace []struct {
			Name  string  `json:"name"`
			Start float64 `json:"start"`
			End   float64 `json:"end"`
		} `json:"trace"`
	}
	open := func(variant, q string) sample {
		u := srv.URL + "/latest/search/?q=" + url.QueryEscape(q) + "&variant=" + variant
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			log.Fatal(err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[sample](`new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error("no result on screen after 10 s")), 10000);
  const poll = () => window.__firstResult ? (clearTimeout(t), resolve({ first: window.__firstResult, html: performance.getEntriesByType("navigation")[0].responseEnd, trace: performance.getEntriesByType("resource").map((r) => ({ name: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })) })) : setTimeout(poll, 2);
  poll();
})`, chromedp.EvalAwaitPromise))
		if err != nil {
			log.Fatalf("%s %q: %v", variant, q, err)
		}
		return s
	}
	open(variants[0], queries[0]) // Chromium's own start-up, not timed
	got := map[string][]float64{}
	html := map[string][]float64{}
	for r := range rounds {
		for i, q := range queries {
			order := variants
			if (r+i)%2 == 1 {
				order = []string{variants[1], variants[0]}
			}
			for _, v := range order {
				s := open(v, q)
				got[v] = append(got[v], s.First)
				html[v] = append(html[v], s.HTML)
				if verbose {
					fmt.Printf("%-10s %-12s first result %6.1f ms (page arrived %5.1f ms)\n", v, q, s.First, s.HTML)
					if trace {
						for _, r := range s.Trace {
							fmt.Printf("           %6.1f → %6.1f ms  %s\n", r.Start, r.End, r.Name)
						}
					}
				}
			}
		}
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "search page, %d queries × %d rounds, fresh page, nothing cached, ms from navigation:\n", len(queries), rounds)
	for _, v := range variants {
		fmt.Fprintf(&out, "  %-10s first result on screen p50 %6.1f  p95 %6.1f | page arrived p50 %5.1f\n", v, pct(got[v], 50), pct(got[v], 95), pct(html[v], 50))
	}
	fmt.Fprintf(&out, "  preload / no-preload, medians: %.2f×\n", pct(got["preload"], 50)/pct(got["no-preload"], 50))
	fmt.Print(out.String())
}
