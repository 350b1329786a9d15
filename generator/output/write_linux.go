package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// writeFile creates a file with data in three system calls: os.WriteFile
// also sets the descriptor up for the poller (fcntl, a failing epoll_ctl,
// fstat), which for the 16,000 files of a big build was a good part of
// its system time.
func writeFile(p string, data []byte) error {
	fd, err := unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			_ = unix.Close(fd)
			return &os.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}

// mkdir makes one folder whose parent exists; one that exists already is
// fine.
func mkdir(p string) error {
	err := unix.Mkdir(p, 0o755)
	if err == nil || errors.Is(err, unix.EEXIST) {
		return nil
	}
	return &os.PathError{Op: "mkdir", Path: p, Err: err}
}
