package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handbook/generator/internal/treesum"
)

// contentCopy copies the handbook's content folder (draft and published
// revisions) into a temporary folder and returns the copy's path.
func contentCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../../content")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func publish(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var o, e bytes.Buffer
	code := runPublish(args, &o, &e)
	return code, o.String(), e.String()
}

func replaceIn(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A publish refused because a published revision was edited says so: it
// names the file, and does not send the admin looking for an error in a
// draft that has none.
func TestPublishOverEditedHistorySaysHistoryNotDraft(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	replaceIn(t, filepath.Join(dir, "revisions", "2026.1", "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门所有目标")

	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "测试")
	if code != 1 || out != "" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "revisions/2026.1/01-functions.md: error: this file differs from the manifest of published revision 2026.1") {
		t.Errorf("the edited file is not named:\n%s", errOut)
	}
	if strings.Contains(errOut, "draft has errors") {
		t.Errorf("blames the draft for edited history:\n%s", errOut)
	}
	if !strings.Contains(errOut, "published history is damaged") {
		t.Errorf("does not say history is damaged:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "revisions", "2027.1")); err == nil {
		t.Error("revision 2027.1 was published")
	}

	// A draft with an error is still called one.
	replaceIn(t, filepath.Join(dir, "revisions", "2026.1", "01-functions.md"), "组织完成本部门所有目标", "组织完成本部门各项目标")
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "order: 1", "ordr 1")
	code, _, errOut = publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "测试")
	if code != 1 || !strings.Contains(errOut, "01-functions.md:3:1: error:") || !strings.Contains(errOut, "the draft has errors; nothing was published") {
		t.Errorf("a broken draft: exit %d\n%s", code, errOut)
	}
}

// A note of spaces is no note: the changelog would show an empty line
// where it says what the revision changes.
func TestPublishRefusesABlankNote(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", " 　\t")
	if code != 2 || out != "" || !strings.Contains(errOut, "handbook publish: -note is missing or blank; -version, -effective and -note are all required") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "revisions", "2027.1")); err == nil {
		t.Error("revision 2027.1 was published")
	}
}

// Publish says when the new revision is in force and what that does to
// the site: an admin publishing ahead learns /latest/ moves only with a
// build on that day; one publishing a back-dated errata learns the
// revision before it is now said to end earlier.
func TestPublishSaysWhenTheRevisionIsInForce(t *testing.T) {
	for _, c := range []struct{ effective, want string }{
		{"2027-03-01", "it comes into force on 2027-03-01: until then /latest/ shows 2026.1; build the site again on that day"},
		// The command to build the site is the handbook's: its -source.
		{"2026-11-27", "in force from today, 2026-11-27: /latest/ shows it once the site is built again (handbook build -source DIR)"},
		{"2026-06-01", "in force from 2026-06-01, a date already past: revision 2026.1 now reads as in force until 2026-05-31, not until today; /latest/ shows it once the site is built again (handbook build -source DIR)"},
	} {
		dir := contentCopy(t)
		// The working copy as last published (the repository's may hold
		// changes not yet published), but for the one chapter edited.
		published, err := filepath.Glob(filepath.Join(dir, "revisions", "2026.1", "*.*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range published {
			if name := filepath.Base(f); name != "revision.toml" && name != "manifest.sha256" {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
		code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", c.effective, "-note", "测试")
		if code != 0 || !strings.Contains(out, "handbook: published revision 2027.1 in "+dir+"/revisions/2027.1; "+strings.ReplaceAll(c.want, "DIR", dir)) {
			t.Errorf("effective %s: exit %d\n%s%s\nwant it to say: %s", c.effective, code, out, errOut, c.want)
		}
		// And what it holds: the one chapter edited, nothing else.
		if !strings.Contains(out, "\n  changes from 2026.1: modified 01-functions.md\n") {
			t.Errorf("effective %s: the files changed are not listed:\n%s", c.effective, out)
		}
	}
}

// A date of the right shape that is no day (30 February) is said to be
// no day, not to be of the wrong shape.
func TestPublishSaysADateIsNoDay(t *testing.T) {
	dir := contentCopy(t)
	code, _, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-02-30", "-note", "测试")
	if code != 2 || !strings.Contains(errOut, `-effective "2027-02-30": there is no such day; check the month and the day`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	code, _, errOut = publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027/3/1", "-note", "测试")
	if code != 2 || !strings.Contains(errOut, `-effective "2027/3/1": want a date like 2026-07-01`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

// The publish date is the company's day (timeZone in site.toml), as the
// build's today is, not the machine's: a revision published on a UTC
// server in the company's morning is dated that morning's day.
func TestPublishDatesTheRevisionInTheCompanysZone(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	// A zone whose day differs from UTC's now: 14 hours ahead in the
	// afternoon (UTC), 12 behind in the morning.
	zone := "Etc/GMT+12"
	if time.Now().UTC().Hour() >= 12 {
		zone = "Etc/GMT-14"
	}
	site, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	site = regexp.MustCompile(`(?m)^timeZone = .*\n`).ReplaceAll(site, nil) // the repository's own zone, if set
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), append([]byte("timeZone = \""+zone+"\"\n"), site...), 0o644); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "测试")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	meta, err := os.ReadFile(filepath.Join(dir, "revisions", "2027.1", "revision.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "published = " + time.Now().In(loc).Format(time.DateOnly); !strings.Contains(string(meta), want) {
		t.Errorf("revision.toml does not say %s (%s's day; UTC's is %s):\n%s", want, zone, time.Now().UTC().Format(time.DateOnly), meta)
	}
}

// publish answers -h as build and serve do: what it does and its flags,
// exit 0 (it printed Go's default "Usage of publish:" and exited 2), and
// a misspelt flag names the flag meant.
func TestPublishHelpAndAMisspeltFlag(t *testing.T) {
	code, out, errOut := publish(t, "-h")
	if code != 0 || !strings.HasPrefix(out, "usage: handbook publish -version") || !strings.Contains(out, "-effective string") || errOut != "" {
		t.Errorf("-h: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = publish(t, "-versoin", "2027.1")
	if code != 2 || out != "" || !strings.Contains(errOut, "-versoin (did you mean -version?)") {
		t.Errorf("a misspelt flag: exit %d\n%s%s", code, out, errOut)
	}
	// A flag given twice froze its last value in silence, for good.
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	code, out, errOut = publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-08-01", "-note", "调整", "-effective", "2027-09-01")
	if code != 2 || out != "" || !strings.Contains(errOut, "handbook publish: -effective is given twice (2027-08-01, then 2027-09-01): give it once") {
		t.Errorf("a flag given twice: exit %d\n%s%s", code, out, errOut)
	}
	// Each flag left out is named.
	code, _, errOut = publish(t, "-source", dir, "-effective", " ", "-note", "调整")
	if code != 2 || !strings.Contains(errOut, "handbook publish: -version, -effective are missing or blank;") {
		t.Errorf("two flags left out: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "revisions", "2027.1")); err == nil {
		t.Error("revision 2027.1 was published")
	}
}

// A clause split in two renumbers the clauses after it, whose old IDs
// stay on the page: a link to 销售人员奖惩办法.7 (the worked example)
// then opens 第7条 "每月具体的绩效工资…" without a word. Publish names the
// clauses whose number went to other text, and where each one is now; it
// warned only of IDs that were gone, and here none is.
func TestPublishWarnsOfRenumberedClauses(t *testing.T) {
	dir := contentCopy(t)
	perf := filepath.Join(dir, "06-performance.md")
	replaceIn(t, perf, "额外发放绩效工资5%的奖金;当月部门业绩目标未完成,", "额外发放绩效工资5%的奖金。\n6. 当月部门业绩目标未完成,")
	replaceIn(t, perf, "6. 每月具体的绩效工资", "7. 每月具体的绩效工资")
	replaceIn(t, perf, "7. <!-- payout role=sales score=88", "8. <!-- payout role=sales score=88")
	// The deduction is clause 6 now, and the rules cite it so (citing
	// clause 5, where 未完成 no longer is, fails the draft).
	replaceIn(t, filepath.Join(dir, "rules.toml"), "adjust = \"-5%\"\nclause = \"销售人员奖惩办法.5\"", "adjust = \"-5%\"\nclause = \"销售人员奖惩办法.6\"")
	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "拆分第5条")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"revisions/2027.1/06-performance.md: warning: links to performance/ at these clauses of the revision before now open another clause",
		"#销售人员奖惩办法.6 is now #销售人员奖惩办法.7 (每月具体的绩效工资的提成…)",
		"#销售人员奖惩办法.7 is now #销售人员奖惩办法.8 (举例:本期考核得分88分…)",
		// Said before publishing: what rules.toml cites at a clause whose
		// text changed (the note on the adjustment's base stays at 5),
		// once for the clause, at its first citation, naming each rule.
		"rules.toml:73:10: warning: 销售人员's adjustment for 超额完成, 销售人员's adjustment for 完成, the reading adjustment-base cite #销售人员奖惩办法.5, whose text is not 2026.1's: it read 「…效工资5%的奖金;当月部门业绩目标未完成,额外扣…」, it reads 「…效工资5%的奖金。」 — if clauses",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("publish does not say %q:\n%s", want, errOut)
		}
	}
	// The clause split keeps its number (most of its text is still
	// there), and nothing else moved.
	if strings.Contains(errOut, "#销售人员奖惩办法.5 is now") || strings.Count(errOut, " is now #") != 2 {
		t.Errorf("publish names clauses that did not move:\n%s", errOut)
	}
}

// A correction published for the day of an upcoming revision says, in
// one sentence with the rest, that it replaces that one: the message ran
// "…(a daily build does it) It replaces 2027.1 …", two sentences glued
// without a stop.
func TestPublishSaysItReplacesAnUpcomingRevision(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	if code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门全部目标", "组织完成本部门全部目标。")
	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.2", "-effective", "2027-03-01", "-note", "勘误")
	want := "it comes into force on 2027-03-01: until then /latest/ shows 2026.1; build the site again on that day (a daily build does it); it replaces 2027.1 before that takes effect: 2027.1 is never in force, and its pages say so (未施行) and link to 2027.2\n"
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("exit %d\n%s%s\nwant it to say: %s", code, out, errOut, want)
	}
	// Published late, on a day after (by -today): 2027.2 has taken
	// effect, and readers had it; it is no longer replaced on its day
	// (publish said "in force from 2027-03-01, a date already past …; it
	// replaces 2027.2 before that takes effect", of a day gone by).
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门全部目标。", "组织完成本部门的全部目标。")
	code, out, errOut = publish(t, "-source", dir, "-today", "2027-04-01", "-version", "2027.3", "-effective", "2027-03-01", "-note", "再勘误")
	want = "effective date 2027-03-01 is that of revision 2027.2, which has taken effect"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d\n%s%s\nwant it to say: %s", code, out, errOut, want)
	}
}

// The latest revision deleted, or edited together with its manifest
// (nothing published after it records it, so history's own checks pass):
// a build into the folder that has its pages refuses, names the file and
// says what to do, and leaves the site as it was; it dropped or changed
// the revision's permanent pages without a word. A build into a new
// folder still works.
func TestBuildRefusesToDropOrChangeARevisionsPages(t *testing.T) {
	for _, c := range []struct {
		name, file, want string
		damage           func(rev string)
	}{
		{"deleted", "", "revision 2027.1 is missing, yet the site last built in OUT/ has it (OUT/v/2027.1/)", func(rev string) {
			if err := os.RemoveAll(rev); err != nil {
				t.Fatal(err)
			}
		}},
		{"edited with its manifest", "/manifest.sha256", "revision 2027.1 is not the one the site last built in OUT/ was made from (OUT/v/2027.1/revision.sha256 records another manifest)", func(rev string) {
			page := filepath.Join(rev, "01-functions.md")
			old, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			replaceIn(t, page, "组织完成本部门全部目标", "组织完成本部门主要目标")
			now, _ := os.ReadFile(page)
			replaceIn(t, filepath.Join(rev, "manifest.sha256"), fmt.Sprintf("%x", sha256.Sum256(old)), fmt.Sprintf("%x", sha256.Sum256(now)))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := contentCopy(t)
			out := filepath.Join(t.TempDir(), "public")
			replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
			if code, o, e := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整"); code != 0 {
				t.Fatalf("exit %d\n%s%s", code, o, e)
			}
			if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out, "-today", "2026-11-27"); code != 0 {
				t.Fatal(stderr)
			}
			before := snapshot(t, out)
			rev := filepath.Join(dir, "revisions", "2027.1")
			c.damage(rev)
			// History's own checks see nothing.
			if code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", filepath.Join(t.TempDir(), "new"), "-today", "2026-11-27"); code != 0 {
				t.Errorf("a build into a new folder: exit %d\n%s", code, stderr)
			}
			folder := filepath.ToSlash(rev)
			want := folder + c.file + ": error: " + strings.ReplaceAll(c.want, "OUT", out)
			for _, full := range []bool{false, true} {
				args := []string{"build", "-source", dir, "-out", out, "-today", "2026-11-27"}
				if full {
					args = append(args, "-full")
				}
				code, _, stderr, _ := runCLI(t, time.Minute, args...)
				if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "(git checkout -- "+folder+")") ||
					!strings.Contains(stderr, "build failed with 1 error(s); "+out+"/ is unchanged") {
					t.Errorf("full %v: exit %d\n%s\nwant it to say: %s", full, code, stderr, want)
				}
				if after := snapshot(t, out); !maps.Equal(after, before) || after["v/2027.1/index.html"] == "" {
					t.Errorf("full %v: the site changed: %v", full, diffSnapshots(before, after))
				}
			}
			// Nor does publish seal the damage into the next revision
			// (its previous_manifest), which left deleting a revision
			// as the only way back.
			replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门全部目标", "组织完成本部门各项目标")
			code, o, e := publish(t, "-source", dir, "-out", out, "-today", "2026-11-27", "-version", "2027.2", "-effective", "2027-04-01", "-note", "再调整")
			if code != 1 || !strings.Contains(e, want) || !strings.Contains(e, "published history is damaged") {
				t.Errorf("publish: exit %d\n%s%s\nwant it to say: %s", code, o, e, want)
			}
			if _, err := os.Stat(filepath.Join(dir, "revisions", "2027.2")); err == nil {
				t.Error("revision 2027.2 was published")
			}
		})
	}
}

// A date typed with spaces around it, or by a Chinese input method in
// full-width mode (２０２７－０３－０１), is the date it reads as; both
// were "want a date like 2026-07-01". A note of two lines is refused
// (the changelog shows it as one, its lines run together), and nothing
// is published.
func TestPublishReadsADateAsTypedAndWantsANoteOfOneLine(t *testing.T) {
	for _, typed := range []string{" 2027-03-01 ", "２０２７－０３－０１"} {
		dir := contentCopy(t)
		replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
		code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", typed, "-note", "调整")
		meta, _ := os.ReadFile(filepath.Join(dir, "revisions", "2027.1", "revision.toml"))
		if code != 0 || !strings.Contains(string(meta), "effective = 2027-03-01") {
			t.Errorf("-effective %q: exit %d\n%s%s%s", typed, code, out, errOut, meta)
		}
	}
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整第一章\n更正错字")
	if code != 2 || out != "" || !strings.Contains(errOut, "-note is one line for the changelog, and this one has a line break") {
		t.Errorf("a note of two lines: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "revisions", "2027.1")); err == nil {
		t.Error("revision 2027.1 was published")
	}
}

// -today, which builds (and publish) take to see the site as of a day, is
// read as -effective is: a date of the right shape that is no day is
// said to be none, and one typed in full-width digits is the day it
// reads as. -today 2026-02-30 was "want a date like 2026-01-31".
func TestTodayIsReadAsEffectiveIs(t *testing.T) {
	dir := contentCopy(t)
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", out, "-today", "2026-02-30")
	if code == 0 || !strings.Contains(stderr, `-today "2026-02-30": there is no such day; check the month and the day`) {
		t.Errorf("build -today 2026-02-30: exit %d\n%s", code, stderr)
	}
	code, _, errOut := publish(t, "-source", dir, "-today", "2026-13-01", "-version", "2027.1", "-effective", "2027-03-01", "-note", "测试")
	if code == 0 || !strings.Contains(errOut, `-today "2026-13-01": there is no such day`) {
		t.Errorf("publish -today 2026-13-01: exit %d\n%s", code, errOut)
	}
	code, _, stderr, _ = runCLI(t, time.Minute, "build", "-source", dir, "-out", out, "-today", "２０２５－０６－０１")
	if b, _ := os.ReadFile(filepath.Join(out, "latest", "index.html")); code != 0 || !strings.Contains(string(b), "<summary>2025.1 · 现行") {
		t.Errorf("build -today ２０２５－０６－０１: exit %d\n%s", code, stderr)
	}
}

// An ID a revision retired, given to new text by a later one: publish
// warns of it (the links made before the retirement open the new text
// without a word), and so does a build of the draft before publishing.
func TestPublishWarnsOfAnIDGivenBackToOtherText(t *testing.T) {
	dir := contentCopy(t)
	fn := filepath.Join(dir, "01-functions.md")
	replaceIn(t, fn, "8. 制定部门人员的提成方案,每月制作人员的提成结算预案;\n", "")
	if code, o, e := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "删去第8条"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	replaceIn(t, fn, "7. 统计月度、年度的业绩,并进行汇总及分析;\n", "7. 统计月度、年度的业绩,并进行汇总及分析;\n8. 每季度组织大客户回访;\n")
	// The new item's line, wherever the chapter's text puts it.
	src, err := os.ReadFile(fn)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(src[:strings.Index(string(src), "8. 每季度组织大客户回访")]), "\n") + 1
	want := "01-functions.md:" + strconv.Itoa(line) + ":4: warning: #主要职责.8 was another clause (“制定部门人员的提成方案，"
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-drafts", "-out", filepath.Join(t.TempDir(), "public"), "-today", "2026-11-27")
	if code != 0 || !strings.Contains(stderr, filepath.ToSlash(dir)+"/"+want) {
		t.Errorf("build -drafts: exit %d\n%s\nwant it to say: %s", code, stderr, want)
	}
	code, o, e := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.2", "-effective", "2027-04-01", "-note", "新增第8条")
	if code != 0 || !strings.Contains(e, filepath.ToSlash(dir)+"/revisions/2027.2/"+want) || !strings.Contains(e, "until revision 2027.1 deleted it") {
		t.Errorf("publish: exit %d\n%s%s\nwant it to say: %s", code, o, e, want)
	}
}

// -today is the day publish reads the history as of: a revision whose day
// has come by then may not be replaced on that day (publish took the
// machine's clock for that, and said the new one "replaces 2027.1 before
// that takes effect" of a day already past by -today); an effective date
// before the latest revision's names that revision and the first day
// allowed.
func TestPublishReadsTheHistoryAsOfToday(t *testing.T) {
	dir := contentCopy(t)
	fn := filepath.Join(dir, "01-functions.md")
	replaceIn(t, fn, "组织完成本部门各项目标", "组织完成本部门全部目标")
	if code, o, e := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	replaceIn(t, fn, "组织完成本部门全部目标", "组织完成本部门主要目标")
	code, o, e := publish(t, "-source", dir, "-today", "2027-03-05", "-version", "2027.2", "-effective", "2027-03-01", "-note", "再调整")
	if want := "effective date 2027-03-01 is that of revision 2027.1, which has taken effect"; code != 1 || !strings.Contains(e, want) || !strings.Contains(e, "choose 2027-03-02 or later") {
		t.Errorf("replacing a revision in force by -today: exit %d\n%s%s\nwant it to say: %s", code, o, e, want)
	}
	code, o, e = publish(t, "-source", dir, "-today", "2027-03-05", "-version", "2027.2", "-effective", "2026-12-01", "-note", "再调整")
	if want := "effective date 2026-12-01 is earlier than that of revision 2027.1 (2027-03-01): a new revision cannot take effect before an existing one; choose 2027-03-02 or later"; code != 1 || !strings.Contains(e, want) {
		t.Errorf("an earlier date: exit %d\n%s%s\nwant it to say: %s", code, o, e, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "revisions", "2027.2")); err == nil {
		t.Error("revision 2027.2 was published")
	}
	// An -out with no site in it (a typo) is said to check nothing.
	missing := filepath.Join(t.TempDir(), "pubilc")
	_, _, e = publish(t, "-source", dir, "-out", missing+"/", "-today", "2027-03-05", "-version", "2027.2", "-effective", "2027-04-01", "-note", "再调整")
	if want := "handbook publish: note: " + missing + " holds no site built with published revisions (no " + missing + "/v), so the latest revision is checked against its own manifest only"; !strings.Contains(e, want) {
		t.Errorf("an -out with no site:\n%s\nwant it to say: %s", e, want)
	}
}

// publish run where no site was built (from another folder, -out left
// at public) says the latest revision is checked against its own
// manifest only: a tester edited revision 2027.3 with its manifest, ran
// publish from another folder, and 2027.4 sealed the edit in without a
// word. Where the site is built, nothing is said.
func TestPublishSaysWhenNoBuiltSiteChecksTheLatestRevision(t *testing.T) {
	dir := contentCopy(t)
	fn := filepath.Join(dir, "01-functions.md")
	note := "holds no site built with published revisions"
	replaceIn(t, fn, "组织完成本部门各项目标", "组织完成本部门全部目标")
	t.Chdir(t.TempDir())
	code, o, e := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整")
	if want := "handbook publish: note: public " + note + " (no " + filepath.Join("public", "v") + ")"; code != 0 || !strings.Contains(e, want) {
		t.Errorf("no site built here: exit %d\n%s%s\nwant it to say: %s", code, o, e, want)
	}
	if code, o, e, _ := runCLI(t, time.Minute, "build", "-source", dir, "-today", "2026-11-27"); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, o, e)
	}
	replaceIn(t, fn, "组织完成本部门全部目标", "组织完成本部门主要目标")
	code, o, e = publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.2", "-effective", "2027-04-01", "-note", "再调整")
	if code != 0 || strings.Contains(e, note) {
		t.Errorf("the site built here: exit %d\n%s%s\nwant no note", code, o, e)
	}
}

// The way back when a revision was published over an edited latest one
// (publish run where no site was built, the edit made with its manifest
// line): the build into the site says to restore it and to remove the
// revision published since, and once it is restored, that the revision
// published since records the edit. A tester restored the edited
// revision as told and was told it had changed since the next one was
// published, with nothing said of removing that one.
func TestAnEditSealedInByPublishSaysTheWayBack(t *testing.T) {
	dir := contentCopy(t)
	public := filepath.Join(t.TempDir(), "public")
	build := func() (int, string) {
		t.Helper()
		code, _, e, _ := runCLI(t, time.Minute, "build", "-source", dir, "-out", public, "-today", "2026-11-27")
		return code, e
	}
	if code, e := build(); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, e)
	}
	// 2026.1, the latest, edited with its manifest line.
	rev := filepath.Join(dir, "revisions", "2026.1")
	file := filepath.Join(rev, "07-confidentiality.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(orig, []byte("保密"), []byte("保全"), 1)
	if err := os.WriteFile(file, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	was, now := sha256.Sum256(orig), sha256.Sum256(edited)
	replaceIn(t, filepath.Join(rev, "manifest.sha256"), fmt.Sprintf("%x", was), fmt.Sprintf("%x", now))
	// Published from elsewhere: nothing there to check 2026.1 against.
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	t.Chdir(t.TempDir())
	if code, o, e := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整"); code != 0 {
		t.Fatalf("publish: exit %d\n%s%s", code, o, e)
	}
	sealed := filepath.ToSlash(filepath.Join(dir, "revisions", "2027.1"))
	code, e := build()
	if want := "revision 2027.1, published since from the edited files, records them: remove " + sealed + " as well (not deployed yet), then publish again"; code == 0 || !strings.Contains(e, want) {
		t.Errorf("the site built over the edit: exit %d\n%s\nwant it to say: %s", code, e, want)
	}
	// 2026.1 restored as told.
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, filepath.Join(rev, "manifest.sha256"), fmt.Sprintf("%x", now), fmt.Sprintf("%x", was))
	code, e = build()
	if want := "if 2026.1 is as published now, 2027.1 was published while it was edited and records the edit: remove " + sealed + " (if it was never deployed) and publish it again"; code == 0 || !strings.Contains(e, want) {
		t.Errorf("2026.1 restored: exit %d\n%s\nwant it to say: %s", code, e, want)
	}
	// 2027.1 removed: the site builds, and 2027.1 is published again.
	if err := os.RemoveAll(filepath.Join(dir, "revisions", "2027.1")); err != nil {
		t.Fatal(err)
	}
	if code, e := build(); code != 0 {
		t.Errorf("2027.1 removed: exit %d\n%s", code, e)
	}
	if code, o, e := publish(t, "-source", dir, "-out", public, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整"); code != 0 {
		t.Errorf("published again: exit %d\n%s%s", code, o, e)
	}
}

// A year mistyped in the version (2062.1) or the date (9999-12-31) was
// published: the version sorted after every one a later revision could
// rightly take (2027.1 was then refused as coming before it), and
// revisions are never deleted. The handbook numbers its revisions by
// year; publish names the versions that fit.
func TestPublishRefusesAYearMistyped(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	for _, c := range []struct{ version, effective, want string }{
		{"2062.1", "2027-03-01", "version id 2062.1 does not start with the year it takes effect in (2027-03-01), or the year before or after, as every revision's here does (2025.1, 2026.1): published, it would order the versions after it for good; did you mean 2026.2 or 2027.1?"},
		{"99999999999999999999.1", "2027-03-01", "version id 99999999999999999999.1 does not start with the year it takes effect in (2027-03-01)"},
		{"2027.1", "9999-12-31", "effective date 9999-12-31 is more than 10 years after today (2026-11-27): check the year; a revision is published for a day by 2036-11-27 at the latest"},
	} {
		code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", c.version, "-effective", c.effective, "-note", "调整")
		if code != 1 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("-version %s -effective %s: exit %d\n%s%s\nwant it to say: %s", c.version, c.effective, code, out, errOut, c.want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "revisions")); len(entries) != 2 {
		t.Errorf("revisions/ holds %d folders, want 2025.1 and 2026.1", len(entries))
	}
	if code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "调整"); code != 0 {
		t.Errorf("2027.1: exit %d\n%s%s", code, out, errOut)
	}
}

// Publish says, before it publishes, every warning the draft build has
// about the working copy's own files, as build -drafts says them: it
// showed only what rules.toml cites, so an unclosed ``` fence, raw HTML
// left out, a front matter key not read (misspelt, or below a blank
// first line) were frozen in silence (exit 0), and every build after
// warned of the frozen copy. It is not refused, and it says how many
// the revision was published with: not those about a draft: true page it
// left out, nor those about published revisions, which builds say.
func TestPublishSaysTheDraftsWarningsFirst(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "## 一、部门职能", "```\n\n## 一、部门职能")
	replaceIn(t, filepath.Join(dir, "04-training.md"), "order: 4", "order: 4\nordr: 5")
	replaceIn(t, filepath.Join(dir, "05-workflows.md"), "slug: workflows\n---\n", "slug: workflows\n---\n\n<div>丁</div>\n")
	replaceIn(t, filepath.Join(dir, "07-confidentiality.md"), "---", "\n---")
	replaceIn(t, filepath.Join(dir, "rules.toml"), "# 按相应分数比例发放: 80 分 → 80 %\nclause = \"销售人员奖惩办法.3\"", "# 按相应分数比例发放: 80 分 → 80 %\nclause = \"销售人员奖惩办法.4\"")
	// The org chart corrected: 2026.1's three warnings go with the next
	// publish, and no build says them of the frozen copy any more.
	replaceIn(t, filepath.Join(dir, "03-job-descriptions.md"), "直接下级:大客户总监", "直接下级:内勤、大客户员")
	// A page left out of the revision: warned of, not counted.
	if err := os.WriteFile(filepath.Join(dir, "08-notes.md"), []byte("---\ntitle: 笔记\ndraft: true\n---\n\n<span>草</span>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr, _ := runCLI(t, time.Minute, "build", "-source", dir, "-drafts", "-out", filepath.Join(t.TempDir(), "public"), "-today", "2026-11-27")
	if code != 0 {
		t.Fatalf("build -drafts: exit %d\n%s", code, stderr)
	}
	src := filepath.ToSlash(dir) + "/"
	var want []string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, src) && strings.Contains(line, ": warning: ") && !strings.HasPrefix(line, src+"revisions/") {
			want = append(want, line)
		}
	}
	// Seven: the tier citing 第4条 is warned of twice, for a clause not
	// stating its range and for one that is not what it cited in 2026.1.
	if len(want) != 7 || strings.Contains(stderr, src+"revisions/2026.1/03-job-descriptions.md") {
		t.Fatalf("build -drafts warns of %d of the working copy's files, want 7, and not of 2026.1's org chart, corrected in the working copy:\n%s", len(want), stderr)
	}

	var all bytes.Buffer // stdout and stderr as a terminal shows them
	code = runPublish([]string{"-source", dir, "-today", "2026-11-27", "-version", "2027.1", "-effective", "2027-03-01", "-note", "测试"}, &all, &all)
	out := all.String()
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	published := strings.Index(out, "handbook: published revision 2027.1")
	for _, w := range want {
		if i := strings.Index(out, w+"\n"); i < 0 || i > published {
			t.Errorf("not said before publishing: %s\n%s", w, out)
		}
	}
	for _, old := range []string{"revisions/2025.1/", "revisions/2026.1/"} {
		if strings.Contains(out, src+old) {
			t.Errorf("warns of %s, which builds warn of:\n%s", old, out)
		}
	}
	if !strings.Contains(out, "\nhandbook publish: published with 6 warnings about its text (above); a later revision can correct them\n") {
		t.Errorf("does not count the 6 warnings the revision was published with:\n%s", out)
	}
}

// A refusal that needs no build (a version id taken, an effective date
// before the latest revision's) is said at once and alone: it came after
// the draft's warnings, its one line the last of five.
func TestPublishRefusesABadVersionBeforeBuilding(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "## 一、部门职能", "```\n\n## 一、部门职能")
	for _, c := range []struct{ version, effective, want string }{
		{"2026.1", "2027-03-01", "handbook publish: revision 2026.1 already exists"},
		{"2027.1", "2025-03-01", "handbook publish: effective date 2025-03-01 is earlier than that of revision 2026.1"},
	} {
		var all bytes.Buffer
		code := runPublish([]string{"-source", dir, "-today", "2026-11-27", "-version", c.version, "-effective", c.effective, "-note", "测试"}, &all, &all)
		if out := all.String(); code != 1 || !strings.HasPrefix(out, c.want) || strings.Count(out, "\n") != 1 {
			t.Errorf("-version %s -effective %s: exit %d, said\n%s\nwant one line, beginning %q", c.version, c.effective, code, out, c.want)
		}
	}
}

// A mistyped flag exits 2, whichever it is: a -today that is no day
// exited 1 where an -effective that is none exits 2. A -source naming
// published history (the revisions folder, or a revision's folder) is
// said to be that, not the handbook's content folder: the first was
// "restore content/revisions/rules.toml (git checkout)", the second
// "revision.toml: this name is reserved", with an empty revisions/ left
// inside the frozen revision.
func TestPublishMistypedFlagsExitTwo(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	before := treesum.Of(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-source", dir, "-today", "2026-13-01"}, `handbook publish: -today "2026-13-01": there is no such day; check the month and the day`},
		{[]string{"-source", dir, "-today", "27/11/2026"}, `handbook publish: -today "27/11/2026": want a date like 2026-07-01`},
		{[]string{"-source", filepath.Join(dir, "revisions")}, "handbook publish: -source " + filepath.Join(dir, "revisions") + " names the revisions folder, not the handbook's content folder: give -source " + dir + ", the folder that holds it"},
		{[]string{"-source", filepath.Join(dir, "revisions", "2026.1")}, "handbook publish: -source " + filepath.Join(dir, "revisions", "2026.1") + " is the folder of published revision 2026.1, not the handbook's content folder: give -source " + dir},
	} {
		code, out, errOut := publish(t, append(c.args, "-version", "2027.1", "-effective", "2027-03-01", "-note", "测试")...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d\n%s%s\nwant it to say: %s", c.args, code, out, errOut, c.want)
		}
	}
	if after := treesum.Of(t, dir); after != before {
		t.Errorf("content changed:\n%s\nwas:\n%s", after, before)
	}
}

// A publish that fails leaves content/ as it was, empty folders and all:
// a new handbook's draft with an error said "nothing was published" and
// left an empty revisions/ behind.
func TestPublishRefusedLeavesNoFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "src")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"site.toml", "rules.toml", "01-functions.md", "06-performance.md"} {
		b, err := os.ReadFile(filepath.Join("../../../content", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "order: 1", "ordr 1")
	before := treesum.Of(t, dir)
	code, out, errOut := publish(t, "-source", dir, "-today", "2026-11-27", "-version", "2026.1", "-effective", "2026-12-01", "-note", "首版")
	if code != 1 || !strings.Contains(errOut, "the draft has errors; nothing was published") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if after := treesum.Of(t, dir); after != before {
		t.Errorf("content changed:\n%s\nwas:\n%s", after, before)
	}
}

// A draft that differs from the latest revision only where no reader
// sees it (a blank line added to a chapter) is refused, saying why and
// what to do, and nothing is written: it was frozen as a revision whose
// changelog entry said 修改 · 文字未变. What readers do see is published:
// a chapter's title, two chapters swapped by their order, a payout rule,
// the site's title.
func TestPublishRefusesAChangeNoReaderSees(t *testing.T) {
	dir := contentCopy(t)
	replaceIn(t, filepath.Join(dir, "01-functions.md"), "组织完成本部门各项目标", "组织完成本部门全部目标")
	args := func(v, note string) []string {
		return []string{"-source", dir, "-today", "2026-11-27", "-version", v, "-effective", "2026-12-15", "-note", note}
	}
	if code, out, errOut := publish(t, args("2026.2", "调整")...); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	blank := func(file string) {
		f, err := os.OpenFile(filepath.Join(dir, file), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\n")
		f.Close()
	}
	blank("07-confidentiality.md")
	blank("06-performance.md")
	code, out, errOut := publish(t, args("2026.3", "只加空行")...)
	want := "handbook publish: nothing readers see changed since revision 2026.2 (" + filepath.ToSlash(dir) + "/revisions/2026.2): built, every chapter, the payout rules and the site settings show what that revision shows (the draft differs from it only in 06-performance.md, 07-confidentiality.md, in ways that change nothing on the page, such as a blank line added); make the change you meant to publish, or publish these edits with the next change that readers will see\n"
	if code != 1 || !strings.HasSuffix(errOut, want) {
		t.Errorf("exit %d\n%s%s\nwant it to end: %s", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "revisions", "2026.3")); err == nil {
		t.Fatal("revision 2026.3 was written")
	}
	for i, edit := range []struct{ file, old, new string }{
		{"07-confidentiality.md", "title: 第七章 大客户部保密制度", "title: 第七章 保密制度"},
		{"07-confidentiality.md", "order: 7", "order: 4"},
		{"rules.toml", `应发合计为各步金额之和。"`, `应发合计为各步金额相加之和。"`},
		{"site.toml", `title = "`, `title = "新`},
	} {
		replaceIn(t, filepath.Join(dir, edit.file), edit.old, edit.new)
		v := fmt.Sprint("2026.", i+3)
		if code, out, errOut := publish(t, args(v, "改")...); code != 0 {
			t.Errorf("%s %q → %q: exit %d\n%s%s", edit.file, edit.old, edit.new, code, out, errOut)
		}
	}
}
