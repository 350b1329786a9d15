package content

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestLoadReusesPagesByStamp: a page whose file has the stamp the cache
// knows is taken from the cache, unread; a file written since is read.
func TestLoadReusesPagesByStamp(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are trusted on Linux only")
	}
	dir := t.TempDir()
	write := func(name, title string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("---\ntitle: "+title+"\n---\n\n正文。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "甲")
	write("b.md", "乙")
	first, errs := LoadWith(os.DirFS(dir), "content", LoadOptions{Reuse: func(string, Stamp) *Page { return nil }})
	if errs.HasErrors() || len(first.Stamps) != 2 {
		t.Fatalf("errs %v, stamps %v", errs, first.Stamps)
	}
	known := map[string]Stamp{}
	for f, st := range first.Stamps {
		known[f] = st
	}
	time.Sleep(10 * time.Millisecond)
	write("b.md", "乙二") // a save: new times

	asked := map[string]bool{}
	second, errs := LoadWith(os.DirFS(dir), "content", LoadOptions{Reuse: func(file string, st Stamp) *Page {
		asked[file] = true
		if known[file] != st {
			return nil
		}
		return &Page{File: file, URL: "a/", FrontMatter: FrontMatter{Title: "来自缓存"}, Source: []byte("cached")}
	}})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	titles := map[string]string{}
	for _, p := range second.Pages {
		titles[p.File] = p.Title
	}
	if titles["a.md"] != "来自缓存" || titles["b.md"] != "乙二" || !asked["a.md"] || !asked["b.md"] {
		t.Fatalf("titles %v, asked %v", titles, asked)
	}
}
