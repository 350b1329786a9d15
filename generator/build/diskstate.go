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

// listReader reads what a listWriter wrote, from a string: the strings
// it returns are cut from it, not made one by one (a state holds 40,000
// file and page names for 10,000 pages), and the string is read from the
// file with no copy (see LoadCache); only byte strings are copied.
type listReader struct {
	s   string
	err error
}

func (r *listReader) fail() {
	r.err, r.s = errDamagedState, ""
}

func (r *listReader) uint() uint64 {
	var x uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break
			}
			r.s = r.s[i+1:]
			return x | uint64(c)<<(7*i)
		}
		x |= uint64(c&0x7f) << (7 * i)
	}
	r.fail()
	return 0
}

func (r *listReader) int() int64 {
	u := r.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a length, refusing one the bytes left could not hold (each
// element takes at least min bytes).
func (r *listReader) count(min int) int {
	n := r.uint()
	if n > uint64(len(r.s)/min) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *listReader) str() string {
	n := r.count(1)
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func (r *listReader) bytes() []byte {
	return []byte(r.str())
}

func (r *listReader) bool() bool {
	if len(r.s) == 0 {
		r.fail()
		return false
	}
	v := r.s[0] != 0
	r.s = r.s[1:]
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

// decodeState reads a state appendBinary wrote, the whole of s.
func decodeState(s string) (diskState, error) {
	r := &listReader{s: s}
	var st diskState
	st.Blob = r.str()
	st.Docs = make([]diskDoc, r.count(2))
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
	st.Sources = make([]diskSource, r.count(17))
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
	if r.err == nil && len(r.s) != 0 {
		r.fail()
	}
	return st, r.err
}
