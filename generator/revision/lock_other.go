//go:build !unix

package revision

// lockDir is a no-op where flock is not available; run one publish at a
// time.
func lockDir(string) (func(), error) { return func() {}, nil }
