package markdown

import "github.com/yuin/goldmark/ast"

// AddNoteAfterExample puts an editor's note right after worked example i
// (a published revision shows a wrong figure this way instead of failing).
func (d *Doc) AddNoteAfterExample(i int, text string) {
	d.record(edit{kind: editNoteExample, i: i, b: []byte(text)})
}

func (d *Doc) addNoteAfterExample(i int, text string) {
	b := d.Examples[i].block
	b.Parent().InsertAfter(b.Parent(), b, NewNote(text))
}

// AddNoteToClause puts an editor's note at the end of the clause with the
// given ID: inside a numbered item, or before the next heading of the same
// or a higher level. It reports whether the clause exists.
func (d *Doc) AddNoteToClause(id, text string) bool {
	return d.record(edit{kind: editNoteClause, s: id, b: []byte(text)})
}

func (d *Doc) addNoteToClause(id, text string) bool {
	var target ast.Node
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if v := idOf(n); v != nil && string(v) == id {
			target = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	switch n := target.(type) {
	case nil:
		return false
	case *ast.Heading:
		next := n.NextSibling()
		for ; next != nil; next = next.NextSibling() {
			if h, ok := next.(*ast.Heading); ok && h.Level <= n.Level {
				break
			}
		}
		note := NewNote(text)
		if next == nil {
			n.Parent().AppendChild(n.Parent(), note)
		} else {
			n.Parent().InsertBefore(n.Parent(), next, note)
		}
	default:
		n.AppendChild(n, NewNote(text))
	}
	return true
}
