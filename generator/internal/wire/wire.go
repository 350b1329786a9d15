// Package wire is the compact binary form the build cache stores its
// state and every page's facts in: uvarints, zigzag varints, and
// length-prefixed strings and byte strings, written by appending to a
// slice and read from a string. encoding/gob, which it replaced, walked
// every field by reflection and was most of the time a rebuild of 10,000
// pages spent loading and saving its cache.
package wire

import (
	"encoding/binary"
	"errors"
)

// Writer appends values to B.
type Writer struct{ B []byte }

func (w *Writer) Uint(x uint64) { w.B = binary.AppendUvarint(w.B, x) }
func (w *Writer) Int(x int64)   { w.B = binary.AppendVarint(w.B, x) }

func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.B = append(w.B, s...)
}

func (w *Writer) Bytes(b []byte) {
	w.Uint(uint64(len(b)))
	w.B = append(w.B, b...)
}

func (w *Writer) Bool(v bool) {
	if v {
		w.B = append(w.B, 1)
	} else {
		w.B = append(w.B, 0)
	}
}

func (w *Writer) Strs(l []string) {
	w.Uint(uint64(len(l)))
	for _, s := range l {
		w.Str(s)
	}
}

func (w *Writer) Ints(l []int) {
	w.Uint(uint64(len(l)))
	for _, x := range l {
		w.Int(int64(x))
	}
}

// ErrDamaged is what a Reader reports when its input is not what a Writer
// wrote: cut short, too long a length, an overflowing varint.
var ErrDamaged = errors.New("damaged")

// Reader reads what a Writer wrote. It reads from a string: the strings
// it returns are cut from it, not made one by one (a cache holds 40,000
// file and page names for 10,000 pages, a page's facts a hundred short
// strings). Byte strings are copied. After the first error every read
// returns a zero value and Err reports it.
type Reader struct {
	s   string
	err error
}

func NewReader(s string) *Reader { return &Reader{s: s} }

// Err is the first error, or nil.
func (r *Reader) Err() error { return r.err }

// Len is how many bytes are left.
func (r *Reader) Len() int { return len(r.s) }

// Fail marks the input as damaged, for a check of the caller's own.
func (r *Reader) Fail() { r.err, r.s = ErrDamaged, "" }

// Uint reads a uvarint as binary.Uvarint does, overflow included.
func (r *Reader) Uint() uint64 {
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
	r.Fail()
	return 0
}

// Int reads a varint as binary.Varint does.
func (r *Reader) Int() int64 {
	u := r.Uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// Count reads a length, refusing one the bytes left could not hold (each
// element takes at least min bytes).
func (r *Reader) Count(min int) int {
	n := r.Uint()
	if n > uint64(len(r.s)/min) {
		r.Fail()
		return 0
	}
	return int(n)
}

func (r *Reader) Str() string { return r.Fixed(r.Count(1)) }

// Fixed reads n bytes written as they are, with no length before them.
func (r *Reader) Fixed(n int) string {
	if n > len(r.s) {
		r.Fail()
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func (r *Reader) Bytes() []byte { return []byte(r.Str()) }

func (r *Reader) Bool() bool {
	if len(r.s) == 0 {
		r.Fail()
		return false
	}
	v := r.s[0] != 0
	r.s = r.s[1:]
	return v
}

// Strs reads a list of strings; an empty one is not nil.
func (r *Reader) Strs() []string {
	out := make([]string, r.Count(1))
	for i := range out {
		out[i] = r.Str()
	}
	return out
}

// Ints reads a list of ints; an empty one is not nil.
func (r *Reader) Ints() []int {
	out := make([]int, r.Count(1))
	for i := range out {
		out[i] = int(r.Int())
	}
	return out
}
