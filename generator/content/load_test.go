package content

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"handbook/generator/diag"
)

// tree reads an inline file tree: "-- path --" lines start each file, as in
// Hugo's integration tests and txtar. A tree without site.toml is given
// one naming it, as a working copy without one is warned of.
func tree(s string) fstest.MapFS {
	fsys := treeAsIs(s)
	if _, ok := fsys["site.toml"]; !ok {
		fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"测试手册\"\n")}
	}
	return fsys
}

// treeAsIs is tree without the site.toml it adds.
func treeAsIs(s string) fstest.MapFS {
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String())}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(t, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return fsys
}

// pageLine is what a test says about one loaded page.
func pageLine(p *Page) string {
	s := fmt.Sprintf("%s → %s %q", p.File, p.URL, p.Title)
	if p.Section != "" {
		s += " in " + p.Section
	}
	if p.IsIndex {
		s += " (index)"
	}
	if p.Generated {
		s += " (generated)"
	}
	return s
}

// A tree written for Hugo loads as Hugo builds it: its pages, their URLs,
// titles and sections, in reading order.
func TestLoadBuildsHugoTrees(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tree   string
		opts   LoadOptions
		pages  []string
		drafts []string
	}{
		{"a page without front matter is titled by its first # heading", `
-- a.md --
Intro.

# 第一章 总则 {#zongze}

# Second
`, LoadOptions{}, []string{`a.md → a/ "第一章 总则"`}, nil},
		{"a heading's closing #s are not part of the title", "-- a.md --\n# Title ##\n", LoadOptions{},
			[]string{`a.md → a/ "Title"`}, nil},
		{"a # line in fenced code is not a heading", "-- a.md --\n```sh\n# not this\n```\n## nor this\n# This\n", LoadOptions{},
			[]string{`a.md → a/ "This"`}, nil},
		{"an empty page is titled by its file name", "-- notes.md --\n", LoadOptions{},
			[]string{`notes.md → notes/ "notes"`}, nil},
		{"front matter without a title takes the heading", "-- a.md --\n---\nweight: 1\n---\n# From the body\n", LoadOptions{},
			[]string{`a.md → a/ "From the body"`}, nil},
		{"a title in front matter wins over the heading", "-- a.md --\n---\ntitle: T\n---\n# H\n", LoadOptions{},
			[]string{`a.md → a/ "T"`}, nil},
		{"a section index without a title is titled by its folder", "-- 人事/_index.md --\n-- 人事/leave.md --\n", LoadOptions{},
			[]string{`人事/_index.md → 人事/ "人事" in 人事 (index)`, `人事/leave.md → 人事/leave/ "leave" in 人事`}, nil},

		{"a file name with spaces becomes a URL with hyphens, lower-cased", "-- My  Page.md --\n-- sec/Also Here.md --\n", LoadOptions{},
			[]string{`My  Page.md → my-page/ "My  Page"`, `sec/_index.md → sec/ "sec" in sec (index) (generated)`, `sec/Also Here.md → sec/also-here/ "Also Here" in sec`}, nil},
		{"a Chinese file name is its URL", "-- 中文页面.md --\n", LoadOptions{},
			[]string{`中文页面.md → 中文页面/ "中文页面"`}, nil},
		{"characters that would break a URL path are dropped", "-- Weird Name!@#$%^&()+,;=[]{}'\"~.md --\n-- a%20b.md --\n-- C:\\x?.md --\n", LoadOptions{},
			[]string{`a%20b.md → a20b/ "a%20b"`, `C:\x?.md → cx/ "C:\\x?"`, `Weird Name!@#$%^&()+,;=[]{}'"~.md → weird-name@+~/ "Weird Name!@#$%^&()+,;=[]{}'\"~"`}, nil},
		{"an explicit slug is the URL as written", "-- My Page.md --\n---\nslug: Mine\n---\n", LoadOptions{},
			[]string{`My Page.md → Mine/ "My Page"`}, nil},

		{".markdown and upper-case extensions are pages", "-- a.markdown --\n-- B.MD --\n-- c.Markdown --\n-- s/_index.MD --\n---\ntitle: S\n---\n-- s/d.Md --\n-- e.txt --\n", LoadOptions{},
			[]string{`a.markdown → a/ "a"`, `B.MD → b/ "B"`, `c.Markdown → c/ "c"`, `s/_index.MD → s/ "S" in s (index)`, `s/d.Md → s/d/ "d" in s`}, nil},

		{"a draft page is left out and named", "-- a.md --\n-- b.md --\n---\ndraft: true\n---\n", LoadOptions{},
			[]string{`a.md → a/ "a"`}, []string{"b.md"}},
		{"a section whose index is a draft is left out with its sections", `
-- a.md --
-- s/_index.md --
---
title: S
draft: yes
---
-- s/p.md --
-- s/t/q.md --
-- st/r.md --
`, LoadOptions{}, []string{`a.md → a/ "a"`, `st/_index.md → st/ "st" in st (index) (generated)`, `st/r.md → st/r/ "r" in st`}, []string{"s/_index.md", "s/p.md", "s/t/q.md"}},
		{"drafts are kept when asked", "-- a.md --\n---\ndraft: true\n---\n", LoadOptions{IncludeDrafts: true},
			[]string{`a.md → a/ "a"`}, nil},
		{"a draft does not take its slug from a published page", "-- a.md --\n-- x/a.md --\n---\nslug: a\ndraft: true\n---\n", LoadOptions{},
			[]string{`a.md → a/ "a"`}, []string{"x/a.md"}},

		{"folder/index.md is a page of the section the folder is in", `
-- s/_index.md --
---
title: S
---
-- s/Photo Trip/index.md --
-- s/z.md --
---
weight: 1
---
-- bundle/index.md --
---
title: B
weight: 2
---
`, LoadOptions{}, []string{
			`bundle/index.md → bundle/ "B"`,
			`s/_index.md → s/ "S" in s (index)`, `s/z.md → s/z/ "z" in s`, `s/Photo Trip/index.md → s/photo-trip/ "Photo Trip" in s`,
		}, nil},
		{"a page bundle may have a slug", "-- a/index.md --\n---\nslug: b\n---\n", LoadOptions{},
			[]string{`a/index.md → b/ "a"`}, nil},
		{"index.md at the root is the home page, as Hugo has it", "-- index.md --\n", LoadOptions{},
			[]string{`index.md →  "" (index)`}, nil},
		{"beside the root's _index.md, index.md is a page", "-- index.md --\n-- _index.md --\n", LoadOptions{},
			[]string{`_index.md →  "" (index)`, `index.md → index/ "index"`}, nil},
		{"an index.md leads a folder holding other pages, as _index.md does (a folder of notes)", "-- b/index.md --\n# 总览\n-- b/extra.md --\n-- b/sub/more.md --\n", LoadOptions{},
			[]string{`b/index.md → b/ "总览" in b (index)`, `b/extra.md → b/extra/ "extra" in b`, `b/sub/_index.md → b/sub/ "sub" in b/sub (index) (generated)`, `b/sub/more.md → b/sub/more/ "more" in b/sub`}, nil},
		{"a folder without _index.md gets a page listing it, at every level", "-- guide/adv/deep.md --\n", LoadOptions{},
			[]string{`guide/_index.md → guide/ "guide" in guide (index) (generated)`, `guide/adv/_index.md → guide/adv/ "adv" in guide/adv (index) (generated)`,
				`guide/adv/deep.md → guide/adv/deep/ "deep" in guide/adv`}, nil},
		{"folder names become URL names as file names do", "-- My Folder/Page One.md --\n-- My Folder/_index.md --\n", LoadOptions{},
			[]string{`My Folder/_index.md → my-folder/ "My Folder" in My Folder (index)`, `My Folder/Page One.md → my-folder/page-one/ "Page One" in My Folder`}, nil},
		{"the same weight orders by title, case aside, then by file", `
-- a.md --
---
title: Zebra
weight: 1
---
-- z.md --
---
title: Apple
weight: 1
---
-- b.md --
---
title: Mango
---
-- y.md --
---
title: banana
---
-- sub/_index.md --
---
title: Sub
---
`, LoadOptions{}, []string{`z.md → z/ "Apple"`, `a.md → a/ "Zebra"`, `y.md → y/ "banana"`, `b.md → b/ "Mango"`, `sub/_index.md → sub/ "Sub" in sub (index)`}, nil},
		{"pages and sections are ordered together by weight, then by file", `
-- z.md --
---
weight: 1
---
-- b/_index.md --
---
weight: 2
---
-- a.md --
---
weight: 3
---
-- c.md --
-- bb/x.md --
`, LoadOptions{}, []string{`z.md → z/ "z"`, `b/_index.md → b/ "b" in b (index)`, `a.md → a/ "a"`,
			`bb/_index.md → bb/ "bb" in bb (index) (generated)`, `bb/x.md → bb/x/ "x" in bb`, `c.md → c/ "c"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, errs := LoadWith(tree(tc.tree), "content", tc.opts)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			var got []string
			for _, p := range tr.Pages {
				got = append(got, pageLine(p))
			}
			if !slices.Equal(got, tc.pages) {
				t.Errorf("pages\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.pages, "\n  "))
			}
			if !slices.Equal(tr.Drafts, tc.drafts) {
				t.Errorf("drafts %q, want %q", tr.Drafts, tc.drafts)
			}
		})
	}
}

// Sections hold what the reader sees: a page bundle is a page of its
// section, not a section of its own, and a draft section is not there.
func TestLoadSections(t *testing.T) {
	tr, errs := Load(tree(`
-- s/b/index.md --
-- s/a.md --
-- d/_index.md --
---
draft: true
---
-- d/p.md --
`), "content")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(tr.Root.Sections) != 1 || tr.Root.Sections[0].Path != "s" || len(tr.Root.Sections[0].Sections) != 0 {
		t.Fatalf("want the one section s with no sections, got %+v", tr.Root.Sections)
	}
	var files []string
	for _, p := range tr.Root.Sections[0].Pages {
		files = append(files, p.File)
	}
	if !slices.Equal(files, []string{"s/a.md", "s/b/index.md"}) {
		t.Errorf("pages of s: %v", files)
	}
}

// What cannot be built is an error that names the file and says what to do.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		tree string
		want []string // "file:line:col: part of the message"
	}{
		{"a file name with nothing to make a URL of", "-- sec/!!!.md --\n",
			[]string{"content/sec/!!!.md:1:1: the file name !!!.md has no letters or digits"}},
		{"two file names that make the same URL", "-- My Page.md --\n-- my-page.md --\n",
			[]string{"content/my-page.md:1:1: slug my-page is also used by content/My Page.md"}},
		{"a file name that makes a reserved URL", "-- Search.md --\n",
			[]string{"content/Search.md:1:1: the URL search/, from the file name Search.md, is reserved"}},
		{"a section index inside a page bundle's folder", "-- b/index.md --\n-- b/_index.md --\n",
			[]string{"content/b/_index.md:1:1: the page is inside the folder of the page bundle content/b/index.md"}},
		{"a title given as a list", "-- a.md --\n---\ntitle:\n  - a\n---\n",
			[]string{"content/a.md:2:1: front matter field title must be text, not a list"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Load(tree(tc.tree), "content")
			var got []string
			for _, d := range errs {
				got = append(got, fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Msg))
				if d.Hint == "" {
					t.Errorf("%s has no hint", got[len(got)-1])
				}
			}
			slices.Sort(got)
			if len(got) != len(tc.want) {
				t.Fatalf("errors\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("error\n  %s\nwant\n  %s…", got[i], tc.want[i])
				}
			}
		})
	}
}

func TestIsPageFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": true, "a.MD": true, "a.Md": true, "a.markdown": true, "a.Markdown": true, "a.MARKDOWN": true,
		"中文页面.md": true, "my page.md": true,
		"a.mdx": false, "a.txt": false, "md": false, "a.md.txt": false, "a.mkd": false,
	} {
		if got := IsPageFile(name); got != want {
			t.Errorf("IsPageFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// url moves a Hugo page; here it does not, and the page stays at its
// own URL: the url, its address on the Hugo site, is one of its old
// addresses (an alias); one with no "/" is a warning. aliases, a page's
// old addresses, are read, in YAML or TOML, as a list or one address,
// in one order whatever the keys'.
func TestURLAndAliasesAreOldAddresses(t *testing.T) {
	tr, errs := LoadWith(tree("-- a.md --\n---\ntitle: A\nurl: /custom/\naliases:\n  - 旧/请假\n  - /old/\n---\n-- b.md --\n+++\ntitle = \"B\"\naliases = [\"/x/\"]\nurl = \"/b-old/\"\n+++\n-- c.md --\n---\naliases: /y/\nurl: custom\n---\n"), "content", LoadOptions{})
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%s:%d %s %s", e.File, e.Line, e.Severity, strings.Fields(e.Msg)[3]))
	}
	want := []string{"content/c.md:3 warning url"}
	if !slices.Equal(got, want) || len(tr.Pages) != 3 || tr.Pages[0].URL != "a/" {
		t.Fatalf("got %q and %d pages, want %q", got, len(tr.Pages), want)
	}
	var aliases []string
	for _, p := range tr.Pages {
		aliases = append(aliases, strings.Join(p.Aliases, "+"))
	}
	if want := []string{"/custom/+/old/+旧/请假", "/b-old/+/x/", "/y/"}; !slices.Equal(aliases, want) {
		t.Errorf("aliases = %q, want %q", aliases, want)
	}
}

// A folder is published at its own URL: one a page, another folder or the
// generator's own page has is an error naming both, not a page lost.
func TestFolderURLsCollide(t *testing.T) {
	for _, c := range []struct{ tree, want string }{
		{"-- guide.md --\n-- guide/x.md --\n", "content/guide.md:1:1: error: the page guide.md and the folder guide/ are both published at guide/"},
		{"-- Foo/a.md --\n-- foo/b.md --\n", "content/foo/: error: the folders Foo/ and foo/ are both published at foo/"},
		{"-- a b/x.md --\n-- a-b/y.md --\n", "content/a-b/: error: the folders a b/ and a-b/ are both published at a-b/"},
		{"-- x/a.md --\n---\nslug: sub\n---\n-- x/sub/s.md --\n", "content/x/a.md:1:1: error: the page x/a.md and the folder x/sub/ are both published at x/sub/"},
		{"-- search/_index.md --\n---\ntitle: Search\n---\n", "content/search/: error: the folder search/ would be published at search/, which is the generator's own page"},
		{"-- Print/p.md --\n", "content/Print/: error: the folder Print/ would be published at print/"},
	} {
		_, errs := LoadWith(tree(c.tree), "content", LoadOptions{})
		errs.Sort()
		if len(errs) == 0 || !strings.HasPrefix(errs[0].String(), c.want) {
			t.Errorf("%q: got %v, want %q", c.tree, errs, c.want)
		}
	}
	// A folder's own _index.md is at its URL, as it should be.
	if _, errs := LoadWith(tree("-- guide/_index.md --\n-- guide/x.md --\n-- print/x/y.md --\n"), "content", LoadOptions{}); len(errs) != 1 {
		t.Errorf("got %v, want only print/'s error", errs)
	}
}

// A title taken from the body is the heading as a reader sees it.
func TestTitleFromHeadingIsPlainText(t *testing.T) {
	for body, want := range map[string]string{
		"# Heading *emph* `code`\n":            "Heading emph code",
		"# See [Go](https://go.dev) now\n":     "See Go now",
		"# Tom &amp; Jerry\n":                  "Tom & Jerry",
		"# **粗体**标题 ![图](a.png)\n":             "粗体标题 图",
		"# snake_case_name\n":                  "snake_case_name",
		"Intro\n\n员工手册\n====\n\ntext\n":        "员工手册",
		"Setext\n===\n":                        "Setext",
		"Para\n\t\nbody\n":                     "",
		"a paragraph\n\n- list\n\n====\n":      "",
		"```\n# code\n```\n# __Real__ title\n": "Real title",
	} {
		got := firstHeading([]byte(body))
		if got != want {
			t.Errorf("%q: title %q, want %q", body, got, want)
		}
	}
}

// A clash of URLs is reported at the slug: line that made it.
func TestDuplicateSlugIsReportedWhereItWasWritten(t *testing.T) {
	_, errs := LoadWith(tree("-- 04-training.md --\n---\ntitle: 培训\nslug: performance\n---\n-- 06-performance.md --\n---\ntitle: 绩效\nslug: performance\n---\n-- a.md --\n---\ntitle: A\n---\n-- b.md --\n---\ntitle: B\nslug: a\n---\n"), "content", LoadOptions{})
	errs.Sort()
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%s:%d", e.File, e.Line))
	}
	if want := []string{"content/04-training.md:3", "content/06-performance.md:3", "content/b.md:3"}; !slices.Equal(got, want) {
		t.Fatalf("got %v (%v), want %v", got, errs, want)
	}
}

// TestObsidianPublishFalseIsLeftOut: Obsidian Publish leaves a note with
// publish: false out of the site; here too it is left out, as a draft,
// whatever draft says beside it, in YAML or TOML.
func TestObsidianPublishFalseIsLeftOut(t *testing.T) {
	tr, errs := LoadWith(tree("-- a.md --\n---\npublish: false\n---\n-- b.md --\n+++\ndraft = false\npublish = false\n+++\n-- c.md --\n---\npublish: true\n---\n"), "content", LoadOptions{})
	if len(errs) > 0 || len(tr.Pages) != 1 || tr.Pages[0].File != "c.md" || !slices.Equal(tr.Drafts, []string{"a.md", "b.md"}) {
		t.Fatalf("pages %v, drafts %v, errors %v", tr.Pages, tr.Drafts, errs)
	}
}

// TestFilesThatAreNotTextSayWhatTheyAre: a screenshot, a Word or PDF
// original or a rich-text file kept under a page's name (制度.md) is named
// as what it is, with the extension to give it; text in another encoding
// is named by its encoding; a NUL byte in text is found where it is.
func TestFilesThatAreNotTextSayWhatTheyAre(t *testing.T) {
	gbk := "# \xb1\xa8\xcf\xfa\n" // # 报销, as Windows saves it
	for name, c := range map[string]struct{ src, want, hint string }{
		"screenshot.md": {"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "1:1: the file is a PNG image, not Markdown text", "(.png)"},
		"photo.md":      {"\xff\xd8\xff\xe0\x00\x10JFIF", "1:1: the file is a JPEG image", "(.jpg)"},
		"制度.md":         {"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "1:1: the file is a Word or Excel document (.docx, .xlsx)", "(.docx, .xlsx, .zip)"},
		"old.md":        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "1:1: the file is a Word or Excel 97–2003 (.doc, .xls) or WPS document", "(.doc, .xls, .wps)"},
		"scan.md":       {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "1:1: the file is a PDF document", "(.pdf)"},
		"rich.md":       {"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}\n", "1:1: the file is an RTF document", "(.rtf)"},
		"unicode.md":    {"\xff\xfe#\x00 \x00a\x00", "1:1: the file is saved as UTF-16", "UTF-8"},
		"gbk.md":        {gbk, "1:3: the file is not valid UTF-8 (it looks like GBK/GB18030", "UTF-8"},
		"nul.md":        {"# 标题\n\n正文\x00。\n", "3:3: the file holds a NUL (zero) byte", "restore it"},
	} {
		_, errs := Load(fstest.MapFS{name: {Data: []byte(c.src)}}, "content")
		if len(errs) != 1 {
			t.Errorf("%s: %d problems, want 1: %v", name, len(errs), errs)
			continue
		}
		d := errs[0]
		got := fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Msg)
		if !strings.HasPrefix(got, "content/"+name+":"+c.want) || !strings.Contains(d.Hint, c.hint) {
			t.Errorf("%s: got\n  %s — %s\nwant\n  content/%s:%s… (hint with %s)", name, got, d.Hint, name, c.want, c.hint)
		}
	}
}

// TestChineseSlugs: a slug is a URL name as a file's name makes one, so a
// Hugo tree's slug: 请假 is the page 请假/ (the file 请假.md is 请假/ too);
// one with spaces or capitals is refused with the name to write.
func TestChineseSlugs(t *testing.T) {
	tr, errs := Load(tree("-- hr/a.md --\n---\ntitle: 请假规定\nslug: 请假\n---\n-- hr/b.md --\n+++\ntitle = \"加班\"\nslug = \"加班-2024\"\n+++\n"), "content")
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range tr.Pages {
		got = append(got, p.File+" → "+p.URL)
	}
	slices.Sort(got)
	if want := []string{"hr/_index.md → hr/", "hr/a.md → hr/请假/", "hr/b.md → hr/加班-2024/"}; !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for slug, hint := range map[string]string{"请假 规定": "slug: 请假-规定", "Leave Policy": "slug: leave-policy", "a/b": "slug: ab", "《》": "letters (Chinese too)"} {
		_, errs := Load(tree("-- a.md --\n---\ntitle: A\nslug: "+slug+"\n---\n"), "content")
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "content/a.md:3:1: error: slug") || !strings.Contains(errs[0].Hint, hint) {
			t.Errorf("slug %q: got %v, want an error at its line with %q", slug, errs, hint)
		}
	}
}

// TestPagesHugoNeverPublishes: a headless bundle (its index.md and the
// snippets in its folder) and a page whose build options say render:
// never (or false, as older Hugo wrote it) are left out, as Hugo leaves
// them out, and named with why; list: never alone, and render: never on
// a section's _index.md (whose pages Hugo publishes), leave pages in.
func TestPagesHugoNeverPublishes(t *testing.T) {
	tr, errs := Load(tree(`-- shared/index.md --
---
title: 共用片段
headless: true
---
-- shared/contact.md --
电话 1234
-- shared/logo.png --
PNG
-- hr/internal.md --
---
title: 内部
_build:
  list: never
  render: never
---
-- hr/old.md --
+++
title = "旧"
[build]
render = false
+++
-- hr/listed.md --
---
title: 不列出
build:
  list: never
---
-- hr/_index.md --
---
title: 人事
build:
  render: never
---
-- hr/leave.md --
# 请假
`), "content")
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range tr.Pages {
		got = append(got, p.File)
	}
	slices.Sort(got)
	if want := []string{"hr/_index.md", "hr/leave.md", "hr/listed.md"}; !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for file, want := range map[string]string{
		"shared/index.md":   "its front matter says headless: true",
		"shared/contact.md": "it is in the headless bundle shared/ (headless: true in its index.md)",
		"hr/internal.md":    "its front matter says _build: render: never",
		"hr/old.md":         "its front matter says build: render: false",
	} {
		if tr.Unrendered[file] != want {
			t.Errorf("%s: left out as %q, want %q", file, tr.Unrendered[file], want)
		}
	}
}

// lockedFS is a tree whose folder locked cannot be listed, as a folder
// without read permission is to the user building.
type lockedFS struct {
	fstest.MapFS
	locked string
}

func (f lockedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.locked {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

// TestUnreadableFolderIsSaidAsAFolder: a folder the build cannot list is
// an error that says it is a folder, and how to let the build read it; it
// said "cannot read: openat secret: permission denied — check the file's
// permissions".
func TestUnreadableFolderIsSaidAsAFolder(t *testing.T) {
	_, errs := Load(lockedFS{tree("-- a.md --\n# A\n-- hr/secret/b.md --\n# B\n"), "hr/secret"}, "content")
	if len(errs) != 1 || errs[0].String() != "content/hr/secret: error: cannot read the folder: permission denied — let the build read it (chmod -R a+rX content/hr/secret), or move it out of the source folder" {
		t.Errorf("got %v", errs)
	}
}

// lockedFileFS is a tree whose file locked cannot be read.
type lockedFileFS struct {
	fstest.MapFS
	locked string
}

func (f lockedFileFS) Open(name string) (fs.File, error) {
	if name == f.locked {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func (f lockedFileFS) ReadFile(name string) ([]byte, error) {
	if name == f.locked {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

// TestUnreadablePageSaysHowToLetTheBuildReadIt: a page file without read
// permission says so and the chmod that lets the build read it.
func TestUnreadablePageSaysHowToLetTheBuildReadIt(t *testing.T) {
	_, errs := Load(lockedFileFS{tree("-- a.md --\n# A\n-- hr/b.md --\n# B\n"), "hr/b.md"}, "content")
	if len(errs) != 1 || errs[0].String() != "content/hr/b.md: error: cannot read the file: permission denied — let the build read it (chmod a+r content/hr/b.md)" {
		t.Errorf("got %v", errs)
	}
}

// TestHugoPagesInOtherFormatsAreSaid: a Hugo tree's pages in AsciiDoc,
// Org, reStructuredText, Pandoc or HTML with front matter are not read
// here; each is a warning naming the file and the Markdown file to write,
// where they were left out of the site without a word. An HTML file
// without front matter, which pages may link to, is not.
func TestHugoPagesInOtherFormatsAreSaid(t *testing.T) {
	tr, errs := Load(tree("-- docs/guide.adoc --\n= Guide\n-- docs/notes.org --\n#+TITLE: x\n-- docs/a.rst --\nA\n-- docs/b.pdc --\nB\n"+
		"-- docs/legacy.html --\n---\ntitle: Legacy\n---\n<p>old</p>\n-- docs/crlf.htm --\n+++\r\ntitle = \"x\"\r\n+++\r\n-- docs/form.html --\n<form></form>\n-- docs/ok.md --\n# OK\n"), "content")
	got := map[string]string{}
	for _, d := range errs {
		if d.Severity != diag.Warning {
			t.Errorf("not a warning: %v", d)
		}
		got[d.File] = d.Msg + " — " + d.Hint
	}
	for file, format := range map[string]string{"guide.adoc": "AsciiDoc", "notes.org": "Org", "a.rst": "reStructuredText", "b.pdc": "Pandoc's Markdown", "legacy.html": "HTML", "crlf.htm": "HTML"} {
		md := strings.TrimSuffix(file, path.Ext(file)) + ".md"
		if want := "is a Hugo page written in " + format + ", which this build does not read: it is left out of the site — write it in Markdown as " + md + " to publish it"; got["content/docs/"+file] != want {
			t.Errorf("%s: got %q, want %q", file, got["content/docs/"+file], want)
		}
	}
	if len(got) != 6 || len(tr.Pages) != 2 {
		t.Errorf("%d warnings, %d pages: %v", len(got), len(tr.Pages), errs)
	}
}

// TestFlowBuildOptionsKeepAPageOut: build options written as a YAML flow
// map (build: {render: never}, as the TOML inline table build = {render
// = "never"} is read) keep the page out too; the map was read as empty
// and the page published.
func TestFlowBuildOptionsKeepAPageOut(t *testing.T) {
	tr, errs := Load(tree("-- a.md --\n---\ntitle: A\nbuild: {list: never, render: never}\n---\n-- b.md --\n---\ntitle: B\n_build: { render: false }\n---\n-- c.md --\n# C\n"), "content")
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if len(tr.Pages) != 1 || tr.Pages[0].File != "c.md" {
		var got []string
		for _, p := range tr.Pages {
			got = append(got, p.File)
		}
		t.Errorf("pages %v, want [c.md]", got)
	}
	for file, want := range map[string]string{
		"a.md": "its front matter says build: render: never",
		"b.md": "its front matter says _build: render: false",
	} {
		if tr.Unrendered[file] != want {
			t.Errorf("%s: left out as %q, want %q", file, tr.Unrendered[file], want)
		}
	}
}

// A file or folder whose name is not UTF-8 (04-培训.md in GBK, from a
// zip made on a Chinese Windows) cannot be opened through io/fs, which
// takes names as UTF-8: it was "cannot read: readfile …: invalid
// argument — check the file's permissions", its name mangled by the
// terminal. The name is said escaped, as not UTF-8, with the rename.
func TestNameNotUTF8IsSaid(t *testing.T) {
	dir := t.TempDir()
	gbkFile, gbkDir := "04-\xc5\xe0\xd1\xb5.md", "\xd6\xc6\xb6\xc8" // 培训, 制度
	files := map[string]string{"site.toml": "title = \"T\"\n", "01-a.md": "# A\n", gbkFile: "# 培训\n", gbkDir + "/b.md": "# B\n"}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Skipf("this file system refuses a name that is not UTF-8: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, fsys := range []fs.FS{root.FS(), os.DirFS(dir)} {
		_, errs := LoadWith(fsys, "content", LoadOptions{})
		var got []string
		for _, d := range errs {
			got = append(got, d.String())
		}
		want := []string{
			`content/04-\xc5\xe0\xd1\xb5.md: error: the file's name is not UTF-8 (it looks like GBK, as Windows writes Chinese names), so it cannot be read — rename the file with a UTF-8 name, e.g. mv $'content/04-\xc5\xe0\xd1\xb5.md' content/04-名称.md (convmv -f GBK -t UTF-8 -r --notest content renames every such name)`,
			`content/\xd6\xc6\xb6\xc8: error: the folder's name is not UTF-8 (it looks like GBK, as Windows writes Chinese names), so its pages cannot be read — rename the folder with a UTF-8 name, e.g. mv $'content/\xd6\xc6\xb6\xc8' content/名称 (convmv -f GBK -t UTF-8 -r --notest content renames every such name)`,
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, g := range got {
			if !utf8.ValidString(g) {
				t.Errorf("not UTF-8: %q", g)
			}
		}
	}
}
