package diff

import (
	"html"
	"strconv"
	"strings"
)

// skippedText is the marker shown for collapsed unchanged lines.
func skippedText(n int) string {
	return "… " + strconv.Itoa(n) + " 行未改动 …"
}

// RenderHTML renders a comparison as HTML: one <div class="diff-line">
// per line (classes diff-same, diff-changed, diff-added, diff-removed,
// with data-old/data-new line numbers), inserted text in <ins>, deleted
// text in <del>, collapsed lines as <div class="diff-skip">. All text is
// escaped; the result is safe to place in a page as is.
func RenderHTML(c Comparison) string {
	return RenderHTMLWith(c, nil)
}

// RenderHTMLWith is RenderHTML with, at the end of each line, what
// extra returns for it (HTML, escaped by extra: links to the line's
// place in the two documents); extra may be nil.
func RenderHTMLWith(c Comparison, extra func(Line) string) string {
	var b strings.Builder
	b.WriteString(`<div class="diff">` + "\n")
	skip := func(n int) {
		if n > 0 {
			b.WriteString(`<div class="diff-skip">`)
			b.WriteString(html.EscapeString(skippedText(n)))
			b.WriteString("</div>\n")
		}
	}
	for _, h := range c.Hunks {
		skip(h.Skipped)
		for _, l := range h.Lines {
			b.WriteString(`<div class="diff-line diff-`)
			b.WriteString([...]string{"same", "changed", "added", "removed"}[l.Kind])
			b.WriteByte('"')
			if l.Old > 0 {
				b.WriteString(` data-old="` + strconv.Itoa(l.Old) + `"`)
			}
			if l.New > 0 {
				b.WriteString(` data-new="` + strconv.Itoa(l.New) + `"`)
			}
			b.WriteByte('>')
			b.WriteString(InlineHTML(l.lineOps()))
			if extra != nil {
				b.WriteString(extra(l))
			}
			b.WriteString("</div>\n")
		}
	}
	skip(c.Trailing)
	b.WriteString("</div>\n")
	return b.String()
}

// InlineHTML renders an edit script as escaped text with <ins> and <del>.
func InlineHTML(ops []Op) string {
	var b strings.Builder
	for _, op := range ops {
		t := html.EscapeString(op.Text)
		switch op.Kind {
		case Insert:
			b.WriteString("<ins>" + t + "</ins>")
		case Delete:
			b.WriteString("<del>" + t + "</del>")
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

// RenderText renders a comparison as plain text, one line per line:
// a marker (' ' same, '~' changed, '+' added, '-' removed), the old and
// new line numbers, and the text with edits as [-deleted-] and {+added+}.
func RenderText(c Comparison) string {
	var b strings.Builder
	skip := func(n int) {
		if n > 0 {
			b.WriteString(skippedText(n) + "\n")
		}
	}
	num := func(n int) string {
		if n == 0 {
			return "    "
		}
		s := strconv.Itoa(n)
		return strings.Repeat(" ", max(0, 4-len(s))) + s
	}
	for _, h := range c.Hunks {
		skip(h.Skipped)
		for _, l := range h.Lines {
			b.WriteByte(" ~+-"[l.Kind])
			b.WriteString(num(l.Old) + " " + num(l.New) + " | ")
			b.WriteString(InlineText(l.lineOps()))
			b.WriteByte('\n')
		}
	}
	skip(c.Trailing)
	return b.String()
}

// InlineText renders an edit script as text with [-deleted-] and
// {+inserted+} (the notation of git diff --word-diff=plain).
func InlineText(ops []Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case Insert:
			b.WriteString("{+" + op.Text + "+}")
		case Delete:
			b.WriteString("[-" + op.Text + "-]")
		default:
			b.WriteString(op.Text)
		}
	}
	return b.String()
}
