//go:build !linux

package output

import (
	"errors"
	"io/fs"
	"os"
)

func writeFile(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }

func mkdir(p string) error {
	if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}
