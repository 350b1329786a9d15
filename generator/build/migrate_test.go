package build

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/output"
	"handbook/theme"
)

// Trees migrated from Hugo sites as their authors wrote them: what the
// site did under Hugo, it does here.

// TestHugoSiteLinksFromTheTop: links written from the site's top
// ("/docs/config/", "/", "/images/logo.png"), Hugo's most common kind,
// lead to the page or file they name, relative, so they work under any
// base path and in every revision; their anchors are checked. A link
// such as "../config/" on docs/install.md, which a browser reads from
// the page's URL (docs/install/), leads where it led on the Hugo site;
// when nothing is there, it is read from the file's folder (docs/). A
// link to the page itself, by its file or URL, is to its anchor (the
// file is not published), and one to a page the build makes is rewritten
// like any other (it stayed as written, and led from the page's URL to
// docs/search/).
func TestHugoSiteLinksFromTheTop(t *testing.T) {
	src := tree(`-- _index.md --
---
title: Home
---
![logo](/images/logo.png) [Docs](/docs/) [Top](/) [Again](_index.md#)
-- images/logo.png --
PNG
-- docs/_index.md --
---
title: Docs
---
[Install](install/) [Advanced](advanced/)
-- docs/advanced/_index.md --
---
title: Advanced
---
Up: [Docs](../) [Home](/)
-- docs/install.md --
---
title: Install
---
## Steps

[a](/docs/config/#options) [b](/docs/config) [c](/docs/config.md#options) [d](/) [e](/docs/) [f](../config/) [g](/search/) [h](/images/logo.png) [i](/docs/advanced/)

[j](install.md#steps) [k](../install/#steps) [l](/docs/install/#steps) [m](../) [n](../search/) [o](../../print/)
-- docs/config.md --
---
title: Config
---
## Options

[back](../install/#steps)
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	page := func(name string) string {
		return html.UnescapeString(string(mainOf(t, mem.Files[name])))
	}
	for name, wants := range map[string][]string{
		"latest/docs/install/index.html": {
			`<a href="../../docs/config/#options">a</a>`, `<a href="../../docs/config/">b</a>`, `<a href="../../docs/config/#options">c</a>`,
			`<a href="../../">d</a>`, `<a href="../../docs/">e</a>`, `<a href="../../docs/config/">f</a>`, `<a href="../../search/">g</a>`,
			`<a href="../../images/logo.png">h</a>`, `<a href="../../docs/advanced/">i</a>`,
			`<a href="#steps">j</a>`, `<a href="#steps">k</a>`, `<a href="#steps">l</a>`, `<a href="../../docs/">m</a>`,
			`<a href="../../search/">n</a>`, `<a href="../../print/">o</a>`,
		},
		"latest/docs/config/index.html":   {`<a href="../../docs/install/#steps">back</a>`},
		"latest/index.html":               {`<img src="images/logo.png" alt="logo">`, `<a href="docs/">Docs</a>`, `<a href="./">Top</a>`, `<a href="./">Again</a>`},
		"latest/docs/index.html":          {`<a href="../docs/install/">Install</a>`, `<a href="../docs/advanced/">Advanced</a>`},
		"latest/docs/advanced/index.html": {`<a href="../../docs/">Docs</a>`, `<a href="../../">Home</a>`},
	} {
		got := page(name)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s:\n%s", name, want, got)
			}
		}
	}
	if pr := html.UnescapeString(string(mem.Files["latest/print/index.html"])); !strings.Contains(pr, `<a href="#ch-">Top</a>`) || !strings.Contains(pr, `<a href="#ch-docs-config-options">a</a>`) {
		t.Errorf("the print page's links do not lead to the chapters:\n%s", pr)
	}
	if string(mem.Files["latest/images/logo.png"]) != "PNG\n" {
		t.Error("the image linked from the top is not published")
	}

	// What names nothing is an error that says how such a link is read,
	// and names this tree's pages; a missing anchor is found too.
	for link, want := range map[string]string{
		"[x](/docs/nowhere/)": "content/docs/install.md:5:1: error: link to “/docs/nowhere/”: there is no such page in this handbook — a path starting with / is read from the top of the source folder, as Hugo reads it",
		// docs/ has no _index.md: the page made for it is not named.
		"[x](/docs/confg.md)":     "check the file name; pages here: docs/config.md, docs/install.md",
		"[x](/docs/config/#nope)": "docs/config.md has no heading or clause #nope",
		"![x](/static/a.png)":     "a Hugo site's static/ files go into the source folder",
	} {
		bad := tree("-- docs/install.md --\n---\ntitle: Install\n---\n\n" + link + "\n-- docs/config.md --\n---\ntitle: Config\n---\n## Options\n")
		if _, _, err := run(t, bad, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", link, err, want)
		}
	}
}

// A page's Hugo url: and aliases were its addresses on the Hugo site: a
// link to one, with or without an anchor, leads to the page.
func TestLinksToAnAliasLeadToThePage(t *testing.T) {
	src := tree(`-- docs/custom.md --
---
title: Custom
url: /custom/path/
aliases: [/old/place/, /legacy.html]
---
## Steps
-- docs/a.md --
---
title: A
---
[u](/custom/path/) [v](/old/place/#steps) [w](/legacy.html) [x](../../custom/path/)
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := html.UnescapeString(string(mainOf(t, mem.Files["latest/docs/a/index.html"])))
	for _, want := range []string{`<a href="../../docs/custom/">u</a>`, `<a href="../../docs/custom/#steps">v</a>`, `<a href="../../docs/custom/">w</a>`, `<a href="../../docs/custom/">x</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	// The anchor is checked on the page the alias names.
	src["docs/a.md"].Data = []byte(strings.Replace(string(src["docs/a.md"].Data), "#steps", "#nope", 1))
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "docs/custom.md has no heading or clause #nope") {
		t.Errorf("a missing anchor behind an alias: got %v", err)
	}
}

// A link written for the Hugo site names a heading by the ID Hugo gave it,
// which differs from this build's where the heading has an ideographic
// space or ASCII punctuation between words: it leads to the heading.
func TestLinksByHugosHeadingIDs(t *testing.T) {
	mem, _, err := run(t, tree("-- h.md --\n---\ntitle: H\n---\n## 第一章\u3000总则（试行）\n\n## A & B / C\n-- a.md --\n---\ntitle: A\n---\n[x](h.md#第一章总则试行) [y](h.md#a--b--c)\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := html.UnescapeString(string(mainOf(t, mem.Files["latest/a/index.html"])))
	for _, want := range []string{`<a href="../h/#` + url.PathEscape("第一章-总则试行") + `">x</a>`, `<a href="../h/#a-b-c">y</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
}

// TestDatedPagesReorderOnRebuild: a news section is listed newest first,
// as Hugo lists it, in the sidebar and the section page; changing a
// date moves the page in every page's sidebar on the next incremental
// build, which is what a fresh build makes.
func TestDatedPagesReorderOnRebuild(t *testing.T) {
	src := tree(`-- news/_index.md --
---
title: 公告
---
-- news/a.md --
---
title: 甲通知
date: 2024-01-05
---
正文。
-- news/b.md --
---
title: 乙通知
date: 2024-03-01
---
正文。
-- news/c.md --
---
title: 丙通知
date: 2023-12-31
---
正文。
`)
	order := func(files map[string][]byte, name string) []string {
		var got []string
		for _, m := range reNavTitle.FindAllSubmatch(mainOrNav(files[name]), -1) {
			got = append(got, string(m[1]))
		}
		return got
	}
	c := NewCache()
	first := buildWith(t, src, c)
	if got := strings.Join(order(first, "latest/news/index.html"), " "); got != "乙通知 甲通知 丙通知" {
		t.Errorf("news lists %s, want newest first (乙通知 甲通知 丙通知)", got)
	}
	src["news/c.md"].Data = []byte(strings.Replace(string(src["news/c.md"].Data), "2023-12-31", "2025-01-01", 1))
	got := buildWith(t, src, c)
	fresh := buildWith(t, src, nil)
	for _, name := range []string{"latest/news/a/index.html", "latest/news/index.html"} {
		if o := strings.Join(order(got, name), " "); o != "丙通知 乙通知 甲通知" {
			t.Errorf("%s after the date changed lists %s", name, o)
		}
		if string(got[name]) != string(fresh[name]) {
			t.Errorf("%s differs from a fresh build", name)
		}
	}
}

var reNavTitle = regexp.MustCompile(`<a href="[^"]*news/[a-z]/"[^>]*>(?:<span class="chapter-title">)?([^<]+)<`)

// mainOrNav is the page's sidebar, or a section page's list when it has
// no sidebar entries for the section.
func mainOrNav(page []byte) []byte {
	s := string(page)
	if i := strings.Index(s, `<nav class="sidebar`); i >= 0 {
		if j := strings.Index(s[i:], "</nav>"); j >= 0 {
			return []byte(s[i : i+j])
		}
	}
	return page
}

// TestLinkWhoseCaseDiffersNamesTheFile: a tree written on macOS or
// Windows links Docs/Config.md where the file is docs/config.md (those
// file systems open it); the hint names the file and says why, among
// 2,000 others.
func TestLinkWhoseCaseDiffersNamesTheFile(t *testing.T) {
	src := "-- a.md --\n---\ntitle: A\n---\n[x](Docs/Config.md#options) [y](Docs/Config/)\n-- docs/config.md --\n---\ntitle: C\n---\n## Options\n"
	for i := range 30 {
		src += fmt.Sprintf("-- docs/c%02d.md --\n---\ntitle: P%d\n---\n", i, i)
	}
	_, _, err := run(t, tree(src), nil)
	for _, want := range []string{
		"link to “Docs/Config.md”: there is no such page — check the file name; pages here: docs/config.md (the letters' case differs",
		"link to “Docs/Config/”: there is no such page in this handbook — link to the page's Markdown file; pages here: docs/config.md (the letters' case differs",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestLinkToAPrintPageThatIsNotMade: an edition of more than 300 pages
// has no print page, so a link to print/ is broken and said to be; it
// was found good, and led readers to a 404.
func TestLinkToAPrintPageThatIsNotMade(t *testing.T) {
	src := "-- a.md --\n---\ntitle: A\n---\n[打印](print/)\n"
	small := tree(src)
	mem, _, err := run(t, small, nil)
	if err != nil || mem.Files["latest/print/index.html"] == nil {
		t.Fatalf("a small tree: %v, print page %t", err, mem.Files["latest/print/index.html"] != nil)
	}
	for i := range maxPrintPages {
		src += fmt.Sprintf("-- s/p%03d.md --\n---\ntitle: P%d\n---\n", i, i)
	}
	mem, _, err = run(t, tree(src), nil)
	if err == nil || !strings.Contains(err.Error(), "content/a.md:4:1: error: link to “print/”: there is no such page in this handbook — a handbook of more than 300 pages has no print page") {
		t.Errorf("a link to the print page of %d pages: %v (print page written: %t)", maxPrintPages+2, err, mem.Files["latest/print/index.html"] != nil)
	}
}

// TestLinkTitleNamesThePageInTheSidebar: Docsy and other Hugo themes
// name a page in the sidebar by its linkTitle, a short form of a long
// title, and Hugo orders by it; the page's own heading keeps the title.
// Changing one page's linkTitle renames it in every page's sidebar on
// the next incremental build (it is part of what pages see of each
// other: the edition's world), as a fresh build does, in a tree too big
// for a print page, where pages of an unchanged world are kept unseen.
func TestLinkTitleNamesThePageInTheSidebar(t *testing.T) {
	src := tree(`-- docs/_index.md --
---
title: Documentation for the whole product
linkTitle: Docs
---
-- docs/a.md --
---
title: Zebra installation guide for every platform
linkTitle: Install
---
## Steps
-- docs/b.md --
---
title: Alpha configuration reference
linkTitle: Reference
---
正文。
`)
	for i := range maxPrintPages {
		src[fmt.Sprintf("more/p%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: P%d\n---\n", i))}
	}
	c := NewCache()
	first := buildWith(t, src, c)
	nav := string(mainOrNav(first["latest/docs/b/index.html"]))
	for _, want := range []string{`>Docs</a>`, `>Install</a>`, `>Reference</a>`} {
		if !strings.Contains(nav, want) {
			t.Errorf("the sidebar lacks %s:\n%s", want, nav)
		}
	}
	if i, r := strings.Index(nav, ">Install<"), strings.Index(nav, ">Reference<"); i < 0 || r < 0 || i > r {
		t.Errorf("the sidebar is not ordered by linkTitle (Install before Reference, as Hugo):\n%s", nav)
	}
	if a := string(first["latest/docs/a/index.html"]); !strings.Contains(a, "<h1>Zebra installation guide for every platform</h1>") {
		t.Errorf("the page's heading is not its title:\n%s", mainOf(t, first["latest/docs/a/index.html"]))
	}
	src["docs/a.md"].Data = []byte(strings.Replace(string(src["docs/a.md"].Data), "linkTitle: Install", "linkTitle: Get started", 1))
	got := buildWith(t, src, c)
	fresh := buildWith(t, src, nil)
	if b := string(mainOrNav(got["latest/docs/b/index.html"])); !strings.Contains(b, ">Get started</a>") {
		t.Errorf("another page's sidebar still names the old linkTitle:\n%s", b)
	}
	for name, data := range fresh {
		if string(got[name]) != string(data) {
			t.Errorf("%s differs from a fresh build", name)
		}
	}
}

// An edition too big for a print page links to none: the sidebar, the
// home page and the search page's noscript offered 打印全文 on every
// page of a 10,000-page tree, a 404 each time.
func TestNoPrintLinkWithoutAPrintPage(t *testing.T) {
	src := "-- a.md --\n---\ntitle: A\n---\n正文。\n"
	mem, _, err := run(t, tree(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mem.Files["latest/a/index.html"]), `href="/latest/print/"`) {
		t.Errorf("a small tree's page does not link to its print page")
	}
	for i := range maxPrintPages {
		src += fmt.Sprintf("-- s/p%03d.md --\n---\ntitle: P%d\n---\n", i, i)
	}
	mem, _, err = run(t, tree(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if mem.Files["latest/print/index.html"] != nil {
		t.Fatal("a print page was made for more than maxPrintPages pages")
	}
	n := 0
	for name, data := range mem.Files {
		if strings.HasSuffix(name, ".html") && strings.Contains(string(data), "/latest/print/") {
			n++
			if n <= 3 {
				t.Errorf("%s links to the print page there is not", name)
			}
		}
	}
	if n > 3 {
		t.Errorf("… and %d more pages", n-3)
	}
}

// A tree without site.toml names no organisation: its footer starts with
// the title, not with " · ".
func TestFooterWithoutAnOrganisation(t *testing.T) {
	mem, _, err := run(t, tree("-- a.md --\n---\ntitle: A\n---\n正文。\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	page := string(mem.Files["latest/a/index.html"])
	foot := page[strings.Index(page, "<footer"):]
	foot = foot[:strings.Index(foot, "</footer>")]
	if strings.Contains(foot, "<p> · ") || strings.Contains(foot, "<span></span> · ") {
		t.Errorf("the footer starts with a separator: %s", foot)
	}
}

// TestHugoRefShortcodesLeadToTheirPages: a Hugo site's links are often
// ref and relref shortcodes. Each leads to the page whose file it names,
// as Hugo finds it: from the page's folder ("leave.md"), else from the
// top ("hr/leave"), without its extension, a folder's _index.md, the
// page itself ("#…"); under a slug, the page's URL. Their anchors are
// checked, and a ref that names no page is an error at its line, every
// one of them, not only the first.
func TestHugoRefShortcodesLeadToTheirPages(t *testing.T) {
	src := tree(`-- hr/_index.md --
---
title: 人事
---
-- hr/leave.md --
---
title: 请假
slug: leave-policy
---
## 二、请假流程
-- hr/attendance.md --
---
title: 考勤
---
## 迟到

[a]({{< ref "leave.md#二请假流程" >}}) [b]({{< relref "hr/leave" >}}) [c]({{< ref "/hr" >}}) [d]({{% ref "#迟到" %}}) [e][g]

[g]: {{< relref "general.md" >}}
-- general.md --
---
title: 总则
---
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := html.UnescapeString(string(mainOf(t, mem.Files["latest/hr/attendance/index.html"])))
	for _, want := range []string{
		`<a href="../../hr/leave-policy/#` + url.PathEscape("二请假流程") + `">a</a>`, `<a href="../../hr/leave-policy/">b</a>`,
		`<a href="../../hr/">c</a>`, `<a href="#` + url.PathEscape("迟到") + `">d</a>`, `<a href="../../general/">e</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s:\n%s", want, got)
		}
	}

	src["hr/attendance.md"].Data = []byte("---\ntitle: 考勤\n---\n[a]({{< ref \"leav.md\" >}})\n\n[b]({{< ref \"leave.md#流程\" >}})\n")
	_, _, err = run(t, src, nil)
	for _, want := range []string{
		"content/hr/attendance.md:4:1: error: Hugo ref “leav.md”: there is no such page — a ref names a page's Markdown file, as Hugo reads it: from the page's folder (hr/), else from the top of the source folder; pages here:",
		"content/hr/attendance.md:6:1: error: link to “leave.md#流程”: content/hr/leave.md has no heading or clause #流程 — check the anchor; IDs on that page include #二请假流程",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestAliasesLeadToThePageInForce: a Hugo page's aliases, its old
// addresses, lead to it: each is a small page at that path from the
// site's root (the old site's links and bookmarks), sending the reader
// to the page under latest/, with the base path. One copied from the
// address bar is read unescaped, one without a / is from the page's
// folder, one ending in .html is that file. An alias that is not a path
// here, is the build's own, or is another page's too is an error at its
// line, each one.
func TestAliasesLeadToThePageInForce(t *testing.T) {
	src := tree(`-- site.toml --
title = "人事手册"
basePath = "/hr/"
-- 制度/考勤制度.md --
---
title: 考勤制度
aliases:
  - /old/attendance/
  - /%E8%80%83%E5%8B%A4
  - kaoqin.html
---
-- 制度/请假.md --
+++
title = "请假"
aliases = ["/leave.html", "旧/请假/"]
url = "/hr/leave/"
+++
-- 首页.md --
---
url: /
---
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for file, to := range map[string]string{
		"old/attendance/index.html": "/hr/latest/制度/考勤制度/",
		"考勤/index.html":             "/hr/latest/制度/考勤制度/",
		"制度/kaoqin.html":            "/hr/latest/制度/考勤制度/",
		"leave.html":                "/hr/latest/制度/请假/",
		"制度/旧/请假/index.html":        "/hr/latest/制度/请假/",
		"hr/leave/index.html":       "/hr/latest/制度/请假/", // its url on the Hugo site
	} {
		page := html.UnescapeString(string(mem.Files[file]))
		if !strings.Contains(page, `content="0; url=`+to+`"`) {
			t.Errorf("%s does not lead to %s:\n%s", file, to, page)
		}
	}
	if page := string(mem.Files["leave.html"]); !strings.Contains(page, "<title>请假</title>") {
		t.Errorf("the redirect page is not titled with its page:\n%s", page)
	}

	src["制度/请假.md"].Data = []byte("---\ntitle: 请假\naliases: [\"https://old.example.com/leave/\", /latest/leave/, /old/attendance/, \"../../x/\", \"/a/?p=1\"]\n---\n")
	_, _, err = run(t, src, nil)
	for _, want := range []string{
		"content/制度/请假.md:3:12: error: alias “https://old.example.com/leave/”: is not a path on this site — write the old address's path from the site's root",
		"content/制度/请假.md:3:45: error: alias “/latest/leave/”: the address is the build's own (latest)",
		"error: alias “/old/attendance/”: the page content/制度/考勤制度.md has it too",
		"error: alias “../../x/”: leads out of the site",
		"error: alias “/a/?p=1”: a redirect page answers a path, not a ?query or #anchor",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestObsidianWikiLinks: a folder of notes written in Obsidian links them
// by name. [[note]] leads to the page of that name anywhere in the tree
// (the one in the same folder when two share it), [[path/note]] to that
// one, [[note#heading text]] to the heading's ID, [[#heading]] on the
// page; ![[file.png]] shows the file, found by its name in any folder
// (an attachments folder), and publishes it. A name that is no page,
// or two pages' with neither nearer, or a heading the page lacks, is an
// error at its line, each one.
func TestObsidianWikiLinks(t *testing.T) {
	src := tree(`-- 人事/考勤制度.md --
# 考勤制度

## 迟到与早退 {#late}

见[[请假制度]]、[[请假制度#二、请假流程|流程]]、[[财务/请假制度]]、[[#迟到与早退]]、[[总则]]。

![[截图 1.png|300]]
-- 人事/请假制度.md --
## 二、请假流程
-- 财务/请假制度.md --
# 财务的请假制度
-- 总则.md --
# 总则
-- 附件/截图 1.png --
PNG
-- 人事/章.png --
beside
-- 章.png --
top
`)
	src["人事/考勤制度.md"].Data = append(src["人事/考勤制度.md"].Data, "![[章.png]] ![[/章.png]] ![[请假单.pdf]]\n"...)
	src["附件/请假单.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := html.UnescapeString(string(mainOf(t, mem.Files["latest/人事/考勤制度/index.html"])))
	esc := url.PathEscape
	for _, want := range []string{
		`<a href="../../` + esc("人事") + "/" + esc("请假制度") + `/">请假制度</a>`,
		`<a href="../../` + esc("人事") + "/" + esc("请假制度") + `/#` + esc("二请假流程") + `">流程</a>`,
		`<a href="../../` + esc("财务") + "/" + esc("请假制度") + `/">财务/请假制度</a>`, `<a href="#late">迟到与早退</a>`,
		`<a href="../../` + esc("总则") + `/">总则</a>`, `<img src="../../` + esc("附件") + "/" + esc("截图 1.png") + `" alt="截图 1.png" width="300">`,
		`<img src="../../` + esc("人事") + "/" + esc("章.png") + `" alt="章.png">`, `<img src="../../` + esc("章.png") + `" alt="/章.png">`,
		`<a href="../../` + esc("附件") + "/" + esc("请假单.pdf") + `">请假单.pdf</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s:\n%s", want, got)
		}
	}
	if string(mem.Files["latest/附件/截图 1.png"]) != "PNG\n" || string(mem.Files["latest/附件/请假单.pdf"]) != "%PDF" {
		t.Error("the image shown by ![[截图 1.png]] is not published")
	}

	src["总则.md"].Data = []byte("# 总则\n\n[[请假制度]] [[规章]]\n\n[[人事/考勤制度#早退]] ![[无此图.png]]\n")
	_, _, err = run(t, src, nil)
	for _, want := range []string{
		"content/总则.md:3:1: error: wiki link [[请假制度]]: more than one page has that name (人事/请假制度, 财务/请假制度) — write the page's path from the top: [[人事/请假制度]]",
		"content/总则.md:3:10: error: wiki link [[规章]]: there is no page of that name — a wiki link names a page's file without .md, anywhere in the tree; pages here:",
		"content/总则.md:5:1: error: wiki link [[人事/考勤制度#早退]]: content/人事/考勤制度.md has no heading “早退” — check the heading's text; its headings' IDs include #考勤制度 #late",
		"content/总则.md:5:16: error: wiki link [[无此图.png]]: there is no such file in the tree — put the file in any folder of the source folder",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestTyporaFolder: a folder written in Typora: resized images are <img>
// tags, which show (the site trusts no HTML) and whose files are
// published; images in a "name.assets" folder beside the page work. One
// kept in an assets/ folder at the top, a name the build keeps for its
// own files, is said once, not also as a file that is not there.
func TestTyporaFolder(t *testing.T) {
	src := tree(`-- 报销制度.md --
# 报销制度

<img src="报销制度.assets/image-20240301.png" alt="发票" style="zoom:50%;" />

流程见 <img src="报销制度.assets/流程 图.png" width="300"/>。
-- 报销制度.assets/image-20240301.png --
PNG1
-- 报销制度.assets/流程 图.png --
PNG2
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(mainOf(t, mem.Files["latest/报销制度/index.html"]))
	for _, want := range []string{
		`<img src="../` + url.PathEscape("报销制度.assets") + `/image-20240301.png" alt="发票">`,
		`<img src="../` + url.PathEscape("报销制度.assets") + "/" + url.PathEscape("流程 图.png") + `" alt="" width="300">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s:\n%s", want, got)
		}
	}
	if string(mem.Files["latest/报销制度.assets/流程 图.png"]) != "PNG2\n" {
		t.Error("the image of an <img> tag is not published")
	}

	src["a.md"] = &fstest.MapFile{Data: []byte("# A\n\n<img src=\"assets/x.png\" />\n")}
	src["assets/x.png"] = &fstest.MapFile{Data: []byte("PNG")}
	_, _, err = run(t, src, nil)
	if err == nil || !strings.Contains(err.Error(), "content/a.md:3:1: error: link to “assets/x.png”: the folder assets/ is the build's own") || strings.Count(err.Error(), "a.md:3:1") != 1 {
		t.Errorf("got %v, want one error for assets/x.png", err)
	}
}

// TestLinksToAHeadingByItsText: Obsidian's Markdown links name a heading
// by its text, spaces escaped (总则.md#第一条%20目的), and Typora's as
// written (#一、总则): each leads to the heading's ID. A heading no page
// has is still an error naming the IDs there.
func TestLinksToAHeadingByItsText(t *testing.T) {
	src := tree(`-- 总则.md --
## 一、总则

## 第一条 目的
-- 考勤.md --
[a](总则.md#第一条%20目的) [b](总则.md#一、总则) [c](#二、迟到) [d](总则.md#第一条-目的)

## 二、迟到
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(mainOf(t, mem.Files["latest/考勤/index.html"]))
	esc := url.PathEscape
	for _, want := range []string{
		`<a href="../` + esc("总则") + `/#` + esc("第一条-目的") + `">a</a>`, `<a href="../` + esc("总则") + `/#` + esc("一总则") + `">b</a>`,
		`<a href="#` + esc("二迟到") + `">c</a>`, `<a href="../` + esc("总则") + `/#` + esc("第一条-目的") + `">d</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s:\n%s", want, got)
		}
	}
	src["考勤.md"].Data = []byte("[a](总则.md#第二条%20目的)\n")
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "content/考勤.md:1:1: error: link to “总则.md#第二条%20目的”: content/总则.md has no heading or clause #第二条 目的") {
		t.Errorf("got %v", err)
	}
}

// TestTemplateNotesSayWhereTheirPlaceholderIs: an Obsidian vault keeps
// note templates ({{title}}, {{date}}) in a folder of its own. Built with
// the rest, each is an error at the line it is on (it said line 1), that
// says what to do with such a folder.
func TestTemplateNotesSayWhereTheirPlaceholderIs(t *testing.T) {
	_, _, err := run(t, tree("-- Templates/会议纪要.md --\n---\ntags: [模板]\n---\n# {{title}}\n\n创建于 {{date}}\n\n{{date}}\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "content/Templates/会议纪要.md:8:1: error: unknown placeholder {{date}}") || !strings.Contains(err.Error(), "keep the templates folder out of the source folder") {
		t.Errorf("got %v", err)
	}
}

// TestObsidianAliasesAreNames: in an Obsidian vault, aliases are a note's
// other names, for wiki links ([[打卡制度]] for 考勤制度.md), not old
// addresses: one without a "/" (and no .html file) names the note, makes
// no redirect page, and two notes may share it (a page so named wins;
// a link to a name two notes share is an error, as for two pages).
// Hugo's aliases, paths, still lead to the page.
func TestObsidianAliasesAreNames(t *testing.T) {
	mem, _, err := run(t, tree(`-- 人事/考勤制度.md --
---
aliases: [打卡制度, 考勤, 打卡, /old/kaoqin/]
---
# 考勤制度
-- 人事/考勤.md --
---
aliases: [打卡]
---
# 考勤
-- 总则.md --
[[打卡制度|打卡]] [[考勤]]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(mainOf(t, mem.Files["latest/总则/index.html"]))
	for _, want := range []string{`/` + url.PathEscape("考勤制度") + `/">打卡</a>`, `/` + url.PathEscape("考勤") + `/">考勤</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %s:\n%s", want, got)
		}
	}
	for name := range mem.Files {
		if strings.Contains(name, "打卡制度") || strings.HasPrefix(name, "人事/") {
			t.Errorf("a name made a redirect page: %s", name)
		}
	}
	if _, ok := mem.Files["old/kaoqin/index.html"]; !ok {
		t.Error("the path alias has no redirect page")
	}
}

// TestWikiLinkByANameThatIsGone: a wiki link found its page by another
// page's alias; once the alias is gone, the next build, incremental,
// says the link names no page, as a full build does (the page holding
// the link is unchanged, and was kept as the last build checked it).
func TestWikiLinkByANameThatIsGone(t *testing.T) {
	src := tree("-- a.md --\n见[[打卡]]。\n-- b.md --\n---\naliases: [打卡]\n---\n# 考勤\n")
	c := NewCache()
	buildWith(t, src, c)
	src["b.md"] = &fstest.MapFile{Data: []byte("# 考勤\n")}
	_, err := Run(Options{Source: src, Theme: theme.FS, Out: output.NewMemory(), Cache: c})
	if err == nil || !strings.Contains(err.Error(), "wiki link [[打卡]]: there is no page of that name") {
		t.Errorf("got %v", err)
	}
}

// One build says all that is wrong with a tree: a page's own errors (an
// image on another site, a heading ID twice) do not hold back the link,
// file and alias checks, which came only once those were fixed, a round
// at a time.
func TestEveryErrorInOneBuild(t *testing.T) {
	src := tree("-- a.md --\n---\ntitle: A\naliases: [/x/]\n---\nhi\n-- b.md --\n---\ntitle: B\naliases: [/x/]\n---\n" +
		"![r](https://example.com/a.png)\n\n## 甲 {#s}\n\n## 乙 {#s}\n\n![m](nothere.png) [n](nope.md)\n")
	_, _, err := run(t, src, nil)
	if err == nil {
		t.Fatal("built")
	}
	for _, want := range []string{"content/b.md:5:1: error: image “https://example.com/a.png” is on another site", "heading ID #s is used twice",
		"content/b.md:11:1: error: link to “nothere.png”: there is no such file or page", "content/b.md:11:19: error: link to “nope.md”: there is no such page",
		"alias “/x/”: the page content/a.md has it too"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
}

// An alias "/" (the Hugo site's root showed the page) is warned of: the
// root leads to the home page, not to this page.
func TestAliasOfTheRootWarns(t *testing.T) {
	_, res, err := run(t, tree("-- a.md --\n---\ntitle: A\naliases: [/x/, \"/\"]\n---\nhi\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w := fmt.Sprint(res.Warnings); !strings.Contains(w, "content/a.md:3:17: warning: alias “/” is the site's root") {
		t.Errorf("warnings: %s", w)
	}
}
