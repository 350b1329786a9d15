package output

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"sync"
)

// Sum identifies a file's content.
type Sum = [32]byte

// Update brings an existing build up to date by writing only what changed
// (an incremental build). Changed files are first written to a staging
// folder beside the target, so a failed or killed build leaves the target
// as it was; Commit then moves them in. A small change (at most
// SmallChange files) is moved in file by file, each file replaced in one
// rename; a bigger one becomes a whole new build, the unchanged files
// linked into the staging folder, swapped in at once like a full build.
type Update struct {
	dir      *Dir           // staging: the changed files only
	previous map[string]Sum // the target's files, from the last build
	mu       sync.Mutex
	next     map[string]Sum      // the files of this build
	changed  map[string]struct{} // written to staging
}

// SmallChange is the most files Commit moves in one by one.
const SmallChange = 256

// BeginUpdate starts an incremental build of target, whose files are
// listed in previous (name → content sum, as Commit returned them).
func BeginUpdate(target string, previous map[string]Sum) (*Update, error) {
	d, err := Begin(target)
	if err != nil {
		return nil, err
	}
	return &Update{dir: d, previous: previous, next: make(map[string]Sum, len(previous)), changed: map[string]struct{}{}}, nil
}

// WriteFile implements Writer: a file whose content is what the target
// already holds is not written again.
func (u *Update) WriteFile(name string, data []byte) error {
	return u.WriteFileThen(name, data, nil)
}

// WriteFileThen implements Lender.
func (u *Update) WriteFileThen(name string, data []byte, done func([]byte)) error {
	if err := checkName(name); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	u.mu.Lock()
	u.next[name] = sum
	old, had := u.previous[name]
	if had && old == sum {
		u.mu.Unlock()
		if done != nil {
			done(data)
		}
		return nil
	}
	u.changed[name] = struct{}{}
	u.mu.Unlock()
	return u.dir.enqueue(pending{name: name, data: data, sum: &sum, done: done})
}

// Keep records that a file of the previous build stays as it is, without
// its content being produced again.
func (u *Update) Keep(name string) error { return u.KeepAll([]string{name}) }

// KeepAll is Keep for many files, under one lock.
func (u *Update) KeepAll(names []string) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, name := range names {
		sum, ok := u.previous[name]
		if !ok {
			return errors.New("output: cannot keep " + name + ": the previous build has no such file")
		}
		u.next[name] = sum
	}
	return nil
}

// Changed reports how many files (and bytes) this build wrote and how
// many of the previous build's files it drops.
func (u *Update) Changed() (written, removed int, bytes int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	_, bytes = u.dir.Stats()
	return len(u.changed), u.dropped(), bytes
}

// dropped counts the previous build's files this one does not have,
// without going through them all: a file that is new in this build was
// written (it is among the changed), so the files both builds have are
// the next build's less its new ones. Called with u.mu held.
func (u *Update) dropped() int {
	added := 0
	for name := range u.changed {
		if _, ok := u.previous[name]; !ok {
			added++
		}
	}
	return len(u.previous) - (len(u.next) - added)
}

// Ready waits for the queued writes and returns the files the target
// will hold once committed, with their sums: what Commit returns, to work
// with while Commit runs. The map must not be changed.
func (u *Update) Ready() (map[string]Sum, error) {
	if err := u.dir.wait(); err != nil {
		return nil, err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.next, nil
}

// Abort removes the staged files; the target is untouched.
func (u *Update) Abort() error { return u.dir.Abort() }

// Commit moves the changes into the target and returns its files with
// their sums, for the next Update.
//
// Readers of the target (a web server) see, in this order: folders that
// are new in this build appear whole, each in one rename (nothing links
// to them yet: a search index's new build folder, a new page); then each
// replaced or added file of an existing folder is renamed over the old
// one; then what this build dropped is removed. Only the second step
// can show a mix of builds, file by file; more than SmallChange such
// files make a whole new build, swapped in at once.
func (u *Update) Commit() (map[string]Sum, error) {
	defer u.dir.lock.release()
	if err := u.dir.wait(); err != nil {
		_ = u.dir.Abort()
		return nil, err
	}
	// The folders of either build, worked out only if a file is new or
	// gone (a file replaced is in a folder both builds have): for the
	// 16,000 files of a 10,000-page site, a tenth of a one-page rebuild's
	// commit.
	var oldDirs, newDirs map[string]bool
	// Changed files in folders the previous build did not have go in with
	// their topmost new folder.
	moveDirs := map[string]bool{}
	var files []string
	for name := range u.changed {
		if _, ok := u.previous[name]; ok {
			files = append(files, name)
			continue
		}
		if oldDirs == nil {
			oldDirs = parents(u.previous)
		}
		if d := topNew(path.Dir(name), oldDirs); d != "" {
			moveDirs[d] = true
		} else {
			files = append(files, name)
		}
	}
	var removed, removedDirs []string
	u.mu.Lock()
	gone := u.dropped()
	u.mu.Unlock()
	for name := range u.previous {
		if gone == 0 {
			break
		}
		if _, ok := u.next[name]; ok {
			continue
		}
		gone--
		if newDirs == nil {
			newDirs = parents(u.next)
		}
		if d := topNew(path.Dir(name), newDirs); d != "" {
			if !slices.Contains(removedDirs, d) {
				removedDirs = append(removedDirs, d)
			}
		} else {
			removed = append(removed, name)
		}
	}
	if len(files)+len(removed) > SmallChange {
		return u.next, u.commitWhole()
	}
	// The Marker names the build's own names beyond the usual ones (see
	// markerAlso). It changes before the files do, naming the names of
	// both builds, so a build cut short leaves no name it does not know,
	// and again once the names gone are removed.
	var markerFirst []string
	if was, will := extraTops(u.previous), extraTops(u.next); !slices.Equal(was, will) {
		if err := os.WriteFile(filepath.Join(u.dir.staging, Marker), markerFor(both(u.previous, u.next)), 0o644); err != nil {
			_ = u.dir.Abort()
			return nil, explain(err, u.dir.target)
		}
		markerFirst = []string{Marker}
	}
	// A few files are flushed one by one: syncfs would also wait for
	// every other dirty file of the file system.
	if err := syncTree(u.dir.staging); err != nil {
		_ = u.dir.Abort()
		return nil, explain(err, u.dir.target)
	}
	move := func(name string) error {
		to := filepath.Join(u.dir.target, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return explain(err, u.dir.target)
		}
		if err := os.Rename(filepath.Join(u.dir.staging, filepath.FromSlash(name)), to); err != nil {
			return explain(err, u.dir.target)
		}
		return nil
	}
	dirs := make([]string, 0, len(moveDirs))
	for d := range moveDirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	sort.Strings(files)
	for _, list := range [][]string{markerFirst, dirs, files} {
		for _, name := range list {
			if err := move(name); err != nil {
				return nil, err
			}
		}
	}
	for _, d := range removedDirs {
		_ = os.RemoveAll(filepath.Join(u.dir.target, filepath.FromSlash(d)))
		removeEmptyParents(u.dir.target, path.Dir(d))
	}
	for _, name := range removed {
		_ = os.Remove(filepath.Join(u.dir.target, filepath.FromSlash(name)))
		removeEmptyParents(u.dir.target, path.Dir(name))
	}
	if markerFirst != nil && !slices.Equal(extraTops(u.next), extraTops(both(u.previous, u.next))) {
		// The names gone are gone: the Marker says this build's alone.
		if err := os.WriteFile(filepath.Join(u.dir.staging, Marker), markerFor(u.next), 0o644); err == nil {
			_ = move(Marker)
		}
	}
	syncDir(u.dir.target)
	_ = os.RemoveAll(u.dir.staging)
	return u.next, nil
}

// both is the files of a and b.
func both(a, b map[string]Sum) map[string]Sum {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

// parents is the set of folders holding the files, at every level.
func parents(files map[string]Sum) map[string]bool {
	dirs := map[string]bool{".": true}
	for name := range files {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// topNew is the topmost folder on the way to dir that is not in have
// ("" when dir itself is there).
func topNew(dir string, have map[string]bool) string {
	top := ""
	for d := dir; !have[d]; d = path.Dir(d) {
		top = d
	}
	return top
}

// commitWhole links every unchanged file of the target into the staging
// folder, which then holds the whole new build, and swaps it in.
func (u *Update) commitWhole() error {
	u.dir.whole = u.next
	for name := range u.next {
		if _, ok := u.changed[name]; ok {
			continue
		}
		to := filepath.Join(u.dir.staging, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			_ = u.dir.Abort()
			return explain(err, u.dir.target)
		}
		if err := os.Link(filepath.Join(u.dir.target, filepath.FromSlash(name)), to); err != nil {
			_ = u.dir.Abort()
			if errors.Is(err, fs.ErrNotExist) {
				return errors.New("output: " + name + " is missing from " + u.dir.target + " (changed by hand?) — build again with -full")
			}
			return explain(err, u.dir.target)
		}
	}
	return u.dir.Commit()
}

// removeEmptyParents removes dir and its parents under root while empty.
func removeEmptyParents(root, dir string) {
	for dir != "." && dir != "/" && dir != "" {
		if os.Remove(filepath.Join(root, filepath.FromSlash(dir))) != nil {
			return
		}
		dir = path.Dir(dir)
	}
}
