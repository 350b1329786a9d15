package markdown

import (
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// Markdown as Hugo sites and note apps write it.

// TestDefinitionLists: a glossary written as Hugo renders it ("术语" then
// ": 定义") is a definition list, whose terms the changelog's reader text
// and the search's clause text keep, not a paragraph showing ": ".
func TestDefinitionLists(t *testing.T) {
	src := "## 术语\n\n试用期\n: 新员工入职后的考察期,一般为三个月。\n\n转正\n: 试用期满并通过考核。\n"
	d, errs := parse(t, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, want := range []string{"<dl>", "<dt>试用期</dt>", "<dd>新员工入职后的考察期，一般为三个月。</dd>", "<dt>转正</dt>"} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered page lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, ": ") || strings.Contains(html, "：新") {
		t.Errorf("the definitions' colons are shown:\n%s", html)
	}
	if rt := d.ReaderText(); !strings.Contains(rt, "试用期\n") || !strings.Contains(rt, "新员工入职后的考察期，一般为三个月。\n") {
		t.Errorf("reader text lacks a term or its definition:\n%s", rt)
	}
	cl := d.Clauses()
	if len(cl) != 1 || !strings.Contains(cl[0].Text, "试用期") || !strings.Contains(cl[0].Text, "转正") {
		t.Errorf("clauses = %+v, want the glossary's terms in its section's text", cl)
	}
}

// TestRefShortcodesAreLinks: Hugo's {{< ref >}} and {{< relref >}} as a
// link's destination (inline or in a reference definition, quoted or
// not, with < or %) are that link, marked Ref for the build to find its
// page; a diagnostic's line and column stay those of the file. Shown in
// code, a shortcode is code, and no warning.
func TestRefShortcodesAreLinks(t *testing.T) {
	src := "---\ntitle: x\n---\n见[请假]({{< ref \"leave.md#流程\" >}})和[总则]({{% relref /hr/general %}})、[附录][a]。\n\n" +
		"写法:`[x]({{< ref \"y.md\" >}})`\n\n```\n[z]({{< ref \"z.md\" >}})\n```\n\n[a]: {{< ref `附录` >}}\n"
	d, errs := New(Options{}).Parse("content/x.md", []byte(src), len("---\ntitle: x\n---\n"))
	if len(errs) > 0 {
		t.Fatalf("warned: %v", errs)
	}
	var got []string
	for _, l := range d.Links {
		got = append(got, l.Dest+"|"+strconv.FormatBool(l.Kind == LinkRef))
	}
	if want := "leave.md#流程|true /hr/general|true 附录|true"; strings.Join(got, " ") != want {
		t.Fatalf("links = %q, want %q", got, want)
	}
	if line, col := diag.Position([]byte(src), d.Links[1].Offset); line != 4 || col != 34 {
		t.Errorf("the second link is at %d:%d, want 4:34 (where it is in the file)", line, col)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<code>[x]({{&lt; ref &quot;y.md&quot; &gt;}})</code>`, `[z]({{&lt; ref &quot;z.md&quot; &gt;}})`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the page lacks %s:\n%s", want, out)
		}
	}
	// A page kept between builds keeps its links' kind.
	d.Release(true)
	f, _, err := DecodeFacts(d.Facts().AppendBinary(nil))
	if err != nil || len(f.Links) != 3 || f.Links[2].Kind != LinkRef {
		t.Errorf("stored facts lost the links' kind: %+v, %v", f.Links, err)
	}
	if sum := d.SourceSum(); sum != sha256.Sum256([]byte(src)) {
		t.Error("the page's source sum is not its file's")
	}

	// Elsewhere a shortcode is still named, once.
	_, errs = parse(t, "见 {{< ref \"leave.md\" >}}。\n")
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "Hugo shortcode {{< ref \"leave.md\" >}} is not supported") {
		t.Errorf("a bare ref gave %v", errs)
	}
}

// TestWikiLinks: Obsidian's [[note]], [[note#heading|text]] and
// ![[file.png|300]] are links and images of kind LinkWiki, whose text is
// what Obsidian shows, placed where they are written; ![[note]] (a note
// shown in place) is a link, with a warning, and so is ![[form.pdf]] (a
// file that is no image). "[[1]](url)" stays a link whose text is "[1]".
func TestWikiLinks(t *testing.T) {
	src := "见[[考勤制度]]、[[考勤制度#迟到与早退|迟到]]和[[制度/请假#二、流程]]。\n\n![[截图 1.png|300]] ![[图.png]]\n\n[[#本页标题]] [[1]](https://example.com/)\n\n![[总则]]\n\n| a | b |\n| - | - |\n| [[请假\\|请假规定]] | x |\n\n![[请假单.pdf]]\n"
	d, errs := parse(t, src)
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "![[总则]] shows a note in place in Obsidian; here it is a link to that note") || errs[0].Line != 7 {
		t.Errorf("warnings = %v, want one for ![[总则]] on line 7", errs)
	}
	var got []string
	for _, l := range d.Links {
		line, col := diag.Position([]byte(src), l.Offset)
		got = append(got, fmt.Sprintf("%s|%d|%d:%d", l.Dest, l.Kind, line, col))
	}
	want := []string{"考勤制度|2|1:2", "考勤制度#迟到与早退|2|1:11", "制度/请假#二、流程|2|1:29", "截图 1.png|2|3:1", "图.png|2|3:19",
		"#本页标题|2|5:1", "https://example.com/|0|5:11", "总则|2|7:1", "请假|2|11:3", "请假单.pdf|2|13:1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("links =\n%q\nwant\n%q", got, want)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`>考勤制度</a>`, `>迟到</a>`, `>制度/请假 › 二、流程</a>`, `alt="截图 1.png" width="300"`, `alt="图.png"`,
		`>本页标题</a>`, `<a href="https://example.com/">[1]</a>`, `>请假规定</a></td>`, `>请假单.pdf</a>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the page lacks %s:\n%s", want, out)
		}
	}
}

// TestCallouts: a callout as Obsidian, Typora and GitHub write it
// ("> [!warning] 标题") shows its title in bold, or its type's Chinese
// name, in a blockquote of its class, not "[!warning]" as text; what
// follows, bold text included, is kept, and the reader text has it too.
// An editor's note is still one.
func TestCallouts(t *testing.T) {
	src := "> [!WARNING] 加班须事先审批\n> **未经审批**的加班不计加班费。\n\n> [!tip]-\n> 可在系统中查看。\n\n> [!NOTE]\n\n> [!编者注]\n> 原文此处为空。\n\n> [见此](x.md)不是标注。\n"
	d, errs := parse(t, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<blockquote class=\"callout callout-warning\"><p class=\"callout-title\"><strong>加班须事先审批</strong></p>\n<p><strong>未经审批</strong>的加班不计加班费。</p>\n</blockquote>",
		"<blockquote class=\"callout callout-tip\"><p class=\"callout-title\"><strong>提示</strong></p>\n<p>可在系统中查看。</p>",
		"<blockquote class=\"callout callout-note\"><p class=\"callout-title\"><strong>注</strong></p>\n</blockquote>",
		`<aside class="editor-note" role="note">`, "<blockquote>\n<p><a href=\"x.md\">见此</a>不是标注。</p>",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the page lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "[!") {
		t.Errorf("a marker is shown:\n%s", out)
	}
	if rt := d.ReaderText(); !strings.Contains(rt, "〉加班须事先审批\n") || !strings.Contains(rt, "未经审批的加班不计加班费。") {
		t.Errorf("reader text:\n%s", rt)
	}
}

// TestTyporaImgTags: Typora writes a resized image as an <img> tag. Alone
// in its block or inside a paragraph, trusted or not, it is the image it
// stands for: a link the build checks and publishes (placed where the
// tag is), rendered with its alt, title, width and height and nothing
// else of the tag. Other raw HTML is left out as before, unless trusted.
func TestTyporaImgTags(t *testing.T) {
	src := "# 报销\n\n<img src=\"assets/发票 1.png\" alt=\"发票&amp;收据\" style=\"zoom:50%;\" />\n\n段落中 <IMG SRC='b.png' width=\"120px\" onerror=\"alert(1)\"> 图。\n\n<img src=\"c.png\"><b>x</b>\n"
	for _, trust := range []bool{false, true} {
		d, _ := New(Options{TrustHTML: trust}).Parse("content/x.md", []byte(src), 0)
		var got []string
		for _, l := range d.Links {
			line, col := diag.Position([]byte(src), l.Offset)
			got = append(got, fmt.Sprintf("%s %d:%d", l.Dest, line, col))
		}
		if want := "assets/发票 1.png 3:1|b.png 5:5|c.png 7:1"; strings.Join(got, "|") != want {
			t.Errorf("trust %v: links = %q, want %q", trust, got, want)
		}
		out, err := New(Options{TrustHTML: trust}).Render(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<p><img src="assets/%E5%8F%91%E7%A5%A8%201.png" alt="发票&amp;收据"></p>`, `段落中 <img src="b.png" alt="" width="120"> 图。`} {
			if !strings.Contains(string(out), want) {
				t.Errorf("trust %v: the page lacks %s:\n%s", trust, want, out)
			}
		}
		if strings.Contains(string(out), "onerror") || strings.Contains(string(out), "zoom") || !trust && strings.Contains(string(out), "<b>") {
			t.Errorf("trust %v: the tag's other attributes are kept:\n%s", trust, out)
		}
	}
}

// TestObsidianCommentsAreNotPublished: Obsidian hides %%…%% comments, in a
// line or over lines; an author's notes to self are left out of the
// page, its links and its reader text, and the page's lines stay where
// they are. In code, %% is code.
func TestObsidianCommentsAreNotPublished(t *testing.T) {
	src := "# 考勤\n\n迟到扣款%%待法务确认[草案](草案.md)%%按月计。\n\n%%\n内部备注：\n明年再议\n%%\n\n`100%%` 与 [请假](请假.md)\n"
	d, errs := parse(t, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"法务", "草案", "内部", "明年", "%%待"} {
		if strings.Contains(string(out), leak) || strings.Contains(d.ReaderText(), leak) {
			t.Errorf("the comment's %q is published:\n%s", leak, out)
		}
	}
	if !strings.Contains(string(out), "<code>100%%</code>") || !strings.Contains(string(out), "迟到扣款") || !strings.Contains(string(out), "按月计。") {
		t.Errorf("text outside the comments is lost:\n%s", out)
	}
	if len(d.Links) != 1 || d.Links[0].Dest != "请假.md" {
		t.Fatalf("links = %+v, want the one outside the comments", d.Links)
	}
	if line, _ := diag.Position([]byte(src), d.Links[0].Offset); line != 10 {
		t.Errorf("the link is on line %d, want 10", line)
	}
}

// TestHugoFiguresAreImages: Hugo's figure shortcode, a Hugo site's usual
// image, is the image it shows (its alt, and its caption as the title),
// checked and published like one, where it stands; in code it is code.
func TestHugoFiguresAreImages(t *testing.T) {
	src := "流程如下：\n\n{{< figure src=\"images/流程 图.png\" alt=\"请假流程\" caption=\"图1 请假流程\" >}}\n\n{{% figure src=a.png %}} `{{< figure src=\"b.png\" >}}`\n"
	d, errs := parse(t, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, l := range d.Links {
		line, col := diag.Position([]byte(src), l.Offset)
		got = append(got, fmt.Sprintf("%s %d:%d", l.Dest, line, col))
	}
	if want := "images/流程 图.png 3:1|a.png 5:1"; strings.Join(got, "|") != want {
		t.Errorf("links = %q, want %q", got, want)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<img src="images/%E6%B5%81%E7%A8%8B%20%E5%9B%BE.png" alt="请假流程" title="图1 请假流程">`, `<img src="a.png" alt="">`, `<code>{{&lt; figure src=&quot;b.png&quot; &gt;}}</code>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the page lacks %s:\n%s", want, out)
		}
	}
}

// TestTOCMarkersAreLeftOut: Typora's [TOC] (GitLab's [[_TOC_]]) asks for
// the page's outline, which the page shows beside it: the marker is not
// shown as text, nor taken for a wiki link.
func TestTOCMarkersAreLeftOut(t *testing.T) {
	d, errs := parse(t, "[TOC]\n\n## 一、总则\n\n[[_TOC_]]\n\n[toc]\n\n见[TOC]一节。\n")
	if len(errs) > 0 || len(d.Links) > 0 {
		t.Fatalf("errors %v, links %+v", errs, d.Links)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(strings.ToUpper(string(out)), "TOC"); got != 1 || !strings.Contains(string(out), "见[TOC]一节。") {
		t.Errorf("markers shown:\n%s", out)
	}
}

// TestLinksWithSpacesAreWarnedOf: a path with a space, written bare
// (![图](截图 1.png)), is text in Markdown; each one is warned of where it
// is, with how to write it. Written in <…>, with %20, with a title, or in
// code, it is not.
func TestLinksWithSpacesAreWarnedOf(t *testing.T) {
	src := "![图](截图 1.png) 和 [表](附件/请假 单.xlsx#p2)\n\n![好](<截图 1.png>) [好](a%20b.md) [好](a.md \"标 题\") `[码](a b.md)` [不是链接](见 附件)\n"
	_, errs := parse(t, src)
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%d:%d %s", e.Line, e.Col, e.Msg))
	}
	want := []string{`1:6 the link to "截图 1.png" has a space in its path, so the page shows it as text`, `1:22 the link to "附件/请假 单.xlsx#p2" has a space in its path, so the page shows it as text`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHighlights: ==text==, as Obsidian and Typora mark a key sentence,
// is <mark>ed, without its "=="s, in the page and out of its reader
// text; a single "=" of a worked example, three, or one in code stay.
func TestHighlights(t *testing.T) {
	d, errs := parse(t, "==迟到三次扣除全勤奖==，例：3000*88%=2640元，a===b，`==码==`。\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p><mark>迟到三次扣除全勤奖</mark>，例：3000*<span class="nw">88%</span>=<span class="nw">2640元</span>，a===b，<code>==码==</code>。</p>`; !strings.Contains(string(out), want) {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if rt := d.ReaderText(); !strings.HasPrefix(rt, "迟到三次扣除全勤奖，") {
		t.Errorf("reader text: %s", rt)
	}
}

// TestShortcodeWarningsSayWhatToWrite: each of the shortcodes Hugo trees
// are full of is warned of with what to write in its place: a link for a
// ref, a callout for a note, a fenced block for highlight, a link for a
// video; not, for all of them, an editor's note (编者注). One written
// over lines is quoted by its first line, without the line break.
func TestShortcodeWarningsSayWhatToWrite(t *testing.T) {
	for src, want := range map[string]string{
		"见 {{< ref \"leave.md\" >}}。\n":                             "[text]({{< ref \"leave.md\" >}}), which",
		"见 {{< relref \"leave.md\" >}}。\n":                          "link to the page's file: [text](page.md)",
		"{{% note %}}\n请注意。\n{{% /note %}}\n":                       "> [!note]",
		"{{< notice warning >}}\n小心。\n{{< /notice >}}\n":            "> [!notice]",
		"{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}\n": "fenced code block",
		"{{< youtube w7Ft2ymGmfc >}}\n":                             "[title](https://…)",
		"版本 {{< param version >}}。\n":                               "write the value itself",
		"{{< figure\n  src=\"a.png\" >}}\n":                         "write it on one line",
		"{{< tabs >}}\n":                                            "[!编者注]",
	} {
		_, errs := parse(t, src)
		if len(errs) != 1 || errs[0].Severity != diag.Warning || !strings.Contains(errs[0].Hint, want) || strings.Contains(errs[0].Msg, "\n") {
			t.Errorf("%q: got %v, want a warning whose hint says %s", src, errs, want)
		}
	}
}

// Where trustHTML shows raw HTML, each address in it within the site is
// warned of, with its line: the build rewrites and checks Markdown's links
// only, so these were published as written and led nowhere. Addresses
// with a scheme and a page's own #anchors are not.
func TestRawHTMLLinksWarnWhenTrusted(t *testing.T) {
	src := "<a href=\"../files/form.pdf\">form</a>\n\n<p><a href='target.md#anchor'>t</a> <a href=\"https://example.com/\">x</a> <a href=\"#top\">y</a></p>\n\n文中 <a href=\"/docs/nope/\">n</a> 与 <a href=\"mailto:a@b\">m</a>。\n"
	d, errs := New(Options{TrustHTML: true}).Parse("content/x.md", []byte(src), 0)
	_ = d
	var got []string
	for _, e := range errs {
		if strings.Contains(e.Msg, "in raw HTML is neither checked nor rewritten") {
			got = append(got, fmt.Sprintf("%d:%s", e.Line, e.Msg[len("the address "):strings.Index(e.Msg, " in raw")]))
		}
	}
	if want := `1:"../files/form.pdf" 3:"target.md#anchor" 5:"/docs/nope/"`; strings.Join(got, " ") != want {
		t.Errorf("warned of %q, want %s (all: %v)", got, want, errs)
	}
	if _, errs := New(Options{}).Parse("content/x.md", []byte(src), 0); strings.Contains(fmt.Sprint(errs), "neither checked") {
		t.Errorf("raw HTML left out, yet its links warned of: %v", errs)
	}
}

// An HTML entity before a Chinese character is read, on the page and in
// the text the search and the changelog read: its ; was typeset as ；,
// which left "&nbsp；" on the page, and snippets showed "&yen;100".
func TestEntitiesBeforeChineseAreRead(t *testing.T) {
	e := New(Options{})
	d, errs := e.Parse("content/x.md", []byte("## 条款\n\n1. 第一条&nbsp;总则 &yen;一百 &#20013;文 &#x6587;字 A&amp;公司,好\n"), 0)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	out, err := e.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	for _, want := range []string{"第一条\u00a0总则", "¥一百", "中文", "文字", "A&amp;公司，好"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "；") {
		t.Errorf("an entity's ; was typeset:\n%s", page)
	}
	var text string
	for _, c := range d.Clauses() {
		text += c.Text
	}
	if !strings.Contains(text, "第一条\u00a0总则 ¥一百 中文 文字 A&公司") {
		t.Errorf("the clause's text reads %q", text)
	}
}

// GFM reads [x] at a list item's start as a ticked box, "(…)" after it
// too: a link whose text is x is then no link, and unchecked. Warned of.
func TestALinkReadAsACheckboxWarns(t *testing.T) {
	_, errs := New(Options{}).Parse("content/x.md", []byte("## 条款\n\n1. [x](nope.md) 绩效管理\n2. [ ] 未办\n"), 0)
	if len(errs) != 1 || errs[0].Line != 3 || !strings.Contains(errs[0].Msg, "shows a checkbox, so the link [x](…) here is not a link") {
		t.Errorf("got %v", errs)
	}
}

// A heading's {…} that does not do what it says is warned of: attributes
// the page leaves out (all but an ID and a class where HTML is not
// trusted; an event handler always), and a {…} not read as attributes,
// shown as text with its #id lost.
func TestHeadingAttributesThatDoNothingWarn(t *testing.T) {
	src := "## 标题 {onclick=\"alert(1)\" #evil-id style=\"color:red\"}\n\n## 另一个 {#ok onmouseover=alert(2)}\n\n## 好 {#good .note}\n"
	_, errs := New(Options{}).Parse("content/x.md", []byte(src), 0)
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%d %s", e.Line, e.Msg))
	}
	want := []string{
		"1 the heading's attributes onclick, style are left out: a heading's {…} gives its ID and class only",
		"3 the heading's {#ok onmouseover=alert(2)} is not read as its attributes, so the page shows it as text",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warned:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Trusted, style is kept; an event handler never is.
	if _, errs := New(Options{TrustHTML: true}).Parse("content/x.md", []byte(src), 0); len(errs) != 2 || !strings.Contains(errs[0].Msg, "attributes onclick are left out: a heading's {…} gives no event handler") {
		t.Errorf("trusted: %v", errs)
	}
}
