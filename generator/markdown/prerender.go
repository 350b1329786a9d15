package markdown

import (
	"bytes"
	"io"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// destMark stands, in a body rendered before its links were resolved, for
// a link's or image's address: the mark, the link's number, and a closing
// underscore. Its characters pass URL and HTML escaping unchanged, so it
// comes out of the renderer as written.
var destMark = []byte("hbdest9q")

// prerender renders the body while the tree is here, each link's address
// left as a mark (see destMark), so that a released page is not parsed a
// second time to be rendered: the build resolves links only after every
// page is parsed, and then writes the marks' final addresses in. A 10,000-
// page build spent a tenth of its CPU parsing every page again.
//
// A page that has the mark in its own text is not prerendered, nor one
// whose render writes the mark other than once for each link: it is
// parsed again, as before.
func (d *Doc) prerender() {
	if bytes.Contains(d.src, destMark) {
		return
	}
	saved := make([][]byte, len(d.Links))
	num := make([]byte, 0, len(destMark)+8)
	for i, l := range d.Links {
		p := destOf(l.node)
		if p == nil {
			return
		}
		saved[i] = *p
		num = append(strconv.AppendInt(append(num[:0], destMark...), int64(i), 10), '_')
		*p = bytes.Clone(num)
	}
	var buf bytes.Buffer
	buf.Grow(len(d.src) + len(d.src)/2)
	err := d.eng.md.Renderer().Render(&buf, d.src[d.off:], d.root)
	for i, l := range d.Links {
		*destOf(l.node) = saved[i]
	}
	if err != nil || bytes.Count(buf.Bytes(), destMark) != len(d.Links) {
		return
	}
	d.pre = bytes.Clone(buf.Bytes())
}

func destOf(n ast.Node) *[]byte {
	switch n := n.(type) {
	case *ast.Link:
		return &n.Destination
	case *ast.Image:
		return &n.Destination
	}
	return nil
}

// renderPre writes a prerendered body with its links' addresses as the
// build resolved them, escaped as goldmark escapes a link's or image's
// address (and dropped, as goldmark drops it, when it is a script URL and
// the site does not trust its HTML). ok is false when the page has edits
// other than its links' (notes, filled placeholders): it is then parsed
// again.
func (d *Doc) renderPre(w io.Writer) (ok bool, err error) {
	if d.pre == nil {
		return false, nil
	}
	dests := make([]string, len(d.Links))
	for i, l := range d.Links {
		dests[i] = l.Dest
	}
	for _, e := range d.edits {
		if e.kind != editLink {
			return false, nil
		}
		dests[e.i] = e.s
	}
	rest := d.pre
	for {
		at := bytes.Index(rest, destMark)
		if at < 0 {
			break
		}
		if _, err := w.Write(rest[:at]); err != nil {
			return true, err
		}
		rest = rest[at+len(destMark):]
		end := bytes.IndexByte(rest, '_')
		i, _ := strconv.Atoi(string(rest[:end]))
		rest = rest[end+1:]
		dest := util.URLEscape([]byte(dests[i]), true)
		if d.eng.trustHTML || !html.IsDangerousURL(dest) {
			if _, err := w.Write(util.EscapeHTML(dest)); err != nil {
				return true, err
			}
		}
	}
	_, err = w.Write(rest)
	return true, err
}

// DropRendered frees the body Release rendered: a build calls it once the
// page is written, when nothing renders the page again (a tree too big
// for a print page), so the bodies of pages written are not held while
// the rest render. Render then parses the page again.
func (d *Doc) DropRendered() { d.pre = nil }

// DropClauses frees the page's clauses (see Clauses), which are as big as
// its text: a build calls it once its search index has them, when nothing
// else will read them. Clauses then parses the page again.
func (d *Doc) DropClauses() { d.clauses = nil }
