package main

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"handbook/generator/build"
	"handbook/generator/output"
	"handbook/theme"
)

// hostile is a chapter written to smuggle live code into the site: every
// way raw HTML, a link or an attribute could carry script. (Links whose
// scheme is hidden in entities, "&#106;avascript:", fail the build's link
// check as links to missing pages; generator/markdown's tests render them.)
const hostile = `---
title: <script>alert("title")</script>第三章
order: 3
slug: hostile
---
## 标题 <script>alert("heading")</script>

<script>alert("block")</script>

行内 <script>alert("inline")</script> 脚本。

<img src=x onerror=alert("onerror")>

行内 <a href="#" onclick="alert('onclick')">事件</a>,<b onmouseover=alert("hover")>粗</b>。

<iframe src="https://evil.example/"></iframe>

<object data="evil.swf"></object>

<embed src="evil.swf">

<svg xmlns="http://www.w3.org/2000/svg"><script>alert("svg")</script></svg>

<svg onload=alert("svgload")><circle r="1"/></svg>

<style>body{display:none}</style>

<base href="https://evil.example/">

<meta http-equiv="refresh" content="0;url=javascript:alert('refresh')">

<form action="javascript:alert('form')"><button>提交</button></form>

[链接一](javascript:alert("js"))
[链接二](JaVaScRiPt:alert("case"))
[链接三](<javascript:alert("angle")>)
[链接七](vbscript:msgbox("vb"))
[链接八](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[链接九](data:text/html,<script>alert("data")</script>)
[链接十][ref] 与 <javascript:alert("autolink")> 与 <vbscript:msgbox("auto")>
![图片](javascript:alert("img"))
[标题](02-pay.md "a\" onmouseover=\"alert('title')")

[ref]: javascript:alert("reference")

## 属性 {#attr onclick="alert('attr')" onmouseover=alert(1) style="display:none"}

| 列 | 值 |
| --- | --- |
| <script>alert("cell")</script> | [x](javascript:alert("cellink")) |

> [!编者注]
> <script>alert("note")</script>[注](javascript:alert("notelink"))

脚注[^1]。

[^1]: <script>alert("footnote")</script>[脚注](javascript:alert("fnlink"))
`

// liveCode finds what in a page could run script: every <script> that is
// not the theme's own module, script-capable elements, event-handler
// attributes, and javascript:, vbscript: or data: URLs in attributes.
func liveCode(page string) []string {
	page = regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAllString(page, "")
	// The theme's redirect pages keep an old link's #fragment with this
	// one script, which their CSP allows by its hash and nothing else
	// (TestEveryPageCarriesTheCSP).
	page = strings.ReplaceAll(page, `<script>location.replace(document.querySelector("link[rel=canonical]").href+location.hash)</script>`, "")
	var found []string
	tag := regexp.MustCompile(`(?s)<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`)
	attr := regexp.MustCompile(`(?s)([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?`)
	for _, m := range tag.FindAllStringSubmatch(page, -1) {
		name := strings.ToLower(m[1])
		switch name {
		case "script":
			if !regexp.MustCompile(`^ type="module" src="/assets/[a-z]+-[A-Z0-9]+\.js"$`).MatchString(m[2]) {
				found = append(found, m[0])
			}
		case "iframe", "object", "embed", "svg", "style", "base", "frame", "frameset", "applet", "math":
			found = append(found, m[0])
		case "meta":
			// The theme's own redirect refreshes to a page of the site.
			low := strings.ToLower(html.UnescapeString(m[2]))
			if strings.Contains(low, "refresh") && regexp.MustCompile(`url=\s*['"]?\s*(javascript|vbscript|data):`).MatchString(low) {
				found = append(found, m[0])
			}
		}
		for _, a := range attr.FindAllStringSubmatch(m[2], -1) {
			key := strings.ToLower(a[1])
			val := html.UnescapeString(strings.Trim(a[2], `"'`))
			val = strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1 // browsers drop tabs and newlines inside URLs
				}
				return r
			}, strings.ToLower(val))
			if strings.HasPrefix(key, "on") {
				found = append(found, m[0])
			}
			switch key {
			case "href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset":
				// "data:," is the theme's empty favicon.
				if strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:") && val != "data:," {
					found = append(found, m[0])
				}
			}
		}
	}
	return found
}

func hostileBuild(t *testing.T, trust bool) *output.Memory {
	t.Helper()
	dir := t.TempDir()
	site := "title = \"手册\"\n"
	if trust {
		site += "trustHTML = true\n"
	}
	files := map[string][]byte{"site.toml": []byte(site), "03-hostile.md": []byte(hostile)}
	for k, v := range goodSite {
		if k != "site.toml" {
			files[k] = []byte(v)
		}
	}
	// The pay chapter embeds the calculator: its pages alone may compile
	// WebAssembly.
	c := parseCase(t, "rules", mustRead(t, "testdata/bad/worked-example-wrong.txt"))
	files["02-pay.md"] = []byte(strings.Replace(string(c.files["content/02-pay.md"]), "2773", "2772", 1))
	files["rules.toml"] = c.files["content/rules.toml"]
	writeFiles(t, dir, files)
	mem := output.NewMemory()
	_, err := build.Run(build.Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem,
		Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		WASM:  func() ([]byte, error) { return []byte("\x00asm\x01\x00\x00\x00"), nil }})
	if err != nil {
		t.Fatal(err)
	}
	return mem
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHostileContentNeverRunsUnlessTrusted(t *testing.T) {
	safe := hostileBuild(t, false)
	pages := 0
	for _, name := range safe.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		page := string(safe.Files[name])
		if bad := liveCode(page); len(bad) > 0 {
			t.Errorf("%s carries live code:\n  %s", name, strings.Join(bad, "\n  "))
		}
	}
	if pages < 6 {
		t.Fatalf("only %d pages built", pages)
	}
	// The hostile chapter is built and readable: its text is there.
	ch := string(safe.Files["latest/hostile/index.html"])
	for _, want := range []string{"链接一", "链接九", "行内", "脚注", `&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;第三章`} {
		if !strings.Contains(ch, want) {
			t.Errorf("the hostile chapter lacks %q", want)
		}
	}

	// With trustHTML = true the author's raw HTML renders as written: the
	// difference is the setting, not an accident of the renderer.
	trusted := string(hostileBuild(t, true).Files["latest/hostile/index.html"])
	live := liveCode(trusted)
	for _, want := range []string{`<script>alert("block")</script>`, `<iframe src="https://evil.example/">`, `onerror=alert(`,
		`<style>`, `<object data="evil.swf">`, `href="javascript:alert(`} {
		if !strings.Contains(trusted, want) {
			t.Errorf("trustHTML = true: the page lacks %s", want)
		}
	}
	if len(live) < 10 {
		t.Errorf("trustHTML = true: only %d live elements: %v", len(live), live)
	}
	t.Logf("untrusted: 0 live elements on %d pages; trusted: %d on the hostile chapter", pages, len(live))
}

// TestEveryPageCarriesTheCSP checks the Content Security Policy of every
// page of a real build: no inline script, nothing from elsewhere, and
// 'wasm-unsafe-eval' exactly on the pages that load the calculator.
func TestEveryPageCarriesTheCSP(t *testing.T) {
	mem := hostileBuild(t, false)
	meta := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	calcPages := 0
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(mem.Files[name])
		ms := meta.FindAllStringSubmatch(page, -1)
		if len(ms) != 1 {
			t.Errorf("%s: %d CSP meta tags", name, len(ms))
			continue
		}
		csp := html.UnescapeString(ms[0][1])
		if strings.Contains(page, `<meta http-equiv="refresh"`) {
			// A redirect page (the root, an alias): no script but its own
			// inline one (it keeps the old link's #fragment), which the
			// policy allows by its hash and nothing else.
			scripts := regexp.MustCompile(`(?s)<script[^>]*>(.*?)</script>`).FindAllStringSubmatch(page, -1)
			var sum [sha256.Size]byte
			if len(scripts) == 1 {
				sum = sha256.Sum256([]byte(scripts[0][1]))
			}
			if len(scripts) != 1 || csp != "default-src 'none'; script-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'" {
				t.Errorf("%s: redirect page with CSP %q and %d scripts", name, csp, len(scripts))
			}
			continue
		}
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP lacks %s: %s", name, want, csp)
			}
		}
		for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "http:", "https:", "*"} {
			if strings.Contains(csp, bad) {
				t.Errorf("%s: CSP allows %s: %s", name, bad, csp)
			}
		}
		loadsCalc := regexp.MustCompile(`<script type="module" src="/assets/calculator-[A-Z0-9]+\.js">`).MatchString(page)
		if loadsCalc {
			calcPages++
		}
		if wasm := strings.Contains(csp, "'wasm-unsafe-eval'"); wasm != loadsCalc {
			t.Errorf("%s: wasm-unsafe-eval %v, loads the calculator %v", name, wasm, loadsCalc)
		}
		// No inline script at all: every <script> has a src.
		for _, s := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
			if !strings.Contains(s, ` src="`) {
				t.Errorf("%s: inline script %s", name, s)
			}
		}
	}
	if calcPages < 2 {
		t.Errorf("%d pages load the calculator, want the pay chapter and the calculator page", calcPages)
	}
}
