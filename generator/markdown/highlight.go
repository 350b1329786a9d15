package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian and Typora mark text ==like this==, a rule's key sentence
// (==迟到三次扣除全勤奖==): it shows as <mark>, not with its "=="s. A
// single "=" (3000*88%=2640元) and three or more are text.

// Highlight is ==marked== text.
type Highlight struct{ ast.BaseInline }

// KindHighlight is the kind of a Highlight.
var KindHighlight = ast.NewNodeKind("Highlight")

func (n *Highlight) Kind() ast.NodeKind                   { return KindHighlight }
func (n *Highlight) Dump(source []byte, level int)        { ast.DumpHelper(n, source, level, nil, nil) }
func (highlightDelimiters) IsDelimiter(b byte) bool       { return b == '=' }
func (highlightDelimiters) OnMatch(consumes int) ast.Node { return &Highlight{} }
func (highlightDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

type highlightDelimiters struct{}

type highlightParser struct{}

func (highlightParser) Trigger() []byte { return []byte{'='} }

func (highlightParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 2, highlightDelimiters{})
	if node == nil || node.OriginalLength != 2 || before == '=' {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

func (r *nodeRenderer) highlight(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<mark>")
	} else {
		_, _ = w.WriteString("</mark>")
	}
	return ast.WalkContinue, nil
}
