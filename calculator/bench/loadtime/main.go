// Command loadtime measures the calculator page in headless Chromium the way
// issue 3 states its target: page load → first result (the correct total
// on screen), cold (a fresh browser profile) and warm (a reload), for one
// or more builds of the site, alternating between them run by run so that
// a noisy machine weighs on every build alike.
//
//	go run ./calculator/bench/loadtime -n 9 http://127.0.0.1:8711 http://127.0.0.1:8712
//
// Each argument is the root of a served build (handbook build, then any
// static file server that sends .wasm as application/wasm). It prints, per
// build, the median and p95 of the times since navigationStart:
// first result (the payout-first-result mark), total painted (Element
// Timing), first contentful paint, and when the page's own script started.
// A page without a calculator (a floor: the same HTML without scripts, or
// a page of one line) is timed to its first contentful paint.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browser"
)

const defaultFragment = "role=sales&score=88&base=3000&dept=exceeded"

const probe = `new Promise(resolve => {
  const done = () => {
    const v = document.querySelector('.pc-total-value');
    const floor = !document.querySelector('.payout-calculator') && performance.getEntriesByType('paint').length > 0;
    if (!floor && (!v || v.textContent !== '2772.00')) return false;
    const out = {};
    for (const m of performance.getEntriesByType('mark')) if (!(m.name in out)) out[m.name] = m.startTime;
    for (const p of performance.getEntriesByType('paint')) out[p.name] = p.startTime;
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav) for (const k of ['responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventStart']) out['page ' + k] = nav[k];
    for (const r of performance.getEntriesByType('resource')) {
      const name = r.name.replace(/^.*\//, '').replace(/-[0-9A-Z]{8,}\./, '.');
      out[name + ' requested'] = r.startTime; out[name + ' loaded'] = r.responseEnd;
    }
    const o = new PerformanceObserver(list => {
      const e = list.getEntries().find(e => e.identifier === 'payout-total');
      if (e) { o.disconnect(); out['total-painted'] = e.renderTime || e.loadTime; resolve(out); }
    });
    o.observe({ type: 'element', buffered: true });
    setTimeout(() => { o.disconnect(); resolve(out); }, 2000);
    return true;
  };
  const poll = () => { if (!done()) setTimeout(poll, 5); };
  poll();
})`

var keys = []string{"payout-first-result", "total-painted", "first-contentful-paint", "payout-script"}

type sample map[string]float64

func main() {
	n := flag.Int("n", 7, "runs per build")
	path := flag.String("path", "/latest/calculator/", "page path")
	settle := flag.Duration("settle", 0, "wait this long after the browser starts before loading the page (0: at once, as the e2e test does); shows what the browser's own start-up work costs the page")
	before := flag.String("before", "", "a page of another site (say http://localhost:PORT/… when the builds are at 127.0.0.1) to open first in the same fresh browser: a reader whose browser is already running and has shown a page, the calculator's site still with nothing cached")
	fragment := flag.String("fragment", defaultFragment, "the URL fragment the page is opened with (its inputs); empty: none, for a floor page")
	all := flag.Bool("all", false, "print every performance mark, the page's navigation timing and each file's request and arrival, not only the main figures")
	flag.Parse()
	roots := flag.Args()
	if len(roots) == 0 {
		log.Fatal("usage: loadtime [-n 7] [-path /latest/calculator/] ROOT-URL…")
	}
	exe, err := browser.Path()
	if err != nil {
		log.Fatal(err)
	}
	cold := make([][]sample, len(roots))
	warm := make([][]sample, len(roots))
	for i := 0; i < *n; i++ {
		for k := range roots {
			j := (i + k) % len(roots) // rotate who goes first
			u := strings.TrimRight(roots[j], "/") + *path
			if *fragment != "" {
				u += "#" + url.PathEscape(*fragment)
			}
			c, w, err := run(exe, u, *before, *settle)
			if err != nil {
				log.Fatalf("%s: %v", u, err)
			}
			cold[j] = append(cold[j], c)
			warm[j] = append(warm[j], w)
			fmt.Fprintf(os.Stderr, "run %d %s: cold %.0f ms, warm %.0f ms\n", i, roots[j], c[keys[0]], w[keys[0]])
		}
	}
	for j, r := range roots {
		fmt.Printf("%s (%d runs), ms since navigationStart, median / p95:\n", r, *n)
		ks := keys
		if *all {
			ks = allKeys(cold[j])
		}
		for _, k := range ks {
			fmt.Printf("  %-24s cold %6.1f / %6.1f   warm %6.1f / %6.1f\n", k, stat(cold[j], k, 0.5), stat(cold[j], k, 0.95), stat(warm[j], k, 0.5), stat(warm[j], k, 0.95))
		}
	}
	if len(roots) > 1 {
		fmt.Printf("ratio of medians (first result) against %s:\n", roots[0])
		for j := 1; j < len(roots); j++ {
			fmt.Printf("  %s: cold %.2f×, warm %.2f×\n", roots[j], stat(cold[j], keys[0], 0.5)/stat(cold[0], keys[0], 0.5), stat(warm[j], keys[0], 0.5)/stat(warm[0], keys[0], 0.5))
		}
	}
}

// run loads u in a fresh browser (cold), its tab without the DevTools
// domains the probe does not use (browser.Quiet), then reloads it (warm).
// With before, that page is opened first, in the same tab.
func run(exe, u, before string, settle time.Duration) (cold, warm sample, err error) {
	dir, err := os.MkdirTemp("", "loadtime-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), browser.Options(exe, dir, chromedp.WindowSize(1280, 900))...)
	defer cancelA()
	ctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(ctx); err != nil {
		return nil, nil, err
	}
	if err := browser.Quiet(ctx); err != nil {
		return nil, nil, err
	}
	time.Sleep(settle)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if before != "" {
		if err := chromedp.Do(tctx, chromedp.Navigate(before)); err != nil {
			return nil, nil, err
		}
		time.Sleep(settle)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		return nil, nil, err
	}
	if cold, err = chromedp.Run(tctx, chromedp.Evaluate[sample](probe, chromedp.EvalAwaitPromise)); err != nil {
		return nil, nil, err
	}
	if err := chromedp.Do(tctx, chromedp.Reload()); err != nil {
		return nil, nil, err
	}
	if warm, err = chromedp.Run(tctx, chromedp.Evaluate[sample](probe, chromedp.EvalAwaitPromise)); err != nil {
		return nil, nil, err
	}
	return cold, warm, nil
}

func stat(s []sample, k string, q float64) float64 {
	var v []float64
	for _, x := range s {
		if f, ok := x[k]; ok {
			v = append(v, f)
		}
	}
	if len(v) == 0 {
		return -1
	}
	sort.Float64s(v)
	i := int(q*float64(len(v)-1) + 0.5)
	return v[i]
}

// allKeys lists every mark seen, in the order of their median cold time.
func allKeys(s []sample) []string {
	seen := map[string]bool{}
	var ks []string
	for _, x := range s {
		for k := range x {
			if !seen[k] {
				seen[k] = true
				ks = append(ks, k)
			}
		}
	}
	sort.Slice(ks, func(i, j int) bool { return stat(s, ks[i], 0.5) < stat(s, ks[j], 0.5) })
	return ks
}
