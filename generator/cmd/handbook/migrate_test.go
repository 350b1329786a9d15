package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildSaysWhichDraftsItLeftOut: Hugo's quickstart makes every page
// a draft (draft = true); the build left them out and said only "built 5
// pages", of a site with nothing in it. It names the drafts it left out
// and how to see them, and says nothing when there are none.
func TestBuildSaysWhichDraftsItLeftOut(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	write := func(name, text string) {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("posts/my-first-post.md", "+++\ntitle = 'My First Post'\ndate = 2024-01-14T07:07:07+01:00\ndraft = true\n+++\n## Introduction\n")
	for i := range 4 {
		write("notes/n"+string(rune('a'+i))+".md", "---\ntitle: Note\ndraft: true\n---\n")
	}
	write("about.md", "---\ntitle: About\n---\nText.\n")
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", src, "-out", filepath.Join(dir, "public"))
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := "left out 5 draft page(s) (draft: true): " + filepath.ToSlash(src) + "/notes/na.md, "
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "and 2 more — build -drafts, or handbook serve, shows them") {
		t.Errorf("stderr does not name the drafts left out (%q):\n%s", want, stderr)
	}
	code, _, stderr, _ = runCLI(t, time.Minute, "build", "-drafts", "-source", src, "-out", filepath.Join(dir, "public2"))
	if code != 0 || strings.Contains(stderr, "left out") {
		t.Errorf("with -drafts: exit %d\n%s", code, stderr)
	}
}

// TestIncrementalBuildOfAFolderOfNotes: a folder of notes (Obsidian,
// Typora, MkDocs) leads the site and each folder with an index.md, links
// by wiki links and keeps old addresses as aliases. After each edit, an
// incremental build holds what a full build does, also when the build
// cache had time to trust the files' stamps (2 s): an index.md that a new
// page beside it makes its folder's page, and that is a page of its own
// again once the page goes, is not taken from the cache as it was.
func TestIncrementalBuildOfAFolderOfNotes(t *testing.T) {
	root := t.TempDir()
	src, out, ref := filepath.Join(root, "notes"), filepath.Join(root, "public"), filepath.Join(root, "reference")
	writeFiles(t, src, map[string][]byte{
		"index.md":           []byte("# 人事手册\n\n从[[考勤制度#迟到]]读起。\n"),
		"制度/index.md":        []byte("# 制度总览\n"),
		"考勤制度.md":            []byte("---\naliases: [/kaoqin/]\n---\n# 考勤制度\n\n## 迟到\n\n![[打卡.png|200]]\n"),
		"附件/打卡.png":          []byte("PNG"),
		".obsidian/app.json": []byte("{}"),
	})
	steps := []struct {
		name   string
		change func()
	}{
		{"a page beside 制度/index.md", func() { writeFiles(t, src, map[string][]byte{"制度/请假.md": []byte("# 请假\n")}) }},
		{"the page beside it removed", func() { _ = os.Remove(filepath.Join(src, "制度/请假.md")) }},
		{"an alias changed", func() { editFile(t, filepath.Join(src, "考勤制度.md"), "/kaoqin/", "/attendance.html") }},
		{"the image moved", func() { _ = os.Rename(filepath.Join(src, "附件"), filepath.Join(src, "图片")) }},
		{"the heading renamed, and its link", func() {
			editFile(t, filepath.Join(src, "考勤制度.md"), "## 迟到", "## 迟到与早退")
			editFile(t, filepath.Join(src, "index.md"), "#迟到]]", "#迟到与早退]]")
		}},
	}
	buildOK(t, "-source", src, "-out", out)
	for _, st := range steps {
		time.Sleep(2100 * time.Millisecond) // the cache now trusts the files' stamps
		buildOK(t, "-source", src, "-out", out)
		st.change()
		if s := buildOK(t, "-source", src, "-out", out); written(s) < 0 {
			t.Errorf("%s: not an incremental build: %s", st.name, s)
		}
		_ = os.RemoveAll(ref)
		buildOK(t, "-full", "-source", src, "-out", ref)
		sameSite(t, st.name, ref, out, []string{"考勤"})
	}
	if b, err := os.ReadFile(filepath.Join(out, "attendance.html")); err != nil || !strings.Contains(string(b), "url=/latest/") {
		t.Errorf("the alias's redirect page: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(out, "kaoqin")); !os.IsNotExist(err) {
		t.Errorf("the old alias's page is still there: %v", err)
	}
}
