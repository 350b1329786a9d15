package build

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// Trees written for Hugo: what a migrating user expects of them.

// TestRootIndexIsTheHomePage: the root's _index.md is the home page, its
// title the heading and its text above the list of pages, as in Hugo
// (it used to fail the build writing "latest//index.html").
func TestRootIndexIsTheHomePage(t *testing.T) {
	mem, _, err := run(t, tree(`-- _index.md --
---
title: 员工手册首页
---
欢迎阅读本手册，先看[总则](a.md)。
-- a.md --
---
title: 总则
---
回到[首页](_index.md)。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	home := html.UnescapeString(string(mainOf(t, mem.Files["latest/index.html"])))
	for _, want := range []string{`<h1>员工手册首页</h1>`, `<p>欢迎阅读本手册，先看<a href="a/">总则</a>。</p>`, `<a href="/latest/a/"><span class="chapter-title">总则</span>`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s:\n%s", want, home)
		}
	}
	a := html.UnescapeString(string(mem.Files["latest/a/index.html"]))
	if !strings.Contains(a, `<a href="../">首页</a>`) {
		t.Errorf("the link to _index.md does not lead home:\n%s", mainOf(t, mem.Files["latest/a/index.html"]))
	}
	for name := range mem.Files {
		if strings.Contains(name, "//") {
			t.Errorf("wrote %s", name)
		}
	}
}

// TestLinkedFilesArePublished: an image or a form a page links to is
// published with the edition at its path in the source, the links point
// at it from the page and from the print page, and a file no page links
// to stays private.
func TestLinkedFilesArePublished(t *testing.T) {
	src := tree(`-- guide/_index.md --
---
title: 指南
---
![流程图](flow.png) 下载[申请表](forms/申请表.pdf#page=2)。
-- guide/flow.png --
PNG
-- guide/forms/申请表.pdf --
PDF
-- blog/post.md --
---
title: 通知
---
![标志](../img/logo.gif)
-- img/logo.gif --
GIF
-- notes.txt --
私人笔记
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"latest/guide/flow.png": "PNG\n", "latest/guide/forms/申请表.pdf": "PDF\n", "latest/img/logo.gif": "GIF\n"} {
		if got := string(mem.Files[name]); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for name := range mem.Files {
		if strings.Contains(name, "notes") {
			t.Errorf("a file no page links to was published: %s", name)
		}
	}
	guide := string(mem.Files["latest/guide/index.html"])
	post := string(mem.Files["latest/blog/post/index.html"])
	print := string(mem.Files["latest/print/index.html"])
	for _, c := range []struct{ page, name, want string }{
		{guide, "guide", `<img src="../guide/flow.png" alt="流程图">`},
		{guide, "guide", `href="../guide/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf#page=2"`},
		{post, "post", `<img src="../../img/logo.gif" alt="标志">`},
		{print, "print", `<img src="../guide/flow.png" alt="流程图">`},
		{print, "print", `<img src="../img/logo.gif" alt="标志">`},
		{print, "print", `href="../guide/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf#page=2"`},
		{string(mem.Files["latest/precache.json"]), "precache.json", `"/latest/img/logo.gif"`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("%s lacks %s", c.name, c.want)
		}
	}

	// A missing file, a hidden one and one in the build's own folders
	// are errors naming the page and line.
	for _, c := range []struct{ link, want string }{
		{"![图](missing.png)", "content/blog/post.md:4:1: error: link to “missing.png”: there is no such file or page"},
		{"![图](../.secret.png)", "there is no such file or page"},
		{"[表](../search/meta.json)", "the folder search/ is the build's own"},
	} {
		bad := tree("-- blog/post.md --\n---\ntitle: 通知\n---\n" + c.link + "\n-- .secret.png --\nX\n-- search/meta.json --\n{}\n")
		if _, _, err := run(t, bad, nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.link, err, c.want)
		}
	}
}

// TestDraftPagesAreLeftOut: a page with draft: true is not published, nor
// listed, unless the working copy is built whole (serve, -drafts); a link
// to it says it is a draft.
func TestDraftPagesAreLeftOut(t *testing.T) {
	src := tree(`-- a.md --
---
title: 总则
---
正文。
-- b.md --
---
title: 未定稿
draft: true
---
草稿正文。
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range mem.Files {
		if strings.Contains(name, "latest/b/") || strings.Contains(string(data), "未定稿") || strings.Contains(string(data), "草稿正文") {
			t.Errorf("the draft shows in %s", name)
		}
	}
	mem, _, err = run(t, src, func(o *Options) { o.Drafts = true })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mem.Files["latest/b/index.html"]), "草稿正文") {
		t.Error("with Drafts the draft page is missing")
	}
	src["a.md"].Data = []byte("---\ntitle: 总则\n---\n见[未定稿](b.md)。\n")
	if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "content/a.md:4:2: error: link to “b.md”: that page is a draft") {
		t.Errorf("a link to the draft: %v", err)
	}
	// By its address, from the page's own (../b/) or from the top (/b/).
	for _, link := range []string{"../b/", "/b/"} {
		src["a.md"].Data = []byte("---\ntitle: 总则\n---\n见[未定稿](" + link + ")。\n")
		if _, _, err := run(t, src, nil); err == nil || !strings.Contains(err.Error(), "content/a.md:4:2: error: link to “"+link+"”: that page (content/b.md) is a draft") {
			t.Errorf("a link to the draft's address %s: %v", link, err)
		}
	}
}

// TestFoldersWithoutIndexHaveAPage: a folder without _index.md is still a
// section with a page listing it (pages and subsections by weight), so
// the sidebar's link to it works and other pages may link to it.
func TestFoldersWithoutIndexHaveAPage(t *testing.T) {
	mem, _, err := run(t, tree(`-- a.md --
---
title: 总则
---
见[指南](guide/)与[深入](guide/adv/)。
-- guide/z.md --
---
title: 最后
weight: 9
---
-- guide/adv/deep.md --
---
title: 深入一节
---
-- guide/first.md --
---
title: 第一
weight: 1
---
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	guide := html.UnescapeString(string(mainOf(t, mem.Files["latest/guide/index.html"])))
	i1, i2, i3 := strings.Index(guide, ">第一<"), strings.Index(guide, ">最后<"), strings.Index(guide, ">adv<")
	if !strings.Contains(guide, "<h1>guide</h1>") || i1 < 0 || i2 < 0 || i3 < 0 || !(i1 < i2 && i2 < i3) {
		t.Errorf("the guide/ page lists, in order, 第一, 最后, adv:\n%s", guide)
	}
	if !strings.Contains(string(mem.Files["latest/guide/adv/index.html"]), "深入一节") {
		t.Error("guide/adv/ has no page listing its pages")
	}
}

// TestTitleFromTheBodyIsShownOnce: a page titled by its # heading (no front
// matter), or whose body repeats its title as one, shows one <h1>.
func TestTitleFromTheBodyIsShownOnce(t *testing.T) {
	mem, _, err := run(t, tree("-- a.md --\n# 第一章 总则\n\n正文。\n-- b.md --\n---\ntitle: 标题\n---\n# 标题\n\n正文。\n-- c.md --\n---\ntitle: 另一个\n---\n# 不同的标题\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"latest/a/index.html": 1, "latest/b/index.html": 1, "latest/c/index.html": 2} {
		if got := strings.Count(string(mem.Files[name]), "<h1"); got != want {
			t.Errorf("%s has %d <h1>, want %d", name, got, want)
		}
	}
	if !strings.Contains(string(mem.Files["latest/a/index.html"]), "<title>第一章 总则") {
		t.Error("a's title is not its heading")
	}
	// A header with nothing in it drew its rule above the title (every
	// page of a folder of notes is titled by its heading).
	if h := string(mainOf(t, mem.Files["latest/a/index.html"])); regexp.MustCompile(`<header class="chapter-header">\s*</header>`).MatchString(h) {
		t.Errorf("a has an empty header:\n%s", h)
	}
}

// TestLinkHintsFitTheTree: a broken link's hint speaks of this tree's
// pages, and an absolute link to an image says how to link to the file.
func TestLinkHintsFitTheTree(t *testing.T) {
	for link, want := range map[string]string{
		"[x](nowhere/)":  "pages here: a.md, guide.md",
		"![x](/img.png)": "link to the file by its path from the page's own file (e.g. images/a.png",
	} {
		_, _, err := run(t, tree("-- a.md --\n---\ntitle: A\n---\n"+link+"\n-- guide.md --\n---\ntitle: G\n---\n"), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a hint saying %q", link, err, want)
		}
	}
}

// TestPrintPageLinksFromEveryPage: on the print page, links and images of
// every chapter, the home page's included, point where they did on the
// chapter's own page: chapters to their place in the print page, files
// and the build's own pages relative to print/.
func TestPrintPageLinksFromEveryPage(t *testing.T) {
	mem, _, err := run(t, tree(`-- _index.md --
---
title: 首页
---
![标志](images/logo.png) 先读[总则](docs/a.md#第一节)。
-- images/logo.png --
PNG
-- docs/a.md --
---
title: 总则
---
## 第一节

![图](../images/logo.png#part) [回首页](../_index.md) [表](../images/logo.png?v=2) [外部](https://example.com/x) [本节](#第一节)
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	pr := string(mem.Files["latest/print/index.html"])
	for _, want := range []string{
		`<img src="../images/logo.png" alt="标志">`,
		`href="#ch-docs-a-第一节"`,
		`<img src="../images/logo.png#part" alt="图">`,
		`href="#ch-"`,
		`href="../images/logo.png?v=2"`,
		`href="https://example.com/x"`,
		`href="#ch-docs-a-第一节"`,
	} {
		if !strings.Contains(html.UnescapeString(pr), want) {
			t.Errorf("print page lacks %s", want)
		}
	}
}

// TestLinkHintInABigTreeNamesPagesNearTheTypo: in a big tree a broken
// link's hint lists the pages most like the one asked for, not the first
// eight.
func TestLinkHintInABigTreeNamesPagesNearTheTypo(t *testing.T) {
	src := "-- a.md --\n---\ntitle: A\n---\n[x](guide/leave-polcy.md)\n"
	for i := range 20 {
		src += fmt.Sprintf("-- aaa/p%02d.md --\n---\ntitle: P%d\n---\n", i, i)
	}
	src += "-- guide/leave-policy.md --\n---\ntitle: L\n---\n-- guide/travel.md --\n---\ntitle: T\n---\n"
	_, _, err := run(t, tree(src), nil)
	if err == nil || !strings.Contains(err.Error(), "pages here: guide/leave-policy.md, guide/travel.md") {
		t.Fatalf("got %v", err)
	}
}

// TestNotFoundPage: the site has a 404.html, which static hosts serve for
// any missing path, so its links are absolute.
func TestNotFoundPage(t *testing.T) {
	mem, _, err := run(t, tree("-- a.md --\n---\ntitle: A\n---\n正文。\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	nf := string(mem.Files["404.html"])
	for _, want := range []string{"<h1>找不到这一页</h1>", `href="/latest/"`, `href="/latest/search/"`, `href="/latest/a/"`, `lang="zh-CN"`} {
		if !strings.Contains(nf, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
}

// TestIndexFilesLeadAFolderOfNotes: a folder of notes (Obsidian, Typora,
// MkDocs) has an index.md at the top and in folders beside other pages.
// The top one is the home page, as in Hugo (it was a page at index/);
// one beside pages is its folder's page, with its text above their
// list, and its links are from its folder (the pages beside it were an
// error). An index.md alone in its folder is still a page bundle.
func TestIndexFilesLeadAFolderOfNotes(t *testing.T) {
	mem, _, err := run(t, tree(`-- index.md --
# 人事手册

先读[考勤](制度/考勤.md)。
-- 制度/index.md --
# 制度总览

本目录收录[考勤](考勤.md)。
-- 制度/考勤.md --
# 考勤
-- 表格/index.md --
# 表格
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	home := html.UnescapeString(string(mainOf(t, mem.Files["latest/index.html"])))
	if !strings.Contains(home, `先读<a href="`) || !strings.Contains(home, `/">考勤</a>`) {
		t.Errorf("the home page is not index.md:\n%s", home)
	}
	if n := strings.Count(home, "<h1"); n != 1 {
		t.Errorf("the home page titled by its # heading has %d <h1>, want 1:\n%s", n, home)
	}
	sec := html.UnescapeString(string(mainOf(t, mem.Files["latest/制度/index.html"])))
	for _, want := range []string{`制度总览`, `本目录收录<a href="../`, `<span class="chapter-title">考勤</span>`} {
		if !strings.Contains(sec, want) {
			t.Errorf("the folder's page lacks %s:\n%s", want, sec)
		}
	}
	if _, ok := mem.Files["latest/index/index.html"]; ok {
		t.Error("index.md is also a page at index/")
	}
	if _, ok := mem.Files["latest/表格/index.html"]; !ok {
		t.Error("the page bundle 表格/index.md is not published")
	}
}

// The neighbours of a page in a tree of sections are 上一篇 and 下一篇: a
// migrated site's pages are no chapters, and the first page of a section
// was "下一章" of the home page. A handbook of chapters keeps 上一章.
func TestNeighboursAreCalledAsTheTreeIs(t *testing.T) {
	mem, _, err := run(t, tree(`-- 人事/_index.md --
---
title: 人事制度
---
-- 人事/考勤.md --
---
title: 考勤制度
weight: 1
---
按时上班。
-- 人事/请假.md --
---
title: 请假制度
weight: 2
---
提前请假。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	page := string(mem.Files["latest/人事/考勤/index.html"])
	if !strings.Contains(page, `<small>下一篇</small>请假制度`) || !strings.Contains(page, `aria-label="上一篇和下一篇"`) || strings.Contains(page, "一章") {
		t.Errorf("a page of a section: want 上一篇/下一篇, not 章:\n%s", page)
	}
	mem, _, err = run(t, tree(handbook), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ch := string(mem.Files["latest/intro/index.html"]); !strings.Contains(ch, `<small>下一章</small>第二章 绩效`) {
		t.Errorf("a handbook's chapter: want 下一章:\n%s", ch)
	}
}
