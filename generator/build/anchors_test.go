package build

import (
	"strings"
	"testing"
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
