package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const killChildEnv = "HANDBOOK_TEST_BUILD_CHILD" // "source\tout[\tflag]" for the child build

// TestBuildChild is the build that TestBuildSurvivesSIGKILL kills: it runs
// the command exactly as a user would, in a process of its own.
func TestBuildChild(t *testing.T) {
	spec := os.Getenv(killChildEnv)
	if spec == "" {
		t.Skip("runs only as the child of TestBuildSurvivesSIGKILL")
	}
	parts := strings.Split(spec, "\t")
	args := append([]string{"build", "-source", parts[0], "-out", parts[1], "-today", "2026-01-01"}, parts[2:]...)
	fmt.Println("ready")
	start := time.Now()
	var stderr strings.Builder
	if code := run(args, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	fmt.Println(time.Since(start).Nanoseconds())
}

// killTree writes a handbook of n chapters; version changes every page, so
// two versions build to different output.
func killTree(t *testing.T, dir string, n int, version string) {
	t.Helper()
	files := map[string][]byte{"site.toml": []byte("title = \"手册\"\n")}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: 第%d章 %s\norder: %d\nslug: c%02d\n---\n", i+1, version, i+1, i)
		for j := range 8 {
			fmt.Fprintf(&b, "\n## 第%d节 %s\n\n", j+1, version)
			for k := range 6 {
				fmt.Fprintf(&b, "%d. 大客户部门负责公司重点客户的开发、维护与服务工作,条款%d-%d-%d。\n", k+1, i, j, k)
			}
		}
		files[fmt.Sprintf("part%d/%02d.md", i%3, i)] = []byte(b.String())
	}
	_ = os.RemoveAll(dir)
	writeFiles(t, dir, files)
}

func startBuildChild(t *testing.T, source, out string, flags ...string) (*exec.Cmd, *bufio.Reader, time.Time) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killChildEnv+"="+strings.Join(append([]string{source, out}, flags...), "\t"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(stdout)
	if line, err := rd.ReadString('\n'); err != nil || line != "ready\n" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("child did not start: %q %v", line, err)
	}
	return cmd, rd, time.Now()
}

// timeBuildChild runs a child build to its end and returns how long it
// took from "ready", as the child measured it.
func timeBuildChild(t *testing.T, source, out string, flags ...string) time.Duration {
	t.Helper()
	cmd, rd, _ := startBuildChild(t, source, out, flags...)
	line, _ := rd.ReadString('\n')
	if err := cmd.Wait(); err != nil {
		t.Fatalf("unkilled child: %v", err)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64)
	if err != nil {
		t.Fatalf("child did not report its time: %q", line)
	}
	return time.Duration(ns)
}

// TestBuildSurvivesSIGKILL kills "handbook build" at random moments while
// it replaces a good out/ folder. Each time out/ must hold either the
// previous build or the new one, complete, byte for byte; the next build
// must succeed and leave no staging folder behind.
//
// HANDBOOK_KILL_ITERATIONS changes the number of kills (20).
func TestBuildSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	iterations := 20
	if s := os.Getenv("HANDBOOK_KILL_ITERATIONS"); s != "" {
		iterations, _ = strconv.Atoi(s)
	}
	root := t.TempDir()
	out := filepath.Join(root, "public")
	src := map[string]string{"A": filepath.Join(root, "content-A"), "B": filepath.Join(root, "content-B")}
	snaps := map[string]map[string]string{}
	for _, v := range []string{"A", "B"} {
		killTree(t, src[v], 24, v)
		if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", src[v], "-out", out, "-today", "2026-01-01"); code != 0 {
			t.Fatalf("build %s: %s", v, stderr)
		}
		snaps[v] = snapshot(t, out)
	}
	// Calibrate: a whole child build, from "ready" to its end (out/ now B
	// again, the same bytes). -full: with nothing changed, the build would
	// otherwise be an incremental one that writes nothing, and every kill
	// below, a full build from A to B and back, takes a whole build.
	span := timeBuildChild(t, src["B"], out, "-full")
	if d := diffSnapshots(snaps["B"], snapshot(t, out)); len(d) > 0 {
		t.Fatalf("the same content built to different bytes: %v", d)
	}

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 8))
	have, next := "B", "A"
	counts := map[string]int{}
	began := time.Now()
	for i := range iterations {
		cmd, _, start := startBuildChild(t, src[next], out)
		// Up to twice the calibrated time: a child of its own is slower than
		// the calibration, and some kills must land after the swap.
		delay := time.Duration(r.Int64N(int64(span) * 2))
		time.Sleep(time.Until(start.Add(delay)))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		got := snapshot(t, out)
		switch {
		case len(diffSnapshots(snaps[have], got)) == 0:
			counts["before"]++
		case len(diffSnapshots(snaps[next], got)) == 0:
			counts["after"]++ // killed after the swap
		default:
			t.Fatalf("kill %d after %v: out/ is neither build: %v", i, delay, diffSnapshots(snaps[have], got))
		}
		if len(stagingLeft(t, out)) > 0 {
			counts["staging left"]++
		}
		// The next full build succeeds and clears what the kill left.
		if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", src[next], "-out", out, "-today", "2026-01-01"); code != 0 {
			t.Fatalf("kill %d: the next build failed: %s", i, stderr)
		}
		if left := stagingLeft(t, out); len(left) > 0 {
			t.Fatalf("kill %d: staging folders left after a good build: %v", i, left)
		}
		if d := diffSnapshots(snaps[next], snapshot(t, out)); len(d) > 0 {
			t.Fatalf("kill %d: the rebuilt output differs: %v", i, d)
		}
		have, next = next, have
	}
	t.Logf("%d kills over a %v build (%d files) in %v: %d left the previous output, %d the new one; %d left a staging folder, cleared by the next build",
		iterations, span.Round(time.Millisecond), len(snaps["A"]), time.Since(began).Round(time.Millisecond), counts["before"], counts["after"], counts["staging left"])
}

// faultFolder mounts a small file system for a fault test, or skips.
func faultFolder(t *testing.T, opts string) string {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestFullDisk builds onto a tmpfs too small for the site: a clear error
// naming the folder, a failed exit, the previous output intact and no
// staging folder left to fill the disk further.
func TestFullDisk(t *testing.T) {
	dir := faultFolder(t, "size=512k")
	out := filepath.Join(dir, "public")
	small := filepath.Join(t.TempDir(), "small")
	killTree(t, small, 1, "A")
	if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", small, "-out", out, "-today", "2026-01-01"); code != 0 {
		t.Fatalf("the small site does not fit: %s", stderr)
	}
	big := filepath.Join(t.TempDir(), "big")
	killTree(t, big, 60, "B")
	buildFails(t, big, out, "cannot write to "+out+": the disk is full")
}

// TestReadOnlyOutput builds into a folder on a read-only file system
// (chmod does not stop root, a read-only mount does).
func TestReadOnlyOutput(t *testing.T) {
	dir := faultFolder(t, "size=4m")
	out := filepath.Join(dir, "public")
	site := filepath.Join(t.TempDir(), "site")
	killTree(t, site, 2, "A")
	if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", site, "-out", out, "-today", "2026-01-01"); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, out)
	if b, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, b)
	}
	killTree(t, site, 2, "B")
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", site, "-out", out, "-today", "2026-01-01")
	t.Logf("exit %d:\n%s", code, stderr)
	if code == 0 {
		t.Fatal("the build succeeded on a read-only file system")
	}
	if !strings.Contains(stderr, "read-only") || !strings.Contains(stderr, dir) || !strings.Contains(stderr, "-out") {
		t.Errorf("the message does not name the read-only folder and -out:\n%s", stderr)
	}
	if d := diffSnapshots(before, snapshot(t, out)); len(d) > 0 {
		t.Errorf("out/ changed: %v", d)
	}
}

// TestDamagedBuildCacheIsNotTrusted changes one character of a saved
// build cache, as a bad disk block or a stray write would: a chapter's
// title in the parsed pages it keeps. The next build must not publish it
// (it did: the state decoded, and the cached title went into every page's
// sidebar), but ignore the damaged cache and build in full.
func TestDamagedBuildCacheIsNotTrusted(t *testing.T) {
	root := t.TempDir()
	src, out := filepath.Join(root, "content"), filepath.Join(root, "public")
	killTree(t, src, 3, "甲")
	// A page file is kept in the cache once its times are older than the
	// build by racyWindow.
	time.Sleep(2100 * time.Millisecond)
	buildOK(t, "-source", src, "-out", out)
	file := buildCacheFile(src, out)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	good, bad := []byte("第2章 甲"), []byte("第9章 甲")
	if !bytes.Contains(b, good) {
		t.Fatalf("the cache %s does not hold the title %q", file, good)
	}
	if err := os.WriteFile(file, bytes.Replace(b, good, bad, 1), 0o600); err != nil {
		t.Fatal(err)
	}
	// Another chapter changes, so the pages listing chapter 2 are rendered.
	f, err := os.OpenFile(filepath.Join(src, "part0", "00.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\n新增一段。\n")
	f.Close()
	buildOK(t, "-source", src, "-out", out)
	for name := range snapshot(t, out) {
		if data, err := os.ReadFile(filepath.Join(out, name)); err == nil && bytes.Contains(data, bad) {
			t.Errorf("%s holds the damaged cache's title %q", name, bad)
		}
	}
}

// TestReadOnlyFolderIsNamed: built from inside a read-only folder with
// -out public, the message named the folder "." ("cannot write to .");
// it names it by its full path, as the folder a build is staged in.
func TestReadOnlyFolderIsNamed(t *testing.T) {
	dir := faultFolder(t, "size=1m,ro")
	site := filepath.Join(t.TempDir(), "site")
	killTree(t, site, 1, "A")
	t.Chdir(dir)
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", site, "-out", "public", "-today", "2026-01-01")
	t.Logf("exit %d:\n%s", code, stderr)
	if code == 0 || !strings.Contains(stderr, "cannot write to "+dir+" (the folder holding public") || !strings.Contains(stderr, "read-only") {
		t.Errorf("want a message naming %s as read-only:\n%s", dir, stderr)
	}
}
