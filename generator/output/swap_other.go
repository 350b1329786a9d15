//go:build !linux

package output

func swap(staging, target string) (string, error) { return swapByRename(staging, target) }

func isNoSpace(err error) bool  { return false }
func isReadOnly(err error) bool { return false }

func syncAll(dir string) error { return syncTree(dir) }
