//go:build linux

// Command writefloor measures the file system's share of a build: it reads
// a built site into memory and writes the same folders and files into a
// fresh folder beside it, eight writers at once as handbook's output does,
// then flushes them (syncfs) — the time a build cannot go below on this
// disk, whatever it computes. compare.sh prints it beside the builds.
//
//	writefloor DIR [DEST]     prints "<seconds> <files> <bytes>"
//
// Without DEST the copy is written beside DIR and removed afterwards; with
// DEST (a folder that must not exist) it is written there and kept, so
// that removing it cannot slow the next timed build (see compare.sh).
//
// WRITERS=N changes the number of writers (8).
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

func main() {
	if len(os.Args) != 2 && len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: writefloor DIR [DEST]")
		os.Exit(2)
	}
	dest := ""
	if len(os.Args) == 3 {
		dest = filepath.Clean(os.Args[2])
	}
	if err := run(filepath.Clean(os.Args[1]), dest); err != nil {
		fmt.Fprintln(os.Stderr, "writefloor:", err)
		os.Exit(1)
	}
}

type file struct {
	rel  string
	data []byte
}

func run(src, dst string) error {
	var files []file
	var total int64
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		files = append(files, file{rel, b})
		total += int64(len(b))
		return nil
	})
	if err != nil {
		return err
	}
	if dst == "" {
		if dst, err = os.MkdirTemp(filepath.Dir(src), ".writefloor-"); err != nil {
			return err
		}
		defer os.RemoveAll(dst)
	} else if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}

	start := time.Now()
	var mu sync.Mutex
	made := map[string]bool{}
	var first error
	work := make(chan file, 32)
	var wg sync.WaitGroup
	nw := 8
	if v, err := strconv.Atoi(os.Getenv("WRITERS")); err == nil && v > 0 {
		nw = v
	}
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				p := filepath.Join(dst, f.rel)
				dir := filepath.Dir(p)
				mu.Lock()
				ok := made[dir]
				mu.Unlock()
				if !ok {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						mu.Lock()
						first = err
						mu.Unlock()
						continue
					}
					mu.Lock()
					made[dir] = true
					mu.Unlock()
				}
				if err := os.WriteFile(p, f.data, 0o644); err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	if first != nil {
		return first
	}
	d, err := os.Open(dst)
	if err != nil {
		return err
	}
	err = unix.Syncfs(int(d.Fd()))
	d.Close()
	if err != nil {
		return err
	}
	fmt.Printf("%.2f %d %d\n", time.Since(start).Seconds(), len(files), total)
	return nil
}
