package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"handbook/generator/output"
	"handbook/theme"
)

// bigTree is a handbook of sections of pages linking to each other.
func bigTree(sections, pages int) fstest.MapFS {
	fs := fstest.MapFS{"site.toml": {Data: []byte("title = \"大树\"\n")}}
	for s := 0; s < sections; s++ {
		fs[fmt.Sprintf("s%d/_index.md", s)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: 第%d部分\nweight: %d\n---\n", s, s))}
		for p := 0; p < pages; p++ {
			next := fmt.Sprintf("p%d.md", (p+1)%pages)
			fs[fmt.Sprintf("s%d/p%d.md", s, p)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"---\ntitle: 第%d部分第%d页\nweight: %d\n---\n## 一、总则\n\n本页见[下一页](%s#一总则)。\n\n1. 第一条\n2. 第二条\n", s, p, p, next))}
		}
	}
	return fs
}

func buildWith(t *testing.T, src fstest.MapFS, c *Cache) map[string][]byte {
	t.Helper()
	mem := output.NewMemory()
	if _, err := Run(Options{Source: src, Theme: theme.FS, Out: mem, Cache: c}); err != nil {
		t.Fatal(err)
	}
	return mem.Files
}

// An incremental build is byte-identical to a fresh one and renders only
// what the change touched.
func TestIncrementalBuildRendersOnlyWhatChanged(t *testing.T) {
	src := bigTree(4, 25)
	c := NewCache()
	buildWith(t, src, c)
	if c.Rendered < 100 || c.Kept != 0 {
		t.Fatalf("first build: rendered %d, kept %d", c.Rendered, c.Kept)
	}

	cases := []struct {
		name       string
		change     func(fstest.MapFS)
		maxRender  int
		wantParsed int
	}{
		{"editing a page's text renders that page and the print page holding every page", func(fs fstest.MapFS) {
			fs["s1/p3.md"] = &fstest.MapFile{Data: bytes.Replace(fs["s1/p3.md"].Data, []byte("第一条"), []byte("第一条(修订)"), 1)}
		}, 2, 1},
		{"renaming a page renders its section (sidebar) and its neighbours", func(fs fstest.MapFS) {
			fs["s2/p7.md"] = &fstest.MapFile{Data: bytes.Replace(fs["s2/p7.md"].Data, []byte("title: 第2部分第7页"), []byte("title: 改名的一页"), 1)}
		}, 27, 1},
		{"changing nothing renders nothing", func(fs fstest.MapFS) {}, 0, 0},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			cs.change(src)
			got := buildWith(t, src, c)
			if c.Rendered > cs.maxRender || c.Parsed != cs.wantParsed {
				t.Errorf("rendered %d (want ≤ %d), parsed %d (want %d), kept %d", c.Rendered, cs.maxRender, c.Parsed, cs.wantParsed, c.Kept)
			}
			fresh := buildWith(t, src, nil)
			if len(got) != len(fresh) {
				t.Fatalf("incremental build has %d files, fresh %d", len(got), len(fresh))
			}
			for name, data := range fresh {
				if !bytes.Equal(got[name], data) {
					t.Fatalf("%s differs from a fresh build", name)
				}
			}
		})
	}
}

// A broken page is reported, and the cache keeps the last good build so
// fixing it costs one page again.
func TestIncrementalBuildAfterAnError(t *testing.T) {
	src := bigTree(2, 10)
	c := NewCache()
	buildWith(t, src, c)
	good := src["s0/p1.md"].Data
	src["s0/p1.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good), "#一总则", "#不存在", 1))}
	if _, err := Run(Options{Source: src, Theme: theme.FS, Out: output.NewMemory(), Cache: c}); err == nil {
		t.Fatal("a broken link built")
	}
	src["s0/p1.md"] = &fstest.MapFile{Data: good}
	buildWith(t, src, c)
	if c.Rendered != 0 || c.Parsed != 0 {
		t.Fatalf("after the fix: rendered %d, parsed %d; want the cached build back", c.Rendered, c.Parsed)
	}
}

// A build whose theme files are the last build's reuses its bundle
// instead of running esbuild again; a changed file makes a new one.
func TestThemeBundleKeptWhileTheThemeIsUnchanged(t *testing.T) {
	src := bigTree(1, 3)
	th := themeCopy(t)
	c := NewCache()
	build := func() map[string][]byte {
		t.Helper()
		mem := output.NewMemory()
		if _, err := Run(Options{Source: src, Theme: th, Out: mem, Cache: c}); err != nil {
			t.Fatal(err)
		}
		return mem.Files
	}
	css := func(files map[string][]byte) string {
		for name := range files {
			if strings.HasPrefix(name, "assets/main-") && strings.HasSuffix(name, ".css") {
				return name
			}
		}
		t.Fatal("no main CSS in the build")
		return ""
	}
	first := build()
	if !c.Bundled {
		t.Fatal("the first build did not bundle the theme")
	}
	second := build()
	if c.Bundled {
		t.Error("a build with the same theme ran esbuild again")
	}
	if a, b := css(first), css(second); a != b || !bytes.Equal(first[a], second[b]) {
		t.Errorf("the kept bundle differs: %s, %s", a, b)
	}
	th["css/main.css"] = &fstest.MapFile{Data: append(append([]byte(nil), th["css/main.css"].Data...), "\n.kept-bundle-test { color: red }\n"...)}
	third := build()
	if !c.Bundled {
		t.Error("a changed theme file did not make a new bundle")
	}
	if name := css(third); name == css(first) || !bytes.Contains(third[name], []byte("kept-bundle-test")) {
		t.Errorf("the new bundle %s lacks the change", name)
	}
}

// Where handbook runs changes how files are named in messages
// ("content/…" or "../content/…"), not what a page parses to: a build
// from another folder reuses every unchanged page.
func TestCacheDoesNotDependOnTheFolderNames(t *testing.T) {
	src := bigTree(2, 5)
	c := NewCache()
	run := func(name string) error {
		_, err := Run(Options{Source: src, SourceName: name, Theme: theme.FS, Out: output.NewMemory(), Cache: c})
		return err
	}
	if err := run("content"); err != nil {
		t.Fatal(err)
	}
	src["s1/p2.md"] = &fstest.MapFile{Data: bytes.Replace(src["s1/p2.md"].Data, []byte("第一条"), []byte("第一条(修订)"), 1)}
	if err := run("../handbook/content"); err != nil {
		t.Fatal(err)
	}
	if c.Parsed != 1 {
		t.Errorf("parsed %d pages after one edit, from another folder; want 1", c.Parsed)
	}
	// A link that breaks in a page parsed before is named as this build
	// names it.
	src["s1/p3.md"] = &fstest.MapFile{Data: bytes.Replace(src["s1/p3.md"].Data, []byte("## 一、总则"), []byte("## 一、总纲"), 1)}
	err := run("elsewhere/content")
	if err == nil || !strings.Contains(err.Error(), "elsewhere/content/s1/p2.md") {
		t.Errorf("a link broken by another page's edit is not reported under this build's names: %v", err)
	}
}

// PruneCaches removes the caches of other folder pairs not saved for a
// while, with their blobs, and leftovers without a cache; it keeps the
// current cache whatever its age, and everything recent.
func TestPruneCachesRemovesOnlyOldCachesOfOthers(t *testing.T) {
	dir := t.TempDir()
	month := time.Now().Add(-31 * 24 * time.Hour)
	files := map[string]bool{ // name → should stay
		"keep.gob": true, "keep.gob.a1.blob": true,
		"old.gob": false, "old.gob.b2.blob": false, "old.gob.b3.blob": false,
		"recent.gob": true, "recent.gob.c4.blob": true,
		"gone.gob.d5.blob": false, "fresh-orphan.gob.e6.blob": true,
		"old.gob.tmp-123": false, "new.gob.tmp-456": true,
		"notes.txt": true,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if name != "recent.gob" && name != "recent.gob.c4.blob" && name != "fresh-orphan.gob.e6.blob" && name != "new.gob.tmp-456" {
			if err := os.Chtimes(p, month, month); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := PruneCaches(filepath.Join(dir, "keep.gob"), 30*24*time.Hour); n != 5 {
		t.Errorf("removed %d files, want 5", n)
	}
	for name, stay := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if stay != (err == nil) {
			t.Errorf("%s: stays %v, want %v", name, err == nil, stay)
		}
	}
}
