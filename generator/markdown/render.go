package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Note is an editor's note (编者注): text the editors add beside the policy,
// never policy itself. It renders as an aside with a visible label.
type Note struct {
	ast.BaseBlock
}

// KindNote is the node kind of Note.
var KindNote = ast.NewNodeKind("EditorNote")

// Kind implements ast.Node.
func (n *Note) Kind() ast.NodeKind { return KindNote }

// Dump implements ast.Node.
func (n *Note) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// NewNote makes a note holding one paragraph of plain text.
func NewNote(text string) *Note {
	n := &Note{}
	p := ast.NewParagraph()
	p.AppendChild(p, ast.NewString([]byte(Typeset(text))))
	n.AppendChild(n, p)
	return n
}

type placeholder struct {
	ast.BaseBlock
	name string
	html []byte
}

var kindPlaceholder = ast.NewNodeKind("Placeholder")

func (n *placeholder) Kind() ast.NodeKind         { return kindPlaceholder }
func (n *placeholder) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *placeholder) IsRaw() bool                { return true }

// nodeRenderer renders the handbook's own nodes and overrides a few of
// goldmark's: headings and numbered items carry a permalink, text gets its
// Chinese punctuation, and directives vanish.
type nodeRenderer struct {
	trustHTML bool
}

var _ renderer.NodeRenderer = (*nodeRenderer)(nil)

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindListItem, r.listItem)
	reg.Register(ast.KindText, r.text)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	reg.Register(KindHighlight, r.highlight)
	reg.Register(KindNote, r.note)
	reg.Register(kindPlaceholder, r.placeholder)
}

func (r *nodeRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + string(rune('0'+n.Level))
	if entering {
		_, _ = w.WriteString("<" + tag)
		html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		writeGivenID(w, n)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id := idOf(n); id != nil {
		// For the eye and the pointer: inside the heading, a named link
		// would end every heading's spoken name in "本节链接"; the table of
		// contents links each section for everyone else.
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(id))
		_, _ = w.WriteString(`" aria-hidden="true" tabindex="-1">#</a>`)
	}
	_, _ = w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) listItem(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<li")
		html.RenderAttributes(w, n, html.ListItemAttributeFilter)
		writeGivenID(w, n)
		_ = w.WriteByte('>')
		if id := idOf(n); id != nil {
			_, _ = w.WriteString(`<a class="clause-anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(id))
			// Named by its number, so a list of links does not read
			// "本条链接" thirty times.
			num := id[bytes.LastIndexByte(id, '.')+1:]
			_, _ = w.WriteString(`" aria-label="第`)
			_, _ = w.Write(util.EscapeHTML(num))
			_, _ = w.WriteString(`条的链接"></a>`)
		}
		fc := n.FirstChild()
		if fc != nil {
			if _, ok := fc.(*ast.TextBlock); !ok {
				_ = w.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</li>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) text(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(src)
	if v, ok := n.AttributeString("cjk"); ok {
		value = v.([]byte)
	}
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	html.DefaultWriter.Write(w, value)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak():
		if !breakJoins(n, value, src) {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}

// breakJoins reports whether the soft line break that ends text node n
// (whose text is value) falls between two Chinese characters: there a line
// break in the source is no space on the page, nor in the text searched
// and compared (plainText).
func breakJoins(n *ast.Text, value, src []byte) bool {
	last, _ := utf8.DecodeLastRune(value)
	next := rune(0)
	if s, ok := n.NextSibling().(*ast.Text); ok {
		next, _ = utf8.DecodeRune(s.Segment.Value(src))
	}
	return isCJK(last) && isCJK(next)
}

// autoLink renders a bare address (https://…, www.…, a@b.cn) as goldmark
// does, marked class="url": its text is an address, which the theme lets
// break anywhere, so a long one starts on the line it is written on. As a
// word that could not break, it went whole to the next line and left the
// words before it justified across the line: "请　　访　　问".
func (r *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := util.URLEscape(n.URL(src), false)
	_, _ = w.WriteString(`<a class="url" href="`)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	// <javascript:…> is an autolink too: its address is dropped, as
	// goldmark does, unless the site trusts its HTML.
	if r.trustHTML || !html.IsDangerousURL(url) {
		_, _ = w.Write(util.EscapeHTML(url))
	}
	_ = w.WriteByte('"')
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) htmlBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if _, ok := n.AttributeString("directive"); ok || !entering {
		return ast.WalkSkipChildren, nil
	}
	if !r.trustHTML {
		_, _ = w.WriteString("<!-- raw HTML omitted -->\n")
		return ast.WalkSkipChildren, nil
	}
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		html.DefaultWriter.SecureWrite(w, line.Value(src))
	}
	if n.HasClosure() {
		cl := n.ClosureLine
		html.DefaultWriter.SecureWrite(w, cl.Value(src))
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) note(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<aside class="editor-note" role="note"><p class="note-label">编者注</p>` + "\n")
	} else {
		_, _ = w.WriteString("</aside>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) placeholder(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(n.(*placeholder).html)
	}
	return ast.WalkContinue, nil
}
