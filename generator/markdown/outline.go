package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
)

// Outline identifies what other pages can see of this one: its headings
// (level, ID and text), every ID it defines, the fields a released page
// keeps and its placeholders — not where any of them are in the file, so
// a sentence added above a heading leaves it as it was. A build whose
// pages' outlines (and titles, order, rules…) are the last build's knows
// that no page's links, sidebar or neighbours changed: only the pages
// whose own source changed need rendering again.
//
// A released page carries it, computed once when released and kept with
// its facts.
func (d *Doc) Outline() [32]byte {
	if d.outline != ([32]byte{}) {
		return d.outline
	}
	return outlineOf(d.Headings, d.IDMap(), d.Placeholders, d.fields, d.fieldNames)
}

func outlineOf(headings []Heading, ids map[string]int, placeholders []string, fields []Field, fieldNames []string) [32]byte {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(n int) { buf = binary.AppendUvarint(buf, uint64(n)) }
	heading := func(x Heading) {
		num(x.Level)
		str(x.ID)
		str(x.Text)
	}
	num(len(headings))
	for _, x := range headings {
		heading(x)
	}
	keys := make([]string, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	slices.Sort(keys)
	num(len(keys))
	for _, k := range keys {
		str(k)
	}
	num(len(placeholders))
	for _, p := range placeholders {
		str(p)
	}
	num(len(fieldNames))
	for _, n := range fieldNames {
		str(n)
	}
	num(len(fields))
	for _, f := range fields {
		heading(f.Section)
		str(f.Name)
		num(len(f.Values))
		for _, v := range f.Values {
			str(v)
		}
	}
	h.Write(buf)
	var k [32]byte
	h.Sum(k[:0])
	return k
}
