package build

import (
	"reflect"
	"testing"

	"handbook/generator/assets"
)

// fill sets every field of v (a struct) to a value that is not its zero
// value, recursing into structs, so that a field the state's encoding
// forgets cannot round-trip unnoticed.
func fill(t *testing.T, v reflect.Value, seed int) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		f, name := v.Field(i), v.Type().String()+"."+v.Type().Field(i).Name
		switch f.Kind() {
		case reflect.String:
			f.SetString("字段" + string(rune('A'+(i+seed)%26)))
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(-1000*(i+1) - seed))
		case reflect.Uint64:
			f.SetUint(uint64(1<<40 + i + seed))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Struct:
			fill(t, f, seed+i)
		case reflect.Slice:
			switch {
			case name == "content.Page.Source":
				// In the blob, not in the state.
			case f.Type().Elem().Kind() == reflect.Uint8:
				f.SetBytes([]byte{byte(i), byte(seed), 0xff})
			case f.Type().Elem().Kind() == reflect.String:
				f.Set(reflect.ValueOf([]string{"甲", "", "乙/" + name}))
			case f.Type().Elem().Kind() == reflect.Int:
				f.Set(reflect.ValueOf([]int{0, -1, 1 << 40, seed}))
			default:
				t.Fatalf("%s: a slice the test cannot fill; teach diskState.appendBinary and this test about it", name)
			}
		default:
			t.Fatalf("%s: a %s the test cannot fill; teach diskState.appendBinary and this test about it", name, f.Kind())
		}
	}
}

// Every field of the state survives its own encoding (its lists, maps,
// pages, front matter and stamps), and a damaged state is an error, never
// a panic.
func TestDiskStateRoundTrip(t *testing.T) {
	var st diskState
	st.Blob = "3f2a"
	for k := range 3 {
		var s diskSource
		fill(t, reflect.ValueOf(&s).Elem(), k)
		st.Sources = append(st.Sources, s)
		var d diskDoc
		fill(t, reflect.ValueOf(&d).Elem(), k)
		st.Docs = append(st.Docs, d)
	}
	st.Docs[1].Trust = false
	var full, bare diskSearch
	fill(t, reflect.ValueOf(&full).Elem(), 7)
	bare.Key, bare.Names, bare.BaseNames, bare.BaseURLs, bare.BaseRanges = []byte{1}, []string{}, []string{}, []string{}, []int{}
	bare.BaseKeys = []byte{}
	st.Search = map[string]diskSearch{"latest/": full, "v/2025.1/": bare}
	st.Worlds = map[string][]byte{"pages latest/": {1, 2, 3}, "": {}}
	st.BundleKey = []byte{9, 9}
	st.Bundle = &assets.Bundle{Files: map[string]assets.File{"ts/main.ts": {Name: "main-X.js", Data: []byte("js")}, "css/main.css": {Name: "main-Y.css", Data: []byte{}}},
		Extra: []assets.File{{Name: "chunk-Z.js", Data: []byte("chunk")}}}
	st.DocSums, st.PageKeys, st.FileSums, st.SrcSums = []byte{1}, []byte{2, 2}, []byte{3}, []byte{}
	st.FactsAt = []int{0, 10, 10, 1 << 33}
	st.PageNames, st.FileNames = []string{"latest/index.html", "latest/第六章/index.html"}, []string{"", "assets/main-X.js"}
	if st.Sources[0].Page.Title == "" || !st.Sources[0].Page.IsIndex || st.Sources[0].Stamp.Ino == 0 || full.BaseMeta == nil {
		t.Fatalf("fill left fields empty: %+v", st.Sources[0])
	}

	b := st.appendBinary(nil)
	got, err := decodeState(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Fatalf("round trip gave\n%+v\nwant\n%+v", got, st)
	}
	for n := range len(b) {
		if _, err := decodeState(string(b[:n])); err == nil {
			t.Fatalf("%d of %d bytes decoded without an error", n, len(b))
		}
	}
	if _, err := decodeState(string(append(b, 0))); err == nil {
		t.Fatal("a trailing byte decoded without an error")
	}
	// A length the bytes cannot hold is refused before anything is made.
	if _, err := decodeState("\x00\xff\xff\xff\xff\x0f"); err == nil {
		t.Fatal("a list of 4 billion docs in 6 bytes decoded")
	}
	// A state without a bundle or a base index stays without.
	st.Bundle, st.Search = nil, map[string]diskSearch{"latest/": bare}
	if got, err := decodeState(string(st.appendBinary(nil))); err != nil || got.Bundle != nil || got.Search["latest/"].BaseMeta != nil {
		t.Fatalf("nil bundle or base meta did not stay nil: %v %+v", err, got)
	}
}

// A damaged cache file is an error or a state, never a panic or a
// runaway allocation, and a state that decodes encodes back to itself.
func FuzzDecodeState(f *testing.F) {
	st := diskState{Blob: "b", Docs: []diskDoc{{File: "a.md", Trust: true}}, DocSums: make([]byte, 32), FactsAt: []int{0, 5},
		PageNames: []string{"latest/index.html"}, PageKeys: make([]byte, 32),
		Search:  map[string]diskSearch{"latest/": {Key: []byte{1}, Names: []string{"x"}, BaseMeta: []byte("{}"), BaseURLs: []string{"/a/"}, BaseRanges: []int{0, 1, 2}}},
		Worlds:  map[string][]byte{"w": {2}},
		Bundle:  &assets.Bundle{Files: map[string]assets.File{"ts/main.ts": {Name: "m.js", Data: []byte("x")}}},
		Sources: []diskSource{{Offset: 5, Bytes: 7}}}
	f.Add(string(st.appendBinary(nil)))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := decodeState(s)
		if err != nil {
			return
		}
		again, err := decodeState(string(got.appendBinary(nil)))
		if err != nil {
			t.Fatalf("a decoded state does not decode once encoded again: %v", err)
		}
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip changed the state:\n%+v\n%+v", got, again)
		}
	})
}

// Lists whose elements encode in as few bytes as they can still decode:
// the least a list's length is checked against is no more than that.
func TestDiskStateOfEmptyElements(t *testing.T) {
	st := diskState{Docs: make([]diskDoc, 3), Sources: make([]diskSource, 3),
		Search: map[string]diskSearch{"": {}}, Worlds: map[string][]byte{"": nil},
		Bundle: &assets.Bundle{Files: map[string]assets.File{"": {}}, Extra: make([]assets.File, 2)}}
	if _, err := decodeState(string(st.appendBinary(nil))); err != nil {
		t.Fatalf("a state of empty elements: %v", err)
	}
}
