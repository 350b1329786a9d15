package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Callouts, as Obsidian, Typora and GitHub write them: a blockquote whose
// first line is "[!type]", optionally folded (+ or -) and titled:
//
//	> [!warning] 加班须事先审批
//	> 未经审批的加班不计加班费。
//
// It shows as a blockquote with the callout's class and its title (the
// type's Chinese name when it has none) in bold, not with "[!warning]"
// as text. [!编者注] is the handbook's editor's note (noteMarker).

// calloutNames are the Chinese names of the types Obsidian and GitHub
// know.
var calloutNames = map[string]string{
	"note": "注", "info": "说明", "tip": "提示", "hint": "提示", "important": "重要",
	"warning": "注意", "attention": "注意", "caution": "警告", "danger": "危险", "error": "危险",
	"abstract": "摘要", "summary": "摘要", "tldr": "摘要", "todo": "待办",
	"success": "完成", "check": "完成", "done": "完成", "question": "问题", "help": "问题", "faq": "问题",
	"failure": "未通过", "fail": "未通过", "missing": "未通过", "bug": "缺陷", "example": "示例", "quote": "引用", "cite": "引用",
}

// calloutOf reads a blockquote's first line as a callout's marker: its
// type, lower-cased, and its title.
func calloutOf(line string) (kind, title string, ok bool) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "[!") {
		return "", "", false
	}
	end := strings.IndexByte(line, ']')
	if end < 3 {
		return "", "", false
	}
	kind = line[2:end]
	for _, r := range kind {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			return "", "", false
		}
	}
	kind = strings.ToLower(kind)
	title = strings.TrimSpace(strings.TrimLeft(line[end+1:], "+-"))
	if title == "" {
		title = calloutNames[kind]
		if title == "" {
			title = strings.ToUpper(kind[:1]) + kind[1:]
		}
	}
	return kind, title, true
}

// makeCallout turns blockquote bq, whose first line is a callout's
// marker, into the callout: the marker line becomes its title.
func makeCallout(bq *ast.Blockquote, body []byte) {
	p := bq.FirstChild().(*ast.Paragraph)
	first := p.Lines().At(0)
	kind, title, _ := calloutOf(string(first.Value(body)))
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		if textStart(c) >= first.Stop {
			break
		}
		p.RemoveChild(p, c)
		c = next
	}
	if p.ChildCount() == 0 {
		bq.RemoveChild(bq, p)
	}
	head := ast.NewParagraph()
	head.SetAttributeString("class", []byte("callout-title"))
	strong := ast.NewEmphasis(2)
	strong.AppendChild(strong, ast.NewString([]byte(title)))
	head.AppendChild(head, strong)
	bq.InsertBefore(bq, bq.FirstChild(), head)
	bq.SetAttributeString("class", []byte("callout callout-"+kind))
}

// textStart is the body offset of n's first text, or -1.
func textStart(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return -1
}
