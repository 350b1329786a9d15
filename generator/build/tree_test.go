package build

import (
	"html"
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
