package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher turns fsnotify's events on a few folder trees into batches of
// changed paths. inotify watches one folder, not a tree, so every folder
// is added as it appears and dropped when it goes.
type watcher struct {
	fsw     *fsnotify.Watcher
	roots   []root   // the watched folders, absolute and as given
	ignore  []string // absolute folders never watched (the output folder)
	quiet   time.Duration
	longest time.Duration
	settle  time.Duration // how long a batch waits for an emptied file's text (emptySettle)
	warn    func(string)
	watched map[string]bool // folders with a watch, absolute
}

// root is a watched folder: its absolute path, and the path as given
// ("content"), by which the build names its files — relative to the
// working directory when it is inside it, as handbook names the source
// folder (-source /home/hr/handbook/content run from /home/hr/handbook is
// "content"): an emptied file was named /home/hr/handbook/content/04-….md
// where every other message said content/04-….md.
type root struct{ abs, given string }

// shownName is how messages name a watched folder given as dir.
func shownName(dir string) string {
	if !filepath.IsAbs(dir) {
		return dir
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return dir
}

// batch is what the watcher hands the server: the paths that changed, and
// those of them that an editor emptied in place and that were still
// empty after emptySettle (see emptiedFile).
type batch struct {
	changed []string
	emptied []string
}

// emptySettle is how long a batch waits when a source file was emptied
// in place: editors that save in place (VS Code, vim with backupcopy=yes)
// truncate the file and then write it, and on a busy machine the write
// can come after the quiet period. Built in between, the page would
// reload empty, at the top, and reload again a moment later.
const emptySettle = 300 * time.Millisecond

func newWatcher(roots, ignore []string, quiet, longest time.Duration, warn func(string)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fsw: fsw, quiet: quiet, longest: longest, settle: emptySettle, warn: warn, watched: map[string]bool{}}
	for _, d := range ignore {
		if abs, err := filepath.Abs(d); err == nil {
			w.ignore = append(w.ignore, abs)
		}
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err == nil {
			// A folder given as a symbolic link (content linked in from
			// another checkout) is watched where it leads: the walk below
			// does not follow links, so it found nothing to watch.
			abs, err = filepath.EvalSymlinks(abs)
		}
		if err == nil {
			var st os.FileInfo
			if st, err = os.Stat(abs); err == nil && !st.IsDir() {
				err = errors.New("not a folder")
			}
		}
		if err != nil {
			_ = fsw.Close()
			return nil, errors.New("cannot watch " + r + ": " + err.Error())
		}
		w.roots = append(w.roots, root{abs: abs, given: shownName(r)})
		w.addTree(abs, nil)
	}
	return w, nil
}

// display names a path the way the build names its files: its watched
// folder as given, joined with its place inside it ("content/a.md").
func (w *watcher) display(p string) string {
	for _, r := range w.roots {
		if rel, err := filepath.Rel(r.abs, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(filepath.Join(r.given, rel))
		}
	}
	return p
}

// sourceExts are the files whose emptying is taken for a save cut short:
// pages, settings and rules, and the theme's templates, styles and scripts.
var sourceExts = map[string]bool{".md": true, ".markdown": true, ".toml": true, ".yaml": true, ".yml": true,
	".html": true, ".css": true, ".ts": true, ".js": true}

// emptiedFile reports whether a path with these events since the last
// batch is a source file that was written in place and is now empty: an
// editor in the middle of its save (truncate, then write), or a save cut
// short (the disk full, the editor killed). A file created empty (a new
// page, git checkout writing a file anew) is not.
func emptiedFile(p string, op fsnotify.Op) bool {
	if !op.Has(fsnotify.Write) || op.Has(fsnotify.Create) || !sourceExts[strings.ToLower(filepath.Ext(p))] {
		return false
	}
	st, err := os.Lstat(p)
	return err == nil && st.Mode().IsRegular() && st.Size() == 0
}

func (w *watcher) close() error { return w.fsw.Close() }

// addTree watches dir and every folder below it. Files already inside
// (a folder moved or copied in whole) are recorded in found, because
// their events happened before the watch existed.
func (w *watcher) addTree(dir string, found map[string]bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: nothing to watch
		}
		if p != dir && w.skip(p, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if found != nil {
				found[p] = true
			}
			return nil
		}
		if w.watched[p] {
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			w.warn("cannot watch " + p + ": " + err.Error() + " — changes there are not seen (on Linux, raise fs.inotify.max_user_watches)")
			return nil
		}
		w.watched[p] = true
		return nil
	})
}

// forget drops the watches of a folder that was removed or renamed away;
// inotify would otherwise report events under its old name.
func (w *watcher) forget(p string) {
	prefix := p + string(filepath.Separator)
	for d := range w.watched {
		if d == p || strings.HasPrefix(d, prefix) {
			_ = w.fsw.Remove(d)
			delete(w.watched, d)
		}
	}
}

// skip reports whether a path is not the editor's content: editor backup
// and swap files, hidden files and folders, the ignored folders.
func (w *watcher) skip(p string, dir bool) bool {
	for _, ig := range w.ignore {
		if p == ig || strings.HasPrefix(p, ig+string(filepath.Separator)) {
			return true
		}
	}
	base := filepath.Base(p)
	if dir && isDigits(base) {
		return false // a section named by its year (2024/), not vim's 4913
	}
	return ignoredName(base)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ignoredName recognises the scratch files editors write while saving:
// vim's backup (name~), swap (.name.swp) and write test (4913, then
// 5036, … — digits only), Emacs' #name# and .#name, JetBrains'
// name___jb_tmp___, and other temp or hidden files.
func ignoredName(base string) bool {
	if base == "" || strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return true
	}
	if strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#") {
		return true
	}
	for _, suf := range []string{".swp", ".swx", ".swo", ".tmp", ".temp", ".bak", ".orig", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	return isDigits(base) || base == "node_modules"
}

// rootPoll is how often the watched folders are looked at. One deleted
// and made again (rm -rf and a copy from a backup, a branch switch), or
// moved away with another put in its place, took its watch with it, and
// inotify has nothing to say when a folder of that name comes back; nor,
// while a program holds the folder open (handbook serve's os.Root does),
// that it was deleted.
const rootPoll = 250 * time.Millisecond

// checkRoots looks at each watched folder: one that is gone is reported
// once (an event on its path), and one that is back, or another folder
// now in its place, is watched again and every file in it reported.
func (w *watcher) checkRoots(seen map[string]os.FileInfo, report func(p string, op fsnotify.Op)) {
	for _, r := range w.roots {
		st, err := os.Stat(r.abs)
		was, known := seen[r.abs]
		switch {
		case err != nil || !st.IsDir():
			if known && was != nil {
				seen[r.abs] = nil
				w.forget(r.abs)
				report(r.abs, fsnotify.Remove)
			}
		case !known:
			seen[r.abs] = st
		case was == nil || !os.SameFile(was, st):
			seen[r.abs] = st
			w.forget(r.abs)
			found := map[string]bool{}
			w.addTree(r.abs, found)
			report(r.abs, fsnotify.Create)
			for f := range found {
				report(f, fsnotify.Create)
			}
		}
	}
}

// run collects events into batches until ctx ends. A batch closes when no
// event has come for quiet (one save is several events within a few
// milliseconds), or longest after its first event, so a stream of events
// cannot postpone the rebuild forever. A batch holding a file emptied in
// place waits once more, settle, for the editor to write it. A closed
// batch waits while the previous one builds, absorbing later batches, so
// builds never queue up.
func (w *watcher) run(ctx context.Context, out chan<- batch) {
	pending := map[string]fsnotify.Op{}
	var ready batch
	var send chan<- batch
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time
	settled := false // the pending batch has waited for an emptied file
	arm := func() {
		now := time.Now()
		if len(pending) == 0 {
			first = now
		}
		d := w.quiet
		if rest := first.Add(w.longest).Sub(now); rest < d {
			d = max(rest, 0)
		}
		timer.Reset(d)
	}
	// Each watched folder as last seen; nil: gone.
	roots := map[string]os.FileInfo{}
	report := func(p string, op fsnotify.Op) {
		arm()
		pending[p] |= op
	}
	w.checkRoots(roots, report)
	poll := time.NewTicker(rootPoll)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case send <- ready:
			ready, send = batch{}, nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue // chmod alone changes no content; vim chmods after writing
			}
			// A folder now, or one watched until it went.
			st, err := os.Lstat(ev.Name)
			isDir := err == nil && st.IsDir()
			if w.skip(ev.Name, isDir || w.watched[ev.Name]) {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				w.forget(ev.Name)
				if _, ok := roots[ev.Name]; ok {
					roots[ev.Name] = nil // gone, and this event says so
				}
			}
			arm()
			pending[ev.Name] |= ev.Op
			if ev.Has(fsnotify.Create) {
				if isDir {
					found := map[string]bool{}
					w.addTree(ev.Name, found)
					for p := range found {
						pending[p] |= fsnotify.Create
					}
				}
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// An overflowed queue lost events: rebuild everything.
			w.warn("watching files: " + err.Error())
			arm()
			pending[""] |= fsnotify.Write
		case <-poll.C:
			w.checkRoots(roots, report)
		case <-timer.C:
			var emptied []string
			for p, op := range pending {
				if emptiedFile(p, op) {
					emptied = append(emptied, p)
				}
			}
			if len(emptied) > 0 && !settled {
				// Wait for the rest of the save, then batch as usual.
				settled = true
				first = time.Now().Add(w.settle)
				timer.Reset(w.settle)
				continue
			}
			settled = false
			seen := map[string]bool{}
			for _, p := range ready.changed {
				seen[p] = true
			}
			for p := range pending {
				if !seen[p] {
					ready.changed = append(ready.changed, p)
				}
			}
			sort.Strings(ready.changed)
			ready.emptied = append(ready.emptied, emptied...)
			sort.Strings(ready.emptied)
			clear(pending)
			send = out
		}
	}
}
