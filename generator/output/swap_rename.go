package output

import (
	"errors"
	"os"
)

// swapByRename is the portable fallback: two renames, with a short window
// in which the target is missing (but the old build still exists beside
// it, and the next build cleans up).
func swapByRename(staging, target string) (string, error) {
	old := staging + ".old"
	if err := os.Rename(target, old); err != nil {
		if os.IsNotExist(err) {
			return "", os.Rename(staging, target)
		}
		return "", err
	}
	if err := os.Rename(staging, target); err != nil {
		_ = os.Rename(old, target)
		return "", err
	}
	return old, nil
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// syncDir flushes a folder's entries (where the system lets a folder be
// synced; elsewhere it does nothing).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}
