package wire

import "testing"

// The reader's varints are binary.Uvarint's and Varint's, overflow
// included.
func TestReaderVarints(t *testing.T) {
	for _, x := range []uint64{0, 1, 127, 128, 1<<63 - 1, 1 << 63, ^uint64(0)} {
		w := Writer{}
		w.Uint(x)
		w.Int(int64(x))
		r := NewReader(string(w.B))
		if got, gotInt := r.Uint(), r.Int(); got != x || gotInt != int64(x) || r.Err() != nil || r.Len() != 0 {
			t.Errorf("%d: read %d and %d (%v)", x, got, gotInt, r.Err())
		}
	}
	for _, bad := range []string{"", "\x80", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"} {
		r := NewReader(bad)
		if r.Uint(); r.Err() == nil {
			t.Errorf("%q: read without an error", bad)
		}
	}
}
