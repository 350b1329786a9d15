package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A handbook of one's own (it has site.toml) built before its first
// publish is its working copy shown as the handbook in force, with no
// banner: the build says so, and how to publish, since deploying it shows
// readers a draft as policy. A tree without site.toml (from Hugo) and a
// handbook with a revision build without the note.
func TestBuildBeforeTheFirstPublishSaysSo(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for name, text := range map[string]string{
		"hr/site.toml":      "title = \"人事制度\"\n",
		"hr/01-考勤.md":       "# 考勤制度\n\n1. 迟到三十分钟以内的，记迟到一次。\n",
		"tree/01-page.md":   "# 页面\n\n正文。\n",
		"tree/02-second.md": "# 第二页\n\n正文。\n",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const note = "handbook: note: nothing is published yet, so the site shows the working copy as the handbook in force; publish it first (handbook publish -source hr -version V"
	code, stdout, stderr, _ := runCLI(t, time.Minute, "build", "-source", "hr", "-out", "out-hr")
	if code != 0 || !strings.HasPrefix(stderr, note) {
		t.Errorf("before the first publish: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr, _ = runCLI(t, time.Minute, "build", "-source", "tree", "-out", "out-tree")
	if code != 0 || strings.Contains(stderr, "nothing is published") {
		t.Errorf("a tree without site.toml: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr, _ = runCLI(t, time.Minute, "publish", "-source", "hr", "-version", "1.0", "-effective", "2026-01-01", "-note", "首次发布")
	if code != 0 {
		t.Fatalf("publish: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr, _ = runCLI(t, time.Minute, "build", "-source", "hr", "-out", "out-hr")
	if code != 0 || strings.Contains(stderr, "nothing is published") {
		t.Errorf("after the first publish: exit %d\n%s%s", code, stdout, stderr)
	}
}
