package markdown

import (
	"crypto/sha256"
	"encoding/binary"
)

// editKind names a change the build makes to a parsed page.
type editKind uint8

const (
	editFill editKind = iota + 1
	editLink
	editNoteExample
	editNoteClause
)

// edit is one recorded change. Edits are data, not closures, so a released
// page can be parsed again and given the same changes, and so they can be
// hashed into the page's cache key.
type edit struct {
	kind editKind
	i    int
	s    string
	b    []byte
}

// Release drops the page's syntax tree, keeping what the build reads about
// the page (IDs, links, headings, examples, the fields named, clauses if
// keepClauses, and its body rendered: see prerender). A 10,000-page tree
// then never holds 10,000 trees at once. What was not kept (clauses, a
// body with notes to add) is had by parsing the page again.
func (d *Doc) Release(keepClauses bool, fieldNames ...string) {
	if d.root == nil {
		return
	}
	if keepClauses && d.clauses == nil {
		d.clauses = d.Clauses()
	}
	if len(fieldNames) > 0 {
		d.fields = d.Fields(fieldNames...)
		d.fieldNames = fieldNames
	}
	d.outline = outlineOf(d.Headings, d.IDMap(), d.Placeholders, d.fields, d.fieldNames)
	d.prerender()
	d.root = nil
	d.placeholders = nil
	for i := range d.Examples {
		d.Examples[i].block = nil
	}
	for i := range d.Links {
		d.Links[i].node = nil
	}
}

// record keeps an edit and applies it when the tree is present.
func (d *Doc) record(e edit) bool {
	d.edits = append(d.edits, e)
	if d.root == nil {
		if e.kind == editNoteClause {
			return d.HasID(e.s)
		}
		return true
	}
	return d.apply(e)
}

func (d *Doc) apply(e edit) bool {
	switch e.kind {
	case editFill:
		d.fill(e.s, e.b)
	case editLink:
		d.setLinkDest(e.i, e.s)
	case editNoteExample:
		d.addNoteAfterExample(e.i, string(e.b))
	case editNoteClause:
		return d.addNoteToClause(e.s, string(e.b))
	}
	return true
}

// tree returns a Doc with a syntax tree: d itself, or, when released, a
// fresh parse of the same source with the same edits.
func (d *Doc) tree() *Doc {
	if d.root != nil {
		return d
	}
	fresh, _ := d.eng.parse(d.File, d.src, d.off, true)
	for _, ed := range d.edits {
		fresh.apply(ed)
	}
	return fresh
}

// Key identifies what the page renders to: its source and every edit. Two
// builds with equal keys render the page's body identically.
func (d *Doc) Key() [32]byte {
	h := sha256.New()
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(d.off))
	h.Write(n[:])
	sum := d.SourceSum()
	h.Write(sum[:])
	for _, e := range d.edits {
		binary.LittleEndian.PutUint64(n[:], uint64(e.i))
		h.Write([]byte{byte(e.kind)})
		h.Write(n[:])
		binary.LittleEndian.PutUint64(n[:], uint64(len(e.s)))
		h.Write(n[:])
		h.Write([]byte(e.s))
		binary.LittleEndian.PutUint64(n[:], uint64(len(e.b)))
		h.Write(n[:])
		h.Write(e.b)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// Fork returns a copy of a released page's facts without its edits, for a
// new build to reuse instead of parsing the same source again.
func (d *Doc) Fork() *Doc {
	d.SourceSum() // computed before copying, so the fork shares it
	c := *d
	c.edits = nil
	// Not the prerendered body: a cache keeping it would keep every
	// page's HTML between builds, for the few pages a rebuild renders.
	c.pre = nil
	if d.root != nil {
		c.Links = append([]Link(nil), d.Links...)
		c.Examples = append([]Example(nil), d.Examples...)
	}
	// A released page's links and examples are read, never written: an
	// edit to them is recorded, and made on a fresh parse (tree). So the
	// fork shares them: copying them for each of 10,000 pages reused was
	// a third of what a one-page rebuild spends getting its pages' facts.
	c.IDs = d.IDs // read-only after parse
	return &c
}

// SourceSum is the SHA-256 of the page's file, computed once (a fork
// shares it: it is the same source).
func (d *Doc) SourceSum() [32]byte {
	d.sumOnce.Do(func() { d.sum = sha256.Sum256(d.src) })
	return d.sum
}
