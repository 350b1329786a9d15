package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// A link or image whose address runs script (or opens a file: or data:
// document) is published with no address unless the site trusts its
// HTML (then as written, and as inert): the reader's link did nothing,
// and the author had no word of it.
// Each one is warned of at its line; web addresses, mail, pages, data:
// images are not.
func TestScriptAddressesAreWarnedOf(t *testing.T) {
	src := "[一](javascript:alert(1)) [二](VBSCRIPT:msgbox(2))\n" +
		"![三](javascript:alert(3))\n" +
		"[四]({{< ref \"javascript:alert(4)\" >}})\n" +
		"[五](data:text/html;base64,PHNjcmlwdD4=) ![六](data:image/png;base64,iVBORw0KGgo=) [七](https://example.com/) [八](mailto:a@example.com) [九](b.md)\n" +
		"<img src=\"vbscript:x\" alt=\"十\">\n\n[十一][r]\n\n[r]: file:///etc/passwd\n"
	for _, trust := range []bool{false, true} {
		_, errs := New(Options{TrustHTML: trust}).Parse("content/a.md", []byte(src), 0)
		var got []string
		for _, e := range errs {
			if strings.Contains(e.Msg, "goes nowhere on the page") && !trust || strings.Contains(e.Msg, "does nothing on the page: trustHTML keeps it") && trust {
				got = append(got, fmt.Sprintf("%d:%d %s", e.Line, e.Col, e.Msg[:strings.Index(e.Msg, "”")+len("”")]))
			}
		}
		want := []string{
			"1:1 link “javascript:alert(1)”", "1:26 link “VBSCRIPT:msgbox(2)”", "2:1 image “javascript:alert(3)”",
			"3:1 link “javascript:alert(4)”", "4:1 link “data:text/html;base64,PHNjcmlwdD4=”", "5:1 image “vbscript:x”",
			"7:1 link “file:///etc/passwd”",
		}
		// Where the site trusts its authors' HTML they are published as
		// written, and said to do nothing (the policy runs no script
		// from them): they were said nowhere.
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("trust %v: warned of\n%s\nwant\n%s", trust, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
