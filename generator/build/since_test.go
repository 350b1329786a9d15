package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/output"
	"handbook/theme"
)

// thirdChapter is a chapter after handbook's two.
const thirdChapter = "-- 03-secrets.md --\n---\ntitle: 第三章 保密\norder: 3\nslug: secrets\n---\n全体员工负有保密义务。\n"

// replaceIn replaces old with new in a file of dir.
func replaceIn(t *testing.T, dir, file, old, new string) {
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

// previewOf builds dir as serve and build -drafts do, and returns its
// files and warnings.
func previewOf(t *testing.T, dir string) (map[string][]byte, diag.List) {
	t.Helper()
	mem := output.NewMemory()
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Today: date(t, "2026-06-01"), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	return mem.Files, res.Warnings
}

func warningAt(ws diag.List, file string) []string {
	var out []string
	for _, w := range ws {
		if w.File == file {
			out = append(out, w.String())
		}
	}
	return out
}

// draft: true added to a chapter of the latest revision: the preview's
// changelog said 修改 · 文字未变 (读者看到的文字没有变化…) and publish then
// removed the chapter. The draft's entry says what publish would do, 删除,
// its whole text deleted and linked to its last published page, and a
// warning at the draft line says so.
func TestPreviewShowsAPublishedChapterMarkedDraftAsRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook+thirdChapter)
	publishChecked(t, dir, "1.0", "2025-01-01")
	replaceIn(t, dir, "03-secrets.md", "order: 3\n", "order: 3\ndraft: true\n")

	files, warnings := previewOf(t, dir)
	d := between(string(files["changelog/index.html"]), `<li id="draft">`, "</li>")
	want := `<h3 class="diff-file" id="draft-03-secrets"><a href="/v/1.0/secrets/">第三章 保密</a> <small>删除 · +0 −17 字</small></h3>`
	if !strings.Contains(d, want) {
		t.Errorf("the draft's entry lacks %s:\n%s", want, d)
	}
	if strings.Contains(d, "文字未变") {
		t.Errorf("the draft's entry says 文字未变:\n%s", d)
	}
	got := strings.Join(warningAt(warnings, "content/03-secrets.md"), "\n")
	if w := "content/03-secrets.md:4:1: warning: the chapter 第三章 保密 is in revision 1.0, and draft: true leaves it out of the next revision: publish would remove it — remove the line to keep the chapter; to remove it on purpose, delete the file (publish refuses a published chapter left out as a draft)"; got != w {
		t.Errorf("warnings at 03-secrets.md:\n%s\nwant\n%s", got, w)
	}
	// The preview still shows it, as a draft page is.
	if _, ok := files["draft/secrets/index.html"]; !ok {
		t.Error("the preview lost draft/secrets/")
	}
	// A new chapter marked draft: true is not in the draft's entry, nor
	// warned of: publish leaves it out, and it was never published.
	writeTree(t, dir, "-- 04-wip.md --\n---\ntitle: 第四章 未定稿\norder: 4\ndraft: true\n---\n尚未公布。\n")
	files, warnings = previewOf(t, dir)
	if d := between(string(files["changelog/index.html"]), `<li id="draft">`, "</li>"); strings.Contains(d, "第四章") {
		t.Errorf("the draft's entry lists a new draft chapter:\n%s", d)
	}
	if got := warningAt(warnings, "content/04-wip.md"); len(got) > 0 {
		t.Errorf("a new draft chapter is warned of: %s", got)
	}
}

// A chapter whose title: line was deleted or misspelt is warned of with
// the title the latest revision gives it (the hint was chapter 7's for
// every chapter: e.g. title: 第七章 大客户部保密制度), once, saying that
// publish refuses it.
func TestPreviewSuggestsTheTitleALostTitleHadInTheLatestRevision(t *testing.T) {
	for _, tc := range []struct{ name, old, new string }{
		{"deleted", "title: 第三章 保密\n", ""},
		{"misspelt", "title: 第三章 保密\n", "titel: 第三章 保密\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			writeTree(t, dir, handbook+thirdChapter)
			publishChecked(t, dir, "1.0", "2025-01-01")
			replaceIn(t, dir, "03-secrets.md", tc.old, tc.new)
			_, warnings := previewOf(t, dir)
			var got []string
			for _, w := range warningAt(warnings, "content/03-secrets.md") {
				if !strings.Contains(w, "titel is not read") {
					got = append(got, w)
				}
			}
			want := `content/03-secrets.md:1:1: warning: the chapter has no title (its front matter gives none, and no # heading starts its text): it would be published named "03-secrets" after its file, for good, where revision 1.0 titles it 第三章 保密 — put its title back in its front matter: title: 第三章 保密 (publish refuses the chapter without it)`
			if strings.Join(got, "\n") != want {
				t.Errorf("warnings at 03-secrets.md:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
			}
		})
	}
}

// An order: line deleted put the chapter last in the contents without a
// word, and the changelog said 文字未变 alone: the file is warned of, and
// the draft's entry says where the chapter moved. The chapter it left, and
// one added before another, move nothing.
func TestAChapterThatLostItsOrderIsSaidToMove(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook+thirdChapter)
	publishChecked(t, dir, "1.0", "2025-01-01")
	replaceIn(t, dir, "01-intro.md", "order: 1\n", "")
	// 第二章, now after the new chapter where it was after 第一章, did
	// not move: its entry is its text's.
	replaceIn(t, dir, "02-pay.md", "回到[目的]", "请回到[目的]")
	writeTree(t, dir, "-- 015-scope.md --\n---\ntitle: 第一章之二 范围\norder: 1\n---\n本制度适用于全体员工。\n")

	files, warnings := previewOf(t, dir)
	got := strings.Join(warningAt(warnings, "content/01-intro.md"), "\n")
	if want := "content/01-intro.md:1:1: warning: the chapter has no order: line now (revision 1.0 has order: 1), so the contents list it after 第三章 保密, not first — put order: 1 back in its front matter to keep its place"; got != want {
		t.Errorf("warnings at 01-intro.md:\n%s\nwant\n%s", got, want)
	}
	d := between(string(files["changelog/index.html"]), `<li id="draft">`, "</li>")
	for _, want := range []string{
		`<h3 class="diff-file" id="draft-01-intro"><a href="/draft/intro/">第一章 总则</a> <small>修改 · 文字未变</small></h3>
      <p class="rev-meta">本章在目录中的位置由目录开头改为第三章 保密之后，文字未变。</p>`,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("the draft's entry lacks %s:\n%s", want, d)
		}
	}
	if n := strings.Count(d, "本章在目录中的位置"); n != 1 {
		t.Errorf("the draft's entry says %d chapters moved:\n%s", n, d)
	}
}
