package markdown

import (
	"fmt"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// An image on another site is refused where it is written: every page's
// policy keeps the browser from loading it (nothing is fetched from
// outside the handbook), so the reader saw an empty frame and the build
// said nothing. Links to other sites, local files, data: images and
// addresses that are script (dropped, see hostile_test.go) are not this.
func TestOutsideImagesAreRefused(t *testing.T) {
	src := "![标志](https://cdn.example.com/logo.png)\n\n" +
		"行内 <img src=\"HTTP://cdn.example.com/a/t.png\" alt=\"t\" style=\"zoom:50%\"> 图\n\n" +
		"![相对](//cdn.example.com/p.png)\n\n" +
		"![引用][r]\n\n" +
		"[官网](https://www.example.com/) ![本地](images/a.png) ![数据](data:image/png;base64,iVBORw0KGgo=) ![脚本](javascript:alert(1))\n\n" +
		"[r]: https://cdn.example.com/r.png\n"
	_, errs := parse(t, src)
	var got []string
	for _, e := range errs {
		if e.Severity == diag.Warning {
			continue
		}
		got = append(got, fmt.Sprintf("%s %d:%d", e.Msg[:strings.Index(e.Msg, "”")+len("”")], e.Line, e.Col))
		if !strings.Contains(e.Msg, "fetches nothing from outside") || !strings.Contains(e.Hint, "save the image into the source folder") {
			t.Errorf("message %q — %q says neither why nor what to do", e.Msg, e.Hint)
		}
	}
	want := []string{
		"image “https://cdn.example.com/logo.png” 1:1",
		"image “HTTP://cdn.example.com/a/t.png” 3:4",
		"image “//cdn.example.com/p.png” 5:1",
		"image “https://cdn.example.com/r.png” 7:1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refused:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
