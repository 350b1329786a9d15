package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/revision"
)

// A page carries, for its script, where the text at each ID an earlier
// revision had and it has not went: a renamed heading to its new ID, a
// clause renumbered after a deletion to its new number, a deleted clause
// to nothing, each with the revision that changed it, followed through
// later revisions.
func TestPagesSayWhereAnEarlierRevisionsIDsWent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	steps := []struct {
		v, eff string
		edit   func(string) string
	}{
		{"1.0", "2025-01-01", func(s string) string { return s }},
		{"2.0", "2025-06-01", func(s string) string {
			s = strings.NewReplacer("## 一、目的", "## 一、宗旨", "#一目的)", "#一宗旨)").Replace(s)
			s = strings.Replace(s, "2. 能力(40分)\n", "", 1)
			return strings.Replace(s, "4. 60分以下不发放。\n5. 超额完成另发5%;未完成扣5%。\n6.", "4. 超额完成另发5%;未完成扣5%。\n5.", 1)
		}},
		{"3.0", "2026-01-01", func(s string) string {
			s = strings.NewReplacer("## 一、目的", "## 一、目标", "#一目的)", "#一目标)").Replace(s)
			s = strings.Replace(s, "2. 能力(40分)\n", "", 1)
			return strings.Replace(s, "4. 60分以下不发放。\n5. 超额完成另发5%;未完成扣5%。\n6.", "4. 超额完成另发5%;未完成扣5%。\n5.", 1)
		}},
	}
	for _, st := range steps {
		writeTree(t, dir, st.edit(handbook))
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	moved := func(page string) map[string]movedID { t.Helper(); return movedIDsOf(t, files, page) }
	for _, c := range []struct {
		page string
		want map[string]movedID
	}{
		// 3.0, in force: 一目的 was 一宗旨 in 2.0, then 一目标.
		{"latest/intro/index.html", map[string]movedID{"一目的": {To: "一目标", In: "2.0", Was: "一、目的", Title: "“一、宗旨”"}, "一宗旨": {To: "一目标", In: "3.0", Was: "一、宗旨"}}},
		// 办法.5 is the old 6th now: the 5th's text is 办法.4.
		{"latest/pay/index.html", map[string]movedID{"指标.2": {To: "", In: "2.0", Was: "指标"}, "办法.6": {To: "办法.5", In: "2.0", Was: "奖惩办法"},
			"办法.5": {To: "办法.4", In: "2.0", Was: "奖惩办法", Other: "超额完成另发5%；未完成扣5%。"}}},
		{"v/2.0/intro/index.html", map[string]movedID{"一目的": {To: "一宗旨", In: "2.0", Was: "一、目的"}}},
		{"v/1.0/intro/index.html", nil},
	} {
		got := moved(c.page)
		if len(got) != len(c.want) {
			t.Errorf("%s: moved IDs %v, want %v", c.page, got, c.want)
			continue
		}
		for id, w := range c.want {
			if got[id] != w {
				t.Errorf("%s: #%s went to %+v, want %+v", c.page, id, got[id], w)
			}
		}
	}
}

// A revision replaced before its day (3.0, by 3.1 for the same day) was
// never in force: on 3.1's pages an ID it moved was moved in 3.1, as
// their 本章最近修订于 says; 3.0's own pages keep its history.
func TestMovedIDsOfARevisionReplacedBeforeItsDay(t *testing.T) {
	dir := publishReplaced(t, strings.NewReplacer("## 一、目的", "## 一、宗旨", "#一目的)", "#一宗旨)").Replace(handbook))
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"v/3.1/intro/index.html": `{"一目的":{"to":"一宗旨","in":"3.1","was":"一、目的"}}`,
		"v/3.0/intro/index.html": `{"一目的":{"to":"一宗旨","in":"3.0","was":"一、目的"}}`,
	} {
		const open = `<script type="application/json" id="moved-ids">`
		if got := strings.TrimPrefix(between(string(files[page]), open, "</script>"), open); got != want {
			t.Errorf("%s: moved IDs %s, want %s", page, got, want)
		}
	}
}

// The address a chapter had before a revision changed its slug leads, at
// latest/, to its address in the revision in force, keeping the link's
// #fragment: /latest/intro/#一目的, kept from 1.0, was the 404 page once
// 2.0 (slug general) took effect. Before then latest/intro/ is the page.
func TestAChaptersOldAddressLeadsToItsNewOne(t *testing.T) {
	dir := movedChapter(t)
	files, err := buildDir(t, dir, "2026-10-01", false)
	if err != nil {
		t.Fatal(err)
	}
	old := string(files["latest/intro/index.html"])
	if !strings.Contains(old, `<link rel="canonical" href="/latest/general/">`) || !strings.Contains(old, "location.replace") || !strings.Contains(old, "<title>第一章 总则</title>") {
		t.Errorf("latest/intro/ is not a redirect to /latest/general/ keeping the fragment:\n%s", old)
	}
	if _, ok := files["latest/general/index.html"]; !ok {
		t.Error("latest/general/ is missing")
	}
	// Before 2.0 takes effect, latest/intro/ is the chapter itself.
	files, err = buildDir(t, dir, "2026-06-30", false)
	if err != nil {
		t.Fatal(err)
	}
	if page := string(files["latest/intro/index.html"]); !strings.Contains(page, `<article class="chapter">`) {
		t.Errorf("before 2.0, latest/intro/ is not the chapter:\n%.400s", page)
	}
	if _, ok := files["latest/general/index.html"]; ok {
		t.Error("before 2.0, latest/general/ exists")
	}
}

// A section cut from one chapter and pasted into another keeps its
// heading, so its ID, and its text: the page it left says where it went
// (the chapter, at the same ID), not that it was deleted.
func TestASectionMovedToAnotherChapterIsFollowed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	section := "## 二、原则\n\n公平、公正、公开地考核每一位员工。\n\n"
	v1 := strings.Replace(handbook, "-- 02-pay.md --", section+"-- 02-pay.md --", 1)
	v2 := strings.Replace(handbook, "回到[目的](01-intro.md#一目的)。\n", "回到[目的](01-intro.md#一目的)。\n\n"+section, 1)
	if v1 == handbook || v2 == handbook {
		t.Fatal("the section is not in the test's chapters")
	}
	for _, st := range []struct{ v, eff, text string }{{"1.0", "2025-01-01", v1}, {"2.0", "2026-01-01", v2}} {
		writeTree(t, dir, st.text)
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	const open = `<script type="application/json" id="moved-ids">`
	js := strings.TrimPrefix(between(string(files["latest/intro/index.html"]), open, "</script>"), open)
	var m map[string]movedID
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("%v in %q", err, js)
	}
	if want := (movedID{To: "二原则", In: "2.0", Was: "二、原则", Page: "../pay/", Title: "第二章 绩效"}); m["二原则"] != want {
		t.Errorf("#二原则 went to %+v, want %+v", m["二原则"], want)
	}
}

// A chapter a revision deleted keeps its address under latest/: a page
// that says in which revision it was deleted and links it as it was. A
// bookmark of it met the 404 page, which says nothing of it where the host
// has no 404 page or the reader no JavaScript.
func TestADeletedChapterSaysSo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	extra := "-- 03-extra.md --\n---\ntitle: 第三章 附则\norder: 3\nslug: extra\n---\n## 附则\n\n本制度自发布之日起施行。\n"
	for _, st := range []struct{ v, eff, text string }{{"1.0", "2025-01-01", handbook + extra}, {"2.0", "2026-01-01", handbook}} {
		writeTree(t, dir, st.text)
		if st.text == handbook {
			if err := os.Remove(filepath.Join(dir, "03-extra.md")); err != nil {
				t.Fatal(err)
			}
		}
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["latest/extra/index.html"])
	for _, want := range []string{"<title>第三章 附则（已删去）", "<h1>第三章 附则</h1>", "本章已在 2.0 版（<time datetime=\"2026-01-01\">2026-01-01</time> 起施行）中删去",
		`<a class="old-version" href="/v/1.0/extra/">查看 1.0 版的本章</a>`,
		// The changelog's entry of the chapter in the revision that
		// deleted it, not the changelog's top.
		`查看<a href="/changelog/#2.0-03-extra">修订记录</a>中 2.0 版删去本章的记录`} {
		if !strings.Contains(page, want) {
			t.Errorf("latest/extra/ lacks %s:\n%s", want, page)
		}
	}
	if log := string(files["changelog/index.html"]); !strings.Contains(log, `id="2.0-03-extra"`) {
		t.Errorf("the changelog has no entry #2.0-03-extra:\n%s", log)
	}
	if files["latest/intro/index.html"] == nil || strings.Contains(string(files["latest/intro/index.html"]), "data-deleted") {
		t.Error("a chapter kept is said to be deleted")
	}
}

// jobsHandbook is a handbook of three chapters shaped as the company's
// (职能, 职务说明书, 培训), whose headings are written with the source's
// half-width colon.
const jobsHandbook = `-- site.toml --
title = "测试手册"
organisation = "测试公司"
language = "zh-CN"
-- 01-functions.md --
---
title: 第一章 部门职能
order: 1
slug: functions
---
## 大客户部

### 主要职责:

1. 制定每月、季度、年度拓展计划,进行目标分解,并执行实施;
2. 外拓工作计划的制定、执行与监督;
3. 制定部门人员的提成方案,每月制作人员的提成结算预案;
-- 03-jobs.md --
---
title: 第三章 职务说明书
order: 3
slug: job-descriptions
---
## A、大客户总监

### 职位职责:

1. 负责部门工作计划、目标的制定、检查、以及部门员工的考评工作;
2. 对大客户机构设置、人员结构合理性负责;

## B、内勤

### 职位责任:

1. 负责档案管理,包括留存客户信息和活动信息,建立电子档案;
2. 负责搜集政府采购信息,制作投标文件,参与投标过程;

### 主要权限:

1. 对本职工作范围内合理性安排建议权;
2. 人员工作业绩评审异议权;
-- 04-training.md --
---
title: 第四章 培训制度
order: 4
slug: training
---
## 人员的培训

1. 试用期员工培训
   1. 学习公司的模式,了解市场、掌握报价
   2. 公司管理制度培训
2. 在职培训
   1. 定期参加专业知识培训
   2. 定期开展部门内的交流会
`

// jobsHistory publishes jobsHandbook as 1.0, then 2.0 and 3.0, each made
// by its replacements from the one before: 2.0 moves 主要职责's third
// clause to the end of 职位职责 in another chapter, renames 人员的培训
// 员工培训, and folds 主要权限 into 职位责任 as its clauses 3–4, the
// heading renamed 职位责任与权限; 3.0 renames 员工培训 培训安排 (words too
// unlike to pair) and 职位职责 岗位职责. It returns the folder.
func jobsHistory(t *testing.T) string {
	t.Helper()
	return publishHistory(t, jobsHandbook,
		histStep{"1.0", "2025-01-01", nil},
		histStep{"2.0", "2025-06-01", []string{
			"3. 制定部门人员的提成方案,每月制作人员的提成结算预案;\n", "",
			"2. 对大客户机构设置、人员结构合理性负责;\n", "2. 对大客户机构设置、人员结构合理性负责;\n3. 制定部门人员的提成方案,每月制作人员的提成结算预案;\n",
			"## 人员的培训", "## 员工培训",
			"### 职位责任:", "### 职位责任与权限:",
			"参与投标过程;\n\n### 主要权限:\n\n1. 对本职", "参与投标过程;\n3. 对本职",
			"2. 人员工作业绩", "4. 人员工作业绩",
		}},
		histStep{"3.0", "2026-01-01", []string{"## 员工培训", "## 培训安排", "### 职位职责:", "### 岗位职责:"}},
	)
}

// movedIDsOf reads the moved IDs a built page carries for its script.
func movedIDsOf(t *testing.T, files map[string][]byte, page string) map[string]movedID {
	t.Helper()
	if files[page] == nil {
		t.Fatalf("no %s", page)
	}
	const open = `<script type="application/json" id="moved-ids">`
	js := strings.TrimPrefix(between(string(files[page]), open, "</script>"), open)
	if js == "" {
		return nil
	}
	var m map[string]movedID
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("%s: %v in %s", page, err, js)
	}
	return m
}

// A link kept from an earlier revision is followed wherever its text
// went: a clause appended to another chapter's list (it was said to be
// deleted), a heading renamed twice past likeness (it followed its
// clauses no further than its first name, then was said deleted), a
// section folded into another (said deleted, its clauses followed).
// Headings are named as the page shows them: 主要职责：, not 主要职责:.
func TestMovedIDsFollowTheTextWhereverItWent(t *testing.T) {
	files, err := buildDir(t, jobsHistory(t), "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, page, id string
		want           movedID
	}{
		{"a clause moved to another chapter leads there, followed through the heading's rename there",
			"latest/functions/index.html", "主要职责.3",
			movedID{To: "岗位职责.3", In: "2.0", Was: "主要职责：", Page: "../job-descriptions/", Title: "第三章 职务说明书"}},
		{"in the revision that moved it, to its place then",
			"v/2.0/functions/index.html", "主要职责.3",
			movedID{To: "职位职责.3", In: "2.0", Was: "主要职责：", Page: "../job-descriptions/", Title: "第三章 职务说明书"}},
		{"a heading renamed twice leads to its last name, with the name it was given first",
			"latest/training/index.html", "人员的培训", movedID{To: "培训安排", In: "2.0", Was: "人员的培训", Title: "“员工培训”"}},
		{"a heading renamed past likeness follows its clauses",
			"latest/training/index.html", "员工培训", movedID{To: "培训安排", In: "3.0", Was: "员工培训"}},
		{"its clauses too", "latest/training/index.html", "人员的培训.2.1", movedID{To: "培训安排.2.1", In: "2.0", Was: "人员的培训", Title: "“员工培训”第 2 条第 1 项"}},
		{"in the revision that renamed it first, its name then is its last",
			"v/2.0/training/index.html", "人员的培训", movedID{To: "员工培训", In: "2.0", Was: "人员的培训"}},
		{"a section folded into another is said moved there, with its heading",
			"latest/job-descriptions/index.html", "主要权限",
			movedID{To: "职位责任与权限", In: "2.0", Was: "主要权限：", Page: "../job-descriptions/", Title: "职位责任与权限："}},
		{"its clauses take their numbers there", "latest/job-descriptions/index.html", "主要权限.2",
			movedID{To: "职位责任与权限.4", In: "2.0", Was: "主要权限："}},
		{"the heading renamed to take it in is renamed, not moved",
			"latest/job-descriptions/index.html", "职位责任", movedID{To: "职位责任与权限", In: "2.0", Was: "职位责任："}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := movedIDsOf(t, files, c.page)[c.id]; got != c.want {
				t.Errorf("%s #%s went to %+v, want %+v", c.page, c.id, got, c.want)
			}
		})
	}
}

// A section deleted from one chapter is deleted, though another chapter
// has, as it had before, a section of that heading and text (each
// chapter's 附则): it was said to have moved there.
func TestASectionDeletedIsNotSaidMovedToItsTwin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	twin := "\n## 附则\n\n本章自发布之日起施行,由人力资源部负责解释。\n"
	one := strings.NewReplacer("| 业绩 | 60 |\n", "| 业绩 | 60 |\n"+twin, "回到[目的](01-intro.md#一目的)。\n", "回到[目的](01-intro.md#一目的)。\n"+twin).Replace(handbook)
	if strings.Count(one, "## 附则") != 2 {
		t.Fatal("the test's edits found nothing to edit")
	}
	for _, st := range []struct{ v, eff, text string }{{"1.0", "2025-01-01", one}, {"2.0", "2026-01-01", strings.Replace(one, twin, "", 1)}} {
		writeTree(t, dir, st.text)
		if err := revision.Publish(dir, revision.Request{Version: st.v, Effective: date(t, st.eff), Note: "第" + st.v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := movedIDsOf(t, files, "latest/intro/index.html")["附则"], (movedID{In: "2.0", Was: "附则"}); got != want {
		t.Errorf("#附则 went to %+v, want %+v", got, want)
	}
}

// A clause moved to another section of its page (部门本职's last clause
// appended to 主要工作职责's list) is followed there: the page said of a
// link to it that the clause was deleted, while the changelog said it
// moved. The clause under the same section renumbered in place follows
// its number.
func TestAClauseMovedWithinItsPageIsFollowed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	lists := "\n## 二、职责\n\n1. 制定每月拓展计划并执行实施。\n2. 建立客户资料档案并定期更新。\n3. 协助市场部各项目经理进行大客户商户洽谈。\n\n## 三、工作\n\n1. 收集大客户信息。\n"
	base := strings.Replace(handbook, "| 业绩 | 60 |\n", "| 业绩 | 60 |\n"+lists, 1)
	if base == handbook {
		t.Fatal("the test's chapter is not where the test puts its lists")
	}
	writeTree(t, dir, base)
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "第一版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(strings.Replace(base, "3. 协助市场部各项目经理进行大客户商户洽谈。\n", "", 1),
		"1. 收集大客户信息。\n", "1. 收集大客户信息。\n2. 协助市场部各项目经理,进行大客户商户洽谈。\n", 1)
	writeTree(t, dir, moved)
	if err := revision.Publish(dir, revision.Request{Version: "2.0", Effective: date(t, "2025-06-01"), Note: "第二版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	got := movedIDsOf(t, files, "latest/intro/index.html")
	want := map[string]movedID{"二职责.3": {To: "三工作.2", In: "2.0", Was: "二、职责"}}
	if len(got) != len(want) || got["二职责.3"] != want["二职责.3"] {
		t.Errorf("moved IDs %+v, want %+v", got, want)
	}
}
