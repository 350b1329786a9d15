package output

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
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
	return &Update{dir: d, previous: previous, next: map[string]Sum{}, changed: map[string]struct{}{}}, nil
}

// WriteFile implements Writer: a file whose content is what the target
// already holds is not written again.
func (u *Update) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	u.mu.Lock()
	u.next[name] = sum
	old, had := u.previous[name]
	if had && old == sum {
		u.mu.Unlock()
		return nil
	}
	u.changed[name] = struct{}{}
	u.mu.Unlock()
	return u.dir.WriteFile(name, data)
}

// Keep records that a file of the previous build stays as it is, without
// its content being produced again.
func (u *Update) Keep(name string) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	sum, ok := u.previous[name]
	if !ok {
		return errors.New("output: cannot keep " + name + ": the previous build has no such file")
	}
	u.next[name] = sum
	return nil
}

// Changed reports how many files (and bytes) this build wrote and how
// many of the previous build's files it drops.
func (u *Update) Changed() (written, removed int, bytes int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	for name := range u.previous {
		if _, ok := u.next[name]; !ok {
			removed++
		}
	}
	_, bytes = u.dir.Stats()
	return len(u.changed), removed, bytes
}

// Abort removes the staged files; the target is untouched.
func (u *Update) Abort() error { return u.dir.Abort() }

// Commit moves the changes into the target and returns its files with
// their sums, for the next Update.
func (u *Update) Commit() (map[string]Sum, error) {
	if err := u.dir.wait(); err != nil {
		_ = u.dir.Abort()
		return nil, err
	}
	var removed []string
	for name := range u.previous {
		if _, ok := u.next[name]; !ok {
			removed = append(removed, name)
		}
	}
	if len(u.changed)+len(removed) > SmallChange {
		return u.next, u.commitWhole()
	}
	if err := syncAll(u.dir.staging); err != nil {
		_ = u.dir.Abort()
		return nil, explain(err, u.dir.target)
	}
	names := make([]string, 0, len(u.changed))
	for name := range u.changed {
		names = append(names, name)
	}
	// Deepest first is not needed for files; a stable order keeps a
	// killed commit's partial state reproducible.
	sort.Strings(names)
	for _, name := range names {
		to := filepath.Join(u.dir.target, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return nil, explain(err, u.dir.target)
		}
		if err := os.Rename(filepath.Join(u.dir.staging, filepath.FromSlash(name)), to); err != nil {
			return nil, explain(err, u.dir.target)
		}
	}
	for _, name := range removed {
		_ = os.Remove(filepath.Join(u.dir.target, filepath.FromSlash(name)))
		removeEmptyParents(u.dir.target, path.Dir(name))
	}
	syncDir(u.dir.target)
	_ = os.RemoveAll(u.dir.staging)
	return u.next, nil
}

// commitWhole links every unchanged file of the target into the staging
// folder, which then holds the whole new build, and swaps it in.
func (u *Update) commitWhole() error {
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
