package markdown

import (
	"bufio"
	"bytes"
	"html/template"
)

// FigureHTML is text escaped for HTML with each of its figures (2640 元,
// 90——94 分, 59.5 分) kept on one line, as the chapters' text and the
// editor's notes the build adds keep them (writeFigures, class "nw"). The
// theme's templates print the rules' readings and rounding through it:
// printed as plain text, a phone broke them as 90⏎——94 分档 and 59.5⏎分.
// The page's scripts follow the same rule (theme/ts/figures.ts).
func FigureHTML(text string) template.HTML {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeFigures(w, []byte(text))
	_ = w.Flush()
	return template.HTML(b.String())
}
