//go:build !unix

package build

import "os"

// readBlob reads a cache's blob (see blob_unix.go).
func readBlob(name string) ([]byte, error) { return os.ReadFile(name) }
