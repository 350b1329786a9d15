package e2e

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"handbook/generator/e2e/harness"
)

// cliServer is handbook serve run as a user runs it, on a free port.
type cliServer struct {
	cmd    *exec.Cmd
	url    string // http://127.0.0.1:PORT
	mu     sync.Mutex
	out    strings.Builder
	events chan string // "name data" of each live-reload event
}

func (c *cliServer) log() string { c.mu.Lock(); defer c.mu.Unlock(); return c.out.String() }

// startServe runs bin serve on source and returns once it serves and its
// live-reload channel is read into events.
func startServe(t *testing.T, bin, source string) *cliServer {
	t.Helper()
	c := &cliServer{cmd: exec.Command(bin, "serve", "-source", source, "-addr", "127.0.0.1:0"), events: make(chan string, 64)}
	c.cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
	// Run outside the project: serve then does not watch calculator/,
	// which other work may be editing meanwhile.
	c.cmd.Dir = filepath.Dir(source)
	pr, pw := io.Pipe()
	c.cmd.Stdout, c.cmd.Stderr = pw, pw
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			_ = c.cmd.Process.Kill()
			_ = c.cmd.Wait()
		}
		_ = pw.Close()
	})
	served := make(chan string, 1)
	addr := regexp.MustCompile(`serving (?:the working copy at )?(http://127\.0\.0\.1:\d+)`)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			c.mu.Lock()
			c.out.WriteString(sc.Text() + "\n")
			c.mu.Unlock()
			if m := addr.FindStringSubmatch(sc.Text()); m != nil {
				served <- m[1]
			}
		}
	}()
	select {
	case c.url = <-served:
	case <-time.After(3 * time.Minute):
		t.Fatalf("handbook serve did not start:\n%s", c.log())
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", c.url+"/__handbook/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		name := ""
		for sc.Scan() {
			if s, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				name = s
			} else if s, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				c.events <- name + " " + s
			}
		}
	}()
	if ev := c.next(t); !strings.HasPrefix(ev, "hello ") {
		t.Fatalf("first event %s, want hello", ev)
	}
	return c
}

func (c *cliServer) next(t *testing.T) string {
	t.Helper()
	select {
	case ev := <-c.events:
		return ev
	case <-time.After(20 * time.Second):
		t.Fatalf("no live-reload event in 20 s; handbook serve printed:\n%s", c.log())
	}
	return ""
}

// expect waits for an event of this name and returns its data.
func (c *cliServer) expect(t *testing.T, name string) string {
	t.Helper()
	ev := c.next(t)
	if !strings.HasPrefix(ev, name+" ") {
		t.Fatalf("got event %.300s, want %s; handbook serve printed:\n%s", ev, name, c.log())
	}
	return ev
}

func (c *cliServer) get(t *testing.T, path string) string {
	t.Helper()
	res, err := http.Get(c.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestServeFolderRecreated: handbook serve reads the content folder
// through the folder it opened at start (an os.Root), so after the folder
// was deleted and made again (rm -rf and a copy from a backup, a
// checkout of the folder anew) every rebuild read the deleted one:
// 'cannot read … no such file or directory', for good, whatever the
// admin saved. It now reads the folder that is there.
func TestServeFolderRecreated(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	source := filepath.Join(dir, "content")
	copyTree(t, harness.ContentDir(), source)
	c := startServe(t, bin, source)
	backup := filepath.Join(dir, "backup")
	copyTree(t, source, backup)
	if err := os.RemoveAll(source); err != nil {
		t.Fatal(err)
	}
	for ev := c.expect(t, "problems"); !strings.Contains(ev, "folder is gone"); ev = c.expect(t, "problems") {
	}
	copyTree(t, backup, source)
	c.expect(t, "reload")
	page := filepath.Join(source, "07-confidentiality.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(b, "\n恢复后保存的一句。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	c.expect(t, "reload")
	if body := c.get(t, "/draft/confidentiality/"); !strings.Contains(body, "恢复后保存的一句") {
		t.Errorf("a save after the folder came back is not in the page; handbook serve printed:\n%s", c.log())
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	_ = c.cmd.Wait()
}
