// Command searchbench measures, in headless Chromium, what a reader's first
// query costs with our search index and with Pagefind's, over the same
// built pages: the bytes fetched (index files and each engine's own search
// script, as stored on disk, served uncompressed by a plain static server)
// and the query time. It is run by generator/search/bench/pagefind.sh.
//
//	searchbench -index SITE/latest/search [-pagefind PAGEFIND_OUT] [-n 50] [-limit 8]
//	searchbench -index NEW/search -base OLD/search -base-ts OLD/theme/ts -rounds 3
//
// The second form compares two builds of ours query by query (say, before
// and after a change), the engine that goes first alternating, which on a
// noisy machine is fairer than two runs; -v -trace prints when each file of
// every first query was fetched, and the performance.mark()s the script
// made meanwhile (none unless added to search-core.ts while profiling).
//
// For each query and engine it loads a fresh page (every response is
// no-store, so nothing is cached) and times, in the page, from the import
// of the engine's script to the data of the first -limit results: a cold
// first query. It then runs every query again in one page, with the index
// open and its files cached in memory, as a reader typing on: warm
// queries. It prints one line per engine, and one per query with -v.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/evanw/esbuild/pkg/api"
	"handbook/generator/browser"

	"handbook/generator/search/searchtest"
)

// defaultQueries are the queries and other phrases of the handbook's
// prose, short and long, common and rare: the generated corpus recombines
// that prose.
var defaultQueries = []string{
	"绩效工资", "末位淘汰", "政府采购", "大客户经理", "保密", "105%",
	"提成方案", "额外奖金", "考核目的", "工作态度", "市场总监", "投标文件",
	"客户档案", "预算控制", "试用期", "在职培训", "职务说明书", "奖惩办法",
	"挑战目标", "绩效管理", "公共关系", "述职", "授权", "部门职能",
	"外拓工作流程", "大客户内勤", "月度绩效考核", "工作报告", "规章制度", "业绩考评",
	"能力考核", "岗位描述", "直接上级", "销售计划", "公关策略", "组织架构",
	"离职", "考勤", "电子档案", "政府采购合同", "商户洽谈", "拓展推广",
	"季度任务", "心态变化", "一专多能", "副总经理", "80%", "95",
	"绩效 发放", "客户 信息",
}

var profiling = flag.Bool("profile", false, "sample the page's main thread during the first queries, and apart during the warm ones, and print where its time went (slows the queries; names unminified)")

func main() {
	index := flag.String("index", "", "our index: the folder holding meta.json")
	pagefind := flag.String("pagefind", "", "Pagefind's output folder (holding pagefind.js); without it, ours alone")
	n := flag.Int("n", len(defaultQueries), "number of queries (of the built-in list)")
	limit := flag.Int("limit", 8, "results whose data a query loads (our dropdown shows 8)")
	rounds := flag.Int("rounds", 1, "times to run the queries (more samples for the percentiles)")
	verbose := flag.Bool("v", false, "print every query")
	base := flag.String("base", "", "another index of ours to compare with, side by side (e.g. one built by an older version)")
	baseTS := flag.String("base-ts", "", "with -base, the theme/ts folder whose search-core.ts reads it")
	floor := flag.Bool("floor", false, "after each first query of ours, fetch the same files again in a fresh page, in the same rounds, computing nothing: the requests' own cost")
	box := flag.Bool("box", false, "also time each first query as the search box runs it: the index opened when the box gets focus, then from the keystroke, which prefetches the query (postings, then its ranking and the first results' text), to the data of the first results, the search starting once the prefetch is done or the box's pause (60 ms) is over (Pagefind: init() at focus, preload(query))")
	trace := flag.Bool("trace", false, "with -v, print when each file of a query was fetched")
	only := flag.String("q", "", "comma-separated queries to run instead of the built-in list")
	site := flag.String("site", "", "instead, time the search page itself: a fresh page opens SITE/latest/search/?q=… (SITE: a build folder), from navigation to the first results on screen, with the page's preload of meta.json and with it taken out, alternately")
	flag.Parse()
	queries := defaultQueries[:min(*n, len(defaultQueries))]
	if *only != "" {
		queries = strings.Split(*only, ",")
	}
	if *site != "" {
		pageBench(*site, queries, *rounds, *verbose, *trace)
		return
	}
	if *index == "" {
		log.Fatal("searchbench: -index or -site is required")
	}
	dir, err := searchtest.ThemeTS()
	if err != nil {
		log.Fatal(err)
	}
	scripts := map[string][]byte{}
	if scripts["ours"], err = bundle(dir, "ours"); err != nil {
		log.Fatal(err)
	}
	if *base != "" {
		if *baseTS == "" {
			log.Fatal("searchbench: -base needs -base-ts")
		}
		if scripts["base"], err = bundle(*baseTS, "base"); err != nil {
			log.Fatal(err)
		}
	}

	var mu sync.Mutex
	bytes := map[string]int{}
	files := map[string]int{}
	paths := map[string][]string{}
	count := func(engine string, n int, path string) {
		mu.Lock()
		bytes[engine] += n
		files[engine]++
		paths[engine] = append(paths[engine], path)
		mu.Unlock()
	}
	idx := http.StripPrefix("/ours/", http.FileServer(http.Dir(*index)))
	bidx := http.StripPrefix("/base/", http.FileServer(http.Dir(*base)))
	pf := http.StripPrefix("/pagefind/", http.FileServer(http.Dir(*pagefind)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		switch {
		case r.URL.Path == "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(benchPage))
		case r.URL.Path == "/ours.js" || r.URL.Path == "/base.js":
			e := strings.TrimSuffix(r.URL.Path[1:], ".js")
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(scripts[e])
			count(e, len(scripts[e]), r.URL.Path)
		case strings.HasPrefix(r.URL.Path, "/ours/"):
			cw := &counter{ResponseWriter: w}
			idx.ServeHTTP(cw, r)
			count("ours", cw.n, r.URL.Path)
		case strings.HasPrefix(r.URL.Path, "/base/") && *base != "":
			cw := &counter{ResponseWriter: w}
			bidx.ServeHTTP(cw, r)
			count("base", cw.n, r.URL.Path)
		case strings.HasPrefix(r.URL.Path, "/pagefind/"):
			cw := &counter{ResponseWriter: w}
			pf.ServeHTTP(cw, r)
			count("pagefind", cw.n, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	ctx, stop := startBrowser()
	defer stop()

	type answer struct {
		Ms    float64  `json:"ms"`
		Total int      `json:"total"`
		Top   []string `json:"top"`
		Error string   `json:"error"`
		Trace []struct {
			Name  string  `json:"name"`
			Start float64 `json:"start"`
			End   float64 `json:"end"`
		} `json:"trace"`
	}
	ask := func(engine, q string) answer {
		js, _ := json.Marshal([]any{engine, q, *limit})
		a, err := chromedp.Run(ctx, chromedp.Evaluate[answer](`bench(...`+string(js)+`)`, chromedp.EvalAwaitPromise))
		if err != nil {
			log.Fatalf("%s %q: %v", engine, q, err)
		}
		if a.Error != "" {
			log.Fatalf("%s %q: %s", engine, q, a.Error)
		}
		return a
	}
	engines := []string{"ours"}
	if *base != "" {
		engines = append(engines, "base")
	}
	if *pagefind != "" {
		engines = append(engines, "pagefind")
	}
	type stats struct{ cold, warm, bytes, floor, box []float64 }
	res := map[string]*stats{}
	for _, e := range engines {
		res[e] = &stats{}
		// One throw-away load, so Chromium's own start-up is not timed.
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			log.Fatal(err)
		}
		ask(e, queries[0])
	}
	for r := range *rounds {
		for i, q := range queries {
			order := engines
			if (r+i)%2 == 1 { // which engine goes first alternates
				order = slices.Clone(engines)
				slices.Reverse(order)
			}
			for _, e := range order {
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
					log.Fatal(err)
				}
				mu.Lock()
				bytes[e], files[e], paths[e] = 0, 0, nil
				mu.Unlock()
				if *profiling {
					startProfile(ctx)
				}
				a := ask(e, q)
				if *profiling {
					stopProfile(ctx, e)
				}
				mu.Lock()
				b, f := bytes[e], files[e]
				mu.Unlock()
				res[e].cold = append(res[e].cold, a.Ms)
				res[e].bytes = append(res[e].bytes, float64(b))
				if *floor && e != "pagefind" {
					mu.Lock()
					ps := paths[e]
					mu.Unlock()
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
						log.Fatal(err)
					}
					js, _ := json.Marshal(fetchRounds(ps))
					ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`replay(`+string(js)+`)`, chromedp.EvalAwaitPromise))
					if err != nil {
						log.Fatal("replay: ", err)
					}
					res[e].floor = append(res[e].floor, ms)
				}
				if *box {
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
						log.Fatal(err)
					}
					js, _ := json.Marshal([]any{e, q, *limit, boxPause})
					a, err := chromedp.Run(ctx, chromedp.Evaluate[answer](`box(...`+string(js)+`)`, chromedp.EvalAwaitPromise))
					if err == nil && a.Error != "" {
						err = errors.New(a.Error)
					}
					if err != nil {
						log.Fatalf("box %s %q: %v", e, q, err)
					}
					res[e].box = append(res[e].box, a.Ms)
				}
				if *verbose {
					fmt.Printf("%-9s %-8s first query %8d bytes %3d files %7.1f ms %6d results, first %s\n", e, q, b, f, a.Ms, a.Total, first(a.Top))
					if *trace {
						for _, r := range a.Trace {
							fmt.Printf("          %6.1f → %6.1f ms  %s\n", r.Start, r.End, r.Name)
						}
					}
				}
			}
		}
	}
	for _, e := range engines {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			log.Fatal(err)
		}
		ask(e, queries[0]) // opens the index
		for _, q := range queries {
			if *profiling {
				startProfile(ctx)
			}
			a := ask(e, q)
			if *profiling {
				stopProfile(ctx, e+" warm")
			}
			res[e].warm = append(res[e].warm, a.Ms)
			if *verbose {
				fmt.Printf("%-9s %-8s warm query %7.1f ms\n", e, q, a.Ms)
				if *trace {
					for _, r := range a.Trace {
						fmt.Printf("          %6.1f → %6.1f ms  %s\n", r.Start, r.End, r.Name)
					}
				}
			}
		}
	}
	fmt.Printf("%d queries, data of the first %d results each, headless Chromium\n", len(queries), *limit)
	for _, e := range engines {
		s := res[e]
		fmt.Printf("%-9s first query: bytes p50 %7.0f  p95 %7.0f  max %7.0f  mean %7.0f | time p50 %6.1f ms  p95 %6.1f ms | warm query p50 %5.1f ms  p95 %5.1f ms\n",
			e, pct(s.bytes, 50), pct(s.bytes, 95), pct(s.bytes, 100), mean(s.bytes), pct(s.cold, 50), pct(s.cold, 95), pct(s.warm, 50), pct(s.warm, 95))
		if len(s.box) > 0 {
			fmt.Printf("%-9s as the search box runs it (index opened at focus; typed: the query prefetched, and searched once that is done or after a %d ms pause): from the keystroke p50 %6.1f ms  p95 %6.1f ms\n",
				"", boxPause, pct(s.box, 50), pct(s.box, 95))
		}
		if len(s.floor) > 0 {
			fmt.Printf("%-9s the same files alone, fetched in the same rounds, nothing computed: p50 %6.1f ms  p95 %6.1f ms\n", "", pct(s.floor, 50), pct(s.floor, 95))
		}
		if len(s.bytes) > len(queries) {
			fmt.Printf("%-9s (first query: %d samples over %d rounds)\n", "", len(s.bytes), *rounds)
		}
	}
	if *profiling {
		printProfiles()
	}
	if *verbose && res["pagefind"] != nil && *rounds == 1 {
		for i, q := range queries {
			fmt.Printf("%-10s bytes ours %7.0f pagefind %7.0f\n", q, res["ours"].bytes[i], res["pagefind"].bytes[i])
		}
	}
}

// boxPause is how long the search box waits for typing to pause before it
// searches, unless the prefetch of the query is done sooner (DEBOUNCE_MS in
// theme/ts/search.ts).
const boxPause = 60

// fetchRounds groups the files a first query of ours fetched as the engine
// fetches them, each group only after the one before: its script, then
// meta.json, then the terms' postings (their own files and dictionary
// shards), then the doc shards, then any positions.
func fetchRounds(paths []string) [][]string {
	out := make([][]string, 5)
	for _, p := range paths {
		name := p[strings.LastIndex(p, "/")+1:]
		k := 3
		switch {
		case strings.HasSuffix(name, ".js"):
			k = 0
		case name == "meta.json":
			k = 1
		case strings.HasSuffix(name, ".pos"):
			k = 4
		case strings.HasPrefix(name, "t"), strings.HasPrefix(name, "p"):
			k = 2
		}
		out[k] = append(out[k], p)
	}
	return slices.DeleteFunc(out, func(r []string) bool { return len(r) == 0 })
}

func first(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return s[0]
}

func pct(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[max(0, min(len(s)-1, i))]
}

func mean(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(max(1, len(xs)))
}

type counter struct {
	http.ResponseWriter
	n int
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}

// benchPage times one query of either engine, from the import of its script
// to the data of the first results.
const benchPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>
<script>
const trace = (t0) => [...performance.getEntriesByType("resource").filter((r) => r.startTime >= t0).map((r) => ({ name: new URL(r.name).pathname, start: r.startTime - t0, end: r.responseEnd - t0 })), ...performance.getEntriesByType("mark").filter((r) => r.startTime >= t0).map((r) => ({ name: "mark " + r.name, start: r.startTime - t0, end: r.startTime - t0 }))].sort((a, b) => a.end - b.end);
window.replay = async (rounds) => {
  const t0 = performance.now();
  for (const r of rounds) await Promise.all(r.map((p) => fetch(p).then((res) => res.arrayBuffer())));
  return performance.now() - t0;
};
window.box = async (engine, q, limit, pause) => {
  try {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    if (engine !== "pagefind") {
      const m = await import("/" + engine + ".js");
      await m.open(); // the box got focus
      const t0 = performance.now(); // typed: the box prefetches, and searches once that is done or the pause is over
      await Promise.race([m.prefetch(q, limit), sleep(pause)]);
      const r = await m.run(q, limit);
      return { ms: performance.now() - t0, total: r.total, top: r.top };
    }
    const pf = await import("/pagefind/pagefind.js");
    await pf.options({ basePath: "/pagefind/" });
    await pf.init();
    const t0 = performance.now();
    await Promise.race([pf.preload ? pf.preload(q) : null, sleep(pause)]);
    const s = await pf.search(q);
    const data = await Promise.all(s.results.slice(0, limit).map((r) => r.data()));
    return { ms: performance.now() - t0, total: s.results.length, top: data.map((d) => d.url) };
  } catch (e) {
    return { ms: 0, total: 0, top: [], error: String((e && e.stack) || e) };
  }
};
window.bench = async (engine, q, limit) => {
  try {
    const t0 = performance.now();
    if (engine !== "pagefind") {
      const m = await import("/" + engine + ".js");
      const r = await m.run(q, limit);
      const ms = performance.now() - t0;
      return { ms, total: r.total, top: r.top, trace: trace(t0) };
    }
    const pf = await import("/pagefind/pagefind.js");
    if (!window.pfReady) {
      await pf.options({ basePath: "/pagefind/" });
      await pf.init();
      window.pfReady = true;
    }
    const s = await pf.search(q);
    const data = await Promise.all(s.results.slice(0, limit).map((r) => r.data()));
    const ms = performance.now() - t0;
    return { ms, total: s.results.length, top: data.map((d) => d.url), trace: trace(t0) };
  } catch (e) {
    return { ms: 0, total: 0, top: [], error: String((e && e.stack) || e) };
  }
};
</script></head><body></body></html>`

// oursSource opens our index as the page's search does and answers a query.
const oursSource = `
import { Index } from "./search-core.ts";
let opening = null;
export function open() {
  opening ??= Index.open(async (p) => {
    const r = await fetch(PREFIX + p);
    if (!r.ok) throw new Error(p + ": " + r.status);
    return new Uint8Array(await r.arrayBuffer());
  });
  return opening;
}
export function prefetch(q, limit) {
  return opening.then((idx) => idx.prefetch(q, limit)); // as theme/ts/search.ts does
}
export async function run(q, limit) {
  const idx = await open();
  const r = await idx.search(q, limit);
  return { total: r.total, top: r.hits.map((h) => h.record.url + "#" + h.record.anchor) };
}
`

// bundle builds oursSource with the search-core.ts of dir, reading the index
// under /engine/, minified as the site ships it.
func bundle(dir, engine string) ([]byte, error) {
	src := strings.Replace(oursSource, "PREFIX", `"/`+engine+`/"`, 1)
	res := api.Build(api.BuildOptions{
		Stdin:             &api.StdinOptions{Contents: src, ResolveDir: dir, Sourcefile: "ours.js", Loader: api.LoaderJS},
		Bundle:            true,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: !*profiling, // names for the profile
		MinifySyntax:      true,
		Write:             false,
	})
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("bundling: %s", strings.Join(api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}), "\n"))
	}
	return res.OutputFiles[0].Contents, nil
}

// selfTime is, per engine, the main thread's time by what it was doing
// (function, script and line, or V8's own "(program)", "(garbage
// collector)", "(idle)"), summed over the profiled queries.
var selfTime = map[string]map[string]float64{}

func startProfile(ctx context.Context) {
	_, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{})
	if err == nil {
		_, err = chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}) // µs
	}
	if err == nil {
		_, err = chromedp.Call(ctx, profiler.Start, cdp.Empty{})
	}
	if err != nil {
		log.Fatal("profile: ", err)
	}
}

func stopProfile(ctx context.Context, engine string) {
	r, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		log.Fatal("profile: ", err)
	}
	p := r.Profile
	m := selfTime[engine]
	if m == nil {
		m = map[string]float64{}
		selfTime[engine] = m
	}
	name := map[int64]string{}
	for _, n := range p.Nodes {
		f := n.CallFrame
		k := f.FunctionName
		if k == "" {
			k = "(anonymous)"
		}
		if f.URL != "" {
			u := f.URL[strings.LastIndex(f.URL, "/")+1:]
			k += fmt.Sprintf("  %s:%d", u, f.LineNumber+1)
		}
		name[n.ID] = k
	}
	for i, id := range p.Samples {
		if i+1 < len(p.TimeDeltas) {
			m[name[id]] += float64(p.TimeDeltas[i+1]) / 1000
		}
	}
}

func printProfiles() {
	for e, m := range selfTime {
		keys := make([]string, 0, len(m))
		total := 0.0
		for k, v := range m {
			keys = append(keys, k)
			total += v
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
		fmt.Printf("%s: main thread over the profiled first queries, %.0f ms, by self time\n", e, total)
		for _, k := range keys[:min(30, len(keys))] {
			fmt.Printf("  %8.1f ms %5.1f%%  %s\n", m[k], 100*m[k]/total, k)
		}
	}
}

// startBrowser starts headless Chromium with a profile of its own, for at
// most 20 minutes of queries, its tab without the DevTools domains nothing
// here uses (browser.Quiet); stop ends it and removes the profile.
func startBrowser() (context.Context, func()) {
	bin, err := browser.Path()
	if err != nil {
		log.Fatal(err)
	}
	profile, err := os.MkdirTemp("", "searchbench-chromium")
	if err != nil {
		log.Fatal(err)
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), browser.Options(bin, profile)...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 20*time.Minute)
	if err := browser.Quiet(ctx); err != nil {
		log.Fatal(err)
	}
	return ctx, func() {
		cancelC()
		cancelB()
		cancelA()
		os.RemoveAll(profile)
	}
}
