// Package output is the only stage of the build that writes to disk. A
// build writes into a fresh folder beside the target and swaps it in only
// when everything is written, so a failed or killed build leaves the
// previous site exactly as it was.
package output

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Writer receives the files of a build. Implementations are safe for
// concurrent use: pages are rendered and written in parallel.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Memory keeps a build in memory: for tests, and for the preview server,
// which serves from memory and swaps whole builds.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// WriteFile implements Writer.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	m.Files[name] = data
	m.mu.Unlock()
	return nil
}

// Names lists the files, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || strings.HasPrefix(name, "../") || name == ".." {
		return errors.New("output: refusing to write outside the output folder: " + name)
	}
	return nil
}

// Dir writes a build into a staging folder next to the target folder.
// Writes are queued and done by a few goroutines of their own, so the
// build's CPU work goes on while the kernel creates folders and files (on
// a loaded disk that is most of a big build); Commit waits for them.
type Dir struct {
	target  string
	staging string
	lock    *targetLock // the target's, see lockTarget
	mu      sync.Mutex
	made    map[string]bool
	bytes   int64
	files   int
	err     error // the first failed write
	sums    map[string]Sum
	// whole is every file of the build when the folder holds more
	// than was written to it (an Update committed whole), for the
	// Marker.
	whole map[string]Sum

	queue chan pending
	done  sync.WaitGroup
	once  sync.Once
}

type pending struct {
	name string
	data []byte
	sum  *Sum         // known already (an Update hashed it), or nil
	done func([]byte) // given data back once it is written, or nil
}

// Lender is a Writer that can hand a file's bytes back once it has them
// on disk, so the caller can use the memory again: at 10,000 pages, the
// pages' own buffers were a tenth of what a build allocated. Dir and
// Update are Lenders; Memory keeps what it is given and is not.
type Lender interface {
	Writer
	// WriteFileThen is WriteFile, and calls done(data) when data is no
	// longer needed: after the write, or at once when nothing is written.
	// After a failed write, data still queued is dropped without done:
	// the build is lost, and its buffers with it.
	WriteFileThen(name string, data []byte, done func([]byte)) error
}

// writers is how many writes may be in the kernel at once: more than the
// cores, since a write mostly waits for the file system.
const writers = 8

// Begin starts a build that will replace target. Staging folders left by
// killed builds are removed first.
func Begin(target string) (*Dir, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	// A build is staged beside the target, so the folder holding it must
	// be writable too. Named as such: "cannot write to .: permission
	// denied" left the user to guess which folder that was.
	where := parent
	if abs, err := filepath.Abs(parent); err == nil {
		where = abs
	}
	where += " (the folder holding " + target + ", where a build is staged)"
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, explain(err, where)
	}
	base := filepath.Base(target)
	lock, err := lockTarget(filepath.Join(parent, "."+base+".lock"), target)
	if err != nil {
		return nil, explain(err, where)
	}
	// Under the lock, a staging folder is no other build's.
	if old, _ := filepath.Glob(filepath.Join(parent, "."+base+".staging-*")); len(old) > 0 {
		for _, o := range old {
			_ = os.RemoveAll(o)
		}
	}
	staging, err := os.MkdirTemp(parent, "."+base+".staging-")
	if err != nil {
		lock.release()
		return nil, explain(err, where)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		_ = os.RemoveAll(staging)
		lock.release()
		return nil, explain(err, staging)
	}
	d := &Dir{target: target, staging: staging, lock: lock, made: map[string]bool{".": true}, queue: make(chan pending, 4*writers), sums: map[string]Sum{}}
	for range writers {
		d.done.Add(1)
		go d.writer()
	}
	return d, nil
}

// WriteFile implements Writer. The file is written soon after; a write
// that fails makes the next WriteFile and Commit return its error. data
// must not change after the call.
func (d *Dir) WriteFile(name string, data []byte) error {
	return d.WriteFileThen(name, data, nil)
}

// WriteFileThen implements Lender.
func (d *Dir) WriteFileThen(name string, data []byte, done func([]byte)) error {
	if err := checkName(name); err != nil {
		return err
	}
	return d.enqueue(pending{name: name, data: data, done: done})
}

func (d *Dir) enqueue(p pending) error {
	d.mu.Lock()
	err := d.err
	d.files++
	d.bytes += int64(len(p.data))
	d.mu.Unlock()
	if err != nil {
		return err
	}
	d.queue <- p
	return nil
}

func (d *Dir) writer() {
	defer d.done.Done()
	for p := range d.queue {
		d.mu.Lock()
		failed := d.err != nil
		d.mu.Unlock()
		if failed {
			continue // drain: the build is lost anyway
		}
		err := d.write(p)
		if p.done != nil {
			p.done(p.data)
		}
		if err != nil {
			d.mu.Lock()
			if d.err == nil {
				d.err = err
			}
			d.mu.Unlock()
		}
	}
}

func (d *Dir) write(p pending) error {
	name, data := p.name, p.data
	dir := path.Dir(name)
	d.mu.Lock()
	made, parentMade := d.made[dir], d.made[path.Dir(dir)]
	d.mu.Unlock()
	if !made {
		// Making folders is safe to race; doing it outside the lock lets
		// the writers of 10,000 page folders work in parallel. A page's
		// folder usually has its parent made already: one mkdir.
		full := filepath.Join(d.staging, filepath.FromSlash(dir))
		var err error
		if parentMade {
			err = mkdir(full)
		} else {
			err = os.MkdirAll(full, 0o755)
		}
		if err != nil {
			return explain(err, d.target)
		}
		d.mu.Lock()
		for p := dir; p != "." && !d.made[p]; p = path.Dir(p) {
			d.made[p] = true
		}
		d.mu.Unlock()
	}
	if err := writeFile(filepath.Join(d.staging, filepath.FromSlash(name)), data); err != nil {
		return explain(err, d.target)
	}
	if p.sum == nil {
		sum := sha256.Sum256(data)
		p.sum = &sum
	}
	d.mu.Lock()
	d.sums[name] = *p.sum
	d.mu.Unlock()
	return nil
}

// Files lists the files written with their content sums (for an Update
// of this build later). Call it once the writes are done: after Ready
// or Commit.
func (d *Dir) Files() map[string]Sum {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sums
}

// wait lets the queued writes finish and returns the first error.
func (d *Dir) wait() error {
	d.once.Do(func() { close(d.queue) })
	d.done.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Ready waits for the queued writes and returns the files written with
// their sums, as Files does after Commit, so that a caller can work with
// them while Commit flushes and swaps.
func (d *Dir) Ready() (map[string]Sum, error) {
	if err := d.wait(); err != nil {
		return nil, err
	}
	return d.Files(), nil
}

// Stats reports how many files and bytes were written.
func (d *Dir) Stats() (files int, bytes int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.files, d.bytes
}

// Commit makes the staged build the target, atomically where the system
// allows (see swap), and removes the previous build.
func (d *Dir) Commit() error {
	defer d.lock.release()
	if err := d.wait(); err != nil {
		_ = d.Abort()
		return err
	}
	all := d.sums
	if d.whole != nil {
		all = d.whole
	}
	if err := mark(d.staging, all); err != nil {
		_ = d.Abort()
		return explain(err, d.target)
	}
	if err := syncAll(d.staging); err != nil {
		_ = d.Abort()
		return explain(err, d.target)
	}
	old, err := swap(d.staging, d.target)
	if err != nil {
		_ = d.Abort()
		return explain(err, d.target)
	}
	if old != "" {
		_ = os.RemoveAll(old)
	}
	return nil
}

// Abort removes the staging folder; the target is untouched.
func (d *Dir) Abort() error {
	defer d.lock.release()
	_ = d.wait()
	return os.RemoveAll(d.staging)
}

// syncTree flushes the staged files one by one, so a power cut after the
// swap cannot leave a target of empty files (the portable way; Linux uses
// one syncfs call, see syncAll).
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		serr := f.Sync()
		cerr := f.Close()
		if serr != nil {
			return serr
		}
		return cerr
	})
}

// explain turns the common ways a write fails into advice.
func explain(err error, where string) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return errors.New("cannot write to " + where + ": permission denied — make the output folder writable or choose another with -out")
	case isNoSpace(err):
		return errors.New("cannot write to " + where + ": the disk is full — free some space and build again; the previous output is unchanged")
	case isReadOnly(err):
		return errors.New("cannot write to " + where + ": the file system is read-only — choose another folder with -out")
	}
	return err
}
