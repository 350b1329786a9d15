package search_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/evanw/esbuild/pkg/api"

	"handbook/generator/browser"
	"handbook/generator/browser/browsertest"
	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// bundle builds theme/ts/search.ts (the page's entry for search) and
// theme/css/search.css as the site would.
func bundle(t *testing.T) (js, css []byte) {
	t.Helper()
	dir, err := searchtest.ThemeTS()
	if err != nil {
		t.Fatal(err)
	}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join(dir, "search.ts"), filepath.Join(dir, "..", "css", "search.css")},
		Bundle:      true,
		Format:      api.FormatESModule,
		Target:      api.ES2020,
		Outdir:      "out",
		Write:       false,
		Loader:      map[string]api.Loader{".css": api.LoaderCSS},
	})
	if len(res.Errors) > 0 {
		t.Fatal(strings.Join(api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}), "\n"))
	}
	for _, f := range res.OutputFiles {
		switch filepath.Ext(f.Path) {
		case ".js":
			js = f.Contents
		case ".css":
			css = f.Contents
		}
	}
	return js, css
}

func TestPageScriptBundles(t *testing.T) {
	js, css := bundle(t)
	if len(js) == 0 || len(css) == 0 {
		t.Fatal("empty bundle")
	}
}

const testPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="search-index" content="/latest/search/">
<link rel="stylesheet" href="/assets/search.css">
<script type="module" src="/assets/search.js"></script>
<title>t</title></head>
<body>
<form class="search-form" role="search" action="/latest/search/"><input type="search" name="q" aria-label="搜索"></form>
<main>{{main}}</main>
</body></html>`

func TestSearchInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	bin := browsertest.Path(t)
	js, css := bundle(t)
	opts := search.Options{Dir: "latest/search", ShardBytes: 2000}
	files, err := search.Build(handbook(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("index", func(t *testing.T) { searchInTheBrowser(t, bin, js, css, files) })
	// The same with chapter 6 changed since the index was built: its
	// clauses come from a delta, and their old text is never shown.
	docs := handbook()
	deleted := search.Ranges(docs, func(d *search.Doc) bool { return d.URL == "/latest/performance/" })
	var changed []search.Doc
	for _, d := range docs {
		if d.URL == "/latest/performance/" {
			d.Text += "（修订）"
			changed = append(changed, d)
		}
	}
	delta, err := search.BuildDelta(files["latest/search/meta.json"], deleted, changed, opts)
	if err != nil {
		t.Fatal(err)
	}
	withDelta := maps.Clone(files)
	maps.Copy(withDelta, delta)
	t.Run("index with a delta", func(t *testing.T) { searchInTheBrowser(t, bin, js, css, withDelta) })
}

// searchServer serves the test pages over files (an index under
// latest/search/), listing in fetched the index files asked for.
func searchServer(js, css []byte, files map[string][]byte, fetched *[]string) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		p := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case p == "assets/search.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(js)
		case p == "assets/search.css":
			w.Header().Set("Content-Type", "text/css")
			w.Write(css)
		case files[p] != nil:
			*fetched = append(*fetched, p)
			w.Write(files[p])
		case p == "latest/search/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(strings.Replace(testPage, "{{main}}", `<div id="search-results"></div>`, 1)))
		case strings.HasPrefix(p, "latest/"):
			var b strings.Builder
			for _, d := range handbook() {
				if "/"+p == d.URL {
					b.WriteString(`<h2 id="` + d.Anchor + `">` + d.Heading + `</h2><p>` + d.Text + `</p>`)
				}
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(strings.Replace(testPage, "{{main}}", b.String(), 1)))
		default:
			http.NotFound(w, r)
		}
	})
	return httptest.NewServer(mux)
}

func searchInTheBrowser(t *testing.T, bin string, js, css []byte, files map[string][]byte) {
	var fetched []string
	srv := searchServer(js, css, files, &fetched)
	defer srv.Close()

	actx, cancel := chromedp.NewExecAllocator(context.Background(), browser.Options(bin, t.TempDir())...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	const input = chromedp.CSS(`form.search-form input`)
	do(chromedp.Navigate(srv.URL+"/latest/functions/"), chromedp.WaitReady(input))
	eval(`window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI)); ""`)
	before := len(fetched)
	do(pressSlash)
	focused := eval(`String(document.activeElement && document.activeElement.name)`)
	// waitDropdown waits for the dropdown of the whole query, not of a
	// prefix typed earlier: its first result marks the query.
	waitDropdown := func(query string) {
		t.Helper()
		for i := 0; eval(`String(document.querySelector(".search-dropdown:not([hidden]) .search-result mark")?.textContent)`) != query; i++ {
			if i == 100 {
				t.Fatal("no dropdown for " + query + ": " + eval(`document.querySelector(".search-dropdown")?.outerHTML ?? "no dropdown"`))
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	do(chromedp.SendKeys(input, "末位淘汰"))
	waitDropdown("末位淘汰")
	first := eval(`document.querySelector(".search-dropdown .search-result .search-result-heading").textContent`)
	href := eval(`document.querySelector(".search-dropdown .search-result").href`)
	mark := eval(`document.querySelector(".search-dropdown .search-result mark").textContent`)
	violations := eval(`(window.__csp || []).join("; ")`)
	do(chromedp.KeyEvent(kb.ArrowDown), press('\r'))
	var location string
	for range 100 {
		// Enter navigates: an evaluation that meets the page going away
		// ("Inspected target navigated or closed") is tried again.
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
		if location = v; err == nil && strings.Contains(location, "performance") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	do(chromedp.Navigate(srv.URL+"/latest/search/?q=政府采购"), chromedp.WaitVisible(chromedp.CSS(`#search-results .search-result`)))
	pageResults := len(eval(`Array.from(document.querySelectorAll("#search-results .search-result"), () => "x").join("")`))
	input2 := eval(`document.querySelector("form.search-form input").value`)
	if before != 0 {
		t.Errorf("the index was fetched before the first search: %q", fetched[:before])
	}
	if focused != "q" {
		t.Errorf("'/' focused %q, want the search box", focused)
	}
	if first != "(二)奖惩办法" || mark != "末位淘汰" {
		t.Errorf("first result %q with mark %q", first, mark)
	}
	if want := "#" + url(t, "销售人员奖惩办法.4"); !strings.HasSuffix(href, want) || !strings.HasSuffix(location, want) {
		t.Errorf("result href %q, page after Enter %q, want …%s", href, location, want)
	}
	if input2 != "政府采购" {
		t.Errorf("search page box holds %q", input2)
	}
	if pageResults < 3 {
		t.Errorf("search page shows %d results for 政府采购", pageResults)
	}
	if violations != "" {
		t.Errorf("CSP violations: %s", violations)
	}

	// With an input method: the box holds the pinyin being composed
	// ("baomi") until the reader picks 保密, however long they look at the
	// candidates. The box neither searches nor shows anything for the
	// pinyin, and searches for 保密 once it is committed.
	do(chromedp.Navigate(srv.URL+"/latest/functions/"), chromedp.WaitReady(input))
	do(pressSlash)
	fetchedBefore := len(fetched)
	for _, pinyin := range []string{"b", "ba", "bao", "baom", "baomi"} {
		do(ime(pinyin))
		time.Sleep(30 * time.Millisecond)
	}
	time.Sleep(400 * time.Millisecond) // reading the candidates
	composing := eval(`document.querySelector("form.search-form input").value + " | " + (document.querySelector(".search-dropdown:not([hidden])")?.textContent ?? "")`)
	var duringPinyin []string
	for _, f := range fetched[fetchedBefore:] {
		if !strings.HasSuffix(f, "meta.json") {
			duringPinyin = append(duringPinyin, f)
		}
	}
	do(imeCommit("保密"))
	waitDropdown("保密")
	if composing != "baomi | " {
		t.Errorf("while composing, box and dropdown: %q, want the pinyin and no dropdown", composing)
	}
	if len(duringPinyin) > 0 {
		t.Errorf("the box fetched %q for the pinyin being composed", duringPinyin)
	}
}

// imeCommit ends the composition with the text the reader picked.
func imeCommit(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return err
	})
}

// ime sets the text an input method is composing in the focused field.
func ime(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		n := int64(len([]rune(text)))
		_, err := cdp.Call(ctx, t, input.ImeSetComposition, input.ImeSetCompositionParams{Text: text, SelectionStart: n, SelectionEnd: n})
		return err
	})
}

// press presses a key as a person does: one keydown carrying the text,
// which the page may cancel. (chromedp.KeyEvent sends a separate char event
// that types "/" or submits the form on Enter even when the keydown was
// cancelled.)
func press(r rune) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return pressKey(ctx, t, r)
	})
}

var pressSlash = press('/')

func pressKey(ctx context.Context, t *chromedp.Target, r rune) error {
	var text string
	for _, k := range kb.Encode(r) {
		if k.Type == kb.KeyChar {
			text = k.Text
		}
	}
	for _, k := range kb.Encode(r) {
		if k.Type == kb.KeyChar {
			continue
		}
		if k.Type == kb.KeyDown {
			k.Text, k.UnmodifiedText = text, text
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
			return err
		}
	}
	return nil
}

func url(t *testing.T, fragment string) string {
	t.Helper()
	var b strings.Builder
	for _, c := range []byte(fragment) {
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex2(c)))
		}
	}
	return b.String()
}

func hex2(c byte) string {
	const d = "0123456789abcdef"
	return string([]byte{d[c>>4], d[c&15]})
}

// A paragraph pasted into the search page (a clause copied from a chat, to
// find where it is) is named in the summary and the title by its first
// words, not whole: on a phone its hundred characters pushed the results
// below the fold. The search reads its first 64 characters, and says so.
func TestSearchPageNamesAPastedParagraphShortly(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	bin := browsertest.Path(t)
	js, css := bundle(t)
	files, err := search.Build(handbook(), search.Options{Dir: "latest/search"})
	if err != nil {
		t.Fatal(err)
	}
	var fetched []string
	srv := searchServer(js, css, files, &fetched)
	defer srv.Close()
	actx, cancel := chromedp.NewExecAllocator(context.Background(), browser.Options(bin, t.TempDir())...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	for _, c := range []struct{ query, summary, title string }{
		{
			"额外奖金:当月部门业绩目标完成情况下,按月考核表的情况发放绩效工资,不另发放额外奖金;当月部门业绩目标超额完成(完成本月挑战目标),额外发放绩效工资5%的奖金;当月部门业绩目标未完成,额外扣除当月绩效工资5%的提成。",
			"只查找了前 64 个字。“额外奖金:当月部门业绩目标完成情况下,按…”共 2 条完全匹配，另有 ",
			"额外奖金:当月部门业绩目标完成情况下,按… - t",
		},
		{"  末位淘汰 ", "“末位淘汰”共 1 条结果", "末位淘汰 - t"},
		// Pasted with its quotes: named once in the summary's, not ““末位淘汰””.
		{"“末位淘汰”", "“末位淘汰”共 1 条结果", "末位淘汰 - t"},
		{"「政府采购」", "“政府采购”共 ", "政府采购 - t"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/latest/search/?q="+neturl.QueryEscape(c.query)), chromedp.WaitVisible(chromedp.CSS(`#search-results .search-result`))); err != nil {
			t.Fatal(err)
		}
		summary := ""
		for i := 0; i < 100; i++ {
			if summary = eval(`document.querySelector(".search-summary").textContent`); strings.Contains(summary, "条") {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if !strings.HasPrefix(summary, c.summary) {
			t.Errorf("summary %q, want it to start with %q", summary, c.summary)
		}
		if title := eval(`document.title`); title != c.title {
			t.Errorf("title %q, want %q", title, c.title)
		}
	}
}
