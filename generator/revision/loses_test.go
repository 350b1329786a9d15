package revision

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chapters2026 is a published handbook's chapters, with front matter.
var chapters2026 = map[string]string{
	"site.toml":              "title = \"大客户部管理制度\"\n",
	"06-performance.md":      "---\ntitle: 第六章 绩效考核办法\norder: 6\nslug: performance\n---\n\n考核每月一次。\n",
	"07-confidentiality.md":  "---\ntitle: 第七章 大客户部保密制度\norder: 7\nslug: confidentiality\n---\n\n全体员工负有保密义务。\n",
	"08-visits.md":           "---\ntitle: 第八章 客户拜访\norder: 8\n---\n\n拜访前须登记。\n",
	"sales/_index.md":        "---\ntitle: 销售\norder: 9\n---\n",
	"sales/01-commission.md": "---\ntitle: 提成\n---\n\n按季度发放。\n",
}

// published writes chapters2026 and publishes it as 2026.1.
func published(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, chapters2026)
	if err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01"), Display: "content"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q (%v)", file, old, err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A chapter of the latest revision marked draft: true was published as
// removed (the preview's changelog said 文字未变): publish refuses it,
// at its draft line, and says how to keep it and how to remove it on
// purpose. The file deleted, the chapter is withdrawn.
func TestPublishRefusesAPublishedChapterMarkedDraft(t *testing.T) {
	for _, tc := range []struct{ name, file, old, new, want string }{
		{"its own draft: true", "07-confidentiality.md", "order: 7\n", "order: 7\ndraft: true\n",
			"content/07-confidentiality.md:4:1: error: the chapter 第七章 大客户部保密制度 is in revision 2026.1, and draft: true leaves it out of the next revision: publish would remove it — remove the line to keep the chapter; to remove it on purpose, delete the file (publish refuses a published chapter left out as a draft)"},
		{"Obsidian's publish: false", "07-confidentiality.md", "order: 7\n", "order: 7\npublish: false\n",
			"content/07-confidentiality.md:4:1: error: the chapter 第七章 大客户部保密制度 is in revision 2026.1, and publish: false leaves it out of the next revision: publish would remove it — remove the line to keep the chapter; to remove it on purpose, delete the file (publish refuses a published chapter left out as a draft)"},
		{"its folder's draft: true", "sales/_index.md", "order: 9\n", "order: 9\ndraft: true\n",
			"content/sales/_index.md:4:1: error: the chapter 提成 (content/sales/01-commission.md) is in revision 2026.1, and this draft: true of its folder leaves it out of the next revision: publish would remove it — remove the line to keep the chapter; to remove it on purpose, delete the file (publish refuses a published chapter left out as a draft)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := published(t)
			edit(t, dir, "08-visits.md", "登记", "书面登记")
			edit(t, dir, tc.file, tc.old, tc.new)
			err := Publish(dir, Request{Version: "2026.2", Effective: day("2026-07-01"), Display: "content"})
			if err == nil || !strings.Contains(err.Error(), "\n"+tc.want) || !strings.Contains(err.Error(), "nothing was published") {
				t.Fatalf("Publish = %v\nwant %s", err, tc.want)
			}
			if vs := versions(t, dir); len(vs) != 1 {
				t.Errorf("revisions after the refusal: %v", vs)
			}
		})
	}
	t.Run("the file deleted", func(t *testing.T) {
		dir := published(t)
		if err := os.Remove(filepath.Join(dir, "07-confidentiality.md")); err != nil {
			t.Fatal(err)
		}
		if err := Publish(dir, Request{Version: "2026.2", Effective: day("2026-07-01"), Display: "content"}); err != nil {
			t.Fatal(err)
		}
	})
}

// A chapter whose title: line was lost (deleted, or misspelt titel:) was
// frozen named after its file, 06-performance, with a warning whose hint
// gave chapter 7's title: publish refuses it, naming the title the
// latest revision gives it. A new chapter without a title is not refused
// (the build warns of it).
func TestPublishRefusesAChapterThatLostItsTitle(t *testing.T) {
	for _, old := range []string{"title: 第六章 绩效考核办法\n", "title"} {
		dir := published(t)
		edit(t, dir, "06-performance.md", old, map[string]string{"title": "titel"}[old])
		err := Publish(dir, Request{Version: "2026.2", Effective: day("2026-07-01"), Display: "content"})
		want := "\ncontent/06-performance.md:1:1: error: the chapter has no title (its front matter gives none, and no # heading starts its text): it would be published named \"06-performance\" after its file, for good, where revision 2026.1 titles it 第六章 绩效考核办法 — put its title back in its front matter: title: 第六章 绩效考核办法 (publish refuses the chapter without it)"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("with %q changed: Publish = %v\nwant %s", old, err, want)
		}
	}
	dir := published(t)
	writeTree(t, dir, map[string]string{"09-new.md": "---\norder: 9\n---\n\n新的一章。\n"})
	if err := Publish(dir, Request{Version: "2026.2", Effective: day("2026-07-01"), Display: "content"}); err != nil {
		t.Errorf("a new chapter without a title: %v", err)
	}
}
