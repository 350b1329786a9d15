package output

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// swap exchanges the staged folder and the target in one step
// (renameat2 RENAME_EXCHANGE): at every instant the target is either the
// whole old build or the whole new one. It returns the path now holding the
// old build, to remove.
func swap(staging, target string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, target, unix.RENAME_EXCHANGE)
	if err == nil {
		syncDir(filepath.Dir(target))
		return staging, nil
	}
	if os.IsNotExist(err) {
		// No previous build: a plain rename is atomic.
		if err := os.Rename(staging, target); err != nil {
			return "", err
		}
		syncDir(filepath.Dir(target))
		return "", nil
	}
	if err == unix.EINVAL || err == unix.ENOSYS {
		return swapByRename(staging, target)
	}
	return "", err
}

func isNoSpace(err error) bool  { return errorsIs(err, unix.ENOSPC) || errorsIs(err, unix.EDQUOT) }
func isReadOnly(err error) bool { return errorsIs(err, unix.EROFS) }

// syncAll flushes the file system holding the staged build in one call:
// fsyncing 14,000 files one by one took seconds.
func syncAll(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return syncTree(dir)
	}
	return nil
}
