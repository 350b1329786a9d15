//go:build !linux

package content

import "io/fs"

// Elsewhere a stamp has no change time or inode: too weak to trust.
func sysStamp(fs.FileInfo, *Stamp) bool { return false }
