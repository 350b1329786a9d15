//go:build unix

package output

import (
	"errors"
	"os"
	"sync"
	"syscall"
)

// lockTarget takes the lock of one output folder: an advisory lock on a
// file beside it (".public.lock"), held from Begin to Commit or Abort,
// removed with it. Two builds of the same folder at once removed each
// other's staging folders as "left by a killed build", and one failed
// with "mkdir .public.staging-…/assets: no such file or directory"; now
// the second one is told another build is running. The kernel drops
// the lock when its process dies, so a killed build leaves none.
func lockTarget(name, target string) (*targetLock, error) {
	for range 10 {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errors.New("another build is writing " + target + " — wait for it to finish, then build again (or build into another folder with -out)")
			}
			return nil, err
		}
		// The lock is the file's that is still there: the previous holder
		// removes it as it lets go, and one opened just before that is
		// locked by no one else.
		var held, now syscall.Stat_t
		if syscall.Fstat(int(f.Fd()), &held) == nil && syscall.Stat(name, &now) == nil && held.Dev == now.Dev && held.Ino == now.Ino {
			return &targetLock{name: name, f: f}, nil
		}
		f.Close()
	}
	return nil, errors.New("cannot lock " + target + " — build again")
}

// targetLock is a held lock of an output folder.
type targetLock struct {
	name string
	f    *os.File
	once sync.Once
}

// release removes the lock file and lets go of it.
func (l *targetLock) release() {
	l.once.Do(func() {
		_ = os.Remove(l.name)
		l.f.Close()
	})
}

// drop lets go of the lock as a killed process does: the kernel drops
// it, and the file stays.
func (l *targetLock) drop() { l.once.Do(func() { l.f.Close() }) }
