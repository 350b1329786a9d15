package main

import (
	"encoding/json"
	"fmt"
	"handbook/generator/output"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"handbook/generator/search/searchtest"
)

// TestMain gives the package's builds a build cache of their own, not the
// user's; the child processes of the kill tests share their parent's.
func TestMain(m *testing.M) {
	if os.Getenv(killChildEnv) != "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "handbook-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildOK(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr, _ := runCLI(t, time.Minute, append([]string{"build", "-today", "2026-01-01"}, args...)...)
	if code != 0 {
		t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
	}
	return stdout
}

// written parses "incremental: N written" from the summary line, or -1
// for a full build.
func written(summary string) int {
	_, rest, ok := strings.Cut(summary, "incremental: ")
	if !ok {
		return -1
	}
	n, _ := strconv.Atoi(strings.Fields(rest)[0])
	return n
}

// sameSite checks that an incremental build's output serves what a full
// build of the same content serves: every page and asset byte for byte,
// the same offline list but for the search index's files, and a search
// index that answers queries alike (an incremental build's index may be
// the full index of an earlier build plus a delta of the pages changed
// since, see search.BuildDelta).
func sameSite(t *testing.T, what, full, incr string, queries []string) {
	t.Helper()
	isIndex := func(name string) bool {
		return strings.Contains(name, "/search/") && !strings.HasSuffix(name, "/search/index.html") || strings.HasSuffix(name, "precache.json")
	}
	a, b := snapshot(t, full), snapshot(t, incr)
	for _, m := range []map[string]string{a, b} {
		for name := range m {
			if isIndex(name) {
				delete(m, name)
			}
		}
	}
	if d := diffSnapshots(a, b); len(d) > 0 {
		t.Fatalf("%s: the incremental build differs from a full one: %v", what, d)
	}
	precache := func(dir string) []string {
		var list []string
		b, err := os.ReadFile(filepath.Join(dir, "latest", "precache.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &list); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, u := range list {
			if !strings.Contains(u, "/search/") || strings.HasSuffix(u, "/search/") || strings.HasSuffix(u, "/meta.json") {
				out = append(out, u)
			}
		}
		return out
	}
	if pa, pb := precache(full), precache(incr); !slices.Equal(pa, pb) {
		t.Fatalf("%s: the offline lists differ:\n%v\n%v", what, pa, pb)
	}
	index := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		root := filepath.Join(dir, "latest")
		err := filepath.WalkDir(filepath.Join(root, "search"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	ra := searchtest.SearchIndex(t, index(full), "search", queries, searchtest.Options{})
	rb := searchtest.SearchIndex(t, index(incr), "search", queries, searchtest.Options{})
	for i := range ra {
		ha, hb := hitsOf(ra[i]), hitsOf(rb[i])
		// A query matching many clauses equally may order its ties
		// differently (a delta's clauses rank after the base's on equal
		// scores): then the count and the best score must agree — every
		// score is exactly a full build's. Otherwise the whole ranking.
		if ra[i].Total > 10 && len(ra[i].Hits) > 0 && len(rb[i].Hits) > 0 {
			best := func(r searchtest.Result) string { return fmt.Sprintf("%d %.9g", r.Total, r.Hits[0].Score) }
			ha, hb = []string{best(ra[i])}, []string{best(rb[i])}
		}
		if !slices.Equal(ha, hb) {
			t.Errorf("%s: %q finds %v after a full build, %v after an incremental one", what, queries[i], ha, hb)
		}
	}
}

func hitsOf(r searchtest.Result) []string {
	out := []string{fmt.Sprint(r.Total)}
	for _, h := range r.Hits {
		out = append(out, h.URL+"#"+h.Anchor+" "+h.Snippet)
	}
	return out
}

// changedPages lists the HTML pages that differ between two snapshots.
func changedPages(a, b map[string]string) []string {
	var out []string
	for _, d := range diffSnapshots(a, b) {
		if strings.HasSuffix(d, ".html") && !strings.Contains(d, "/search/") {
			out = append(out, d)
		}
	}
	return out
}

// TestIncrementalBuildEqualsFullBuild edits a built handbook in the ways
// an editor does and checks that each incremental build leaves exactly
// the files a full build of the same content writes, writing only what
// changed.
func TestIncrementalBuildEqualsFullBuild(t *testing.T) {
	src, out, ref, page := editTree(t, 12)
	// Each step names how many pages' HTML must change: the edited page
	// and the print page; for a title, a new or a deleted page, also the
	// sidebars of its section (part1: four chapters), the page listing
	// that section (part1/, made for the folder) and the neighbour whose
	// "previous" link names it (part2/, the next section's page).
	steps := []editStep{
		{"one sentence", func() { editFile(t, page(5), "条款5-2-3。", "条款5-2-3,新增一句。") }, 2},
		{"a title", func() { editFile(t, page(4), "title: 第5章 A", "title: 第5章 改名") }, 6},
		{"a link to a clause", func() {
			editFile(t, page(7), "条款7-0-0。", "条款7-0-0,见[第三节](../part1/01.md#第3节-a)。")
		}, 2},
		{"a new page", func() {
			writeFiles(t, src, map[string][]byte{"part1/99.md": []byte("---\ntitle: 新增一章\norder: 99\nslug: new\n---\n\n## 第一节\n\n1. 新条款。\n")})
		}, 8},
		{"a deleted page", func() {
			if err := os.Remove(filepath.Join(src, "part1/99.md")); err != nil {
				t.Fatal(err)
			}
		}, 8},
		// Every URL changes, the search index's included.
		{"a base path", func() { editFile(t, filepath.Join(src, "site.toml"), "title = ", "basePath = \"/hb/\"\ntitle = ") }, -1},
		// The page linking to it (part1/07.md) is kept as it was, its links
		// not checked again, and the print page still shows its link
		// rewritten. (After the base path, when the search index was
		// made whole again: a few small edits in a row on 12 pages make
		// it whole again, which is 50 files.)
		{"a sentence in the linked page", func() { editFile(t, page(1), "条款1-0-0。", "条款1-0-0,又加一句。") }, 2},
		{"a heading elsewhere", func() { editFile(t, page(3), "## 第2节 A", "## 第2节 改") }, 2},
	}
	// Queries for what the steps change, and for text every page has.
	queries := []string{"新增一句", "条款5-2-3", "改名", "第5章", "新条款", "新增一章", "第三节", "条款7-0-0", "大客户部门", "第3节 A", "重点客户的开发", "又加一句", "第2节 改"}
	checkIncremental(t, src, out, ref, steps, queries)

	// A broken link fails the build and leaves the output as it was.
	editFile(t, page(2), "条款2-0-0。", "条款2-0-0,见[无](../part1/01.md#没有这一节)。")
	buildFails(t, src, out, "没有这一节")
}

// buildFails runs a build that must fail and say each of want, and
// checks that it left the output as it was.
func buildFails(t *testing.T, src, out string, want ...string) {
	t.Helper()
	before := snapshot(t, out)
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-today", "2026-01-01", "-source", src, "-out", out)
	if code == 0 {
		t.Fatalf("the build succeeded; it should have failed saying %q", want)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Fatalf("the failed build does not say %q:\n%s", w, stderr)
		}
	}
	if d := diffSnapshots(before, snapshot(t, out)); len(d) > 0 {
		t.Fatalf("a failed build changed the output: %v", d)
	}
	if left := stagingLeft(t, out); len(left) > 0 {
		t.Fatalf("a failed build left %v", left)
	}
}

// TestIncrementalBuildOfALargeTree is the same check on a tree too big
// for a print page: there, a page kept because its source and its
// edition's world are unchanged is never rendered, and its links are
// never checked again.
func TestIncrementalBuildOfALargeTree(t *testing.T) {
	src, out, ref, page := editTree(t, 310)
	steps := []editStep{
		{"a link to a clause", func() {
			editFile(t, page(7), "条款7-0-0。", "条款7-0-0,见[第三节](../part1/01.md#第3节-a)。")
		}, 1},
		{"a sentence in the linked page", func() { editFile(t, page(1), "条款1-0-0。", "条款1-0-0,又加一句。") }, 1},
		{"a sentence in the linking page", func() { editFile(t, page(7), "条款7-1-0。", "条款7-1-0,又加一句。") }, 1},
		{"a heading elsewhere", func() { editFile(t, page(3), "## 第2节 A", "## 第2节 改") }, 1},
		{"a heading added in the linked page", func() { editFile(t, page(1), "## 第2节 A", "## 第2节 A\n\n新段落。\n\n## 插入一节") }, 1},
		{"a title", func() { editFile(t, page(200), "title: 第201章 A", "title: 第201章 改名") }, -1},
	}
	checkIncremental(t, src, out, ref, steps, []string{"又加一句", "第2节 改", "新段落", "改名", "第三节"})

	// Renaming the heading part1/07.md links to breaks that link, though
	// part1/07.md itself did not change: the build fails and says so.
	editFile(t, page(1), "## 第3节 A", "## 第3节 改名")
	buildFails(t, src, out, "part1/07.md", "第3节-a")
}

// editTree writes killTree's tree of n pages and names its folders: the
// source, the output, a reference output, and page i's file.
func editTree(t *testing.T, n int) (src, out, ref string, page func(i int) string) {
	root := t.TempDir()
	src, out, ref = filepath.Join(root, "content"), filepath.Join(root, "public"), filepath.Join(root, "reference")
	killTree(t, src, n, "A")
	page = func(i int) string { return filepath.Join(src, fmt.Sprintf("part%d/%02d.md", i%3, i)) }
	return src, out, ref, page
}

// editStep is one edit of a built tree, and how many pages' HTML it
// changes (search pages aside; -1: not counted).
type editStep struct {
	name   string
	change func()
	pages  int
}

// checkIncremental builds src into out, then after each step builds it
// again, incrementally, and checks that out holds exactly what a full
// build into ref holds, that the step changed the pages it names, and
// that the build wrote only what changed.
func checkIncremental(t *testing.T, src, out, ref string, steps []editStep, queries []string) {
	t.Helper()
	if s := buildOK(t, "-source", src, "-out", out); written(s) != -1 {
		t.Fatalf("the first build was not a full one: %s", s)
	}
	if s := buildOK(t, "-source", src, "-out", out); written(s) != 0 {
		t.Fatalf("a build with nothing changed wrote files: %s", s)
	}
	for _, st := range steps {
		before := snapshot(t, out)
		st.change()
		s := buildOK(t, "-source", src, "-out", out)
		after := snapshot(t, out)
		changed := changedPages(before, after)
		if written(s) < 0 {
			t.Errorf("%s: not an incremental build: %s", st.name, s)
		}
		if st.pages >= 0 && len(changed) != st.pages {
			t.Errorf("%s: %d pages changed, want %d: %v", st.name, len(changed), st.pages, changed)
		}
		// Files whose bytes are unchanged are not written again, and the
		// search index gets a small delta, not thousands of new files.
		if n := len(diffSnapshots(before, after)); written(s) > n || st.pages >= 0 && written(s) > st.pages+12 {
			t.Errorf("%s: wrote %d files for %d changes (%d pages)", st.name, written(s), n, st.pages)
		}
		_ = os.RemoveAll(ref)
		buildOK(t, "-full", "-source", src, "-out", ref)
		sameSite(t, st.name, ref, out, queries)
		t.Logf("%s: %s", st.name, strings.TrimSpace(s))
	}
}

// editFile replaces the first from in a file with to.
func editFile(t *testing.T, file, from, to string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), from) {
		t.Fatalf("%s does not hold %q", file, from)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReplacedOutputGetsAFullBuild: an output folder that is not the one
// the cache describes (deleted, copied back, replaced) is never patched.
func TestReplacedOutputGetsAFullBuild(t *testing.T) {
	root := t.TempDir()
	src, out := filepath.Join(root, "content"), filepath.Join(root, "public")
	killTree(t, src, 4, "A")
	buildOK(t, "-source", src, "-out", out)
	want := snapshot(t, out)

	// A copy put back in its place, with one file changed by hand.
	copyDir := filepath.Join(root, "copy")
	if err := os.Rename(out, copyDir); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("cp", "-a", copyDir, out).Run(); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, out, map[string][]byte{"index.html": []byte("stale")})
	if s := buildOK(t, "-source", src, "-out", out); written(s) != -1 {
		t.Fatalf("a replaced output folder was patched: %s", s)
	}
	if d := diffSnapshots(want, snapshot(t, out)); len(d) > 0 {
		t.Fatalf("the build after the folder was replaced differs: %v", d)
	}
	// -full ignores the cache.
	if s := buildOK(t, "-full", "-source", src, "-out", out); written(s) != -1 {
		t.Fatalf("-full made an incremental build: %s", s)
	}
}

// TestKilledIncrementalBuild kills incremental builds at random moments:
// every file of the output is then whole, the previous build's or the
// new one's, and the next build gives exactly the new output.
func TestKilledIncrementalBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	root := t.TempDir()
	src, out, ref := filepath.Join(root, "content"), filepath.Join(root, "public"), filepath.Join(root, "reference")
	killTree(t, src, 24, "A")
	file := filepath.Join(src, "part1/04.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	setVersion := func(v string) {
		t.Helper()
		text := orig
		if v == "new" {
			text = []byte(strings.Replace(string(orig), "条款4-1-1。", "条款4-1-1,补充。", 1))
		}
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// old: a full build of the old text; new: the incremental build from
	// it (its search index a delta over old's); full: a full build of the
	// new text, which a build after a kill may make instead.
	versions := map[string]map[string]string{}
	setVersion("old")
	buildOK(t, "-full", "-source", src, "-out", out)
	versions["old"] = snapshot(t, out)
	setVersion("new")
	if s := buildOK(t, "-source", src, "-out", out); written(s) < 1 {
		t.Fatalf("not an incremental build: %s", s)
	}
	versions["new"] = snapshot(t, out)
	buildOK(t, "-full", "-source", src, "-out", ref)
	versions["full"] = snapshot(t, ref)

	// Calibrate: an incremental child build from the old version to the
	// new one, from "ready" to its end.
	setVersion("old")
	buildOK(t, "-source", src, "-out", out)
	setVersion("new")
	span := timeBuildChild(t, src, out)

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	counts := map[string]int{}
	for i := range 12 {
		// The output holds the old version, with its cache.
		setVersion("old")
		buildOK(t, "-full", "-source", src, "-out", out)
		if d := diffSnapshots(versions["old"], snapshot(t, out)); len(d) > 0 {
			t.Fatalf("round %d: the output is not the old version: %v", i, d)
		}
		setVersion("new")
		cmd, _, start := startBuildChild(t, src, out)
		delay := time.Duration(r.Int64N(int64(span) * 3 / 2))
		time.Sleep(time.Until(start.Add(delay)))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		got := snapshot(t, out)
		mixed := false
		for name, sum := range got {
			if sum != versions["old"][name] && sum != versions["new"][name] {
				t.Fatalf("round %d, killed after %v: %s is neither version's (the full build's: %v; staging left: %v)", i, delay, name, sum == versions["full"][name], stagingLeft(t, out))
			}
			if sum != versions["old"][name] {
				mixed = true
			}
		}
		switch {
		case len(diffSnapshots(versions["old"], got)) == 0:
			counts["old"]++
		case len(diffSnapshots(versions["new"], got)) == 0:
			counts["new"]++
		case mixed:
			counts["some files new"]++
		}
		// The next build finishes the job: incrementally, or in full if the
		// kill came after the cache was set aside.
		buildOK(t, "-source", src, "-out", out)
		after := snapshot(t, out)
		if len(diffSnapshots(versions["new"], after)) > 0 && len(diffSnapshots(versions["full"], after)) > 0 {
			t.Fatalf("round %d: the build after the kill is neither the incremental nor the full build of the new text: %v", i, diffSnapshots(versions["new"], after))
		}
	}
	t.Logf("12 kills over a %v incremental build: %v", span.Round(time.Millisecond), counts)
}

// A build that uses its cache without saving it again (nothing changed)
// marks it used, so other builds do not prune it as abandoned.
func TestUnchangedBuildMarksItsCacheUsed(t *testing.T) {
	src, out, _, _ := editTree(t, 4)
	buildOK(t, "-source", src, "-out", out)
	file := buildCacheFile(src, out)
	old := time.Now().Add(-40 * 24 * time.Hour)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	if s := buildOK(t, "-source", src, "-out", out); written(s) != 0 {
		t.Fatalf("want a build with nothing to write: %s", s)
	}
	if fi, err := os.Stat(file); err != nil || time.Since(fi.ModTime()) > time.Hour {
		t.Fatalf("the cache was not marked used: %v %v", fi.ModTime(), err)
	}
}

// TestBuildRefusesToReplaceWhatItDidNotMake: a build replaces its output
// folder whole, so pointing -out at the source, at a folder holding it or
// at a folder of someone's files must fail, naming the folder, with every
// file still there; a folder an earlier build made is replaced as ever.
func TestBuildRefusesToReplaceWhatItDidNotMake(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	src := filepath.Join(site, "content")
	killTree(t, src, 2, "A")
	writeFiles(t, site, map[string][]byte{"README.txt": []byte("my notes")})
	writeFiles(t, root, map[string][]byte{"mine/keep.txt": []byte("keep"), "mine/sub/notes.md": []byte("# notes")})
	for _, c := range []struct{ out, want string }{
		{src, "is the source folder"},
		{site, "is inside the output folder"},
		{filepath.Join(root, "mine"), "holds files no build of handbook made"},
	} {
		before := snapshot(t, root)
		code, _, stderr, _ := runCLI(t, time.Minute, "build", "-today", "2026-01-01", "-source", src, "-out", c.out)
		if code == 0 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, c.out) {
			t.Errorf("build -out %s: exit %d, want a failure naming the folder and saying %q:\n%s", c.out, code, c.want, stderr)
		}
		if d := diffSnapshots(before, snapshot(t, root)); len(d) > 0 {
			t.Errorf("build -out %s changed files: %v", c.out, d)
		}
	}
	out := filepath.Join(root, "public")
	buildOK(t, "-source", src, "-out", out)
	buildOK(t, "-full", "-source", src, "-out", out)
	if _, err := os.Stat(filepath.Join(out, output.Marker)); err != nil {
		t.Fatalf("the build left no marker: %v", err)
	}
}

// TestIncrementalBuildOfLinkedFiles: an image a page links to is
// published, replaced when its bytes change (the page itself unchanged),
// still published when the page linking to it is kept from the last
// build, and removed with the last link to it; a file removed while a
// page still links to it fails the build.
func TestIncrementalBuildOfLinkedFiles(t *testing.T) {
	src, out, ref, page := editTree(t, 6)
	image := filepath.Join(src, "part1", "flow.png")
	writeFiles(t, src, map[string][]byte{"part1/flow.png": []byte("PNG1")})
	editFile(t, page(1), "条款1-0-0。", "条款1-0-0。![流程](flow.png)")
	steps := []editStep{
		{"the image's bytes", func() { writeFiles(t, src, map[string][]byte{"part1/flow.png": []byte("PNG2")}) }, 0},
		{"another page's text", func() { editFile(t, page(4), "条款4-0-0。", "条款4-0-0,新增。") }, 2},
		{"a second link to it", func() { editFile(t, page(4), "条款4-0-0,新增。", "条款4-0-0,新增。![流程](flow.png)") }, 2},
		{"the links removed", func() {
			editFile(t, page(1), "![流程](flow.png)", "")
			editFile(t, page(4), "![流程](flow.png)", "")
		}, 3},
	}
	checkIncremental(t, src, out, ref, steps, []string{"新增"})
	if _, err := os.Stat(filepath.Join(out, "latest", "part1", "flow.png")); !os.IsNotExist(err) {
		t.Errorf("the image no page links to is still published: %v", err)
	}
	editFile(t, page(1), "条款1-0-0。", "条款1-0-0。![流程](flow.png)")
	buildOK(t, "-source", src, "-out", out)
	if b, _ := os.ReadFile(filepath.Join(out, "latest", "part1", "flow.png")); string(b) != "PNG2" {
		t.Fatalf("published image = %q", b)
	}
	if err := os.Remove(image); err != nil {
		t.Fatal(err)
	}
	buildFails(t, src, out, "flow.png", "there is no such file")
}

// TestOutputThroughASymlink: an -out that is a symbolic link is built into
// where it points, and stays a link (a web root deployed as a link).
func TestOutputThroughASymlink(t *testing.T) {
	root := t.TempDir()
	src, real, link := filepath.Join(root, "content"), filepath.Join(root, "www"), filepath.Join(root, "public")
	killTree(t, src, 2, "A")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		buildOK(t, "-source", src, "-out", link)
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("public is no longer a link: %v", err)
		}
		if _, err := os.Stat(filepath.Join(real, "latest", "index.html")); err != nil {
			t.Fatalf("the build is not where the link points: %v", err)
		}
	}
}

// An incremental build that makes a revision's whole index again (a page
// deleted: the last index would still find its text) makes it from the
// build cache's pages, and it is byte for byte the full build's: it held
// each editor's note twice in its clause, as the page parsed again with
// its notes added, and the index added them again.
func TestIndexRemadeFromTheCacheIsAFullBuilds(t *testing.T) {
	src, out, ref := handbookTree(t)
	buildOK(t, "-drafts", "-source", src, "-out", out)
	if err := os.Remove(filepath.Join(src, "07-confidentiality.md")); err != nil {
		t.Fatal(err)
	}
	if n := written(buildOK(t, "-drafts", "-source", src, "-out", out)); n < 0 {
		t.Fatal("the second build was not incremental")
	}
	buildOK(t, "-drafts", "-full", "-source", src, "-out", ref)
	a, b := snapshot(t, filepath.Join(ref, "draft", "search")), snapshot(t, filepath.Join(out, "draft", "search"))
	if d := diffSnapshots(a, b); len(d) > 0 {
		t.Errorf("the draft's index remade from the cache differs from a full build's: %v", d)
	}
}
