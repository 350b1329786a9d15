package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
)

// Token is a term of the index and the code point offset where it starts.
type Token struct {
	Text string
	Pos  int
}

// Tokenize returns the terms the index stores for s, in order. It is exported
// for tests that compare it with the browser's tokenizer.
func Tokenize(s string) []Token {
	var out []Token
	for _, t := range tokenize(s) {
		out = append(out, Token{t.text, t.pos})
	}
	return out
}

// ReadDocs returns the docs an index holds, in order, read back from its
// doc shards; fsys is the index folder (the one holding meta.json). It is
// the inverse of Build for the docs, for tools that rebuild or edit a
// built index (generator/search/cmd/searchmem, searchdelta).
func ReadDocs(fsys fs.FS) ([]Doc, error) {
	b, err := fs.ReadFile(fsys, "meta.json")
	if err != nil {
		return nil, err
	}
	var meta Meta
	if err := json.Unmarshal(b, &meta); err != nil {
		return nil, err
	}
	var docs []Doc
	for k := 0; len(docs) < meta.Docs; k++ {
		name := path.Join(meta.Files, "d"+strconv.Itoa(k)+".bin")
		z, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(bytes.NewReader(z))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		var shard [][]json.RawMessage
		if err := json.Unmarshal(raw, &shard); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, d := range shard {
			if len(d) != 7 {
				return nil, fmt.Errorf("%s: a doc of %d fields, want 7", name, len(d))
			}
			var doc Doc
			var parent int
			for i, p := range []any{&doc.URL, &doc.Anchor, &doc.Chapter, &doc.Heading, &doc.Level, &doc.Text, &parent} {
				if err := json.Unmarshal(d[i], p); err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
			}
			if rs := []rune(doc.Heading); parent > 0 && parent <= len(rs) {
				doc.Parent, doc.Heading = string(rs[:parent]), string(rs[parent:])
			}
			docs = append(docs, doc)
		}
	}
	return docs, nil
}
