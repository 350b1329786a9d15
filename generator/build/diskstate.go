package build

import (
	"errors"

	"handbook/generator/assets"
	"handbook/generator/internal/wire"
)

// A saved cache's state encodes itself in package wire's form, as the
// pages' facts do: encoding/gob walked a struct's fields by reflection,
// element by element, and copied every byte string into a buffer of its
// own; for 10,000 pages that was most of the time a save spent encoding
// the state and a load decoding it. TestDiskStateRoundTrip checks that
// every field survives.

var errDamagedState = errors.New("build cache: damaged state")

// appendBinary appends the state to b: its three parts, which a save
// encodes on two cores (PrepareCache).
func (st *diskState) appendBinary(b []byte) []byte {
	return st.appendSources(st.appendOutput(st.appendDocs(b)))
}

// appendDocs appends the first part of the state: the blob and the pages'
// facts in it.
func (st *diskState) appendDocs(b []byte) []byte {
	w := wire.Writer{B: b}
	w.Str(st.Blob)
	w.Uint(uint64(len(st.Docs)))
	for _, d := range st.Docs {
		w.Str(d.File)
		w.Bool(d.Trust)
	}
	w.Bytes(st.DocSums)
	w.Ints(st.FactsAt)
	return w.B
}

// appendOutput appends the second part: what was built from them (pages'
// keys, search indexes, worlds, the theme's bundle, the output's files).
func (st *diskState) appendOutput(b []byte) []byte {
	w := wire.Writer{B: b}
	w.Strs(st.PageNames)
	w.Bytes(st.PageKeys)
	w.Uint(uint64(len(st.Search)))
	for root, s := range st.Search {
		w.Str(root)
		w.Bytes(s.Key)
		w.Strs(s.Names)
		w.Int(int64(s.Bytes))
		w.Str(s.BaseRoot)
		w.Bool(s.BaseMeta != nil)
		w.Bytes(s.BaseMeta)
		w.Strs(s.BaseNames)
		w.Int(int64(s.BaseBytes))
		w.Strs(s.BaseURLs)
		w.Bytes(s.BaseKeys)
		w.Ints(s.BaseRanges)
	}
	w.Uint(uint64(len(st.Worlds)))
	for name, k := range st.Worlds {
		w.Str(name)
		w.Bytes(k)
	}
	w.Bytes(st.BundleKey)
	w.Bool(st.Bundle != nil)
	if st.Bundle != nil {
		w.Uint(uint64(len(st.Bundle.Files)))
		for entry, f := range st.Bundle.Files {
			w.Str(entry)
			w.Str(f.Name)
			w.Bytes(f.Data)
		}
		w.Uint(uint64(len(st.Bundle.Extra)))
		for _, f := range st.Bundle.Extra {
			w.Str(f.Name)
			w.Bytes(f.Data)
		}
	}
	w.Strs(st.FileNames)
	w.Bytes(st.FileSums)
	return w.B
}

// appendSources appends the last part: the page files a build may reuse.
func (st *diskState) appendSources(b []byte) []byte {
	w := wire.Writer{B: b}
	w.Uint(uint64(len(st.Sources)))
	for _, s := range st.Sources {
		w.Int(s.Stamp.Size)
		w.Int(s.Stamp.ModNs)
		w.Int(s.Stamp.ChangeNs)
		w.Uint(s.Stamp.Ino)
		p := &s.Page
		w.Str(p.File)
		w.Str(p.Section)
		w.Str(p.URL)
		w.Str(p.Title)
		w.Str(p.LinkTitle)
		w.Int(int64(p.Weight))
		w.Bool(p.HasWeight)
		w.Int(p.Date)
		w.Str(p.Slug)
		w.Bool(p.Calculator)
		w.Bool(p.Draft)
		w.Strs(p.Aliases)
		w.Str(p.NotRendered)
		w.Int(int64(p.BodyOffset))
		w.Bool(p.IsIndex)
		w.Bool(p.Generated)
		w.Bool(p.Warned)
		w.Int(int64(s.Offset))
		w.Int(int64(s.Bytes))
	}
	w.Bytes(st.SrcSums)
	return w.B
}

// decodeState reads a state appendBinary wrote, the whole of s.
func decodeState(s string) (diskState, error) {
	r := wire.NewReader(s)
	var st diskState
	st.Blob = r.Str()
	st.Docs = make([]diskDoc, r.Count(2))
	for i := range st.Docs {
		st.Docs[i] = diskDoc{File: r.Str(), Trust: r.Bool()}
	}
	st.DocSums = r.Bytes()
	st.FactsAt = r.Ints()
	st.PageNames = r.Strs()
	st.PageKeys = r.Bytes()
	n := r.Count(12)
	st.Search = make(map[string]diskSearch, n)
	for range n {
		root := r.Str()
		var s diskSearch
		s.Key, s.Names, s.Bytes = r.Bytes(), r.Strs(), int(r.Int())
		s.BaseRoot = r.Str()
		hasMeta := r.Bool()
		s.BaseMeta = r.Bytes()
		if !hasMeta {
			s.BaseMeta = nil
		}
		s.BaseNames, s.BaseBytes = r.Strs(), int(r.Int())
		s.BaseURLs, s.BaseKeys, s.BaseRanges = r.Strs(), r.Bytes(), r.Ints()
		st.Search[root] = s
	}
	n = r.Count(2)
	st.Worlds = make(map[string][]byte, n)
	for range n {
		name := r.Str()
		st.Worlds[name] = r.Bytes()
	}
	st.BundleKey = r.Bytes()
	if r.Bool() {
		n := r.Count(3)
		bu := &assets.Bundle{Files: make(map[string]assets.File, n)}
		for range n {
			entry := r.Str()
			bu.Files[entry] = assets.File{Name: r.Str(), Data: r.Bytes()}
		}
		bu.Extra = make([]assets.File, r.Count(2))
		for i := range bu.Extra {
			bu.Extra[i] = assets.File{Name: r.Str(), Data: r.Bytes()}
		}
		st.Bundle = bu
	}
	st.FileNames = r.Strs()
	st.FileSums = r.Bytes()
	st.Sources = make([]diskSource, r.Count(20))
	for i := range st.Sources {
		s := &st.Sources[i]
		s.Stamp.Size, s.Stamp.ModNs, s.Stamp.ChangeNs, s.Stamp.Ino = r.Int(), r.Int(), r.Int(), r.Uint()
		p := &s.Page
		p.File, p.Section, p.URL, p.Title, p.LinkTitle = r.Str(), r.Str(), r.Str(), r.Str(), r.Str()
		p.Weight, p.HasWeight, p.Date, p.Slug, p.Calculator, p.Draft = int(r.Int()), r.Bool(), r.Int(), r.Str(), r.Bool(), r.Bool()
		if a := r.Strs(); len(a) > 0 {
			p.Aliases = a
		}
		p.NotRendered = r.Str()
		p.BodyOffset, p.IsIndex, p.Generated, p.Warned = int(r.Int()), r.Bool(), r.Bool(), r.Bool()
		s.Offset, s.Bytes = int(r.Int()), int(r.Int())
	}
	st.SrcSums = r.Bytes()
	if r.Err() != nil || r.Len() != 0 {
		return st, errDamagedState
	}
	return st, nil
}
