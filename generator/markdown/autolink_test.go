package markdown

import (
	"strings"
	"testing"
)

// A bare address is a link marked class="url" (the theme lets its text
// break anywhere), with goldmark's href and text otherwise.
func TestBareAddressesAreMarkedAsURLs(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"a web address", "请访问 https://example.com/a?b=1&c=2 查看", `<p>请访问 <a class="url" href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a> 查看</p>` + "\n"},
		{"an address starting www.", "见 www.example.com/zc 页面", `<p>见 <a class="url" href="http://www.example.com/zc">www.example.com/zc</a> 页面</p>` + "\n"},
		{"an e-mail address", "联系 hr@example.com", `<p>联系 <a class="url" href="mailto:hr@example.com">hr@example.com</a></p>` + "\n"},
		{"an address in angle brackets", "<https://example.com/x>", `<p><a class="url" href="https://example.com/x">https://example.com/x</a></p>` + "\n"},
		{"a script address keeps its text, not its address", "<javascript:alert(1)>", `<p><a class="url" href="">javascript:alert(1)</a></p>` + "\n"},
		{"a written link is not one", "[官网](https://example.com/)", `<p><a href="https://example.com/">官网</a></p>` + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := New(Options{})
			d, _ := e.Parse("x.md", []byte(c.src), 0)
			got, err := e.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// A bare address is part of the text a reader sees: in the changelog's
// text (an added address read "详见 。") and in the clause text search
// indexes.
func TestBareAddressesAreInTheText(t *testing.T) {
	src := "# 标题\n\n## 报销\n\n1. 详见 https://example.com/reimburse 。\n2. 联系 <hr@example.com>。\n"
	e := New(Options{})
	d, _ := e.Parse("x.md", []byte(src), 0)
	text := d.ReaderText()
	for _, want := range []string{"https://example.com/reimburse", "hr@example.com"} {
		if !strings.Contains(text, want) {
			t.Errorf("the reader's text lacks %s:\n%s", want, text)
		}
	}
	var clauses []string
	for _, c := range d.Clauses() {
		clauses = append(clauses, c.Text)
	}
	if all := strings.Join(clauses, "\n"); !strings.Contains(all, "example.com/reimburse") || !strings.Contains(all, "hr@example.com") {
		t.Errorf("the clauses' text lacks the addresses:\n%s", all)
	}
}
