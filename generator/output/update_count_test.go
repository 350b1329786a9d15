package output

import (
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"slices"
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
			u, err := BeginUpdate(target, targetFiles(target))
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
			have := slices.Sorted(maps.Keys(targetFiles(target)))
			if !slices.Equal(have, tc.want) {
				t.Fatalf("the target holds %q; want %q", have, tc.want)
			}
			for _, name := range tc.notThere {
				if _, err := os.Stat(filepath.Join(target, name)); !os.IsNotExist(err) {
					t.Errorf("%s is still there (%v)", name, err)
				}
			}
		})
	}
}

// targetFiles is what the target holds, but the Marker, with the sums of
// the files' bytes.
func targetFiles(target string) map[string]Sum {
	files := map[string]Sum{}
	_ = filepath.Walk(target, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && filepath.Base(p) != Marker {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(target, p)
			files[filepath.ToSlash(rel)] = sha256.Sum256(b)
		}
		return nil
	})
	return files
}
