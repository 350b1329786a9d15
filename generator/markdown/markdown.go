// Package markdown turns one page's Markdown into HTML and the facts the
// rest of the build checks: heading and clause IDs, links, worked payout
// examples, editor's notes. An Engine is built once and shared by every
// page and goroutine; each Parse has its own state.
package markdown

import (
	"bytes"
	"io"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handbook/generator/diag"
)

// Options configures an Engine. The zero value is the safe default.
type Options struct {
	// TrustHTML renders raw HTML from the Markdown. Off by default.
	TrustHTML bool
}

// Engine parses and renders pages.
type Engine struct {
	md        goldmark.Markdown
	trustHTML bool
}

// New builds an engine. It is never changed after, so it is safe to share.
func New(opts Options) *Engine {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{trustHTML: opts.TrustHTML}, 100)),
	}
	htmlOpts := []renderer.Option{html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple)}
	if opts.TrustHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		// Definition lists ("term\n: description") as Hugo renders them:
		// glossaries of a migrated site would otherwise show ": " lines.
		goldmark.WithExtensions(extension.GFM, extension.CJK, extension.Footnote, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithInlineParsers(util.Prioritized(wikiParser{}, 199), util.Prioritized(highlightParser{}, 500))),
		goldmark.WithRendererOptions(append(htmlOpts, rendererOpts...)...),
	)
	return &Engine{md: md, trustHTML: opts.TrustHTML}
}

// Heading is one heading of a page.
type Heading struct {
	Level  int
	ID     string
	Text   string
	Offset int // byte offset in the file
}

// Link is one link or image destination as written in the page (a
// rewrite by SetLinkDest changes the page, not this record).
type Link struct {
	Dest   string
	Offset int
	Kind   LinkKind
	node   ast.Node
}

// LinkKind says how a link names what it leads to.
type LinkKind uint8

const (
	// LinkPlain is a Markdown link or image: a file from the page's
	// folder, a URL, or a path from the top.
	LinkPlain LinkKind = iota
	// LinkRef was Hugo's {{< ref "…" >}} or relref: a page's file, from
	// the page's folder or else from the top of the tree.
	LinkRef
	// LinkWiki is an Obsidian wiki link, [[name#heading|text]] or
	// ![[file]]: Dest is "name#heading", a page or file found by its
	// name anywhere in the tree, the heading by its text.
	LinkWiki
)

// Example is a worked payout example marked with a
// <!-- payout role=… score=… base=… dept=… --> directive.
type Example struct {
	Attrs  map[string]string
	Text   string // the example's text, as the reader sees it
	Offset int    // where that text starts in the file
	Clause string // ID of the clause (list item) holding it
	block  ast.Node
}

// Clause is a piece of a page a search hit or a deep link can land on: a
// heading's section or a numbered item.
type Clause struct {
	ID      string
	Heading string // the heading text, or "heading 第n条" for an item
	Level   int
	Text    string
	// Notes are where, in Text, the editor's notes written under the
	// heading are (start and end byte offsets, in pairs): they are the
	// editor's, not the policy's text (see WithoutNotes).
	Notes []int32
}

// WithoutNotes is the clause's text without the editor's notes written
// under it: the policy's own words. A note reworded is no change to what
// the rules file cites.
func (c Clause) WithoutNotes() string {
	if len(c.Notes) == 0 {
		return c.Text
	}
	var b strings.Builder
	at := 0
	for i := 0; i+1 < len(c.Notes); i += 2 {
		b.WriteString(c.Text[at:c.Notes[i]])
		at = int(c.Notes[i+1])
	}
	b.WriteString(c.Text[at:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// Doc is a parsed page.
type Doc struct {
	File     string // as shown in diagnostics
	Headings []Heading
	// IDs maps every ID on the page to its file offset. A page made from
	// stored facts has it nil until asked for through IDMap or HasID
	// (which every reader outside this package uses).
	IDs      map[string]int
	Links    []Link
	Examples []Example
	// Placeholders names the {{name}} paragraphs found, in order.
	Placeholders []string

	src          []byte // the whole file
	off          int    // body offset in src
	root         ast.Node
	placeholders []*placeholder
	edits        []edit
	eng          *Engine
	// quiet is a parse that only renders (tree's, of a page whose facts
	// and diagnostics the first parse had): the checks that only warn
	// are not run again.
	quiet   bool
	sumOnce *sync.Once
	sum     [32]byte
	// Kept by Release.
	clauses    []Clause
	fields     []Field
	fieldNames []string
	outline    [32]byte // see Outline; set by Release
	pre        []byte   // the body rendered by Release (see prerender)
	// The IDs of a page made from stored facts, as stored (see IDMap).
	storedIDs *storedIDs
	// hidesText: a comment left open (no -->) hides the text after it.
	hidesText bool
}

// HidesText reports whether a comment without its --> hides text of the
// page from readers: the page's error or warning says so, and a check
// finding that text missing from the page would say it again, as a
// mistake to correct elsewhere.
func (d *Doc) HidesText() bool { return d.hidesText }

// storedIDs are a page's IDs as its stored facts list them, made a map
// only when something asks: a rebuild of 10,000 pages made 10,000 maps
// of 40 IDs each from the build cache, half of decoding the facts, and
// then looked at a few of them.
type storedIDs struct {
	once sync.Once
	list []idAt
	m    map[string]int
}

type idAt struct {
	id  string
	off int
}

// IDMap returns the page's IDs with their file offsets. It must not be
// changed.
func (d *Doc) IDMap() map[string]int {
	if d.IDs != nil || d.storedIDs == nil {
		return d.IDs
	}
	s := d.storedIDs
	s.once.Do(func() {
		s.m = make(map[string]int, len(s.list))
		for _, x := range s.list {
			s.m[x.id] = x.off
		}
	})
	return s.m
}

// HasID reports whether the page has a heading or clause with this ID.
func (d *Doc) HasID(id string) bool {
	_, ok := d.IDMap()[id]
	return ok
}

// Parse reads one page. src is the whole file; the Markdown starts at
// bodyOffset (after front matter), and every offset the Doc reports is an
// offset into src, so diagnostics point at the right line.
func (e *Engine) Parse(file string, src []byte, bodyOffset int) (*Doc, diag.List) {
	return e.parse(file, src, bodyOffset, false)
}

func (e *Engine) parse(file string, src []byte, bodyOffset int, quiet bool) (*Doc, diag.List) {
	body := src[bodyOffset:]
	d := &Doc{File: file, src: src, off: bodyOffset, IDs: map[string]int{}, eng: e, sumOnce: new(sync.Once), quiet: quiet}
	d.root = e.md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	if refs, ok := rewrite(body, d.root); ok {
		// Hugo's ref shortcodes as link destinations, Obsidian's
		// comments: parsed again from a copy that has their paths in
		// their place, and no comments.
		d.src, d.sum = withRefs(src, bodyOffset, refs)
		d.sumOnce.Do(func() {})
		d.root = e.md.Parser().Parse(text.NewReader(refs), parser.WithContext(parser.NewContext()))
	}
	var errs diag.List
	d.analyse(&errs)
	return d, errs
}

// Fill supplies the HTML that replaces a {{name}} placeholder paragraph.
func (d *Doc) Fill(name string, html []byte) { d.record(edit{kind: editFill, s: name, b: html}) }

func (d *Doc) fill(name string, html []byte) {
	for _, p := range d.placeholders {
		if p.name == name {
			p.html = html
		}
	}
}

// Render writes the page's HTML.
func (e *Engine) Render(d *Doc) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(d.src) * 2)
	if err := e.RenderTo(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderTo writes the page's body HTML to w, as Render returns it.
func (e *Engine) RenderTo(w io.Writer, d *Doc) error {
	if ok, err := d.renderPre(w); ok {
		return err
	}
	t := d.tree()
	return e.md.Renderer().Render(w, t.src[t.off:], t.root)
}

// SetLinkDest rewrites link i's destination (the build turns links to .md
// files into page URLs).
func (d *Doc) SetLinkDest(i int, dest string) {
	d.record(edit{kind: editLink, i: i, s: dest})
}

func (d *Doc) setLinkDest(i int, dest string) {
	switch n := d.Links[i].node.(type) {
	case *ast.Link:
		n.Destination = []byte(dest)
	case *ast.Image:
		n.Destination = []byte(dest)
	}
	d.Links[i].Dest = dest
}

// pos converts a body offset to a file offset.
func (d *Doc) pos(bodyOffset int) int { return d.off + bodyOffset }

// Field is a "名称:值" line of a page, such as "直接上级:市场总监", with the
// heading it stands under. The org chart is drawn from these.
type Field struct {
	Section Heading  // the nearest heading above the line
	Name    string   // "直接上级"
	Values  []string // the value split at "、", "," and "/"
	Offset  int      // file offset of the line
}

// Fields returns every paragraph line of the page that starts with one of
// names followed by a colon (half- or full-width).
func (d *Doc) Fields(names ...string) []Field {
	if d.root == nil {
		if equal(names, d.fieldNames) {
			return d.fields
		}
		return d.tree().Fields(names...)
	}
	body := d.src[d.off:]
	var out []Field
	var cur Heading
	hi := 0
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if hi < len(d.Headings) {
				cur = d.Headings[hi]
				hi++
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				line := strings.TrimSpace(string(unescape(seg.Value(body))))
				for _, name := range names {
					rest, ok := strings.CutPrefix(line, name)
					if !ok {
						continue
					}
					if v, ok := strings.CutPrefix(rest, ":"); ok {
						rest = v
					} else if v, ok := strings.CutPrefix(rest, "\uFF1A"); ok {
						rest = v
					} else {
						continue
					}
					var values []string
					for _, v := range strings.FieldsFunc(rest, func(r rune) bool {
						return r == '、' || r == ',' || r == '\uFF0C' || r == '/'
					}) {
						if v = strings.TrimSpace(v); v != "" {
							values = append(values, v)
						}
					}
					out = append(out, Field{Section: cur, Name: name, Values: values, Offset: d.pos(seg.Start)})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
