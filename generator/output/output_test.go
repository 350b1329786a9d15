package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// snapshot hashes every file and folder under dir, so a test can prove a
// folder is byte-identical before and after.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			lines = append(lines, "d "+rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		lines = append(lines, "f "+rel+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func writeBuild(t *testing.T, target string, files map[string]string) {
	t.Helper()
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range files {
		if err := d.WriteFile(n, []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestCommitReplacesTheWholeBuild(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	writeBuild(t, target, map[string]string{"index.html": "一", "old/page.html": "旧"})
	writeBuild(t, target, map[string]string{"index.html": "二", "new/page.html": "新"})
	got := snapshot(t, target)
	if strings.Contains(got, "old") || !strings.Contains(got, "new/page.html") {
		t.Fatalf("after the second build:\n%s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "index.html")); string(b) != "二" {
		t.Fatalf("index.html = %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".public.staging-*"))
	if len(left) > 0 {
		t.Fatalf("staging folders left behind: %v", left)
	}
}

// A build that fails midway leaves the previous output byte-identical.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	writeBuild(t, target, map[string]string{"index.html": "现行", "latest/a/index.html": "甲", "assets/x.css": "body{}"})
	before := snapshot(t, target)

	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("index.html", []byte("半成品"))
	_ = d.WriteFile("latest/a/index.html", []byte("半成品"))
	if err := d.Abort(); err != nil { // the build failed here
		t.Fatal(err)
	}
	if after := snapshot(t, target); after != before {
		t.Fatalf("output changed:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// A killed build leaves a staging folder but never touches the target; the
// next build removes the leftovers.
func TestKilledBuildIsCleanedUpByTheNext(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	writeBuild(t, target, map[string]string{"index.html": "现行"})
	before := snapshot(t, target)
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("index.html", []byte("被杀死的构建"))
	// no Commit, no Abort: the process died, and the kernel dropped its
	// lock of the folder (see lockTarget)
	d.lock.drop()
	if after := snapshot(t, target); after != before {
		t.Fatal("the target changed before commit")
	}
	writeBuild(t, target, map[string]string{"index.html": "下一次"})
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".public.staging-*"))
	if len(left) > 0 {
		t.Fatalf("leftover staging folders: %v", left)
	}
}

func TestWritesOutsideTheOutputAreRefused(t *testing.T) {
	d, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../escape.html", "/etc/x", "a/../../b", ""} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
}

func TestReadOnlyOutputGivesAClearError(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions; the read-only case is checked by the kill/disk tests run as a user")
	}
	parent := t.TempDir()
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(parent, 0o755)
	_, err := Begin(filepath.Join(parent, "public"))
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("err = %v", err)
	}
	var pe *fs.PathError
	_ = errors.As(err, &pe)
}

// A Lender gives each file's bytes back once they are on disk, and only
// then: a caller that reuses them at once (here: overwrites them) never
// changes what was written. An Update gives back at once the bytes of a
// file it does not write.
func TestLentBytesComeBackOnceWritten(t *testing.T) {
	target := filepath.Join(t.TempDir(), "site")
	var mu sync.Mutex
	back := map[string]bool{}
	scribble := func(name string) func([]byte) {
		return func(b []byte) {
			for i := range b {
				b[i] = 'x'
			}
			mu.Lock()
			back[name] = true
			mu.Unlock()
		}
	}
	content := func(i int) string { return strings.Repeat(fmt.Sprintf("第%d页。", i), 200+i) }
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	var l Lender = d
	for i := range 200 {
		name := fmt.Sprintf("p%d/index.html", i)
		if err := l.WriteFileThen(name, []byte(content(i)), scribble(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		name := fmt.Sprintf("p%d/index.html", i)
		b, err := os.ReadFile(filepath.Join(target, name))
		if err != nil || string(b) != content(i) {
			t.Fatalf("%s: %v, or not what was written", name, err)
		}
		if !back[name] {
			t.Fatalf("%s: its bytes were never given back", name)
		}
	}

	u, err := BeginUpdate(target, d.Files())
	if err != nil {
		t.Fatal(err)
	}
	clear(back)
	l = u
	if err := l.WriteFileThen("p1/index.html", []byte(content(1)), scribble("same")); err != nil {
		t.Fatal(err)
	}
	if !back["same"] {
		t.Fatal("an unchanged file's bytes were not given back at once")
	}
	if err := l.WriteFileThen("p2/index.html", []byte("新的第2页"), scribble("new")); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if i != 2 {
			if err := u.Keep(fmt.Sprintf("p%d/index.html", i)); err != nil && i != 1 {
				t.Fatal(err)
			}
		}
	}
	if _, err := u.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "p2/index.html")); string(b) != "新的第2页" || !back["new"] {
		t.Fatalf("the changed file holds %q (given back: %v)", b, back["new"])
	}
}
