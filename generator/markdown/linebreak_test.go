package markdown

import (
	"strings"
	"testing"
)

// A paragraph written over several lines, as an editor that wraps at 80
// columns saves it, reads as the page shows it: between two Chinese
// characters the line break is nothing, elsewhere a space. The changelog
// showed an inserted space (and counted it) where the page showed none,
// and a search for a phrase the source wrapped across two lines (行追)
// could not find it whole.
func TestALineBreakBetweenChineseCharactersIsNoSpace(t *testing.T) {
	src := "# 标题\n\n## 培训\n\n1. 新员工入职后一周内执\n行。追加培训由部门经理\n安排，使用 Go\n语言的系统 CRM\nsystem 登记。\n"
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte(src), 0)
	page, err := e.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	const want = "新员工入职后一周内执行。追加培训由部门经理安排，使用 Go 语言的系统 CRM system 登记。"
	if got := strings.Join(strings.Fields(tagless(string(page))), " "); !strings.Contains(got, want) {
		t.Fatalf("the page reads %q, want it to hold %q", got, want)
	}
	var texts []string
	for _, c := range d.Clauses() {
		texts = append(texts, c.Text)
	}
	if all := strings.Join(texts, "\n"); !strings.Contains(all, want) {
		t.Errorf("the clauses' text (searched) is\n%s\nwant it to hold %q, as the page does", all, want)
	}
	if text := d.ReaderText(); !strings.Contains(text, want) {
		t.Errorf("the reader's text (compared in the changelog) is\n%s\nwant it to hold %q, as the page does", text, want)
	}
}

// tagless is a page's text: its tags gone, line breaks as spaces.
func tagless(html string) string {
	var b strings.Builder
	in := false
	for _, r := range html {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			if r == '\n' {
				r = ' '
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
