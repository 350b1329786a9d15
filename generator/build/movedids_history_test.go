package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handbook/generator/revision"
)

// histStep is a revision a test publishes: its version, its effective
// date and the replacements (old, new, …) that make its text from the
// one before; a file named "-- name --" with nothing after it is
// removed.
type histStep struct {
	v, eff string
	edits  []string
}

// publishHistory publishes text, edited by each step in turn, as the
// steps' revisions, and returns the content folder.
func publishHistory(t *testing.T, text string, steps ...histStep) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	for _, st := range steps {
		for k := 0; k+1 < len(st.edits); k += 2 {
			next := strings.Replace(text, st.edits[k], st.edits[k+1], 1)
			if next == text {
				t.Fatalf("%s: the test's edit %q finds nothing to edit", st.v, st.edits[k])
			}
			text = next
		}
		writeTree(t, dir, text)
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A clause deleted from one chapter in the revision that reworded
// another chapter's clause of the same words (第六章's 附则 "…决策层。" →
// "…决策层所有。") is deleted: that clause was there before, so no text
// went to it. It was said to be moved there.
func TestAClauseDeletedIsNotSaidMovedToAClauseRewordedElsewhere(t *testing.T) {
	clause := "1. 本办法的最终决定、修改和废除权属公司决策层。\n"
	text := strings.NewReplacer(
		"| 业绩 | 60 |\n", "| 业绩 | 60 |\n\n## 附则\n\n"+clause,
		"回到[目的](01-intro.md#一目的)。\n", "回到[目的](01-intro.md#一目的)。\n\n## 八、附则\n\n"+clause,
	).Replace(handbook)
	dir := publishHistory(t, text,
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2026-01-01", []string{
			"\n## 附则\n\n" + clause, "",
			"## 八、附则\n\n1. 本办法的最终决定、修改和废除权属公司决策层。", "## 八、附则\n\n1. 本办法的最终决定、修改和废除权属公司决策层所有。",
		}})
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	got := movedIDsOf(t, files, "latest/intro/index.html")
	for id, want := range map[string]movedID{"附则": {In: "2.0", Was: "附则"}, "附则.1": {In: "2.0", Was: "附则"}} {
		if got[id] != want {
			t.Errorf("#%s went to %+v, want %+v (deleted)", id, got[id], want)
		}
	}
}

// An ID lost twice (主要权限 deleted in 2.0, put back in 3.0, merged into
// 职位责任 in 4.0) says what became of it last, which is what a link to
// it finds: it said it was deleted in 2.0.
func TestTheLatestFateOfAnIDLostTwiceWins(t *testing.T) {
	section := "\n### 主要权限:\n\n1. 对本职工作范围内合理性安排建议权;\n2. 人员工作业绩评审异议权;\n"
	dir := publishHistory(t, jobsHandbook,
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2025-06-01", []string{section, ""}},
		histStep{"3.0", "2026-01-01", []string{"参与投标过程;\n", "参与投标过程;\n" + section}},
		histStep{"4.0", "2026-03-01", []string{"参与投标过程;\n" + section, "参与投标过程;\n3. 对本职工作范围内合理性安排建议权;\n4. 人员工作业绩评审异议权;\n"}})
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	got := movedIDsOf(t, files, "latest/job-descriptions/index.html")
	for id, want := range map[string]movedID{
		"主要权限":   {To: "职位责任", In: "4.0", Was: "主要权限：", Page: "../job-descriptions/", Title: "职位责任："},
		"主要权限.2": {To: "职位责任.4", In: "4.0", Was: "主要权限："},
	} {
		if got[id] != want {
			t.Errorf("#%s went to %+v, want %+v", id, got[id], want)
		}
	}
	// 2.0's page, before it was put back, says it was deleted then.
	if got, want := movedIDsOf(t, files, "v/2.0/job-descriptions/index.html")["主要权限"], (movedID{In: "2.0", Was: "主要权限："}); got != want {
		t.Errorf("on 2.0's page #主要权限 went to %+v, want %+v", got, want)
	}
}

// A heading renamed again after the revision that renamed it first says
// the name that revision gave it, and the page its name now: 主要职责 was
// said to be renamed 服务范围 in 2.0, which named it 基本职能. One whose
// name comes back (主要职责 again in 4.0) is on the page, and the names
// between lead to it, each from the revision that renamed it.
func TestAHeadingRenamedAgainSaysItsNameInEachRevision(t *testing.T) {
	dir := publishHistory(t, jobsHandbook,
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2025-06-01", []string{"### 主要职责:", "### 基本职能:"}},
		histStep{"3.0", "2026-01-01", []string{"### 基本职能:", "### 服务范围"}},
		histStep{"4.0", "2026-03-01", []string{"### 服务范围", "### 主要职责:"}})
	files, err := buildDir(t, dir, "2026-01-01", false)
	if err != nil {
		t.Fatal(err)
	}
	got := movedIDsOf(t, files, "latest/functions/index.html")
	for id, want := range map[string]movedID{
		"主要职责":   {To: "服务范围", In: "2.0", Was: "主要职责：", Title: "“基本职能：”"},
		"主要职责.3": {To: "服务范围.3", In: "2.0", Was: "主要职责：", Title: "“基本职能：”第 3 条"},
		"基本职能":   {To: "服务范围", In: "3.0", Was: "基本职能："},
	} {
		if got[id] != want {
			t.Errorf("3.0: #%s went to %+v, want %+v", id, got[id], want)
		}
	}
	if files, err = buildDir(t, dir, "2026-06-01", false); err != nil {
		t.Fatal(err)
	}
	got = movedIDsOf(t, files, "latest/functions/index.html")
	want := map[string]movedID{
		"基本职能":   {To: "主要职责", In: "3.0", Was: "基本职能：", Title: "“服务范围”"},
		"基本职能.1": {To: "主要职责.1", In: "3.0", Was: "基本职能：", Title: "“服务范围”第 1 条"},
		"服务范围":   {To: "主要职责", In: "4.0", Was: "服务范围"},
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("4.0: #%s went to %+v, want %+v", id, got[id], w)
		}
	}
	if _, ok := got["主要职责"]; ok {
		t.Errorf("4.0: #主要职责, on the page again, is said to have gone: %+v", got["主要职责"])
	}
}

// changelogNotes is what the changelog says of a chapter's entry
// (anchor, as "2.0-04-training") besides its text: its rev-meta lines.
func changelogNotes(t *testing.T, files map[string][]byte, anchor string) []string {
	t.Helper()
	log := string(files["changelog/index.html"])
	entry := between(log, `id="`+anchor+`"`, `<h3 class="diff-file"`)
	if entry == "" {
		t.Fatalf("the changelog has no entry %s", anchor)
	}
	if k := strings.Index(entry, `<div class="diff`); k >= 0 {
		entry = entry[:k]
	}
	var out []string
	for _, p := range strings.Split(entry, `<p class="rev-meta">`)[1:] {
		out = append(out, strings.TrimSpace(p[:strings.Index(p, "</p>")]))
	}
	return out
}

// A section split into two (人员的培训's two clauses made sections of
// their own) is said split, its heading leading to the first part: it
// was said deleted while its clauses were followed, and the changelog
// said nothing of it.
func TestASectionSplitIntoTwoIsFollowed(t *testing.T) {
	dir := publishHistory(t, jobsHandbook,
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2026-01-01", []string{
			"## 人员的培训\n\n1. 试用期员工培训\n   1. 学习公司的模式,了解市场、掌握报价\n   2. 公司管理制度培训\n2. 在职培训\n   1. 定期参加专业知识培训\n   2. 定期开展部门内的交流会\n",
			"## 试用期培训\n\n1. 学习公司的模式,了解市场、掌握报价\n2. 公司管理制度培训\n\n## 在职培训\n\n1. 定期参加专业知识培训\n2. 定期开展部门内的交流会\n",
		}})
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	got := movedIDsOf(t, files, "latest/training/index.html")
	for id, want := range map[string]movedID{
		"人员的培训":     {To: "试用期培训", In: "2.0", Was: "人员的培训", Page: "../training/", Title: "“试用期培训”、“在职培训”"},
		"人员的培训.2.1": {To: "在职培训.1", In: "2.0", Was: "人员的培训"},
	} {
		if got[id] != want {
			t.Errorf("#%s went to %+v, want %+v", id, got[id], want)
		}
	}
	notes := changelogNotes(t, files, "2.0-04-training")
	if want := "章节拆分：“人员的培训”拆分为“试用期培训”、“在职培训”；旧链接（#人员的培训）不再指向它。"; !slices.Contains(notes, want) {
		t.Errorf("the changelog says %q, want %q", notes, want)
	}
}

// Two sections merged under a new heading (A's 职位职责 and 主要权利 as
// 职责与权利), while C's 职位职责, the second of that name, takes
// #职位职责: the changelog said 主要权利 was renamed 职责与权利 and that
// 职位职责's clauses 1–2 were now clauses 1–2; publish named the clauses
// whose links open C's now, not the heading.
func TestSectionsMergedUnderANewHeading(t *testing.T) {
	text := strings.Replace(jobsHandbook, "2. 对大客户机构设置、人员结构合理性负责;\n",
		"2. 对大客户机构设置、人员结构合理性负责;\n\n### 主要权利\n\n1. 大客户部的代表权;\n2. 有对部门所属员工及各项工作的管理权;\n", 1)
	text = strings.Replace(text, "-- 04-training.md --", "\n## C、大客户员\n\n### 职位职责:\n\n1. 负责所辖客户的日常拜访;\n2. 收集客户需求并及时反馈;\n-- 04-training.md --", 1)
	dir := publishHistory(t, text,
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2026-01-01", []string{
			"### 职位职责:\n\n1. 负责部门", "### 职责与权利\n\n1. 负责部门",
			"\n### 主要权利\n\n1. 大客户部的代表权;\n2. 有对", "3. 大客户部的代表权;\n4. 有对",
		}})
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	notes := changelogNotes(t, files, "2.0-03-jobs")
	if want := []string{"章节合并：“职位职责：”、“主要权利”合并为“职责与权利”；旧链接（#职位职责 #主要权利）不再指向它们。",
		"旧链接 #职位职责 及其各条现在打开的是另一节“职位职责：”。"}; !slices.Equal(notes, want) {
		t.Errorf("the changelog says:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
	got := movedIDsOf(t, files, "latest/job-descriptions/index.html")
	for id, want := range map[string]movedID{
		"主要权利":   {To: "职责与权利", In: "2.0", Was: "主要权利", Page: "../job-descriptions/", Title: "职责与权利"},
		"主要权利.2": {To: "职责与权利.4", In: "2.0", Was: "主要权利"},
		"职位职责-1": {To: "职位职责", In: "2.0", Was: "职位职责："},
	} {
		if got[id] != want {
			t.Errorf("#%s went to %+v, want %+v", id, got[id], want)
		}
	}
	revs, errs := revision.Load(os.DirFS(dir), "content")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	warns, err := MovedClauses(revs[0].Files, revs[1].Files, "content/revisions/1.0", "content/revisions/2.0")
	if err != nil {
		t.Fatal(err)
	}
	if want := "links to job-descriptions/ at these headings of the revision before now open another section, which took their ID: #职位职责 (“职位职责：”, now #职责与权利)"; !strings.Contains(fmt.Sprint(warns), want) {
		t.Errorf("publish warns:\n%v\nwant:\n%s", warns, want)
	}
}

// A section of a heading and a short paragraph moved to another chapter
// is said moved in the changelog, as the page it left says: its lines,
// each shorter than a passage relocations names, were shown removed from
// one chapter and added to the other, with no word of the move.
func TestAShortSectionMovedToAnotherChapterIsSaidMoved(t *testing.T) {
	section := "## 三、考核的原则\n\n公平、公正、公开\n\n"
	dir := publishHistory(t, strings.Replace(handbook, "## 奖惩办法 {#办法}", section+"## 奖惩办法 {#办法}", 1),
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2026-01-01", []string{section, "", "| 业绩 | 60 |\n", "| 业绩 | 60 |\n\n" + section}})
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	for anchor, want := range map[string]string{
		"2.0-02-pay":   "“三、考核的原则”移至第一章 总则，不是删去。",
		"2.0-01-intro": "“三、考核的原则”由第二章 绩效移来。",
	} {
		if notes := changelogNotes(t, files, anchor); !slices.Contains(notes, want) {
			t.Errorf("%s: the changelog says %q, want %q", anchor, notes, want)
		}
	}
	if got, want := movedIDsOf(t, files, "latest/pay/index.html")["三考核的原则"], (movedID{To: "三考核的原则", In: "2.0", Was: "三、考核的原则", Page: "../intro/", Title: "第一章 总则"}); got != want {
		t.Errorf("#三考核的原则 went to %+v, want %+v", got, want)
	}
}
