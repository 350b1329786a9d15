package content

import (
	"handbook/generator/diag"
	"reflect"
	"strings"
	"testing"
)

// Front matter written for Hugo builds: fields the model has no use for may
// hold lists, maps and long text, and the fields it has may be written the
// ways YAML allows.
func TestFrontMatterReadsHugoYAML(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want FrontMatter
	}{
		{"lists, maps and folded text under other keys are skipped", `---
title: Tags page
tags:
  - go
  - docs
menu:
  main:
    weight: 3
description: >
  folded text
aliases:
  - /old/
---
`, FrontMatter{Title: "Tags page", Aliases: []string{"/old/"}}},
		{"a list may start at the left edge under its key", "---\ntags:\n- go\n- docs\ntitle: T\n---\n", FrontMatter{Title: "T"}},
		{"a list of maps is skipped", "---\nresources:\n  - src: a.png\n    title: not the page's\ntitle: T\n---\n", FrontMatter{Title: "T"}},
		{"a literal block under another key is skipped, even where it looks like a key", "---\nsummary: |\n  title: not this\n  - nor this\nweight: 2\n---\n", FrontMatter{Weight: 2, HasWeight: true}},
		{"a list over several lines is skipped", "---\nkeywords: [a,\n b, \"c]\",\n d]\ntitle: T\n---\n", FrontMatter{Title: "T"}},
		{"a map over several lines is skipped", "---\nparams: {a: 1,\n  b: 2}\ntitle: T\n---\n", FrontMatter{Title: "T"}},
		{"blank lines and comments inside a value are part of it", "---\ntags:\n  - go\n\n# a comment\n  - docs\ntitle: T\n---\n", FrontMatter{Title: "T"}},
		{"a folded title is one line", "---\ntitle: >\n  第一章\n  总则\n---\n", FrontMatter{Title: "第一章 总则"}},
		{"a literal title keeps its line breaks", "---\ntitle: |-\n  a\n  b\n---\n", FrontMatter{Title: "a\nb"}},
		{"a plain title may go on over indented lines", "---\ntitle: a long\n  title\n---\n", FrontMatter{Title: "a long title"}},
		{"a quoted title may go on over indented lines", "---\ntitle: \"a long\n  title\"\n---\n", FrontMatter{Title: "a long title"}},
		{"a comment after a quoted value is not part of it", "---\ntitle: \"T\" # the title\n---\n", FrontMatter{Title: "T"}},
		{"a quoted key is read", "---\n\"title\": T\n---\n", FrontMatter{Title: "T"}},
		{"a number is a title as written", "---\ntitle: 404\n---\n", FrontMatter{Title: "404"}},
		{"yes is a title as written", "---\ntitle: yes\n---\n", FrontMatter{Title: "yes"}},
		{"weight: 1.0 is the weight 1", "---\nweight: 1.0\n---\n", FrontMatter{Weight: 1, HasWeight: true}},
		{"a negative weight", "---\norder: -3\n---\n", FrontMatter{Weight: -3, HasWeight: true}},
		{"TOML weight = 2.0 is the weight 2", "+++\nweight = 2.0\n+++\n", FrontMatter{Weight: 2, HasWeight: true}},
		{"draft: yes", "---\ndraft: yes\n---\n", FrontMatter{Draft: true}},
		{"draft: no", "---\ndraft: no\n---\n", FrontMatter{}},
		{"draft: on", "---\ndraft: on\n---\n", FrontMatter{Draft: true}},
		{"draft: off", "---\ndraft: off\n---\n", FrontMatter{}},
		{"draft: True", "---\ndraft: True\n---\n", FrontMatter{Draft: true}},
		{"draft: FALSE", "---\ndraft: FALSE\n---\n", FrontMatter{}},
		{"calculator: Yes", "---\ncalculator: Yes\n---\n", FrontMatter{Calculator: true}},
		{"a quoted weight is the number, as Hugo reads it", "---\nweight: \"4\"\n---\n", FrontMatter{Weight: 4, HasWeight: true}},
		{"a quoted draft is the boolean", "---\ndraft: \"true\"\n---\n", FrontMatter{Draft: true}},
		{"TOML draft = \"false\"", "+++\ndraft = \"false\"\n+++\n", FrontMatter{}},
		{"CRLF line ends", "---\r\ntitle: T\r\ntags:\r\n  - a\r\n---\r\n", FrontMatter{Title: "T"}},
		{"spaces after the opening ---", "--- \ntitle: Secret\ndraft: true\n---\n", FrontMatter{Title: "Secret", Draft: true}},
		{"a tab after the opening ---, CRLF", "---\t\r\ntitle: T\r\ndraft: true\r\n--- \r\n", FrontMatter{Title: "T", Draft: true}},
		{"spaces after the opening +++", "+++  \ntitle = \"T\"\ndraft = true\n+++\n", FrontMatter{Title: "T", Draft: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fm, _, _, errs := parseFrontMatter("a.md", []byte(tc.src))
			if errs.HasErrors() {
				t.Fatalf("errors: %v", errs)
			}
			if !reflect.DeepEqual(fm, tc.want) {
				t.Errorf("got %+v, want %+v", fm, tc.want)
			}
		})
	}
}

// A field the model reads, given a value it cannot use, is an error that
// names the key's line and says what to write.
func TestFrontMatterErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		line, col int
		msg       string // part of the message
	}{
		{"a title that is a list", "---\ntitle:\n  - a\n  - b\n---\n", 2, 1, "title must be text, not a list"},
		{"a title that is a map", "---\ndraft: false\ntitle:\n  zh: 标题\n---\n", 3, 1, "title must be text, not a map"},
		{"a slug that is a flow list", "---\nslug: [a, b]\n---\n", 2, 1, "slug must be text, not a list"},
		{"a weight that is a list over lines", "---\nweight: [1,\n  2]\n---\n", 2, 1, "weight must be a whole number, not a list"},
		{"a weight with a fraction", "---\nweight: 1.5\n---\n", 2, 1, "weight must be a whole number"},
		{"a weight that is text", "---\norder: first\n---\n", 2, 1, "order must be a whole number"},
		{"a draft that is not true or false", "---\ndraft: maybe\n---\n", 2, 1, "draft must be true or false"},
		{"a quoted draft that is not true or false", "---\ndraft: \"maybe\"\n---\n", 2, 1, `draft must be true or false, not the text "maybe"`},
		{"a calculator that is a map", "---\ncalculator:\n  on: true\n---\n", 2, 1, "calculator must be true or false, not a map"},
		{"a TOML weight with a fraction names its line", "+++\ntitle = \"T\"\nweight = 1.5\n+++\n", 3, 1, "weight must be a whole number"},
		{"an indented line under no key", "---\n  slug a\n---\n", 2, 1, "not \"key: value\""},
		{"a list item under a key that has a value", "---\ntitle: T\n- a\n---\n", 3, 1, "not \"key: value\""},
		{"a line without a colon", "---\ntitle: T\nslug a\n---\n", 3, 1, "not \"key: value\""},
		{"a list that is not closed", "---\ntags: [a,\n  b\ntitle: T\n---\n", 2, 7, "list opened with [ is not closed"},
		{"a quoted value that is not closed", "---\ntitle: \"T\n---\n", 2, 8, "quoted value is not closed"},
		{"text after a closing quote", "---\ntitle: \"T\" x\n---\n", 2, 8, "text follows the closing quote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, errs := parseFrontMatter("a.md", []byte(tc.src))
			if len(errs) != 1 {
				t.Fatalf("want one error, got %v", errs)
			}
			d := errs[0]
			// The hint writes the field as the file does, in its format.
			if key, _, ok := strings.Cut(tc.msg, " must be a whole number"); ok {
				sep := ": "
				if strings.HasPrefix(tc.src, "+++") {
					sep = " = "
				}
				if want := "write it like " + key + sep + "1"; d.Hint != want {
					t.Errorf("hint %q, want %q", d.Hint, want)
				}
			}
			if d.File != "a.md" || d.Line != tc.line || d.Col != tc.col || !strings.Contains(d.Msg, tc.msg) || d.Hint == "" ||
				strings.Contains(d.Msg, "true or false") && !strings.Contains(d.Hint, tc.msg[:strings.Index(tc.msg, " ")]+": true") {
				t.Errorf("got %s:%d:%d: %s — %s\nwant a.md:%d:%d: …%s… with a hint", d.File, d.Line, d.Col, d.Msg, d.Hint, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// Hugo's dates and JSON front matter are not followed here: warnings say
// so, and the page still loads. A date in the past says nothing.
func TestHugoDatesAndJSONFrontMatterWarn(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntitle: T\npublishDate: 2030-01-01\n---\n":      "a.md:3:1: warning: front matter field publishDate is not followed",
		"+++\ntitle = \"T\"\nexpiryDate = 2020-01-01\n+++\n": "a.md:3:1: warning: front matter field expiryDate is not followed",
		"{\n  \"title\": \"T\"\n}\n正文\n":                     "a.md:1:1: warning: JSON front matter is not read",
		"---\ntitle: T\ndate: 2999-01-01\n---\n":             "a.md:3:1: warning: front matter field date is in the future (2999-01-01): Hugo leaves such a page out until that day, this build publishes it now",
	} {
		_, _, _, errs := parseFrontMatter("a.md", []byte(src))
		if len(errs) != 1 || errs.HasErrors() || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%q: got %v, want %q", src, errs, want)
		}
	}
	if _, _, _, errs := parseFrontMatter("a.md", []byte("---\ntitle: T\ndate: 2020-01-01\n---\n")); len(errs) != 0 {
		t.Errorf("a past date: %v", errs)
	}
}

// A field written by hand that no one reads but that is plainly meant as
// one that is — misspelt, named in Chinese, or typed with a full-width
// colon — is a warning naming its line and the field to write: the page
// would otherwise go without its title or order without a word. Hugo's
// other fields stay silent.
func TestFrontMatterMisspeltFieldWarns(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntittle: 休假制度\n---\n":                 "a.md:2:1: warning: front matter field tittle is not read: there is no such field; did you mean title? — rename tittle to title",
		"---\r\ntitle: T\r\nwieght: 2\r\n---\r\n":  "a.md:3:1: warning: front matter field wieght is not read: there is no such field; did you mean weight? — rename wieght to weight",
		"+++\ntitle = \"T\"\nTitel = \"X\"\n+++\n": "a.md:3:1: warning: front matter field Titel is not read: there is no such field; did you mean title?",
		"---\nalias: /old/\n---\n":                 "a.md:2:1: warning: front matter field alias is not read: there is no such field; did you mean aliases?",
		"---\n标题: 入职须知\n---\n":                     "a.md:2:1: warning: front matter field 标题 is not read: fields are named in English — rename 标题 to title",
		"---\n排序: 2\n---\n":                        "a.md:2:1: warning: front matter field 排序 is not read: fields are named in English — rename 排序 to weight",
		"---\ntitle：第一章: 总则\n---\n":                "a.md:2:1: warning: front matter field \"title：第一章\" is not read: the colon after title is a full-width ：",
	} {
		_, _, _, errs := parseFrontMatter("a.md", []byte(src))
		if len(errs) != 1 || errs.HasErrors() || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%q: got %v, want %q", src, errs, want)
		}
	}
	// A line whose only colon is full-width is not a field at all: the
	// error says which character to retype.
	_, _, _, errs := parseFrontMatter("a.md", []byte("---\ntitle：休假\n---\n"))
	if len(errs) != 1 || !strings.Contains(errs[0].String(), "a.md:2:1: error:") || !strings.Contains(errs[0].Hint, "full-width ：; type it as a half-width : followed by a space: title: 休假") {
		t.Errorf("full-width colon: got %v", errs)
	}
	for _, src := range []string{
		"---\ntitle: T\ntags: [a]\ntype: docs\ndata: x\ndescription: d\nsubtitle: s\ntoc: true\nlayout: single\n---\n",
		"+++\ntitle = \"T\"\nauthor = \"A\"\ncategories = [\"c\"]\n+++\n",
	} {
		if _, _, _, errs := parseFrontMatter("a.md", []byte(src)); len(errs) != 0 {
			t.Errorf("%q: Hugo's own fields warned of: %v", src, errs)
		}
	}
}

// A page whose first line was meant as its title but is not a heading to
// Markdown — #考勤制度 without a space, or a full-width ＃ — is warned of
// with the line and how to write it: the page was silently named after
// its file and showed its title as a paragraph.
func TestUnspacedTitleWarns(t *testing.T) {
	for _, tc := range []struct{ name, src, want, title string }{
		{"no space after #", "#考勤制度\n\n正文\n", "a.md:1:1: warning: the line \"#考勤制度\" is not a heading (Markdown needs a space after #): the page shows it as text and takes its title from its file name — write it as # 考勤制度", "a"},
		{"a full-width ＃, after front matter, a BOM and CRLF", "\ufeff---\r\nweight: 2\r\n---\r\n\r\n＃ 报销制度\r\n", "a.md:5:1: warning: the line \"＃ 报销制度\" is not a heading (its ＃ is a full-width one, which Markdown does not read)", "a"},
		{"in a section's _index.md", "---\ntittle: 规章\n---\n#规章制度\n", "sec/_index.md:2:1: warning: front matter field tittle is not read", "sec"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := "a.md"
			if strings.Contains(tc.want, "_index") {
				file = "sec/_index.md"
			}
			p, errs := parsePage(file, file, []byte(tc.src))
			if p == nil || len(errs) == 0 || errs.HasErrors() || !strings.HasPrefix(errs[0].String(), tc.want) {
				t.Fatalf("got %v, want %q", errs, tc.want)
			}
			if p.Title != tc.title {
				t.Errorf("title %q, want %q", p.Title, tc.title)
			}
		})
	}
	for _, src := range []string{"# 考勤制度\n", "---\ntitle: T\n---\n#考勤\n", "正文\n#考勤\n", "```\n#!/bin/sh\n```\n", "#\n", "####### x\n"} {
		if _, errs := parsePage("a.md", "a.md", []byte(src)); len(errs) != 0 {
			t.Errorf("%q: got %v, want no warning", src, errs)
		}
	}
}

// Front matter whose opening --- was deleted is warned of: its keys were
// shown as a heading over the closing ---, and the page's title, order
// and address changed without a word. A page opening with a heading over
// --- (setext) is no front matter.
func TestFrontMatterWithoutItsOpeningLineWarns(t *testing.T) {
	_, _, _, errs := parseFrontMatter("a.md", []byte("title: 第四章 培训\norder: 4\nslug: training\ntags:\n  - a\n---\n正文\n"))
	if len(errs) != 1 || errs[0].Severity != diag.Warning || errs[0].Line != 1 || !strings.Contains(errs[0].Msg, "front matter without its opening line") || !strings.Contains(errs[0].Hint, "ends at line 6") {
		t.Errorf("got %v", errs)
	}
	for _, src := range []string{"第一章 总则\n---\n正文\n", "说明: 本章\n---\n", "title: x\n\n正文\n"} {
		if _, _, _, errs := parseFrontMatter("a.md", []byte(src)); len(errs) != 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}

// Front matter opened twice (--- on lines 1 and 2, as a paste over the
// file's first line leaves it) closes at once, empty: its fields were
// published as a heading over the real closing ---, the page named after
// its file and moved to its file's address, without a word. A warning
// names the empty block's closing line and what to remove.
func TestDoubledFrontMatterOpenerWarns(t *testing.T) {
	for _, tc := range []struct{ name, src, want, hint string }{
		{"yaml", "---\n---\ntitle: 第一章 大客户部门职能\norder: 1\nslug: functions\n---\n\n## 一、部门职能\n",
			"a.md:2:1: warning: the front matter closed on line 2 is empty, and lines 3–6 after it look like front matter left in the body: they are not read, and the page shows them as text",
			"remove the extra --- on line 2"},
		{"yaml, a blank line after the doubled opener, CRLF", "---\r\n---\r\n\r\ntitle: T\r\nslug: t\r\n---\r\n正文\r\n",
			"a.md:2:1: warning: the front matter closed on line 2 is empty, and lines 4–6 after it", "remove the extra --- on line 2"},
		{"toml", "+++\n+++\ntitle = \"T\"\nweight = 2\n+++\n正文\n",
			"a.md:2:1: warning: the front matter closed on line 2 is empty, and lines 3–5 after it", "remove the extra +++ on line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, errs := parseFrontMatter("a.md", []byte(tc.src))
			if len(errs) != 1 || errs.HasErrors() || !strings.HasPrefix(errs[0].String(), tc.want) || !strings.HasPrefix(errs[0].Hint, tc.hint) {
				t.Errorf("got %v\nwant %q — %q…", errs, tc.want, tc.hint)
			}
		})
	}
	// Empty front matter over a body that is no front matter, a heading
	// over a thematic break, says nothing.
	for _, src := range []string{"---\n---\n正文\n", "---\n---\n第一章\n---\n", "---\n\n---\n# 标题\n"} {
		if _, _, _, errs := parseFrontMatter("a.md", []byte(src)); len(errs) != 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}

// A first line holding only white space that is not ASCII (a full-width
// space typed with a Chinese input method, a no-break space pasted from a
// web page) is a blank line over the front matter, as an empty one is:
// warned of, where the page silently showed its front matter as text.
func TestUnicodeBlankLineOverFrontMatterWarns(t *testing.T) {
	for _, tc := range []struct{ name, src, want, hint string }{
		{"an empty line", "\n---\ntitle: T\n---\n", "a.md:2:1: warning: the front matter is not read: blank lines come before its first line", ""},
		{"a full-width space", "\u3000\n---\ntitle: T\n---\n", "a.md:2:1: warning: the front matter is not read: blank lines come before its first line", "line 1 is not empty: it holds a full-width space (U+3000)"},
		{"a no-break space and CRLF", "\u00a0\r\n---\r\ntitle: T\r\n---\r\n", "a.md:2:1: warning: the front matter is not read", "a no-break space (U+00A0)"},
		{"spaces, then an empty line", "  \t\n\n+++\ntitle = \"T\"\n+++\n", "a.md:3:1: warning: the front matter is not read", "remove the blank lines above +++"},
		{"a full-width space before the opening ---", "\u3000---\ntitle: T\n---\n", "a.md:1:1: warning: the front matter is not read: its opening --- does not start the file", "a full-width space (U+3000)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := parsePage("a.md", "a.md", []byte(tc.src))
			if p == nil || len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) || !strings.Contains(errs[0].Hint, tc.hint) {
				t.Errorf("got %v\nwant %q — …%q…", errs, tc.want, tc.hint)
			}
		})
	}
}

// Keys the loader reads whatever their letter case (title, TITLE) are
// one field: written twice, in two cases, it is the error a key written
// twice in one case is. The second silently won (title: then TITLE: x
// titled the page x; slug: then Slug: moved it), in TOML by the map's
// random order.
func TestFrontMatterKeyTwiceInAnotherCaseIsAnError(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\ntitle:\nTITLE: x\n---\n", "a.md:3:1: error: front matter field TITLE is set twice, on lines 2 (as title) and 3 — keep the one you mean and delete the other"},
		{"---\nslug: functions\nSlug: other\n---\n", "a.md:3:1: error: front matter field Slug is set twice, on lines 2 (as slug) and 3"},
		{"---\ntitle: a\ntitle: b\n---\n", "a.md:3:1: error: front matter field title is set twice, on lines 2 and 3"},
		{"+++\nslug = \"functions\"\nSlug = \"other\"\n+++\n", "a.md:3:1: error: front matter field Slug is set twice, on lines 2 (as slug) and 3"},
		{"+++\nSLUG = \"other\"\nslug = \"functions\"\n+++\n", "a.md:3:1: error: front matter field slug is set twice, on lines 2 (as SLUG) and 3"},
	} {
		_, _, _, errs := parseFrontMatter("a.md", []byte(tc.src))
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) {
			t.Errorf("%q: got %v\nwant %q", tc.src, errs, tc.want)
		}
	}
	// Keys no one reads may differ in case, as Hugo trees have them.
	for _, src := range []string{"---\ntitle: T\ntags: [a]\nTags: [b]\n---\n", "+++\ntitle = \"T\"\nauthor = \"a\"\nAuthor = \"b\"\n+++\n"} {
		if _, _, _, errs := parseFrontMatter("a.md", []byte(src)); len(errs) != 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}

// order and weight are one field: a page giving both is warned of, with
// the lines, and the later one is used as before (weight: 7 under
// order: 1 listed chapter 1 sixth, in silence).
func TestOrderAndWeightBothGivenAreWarnedOf(t *testing.T) {
	for _, tc := range []struct {
		src    string
		weight int
		want   string
	}{
		{"---\ntitle: T\norder: 1\nweight: 7\n---\n", 7, "a.md:4:1: warning: front matter sets the page's place twice, as order on line 3 and as weight here: the later, weight, is used"},
		{"+++\ntitle = \"T\"\nweight = 2\norder = 5\n+++\n", 5, "a.md:4:1: warning: front matter sets the page's place twice, as weight on line 3 and as order here: the later, order, is used"},
	} {
		fm, _, _, errs := parseFrontMatter("a.md", []byte(tc.src))
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) || fm.Weight != tc.weight {
			t.Errorf("%q: weight %d, got %v\nwant %q", tc.src, fm.Weight, errs, tc.want)
		}
	}
	if _, _, _, errs := parseFrontMatter("a.md", []byte("---\ntitle: T\norder: 1\n---\n")); len(errs) != 0 {
		t.Errorf("order alone: %v", errs)
	}
}
