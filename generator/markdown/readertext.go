package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// ReaderText is the page as a reader sees it, one block per line: headings,
// paragraphs, numbered items with their "1、" numbers, editor's notes and
// table rows, with Markdown syntax gone and Chinese punctuation typeset. The
// changelog compares revisions on this text, so an employee reads what
// changed in the policy, not in its source code.
func (d *Doc) ReaderText() string {
	text, _ := d.ReaderTextAnchors()
	return text
}

// ReaderTextAnchors is ReaderText with, for each of its lines, the ID a
// link to that line's place in the page takes: its heading's or numbered
// item's own, else the numbered item it sits in, else the heading it
// comes under ("" above the first heading). The changelog links each
// changed line to its clause in both revisions with it.
func (d *Doc) ReaderTextAnchors() (string, []string) {
	t := d.tree()
	body := t.src[t.off:]
	var b strings.Builder
	var anchors []string
	section := "" // the ID of the heading the lines come under
	// line writes one block; *prefix (an item's "1、") goes on the first
	// line written under it and is then used up. item is the ID of the
	// numbered item the block is in ("" if none).
	line := func(indent int, prefix *string, item, text string) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		b.WriteString(strings.Repeat("　", indent))
		b.WriteString(*prefix)
		*prefix = ""
		b.WriteString(Typeset(text))
		b.WriteByte('\n')
		if item == "" {
			item = section
		}
		anchors = append(anchors, item)
	}
	var walk func(n ast.Node, indent int, prefix, item string)
	walk = func(n ast.Node, indent int, prefix, item string) {
		inner := indent // blocks after an item's first line sit one step in
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				section = string(idOf(c))
				line(indent, &prefix, item, plainText(c, body))
			case *ast.Paragraph, *ast.TextBlock, *east.DefinitionTerm:
				line(indent, &prefix, item, plainText(c, body))
			case *ast.List:
				num := c.Start
				for it := c.FirstChild(); it != nil; it = it.NextSibling() {
					mark := "・"
					if c.IsOrdered() {
						mark = strconv.Itoa(num) + "、"
						num++
					}
					in := item
					if id := idOf(it); id != nil {
						in = string(id)
					}
					walk(it, inner+1, mark, in)
				}
			case *Note:
				walk(c, inner, "〔编者注〕", item)
			case *ast.Blockquote:
				walk(c, inner, "〉", item)
			case *east.Table:
				for row := c.FirstChild(); row != nil; row = row.NextSibling() {
					var cells []string
					for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
						cells = append(cells, plainText(cell, body))
					}
					line(indent, &prefix, item, strings.Join(cells, " ｜ "))
				}
			case *placeholder:
				name := c.name
				if name == "orgchart" {
					name = "组织架构图"
				}
				line(indent, &prefix, item, "〔"+name+"〕")
			case *ast.HTMLBlock, *ast.ThematicBreak:
				continue
			default:
				walk(c, indent, prefix, item)
			}
			if indent > 0 && prefix == "" {
				inner = indent + 1
			}
		}
	}
	walk(t.root, 0, "", "")
	return b.String(), anchors
}
