package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
	"handbook/generator/revision"
)

// A link kept from an earlier revision to a heading since renamed, or to
// a clause since renumbered or deleted, says where the text went, with a
// link to it, or in which revision it was deleted. The page said only
// that the target was not on it, with a guess by the likeness of IDs
// that named another clause (for 二绩效管理核心价值.4, the fourth clause
// of the section, which no longer exists, the section; for a renamed
// heading, nothing when the IDs were far apart).
func TestOldLinksSayWhereTheTextWent(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	ch6 := filepath.Join(dir, "06-performance.md")
	src, err := os.ReadFile(ch6)
	if err != nil {
		t.Fatal(err)
	}
	// The working copy renames 一、考核目的 and deletes the first clause
	// of 二、绩效管理核心价值, so its old fourth clause is the third.
	edited := strings.NewReplacer("## 一、考核目的", "## 一、考核的目的",
		"1. 绩效管理是实现部门目标及公司发展战略的基础管理保障;不是简单的打分评级\n2. 绩效管理是促进", "1. 绩效管理是促进",
		"3. 绩效管理是所有管理者", "2. 绩效管理是所有管理者", "4. 管理者与下属", "3. 管理者与下属").Replace(string(src))
	if edited == string(src) || strings.Count(edited, "绩效管理是实现部门目标") != 0 {
		t.Fatal("the chapter's text changed: update the edits")
	}
	// And moves 三、考核的原则 to the end of chapter 7.
	moved := "## 三、考核的原则\n\n公平、公正、公开\n\n"
	if !strings.Contains(edited, moved) {
		t.Fatal("chapter 6 has no 三、考核的原则 as the test moves it")
	}
	edited = strings.Replace(edited, moved, "", 1)
	ch7 := filepath.Join(dir, "07-confidentiality.md")
	src7, err := os.ReadFile(ch7)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ch7, append(src7, "\n"+moved...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ch6, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// And moves 部门本职's last clause to the end of 主要职责's list.
	ch1 := filepath.Join(dir, "01-functions.md")
	src1, err := os.ReadFile(ch1)
	if err != nil {
		t.Fatal(err)
	}
	clause := "协助市场部各项目经理,进行大客户商户洽谈;\n"
	edited1 := strings.Replace(strings.Replace(string(src1), "4. "+clause, "", 1), "8. 制定部门人员的提成方案,每月制作人员的提成结算预案;\n", "8. 制定部门人员的提成方案,每月制作人员的提成结算预案;\n9. "+clause, 1)
	if strings.Count(edited1, clause) != 1 || !strings.Contains(edited1, "9. "+clause) {
		t.Fatal("chapter 1 has no 部门本职 第4条 as the test moves it")
	}
	if err := os.WriteFile(ch1, []byte(edited1), 0o644); err != nil {
		t.Fatal(err)
	}
	s := harness.ServeContent(t, dir, true)
	ctx := harness.Browser(t)
	for _, c := range []struct{ hash, say, to string }{
		{"一考核目的", "链接所指的“一、考核目的”在草稿中改为“一、考核的目的”。转到该处", "#一考核的目的"},
		{"二绩效管理核心价值.4", "链接所指的“二、绩效管理核心价值”第 4 条在草稿中改为“二、绩效管理核心价值”第 3 条。转到该处", "#二绩效管理核心价值.3"},
		// Moved to another chapter, not deleted: there, at its ID.
		{"三考核的原则", "链接所指的“三、考核的原则”已在草稿中移至“第七章 大客户部保密制度”。转到该处", "/draft/confidentiality/#三考核的原则"},
		// The page has the number, given to another clause: the note
		// says which clause had it, and where that one is now. It
		// opened the clause that took the number without a word.
		{"二绩效管理核心价值.2", "此链接指向“二、绩效管理核心价值”第 2 条。本草稿改动之前，这一条号是另一条（“绩效管理是促进业务目标达成的必要…”），该条现为“二、绩效管理核心价值”第 1 条。转到该处", "#二绩效管理核心价值.1"},
		// Moved to another section of its page: there, not deleted.
		{"部门本职.4", "链接所指的“部门本职：”第 4 条已在草稿中移至“主要职责：”第 9 条。转到该处", "#主要职责.9"},
	} {
		page := "/draft/performance/"
		if strings.HasPrefix(c.hash, "部门本职") {
			page = "/draft/functions/"
		}
		// Opened afresh, as from a link elsewhere (the page opens at its top).
		harness.Do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(s.URL+page+"#"+c.hash), chromedp.WaitVisible(chromedp.CSS(".banner-missing")))
		say := harness.Eval[string](t, ctx, `document.querySelector(".banner-missing").textContent`)
		if !strings.HasPrefix(say, c.say) {
			t.Errorf("#%s: the page says %q, want it to begin %q", c.hash, say, c.say)
		}
		if strings.HasPrefix(c.to, "/") {
			// Another page: its link leads there, and the text is there.
			href := harness.Eval[string](t, ctx, `(() => { const u = new URL(document.querySelector(".banner-missing a").href); return u.pathname + decodeURIComponent(u.hash); })()`)
			if href != c.to {
				t.Errorf("#%s: its link goes to %s, want %s", c.hash, href, c.to)
				continue
			}
			harness.Do(t, ctx, chromedp.Navigate(s.URL+c.to), chromedp.WaitVisible(chromedp.CSS("main h1")))
			if !harness.Eval[bool](t, ctx, `!!document.getElementById("`+c.hash+`") && !document.querySelector(".banner-missing")`) {
				t.Errorf("#%s: %s does not have it", c.hash, c.to)
			}
			continue
		}
		// Clicked by script: the page scrolls to a clause it has as the
		// note shows, and a click by position could miss.
		harness.Eval[bool](t, ctx, `(document.querySelector(".banner-missing a").click(), true)`)
		got := harness.Eval[string](t, ctx, `decodeURIComponent(location.hash)`)
		if got != c.to {
			t.Errorf("#%s: its link went to %s, want %s", c.hash, got, c.to)
		}
		// The note goes on hashchange, which fires after the click
		// returns: read at once, it was there one run in three.
		harness.WaitFor(t, ctx, `document.querySelectorAll(".banner-missing").length === 0`,
			`"#`+c.hash+`: the note stays after its link was followed: " + document.querySelector(".banner-missing")?.textContent`)
	}
	// A link within the site to a number another clause had is this
	// revision's (search results, the calculator's steps): nothing is said.
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/draft/functions/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	harness.Eval[bool](t, ctx, `(() => { const a = document.createElement("a"); a.id = "to-renumbered"; a.textContent = "第2条"; a.href = "/draft/performance/#" + encodeURIComponent("二绩效管理核心价值.2"); document.querySelector("main").prepend(a); return true; })()`)
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS("#to-renumbered")), chromedp.WaitVisible(chromedp.CSS(`[id="二绩效管理核心价值.2"]`)))
	harness.Do(t, ctx, chromedp.Sleep(300*time.Millisecond))
	if path := harness.Eval[string](t, ctx, `location.pathname`); path != "/draft/performance/" {
		t.Fatalf("followed from within the site: at %s", path)
	}
	if say := harness.Eval[string](t, ctx, `document.querySelector(".banner-missing")?.textContent || ""`); say != "" {
		t.Errorf("a link within the site to a renumbered clause: the page says %q", say)
	}
}

// A deleted chapter's page links the chapter as the last revision that
// had it at the clause the link pointed to, and its changelog link goes to
// the entry of the revision that deleted it: the first lost the #clause,
// the second led to the changelog's top.
func TestADeletedChaptersPageKeepsTheClause(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "05-workflows.md")); err != nil {
		t.Fatal(err)
	}
	if err := revision.Publish(dir, revision.Request{Version: "2026.2", Effective: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Note: "删去第五章"}); err != nil {
		t.Fatal(err)
	}
	s := harness.ServeContent(t, dir, true)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(s.URL+"/latest/workflows/#二政府采购的工作流程"), chromedp.WaitVisible(chromedp.CSS("[data-deleted] a.old-version")))
	got := harness.Eval[string](t, ctx, `(() => { const u = new URL(document.querySelector("[data-deleted] a.old-version").href); return u.pathname + decodeURIComponent(u.hash); })()`)
	if want := "/v/2026.1/workflows/#二政府采购的工作流程"; got != want {
		t.Errorf("the chapter as it was: %s, want %s", got, want)
	}
	harness.Eval[bool](t, ctx, `(location.hash = "一大客户部工作流程", true)`)
	got = harness.Eval[string](t, ctx, `decodeURIComponent(new URL(document.querySelector("[data-deleted] a.old-version").href).hash)`)
	if want := "#一大客户部工作流程"; got != want {
		t.Errorf("after the fragment changed: %s, want %s", got, want)
	}
	log := harness.Eval[string](t, ctx, `(() => { const a = Array.from(document.querySelectorAll("[data-deleted] a")).find((a) => a.textContent === "修订记录"); return a ? new URL(a.href).pathname + new URL(a.href).hash : ""; })()`)
	if want := "/changelog/#2026.2-05-workflows"; log != want {
		t.Errorf("its changelog link: %q, want %s", log, want)
	}
	harness.Do(t, ctx, chromedp.Navigate(s.URL+log[:strings.Index(log, "#")]), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if !harness.Eval[bool](t, ctx, `!!document.getElementById(`+"`"+log[strings.Index(log, "#")+1:]+"`"+`)`) {
		t.Errorf("the changelog has no %s", log)
	}
}
