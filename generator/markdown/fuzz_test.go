package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"
)

// scriptable finds markup that could run script in rendered HTML: script
// and script-capable elements, event-handler attributes, and javascript:,
// vbscript: or data: URLs (goldmark keeps data: images of raster types).
var scriptable = regexp.MustCompile(`(?i)<(script|iframe|object|embed|svg|style|base|math|frame)\b|<[^>]*\son[a-z]+\s*=|(href|src)="\s*(javascript|vbscript|data):`)

// hostileLinks are destinations that must never render as live links
// unless raw HTML is trusted.
var hostileLinks = []string{
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", "<javascript:alert(1)>", "&#106;avascript:alert(1)",
	"&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "javascript&colon;alert(1)", "jav&#x61;script:alert(1)",
	"vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "data:image/svg+xml,<svg/onload=alert(1)>",
	"java\\\nscript:alert(1)",
}

func TestHostileLinksAreDefused(t *testing.T) {
	safe, trusted := New(Options{}), New(Options{TrustHTML: true})
	for _, dest := range hostileLinks {
		for _, src := range []string{"[x](" + dest + ")", "![x](" + dest + ")", "[x][r]\n\n[r]: " + dest, "<" + dest + ">"} {
			d, _ := safe.Parse("a.md", []byte(src), 0)
			out, err := safe.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			if m := scriptable.Find(out); m != nil {
				t.Errorf("%q renders live: %s in %s", src, m, out)
			}
		}
	}
	// Trusted, the author's raw HTML and links render as written.
	d, _ := trusted.Parse("a.md", []byte("<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"), 0)
	out, _ := trusted.Render(d)
	if !bytes.Contains(out, []byte("<script>alert(1)</script>")) || !bytes.Contains(out, []byte(`href="javascript:alert(1)"`)) {
		t.Errorf("trustHTML: raw HTML did not render:\n%s", out)
	}
}

func FuzzParseRender(f *testing.F) {
	for _, s := range []string{
		"## 一、部门职能\n\n1. 原文甲;\n2. 原文乙。\n",
		"## 目的 {#x}\n\n## 范围 {#x}\n",
		"> [!编者注]\n> 原文如此。\n",
		"1. <!-- payout role=sales score=88 base=3000 dept=exceeded -->\n   举例:3000\\*88%=2640元\n",
		"| 项目 | 分值 |\n| --- | --- |\n| 业绩 | 60 |\n",
		"脚注[^1]。\n\n[^1]: 注。\n",
		"{{calculator}}\n",
		"<script>alert(1)</script>\n",
		"行内 <img src=x onerror=alert(1)> 与 <svg onload=alert(1)>\n",
		"[a](javascript:alert(1)) [b](&#106;avascript:x) <javascript:alert(1)>\n",
		"## 属性 {#a onclick=\"alert(1)\"}\n",
		"1. 1. 1. 1. 1. 1. 1. 1. 1. 1. x\n",
		"***a*** _b_ **c** (中) , ; : ? !\n",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n正文\r\n",
	} {
		f.Add([]byte(s))
	}
	safe := New(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		// The build hands the engine valid UTF-8 only (content.Load
		// rejects the rest), but the engine must not fail on any input.
		// A hang would only stall the fuzzer: crash instead, so the input
		// is saved. Quadratic inputs of goldmark's stay far below this at
		// the fuzzer's input sizes.
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("input took over 10 s: %q", src)) })
		defer wd.Stop()
		d, _ := safe.Parse("a.md", src, 0)
		out, err := safe.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(src) && !utf8.Valid(out) {
			t.Errorf("valid UTF-8 in, invalid out: %q", out)
		}
		if m := scriptable.Find(out); m != nil {
			t.Errorf("untrusted render carries %q:\n%s", m, out)
		}
		for id, off := range d.IDs {
			if off < 0 || off > len(src) {
				t.Errorf("ID %q at offset %d outside the file", id, off)
			}
		}
	})
}
