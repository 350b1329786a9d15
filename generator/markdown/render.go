package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"handbook/generator/diag"
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
	reg.Register(ast.KindString, r.str)
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
		filter := html.HeadingAttributeFilter
		if !r.trustHTML {
			filter = untrustedHeadingAttributes
		}
		html.RenderAttributes(w, n, filter)
		writeGivenID(w, n)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id := idOf(n); id != nil {
		// Hidden without the script: inside the heading, a named link
		// would end every heading's spoken name in "本节链接". The theme's
		// script (main.ts headingLinks) puts it in the Tab order, named by
		// its section, and names the heading by its text alone.
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(id))
		_, _ = w.WriteString(`" aria-hidden="true" tabindex="-1">#</a>`)
	}
	_, _ = w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

// warnScriptURL warns of a link or image (what) whose address runs
// script or opens a document of its own (javascript:, vbscript:, file:,
// data: other than an image): unless the site trusts its HTML, goldmark
// publishes it with no address, and the reader found a link that did
// nothing and the author no word of why. off is its file offset.
func (d *Doc) warnScriptURL(what string, dest []byte, off int, errs *diag.List) {
	// Every dangerous address has a scheme, so a ':'; most links (to
	// pages of the handbook) have none, and IsDangerousURL lower-cases a
	// copy of each: 0.07 s of a 10,000-page build.
	if d.eng == nil || bytes.IndexByte(dest, ':') < 0 || !html.IsDangerousURL(dest) {
		return
	}
	shown := string(dest)
	if r := []rune(shown); len(r) > 40 {
		shown = string(r[:40]) + "…"
	}
	msg := what + " “" + shown + "” goes nowhere on the page: an address that would run script or open a file: or data: document is left out"
	if d.eng.trustHTML {
		// Kept as written where the site trusts its authors' HTML; the
		// pages' content security policy runs no script from it, so it
		// still does nothing, and was said nowhere.
		msg = what + " “" + shown + "” does nothing on the page: trustHTML keeps it as written, but the page's security policy runs no script from an address, and opens no file: or data: document"
	}
	w := diag.At(d.File, d.src, off, msg, "link to a page of the handbook or a web address (https://…)")
	w.Severity = diag.Warning
	errs.Add(w)
}

// untrustedHeadingAttributes are the attributes a heading's {…} may give
// when the site does not trust its authors' HTML: its ID and a class.
// The attribute syntax is HTML by another name: "## 标题 {style=\"…\"
// hidden accesskey=s}" hid a heading, restyled it (inline styles, which
// every page's policy refuses besides) or gave it a shortcut key, with
// raw HTML off.
var untrustedHeadingAttributes = util.NewBytesFilter([]byte("id"), []byte("class"))

func (r *nodeRenderer) listItem(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<li")
		html.RenderAttributes(w, n, html.ListItemAttributeFilter)
		writeGivenID(w, n)
		_ = w.WriteByte('>')
		if id := idOf(n); id != nil {
			_, _ = w.WriteString(`<a class="clause-anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(id))
			_, _ = w.WriteString(`" aria-label="`)
			_, _ = w.Write(util.EscapeHTML([]byte(clauseLabel(n, src))))
			_, _ = w.WriteString(`的链接"></a>`)
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

// clauseLabel names a numbered item for its permalink: its section's
// heading and its numbers ("销售人员奖惩办法 第5条", a nested item
// "… 第5条第2项"). Named by the number alone, every section's first item
// was "第1条的链接", and a screen reader's list of links held a dozen
// of each, none saying which section it was in.
func clauseLabel(li ast.Node, src []byte) string {
	var nums [][]byte
	top := li
	for n := li; n != nil; n = n.Parent() {
		if _, ok := n.(*ast.ListItem); ok {
			if id := idOf(n); id != nil {
				nums = append(nums, id[bytes.LastIndexByte(id, '.')+1:])
			}
		}
		if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
			top = n
		}
	}
	// The headings above it, up to the page's h2: two sections may both
	// have a "（二）奖惩办法".
	var path []string
	level := 7
	for h := top.PreviousSibling(); h != nil && level > 2; h = h.PreviousSibling() {
		if h, ok := h.(*ast.Heading); ok && h.Level < level && h.Level >= 2 {
			level = h.Level
			path = append(path, headingName(h, src))
		}
	}
	var b strings.Builder
	for i := len(path) - 1; i >= 0; i-- {
		b.WriteString(path[i])
		b.WriteByte(' ')
	}
	units := []string{"条", "项", "目"}
	for i := len(nums) - 1; i >= 0; i-- {
		b.WriteString("第")
		b.Write(nums[i])
		b.WriteString(units[min(len(nums)-1-i, len(units)-1)])
	}
	return b.String()
}

// headingName is a heading's text as the page shows it (Chinese
// punctuation), cut at its first colon: "（一）具体考核指标：（具体标准见
// 《市场部人员月度考核表》）" is "（一）具体考核指标".
func headingName(h *ast.Heading, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			if v, ok := t.AttributeString("cjk"); ok {
				b.Write(v.([]byte))
			} else {
				b.Write(t.Segment.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	s := strings.TrimSpace(b.String())
	if i := strings.IndexAny(s, "：:"); i > 0 {
		s = s[:i]
	}
	return s
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
	writeFigures(w, value)
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

// str writes a string node (an editor's note the build adds, a reading)
// as goldmark does, its figures kept whole as the text's are.
func (r *nodeRenderer) str(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.String)
	switch {
	case n.IsCode():
		_, _ = w.Write(n.Value)
	case n.IsRaw():
		html.DefaultWriter.RawWrite(w, n.Value)
	default:
		writeFigures(w, n.Value)
	}
	return ast.WalkContinue, nil
}

// figure is a number with its unit (2640元, 105%, 3个月, 59.5 分), a
// range of numbers (95——100, 60-89分) or a product (2640 × 5%): one unit
// of reading that a line should not
// break inside, which Chinese text, breakable between any two characters,
// did (=2640⏎元, （95——⏎100）on a phone).
var figure = regexp.MustCompile(`[0-9０-９]+(?:[.,][0-9０-９]+)*(?:\s*(?:——|—|–|~|～|-|至|到|×|\*|＊)\s*[0-9０-９]+(?:[.,][0-9０-９]+)*)?(?:[ \x{00a0}]?(?:%|％|℅|个月|小时|元|分|天|日|月|年|人|名|项|条|次|倍|岁|周))?`)

// writeFigures writes text escaped, each figure with a unit or a range in
// it kept on one line (class nw); bare numbers (2025.1) are left as they
// are.
func writeFigures(w util.BufWriter, value []byte) {
	at := 0
	for _, m := range figure.FindAllIndex(value, -1) {
		f := value[m[0]:m[1]]
		if utf8.RuneCount(f) < 2 || !bytes.ContainsFunc(f, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.' || r == ',') }) {
			continue // a number alone
		}
		html.DefaultWriter.Write(w, value[at:m[0]])
		_, _ = w.WriteString(`<span class="nw">`)
		html.DefaultWriter.Write(w, f)
		_, _ = w.WriteString("</span>")
		at = m[1]
	}
	html.DefaultWriter.Write(w, value[at:])
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
