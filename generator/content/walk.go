package content

import (
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
)

// found is what walking a source tree finds: the Markdown files in the
// order fs.WalkDir visits them, their stamps when asked for (zero where
// the system gives none), and the paths that could not be read.
type found struct {
	files    []string
	stamps   []Stamp
	problems []walkProblem
}

type walkProblem struct {
	path string
	err  error
}

// walk lists the pages of a source tree: every page file (IsPageFile), skipping names
// that start with "." (and folders starting with "_"), and the revisions
// folder at the top. Folders are read on every core — on a tree of 10,000
// pages, listing and stat-ing them alone was a tenth of a rebuild — and
// the result is in fs.WalkDir's order.
func walk(fsys fs.FS, stamps bool) found {
	root := &walkDir{path: "."}
	var wg sync.WaitGroup
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	var visit func(d *walkDir)
	visit = func(d *walkDir) {
		defer wg.Done()
		slots <- struct{}{}
		defer func() { <-slots }()
		entries, err := fs.ReadDir(fsys, d.path)
		if err != nil {
			d.items = append(d.items, walkItem{problem: err, file: d.path})
			// fs.ReadDir returns what it could read before the error, as
			// WalkDir does; go on with it.
		}
		for _, e := range entries {
			name := e.Name()
			p := path.Join(d.path, name)
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") && e.IsDir() {
				continue
			}
			if e.IsDir() {
				if p == "revisions" {
					continue
				}
				sub := &walkDir{path: p}
				d.items = append(d.items, walkItem{dir: sub})
				wg.Add(1)
				go visit(sub)
				continue
			}
			if !IsPageFile(name) {
				continue
			}
			it := walkItem{file: p}
			if stamps {
				if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
					if s, ok := stampOf(info); ok {
						it.stamp = s
					}
				}
			}
			d.items = append(d.items, it)
		}
	}
	wg.Add(1)
	visit(root)
	wg.Wait()
	var out found
	root.flatten(&out)
	return out
}

// walkDir is one folder's findings, its subfolders' in place.
type walkDir struct {
	path  string
	items []walkItem
}

type walkItem struct {
	file    string
	stamp   Stamp
	dir     *walkDir
	problem error // reading the folder file failed
}

func (d *walkDir) flatten(out *found) {
	for _, it := range d.items {
		switch {
		case it.problem != nil:
			out.problems = append(out.problems, walkProblem{it.file, it.problem})
		case it.dir != nil:
			it.dir.flatten(out)
		default:
			out.files = append(out.files, it.file)
			out.stamps = append(out.stamps, it.stamp)
		}
	}
}
