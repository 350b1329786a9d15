package build

import (
	"encoding/binary"
	"errors"

	"handbook/generator/assets"
)

// A saved cache's state encodes itself, in uvarints, varints and
// length-prefixed strings and bytes: encoding/gob walks a struct's fields
// by reflection, element by element, and copies every byte string into a
// buffer of its own; for 10,000 pages that was most of the time a save
// spent encoding the state and a load decoding it. TestDiskStateRoundTrip
// checks that every field survives.

type (
	diskDocs    []diskDoc
	diskSources []diskSource
)

var errDamagedState = errors.New("build cache: damaged state")

type listWriter struct{ b []byte }

func (w *listWriter) uint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }
func (w *listWriter) int(x int64)   { w.b = binary.AppendVarint(w.b, x) }
func (w *listWriter) str(s string)  { w.uint(uint64(len(s))); w.b = append(w.b, s...) }
func (w *listWriter) bytes(b []byte) {
	w.uint(uint64(len(b)))
	w.b = append(w.b, b...)
}

func (w *listWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *listWriter) strs(l []string) {
	w.uint(uint64(len(l)))
	for _, s := range l {
		w.str(s)
	}
}

func (w *listWriter) ints(l []int) {
	w.uint(uint64(len(l)))
	for _, x := range l {
		w.int(int64(x))
	}
}

// listReader reads what a listWriter wrote. Strings are cut from s, one
// copy of all the bytes, not made one by one (a state holds 40,000 file
// and page names for 10,000 pages); byte strings are cut from b itself,
// which the reader's caller must not reuse.
type listReader struct {
	b   []byte
	s   string // the bytes b started with
	err error
}

func newListReader(b []byte) *listReader { return &listReader{b: b, s: string(b)} }

func (r *listReader) fail() {
	r.err, r.b = errDamagedState, nil
}

func (r *listReader) uint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *listReader) int() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

// count reads a length, refusing one the bytes left could not hold (each
// element takes at least min bytes).
func (r *listReader) count(min int) int {
	n := r.uint()
	if n > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *listReader) str() string {
	n := r.count(1)
	at := len(r.s) - len(r.b)
	r.b = r.b[n:]
	return r.s[at : at+n]
}

func (r *listReader) bytes() []byte {
	n := r.count(1)
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *listReader) bool() bool {
	if len(r.b) == 0 {
		r.fail()
		return false
	}
	v := r.b[0] != 0
	r.b = r.b[1:]
	return v
}

func (r *listReader) strs() []string {
	out := make([]string, r.count(1))
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *listReader) ints() []int {
	out := make([]int, r.count(1))
	for i := range out {
		out[i] = int(r.int())
	}
	return out
}

// appendBinary appends the state to b.
func (st *diskState) appendBinary(b []byte) []byte {
	w := listWriter{b}
	w.str(st.Blob)
	w.uint(uint64(len(st.Docs)))
	for _, d := range st.Docs {
		w.str(d.File)
		w.bool(d.Trust)
	}
	w.bytes(st.DocSums)
	w.ints(st.FactsAt)
	w.strs(st.PageNames)
	w.bytes(st.PageKeys)
	w.uint(uint64(len(st.Search)))
	for root, s := range st.Search {
		w.str(root)
		w.bytes(s.Key)
		w.strs(s.Names)
		w.int(int64(s.Bytes))
		w.str(s.BaseRoot)
		w.bool(s.BaseMeta != nil)
		w.bytes(s.BaseMeta)
		w.strs(s.BaseNames)
		w.int(int64(s.BaseBytes))
		w.strs(s.BaseURLs)
		w.bytes(s.BaseKeys)
		w.ints(s.BaseRanges)
	}
	w.uint(uint64(len(st.Worlds)))
	for name, k := range st.Worlds {
		w.str(name)
		w.bytes(k)
	}
	w.bytes(st.BundleKey)
	w.bool(st.Bundle != nil)
	if st.Bundle != nil {
		w.uint(uint64(len(st.Bundle.Files)))
		for entry, f := range st.Bundle.Files {
			w.str(entry)
			w.str(f.Name)
			w.bytes(f.Data)
		}
		w.uint(uint64(len(st.Bundle.Extra)))
		for _, f := range st.Bundle.Extra {
			w.str(f.Name)
			w.bytes(f.Data)
		}
	}
	w.strs(st.FileNames)
	w.bytes(st.FileSums)
	w.uint(uint64(len(st.Sources)))
	for _, s := range st.Sources {
		w.int(s.Stamp.Size)
		w.int(s.Stamp.ModNs)
		w.int(s.Stamp.ChangeNs)
		w.uint(s.Stamp.Ino)
		p := &s.Page
		w.str(p.File)
		w.str(p.Section)
		w.str(p.URL)
		w.str(p.Title)
		w.int(int64(p.Weight))
		w.bool(p.HasWeight)
		w.str(p.Slug)
		w.bool(p.Calculator)
		w.bool(p.Draft)
		w.int(int64(p.BodyOffset))
		w.bool(p.IsIndex)
		w.int(int64(s.Offset))
		w.int(int64(s.Bytes))
	}
	w.bytes(st.SrcSums)
	return w.b
}

// decodeState reads a state appendBinary wrote, the whole of b. The
// state's byte strings are b's: b must not be reused.
func decodeState(b []byte) (diskState, error) {
	r := newListReader(b)
	var st diskState
	st.Blob = r.str()
	st.Docs = make(diskDocs, r.count(2))
	for i := range st.Docs {
		st.Docs[i] = diskDoc{File: r.str(), Trust: r.bool()}
	}
	st.DocSums = r.bytes()
	st.FactsAt = r.ints()
	st.PageNames = r.strs()
	st.PageKeys = r.bytes()
	n := r.count(12)
	st.Search = make(map[string]diskSearch, n)
	for range n {
		root := r.str()
		var s diskSearch
		s.Key, s.Names, s.Bytes = r.bytes(), r.strs(), int(r.int())
		s.BaseRoot = r.str()
		hasMeta := r.bool()
		s.BaseMeta = r.bytes()
		if !hasMeta {
			s.BaseMeta = nil
		}
		s.BaseNames, s.BaseBytes = r.strs(), int(r.int())
		s.BaseURLs, s.BaseKeys, s.BaseRanges = r.strs(), r.bytes(), r.ints()
		st.Search[root] = s
	}
	n = r.count(2)
	st.Worlds = make(map[string][]byte, n)
	for range n {
		name := r.str()
		st.Worlds[name] = r.bytes()
	}
	st.BundleKey = r.bytes()
	if r.bool() {
		n := r.count(3)
		bu := &assets.Bundle{Files: make(map[string]assets.File, n)}
		for range n {
			entry := r.str()
			bu.Files[entry] = assets.File{Name: r.str(), Data: r.bytes()}
		}
		bu.Extra = make([]assets.File, r.count(2))
		for i := range bu.Extra {
			bu.Extra[i] = assets.File{Name: r.str(), Data: r.bytes()}
		}
		st.Bundle = bu
	}
	st.FileNames = r.strs()
	st.FileSums = r.bytes()
	st.Sources = make(diskSources, r.count(19))
	for i := range st.Sources {
		s := &st.Sources[i]
		s.Stamp.Size, s.Stamp.ModNs, s.Stamp.ChangeNs, s.Stamp.Ino = r.int(), r.int(), r.int(), r.uint()
		p := &s.Page
		p.File, p.Section, p.URL, p.Title = r.str(), r.str(), r.str(), r.str()
		p.Weight, p.HasWeight, p.Slug, p.Calculator, p.Draft = int(r.int()), r.bool(), r.str(), r.bool(), r.bool()
		p.BodyOffset, p.IsIndex = int(r.int()), r.bool()
		s.Offset, s.Bytes = int(r.int()), int(r.int())
	}
	st.SrcSums = r.bytes()
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	return st, r.err
}
