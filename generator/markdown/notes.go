package markdown

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"handbook/generator/diag"
)

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

// checkNote warns of an editor's note (a blockquote whose first line is
// [!编者注], before it is made a Note) that points nowhere: one with no
// text, shown as an empty 编者注 box; and one citing an item of the list
// above it (上列第3、9项) that the list does not have, a note left behind
// when the list lost items, or a slip of the number.
func (d *Doc) checkNote(bq *ast.Blockquote, body []byte, errs *diag.List) {
	p := bq.FirstChild().(*ast.Paragraph)
	if p.Lines().Len() == 1 && p.NextSibling() == nil {
		w := diag.At(d.File, d.src, d.pos(p.Lines().At(0).Start), "this editor's note is empty: the page shows a 编者注 box with nothing in it",
			"write the note on the lines after > [!编者注], each starting with >, or remove the note")
		w.Severity = diag.Warning
		errs.Add(w)
		return
	}
	list := listAbove(bq)
	if list == nil {
		return
	}
	first, last := list.Start, list.Start+list.ChildCount()-1
	has := "items " + strconv.Itoa(first) + " to " + strconv.Itoa(last)
	switch last - first {
	case 0:
		has = "only item " + strconv.Itoa(first)
	case 1:
		has = "items " + strconv.Itoa(first) + " and " + strconv.Itoa(last)
	}
	_ = ast.Walk(bq, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			v := seg.Value(body)
			for _, m := range reCitedItems.FindAllSubmatchIndex(v, -1) {
				var out []string
				for _, w := range reItemNumber.FindAllString(string(v[m[2]:m[3]]), -1) {
					if k := itemNumber(w); k > 0 && (k < first || k > last) {
						out = append(out, w)
					}
				}
				if len(out) == 0 {
					continue
				}
				line, _ := diag.Position(d.src, d.pos(blockStart(list)))
				item := "item "
				if len(out) > 1 {
					item = "items "
				}
				w := diag.At(d.File, d.src, d.pos(seg.Start+m[0]), "this editor's note cites "+item+strings.Join(out, "、")+" of the list above it ("+string(v[m[0]:m[1]])+
					"), but that list (line "+strconv.Itoa(line)+") has "+has,
					"correct the note's item numbers to the list's, or the list")
				w.Severity = diag.Warning
				errs.Add(w)
			}
		}
		return ast.WalkContinue, nil
	})
}

// reCitedItems finds a note's citation of the list above it, 上列第3项 or
// 上列第3、7项 (上述, 前列 too), its numbers the first group.
var reCitedItems = regexp.MustCompile(`(?:上列|上述|前列)第\s*([0-9０-９一二三四五六七八九十]+(?:\s*[、,，和及与至到~～-]\s*[0-9０-９一二三四五六七八九十]+)*)\s*项`)

// reItemNumber is one number in a citation's group.
var reItemNumber = regexp.MustCompile(`[0-9０-９]+|[一二三四五六七八九十]+`)

// itemNumber reads an item's number, in figures (full-width too) or in
// Chinese (三, 十二, 二十), or 0.
func itemNumber(s string) int {
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := func(r rune) int { return strings.IndexRune("零一二三四五六七八九", r) / len("一") }
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return digit(r[0])
	case len(r) == 2 && r[0] == '十':
		return 10 + digit(r[1])
	case len(r) == 2 && r[1] == '十':
		return digit(r[0]) * 10
	case len(r) == 3 && r[1] == '十':
		return digit(r[0])*10 + digit(r[2])
	}
	return 0
}

// listAbove is the numbered list a note stands right under (other notes
// and comments between them), the list its 上列 means, or nil: a note
// after a paragraph, a heading or a bulleted list, or first in its list
// item, is not read.
func listAbove(bq *ast.Blockquote) *ast.List {
	for n := bq.PreviousSibling(); n != nil; n = n.PreviousSibling() {
		switch n := n.(type) {
		case *ast.Blockquote, *ast.HTMLBlock:
			continue
		case *ast.List:
			if n.IsOrdered() {
				return n
			}
		}
		return nil
	}
	return nil
}
