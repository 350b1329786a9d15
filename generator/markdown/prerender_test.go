package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// A released page renders from its prerendered body exactly as a fresh
// parse with the same link edits renders: the handbook's chapters and
// pages with every kind of link, with addresses rewritten to ones that
// need escaping and to script URLs, in a safe and a trusting engine.
func TestPrerenderedBodyIsTheReparsedOne(t *testing.T) {
	pages := map[string]string{
		"links": "# 标题\n\n见[第一章](01-总则.md#一目的)、![图](img/a b.png \"说明\")与[[其他页#小节]]。\n\n" +
			"[引用][r] 和 <https://example.cn/a?b=1&c=2> 以及 www.example.cn。\n\n[r]: ../x.md \"题\"\n\n" +
			"脚注[^1]。\n\n[^1]: 注[内链](a.md)。\n\n| 表 | [格](b.md) |\n| --- | --- |\n| ![](c.png) | 文 |\n",
		"hostile":  "[a](javascript:alert(1)) ![b](data:text/html,x) [c](<d e.md>)\n",
		"no links": "## 一、部门职能\n\n1. 原文甲；\n2. 原文乙。\n",
		"attrs":    "## 属性 {#a .b}\n\n[x](y.md){target=_blank}\n",
	}
	chapters, _ := filepath.Glob("../../content/*.md")
	for _, f := range chapters {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(f)] = string(src)
	}
	if len(chapters) < 7 {
		t.Fatalf("found %d chapters in content/", len(chapters))
	}
	rewrites := []func(i int, dest string) string{
		func(i int, dest string) string { return dest },
		func(i int, dest string) string {
			return "/latest/第" + strconv.Itoa(i) + "章/?a=<1>&b=\"2\"#一、目的"
		},
		func(i int, dest string) string { return "javascript:alert(" + strconv.Itoa(i) + ")" },
	}
	for _, trust := range []bool{false, true} {
		eng := New(Options{TrustHTML: trust})
		for name, src := range pages {
			for r, rewrite := range rewrites {
				fresh, _ := eng.Parse(name, []byte(src), 0)
				released, _ := eng.Parse(name, []byte(src), 0)
				released.Release(true, "直接上级")
				if released.pre == nil {
					t.Errorf("%s: not prerendered", name)
					continue
				}
				for i, l := range fresh.Links {
					if i%2 == 0 || r > 0 { // some links left as written
						fresh.SetLinkDest(i, rewrite(i, l.Dest))
						released.SetLinkDest(i, rewrite(i, l.Dest))
					}
				}
				want, err := eng.Render(fresh)
				if err != nil {
					t.Fatal(err)
				}
				got, err := eng.Render(released)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s (trust %v, rewrite %d): prerendered body differs\n got: %s\nwant: %s", name, trust, r, got, want)
				}
			}
		}
	}
}

// A page whose text holds the mark itself, or whose edits are more than
// its links', is parsed again to render, and renders right.
func TestPrerenderFallsBack(t *testing.T) {
	eng := New(Options{})
	src := "正文写着 " + string(destMark) + "0_ 这串字，[链](a.md)。\n\n{{orgchart}}\n"
	fresh, _ := eng.Parse("a.md", []byte(src), 0)
	released, _ := eng.Parse("a.md", []byte(src), 0)
	released.Release(false)
	if released.pre != nil {
		t.Fatal("a page holding the mark was prerendered")
	}
	fresh.SetLinkDest(0, "/b/")
	released.SetLinkDest(0, "/b/")
	want, _ := eng.Render(fresh)
	got, _ := eng.Render(released)
	if !bytes.Equal(got, want) || !bytes.Contains(got, []byte(`href="/b/"`)) {
		t.Errorf("got %s\nwant %s", got, want)
	}

	src = "[链](a.md)\n\n{{orgchart}}\n"
	fresh, _ = eng.Parse("b.md", []byte(src), 0)
	released, _ = eng.Parse("b.md", []byte(src), 0)
	released.Release(false)
	if released.pre == nil {
		t.Fatal("not prerendered")
	}
	for _, d := range []*Doc{fresh, released} {
		d.SetLinkDest(0, "/b/")
		d.Fill("orgchart", []byte("<svg>图</svg>"))
	}
	want, _ = eng.Render(fresh)
	got, _ = eng.Render(released)
	if !bytes.Equal(got, want) || !bytes.Contains(got, []byte("<svg>图</svg>")) {
		t.Errorf("filled: got %s\nwant %s", got, want)
	}
	if f := released.Fork(); f.pre != nil {
		t.Error("a fork kept the prerendered body")
	}
}
