package build

import (
	"strings"
	"testing"
)

func TestLostAnchorsNamesTheDeepLinksARevisionBreaks(t *testing.T) {
	old := tree(handbook + "-- 03-gone.md --\n---\ntitle: 第三章 旧\nslug: gone\n---\n## 甲\n")
	next := tree(strings.NewReplacer("## 一、目的", "## 一、宗旨", "2. 能力(40分)\n", "").Replace(handbook) +
		"-- 04-wip.md --\n---\ntitle: 草稿\ndraft: true\n---\n## 乙\n")
	warns, err := LostAnchors(old, next, "content/revisions/1.0", "content/revisions/2.0")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.String())
	}
	want := []string{
		"content/revisions/2.0/01-intro.md: warning: links to 第一章 总则 (intro/) at IDs the revision before had will break: #一目的",
		"content/revisions/2.0/02-pay.md: warning: links to 第二章 绩效 (pay/) at IDs the revision before had will break: #指标.2",
		"content/revisions/1.0/03-gone.md: warning: page 第三章 旧 (gone/) is not in the new revision: every link to it breaks",
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
