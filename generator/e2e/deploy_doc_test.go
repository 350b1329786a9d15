package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"handbook/generator/e2e/harness"
)

// The README's nginx example, run as written under a real nginx (skipped
// when nginx is not installed): every file of a build is served under
// /handbook/ with its type, hashed assets cached for ever, the files that
// name the others revalidated, and a missing page gets the site's 404.
// As first written, its types {} block replaced nginx's whole type map
// (every page came as text/plain, shown as source, and the service worker
// was refused), and its assets location, a regular expression with an
// alias, answered every asset with a redirect to a folder.
func TestReadmeNginxExampleServesTheSite(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin, err = exec.LookPath("/usr/sbin/nginx") // not on a user's PATH
	}
	if err != nil {
		if os.Getenv("HANDBOOK_BROWSER_TESTS") == "required" {
			t.Fatal("nginx is not installed (CI installs it): the README's nginx example cannot be checked")
		}
		t.Skip("nginx is not installed: the README's nginx example is not checked")
	}
	readme, err := os.ReadFile(filepath.Join(harness.ModuleRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```nginx example")
	}
	s := harness.ServeContent(t, harness.ContentDir(), false)
	// Readable by nginx's workers, which run as another user.
	dir, err := os.MkdirTemp("", "handbook-nginx-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	for name, data := range s.Files {
		p := filepath.Join(public, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	example := strings.ReplaceAll(string(m[1]), "/srv/handbook/public/", public+"/")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	mime := "/etc/nginx/mime.types"
	if _, err := os.Stat(mime); err != nil {
		t.Skip("no /etc/nginx/mime.types")
	}
	conf := fmt.Sprintf(`daemon off; worker_processes 1; pid %[1]s/nginx.pid; error_log %[1]s/error.log;
events {}
http {
  include %[2]s;
  access_log off;
  client_body_temp_path %[1]s; proxy_temp_path %[1]s; fastcgi_temp_path %[1]s; uwsgi_temp_path %[1]s; scgi_temp_path %[1]s;
  server {
    listen %[3]s;
%[4]s
  }
}
`, dir, mime, addr, example)
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	// Its output goes to a file: a pipe would be held open by its workers.
	out, err := os.Create(filepath.Join(dir, "nginx.out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(bin, "-e", filepath.Join(dir, "error.log"), "-c", confFile)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// SIGQUIT: the master stops its workers, then exits.
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	// A timeout: a request nginx accepts and never answers fails the test
	// rather than hanging the package until go test's own deadline (it hung
	// 8m42s once on a loaded machine).
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(p string) *http.Response {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			res, err := client.Get("http://" + addr + p)
			if err == nil {
				res.Body.Close()
				return res
			}
			if time.Now().After(deadline) {
				log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
				msg, _ := os.ReadFile(out.Name())
				t.Fatalf("GET %s: %v\nnginx: %s%s", p, err, msg, log)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	types := map[string]string{".html": "text/html", ".css": "text/css", ".js": "javascript", ".json": "application/json",
		".wasm": "application/wasm", ".bin": "application/octet-stream"}
	for name := range s.Files {
		url := "/handbook/" + strings.TrimSuffix(name, "index.html")
		res := get(url)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: HTTP %d (Location %q)", url, res.StatusCode, res.Header.Get("Location"))
			continue
		}
		if want, ok := types[path.Ext(name)]; ok && !strings.Contains(res.Header.Get("Content-Type"), want) {
			t.Errorf("%s: served as %q, want %s", url, res.Header.Get("Content-Type"), want)
		}
		cc := res.Header.Get("Cache-Control")
		switch {
		case strings.HasPrefix(name, "assets/") && !strings.Contains(cc, "immutable"):
			t.Errorf("%s: a hashed asset with Cache-Control %q", url, cc)
		case (path.Base(name) == "sw.js" || path.Base(name) == "precache.json" || path.Base(name) == "meta.json") && cc != "no-cache":
			t.Errorf("%s: Cache-Control %q, want no-cache", url, cc)
		}
	}
	if res := get("/handbook/no-such-page/"); res.StatusCode != http.StatusNotFound || !strings.Contains(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("a missing page: HTTP %d, %s; want the site's 404 page", res.StatusCode, res.Header.Get("Content-Type"))
	}
}
