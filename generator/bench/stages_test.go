// Package bench_test times each stage of a build over a generated tree, so
// that a regression shows where it is: loading the sources, parsing and
// rendering the Markdown, the whole build into memory (templates and the
// search index included), writing the result to disk, and saving and
// loading the build cache.
//
//	go test -run '^$' -bench . -benchtime 3x ./generator/bench
//	HANDBOOK_BENCH_PAGES=10000 go test -run '^$' -bench . -benchtime 1x ./generator/bench
//
// The tree is gentree's (2,000 pages unless HANDBOOK_BENCH_PAGES says
// otherwise), built in memory once per process. Each benchmark reports
// pages/s; generator/bench/compare.sh times whole builds against Hugo.
package bench_test

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"handbook/generator/bench/gentree"
	"handbook/generator/build"
	"handbook/generator/content"
	"handbook/generator/markdown"
	"handbook/generator/output"
	"handbook/theme"
)

var tree = sync.OnceValues(func() (fstest.MapFS, error) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("HANDBOOK_BENCH_PAGES")); err == nil && v > 0 {
		n = v
	}
	files, err := gentree.Files(n, 1)
	if err != nil {
		return nil, err
	}
	// The tree's content/ folder, as compare.sh builds it (-source
	// DIR/content): the site folder around it is Hugo's, with its
	// config.toml and layouts, which a build refuses as its source.
	fsys := fstest.MapFS{}
	for name, data := range files {
		if rest, ok := strings.CutPrefix(name, "content/"); ok {
			fsys[rest] = &fstest.MapFile{Data: data}
		}
	}
	return fsys, nil
})

func source(b *testing.B) fstest.MapFS {
	b.Helper()
	fsys, err := tree()
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

func load(b *testing.B, fsys fstest.MapFS) *content.Tree {
	b.Helper()
	t, errs := content.Load(fsys, "content")
	if err := errs.Err(); err != nil {
		b.Fatal(err)
	}
	return t
}

func perPage(b *testing.B, pages int) {
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkLoad reads the tree: front matter, sections, ordering.
func BenchmarkLoad(b *testing.B) {
	fsys := source(b)
	var n int
	for b.Loop() {
		n = len(load(b, fsys).Pages)
	}
	perPage(b, n)
}

// BenchmarkParse parses every page's Markdown on every core: IDs,
// clauses, links, the facts the checks use.
func BenchmarkParse(b *testing.B) {
	t := load(b, source(b))
	eng := markdown.New(markdown.Options{})
	for b.Loop() {
		each(b, len(t.Pages), func(i int) error {
			p := t.Pages[i]
			_, errs := eng.Parse(p.File, p.Source, p.BodyOffset)
			return errs.Err()
		})
	}
	perPage(b, len(t.Pages))
}

// BenchmarkRender renders every parsed page's body to HTML on every core.
func BenchmarkRender(b *testing.B) {
	t := load(b, source(b))
	eng := markdown.New(markdown.Options{})
	docs := make([]*markdown.Doc, len(t.Pages))
	each(b, len(t.Pages), func(i int) error {
		p := t.Pages[i]
		d, errs := eng.Parse(p.File, p.Source, p.BodyOffset)
		docs[i] = d
		return errs.Err()
	})
	for b.Loop() {
		each(b, len(docs), func(i int) error {
			_, err := eng.Render(docs[i])
			return err
		})
	}
	perPage(b, len(docs))
}

// BenchmarkBuildMemory is a whole build, checks, templates and the search
// index included, into memory: everything but the disk.
func BenchmarkBuildMemory(b *testing.B) {
	fsys := source(b)
	var pages int
	for b.Loop() {
		r, err := build.Run(build.Options{Source: fsys, SourceName: "content", Theme: theme.FS, ThemeName: "theme", Out: output.NewMemory()})
		if err != nil {
			b.Fatal(err)
		}
		pages = r.Pages
	}
	perPage(b, pages)
}

// BenchmarkBuildMemorySite is the same build without the search index
// (handbook build -search=false): the pages, sidebars and assets Hugo
// builds, into memory. Its templates' share shows here most.
func BenchmarkBuildMemorySite(b *testing.B) {
	fsys := source(b)
	var pages int
	for b.Loop() {
		r, err := build.Run(build.Options{Source: fsys, SourceName: "content", Theme: theme.FS, ThemeName: "theme", Out: output.NewMemory(), NoSearch: true})
		if err != nil {
			b.Fatal(err)
		}
		pages = r.Pages
	}
	perPage(b, pages)
}

// BenchmarkWrite writes a built site into a new folder and commits it
// (flushed, swapped in): the disk's share of a build.
func BenchmarkWrite(b *testing.B) {
	fsys := source(b)
	mem := output.NewMemory()
	r, err := build.Run(build.Options{Source: fsys, SourceName: "content", Theme: theme.FS, ThemeName: "theme", Out: mem})
	if err != nil {
		b.Fatal(err)
	}
	names := mem.Names()
	var bytes int64
	for _, n := range names {
		bytes += int64(len(mem.Files[n]))
	}
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		d, err := output.Begin(filepath.Join(dir, "public"+strconv.Itoa(i)))
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range names {
			if err := d.WriteFile(n, mem.Files[n]); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(bytes)
	perPage(b, r.Pages)
	b.ReportMetric(float64(len(names)), "files")
}

// each runs fn for i in [0, n) on every core.
func each(b *testing.B, n int, fn func(i int) error) {
	b.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if first != nil {
		b.Fatal(first)
	}
}

// BenchmarkCacheSave encodes and writes the build cache a full build
// leaves (what an incremental build then reads), and BenchmarkCacheLoad
// reads it back: both are on every rebuild's path.
func BenchmarkCacheSave(b *testing.B) {
	c, files := builtCache(b)
	file := filepath.Join(b.TempDir(), "cache.bin")
	for b.Loop() {
		if err := build.SaveCache(c, file, "bench", files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheLoad(b *testing.B) {
	c, files := builtCache(b)
	file := filepath.Join(b.TempDir(), "cache.bin")
	if err := build.SaveCache(c, file, "bench", files); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, got := build.LoadCache(file, "bench"); len(got) != len(files) {
			b.Fatalf("loaded %d files, want %d", len(got), len(files))
		}
	}
}

// builtCache builds the tree with a cache meant for disk and returns it
// with the files written.
func builtCache(b *testing.B) (*build.Cache, map[string]output.Sum) {
	b.Helper()
	c := build.NewDiskCache()
	mem := output.NewMemory()
	if _, err := build.Run(build.Options{Source: source(b), SourceName: "content", Theme: theme.FS, ThemeName: "theme", Out: mem, Cache: c}); err != nil {
		b.Fatal(err)
	}
	files := map[string]output.Sum{}
	for name, data := range mem.Files {
		files[name] = sha256.Sum256(data)
	}
	return c, files
}
