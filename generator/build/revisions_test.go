package build

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"handbook/generator/diag"
	"handbook/generator/output"
	"handbook/generator/revision"
	"handbook/theme"
)

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// writeTree puts an inline tree on disk, for publishing.
func writeTree(t *testing.T, dir string, src string) {
	t.Helper()
	for name, f := range tree(src) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// history publishes three revisions of a small handbook: 1.0 (effective
// 2025-01-01), 2.0 (2026-01-01) and 3.0, effective in the future
// (2027-01-01), each changing one sentence.
func history(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	text := func(v string) string {
		return strings.ReplaceAll(handbook, "为规范管理,制定本制度。", "为规范管理,制定本制度(第"+v+"版)。")
	}
	for _, r := range []struct{ v, eff string }{{"1.0", "2025-01-01"}, {"2.0", "2026-01-01"}, {"3.0", "2027-01-01"}} {
		writeTree(t, dir, text(r.v))
		err := revision.Publish(dir, revision.Request{Version: r.v, Effective: date(t, r.eff), Note: "第" + r.v + "版", Now: date(t, "2026-06-01")})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildDir(t *testing.T, dir string, today string, drafts bool) (map[string][]byte, error) {
	t.Helper()
	mem := output.NewMemory()
	_, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Today: date(t, today), Drafts: drafts})
	return mem.Files, err
}

// A mistake in a chapter of the working copy (a front matter line typed
// with a full-width colon) does not stop the build of the published
// revisions, which the deploy runs: a scheduled revision still comes into
// force. It is a warning there, naming the file and line and saying that
// publish refuses it; build -drafts, which builds the working copy, fails.
func TestAMistakeInTheWorkingCopyDoesNotStopTheBuildOfRevisions(t *testing.T) {
	dir := history(t)
	f := filepath.Join(dir, "01-intro.md")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\norder: 1\n") {
		t.Fatalf("01-intro.md has no order line:\n%s", b)
	}
	if err := os.WriteFile(f, []byte(strings.Replace(string(b), "\norder: 1\n", "\norder：1\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem, Today: date(t, "2027-01-01")})
	if err != nil {
		t.Fatalf("the build of the revisions failed on the working copy's mistake: %v", err)
	}
	if !strings.Contains(string(mem.Files["latest/intro/index.html"]), "制定本制度（第3.0版）") {
		t.Error("latest/ is not the revision in force on its day")
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || w.File == "content/01-intro.md" && w.Line == 3 && strings.Contains(w.Hint, "publish refuses it")
	}
	if !warned {
		t.Errorf("no warning at content/01-intro.md:3 saying publish refuses it: %v", res.Warnings)
	}
	if _, err := buildDir(t, dir, "2027-01-01", true); err == nil || !strings.Contains(err.Error(), "content/01-intro.md:3:") {
		t.Errorf("build -drafts: want the error at content/01-intro.md:3, got %v", err)
	}
}

func TestLatestIsTheRevisionInForce(t *testing.T) {
	dir := history(t)
	cases := []struct {
		today, latest string
	}{
		{"2025-06-30", "1.0"},
		{"2026-01-01", "2.0"}, // on its effective date
		{"2026-12-31", "2.0"}, // 3.0 is published but not yet in force
		{"2027-01-01", "3.0"},
	}
	for _, c := range cases {
		t.Run("on "+c.today+" latest is "+c.latest, func(t *testing.T) {
			files, err := buildDir(t, dir, c.today, false)
			if err != nil {
				t.Fatal(err)
			}
			page := string(files["latest/intro/index.html"])
			if !strings.Contains(page, "制定本制度（第"+c.latest+"版）") {
				t.Fatalf("latest/intro shows the wrong revision; want %s", c.latest)
			}
			for _, v := range []string{"1.0", "2.0", "3.0"} {
				if _, ok := files["v/"+v+"/intro/index.html"]; !ok {
					t.Errorf("permanent path v/%s/intro/ missing", v)
				}
			}
			if !strings.Contains(string(files["index.html"]), `url=/latest/`) {
				t.Error("the site root does not lead to /latest/")
			}
		})
	}
}

func TestBannersSayWhenARevisionIsInForce(t *testing.T) {
	files, err := buildDir(t, history(t), "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	old := html.UnescapeString(string(files["v/1.0/intro/index.html"]))
	if !strings.Contains(textOf(old), "已废止的 1.0 版（施行期间 2025-01-01 至 2025-12-31）") || !strings.Contains(old, `href="/latest/intro/"`) {
		t.Errorf("1.0 banner wrong:\n%s", between(old, `class="banner`, "</div>"))
	}
	up := html.UnescapeString(string(files["v/3.0/intro/index.html"]))
	if !strings.Contains(textOf(up), "将于 2027-01-01 起施行，目前尚未生效") {
		t.Errorf("3.0 lacks the upcoming banner")
	}
	// The revision in force is not marked as old or not yet in force; with
	// 3.0 upcoming, it says until when it is in force and links 3.0.
	cur := string(files["v/2.0/intro/index.html"])
	if strings.Contains(cur, "banner-old") || strings.Contains(cur, "banner-upcoming") {
		t.Errorf("the revision in force carries an old or upcoming banner: %s", between(cur, `class="banner`, "</div>"))
	}
	next := between(cur, `class="banner`, "</div>")
	if !strings.Contains(textOf(next), "现行 2.0 版施行至 2026-12-31，3.0 版将于 2027-01-01 起施行。查看 3.0 版的本页") || !strings.Contains(next, `href="/v/3.0/intro/"`) {
		t.Errorf("the revision in force does not say until when, nor link 3.0: %s", next)
	}
	if row := between(string(files["changelog/index.html"]), `id="2.0"`, `</p>`); !strings.Contains(textOf(row), "2026-01-01 起施行，施行至 2026-12-31") {
		t.Errorf("the changelog does not say until when 2.0 is in force: %s", row)
	}
	// Once 3.0 is in force, nothing follows it: no banner at all.
	later, err := buildDir(t, history(t), "2027-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if page := string(later["latest/intro/index.html"]); strings.Contains(page, `class="banner`) {
		t.Errorf("the last revision, in force, carries a banner: %s", between(page, `class="banner`, "</div>"))
	}
	// A tab (and a screen reader's page title) says so too.
	for page, want := range map[string]string{old: " 1.0（已废止）</title>", up: " 3.0（待生效）</title>", cur: " 2.0</title>"} {
		if title := between(page, "<title>", "</head>"); !strings.Contains(title, want) {
			t.Errorf("title %q, want it to end %q", title, want)
		}
	}
	// The version switcher on every page lists all three, each at the same page.
	for _, v := range []string{"1.0", "2.0", "3.0"} {
		if !strings.Contains(cur, `href="/v/`+v+`/intro/"`) {
			t.Errorf("switcher lacks /v/%s/intro/", v)
		}
	}
	// The changelog shows what 2.0 changed, as characters.
	cl := string(files["changelog/index.html"])
	if !strings.Contains(cl, "第<del>1</del><ins>2</ins>版") && !strings.Contains(cl, "<del>1.0</del><ins>2.0</ins>") && !strings.Contains(cl, "<del>1</del><ins>2</ins>") {
		t.Errorf("changelog lacks the one-character change:\n%s", between(cl, `id="2.0"`, "</li>"))
	}
	// The draft is built only on request.
	if _, ok := files["draft/intro/index.html"]; ok {
		t.Error("the draft was built without -drafts")
	}
	files, _ = buildDir(t, history(t), "2026-06-01", true)
	if d := html.UnescapeString(string(files["draft/intro/index.html"])); !strings.Contains(d, "草稿：本页为尚未发布的工作稿") {
		t.Error("draft pages are not marked as drafts")
	}
}

// textOf is what a reader reads of some HTML: its text, tags dropped.
func textOf(h string) string { return tagRE.ReplaceAllString(h, "") }

var tagRE = regexp.MustCompile(`<[^>]*>`)

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], b)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// Editing a published file is caught by every build, naming the file and
// the revision.
func TestEditedHistoryFailsTheBuild(t *testing.T) {
	dir := history(t)
	p := filepath.Join(dir, "revisions", "1.0", "02-pay.md")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "105%", "110%", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildDir(t, dir, "2026-06-01", false)
	list := diag.FromError(err)
	if len(list) == 0 {
		t.Fatalf("a tampered revision built: %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "content/revisions/1.0/02-pay.md") || !strings.Contains(msg, "1.0") {
		t.Fatalf("the error does not name the file and revision: %s", msg)
	}

}

// TestBrokenDraftRulesWarnWhenTheDraftIsNotBuilt: a build of the published
// revisions does not use the working copy's rules.toml, but a mistake in
// it is reported, with its line, rather than found at publish time.
func TestBrokenDraftRulesWarnWhenTheDraftIsNotBuilt(t *testing.T) {
	dir := history(t)
	file := filepath.Join(dir, "rules.toml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(b), "min = 60", "min = 58", 1)
	if broken == string(b) {
		t.Fatal("the test's rules have no tier starting at 60")
	}
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-30")})
	if err != nil {
		t.Fatalf("the published revisions should build: %v", err)
	}
	var got []string
	for _, w := range res.Warnings {
		if w.File == "content/rules.toml" {
			got = append(got, w.String())
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "overlaps") || !strings.Contains(got[0], "publish refuses") {
		t.Fatalf("warnings about content/rules.toml: %q", got)
	}
	// Built with the draft, it is an error as before.
	if _, err := buildDir(t, dir, "2026-06-30", true); err == nil || !strings.Contains(err.Error(), "overlaps") {
		t.Fatalf("with the draft: %v", err)
	}
}

// TestOldPageOfADeletedChapterSaysSo: a superseded revision's page that the
// revision in force no longer has says so, and links the current home,
// instead of offering "the current version of this page".
func TestOldPageOfADeletedChapterSaysSo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	extra := "-- extra.md --\n---\ntitle: 附则\norder: 9\nslug: extra\n---\n本章后来删去。\n"
	writeTree(t, dir, handbook+extra)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "初版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "extra.md")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, strings.ReplaceAll(handbook, "为规范管理,制定本制度。", "为规范管理,制定本制度(第二版)。"))
	if err := revision.Publish(dir, revision.Request{Version: "2.0", Effective: date(t, "2026-01-01"), Note: "删去附则", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	files, err := buildDir(t, dir, "2026-06-30", false)
	if err != nil {
		t.Fatal(err)
	}
	old := string(files["v/1.0/extra/index.html"])
	if !strings.Contains(old, `现行版本已无此页。<a href="/latest/">查看现行版本</a>`) {
		t.Errorf("the deleted chapter's old page: %s", between(old, `<div class="banner`, "</div>"))
	}
	if kept := string(files["v/1.0/intro/index.html"]); !strings.Contains(kept, `<a href="/latest/intro/">查看现行版本的本页</a>`) {
		t.Errorf("a kept chapter's old page: %s", between(kept, `<div class="banner`, "</div>"))
	}
}

// An old page whose address a later revision gave another chapter (its
// own deleted, or moved, in the revision between) does not link that
// chapter as "the current version of this page": the banner says the
// revision in force has no such page (or links where the chapter went),
// and so does the version switcher.
func TestOldPageOfAReusedAddressDoesNotLinkTheNewChapter(t *testing.T) {
	for _, c := range []struct {
		name, second, banner, switcher string
	}{
		{"deleted", "", `现行版本已无此页。<a href="/latest/">查看现行版本</a>`, `href="/latest/"`},
		{"moved", "---\ntitle: 附则\norder: 9\nslug: appendix\n---\n本章后来改址。\n", `已由新版替代。<a href="/latest/appendix/">查看现行版本的本页</a>`, `href="/latest/appendix/"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			writeTree(t, dir, handbook+"-- extra.md --\n---\ntitle: 附则\norder: 9\nslug: extra\n---\n本章后来删去或改址。\n")
			publish := func(v, eff string) {
				t.Helper()
				if err := revision.Publish(dir, revision.Request{Version: v, Effective: date(t, eff), Note: "第 " + v + " 版", Now: date(t, "2026-06-01")}); err != nil {
					t.Fatal(err)
				}
			}
			publish("1.0", "2025-01-01")
			if err := os.Remove(filepath.Join(dir, "extra.md")); err != nil {
				t.Fatal(err)
			}
			if c.second != "" {
				writeTree(t, dir, "-- appendix.md --\n"+c.second)
			}
			publish("2.0", "2026-01-01")
			writeTree(t, dir, "-- rewards.md --\n---\ntitle: 奖励办法\norder: 10\nslug: extra\n---\n另一章，用了旧址。\n")
			publish("3.0", "2026-07-01")
			files, err := buildDir(t, dir, "2026-07-30", false)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(files["latest/extra/index.html"]), "另一章，用了旧址") {
				t.Fatal("the new chapter is not at latest/extra/")
			}
			old := string(files["v/1.0/extra/index.html"])
			if banner := between(old, `<div class="banner`, "</div>"); !strings.Contains(banner, c.banner) {
				t.Errorf("the old page's banner: %s\nwant %s", banner, c.banner)
			}
			sw := regexp.MustCompile(`<a class="version-link" [^>]*>3\.0 `).FindString(old)
			if !strings.Contains(sw, c.switcher) {
				t.Errorf("the switcher's entry for 3.0: %s\nwant %s", sw, c.switcher)
			}
			if kept := string(files["v/1.0/intro/index.html"]); !strings.Contains(kept, `<a href="/latest/intro/">查看现行版本的本页</a>`) {
				t.Errorf("a kept chapter's old page: %s", between(kept, `<div class="banner`, "</div>"))
			}
		})
	}
}

// A chapter whose address changed (a new slug) is the same chapter: the
// banner of its page in another revision links its page in force at its
// new address, and does not say the revision in force has no such page.
// movedChapter publishes 1.0 (effective 2025-01-01) and 2.0
// (2026-09-01), which moves 第一章 总则 from intro/ to general/ (its slug).
func movedChapter(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "初版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, strings.ReplaceAll(handbook, "slug: intro", "slug: general"))
	if err := revision.Publish(dir, revision.Request{Version: "2.0", Effective: date(t, "2026-09-01"), Note: "总则改址", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOtherRevisionsOfAMovedChapterLinkItsAddressInForce(t *testing.T) {
	dir := movedChapter(t)
	for _, c := range []struct {
		today, page, want string
		links             []string
	}{
		{"2026-10-01", "v/1.0/intro/index.html", `已由新版替代。<a href="/latest/general/">查看现行版本的本页</a>`, []string{"/v/1.0/intro/", "/latest/general/"}},
		{"2026-06-30", "v/2.0/general/index.html", `目前尚未生效。<a href="/latest/intro/">查看现行版本的本页</a>`, []string{"/v/2.0/general/", "/latest/intro/"}},
	} {
		files, err := buildDir(t, dir, c.today, false)
		if err != nil {
			t.Fatal(err)
		}
		if banner := between(string(files[c.page]), `<div class="banner`, "</div>"); !strings.Contains(banner, c.want) {
			t.Errorf("on %s, %s: banner %s\nwant %s", c.today, c.page, banner, c.want)
		}
		// The version switcher too links each revision's page of the chapter.
		switcher := between(string(files[c.page]), `<details class="version-switcher">`, "</details>")
		for _, want := range c.links {
			if !strings.Contains(switcher, `href="`+want+`"`) {
				t.Errorf("on %s, %s: the switcher does not link %s: %s", c.today, c.page, want, switcher)
			}
		}
	}
}

// The pages in force, with a revision upcoming, link each page to its
// text in that revision: at its new address when the chapter moved (its
// slug changed), and to that revision's home, saying so, when the
// chapter is gone from it.
func TestCurrentPagesLinkTheUpcomingRevision(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	extra := "-- extra.md --\n---\ntitle: 附则\norder: 9\nslug: extra\n---\n本章后来删去。\n"
	writeTree(t, dir, handbook+extra)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "初版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "extra.md")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, strings.ReplaceAll(handbook, "slug: intro", "slug: general"))
	if err := revision.Publish(dir, revision.Request{Version: "2.0", Effective: date(t, "2026-09-01"), Note: "删去附则，总则改址", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	files, err := buildDir(t, dir, "2026-06-30", false)
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"latest/intro/index.html": `起施行。<a href="/v/2.0/general/">查看 2.0 版的本页</a>`,
		"latest/extra/index.html": `起施行，该版已无此页。<a href="/v/2.0/">查看 2.0 版</a>`,
		"latest/pay/index.html":   `起施行。<a href="/v/2.0/pay/">查看 2.0 版的本页</a>`,
		"latest/index.html":       `起施行。<a href="/v/2.0/">查看 2.0 版的本页</a>`,
	} {
		banner := between(string(files[page]), `<div class="banner`, "</div>")
		if !strings.Contains(banner, "现行 1.0 版施行至 <time datetime=\"2026-08-31\">2026-08-31</time>") || !strings.Contains(banner, want) {
			t.Errorf("%s: banner %s\nwant it to say until 2026-08-31 and end %s", page, banner, want)
		}
	}
	// The page for an address that is not there is about that address,
	// not about the next revision.
	if nf := string(files["404.html"]); nf == "" || strings.Contains(nf, `class="banner`) {
		t.Errorf("404.html (%d bytes) carries a banner: %s", len(nf), between(nf, `<div class="banner`, "</div>"))
	}
}

// TestSwitcherLinksTheEditionInForceAtLatest: the version switcher links the
// revision in force at /latest/ (the pages a reader's offline copy holds),
// from every edition's pages.
func TestSwitcherLinksTheEditionInForceAtLatest(t *testing.T) {
	files, err := buildDir(t, history(t), "2026-06-30", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"v/1.0/intro/index.html", "latest/intro/index.html", "v/3.0/intro/index.html"} {
		got := string(files[page])
		if !strings.Contains(got, `href="/latest/intro/" data-root="/latest/"`) || strings.Contains(got, `href="/v/2.0/intro/"`) {
			t.Errorf("%s: the switcher does not link 2.0 at /latest/: %s", page, between(got, `<details class="version-switcher">`, "</details>"))
		}
	}
}

// Before the first revision takes effect, /latest/ is that revision with
// its 尚未生效 banner, never the working copy: an edit not yet published
// is nowhere in a build, and only under /draft/ with -drafts.
func TestLatestBeforeAnyRevisionIsInForceIsTheFirstRevision(t *testing.T) {
	dir := history(t)
	writeTree(t, dir, strings.ReplaceAll(handbook, "为规范管理,制定本制度。", "为规范管理,制定本制度(未发布的修改)。"))
	for _, drafts := range []bool{false, true} {
		files, err := buildDir(t, dir, "2024-06-01", drafts)
		if err != nil {
			t.Fatal(err)
		}
		page := html.UnescapeString(string(files["latest/intro/index.html"]))
		if !strings.Contains(page, "制定本制度（第1.0版）") {
			t.Errorf("drafts=%v: latest/intro is not 1.0:\n%s", drafts, between(page, "<main", "</main>"))
		}
		banner := between(page, `class="banner`, "</div>")
		if !strings.Contains(textOf(banner), "将于 2025-01-01 起施行，目前尚未生效") {
			t.Errorf("drafts=%v: latest/intro lacks 1.0's upcoming banner: %s", drafts, banner)
		}
		// Nothing is in force: no link to "the revision in force".
		if strings.Contains(banner, "<a") {
			t.Errorf("drafts=%v: the banner links to a revision in force that does not exist: %s", drafts, banner)
		}
		for name, data := range files {
			// With -drafts (a preview), the changelog has the working copy's entry.
			preview := strings.HasPrefix(name, "draft/") || drafts && strings.HasPrefix(name, "changelog/")
			if strings.Contains(string(data), "未发布的修改") && !preview {
				t.Errorf("drafts=%v: the unpublished edit is in %s", drafts, name)
			}
		}
		if _, ok := files["draft/intro/index.html"]; ok != drafts {
			t.Errorf("drafts=%v: draft/intro built: %v", drafts, ok)
		}
	}
}

// basePath is where the site is deployed, read from the working copy's
// site.toml for every edition: set after revisions were published (whose
// frozen site.toml says "/"), it was ignored, and every link of a site
// served under /handbook/ led out of it.
func TestBasePathComesFromTheWorkingCopy(t *testing.T) {
	dir := history(t)
	site, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), append([]byte("basePath = \"/handbook/\"\n"), site...), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"latest/intro/index.html", "v/1.0/intro/index.html", "changelog/index.html"} {
		page := string(files[name])
		if page == "" {
			t.Fatalf("%s not built", name)
		}
		for _, bad := range []string{`href="/latest/`, `href="/v/`, `href="/assets/`, `src="/assets/`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s has %s…, outside /handbook/", name, bad)
			}
		}
		if !strings.Contains(page, `href="/handbook/`) {
			t.Errorf("%s links nowhere under /handbook/", name)
		}
	}
}

// A rules.toml deleted by accident is an error at the first page that
// needs it (a worked example to check, the calculator), in the preview
// and so in publish: the revision published from it would have had no
// calculator and no checked examples, without a word. A published
// revision is frozen: there it is a warning.
func TestAPageThatNeedsTheRulesWithoutRulesIsAnError(t *testing.T) {
	src := tree(handbook)
	delete(src, "rules.toml")
	_, _, err := run(t, src, func(o *Options) { o.Drafts = true })
	list := diag.FromError(err)
	if len(list) != 1 || list[0].File != "content/02-pay.md" || list[0].Line != 20 ||
		!strings.Contains(list[0].Msg, "there is no content/rules.toml") || !strings.Contains(list[0].Hint, "restore content/rules.toml") {
		t.Fatalf("want one error at content/02-pay.md:20 (the example), got %v", err)
	}
	// The calculator alone needs them too.
	src["02-pay.md"].Data = []byte(strings.Replace(string(src["02-pay.md"].Data), "<!-- payout role=sales score=88 base=3000 dept=exceeded -->", "", 1))
	_, _, err = run(t, src, func(o *Options) { o.Drafts = true })
	if list := diag.FromError(err); len(list) != 1 || list[0].Line != 5 || !strings.Contains(list[0].Msg, "embeds the payout calculator") {
		t.Fatalf("want one error at content/02-pay.md:5 (calculator: true), got %v", err)
	}
	// A revision published so (before this check) builds, with a warning.
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	if err := os.Remove(filepath.Join(dir, "rules.toml")); err != nil {
		t.Fatal(err)
	}
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "初版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-01")})
	if err != nil {
		t.Fatalf("a published revision without its rules fails the build: %v", err)
	}
	if w := fmt.Sprint(res.Warnings); !strings.Contains(w, "content/revisions/1.0/02-pay.md:20:4: warning: this worked example is to be checked by the payout rules, but there is no content/revisions/1.0/rules.toml") {
		t.Errorf("no warning for the published revision without its rules:\n%s", w)
	}
	// Nothing needs them: no error.
	src["02-pay.md"].Data = []byte(strings.Replace(string(src["02-pay.md"].Data), "calculator: true\n", "", 1))
	if _, _, err := run(t, src, func(o *Options) { o.Drafts = true }); err != nil {
		t.Fatalf("a handbook without payout rules and without pages needing them: %v", err)
	}
}

// A build that is not given a day takes today's date in the company's
// time zone (timeZone in site.toml): at 01:00 on 1 January in Beijing,
// 17:00 on 31 December in UTC, the revision effective on 1 January is
// in force, whatever zone the build machine is set to.
func TestTheDayInForceIsTheCompanysDay(t *testing.T) {
	dir := history(t) // 3.0 takes effect on 2027-01-01
	defer func(f func() time.Time) { timeNow = f }(timeNow)
	timeNow = func() time.Time { return time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC) }
	latest := func() string {
		t.Helper()
		mem := output.NewMemory()
		if _, err := Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: mem}); err != nil {
			t.Fatal(err)
		}
		page := html.UnescapeString(string(mem.Files["latest/intro/index.html"]))
		for _, v := range []string{"1.0", "2.0", "3.0"} {
			if strings.Contains(page, "制定本制度（第"+v+"版）") {
				return v
			}
		}
		return "none"
	}
	if v := latest(); v != "2.0" {
		t.Errorf("without timeZone, at 2026-12-31 17:00 UTC latest is %s, want 2.0", v)
	}
	site := filepath.Join(dir, "site.toml")
	b, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(site, append(b, "timeZone = \"Asia/Shanghai\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if v := latest(); v != "3.0" {
		t.Errorf("with timeZone Asia/Shanghai, at 2027-01-01 01:00 there latest is %s, want 3.0", v)
	}
	// A zone that is none is an error at its line.
	if err := os.WriteFile(site, append(b, "timeZone = \"Beijing\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Run(Options{Source: os.DirFS(dir), SourceName: "content", Theme: theme.FS, Out: output.NewMemory()})
	if list := diag.FromError(err); len(list) != 1 || list[0].File != "content/site.toml" || list[0].Line != strings.Count(string(b), "\n")+1 ||
		!strings.Contains(list[0].Msg, `timeZone "Beijing" is not a time zone`) {
		t.Errorf("a timeZone that is none: %v", err)
	}
}

// TestARevisionReplacedBeforeItTakesEffect: a correction of an upcoming
// revision, published for the same day, replaces it. The replaced one is
// never in force: its pages say so (未施行) and link the text that
// replaced it; the pages in force link the replacement as what follows;
// on the day, /latest/ is the replacement; before any revision is in
// force, /latest/ is not the replaced one.
func TestARevisionReplacedBeforeItTakesEffect(t *testing.T) {
	dir := history(t) // 1.0 2025-01-01, 2.0 2026-01-01, 3.0 2027-01-01
	writeTree(t, dir, strings.ReplaceAll(handbook, "为规范管理,制定本制度。", "为规范管理,制定本制度(第3.1版)。"))
	if err := revision.Publish(dir, revision.Request{Version: "3.1", Effective: date(t, "2027-01-01"), Note: "更正 3.0", Now: date(t, "2026-07-01")}); err != nil {
		t.Fatal(err)
	}
	files, err := buildDir(t, dir, "2026-07-02", false)
	if err != nil {
		t.Fatal(err)
	}
	banner := func(page string) string {
		return textOf(between(html.UnescapeString(string(files[page])), `<div class="banner`, "</div>"))
	}
	if b := banner("v/3.0/intro/index.html"); !strings.Contains(b, "本页为 3.0 版，原定于 2027-01-01 起施行，施行前已由 3.1 版取代，从未生效。查看 3.1 版的本页") {
		t.Errorf("3.0's banner: %s", b)
	}
	if !strings.Contains(string(files["v/3.0/intro/index.html"]), `<a href="/v/3.1/intro/">查看 3.1 版的本页</a>`) {
		t.Errorf("3.0's banner does not link 3.1's page: %s", between(string(files["v/3.0/intro/index.html"]), `<div class="banner`, "</div>"))
	}
	if b := banner("latest/intro/index.html"); !strings.Contains(b, "3.1 版将于 2027-01-01 起施行") || strings.Contains(b, "3.0") {
		t.Errorf("the page in force should name 3.1 as what follows: %s", b)
	}
	if b := banner("v/3.1/intro/index.html"); !strings.Contains(b, "将于 2027-01-01 起施行，目前尚未生效") {
		t.Errorf("3.1's banner: %s", b)
	}
	if sw := between(string(files["latest/intro/index.html"]), `<details class="version-switcher">`, "</details>"); !strings.Contains(sw, "3.0 <small>未施行 · 2027-01-01</small>") {
		t.Errorf("the switcher does not say 3.0 was never in force: %s", sw)
	}
	if cl := string(files["changelog/index.html"]); !strings.Contains(cl, `<span class="badge badge-muted">未施行</span>`) ||
		!strings.Contains(textOf(cl), "原定 2027-01-01 起施行，施行前已由 3.1 版取代，未施行") {
		t.Error("the changelog does not say 3.0 was replaced by 3.1 and never in force")
	}
	// Nor does any of its pages say it takes effect (footer, home, print).
	for _, page := range []string{"v/3.0/intro/index.html", "v/3.0/index.html"} {
		if p := textOf(string(files[page])); !strings.Contains(p, "原定 2027-01-01 起施行（未施行）") {
			t.Errorf("%s does not say 原定 2027-01-01 起施行（未施行）", page)
		}
	}

	// On the day, the replacement is in force.
	files, err = buildDir(t, dir, "2027-01-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if page := html.UnescapeString(string(files["latest/intro/index.html"])); !strings.Contains(page, "制定本制度（第3.1版）") {
		t.Errorf("on 2027-01-01 /latest/ is not 3.1: %s", between(page, "<main", "</main>"))
	}
	if b := banner("v/3.0/intro/index.html"); !strings.Contains(b, "从未生效") {
		t.Errorf("on the day, 3.0's banner: %s", b)
	}

	// A first revision replaced before it took effect is not /latest/.
	dir = filepath.Join(t.TempDir(), "content")
	for _, v := range []string{"1.0", "1.1"} {
		writeTree(t, dir, strings.ReplaceAll(handbook, "为规范管理,制定本制度。", "为规范管理,制定本制度(第"+v+"版)。"))
		if err := revision.Publish(dir, revision.Request{Version: v, Effective: date(t, "2027-01-01"), Now: date(t, "2026-07-01")}); err != nil {
			t.Fatal(err)
		}
	}
	files, err = buildDir(t, dir, "2026-07-02", false)
	if err != nil {
		t.Fatal(err)
	}
	if page := html.UnescapeString(string(files["latest/intro/index.html"])); !strings.Contains(page, "制定本制度（第1.1版）") {
		t.Errorf("before anything is in force, /latest/ is not 1.1: %s", between(page, "<main", "</main>"))
	}
}
