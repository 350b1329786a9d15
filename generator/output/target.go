package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Marker is the file every build leaves at the root of its output folder,
// so a later build knows the folder is its own to replace.
const Marker = ".handbook-output"

const markerText = "This folder is the output of `handbook build`. Each build replaces it whole:\nkeep no files of your own here; they would be removed by the next build.\n"

// CheckTarget refuses an output folder whose replacement would lose
// something, or that the source would take in: the source folder itself,
// a folder holding it or inside it, and a folder
// with files in it that no build made. A missing or empty folder, and one
// holding a previous build (its Marker, or the layout of a build made
// before there was one), are fine.
func CheckTarget(target, source string) error {
	t, s := realPath(target), realPath(source)
	switch {
	case t == s:
		return errors.New("the output folder " + target + " is the source folder: a build replaces its output folder whole, and the pages would be lost — choose another -out, e.g. public")
	case within(s, t):
		return errors.New("the source folder " + source + " is inside the output folder " + target + ", which a build replaces whole — choose an -out beside the source, e.g. public")
	case within(t, s):
		// Its files would be read back as the handbook's, and a publish
		// would freeze the whole built site into a revision.
		return errors.New("the output folder " + target + " is inside the source folder " + source + " — choose an -out beside the source, e.g. -out " + beside(s))
	}
	info, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return explain(err, target)
	}
	if !info.IsDir() {
		return errors.New("the output folder " + target + " is a file — choose another -out")
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return explain(err, target)
	}
	if len(entries) == 0 {
		return nil
	}
	if !madeByBuild(target, entries) {
		return errors.New("the output folder " + target + " holds files no build of handbook made (" + entries[0].Name() + ", …), and a build replaces it whole — choose an empty or new -out, or move those files away first")
	}
	// A file put beside an earlier build's (a CNAME, say) would go with it.
	also := markedTops(target)
	for _, e := range entries {
		if !buildMakes[e.Name()] && !also[e.Name()] {
			return errors.New("the output folder " + target + " holds " + e.Name() + ", which no build made, and a build replaces the folder whole — move it away, and add it to the site where you deploy it")
		}
	}
	return nil
}

// buildMakes are the names a build puts at the top of its output folder.
var buildMakes = map[string]bool{Marker: true, "index.html": true, "404.html": true, "assets": true, "latest": true, "v": true, "draft": true, "changelog": true,
	// A service worker of the site's own at its root, and its list of
	// files (to keep the root and the changelog offline).
	"sw.js": true, "precache.json": true}

// madeByBuild tells a previous build's folder: its Marker, or (builds made
// before the Marker) a home page beside the assets and latest/ folders.
func madeByBuild(dir string, entries []fs.DirEntry) bool {
	has := map[string]bool{}
	for _, e := range entries {
		has[e.Name()] = e.IsDir()
		if e.Name() == Marker && !e.IsDir() {
			return true
		}
	}
	homeIsDir, home := has["index.html"]
	return home && !homeIsDir && has["assets"] && has["latest"]
}

// realPath is p made absolute with symbolic links resolved, as far as it
// exists (the rest is appended as given).
// beside is a folder named public beside the source folder s (a real
// path), as the -out to suggest: "public" run from the folder holding
// content/, "../public" run inside a handbook's own folder with -source .
// (where "public" is the folder refused).
func beside(s string) string {
	p := filepath.Join(filepath.Dir(s), "public")
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(realPath(wd), p); err == nil {
			return rel
		}
	}
	return p
}

func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path p is inside folder dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// markerAlso opens a line of the Marker naming a name at the top of the
// folder that the build made beyond buildMakes: the redirect pages of
// pages' old addresses (a Hugo site's aliases: old/, leave.html) are
// where the old site had them.
const markerAlso = "made by the build too: "

// mark writes the Marker into a staged build whose files are files.
func mark(staging string, files map[string]Sum) error {
	return os.WriteFile(filepath.Join(staging, Marker), markerFor(files), 0o644)
}

// markerFor is the Marker of a build of files.
func markerFor(files map[string]Sum) []byte {
	b := []byte(markerText)
	for _, top := range extraTops(files) {
		b = append(b, markerAlso+top+"\n"...)
	}
	return b
}

// extraTops are the names, sorted, at the top of files that are not in
// buildMakes.
func extraTops(files map[string]Sum) []string {
	set := map[string]bool{}
	for name := range files {
		top, _, _ := strings.Cut(name, "/")
		if !buildMakes[top] {
			set[top] = true
		}
	}
	out := make([]string, 0, len(set))
	for top := range set {
		out = append(out, top)
	}
	slices.Sort(out)
	return out
}

// markedTops are the names the Marker in dir says its build made beyond
// buildMakes.
func markedTops(dir string) map[string]bool {
	b, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil
	}
	set := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if top, ok := strings.CutPrefix(line, markerAlso); ok && top != "" && !strings.ContainsAny(top, "/\\") {
			set[top] = true
		}
	}
	return set
}
