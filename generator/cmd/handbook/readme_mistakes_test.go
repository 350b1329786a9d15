package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A newcomer's usual mistakes with build and serve, each answered in one
// message that says what is wrong and what to give instead. Before, a
// misspelt flag printed Go's "flag provided but not defined" and every
// flag; `handbook build content -out site` ignored both its arguments and
// built into public/; -source on the project folder failed on
// calculator/ being "the generator's own page"; -addr 1313 said "missing
// port in address"; and -h exited 2, as a mistake does.
func TestMistakesSayWhatToDo(t *testing.T) {
	dir := copyHandbook(t)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module handbook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"build", "-h"}, 0, []string{"usage: handbook build", "-source", "-out", "-drafts", "-full", "-timings"}},
		{[]string{"serve", "-help"}, 0, []string{"usage: handbook serve", "-addr", "-source"}},
		{[]string{"build", "-sourc", "content"}, 2, []string{"-sourc", "did you mean -source?", `run "handbook build -h"`}},
		{[]string{"build", "-d", "site"}, 2, []string{"did you mean -out?"}},
		{[]string{"build", "-o", "site"}, 2, []string{"did you mean -out?"}},
		{[]string{"build", "-D"}, 2, []string{"did you mean -drafts?"}},
		{[]string{"build", "--tmings"}, 2, []string{"did you mean -timings?"}},
		{[]string{"serve", "-port", "8080"}, 2, []string{"did you mean -addr?"}},
		{[]string{"build", "-drafts=yes"}, 2, []string{`invalid boolean value "yes" for -drafts`, `run "handbook build -h"`}},
		{[]string{"build", "content", "-out", "site"}, 2, []string{`unexpected argument "content"`, "-source", "-out"}},
		{[]string{"serve", "content"}, 2, []string{`unexpected argument "content"`, "-source"}},
		{[]string{"serve", "-addr", "1313"}, 2, []string{"-addr 127.0.0.1:1313", "-addr :1313"}},
		{[]string{"serve", "-addr", "localhost"}, 2, []string{"want host:port"}},
		{[]string{"serve", "-addr", "127.0.0.1:99999"}, 2, []string{"the port must be a number"}},
		{[]string{"build", "-source", "."}, 1, []string{"is the project folder", "-source content"}},
		{[]string{"build", "-source", "content/06-performance.md"}, 1, []string{"is a file, not a folder", "-source"}},
		{[]string{"build", "-source", "contnet"}, 1, []string{"contnet: no such folder", "-source"}},
	} {
		code, stdout, stderr, _ := runCLI(t, time.Minute, c.args...)
		msg := stdout + stderr
		if code != c.code {
			t.Errorf("handbook %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.code, msg)
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("handbook %s: the message does not say %q:\n%s", strings.Join(c.args, " "), w, msg)
			}
		}
		if c.code == 2 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("handbook %s: a mistake is said in one line, not %d:\n%s", strings.Join(c.args, " "), strings.Count(stderr, "\n"), stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
			t.Fatalf("handbook %s built public/", strings.Join(c.args, " "))
		}
	}

	// Run outside the project, the default content/ is missing.
	t.Chdir(t.TempDir())
	code, _, stderr, _ := runCLI(t, time.Minute, "build")
	if code != 1 || !strings.Contains(stderr, "there is no content folder in") || !strings.Contains(stderr, "run handbook in the project folder") {
		t.Errorf("build outside the project: exit %d\n%s", code, stderr)
	}
	// Run inside a handbook's own folder, made by hand: the message says
	// to give -source . (it said to go to the project folder, which a
	// new handbook's admin does not have).
	hr := filepath.Join(t.TempDir(), "hr")
	if err := os.MkdirAll(hr, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hr, "site.toml"), []byte("title = \"人力资源部员工手册\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(hr)
	for _, cmd := range []string{"build", "serve"} {
		code, _, stderr, _ = runCLI(t, time.Minute, cmd)
		if code != 1 || !strings.Contains(stderr, "holds a site.toml of its own — to use this folder as the handbook, give -source . (or run handbook from the folder above with -source hr)") {
			t.Errorf("%s inside a handbook's folder: exit %d\n%s", cmd, code, stderr)
		}
	}
}

// An -out that is a symbolic link is built into where it leads, also
// typed with its trailing slash (public/), when the link was replaced by
// a folder and the folder it leads to was left empty, and when that
// folder is not made yet, when the link was replaced too.
func TestOutputLinkTypedWithASlashOrLeadingNowhereYet(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "content")
	killTree(t, src, 2, "A")
	www := filepath.Join(root, "www")
	if err := os.Mkdir(www, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ link, target, arg string }{
		{filepath.Join(root, "public"), www, filepath.Join(root, "public") + "/"},
		{filepath.Join(root, "site"), filepath.Join(root, "not", "yet"), filepath.Join(root, "site")},
		{filepath.Join(root, "rel"), "relative-yet", filepath.Join(root, "rel")},
	} {
		if err := os.Symlink(c.target, c.link); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			buildOK(t, "-source", src, "-out", c.arg)
			if fi, err := os.Lstat(c.link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Fatalf("-out %s: the link was replaced (%v)", c.arg, err)
			}
			target := c.target
			if !filepath.IsAbs(target) {
				target = filepath.Join(root, target)
			}
			if _, err := os.Stat(filepath.Join(target, "latest", "index.html")); err != nil {
				t.Fatalf("-out %s: the build is not where the link leads: %v", c.arg, err)
			}
		}
	}
}

// An output folder the build refuses (it holds a file of someone's, here a
// CNAME) ends, as every failed build does, with the line saying the
// folder is unchanged; the refusal alone left the admin wondering.
func TestARefusedOutputFolderIsSaidUnchanged(t *testing.T) {
	dir := copyHandbook(t)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module handbook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "CNAME"), []byte("handbook.example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-out", "site")
	if code != 1 || !strings.Contains(stderr, "CNAME") || !strings.HasSuffix(strings.TrimSpace(stderr), "handbook: build failed; site/ is unchanged") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(site, "CNAME")); err != nil || string(b) != "handbook.example.com\n" {
		t.Errorf("the CNAME is gone or changed: %q %v", b, err)
	}
}
