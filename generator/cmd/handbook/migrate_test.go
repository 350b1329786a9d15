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
