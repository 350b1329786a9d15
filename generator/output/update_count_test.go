package output

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// An update counts and removes what the previous build had and this one
// does not — a file, and a folder whole — while files replaced, added to
// an old folder and added in a new folder all land: Commit and Changed
// work these out from the changed files alone when nothing is gone.
func TestUpdateCountsWhatItDrops(t *testing.T) {
	target := filepath.Join(t.TempDir(), "site")
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/x.html", "a/gone.html", "b/y.html", "c/z.html", "c/d/w.html", "keep.html"} {
		if err := d.WriteFile(name, []byte("old "+name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name           string
		write          map[string]string
		keep           []string
		written, gone  int
		want, notThere []string
	}{
		{
			name:    "one file replaced, the rest kept",
			write:   map[string]string{"b/y.html": "new b/y.html", "a/x.html": "old a/x.html"},
			keep:    []string{"a/gone.html", "c/z.html", "c/d/w.html", "keep.html"},
			written: 1, gone: 0,
			want: []string{"a/gone.html", "a/x.html", "b/y.html", "c/d/w.html", "c/z.html", "keep.html"},
		},
		{
			name:    "a file and a folder dropped, files added in an old folder and a new one",
			write:   map[string]string{"a/x.html": "old a/x.html", "a/added.html": "added", "n/m/new.html": "new"},
			keep:    []string{"b/y.html", "keep.html"},
			written: 2, gone: 3,
			want:     []string{"a/added.html", "a/x.html", "b/y.html", "keep.html", "n/m/new.html"},
			notThere: []string{"a/gone.html", "c"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev := map[string]Sum{}
			_ = filepath.Walk(target, func(p string, fi os.FileInfo, err error) error {
				if err == nil && !fi.IsDir() && filepath.Base(p) != Marker {
					b, _ := os.ReadFile(p)
					rel, _ := filepath.Rel(target, p)
					prev[filepath.ToSlash(rel)] = sha256.Sum256(b)
				}
				return nil
			})
			u, err := BeginUpdate(target, prev)
			if err != nil {
				t.Fatal(err)
			}
			for name, text := range tc.write {
				if err := u.WriteFile(name, []byte(text)); err != nil {
					t.Fatal(err)
				}
			}
			if err := u.KeepAll(tc.keep); err != nil {
				t.Fatal(err)
			}
			if _, err := u.Ready(); err != nil {
				t.Fatal(err)
			}
			if written, gone, _ := u.Changed(); written != tc.written || gone != tc.gone {
				t.Errorf("Changed: %d written, %d removed; want %d, %d", written, gone, tc.written, tc.gone)
			}
			if _, err := u.Commit(); err != nil {
				t.Fatal(err)
			}
			var have []string
			_ = filepath.Walk(target, func(p string, fi os.FileInfo, err error) error {
				if err == nil && !fi.IsDir() && filepath.Base(p) != Marker {
					rel, _ := filepath.Rel(target, p)
					have = append(have, filepath.ToSlash(rel))
				}
				return nil
			})
			sort.Strings(have)
			if len(have) != len(tc.want) {
				t.Fatalf("the target holds %q; want %q", have, tc.want)
			}
			for i := range have {
				if have[i] != tc.want[i] {
					t.Fatalf("the target holds %q; want %q", have, tc.want)
				}
			}
			for _, name := range tc.notThere {
				if _, err := os.Stat(filepath.Join(target, name)); !os.IsNotExist(err) {
					t.Errorf("%s is still there (%v)", name, err)
				}
			}
		})
	}
}
