// Command buildprof times the stages of a handbook build over a tree (for
// example one from gentree) and writes a CPU profile of a whole build, to
// see where the time goes:
//
//	go run ./generator/bench/cmd/gentree -out /tmp/tree -pages 10000
//	go run ./generator/bench/cmd/buildprof -source /tmp/tree/content -cpuprofile /tmp/cpu.out
//	go tool pprof -top /tmp/cpu.out
//
// Stages are timed with the generator's own packages: loading the tree,
// parsing and rendering every page's Markdown on all cores, a whole build
// into memory (no disk), and a whole build to a folder with its commit.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"handbook/generator/build"
	"handbook/generator/content"
	"handbook/generator/markdown"
	"handbook/generator/output"
	"handbook/theme"
)

func main() {
	source := flag.String("source", "", "content folder (required)")
	out := flag.String("out", "", "output folder for the build to disk (default: a temporary folder)")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the build to disk here")
	flag.Parse()
	if *source == "" {
		fmt.Fprintln(os.Stderr, "usage: buildprof -source DIR [-out DIR] [-cpuprofile FILE]")
		os.Exit(2)
	}
	if err := run(*source, *out, *cpu); err != nil {
		fmt.Fprintln(os.Stderr, "buildprof:", err)
		os.Exit(1)
	}
}

func run(source, out, cpu string) error {
	fsys := os.DirFS(source)
	step := func(name string, f func() error) error {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		err := f()
		took := time.Since(start)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		runtime.GC()
		var live runtime.MemStats
		runtime.ReadMemStats(&live)
		fmt.Printf("%-36s %8s   allocated %6d MiB   live heap after %5d MiB\n", name, took.Round(time.Millisecond),
			(after.TotalAlloc-before.TotalAlloc)>>20, live.HeapAlloc>>20)
		return err
	}

	var tree *content.Tree
	if err := step("load (content.Load)", func() error {
		t, errs := content.Load(fsys, "content")
		tree = t
		return errs.Err()
	}); err != nil {
		return err
	}
	eng := markdown.New(markdown.Options{})
	docs := make([]*markdown.Doc, len(tree.Pages))
	if err := step("parse all pages (markdown.Parse)", func() error {
		return each(len(tree.Pages), func(i int) error {
			p := tree.Pages[i]
			d, errs := eng.Parse(p.File, p.Source, p.BodyOffset)
			docs[i] = d
			return errs.Err()
		})
	}); err != nil {
		return err
	}
	if err := step("render all bodies (markdown.Render)", func() error {
		return each(len(docs), func(i int) error {
			_, err := eng.Render(docs[i])
			return err
		})
	}); err != nil {
		return err
	}
	opts := func(w output.Writer) build.Options {
		return build.Options{Source: fsys, SourceName: "content", Theme: theme.FS, ThemeName: "theme", Out: w}
	}
	if err := step("build.Run into memory", func() error {
		_, err := build.Run(opts(output.NewMemory()))
		return err
	}); err != nil {
		return err
	}

	if out == "" {
		tmp, err := os.MkdirTemp("", "buildprof")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = filepath.Join(tmp, "public")
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var dir *output.Dir
	if err := step("build.Run into a folder", func() error {
		d, err := output.Begin(out)
		if err != nil {
			return err
		}
		dir = d
		_, err = build.Run(opts(d))
		return err
	}); err != nil {
		return err
	}
	return step("commit (fsync every file, swap)", dir.Commit)
}

// each runs fn for i in [0,n) on every core.
func each(n int, fn func(i int) error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	return first
}
