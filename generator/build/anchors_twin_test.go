package build

import (
	"strings"
	"testing"
)

// A section deleted from one chapter is lost, though another chapter has,
// as it had before, a section of that ID (each chapter's 附则): publish
// said its links led to that chapter, where the page says it was
// deleted.
func TestLostAnchorsDoesNotSendADeletedSectionToItsTwin(t *testing.T) {
	twin := "\n## 附则\n\n本章自发布之日起施行,由人力资源部负责解释。\n"
	one := strings.NewReplacer("| 业绩 | 60 |\n", "| 业绩 | 60 |\n"+twin, "回到[目的](01-intro.md#一目的)。\n", "回到[目的](01-intro.md#一目的)。\n"+twin).Replace(handbook)
	if strings.Count(one, "## 附则") != 2 {
		t.Fatal("the test's edits found nothing to edit")
	}
	warns, err := LostAnchors(tree(one), tree(strings.Replace(one, twin, "", 1)), "content/revisions/1.0", "content/revisions/2.0")
	if err != nil {
		t.Fatal(err)
	}
	const want = "content/revisions/2.0/01-intro.md: warning: links to 第一章 总则 (intro/) at IDs the revision before had no longer land on them (the page tells a reader who follows one where its text went, or that it was deleted): #附则"
	if len(warns) != 1 || !strings.HasPrefix(warns[0].String(), want) {
		t.Errorf("warnings:\n%v\nwant one beginning:\n%s", warns, want)
	}
}
