package content

import (
	"io"
	"io/fs"
	"os"
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
	// notFollowed are the symbolic links left out, and why.
	notFollowed []walkNote
}

type walkNote struct{ path, msg, hint string }

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
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 && !IsPageFile(name) {
				// A symbolic link to a folder is followed, as Hugo
				// follows it, when the folder is inside the tree and
				// holds no folder the link is in; a page file that is
				// a link is read as a file (and refused if it leads
				// out). Any other link that leads nowhere is said, as
				// what it held is left out.
				info, err := fs.Stat(fsys, p)
				switch {
				case err != nil:
					if to, ok := danglingLink(fsys, p); ok {
						d.items = append(d.items, walkItem{file: p, warning: "is a symbolic link to " + to + ", which is not there: not followed",
							hint: "point the link at the folder where it is now (ln -sfn), or remove the link"})
						continue
					}
					d.items = append(d.items, walkItem{file: p, warning: "is a symbolic link that leads outside the content folder" + linkTarget(fsys, p) + ": not followed",
						hint: "copy what it leads to into the content folder; links out of it are not followed, so that a build publishes only what the folder holds"})
					continue
				case !info.IsDir():
					continue
				case d.links >= maxLinkDepth || linksBack(fsys, p, info):
					d.items = append(d.items, walkItem{file: p, warning: "is a symbolic link to a folder that holds it: not followed, as it would lead round for ever",
						hint: "link to the folder you mean, or copy it"})
					continue
				}
				isDir = true
			}
			if isDir {
				if p == "revisions" {
					continue
				}
				sub := &walkDir{path: p, links: d.links}
				if !e.IsDir() {
					sub.links++
				}
				d.items = append(d.items, walkItem{dir: sub})
				wg.Add(1)
				go visit(sub)
				continue
			}
			if !IsPageFile(name) {
				if format := hugoPageFormat(fsys, p, name); format != "" {
					md := strings.TrimSuffix(name, path.Ext(name)) + ".md"
					d.items = append(d.items, walkItem{file: p, warning: "is a Hugo page written in " + format + ", which this build does not read: it is left out of the site",
						hint: "write it in Markdown as " + md + " to publish it"})
					continue
				}
				if l := strings.ToLower(name); strings.HasSuffix(l, ".txt") && IsPageFile(name[:len(name)-4]) {
					// Notepad's "休假.md.txt", the .txt hidden by
					// Windows: a chapter that is not in the site.
					d.items = append(d.items, walkItem{file: p, warning: "is not a page: its name ends in " + name[len(name)-4:] + ", which the editor added (Windows hides it), so the chapter is not in the handbook",
						hint: "rename it to " + name[:len(name)-4] + " (in Explorer, tick View › File name extensions to see the whole name)"})
				}
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

// hugoPageFormat names the format of a page Hugo reads and this build
// does not (AsciiDoc, Org, reStructuredText, Pandoc, or HTML with front
// matter, as Hugo's content/ has them), "" for any other file: such a
// page was left out of the site without a word. An .html file without
// front matter is a file pages may link to, as Hugo's static files are.
func hugoPageFormat(fsys fs.FS, p, name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".adoc", ".asciidoc":
		return "AsciiDoc"
	case ".org":
		return "Org"
	case ".rst":
		return "reStructuredText"
	case ".pdc", ".pandoc":
		return "Pandoc's Markdown"
	case ".html", ".htm":
		f, err := fsys.Open(p)
		if err != nil {
			return ""
		}
		defer f.Close()
		var head [5]byte
		n, _ := io.ReadFull(f, head[:])
		if h := string(head[:n]); strings.HasPrefix(h, "---\n") || strings.HasPrefix(h, "---\r\n") || strings.HasPrefix(h, "+++\n") || strings.HasPrefix(h, "+++\r\n") {
			return "HTML"
		}
	}
	return ""
}

// walkDir is one folder's findings, its subfolders' in place.
type walkDir struct {
	path  string
	items []walkItem
	links int // symbolic links to folders followed to reach it
}

type walkItem struct {
	file    string
	stamp   Stamp
	dir     *walkDir
	problem error // reading the folder file failed
	// warning says why a symbolic link was not followed, hint what to do.
	warning, hint string
}

// maxLinkDepth bounds the symbolic links to folders followed on one
// path, where the file system cannot tell that a link leads back.
const maxLinkDepth = 8

// linksBack reports whether the folder a symbolic link at p leads to
// (info) holds p: one of p's folders is that folder.
func linksBack(fsys fs.FS, p string, info fs.FileInfo) bool {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		if up, err := fs.Stat(fsys, dir); err == nil && os.SameFile(up, info) {
			return true
		}
		if dir == "." {
			return false
		}
	}
}

func (d *walkDir) flatten(out *found) {
	for _, it := range d.items {
		switch {
		case it.problem != nil:
			out.problems = append(out.problems, walkProblem{it.file, it.problem})
		case it.warning != "":
			out.notFollowed = append(out.notFollowed, walkNote{it.file, it.warning, it.hint})
		case it.dir != nil:
			it.dir.flatten(out)
		default:
			out.files = append(out.files, it.file)
			out.stamps = append(out.stamps, it.stamp)
		}
	}
}
