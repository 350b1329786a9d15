package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/revision"
)

func TestLostAnchorsNamesTheDeepLinksARevisionBreaks(t *testing.T) {
	moved := "-- 05-moved.md --\n---\ntitle: 第五章 迁\nslug: SLUG\n---\n## 丙\n"
	// 戊 moves from chapter 6 to chapter 7.
	six, seven := "-- 06-a.md --\n---\ntitle: 第六章 甲\nslug: a\n---\n## 己\n\n", "-- 07-b.md --\n---\ntitle: 第七章 乙\nslug: b\n---\n## 庚\n\n"
	section := "## 戊\n\n正文。\n"
	old := tree(handbook + "-- 03-gone.md --\n---\ntitle: 第三章 旧\nslug: gone\n---\n## 甲\n" + strings.Replace(moved, "SLUG", "old5", 1) + six + section + seven)
	next := tree(strings.NewReplacer("## 一、目的", "## 一、宗旨", "2. 能力(40分)\n", "").Replace(handbook) +
		"-- 04-wip.md --\n---\ntitle: 草稿\ndraft: true\n---\n## 乙\n" + strings.Replace(moved, "SLUG", "new5", 1) + six + seven + section)
	warns, err := LostAnchors(old, next, "content/revisions/1.0", "content/revisions/2.0")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.String())
	}
	want := []string{
		// The page says where such a link's text went (movedIDs).
		"content/revisions/2.0/01-intro.md: warning: links to 第一章 总则 (intro/) at IDs the revision before had no longer land on them (the page tells a reader who follows one where its text went, or that it was deleted): #一目的",
		"content/revisions/2.0/02-pay.md: warning: links to 第二章 绩效 (pay/) at IDs the revision before had no longer land on them (the page tells a reader who follows one where its text went, or that it was deleted): #指标.2",
		// Its old address says it was deleted (deletedPages).
		"content/revisions/1.0/03-gone.md: warning: page 第三章 旧 (gone/) is not in the new revision: links to latest/gone/ lead to a page saying in which revision it was deleted",
		// Its old address leads to the new one (writeMovedPages).
		"content/revisions/2.0/05-moved.md: warning: page 第五章 迁 (old5/) is at new5/ in the new revision: links to latest/old5/ lead there by a redirect page, the link's #clause kept",
		// The page it left says where it went (movedIDs).
		"content/revisions/2.0/06-a.md: warning: links to 第六章 甲 (a/) at IDs now on another page land on no heading there; the page tells a reader who follows one where the text went: #戊 to 第七章 乙 (b/)",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n%s\nwant it to start:\n%s", i, got[i], want[i])
		}
	}
}

// reusedHistory publishes jobsHandbook with 职位职责 given four clauses
// (1.0), its clauses 3–4 moved under a heading of their own, 日常管理职责
// (2.0), and a new third clause put into 职位职责 (3.0), which takes the
// retired #职位职责.3. With draft, it then writes a working copy that
// puts in that clause instead of 3.0. It returns the folder.
func reusedHistory(t *testing.T, draft bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	four := strings.Replace(jobsHandbook, "2. 对大客户机构设置、人员结构合理性负责;\n",
		"2. 对大客户机构设置、人员结构合理性负责;\n3. 定期向直接上级述职,汇报部门工作;\n4. 时时与市场总监沟通工作进展,每月提交工作报告;\n", 1)
	two := strings.Replace(four, "3. 定期向直接上级述职,汇报部门工作;\n4. 时时与市场总监沟通工作进展,每月提交工作报告;\n",
		"\n### 日常管理职责:\n\n1. 定期向直接上级述职,汇报部门工作;\n2. 时时与市场总监沟通工作进展,每月提交工作报告;\n", 1)
	three := strings.Replace(two, "2. 对大客户机构设置、人员结构合理性负责;\n", "2. 对大客户机构设置、人员结构合理性负责;\n3. 处理紧急突发事件,及时上报。\n", 1)
	if four == jobsHandbook || two == four || three == two {
		t.Fatal("the test's edits found nothing to edit")
	}
	steps := []struct{ v, eff, text string }{{"1.0", "2025-01-01", four}, {"2.0", "2025-06-01", two}, {"3.0", "2026-01-01", three}}
	if draft {
		steps = steps[:2]
	}
	for _, st := range steps {
		writeTree(t, dir, st.text)
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	if draft {
		writeTree(t, dir, three)
	}
	return dir
}

// A clause given an ID an earlier revision retired (#职位职责.3, whose
// text 2.0 moved to #日常管理职责.1) is warned of, where it is, with what
// to do: a link made before 2.0 opened the old clause and now opens the
// new one, and the page, having the ID, says nothing. Links into the
// revisions before are unharmed: each keeps its own text.
func TestReusedAnchorsWarnsOfAnIDARevisionRetired(t *testing.T) {
	dir := reusedHistory(t, false)
	revs, errs := revision.Load(os.DirFS(dir), "content")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	warns, err := ReusedAnchors(revs, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 {
		t.Fatalf("want one warning, got:\n%v", warns)
	}
	got := warns[0].String()
	for _, want := range []string{
		"content/revisions/3.0/03-jobs.md:12:4: warning: #职位职责.3 was another clause (“定期向直接上级述职，汇报…”) until revision 2.0 moved it to #日常管理职责.1: links to #职位职责.3 made before 2.0 now open this clause instead",
		"give the heading an ID no earlier revision used, with {#…} after its text",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the warning lacks %q:\n%s", want, got)
		}
	}
	// Before 3.0, none: the ID was retired, not reused.
	if warns, err := ReusedAnchors(revs[:2], "content"); err != nil || len(warns) != 0 {
		t.Errorf("with 1.0 and 2.0: %v %v", warns, err)
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["v/1.0/job-descriptions/index.html"]), `id="职位职责.3"`) {
		t.Error("1.0's page lacks its own #职位职责.3")
	}
	if got, want := movedIDsOf(t, files, "v/2.0/job-descriptions/index.html")["职位职责.3"], (movedID{To: "日常管理职责.1", In: "2.0", Was: "职位职责："}); got != want {
		t.Errorf("on 2.0's page #职位职责.3 went to %+v, want %+v", got, want)
	}
}

// The working copy is told of it too, while it can still be changed.
func TestReusedIDsInTheWorkingCopy(t *testing.T) {
	dir := reusedHistory(t, true)
	eds, _, errs := loadEditions(Options{Source: os.DirFS(dir), SourceName: "content", Drafts: true, Today: date(t, "2026-06-01")})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for _, ed := range eds {
		if errs := prepareEdition(ed, nil); errs.HasErrors() {
			t.Fatal(errs)
		}
	}
	warns := reusedIDs(eds)
	if len(warns) != 1 || !strings.HasPrefix(warns[0].String(), "content/03-jobs.md:12:4: warning: #职位职责.3 was another clause") {
		t.Errorf("want one warning of content/03-jobs.md:12, got:\n%v", warns)
	}
}
