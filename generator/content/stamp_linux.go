package content

import (
	"io/fs"
	"syscall"
)

func sysStamp(info fs.FileInfo, st *Stamp) bool {
	sys, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	st.ChangeNs = sys.Ctim.Sec*1e9 + sys.Ctim.Nsec
	st.Ino = sys.Ino
	return true
}
