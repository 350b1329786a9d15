package build

import (
	"reflect"
	"testing"
)

// fill sets every field of v (a pointer to a struct) to a value that is
// not its zero value, recursing into structs, so that a field the lists'
// encoding forgets cannot round-trip unnoticed.
func fill(t *testing.T, v reflect.Value, seed int) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
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
			if v.Type().Field(i).Name == "Source" {
				continue // stored in the blob, not in the list
			}
			t.Fatalf("%s.%s: a %s the test cannot fill; teach diskSources and this test about it", v.Type(), v.Type().Field(i).Name, f.Kind())
		default:
			t.Fatalf("%s.%s: a %s the test cannot fill; teach diskSources and this test about it", v.Type(), v.Type().Field(i).Name, f.Kind())
		}
	}
}

// Every field of a page, its front matter and its stamp survives the
// lists' own encoding, and a damaged list is an error, never a panic.
func TestDiskListsRoundTrip(t *testing.T) {
	var srcs diskSources
	for k := range 3 {
		var s diskSource
		fill(t, reflect.ValueOf(&s).Elem(), k)
		srcs = append(srcs, s)
	}
	if srcs[0].Page.Title == "" || !srcs[0].Page.IsIndex || srcs[0].Stamp.Ino == 0 || srcs[0].Page.Weight == 0 {
		t.Fatalf("fill left fields empty: %+v", srcs[0])
	}
	docs := diskDocs{{File: "a/一.md", Trust: true}, {File: "b.md"}}
	names := stringList{"latest/index.html", "", "latest/第六章/index.html"}

	check := func(name string, in any, out any) {
		t.Helper()
		enc := in.(interface{ GobEncode() ([]byte, error) })
		dec := out.(interface{ GobDecode([]byte) error })
		b, err := enc.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		if err := dec.GobDecode(b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := reflect.ValueOf(out).Elem().Interface(); !reflect.DeepEqual(got, in) {
			t.Fatalf("%s: round trip gave\n%+v\nwant\n%+v", name, got, in)
		}
		for n := range len(b) {
			if err := dec.GobDecode(b[:n]); err == nil {
				t.Fatalf("%s: %d of %d bytes decoded without an error", name, n, len(b))
			}
		}
		if err := dec.GobDecode(append(b, 0)); err == nil {
			t.Fatalf("%s: a trailing byte decoded without an error", name)
		}
	}
	check("sources", srcs, new(diskSources))
	check("docs", docs, new(diskDocs))
	check("names", names, new(stringList))
	// A length the bytes cannot hold is refused before anything is made.
	var l stringList
	if err := l.GobDecode([]byte{0xff, 0xff, 0xff, 0xff, 0x0f}); err == nil {
		t.Fatal("a list of 4 billion names in 5 bytes decoded")
	}
}
