package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"handbook/theme"
)

// The bad-content corpus: testdata/bad/*.txt, one case per file. A case is
// an inline tree ("-- path --" blocks, as in generator/build's tests) of a
// folder holding content/ (and theme/, when the case is about the theme),
// plus two special blocks:
//
//	-- args --     extra flags for "handbook build"; $DIR is the case folder
//	-- expect --   one expectation per line:
//	               ok                   the build must succeed
//	               contains PATH TEXT   (ok cases) the built file PATH holds TEXT
//	               lacks PATH TEXT      (ok cases) the built file PATH does not hold TEXT
//	               stderr TEXT          (ok cases) the output holds TEXT, with a hint
//	               anything else        a substring of the error output; the line
//	                                    holding it must carry a hint (" — ")
//	               nohint TEXT          the same, for a message known to lack its
//	                                    hint (logged; fails once the hint is there)
//
// Lines before the first block describe the case. Inside a file, lines
// starting with @@ generate bytes that are awkward to commit as text:
//
//	@@repeat N "quoted"   the Go-quoted string N times
//	@@raw "quoted"        the Go-quoted string once (e.g. "\xff", "\ufeff")
//	@@crlf                the whole file gets CRLF line ends
//
// Every failing case runs against an out/ folder holding a good build and
// checks that the folder is byte-identical afterwards and that no staging
// folder is left beside it.
type corpusCase struct {
	name   string
	files  map[string][]byte
	args   []string
	expect []string
}

func parseCase(t *testing.T, name string, src []byte) corpusCase {
	t.Helper()
	c := corpusCase{name: name, files: map[string][]byte{}}
	var cur string
	var body bytes.Buffer
	crlf := false
	flush := func() {
		switch cur {
		case "":
		case "args":
			c.args = strings.Fields(body.String())
		case "expect":
			for _, l := range strings.Split(body.String(), "\n") {
				// Only spaces are trimmed, so an expectation can be about "\r".
				if l = strings.Trim(l, " \t"); l != "" {
					c.expect = append(c.expect, l)
				}
			}
		default:
			b := append([]byte(nil), body.Bytes()...)
			if crlf {
				b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
			}
			c.files[cur] = b
		}
		body.Reset()
		crlf = false
	}
	for _, line := range strings.SplitAfter(string(src), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(trim, " --") {
			flush()
			cur = strings.TrimSuffix(strings.TrimPrefix(trim, "-- "), " --")
			continue
		}
		if cur == "" {
			continue // the case's description
		}
		if !strings.HasPrefix(line, "@@") {
			body.WriteString(line)
			continue
		}
		verb, arg, _ := strings.Cut(strings.TrimSpace(line[2:]), " ")
		switch verb {
		case "crlf":
			crlf = true
		case "raw":
			s, err := strconv.Unquote(arg)
			if err != nil {
				t.Fatalf("%s: bad @@raw %s: %v", name, arg, err)
			}
			body.WriteString(s)
		case "repeat":
			ns, q, _ := strings.Cut(arg, " ")
			n, err1 := strconv.Atoi(ns)
			s, err2 := strconv.Unquote(q)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: bad @@repeat %s", name, arg)
			}
			body.WriteString(strings.Repeat(s, n))
		default:
			t.Fatalf("%s: unknown directive %s", name, line)
		}
	}
	flush()
	if len(c.expect) == 0 {
		t.Fatalf("%s: no -- expect -- block", name)
	}
	return c
}

// goodSite is the build every failing case must leave alone.
var goodSite = map[string]string{
	"site.toml": "title = \"好手册\"\nlanguage = \"zh-CN\"\n",
	"a.md":      "---\ntitle: 第一章 总则\norder: 1\nslug: a\n---\n\n## 一、目的\n\n为规范管理,制定本制度。\n",
	"b.md":      "---\ntitle: 第二章 职责\norder: 2\nslug: b\n---\n\n## 一、职责\n\n1. 原文乙;\n2. 原文丙。\n",
}

func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot hashes every file and folder under dir.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			snap[rel+"/"] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		snap[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func diffSnapshots(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "removed "+k)
		} else if w != v {
			d = append(d, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "added "+k)
		}
	}
	sort.Strings(d)
	return d
}

// stagingLeft lists staging folders left beside out.
func stagingLeft(t testing.TB, out string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".staging-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// runCLI runs the command in this process, turning a panic into a test
// failure that names the case, and gives up after limit (a hang).
func runCLI(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string, elapsed time.Duration) {
	t.Helper()
	type result struct {
		code     int
		out, err string
		panicked any
		stack    []byte
	}
	done := make(chan result, 1)
	begin := time.Now()
	go func() {
		var r result
		var o, e bytes.Buffer
		defer func() {
			if p := recover(); p != nil {
				r.panicked, r.stack = p, debug.Stack()
			}
			r.out, r.err = o.String(), e.String()
			done <- r
		}()
		r.code = run(args, &o, &e)
	}()
	select {
	case r := <-done:
		if r.panicked != nil {
			t.Fatalf("handbook %s panicked: %v\n%s", strings.Join(args, " "), r.panicked, r.stack)
		}
		return r.code, r.out, r.err, time.Since(begin)
	case <-time.After(limit):
		t.Fatalf("handbook %s did not finish in %v", strings.Join(args, " "), limit)
	}
	return
}

func TestBadContentCorpus(t *testing.T) {
	cases, err := filepath.Glob("testdata/bad/*.txt")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no corpus in testdata/bad: %v", err)
	}
	good := map[string][]byte{}
	for k, v := range goodSite {
		good["content/"+k] = []byte(v)
	}
	for _, file := range cases {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		c := parseCase(t, name, src)
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "out")

			// A good build first: the output a failed build must not touch.
			goodDir := filepath.Join(root, "good")
			writeFiles(t, goodDir, good)
			if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", filepath.Join(goodDir, "content"), "-out", out, "-today", "2026-01-01"); code != 0 {
				t.Fatalf("the good site did not build:\n%s", stderr)
			}
			before := snapshot(t, out)

			dir := filepath.Join(root, "case")
			files := c.files
			if hasPrefix(files, "theme/") {
				// A theme case edits a copy of the built-in theme.
				files = map[string][]byte{}
				err := fs.WalkDir(theme.FS, ".", func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					b, err := fs.ReadFile(theme.FS, p)
					files["theme/"+p] = b
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range c.files {
					files[k] = v
				}
			}
			writeFiles(t, dir, files)
			args := []string{"build", "-source", filepath.Join(dir, "content"), "-out", out, "-today", "2026-01-01"}
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "$DIR", dir))
			}
			code, stdout, stderr, elapsed := runCLI(t, 2*time.Minute, args...)
			// Messages name files relative to the working folder or, for a
			// temp folder, by their full path: compare from the case folder.
			stderr = strings.ReplaceAll(stderr, filepath.ToSlash(dir)+"/", "")
			t.Logf("exit %d in %v\n%s%s", code, elapsed.Round(time.Millisecond), stdout, stderr)

			if c.expect[0] == "ok" {
				if code != 0 {
					t.Fatalf("want a successful build, got exit %d:\n%s", code, stderr)
				}
				for _, e := range c.expect[1:] {
					verb, rest, _ := strings.Cut(e, " ")
					if verb == "stderr" {
						if line := lineHolding(stderr, rest); line == "" || !strings.Contains(line, " — ") {
							t.Errorf("the output lacks %q with a hint:\n%s", rest, stderr)
						}
						continue
					}
					p, text, _ := strings.Cut(rest, " ")
					b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
					if err != nil {
						t.Errorf("%s: %v", e, err)
						continue
					}
					switch verb {
					case "contains":
						if !bytes.Contains(b, []byte(text)) {
							t.Errorf("%s does not hold %q", p, text)
						}
					case "lacks":
						if bytes.Contains(b, []byte(text)) {
							t.Errorf("%s holds %q", p, text)
						}
					default:
						t.Fatalf("unknown expectation %q", e)
					}
				}
			} else {
				if code == 0 {
					t.Fatalf("want a failed build, got exit 0:\n%s", stdout)
				}
				for _, want := range c.expect {
					want, knownGap := strings.CutPrefix(want, "nohint ")
					line := lineHolding(stderr, want)
					switch {
					case line == "":
						t.Errorf("the output lacks %q:\n%s", want, stderr)
					case strings.Contains(line, " — ") && knownGap:
						t.Errorf("%q now has a hint: drop the nohint mark from the case", line)
					case !strings.Contains(line, " — ") && knownGap:
						t.Logf("known gap: no hint in %q", line)
					case !strings.Contains(line, " — "):
						t.Errorf("no hint of what to do in %q", line)
					}
				}
				if !strings.Contains(stderr, "out/ is unchanged") {
					t.Errorf("the output does not say out/ is unchanged:\n%s", stderr)
				}
				if d := diffSnapshots(before, snapshot(t, out)); len(d) > 0 {
					t.Errorf("out/ changed: %v", d)
				}
			}
			if left := stagingLeft(t, out); len(left) > 0 {
				t.Errorf("staging folders left: %v", left)
			}
		})
	}
}

func hasPrefix(files map[string][]byte, prefix string) bool {
	for k := range files {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// lineHolding returns the first line of s holding sub, sub included when it
// spans no line break.
func lineHolding(s, sub string) string {
	i := strings.Index(s, sub)
	if i < 0 {
		return ""
	}
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		return s[start:]
	}
	return s[start : i+end]
}

// TestSymlinkOutOfContentIsNotRead: a chapter that is a symbolic link to a
// file outside the content folder is not read (the command reads through
// an os.Root) but reported, so nothing outside the folder is published —
// in build and in serve, which share the source.
func TestSymlinkOutOfContentIsNotRead(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	dir := filepath.Join(root, "content")
	files := map[string][]byte{}
	for k, v := range goodSite {
		files[k] = []byte(v)
	}
	writeFiles(t, dir, files)
	if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, out)
	secret := filepath.Join(root, "secret.md")
	writeFiles(t, root, map[string][]byte{"secret.md": []byte("---\ntitle: 工资表\nslug: secret\n---\nSECRET-PAYROLL\n")})
	if err := os.Symlink(secret, filepath.Join(dir, "leak.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	// A link inside the folder is an ordinary page.
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../a.md", filepath.Join(dir, "sub", "same.md")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out)
	stderr = strings.ReplaceAll(stderr, filepath.ToSlash(root)+"/", "")
	t.Logf("exit %d:\n%s", code, stderr)
	if code == 0 || !strings.Contains(stderr, "content/leak.md: error: is a symbolic link that leads outside the content folder") {
		t.Fatalf("want an error naming content/leak.md, got exit %d:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "same.md") {
		t.Errorf("a link inside the folder was refused:\n%s", stderr)
	}
	if d := diffSnapshots(before, snapshot(t, out)); len(d) > 0 {
		t.Errorf("out/ changed: %v", d)
	}
}

// TestUnreadableConfigFails: a site.toml or rules.toml that is there
// but cannot be read (here a link out of the folder; no read permission
// is the same error) fails the build. site.toml was taken as absent, and
// the site built with another title and base path without a word;
// rules.toml too, and the build said to restore a file that was there.
func TestUnreadableConfigFails(t *testing.T) {
	for _, name := range []string{"site.toml", "rules.toml"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "out")
			dir := filepath.Join(root, "content")
			// The handbook's own draft, whose pages the rules cite.
			if err := os.CopyFS(dir, os.DirFS("../../../content")); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(filepath.Join(dir, "revisions")); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out); code != 0 {
				t.Fatal(stderr)
			}
			before := snapshot(t, out)
			writeFiles(t, root, map[string][]byte{"elsewhere.toml": data})
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(root, "elsewhere.toml"), filepath.Join(dir, name)); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out)
			stderr = strings.ReplaceAll(stderr, filepath.ToSlash(root)+"/", "")
			t.Logf("exit %d:\n%s", code, stderr)
			if line := lineHolding(stderr, "content/"+name+": error: "); code == 0 || !strings.Contains(line, " — ") {
				t.Fatalf("want an error naming content/%s with a hint, got exit %d:\n%s", name, code, stderr)
			}
			if d := diffSnapshots(before, snapshot(t, out)); len(d) > 0 {
				t.Errorf("out/ changed: %v", d)
			}
		})
	}
}

// TestWarningsOutliveTheBuildCache: a page's front matter warning is given
// by every build, not only by the one that read the file: an incremental
// build reused the page from its cache, without its warnings, and the
// second build said nothing of a problem still there.
func TestWarningsOutliveTheBuildCache(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	dir := filepath.Join(root, "content")
	files := map[string][]byte{}
	for k, v := range goodSite {
		files[k] = []byte(v)
	}
	files["c.md"] = []byte("---\ntitle: 第三章 附则\n  order: 3\n---\n\n正文。\n")
	writeFiles(t, dir, files)
	// A file is kept in the cache once its times are older than the build
	// by racyWindow.
	time.Sleep(2100 * time.Millisecond)
	for i := range 3 {
		code, stdout, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out)
		if code != 0 {
			t.Fatal(stderr)
		}
		if !strings.Contains(stderr, "c.md:3:1: warning: front matter line \"order: 3\" is indented") {
			t.Fatalf("build %d (%s) does not give the warning:\n%s", i+1, strings.TrimSpace(stdout), stderr)
		}
	}
}
