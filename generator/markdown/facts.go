package markdown

import (
	"encoding/binary"
	"errors"
	"sync"
)

// Facts are what a released page keeps (see Release), in a form that can
// be stored between builds with encoding/gob: a build cache on disk hands
// them back instead of parsing an unchanged page again. Clauses are left
// out: they are as big as the page's text, and only a search index being
// rebuilt needs them (Clauses then parses the page again).
type Facts struct {
	Headings []Heading
	// IDs are a parsed page's; facts decoded from disk list them in ids
	// instead, and the page makes the map when asked (Doc.IDMap).
	IDs          map[string]int
	ids          []idAt
	Links        []Link
	Examples     []Example
	Placeholders []string
	Fields       []Field
	FieldNames   []string
	Outline      [32]byte
}

// Facts returns the page's facts. The page must be released and carry no
// edits (a fresh parse or a Fork).
func (d *Doc) Facts() Facts {
	var stored []idAt
	if d.IDs == nil && d.storedIDs != nil {
		stored = d.storedIDs.list
	}
	return Facts{
		Headings: d.Headings, IDs: d.IDs, ids: stored, Links: d.Links, Examples: d.Examples,
		Placeholders: d.Placeholders, Fields: d.fields, FieldNames: d.fieldNames, Outline: d.Outline(),
	}
}

// FromFacts returns a released page made from stored facts and the source
// they were taken from, whose SHA-256 is sum (the caller knows it: that is
// how it found the facts).
func (e *Engine) FromFacts(file string, src []byte, bodyOffset int, sum [32]byte, f Facts) *Doc {
	var stored *storedIDs
	switch {
	case f.IDs == nil && f.ids != nil:
		stored = &storedIDs{list: f.ids}
	case f.IDs == nil:
		f.IDs = map[string]int{}
	}
	d := &Doc{
		File: file, Headings: f.Headings, IDs: f.IDs, Links: f.Links, Examples: f.Examples,
		Placeholders: f.Placeholders, src: src, off: bodyOffset, eng: e, sumOnce: new(sync.Once),
		fields: f.Fields, fieldNames: f.FieldNames, outline: f.Outline, storedIDs: stored,
	}
	d.sumOnce.Do(func() { d.sum = sum })
	return d
}

// AppendBinary appends the facts in a compact binary form (uvarints and
// length-prefixed strings): a build cache reads 10,000 pages' facts five
// times faster than with encoding/gob.
func (f Facts) AppendBinary(b []byte) []byte {
	w := factsWriter{b}
	w.uint(len(f.Headings))
	for _, h := range f.Headings {
		w.heading(h)
	}
	if f.IDs == nil {
		w.uint(len(f.ids))
		for _, x := range f.ids {
			w.str(x.id)
			w.uint(x.off)
		}
	} else {
		w.uint(len(f.IDs))
		for id, off := range f.IDs {
			w.str(id)
			w.uint(off)
		}
	}
	w.uint(len(f.Links))
	for _, l := range f.Links {
		w.str(l.Dest)
		w.uint(l.Offset)
	}
	w.uint(len(f.Examples))
	for _, e := range f.Examples {
		w.uint(len(e.Attrs))
		for k, v := range e.Attrs {
			w.str(k)
			w.str(v)
		}
		w.str(e.Text)
		w.uint(e.Offset)
		w.str(e.Clause)
	}
	w.strs(f.Placeholders)
	w.uint(len(f.Fields))
	for _, fl := range f.Fields {
		w.heading(fl.Section)
		w.str(fl.Name)
		w.strs(fl.Values)
		w.uint(fl.Offset)
	}
	w.strs(f.FieldNames)
	w.b = append(w.b, f.Outline[:]...)
	return w.b
}

// DecodeFacts reads facts written by AppendBinary and returns the bytes
// after them. It copies b once (the facts' strings share the copy), so b
// should end where the facts do or soon after.
func DecodeFacts(b []byte) (Facts, []byte, error) {
	r := factsReader{b: b, s: string(b)}
	var f Facts
	if n := r.count(); n > 0 {
		f.Headings = make([]Heading, n)
		for i := range f.Headings {
			f.Headings[i] = r.heading()
		}
	}
	f.ids = make([]idAt, r.count())
	for i := range f.ids {
		f.ids[i] = idAt{id: r.str(), off: r.uint()}
	}
	if n := r.count(); n > 0 {
		f.Links = make([]Link, n)
		for i := range f.Links {
			f.Links[i] = Link{Dest: r.str(), Offset: r.uint()}
		}
	}
	if n := r.count(); n > 0 {
		f.Examples = make([]Example, n)
		for i := range f.Examples {
			m := r.count()
			attrs := make(map[string]string, m)
			for range m {
				k := r.str()
				attrs[k] = r.str()
			}
			f.Examples[i] = Example{Attrs: attrs, Text: r.str(), Offset: r.uint(), Clause: r.str()}
		}
	}
	f.Placeholders = r.strs()
	if n := r.count(); n > 0 {
		f.Fields = make([]Field, n)
		for i := range f.Fields {
			f.Fields[i] = Field{Section: r.heading(), Name: r.str(), Values: r.strs(), Offset: r.uint()}
		}
	}
	f.FieldNames = r.strs()
	if len(r.b) < len(f.Outline) {
		r.err = errFacts
	} else {
		r.b = r.b[copy(f.Outline[:], r.b):]
	}
	if r.err != nil {
		return Facts{}, nil, r.err
	}
	return f, r.b, nil
}

type factsWriter struct{ b []byte }

func (w *factsWriter) uint(n int) { w.b = binary.AppendUvarint(w.b, uint64(n)) }
func (w *factsWriter) str(s string) {
	w.uint(len(s))
	w.b = append(w.b, s...)
}
func (w *factsWriter) strs(list []string) {
	w.uint(len(list))
	for _, s := range list {
		w.str(s)
	}
}
func (w *factsWriter) heading(h Heading) {
	w.uint(h.Level)
	w.str(h.ID)
	w.str(h.Text)
	w.uint(h.Offset)
}

// factsReader reads facts from b. Its strings are cut from s, a copy of
// all of b made once: a page's facts hold a hundred short strings (IDs,
// headings, links), and making each on its own was a third of the time a
// rebuild of 10,000 pages spent decoding facts.
type factsReader struct {
	b   []byte
	s   string // the bytes b started with
	err error
}

var errFacts = errors.New("markdown: damaged facts")

func (r *factsReader) uint() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<40 {
		r.err, r.b = errFacts, nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count is a length that must fit in what is left.
func (r *factsReader) count() int {
	n := r.uint()
	if n > len(r.b) {
		r.err, r.b = errFacts, nil
		return 0
	}
	return n
}

func (r *factsReader) str() string {
	n := r.count()
	at := len(r.s) - len(r.b)
	r.b = r.b[n:]
	return r.s[at : at+n]
}

func (r *factsReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *factsReader) heading() Heading {
	return Heading{Level: r.uint(), ID: r.str(), Text: r.str(), Offset: r.uint()}
}
