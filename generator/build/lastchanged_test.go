package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// What a chapter's page says of its history, read against the files of
// every revision: a chapter added in a later revision was first published
// there (it said 最近修订于); one deleted since says so on the pages of
// the revisions that had it (they said 此后未修订); one changed and then
// changed back is said revised in the revision that changed it back, not
// in the one after it that changed nothing.
func TestChapterHistoryFollowsTheFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	extra := "-- 03-extra.md --\n---\ntitle: 第三章 附则\norder: 3\n---\n\n本制度自发布之日起施行。\n"
	writeTree(t, dir, handbook+extra)
	publishChecked(t, dir, "2.0", "2025-06-01")
	// 3.0 changes 第一章; 3.1 changes it back and deletes 第三章.
	writeTree(t, dir, strings.Replace(handbook, "为规范管理,制定本制度。", "为规范管理,特制定本制度。", 1)+extra)
	publishChecked(t, dir, "3.0", "2025-09-01")
	writeTree(t, dir, handbook)
	if err := os.Remove(filepath.Join(dir, "03-extra.md")); err != nil {
		t.Fatal(err)
	}
	publishChecked(t, dir, "3.1", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	for page, want := range map[string]string{
		"v/2.0/03-extra/index.html": "本章首次发布于 2.0（2025-06-01 起施行）；此后于 3.1 删去（2026-01-01 起施行）。查看 3.1 的改动",
		"v/3.0/03-extra/index.html": "本章首次发布于 2.0（2025-06-01 起施行）；此后于 3.1 删去（2026-01-01 起施行）。查看 3.1 的改动",
		"v/1.0/intro/index.html":    "本章首次发布于 1.0（2025-01-01 起施行）；此后于 3.0 修订（2025-09-01 起施行）。查看 3.0 的改动",
		"v/3.0/intro/index.html":    "本章修订于 3.0（2025-09-01 起施行）；此后又于 3.1 修订（2026-01-01 起施行）。查看 3.1 的改动",
		"v/2.0/pay/index.html":      "本章首次发布于 1.0（2025-01-01 起施行），此后未修订。查看修订记录",
	} {
		p := string(files[page])
		if got := textOf(between(p, `<p class="last-changed">`, "</p>")); got != want {
			t.Errorf("%s says %q, want %q", page, got, want)
		}
		if m := regexpLink.FindStringSubmatch(between(p, `<p class="last-changed">`, "</p>")); m == nil || !strings.Contains(cl, `id="`+m[1]+`"`) {
			t.Errorf("%s links to %v, which the changelog does not have", page, m)
		}
	}
}

var regexpLink = regexp.MustCompile(`href="/changelog/#([^"]+)"`)
