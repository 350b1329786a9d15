package markdown

import (
	"strings"
	"testing"
)

// A heading's {…} attributes are HTML by another name: with raw HTML not
// trusted (the default) a heading keeps its ID and class and nothing else,
// so an author cannot hide it, restyle it (an inline style every page's
// policy refuses anyway) or give it a shortcut key. A site that trusts
// its HTML keeps them all.
func TestHeadingAttributesAreNotHTMLUnlessTrusted(t *testing.T) {
	src := "## 第一条 {#art1 .key style=\"color:red\" hidden=\"\" accesskey=\"s\" title=\"t\" onclick=\"alert(1)\"}\n\n正文。\n"
	for _, trust := range []bool{false, true} {
		d, errs := parse(t, src)
		// Parsed untrusted: the ones left out are warned of.
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, "attributes style, hidden, accesskey, title, onclick are left out") {
			t.Fatal(errs)
		}
		out, err := New(Options{TrustHTML: trust}).Render(d)
		if err != nil {
			t.Fatal(err)
		}
		h := string(out)
		h = h[:strings.Index(h, ">")+1]
		for _, want := range []string{`id="art1"`, `class="key"`} {
			if !strings.Contains(h, want) {
				t.Errorf("trust %v: heading %s lacks %s", trust, h, want)
			}
		}
		for _, attr := range []string{"style=", "hidden", "accesskey=", "title="} {
			if strings.Contains(h, attr) != trust {
				t.Errorf("trust %v: heading %s, %s kept: %v", trust, h, attr, !trust)
			}
		}
		if strings.Contains(h, "onclick") {
			t.Errorf("trust %v: heading %s keeps its event handler", trust, h)
		}
	}
}
