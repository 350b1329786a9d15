package markdown

import (
	"strings"
	"testing"
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
