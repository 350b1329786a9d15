//go:build !unix

package main

// folderStamp is "" where the system gives no folder change time: every
// build is then a full one (see folderstamp_unix.go).
func folderStamp(out string) string { return "" }
