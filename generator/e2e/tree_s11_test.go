package e2e

// A team's own Hugo tree, built with the command as they run it: an
// incremental build after each of a sequence of edits (a title, a
// rename, a weight, a deletion, an _index.md added and removed, an alias,
// a slug, an image renamed, a CRLF file edited, a Chinese file renamed,
// a draft published) writes exactly the files a full build writes, and a
// build that fails leaves the last good output as it was.

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"handbook/generator/e2e/harness"
)

// buildCLI builds the handbook command into a folder of the test's.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "handbook")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "handbook/generator/cmd/handbook")
	cmd.Dir = harness.ModuleRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBuild runs handbook build with a cache of the test's own; it
// returns the exit code and what the build printed.
func runBuild(t *testing.T, bin, cache string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"build", "-today", "2026-01-01"}, args...)...)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, string(out)
}

// treeFiles is the SHA-256 of every file under dir, by slash path.
func treeFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// treeDiff names the files two trees do not hold alike.
func treeDiff(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "only in the first: "+k)
		} else if w != v {
			d = append(d, "differs: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "only in the second: "+k)
		}
	}
	sort.Strings(d)
	return d
}

// searchIndexFile: a file of an edition's search index, which an
// incremental build may write as a delta over an earlier full index
// (search.BuildDelta), and the offline list naming them.
func searchIndexFile(name string) bool {
	_, rest, ok := strings.Cut(name, "/search/")
	return ok && rest != "index.html" || strings.HasSuffix(name, "precache.json")
}

// offlineList is an edition's precache.json without the search index's
// own files.
func offlineList(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var list, out []string
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if !strings.Contains(u, "/search/") || strings.HasSuffix(u, "/search/") || strings.HasSuffix(u, "/meta.json") {
			out = append(out, u)
		}
	}
	return out
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pngBytes is a 1×1 PNG.
const pngBytes = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"

// hugoTree is a small documentation tree as a team writes one for Hugo.
func hugoTree() map[string]string {
	files := map[string]string{
		"_index.md": "---\ntitle: \"文档中心: 首页\"\n---\n\n欢迎。见 [安装](docs/install.md)、[配置](docs/configuration/) 和 [规章](规章制度/)。\n",
		"docs/_index.md": "+++\ntitle = \"Docs \\\"guide\\\"\"\nweight = 1\n+++\n\n" +
			"See [install]({{< ref \"install.md\" >}}).\n",
		"docs/install.md": "---\ntitle: \"Install: quick\"\nweight: 2\ndate: 2024-03-01\naliases: [/old/install/]\n---\n\n" +
			"![shot](shot.png)\n\n{{< figure src=\"/images/logo.png\" caption=\"Logo\" >}}\n\n" +
			"See [config](config.md#options) and [请假](../规章制度/请假规定.md#第一条-总则).\n\n## Steps\n\ntext\n\n## Steps\n\nmore\n",
		"docs/shot.png":                  pngBytes,
		"images/logo.png":                pngBytes,
		"docs/config.md":                 "+++\ntitle = \"Config\"\ndate = 2024-01-02T10:00:00Z\nslug = \"configuration\"\nurl = \"/old-config/\"\n+++\n\n## Options\n\nSee [install](install) and [home](/).\n",
		"docs/dup1.md":                   "---\ntitle: Same Title\n---\nA\n",
		"docs/dup2.md":                   "---\ntitle: Same Title\n---\nB\n",
		"docs/draft.md":                  "---\ntitle: Draft page\ndraft: true\n---\nsecret\n",
		"规章制度/请假规定.md":                   "---\ntitle: 请假规定\n---\n\n## 第一条 总则\n\n员工请假须提前申请。\n\n见 [考勤](考勤.md#迟到与早退)。\n",
		"规章制度/考勤.md":                     strings.ReplaceAll("# 考勤制度\n\n## 迟到与早退\n\n迟到三次扣款。\n", "\n", "\r\n"),
		"规章制度/empty.md":                  "",
		"nested/a/b/deep.md":             "---\ntitle: Deep\n---\n\nback to [top](../../../_index.md)\n",
		"nested/a/b/_index.md":           "---\ntitle: B 节\nweight: 3\n---\n",
		"nested/a/notes/一则.md":           "+++\ntitle = '一则: \"引号\"'\n+++\n\n正文\n",
		"nested/a/notes/二则.md":           "正文二\n",
		"nested/a/notes/三则.md":           "---\ntitle: 三则\ndate: 2023-05-01\n---\n正文三\n",
		"nested/a/notes/bundle/index.md": "---\ntitle: Bundle\n---\n\n![图](图.png)\n",
		"nested/a/notes/bundle/图.png":    pngBytes,
	}
	var long strings.Builder
	long.WriteString("---\ntitle: Long page\n---\n\n")
	for i := range 1250 {
		fmt.Fprintf(&long, "## Section %d\n\nParagraph %d, 中文内容。\n\n", i, i)
	}
	files["ref/long.md"] = long.String()
	return files
}

func TestHugoTreeIncrementalBuildsEqualFullBuilds(t *testing.T) {
	root := t.TempDir()
	src, out, ref, cache := filepath.Join(root, "content"), filepath.Join(root, "public"), filepath.Join(root, "reference"), filepath.Join(root, "cache")
	writeTree(t, src, hugoTree())
	bin := buildCLI(t)
	edit := func(name, from, to string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), from) {
			t.Fatalf("%s does not hold %q", name, from)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	move := func(from, to string) {
		t.Helper()
		if err := os.Rename(filepath.Join(src, filepath.FromSlash(from)), filepath.Join(src, filepath.FromSlash(to))); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(name string) {
		t.Helper()
		if err := os.Remove(filepath.Join(src, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"nothing", func() {}},
		{"a title with a colon", func() { edit("docs/install.md", "Install: quick", "Install: fast") }},
		{"a page renamed", func() { move("docs/dup2.md", "docs/dup3.md") }},
		{"a weight", func() { edit("docs/install.md", "weight: 2", "weight: 9") }},
		{"a page deleted", func() { remove("docs/dup1.md") }},
		{"an _index.md added", func() { writeTree(t, src, map[string]string{"nested/_index.md": "---\ntitle: Nested\n---\nIntro\n"}) }},
		{"an _index.md removed", func() { remove("nested/_index.md") }},
		{"an alias changed", func() { edit("docs/install.md", "/old/install/", "/old/setup/") }},
		{"a slug changed, and the link to it", func() {
			edit("docs/config.md", `slug = "configuration"`, `slug = "cfg"`)
			edit("_index.md", "docs/configuration/", "docs/cfg/")
		}},
		{"an image renamed", func() {
			move("docs/shot.png", "docs/shot2.png")
			edit("docs/install.md", "shot.png", "shot2.png")
		}},
		{"a CRLF page edited", func() {
			edit("规章制度/考勤.md", "迟到三次扣款。\r\n", "迟到三次扣款。\r\n\r\n## 新增\r\n")
		}},
		{"a Chinese page renamed, and the link to it", func() {
			move("规章制度/考勤.md", "规章制度/考勤制度.md")
			edit("规章制度/请假规定.md", "考勤.md", "考勤制度.md")
		}},
		{"a draft published", func() { edit("docs/draft.md", "draft: true", "draft: false") }},
		{"a date that reorders a section", func() { edit("nested/a/notes/三则.md", "2023-05-01", "2027-05-01") }},
		{"the empty page filled", func() {
			writeTree(t, src, map[string]string{"规章制度/empty.md": "# 空白\n\n现在有内容。\n"})
		}},
		{"a page kept out with build: render: never", func() { edit("nested/a/b/deep.md", "title: Deep\n", "title: Deep\nbuild:\n  render: never\n") }},
		{"a headless bundle", func() { edit("nested/a/notes/bundle/index.md", "title: Bundle\n", "title: Bundle\nheadless: true\n") }},
		{"the page published again", func() { edit("nested/a/b/deep.md", "build:\n  render: never\n", "") }},
		{"a Hugo ref by the file's name alone", func() {
			edit("docs/config.md", "See [install](install)", "See [请假]({{< ref \"请假规定.md\" >}}) and [install](install)")
		}},
		{"a file in static/ linked from the top", func() {
			writeTree(t, src, map[string]string{"static/img/top.png": pngBytes})
			edit("docs/config.md", "## Options\n", "## Options\n\n![top](/img/top.png)\n")
		}},
		{"a bundle's image replaced", func() {
			writeTree(t, src, map[string]string{"nested/a/notes/bundle/图.png": pngBytes + "\x00"})
		}},
	}
	if code, msg := runBuild(t, bin, cache, "-source", src, "-out", out); code != 0 {
		t.Fatalf("the first build failed:\n%s", msg)
	}
	for _, st := range steps {
		st.change()
		code, msg := runBuild(t, bin, cache, "-source", src, "-out", out)
		if code != 0 {
			t.Fatalf("%s: the build failed:\n%s", st.name, msg)
		}
		if !strings.Contains(msg, "incremental:") {
			t.Errorf("%s: not an incremental build:\n%s", st.name, msg)
		}
		_ = os.RemoveAll(ref)
		if code, msg := runBuild(t, bin, cache, "-full", "-source", src, "-out", ref); code != 0 {
			t.Fatalf("%s: the full build failed:\n%s", st.name, msg)
		}
		a, b := treeFiles(t, ref), treeFiles(t, out)
		for _, m := range []map[string]string{a, b} {
			for name := range m {
				if searchIndexFile(name) {
					delete(m, name)
				}
			}
		}
		if d := treeDiff(a, b); len(d) > 0 {
			t.Fatalf("%s: the incremental build (second) is not the full build (first): %v", st.name, d)
		}
		for _, ed := range []string{"precache.json", "latest/precache.json"} {
			if la, lb := offlineList(t, filepath.Join(ref, ed)), offlineList(t, filepath.Join(out, ed)); !slices.Equal(la, lb) {
				t.Fatalf("%s: %s differs:\n%v\n%v", st.name, ed, la, lb)
			}
		}
	}

	// What the steps made, seen in the output: the headless bundle is
	// not published, the page published again is, the static/ file is.
	final := treeFiles(t, out)
	for name, want := range map[string]bool{
		"latest/nested/a/notes/bundle/index.html": false,
		"latest/nested/a/b/deep/index.html":       true,
		"latest/static/img/top.png":               true,
		"latest/docs/cfg/index.html":              true,
	} {
		if _, ok := final[name]; ok != want {
			t.Errorf("%s published: %v, want %v", name, ok, want)
		}
	}

	// A build that fails keeps the last good build whole.
	good := treeFiles(t, out)
	edit("docs/install.md", "[config](config.md#options)", "[config](config.md#no-such-heading)")
	code, msg := runBuild(t, bin, cache, "-source", src, "-out", out)
	if code == 0 || !strings.Contains(msg, "docs/install.md:") || !strings.Contains(msg, "no-such-heading") {
		t.Fatalf("a broken link: exit %d, and the build said:\n%s", code, msg)
	}
	if d := treeDiff(good, treeFiles(t, out)); len(d) > 0 {
		t.Fatalf("a failed build changed the output: %v", d)
	}
}
