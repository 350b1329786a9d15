package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A build with -search=false leaves out the search index, the search page
// and every way to them (the box, its key, the home page's and the 404
// page's links), and the pages are otherwise the same; building with the
// index again into the same folder brings it all back as a full build
// makes it. The handbook's own content: editor's notes beside clauses,
// which the index holds where they are shown.
func TestBuildWithoutSearch(t *testing.T) {
	src, out, ref := handbookTree(t)
	buildOK(t, "-source", src, "-out", ref)
	full := snapshot(t, ref)
	buildOK(t, "-search=false", "-source", src, "-out", out)
	without := snapshot(t, out)
	for name := range without {
		if strings.Contains(name, "search/") || strings.HasPrefix(name, "search") {
			t.Errorf("-search=false wrote %s", name)
		}
	}
	for name := range full {
		if _, ok := without[name]; !ok && !strings.Contains(name, "search") {
			t.Errorf("-search=false left out %s", name)
		}
	}
	for _, page := range []string{"latest/index.html", "latest/performance/index.html", "changelog/index.html", "404.html", "v/2025.1/functions/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"search-form", "search-index", "search-key", "/search/", "搜索"} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s built without search still has %q", page, s)
			}
		}
		withIt, _ := os.ReadFile(filepath.Join(ref, page))
		if !strings.Contains(string(withIt), "search-form") {
			t.Errorf("%s built with search has no search box", page)
		}
	}

	// The index again, into the same folder: the build cache's pages have
	// no clauses (they are saved without), and the index made from them
	// must be the full build's, byte for byte.
	buildOK(t, "-source", src, "-out", out)
	if d := diffSnapshots(full, snapshot(t, out)); len(d) > 0 {
		t.Errorf("with search again, the output differs from a full build's: %v", d)
	}
}

// handbookTree copies the handbook's content to a folder of the test's and
// names it, an output folder and a reference output folder beside it.
func handbookTree(t *testing.T) (src, out, ref string) {
	t.Helper()
	dir := t.TempDir()
	src = filepath.Join(dir, "content")
	if err := os.CopyFS(src, os.DirFS("../../../content")); err != nil {
		t.Fatal(err)
	}
	return src, filepath.Join(dir, "out"), filepath.Join(dir, "ref")
}
