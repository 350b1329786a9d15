//go:build unix

package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// readBlob maps a cache's blob into memory rather than reading it: a
// rebuild touches the facts (a quarter of a 10,000-page blob) and the
// sources of the few pages it renders, and reading all 40 MB was a third
// of its time loading the cache. A blob is only ever appended to, never
// shortened (a new blob gets a new name), so the mapping stays valid;
// it lasts as long as the process.
func readBlob(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 || st.Size() != int64(int(st.Size())) {
		return os.ReadFile(name)
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return os.ReadFile(name)
	}
	return b, nil
}
