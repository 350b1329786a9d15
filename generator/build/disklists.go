package build

import (
	"encoding/binary"
	"errors"
)

// The long lists of a saved cache (a line per page or per file) encode
// themselves, in uvarints and length-prefixed strings: encoding/gob walks
// a struct's fields by reflection, element by element, and for 10,000
// pages these lists were most of the 15-30 ms a save spent in gob and of
// the 10-15 ms a load did (see TestDiskListsRoundTrip for the fields).

type (
	diskDocs    []diskDoc
	diskSources []diskSource
	stringList  []string
)

var errDamagedList = errors.New("build cache: damaged list")

type listWriter struct{ b []byte }

func (w *listWriter) uint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }
func (w *listWriter) int(x int64)   { w.b = binary.AppendVarint(w.b, x) }
func (w *listWriter) str(s string)  { w.uint(uint64(len(s))); w.b = append(w.b, s...) }
func (w *listWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

type listReader struct {
	b   []byte
	err error
}

func (r *listReader) uint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errDamagedList, nil
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *listReader) int() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errDamagedList, nil
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *listReader) str() string {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errDamagedList, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *listReader) bool() bool {
	if len(r.b) == 0 {
		r.err = errDamagedList
		return false
	}
	v := r.b[0] != 0
	r.b = r.b[1:]
	return v
}

// count reads a list's length, refusing one longer than the bytes left
// could hold (each element takes at least min bytes).
func (r *listReader) count(min int) int {
	n := r.uint()
	if n > uint64(len(r.b)/min) {
		r.err, r.b = errDamagedList, nil
		return 0
	}
	return int(n)
}

func (r *listReader) done() error {
	if r.err == nil && len(r.b) != 0 {
		return errDamagedList
	}
	return r.err
}

func (l stringList) GobEncode() ([]byte, error) {
	n := 0
	for _, s := range l {
		n += len(s) + 2
	}
	w := listWriter{make([]byte, 0, n+8)}
	w.uint(uint64(len(l)))
	for _, s := range l {
		w.str(s)
	}
	return w.b, nil
}

func (l *stringList) GobDecode(b []byte) error {
	r := listReader{b: b}
	out := make(stringList, r.count(1))
	for i := range out {
		out[i] = r.str()
	}
	*l = out
	return r.done()
}

func (l diskDocs) GobEncode() ([]byte, error) {
	w := listWriter{make([]byte, 0, 48*len(l)+8)}
	w.uint(uint64(len(l)))
	for _, d := range l {
		w.str(d.File)
		w.bool(d.Trust)
	}
	return w.b, nil
}

func (l *diskDocs) GobDecode(b []byte) error {
	r := listReader{b: b}
	out := make(diskDocs, r.count(2))
	for i := range out {
		out[i] = diskDoc{File: r.str(), Trust: r.bool()}
	}
	*l = out
	return r.done()
}

func (l diskSources) GobEncode() ([]byte, error) {
	w := listWriter{make([]byte, 0, 160*len(l)+8)}
	w.uint(uint64(len(l)))
	for _, s := range l {
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
	return w.b, nil
}

func (l *diskSources) GobDecode(b []byte) error {
	r := listReader{b: b}
	out := make(diskSources, r.count(19))
	for i := range out {
		s := &out[i]
		s.Stamp.Size, s.Stamp.ModNs, s.Stamp.ChangeNs, s.Stamp.Ino = r.int(), r.int(), r.int(), r.uint()
		p := &s.Page
		p.File, p.Section, p.URL, p.Title = r.str(), r.str(), r.str(), r.str()
		p.Weight, p.HasWeight, p.Slug, p.Calculator, p.Draft = int(r.int()), r.bool(), r.str(), r.bool(), r.bool()
		p.BodyOffset, p.IsIndex = int(r.int()), r.bool()
		s.Offset, s.Bytes = int(r.int()), int(r.int())
	}
	*l = out
	return r.done()
}
