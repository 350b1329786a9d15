package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The parallel walk finds the same pages, in the same order, as one
// fs.WalkDir does.
func TestWalkFindsWhatWalkDirFinds(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{
		"01-intro.md", "_index.md", "site.toml", "rules.toml", ".hidden.md", "notes.txt",
		"a/_index.md", "a/02.md", "a/10.md", "a/1.md", "a/b/c/deep.md", "a/b/x.md", "a/.git/HEAD.md",
		"_drafts/skip.md", "revisions/2025-01/01-intro.md", "z/revisions/kept.md", "m/n.md", "m.md",
		"a/UP.MD", "a/long.markdown", "a/Mixed.Markdown", "a/notes.mdx", "a/md", "a/x.md.txt",
	} {
		fsys[f] = &fstest.MapFile{Data: []byte("# x\n")}
	}
	for i := range 300 {
		fsys["big/"+strings.Repeat("s", i%7+1)+"/p"+string(rune('a'+i%26))+string(rune('a'+i/26))+".md"] = &fstest.MapFile{Data: []byte("x")}
	}
	var want []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") && d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() && p == "revisions" {
			return fs.SkipDir
		}
		if ext := strings.ToLower(path.Ext(base)); !d.IsDir() && (ext == ".md" || ext == ".markdown") {
			want = append(want, p)
		}
		return nil
	})
	for range 20 { // goroutines finish in any order; the result may not
		got := walk(fsys, true)
		if !slices.Equal(got.files, want) {
			t.Fatalf("walk found\n%v\nfs.WalkDir\n%v", got.files, want)
		}
		if len(got.stamps) != len(got.files) || len(got.problems) != 0 {
			t.Fatalf("%d stamps for %d files, problems %v", len(got.stamps), len(got.files), got.problems)
		}
	}
}
