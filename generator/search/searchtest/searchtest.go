// Package searchtest runs the browser's search code (theme/ts/search-core.ts)
// in Node over an index built by package search, so tests in any package can
// check what a reader would get for a query: the ranked clauses, their
// snippets and the bytes fetched. Without node on PATH the tests are skipped,
// unless CI is set, when they fail.
package searchtest

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"handbook/generator/search"
)

// Hit is one ranked clause as the page shows it.
type Hit struct {
	URL     string `json:"url"`
	Anchor  string `json:"anchor"`
	Chapter string `json:"chapter"`
	// Heading and Snippet have the matched characters in <mark>…</mark>.
	Heading string `json:"heading"`
	Snippet string `json:"snippet"`
	// Exact is the number of the query's phrases the clause contains exactly;
	// InHeading how many of them are in its heading; InPath, when it holds
	// none itself, how many its sections' path holds (a complete match,
	// as the page counts it, holds every phrase in one or the other).
	Exact     int `json:"exact"`
	InHeading int `json:"inHeading"`
	InPath    int `json:"inPath"`
	// Noted is how many of the Exact phrases are only in the editor's
	// notes after the clause's own words.
	Noted int     `json:"noted"`
	Score float64 `json:"score"`
}

// Result is the answer to one query.
type Result struct {
	Query string `json:"query"`
	// Total is the number of clauses found; Hits the first Limit of them.
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
	// Whole is how many of them hold every phrase of the query whole
	// (Index.whole, asked after the search); they are listed first.
	Whole int `json:"whole"`
	// Partial is set when no clause holds enough of the query's terms and
	// the hits hold only some of them (SearchResult.partial).
	Partial bool `json:"partial"`
	// Bytes is what the query fetched from a freshly opened index: meta.json,
	// the postings shards it needs and the doc shards of the hits returned.
	Bytes int `json:"bytes"`
	// Files is the number of files fetched; Paths their paths relative to
	// meta.json, in the order asked for.
	Files int      `json:"files"`
	Paths []string `json:"paths"`
	// Millis is the time of the query in Node, from open to snippets.
	Millis float64 `json:"millis"`
	// AfterPrefetch is, with Options.Prefetch, the number of files the
	// search fetched after the index's prefetch for the query had settled.
	AfterPrefetch int `json:"afterPrefetch"`
	// Suggestions are, with Options.Suggest, the queries one character
	// away that the page offers when no clause holds the query whole
	// (Index.suggest, asked after whole).
	Suggestions []string `json:"suggestions"`
	// Error is the message of an exception, if the query threw one.
	Error string `json:"error"`
}

// Anchors lists the anchors of the hits, best first.
func (r Result) Anchors() []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.Anchor
	}
	return out
}

// Options of a run; the zero value returns 10 hits per query.
type Options struct {
	Limit int
	// Prefetch runs each query as the search box does: Index.prefetch
	// with the limit first, the search once that has settled.
	Prefetch bool
	// Suggest asks Index.suggest after each search (Result.Suggestions).
	Suggest bool
	// TypeOn, with Suggest, asks for a search of it right after asking
	// for the suggestions, as a reader typing on makes the box do.
	TypeOn string
	// General answers every query with the plain merge of its terms'
	// lists, not candidates()'s quicker ways (useShortcuts: a loop of its
	// own for one term, a walk of the rarest lists for several), so a test
	// can compare the two.
	General bool
}

// Search builds an index of docs with default options and runs queries.
func Search(tb testing.TB, docs []search.Doc, queries []string) []Result {
	tb.Helper()
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		tb.Fatalf("search.Build: %v", err)
	}
	return SearchIndex(tb, files, "search", queries, Options{})
}

// SearchIndex runs queries over an index already built, given as the file
// map search.Build returned and the folder of the index inside it. Each
// query runs against a freshly opened index, so Bytes counts a first query.
func SearchIndex(tb testing.TB, files map[string][]byte, dir string, queries []string, opts Options) []Result {
	tb.Helper()
	tmp := tb.TempDir()
	for name, b := range files {
		rel, err := filepath.Rel(dir, name)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		p := filepath.Join(tmp, "index", rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if opts.Limit <= 0 {
		opts.Limit = 10
	}
	var out struct {
		Results []Result `json:"results"`
	}
	run(tb, tmp, map[string]any{"index": filepath.Join(tmp, "index"), "queries": queries, "limit": opts.Limit, "prefetch": opts.Prefetch, "suggest": opts.Suggest, "typeOn": opts.TypeOn, "general": opts.General}, &out)
	return out.Results
}

// Token is a term and its code point offset, as the browser's tokenizer
// produces them.
type Token struct {
	Text string
	Pos  int
}

// Tokenize runs the browser's tokenizer over each text.
func Tokenize(tb testing.TB, texts []string) [][]Token {
	tb.Helper()
	var out struct {
		Tokens [][][2]any `json:"tokens"`
	}
	run(tb, tb.TempDir(), map[string]any{"tokenize": texts}, &out)
	res := make([][]Token, len(out.Tokens))
	for i, ts := range out.Tokens {
		res[i] = []Token{}
		for _, t := range ts {
			res[i] = append(res[i], Token{t[0].(string), int(t[1].(float64))})
		}
	}
	return res
}

// NextHash runs the browser's nextHash (the bit of a posting's byte of the
// characters after its term) over each code point.
func NextHash(tb testing.TB, cps []rune) []uint32 {
	tb.Helper()
	var out struct {
		NextHash []uint32 `json:"nextHash"`
	}
	run(tb, tb.TempDir(), map[string]any{"nextHash": cps}, &out)
	return out.NextHash
}

// Node returns the path of node, skipping the test when it is missing
// (failing instead when the CI variable is set).
func Node(tb testing.TB) string {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("node not found on PATH; the search tests run the page's script in Node (Debian: apt-get install nodejs)")
		}
		tb.Skip("node not found on PATH: skipping the search tests that run theme/ts/search-core.ts (install Node.js ≥ 18 to run them)")
	}
	return node
}

func run(tb testing.TB, tmp string, req any, out any) {
	tb.Helper()
	node := Node(tb)
	script, err := harness()
	if err != nil {
		tb.Fatal(err)
	}
	js := filepath.Join(tmp, "harness.mjs")
	reqFile := filepath.Join(tmp, "request.json")
	b, _ := json.Marshal(req)
	if err := os.WriteFile(js, script, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(reqFile, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(node, js, reqFile)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		tb.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		tb.Fatalf("node harness output: %v\n%.2000s", err, stdout)
	}
}

// harnessSource imports the page's search core and answers one request.
const harnessSource = `
import { Index, tokenize, highlight, snippet, nextHash, useShortcuts } from "./search-core.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const req = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = { results: [], tokens: [], nextHash: [] };
if (req.general) useShortcuts(false);
const marked = (segs) => segs.map((s) => (s.mark ? "<mark>" + s.text + "</mark>" : s.text)).join("");
for (const q of req.queries || []) {
  let bytes = 0, files = 0;
  const paths = [];
  const t0 = performance.now();
  try {
    const idx = await Index.open(async (p) => {
      const b = new Uint8Array(readFileSync(join(req.index, p)));
      bytes += b.length;
      files++;
      paths.push(p);
      return b;
    });
    let before = 0;
    if (req.prefetch) {
      await idx.prefetch(q, req.limit);
      before = files;
    }
    const r = await idx.search(q, req.limit);
    const afterPrefetch = req.prefetch ? files - before : 0;
    const whole = r.total > 0 ? await idx.whole(q) : 0;
    const asked = req.suggest ? idx.suggest(q) : Promise.resolve([]);
    if (req.suggest && req.typeOn) await idx.search(req.typeOn, 1);
    const suggestions = await asked;
    const top = r.hits;
    const docs = top.map((h) => h.record);
    const hits = top.map((h, i) => ({
      url: docs[i].url,
      anchor: docs[i].anchor,
      chapter: docs[i].chapter,
      heading: marked(highlight(docs[i].heading, h.spans, true)),
      snippet: marked(snippet(h, 60)),
      exact: h.exact,
      inHeading: h.inHeading,
      inPath: h.inPath,
      noted: h.noted,
      score: h.score,
    }));
    out.results.push({ query: q, total: r.total, whole, partial: !!r.partial, hits, suggestions, bytes, files, paths, millis: performance.now() - t0, afterPrefetch });
  } catch (e) {
    out.results.push({ query: q, total: 0, hits: [], bytes, files, paths, millis: performance.now() - t0, error: String(e && e.stack || e) });
  }
}
out.tokens = (req.tokenize || []).map((s) => tokenize(s).map((t) => [t.text, t.pos]));
out.nextHash = (req.nextHash || []).map(nextHash);
process.stdout.write(JSON.stringify(out));
`

var (
	harnessOnce sync.Once
	harnessJS   []byte
	harnessErr  error
)

// harness bundles harnessSource with theme/ts once per process.
func harness() ([]byte, error) {
	harnessOnce.Do(func() {
		dir, err := ThemeTS()
		if err != nil {
			harnessErr = err
			return
		}
		res := api.Build(api.BuildOptions{
			Stdin: &api.StdinOptions{
				Contents:   harnessSource,
				ResolveDir: dir,
				Sourcefile: "harness.mjs",
				Loader:     api.LoaderJS,
			},
			Bundle:   true,
			Format:   api.FormatESModule,
			Platform: api.PlatformNode,
			Target:   api.ES2022,
			Write:    false,
		})
		if len(res.Errors) > 0 {
			msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
			harnessErr = errors.New("bundling the search harness:\n" + strings.Join(msgs, "\n"))
			return
		}
		harnessJS = res.OutputFiles[0].Contents
	})
	return harnessJS, harnessErr
}

// ThemeTS finds theme/ts of the module, walking up from the working
// directory to go.mod.
func ThemeTS() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "theme", "ts"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("searchtest: go.mod not found above the working directory")
		}
		dir = parent
	}
}
