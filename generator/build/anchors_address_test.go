package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/output"
	"handbook/generator/revision"
	"handbook/theme"
)

// A chapter given, in a later revision, the address of a chapter an
// earlier one deleted is warned of at its slug line, with what happens
// and what to do: links to latest/extra/ kept from before the deletion,
// and the deleted chapter's old pages' link to the revision in force,
// opened the new chapter without a word. The same chapter put back is no
// reuse.
func TestAChapterAtADeletedChaptersAddressIsWarnedOf(t *testing.T) {
	extra := "-- 03-extra.md --\n---\ntitle: 第三章 附则\norder: 3\nslug: extra\n---\n## 附则\n\n本制度自发布之日起施行。\n"
	other := "-- 05-new.md --\n---\ntitle: 第五章 考勤\norder: 5\nslug: extra\n---\n## 考勤\n\n每日打卡两次。\n"
	dir := filepath.Join(t.TempDir(), "content")
	for _, st := range []struct{ v, eff, text, remove string }{
		{"1.0", "2025-01-01", handbook + extra, ""},
		{"2.0", "2025-06-01", handbook, "03-extra.md"},
		{"3.0", "2026-01-01", handbook + other, ""},
	} {
		writeTree(t, dir, st.text)
		if st.remove != "" {
			if err := os.Remove(filepath.Join(dir, st.remove)); err != nil {
				t.Fatal(err)
			}
		}
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	revs, errs := revision.Load(os.DirFS(dir), "content")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	const want = "content/revisions/3.0/05-new.md:4:1: warning: this page's address extra/ was 第三章 附则's until revision 2.0 deleted it: links to latest/extra/ made before 2.0"
	const hint = "give this page another slug in its front matter, so old links to 第三章 附则 lead to the page saying in which revision it was deleted"
	warns, err := ReusedAnchors(revs, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0].String(), want) || !strings.Contains(warns[0].String(), hint) {
		t.Errorf("publish warns:\n%v\nwant one warning beginning:\n%s", warns, want)
	}
	// Each build, while the revision in force does it.
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-01")})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.HasPrefix(w.String(), want)
	}
	if !found {
		t.Errorf("the build warns:\n%v\nwant a warning beginning:\n%s", res.Warnings, want)
	}
	// The same chapter back is no reuse.
	if err := os.Remove(filepath.Join(dir, "05-new.md")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, handbook+extra)
	if err := revision.Publish(dir, revision.Request{Version: "4.0", Effective: date(t, "2026-03-01"), Note: "第4.0版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	if revs, errs = revision.Load(os.DirFS(dir), "content"); errs.HasErrors() {
		t.Fatal(errs)
	}
	if warns, err := ReusedAnchors(revs, "content"); err != nil || len(warns) != 0 {
		t.Errorf("with 第三章 附则 back at extra/ in 4.0: %v %v", warns, err)
	}
}
