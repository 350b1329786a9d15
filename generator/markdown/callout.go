package markdown

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"handbook/generator/editdist"
)

// Callouts, as Obsidian, Typora and GitHub write them: a blockquote whose
// first line is "[!type]", optionally folded (+ or -) and titled:
//
//	> [!warning] 加班须事先审批
//	> 未经审批的加班不计加班费。
//
// It shows as a blockquote with the callout's class and its title (the
// type's Chinese name when it has none) in bold, not with "[!warning]"
// as text. [!编者注] is the handbook's editor's note (isNoteMarker).

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
// type, lower-cased, and its title. The "!" may be full-width ("！", as
// a Chinese input method types it) and spaces may stand around the type
// ("[! warning ]"): the marker is still the author's.
func calloutOf(line string) (kind, title string, ok bool) {
	m, ok := readMarker(line)
	if !ok || !m.exact() || !isCalloutType(m.name) {
		return "", "", false
	}
	kind = strings.ToLower(m.name)
	title = strings.TrimSpace(strings.TrimLeft(m.rest, "+-"))
	if title == "" {
		title = calloutNames[kind]
		if title == "" {
			title = strings.ToUpper(kind[:1]) + kind[1:]
		}
	}
	return kind, title, true
}

// isNoteMarker reports whether a blockquote's first line is the editor's
// note marker, [!编者注], with either width of "!" and any spaces inside
// the brackets.
func isNoteMarker(line string) bool {
	m, ok := readMarker(line)
	return ok && m.exact() && m.name == noteName && strings.TrimSpace(m.rest) == ""
}

// noteName is the editor's note's name in its marker, [!编者注].
const noteName = "编者注"

// marker is a blockquote's first line read as a callout's marker, as
// written or nearly: "[!type]" with any of the brackets and "!"s a
// Chinese input method types in their place.
type marker struct {
	open, close rune   // '[' and ']', or '【' '】', '［' '］'
	bang        bool   // a "!" or "！" after the opening bracket
	name        string // between them, spaces trimmed
	rest        string // after the closing bracket
	at          int    // byte offset of the opening bracket in the line
}

// exact reports whether the marker is written as Markdown's callouts
// are: square brackets and a "!" (of either width).
func (m marker) exact() bool { return m.open == '[' && m.close == ']' && m.bang }

// readMarker reads line's opening "[!name]" (or "【！name】", "［name］"…),
// false when the line does not start with a bracket closed on it.
func readMarker(line string) (marker, bool) {
	var m marker
	s := strings.TrimLeft(line, " \t")
	m.at = len(line) - len(s)
	r, size := utf8.DecodeRuneInString(s)
	var want rune
	switch r {
	case '[':
		want = ']'
	case '【':
		want = '】'
	case '［':
		want = '］'
	default:
		return marker{}, false
	}
	m.open = r
	s = strings.TrimLeft(s[size:], " \t")
	if rest, ok := strings.CutPrefix(s, "!"); ok {
		m.bang, s = true, rest
	} else if rest, ok := strings.CutPrefix(s, "！"); ok {
		m.bang, s = true, rest
	}
	// Any of the closing brackets ends it: "[!编者注】" is a near miss.
	end := strings.IndexAny(s, "]】］")
	if end < 0 {
		return marker{}, false
	}
	m.name = strings.TrimSpace(s[:end])
	if m.name == "" || strings.ContainsAny(m.name, "[【［") {
		return marker{}, false
	}
	c, size := utf8.DecodeRuneInString(s[end:])
	m.close = c
	m.rest = s[end+size:]
	if c != want {
		// Mismatched brackets are a near miss too, never exact.
		m.open = 0
	}
	return m, true
}

// isCalloutType reports whether name can be a callout's type: ASCII
// letters, "-" and "_" (Obsidian's own types and any an author makes up).
func isCalloutType(name string) bool {
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			return false
		}
	}
	return name != ""
}

// calloutOrder lists the callout types in the order a Chinese name
// (calloutNames' values) is taken back to one: the first type of each.
var calloutOrder = []string{"note", "info", "tip", "important", "warning", "caution", "danger", "abstract", "todo",
	"success", "question", "failure", "bug", "example", "quote"}

// markerAdvice says how a blockquote's first line that is nearly a
// callout's or editor's note's marker, but is not read as one, should be
// written: the marker to write and what the page does with the line as
// it is. ok is false for a line that is no such near miss (a marker read
// as written, or text that does not look like one).
func markerAdvice(line string) (m marker, msg, hint string, ok bool) {
	m, ok = readMarker(line)
	if !ok {
		return m, "", "", false
	}
	written := line[m.at : len(line)-len(m.rest)] // m.rest ends the line
	name := m.name
	switch {
	case name == noteName || nearName(name, noteName):
		if m.exact() && name == noteName {
			// [!编者注] with text after it on its line.
			if strings.TrimSpace(m.rest) == "" {
				return m, "", "", false
			}
			return m, "the editor's note marker " + written + " has text after it on its line, so the page shows the quotation as policy text, marker and all",
				"write > [!编者注] alone on the quotation's first line and the note's text on the lines after it, each starting with >", true
		}
		return m, written + " is not the editor's note marker, so the page shows the quotation as policy text, marker and all",
			"write > [!编者注] (half-width square brackets, the name 编者注) on the quotation's first line", true
	case !m.bang:
		// [见此] or 【注意】 in a quotation's text: no marker meant.
		return m, "", "", false
	case isCalloutType(name):
		kind := strings.ToLower(name)
		if !m.exact() {
			return m, written + " is not a callout's marker, so the page shows the quotation with it as text",
				"write > [!" + kind + "] (half-width square brackets) on the quotation's first line", true
		}
		if _, known := calloutNames[kind]; known {
			return m, "", "", false
		}
		if len(kind) >= 4 {
			for _, k := range slices.Sorted(maps.Keys(calloutNames)) {
				if len(k) >= 4 && nearName(kind, k) {
					return m, "[!" + name + "] is no callout type Obsidian or GitHub knows: the page shows it as a callout titled " +
						strings.ToUpper(kind[:1]) + kind[1:], "if [!" + k + "] (" + calloutNames[k] + ") was meant, write that", true
				}
			}
		}
		return m, "", "", false // a type of the author's own, as Obsidian allows
	}
	// A Chinese name, which no callout has: a type's Chinese name
	// ([!注意]) says which type was meant.
	for _, k := range calloutOrder {
		if calloutNames[k] == name {
			return m, written + " is not a callout's marker (a callout's type is written in English), so the page shows the quotation with it as text",
				"write > [!" + k + "] for a callout titled " + name + ", or > [!编者注] for an editor's note", true
		}
	}
	return m, written + " is not a callout's marker (a callout's type is written in English), so the page shows the quotation with it as text",
		"write > [!编者注] for an editor's note, or a callout's type in English with " + name + " as its title: > [!note] " + name, true
}

// nearName reports whether a is b with one character changed, added,
// left out, or two neighbours swapped (编者住, 编者, 者编注), but not b.
func nearName(a, b string) bool {
	return a != b && editdist.OSA(a, b) == 1
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
