package output

import (
	"io/fs"
	"os"
	"path/filepath"
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

// TestTwoBuildsOfOneFolder: a second build of a folder while one is
// writing it is refused with a message, and leaves the first one's
// staging folder alone (it removed it as a killed build's, and the first
// build failed with "no such file or directory"). Once the first is
// done, the next build goes ahead, and no lock file is left.
func TestTwoBuildsOfOneFolder(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no advisory locks")
	}
	root := t.TempDir()
	target := filepath.Join(root, "public")
	first, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("index.html", []byte("一")); err != nil {
		t.Fatal(err)
	}
	_, err = Begin(target)
	if err == nil || !strings.Contains(err.Error(), "another build is writing "+target+" — wait") {
		t.Fatalf("a second build at once: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatalf("the first build, after a second one was refused: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(target, "index.html")); err != nil || string(b) != "一" {
		t.Fatalf("index.html: %q %v", b, err)
	}
	second, err := Begin(target)
	if err != nil {
		t.Fatalf("a build after the first: %v", err)
	}
	if err := second.Abort(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the output: %v, want only public", names)
	}
}
