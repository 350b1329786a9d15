//go:build unix

package main

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// folderStamp identifies the output folder itself: every full build swaps
// in a new folder, so a folder deleted, replaced or restored from
// elsewhere does not match the cache and gets a full build. The inode
// alone is not enough (a new folder may get a freed inode's number); its
// change time, to the nanosecond, tells two folders apart, and changes
// whenever an entry of the folder is added, removed or renamed.
func folderStamp(out string) string {
	var st unix.Stat_t
	if err := unix.Stat(out, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return ""
	}
	return fmt.Sprintf("dir:%d:%d:%d.%09d", st.Dev, st.Ino, st.Ctim.Sec, st.Ctim.Nsec)
}
