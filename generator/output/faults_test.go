package output

import (
	"io/fs"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The faults a write meets, as the system reports them, each turned into a
// message that names the folder and says what to do (the command's tests
// provoke them for real on a tiny or read-only tmpfs, where they can).
func TestWriteFaultsAreExplained(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the errno mapping is Linux's")
	}
	for _, c := range []struct {
		errno syscall.Errno
		want  string
	}{
		{syscall.ENOSPC, "cannot write to /srv/public: the disk is full — free some space and build again"},
		{syscall.EDQUOT, "cannot write to /srv/public: the disk is full"},
		{syscall.EROFS, "cannot write to /srv/public: the file system is read-only — choose another folder with -out"},
		{syscall.EACCES, "cannot write to /srv/public: permission denied — make the output folder writable or choose another with -out"},
	} {
		err := explain(&fs.PathError{Op: "open", Path: "/srv/.public.staging-1/index.html", Err: c.errno}, "/srv/public")
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v:\n got  %v\n want %s…", c.errno, err, c.want)
		}
	}
}
