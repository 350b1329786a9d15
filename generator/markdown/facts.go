package markdown

import "sync"

// Facts are what a released page keeps (see Release), in a form that can
// be stored between builds with encoding/gob: a build cache on disk hands
// them back instead of parsing an unchanged page again. Clauses are left
// out: they are as big as the page's text, and only a search index being
// rebuilt needs them (Clauses then parses the page again).
type Facts struct {
	Headings     []Heading
	IDs          map[string]int
	Links        []Link
	Examples     []Example
	Placeholders []string
	Fields       []Field
	FieldNames   []string
}

// Facts returns the page's facts. The page must be released and carry no
// edits (a fresh parse or a Fork).
func (d *Doc) Facts() Facts {
	return Facts{
		Headings: d.Headings, IDs: d.IDs, Links: d.Links, Examples: d.Examples,
		Placeholders: d.Placeholders, Fields: d.fields, FieldNames: d.fieldNames,
	}
}

// FromFacts returns a released page made from stored facts and the source
// they were taken from (the caller checks that it is the same source, e.g.
// by its hash).
func (e *Engine) FromFacts(file string, src []byte, bodyOffset int, f Facts) *Doc {
	if f.IDs == nil {
		f.IDs = map[string]int{}
	}
	return &Doc{
		File: file, Headings: f.Headings, IDs: f.IDs, Links: f.Links, Examples: f.Examples,
		Placeholders: f.Placeholders, src: src, off: bodyOffset, eng: e, sumOnce: new(sync.Once),
		fields: f.Fields, fieldNames: f.FieldNames,
	}
}
