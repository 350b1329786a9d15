package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSourceFolderDeletedAndBack: the content folder deleted (rm -rf,
// a branch switch, a folder moved away and back) said "cannot read …
// check the file's permissions", and once it was back the preview never
// rebuilt again: the watch had gone with the folder, so every later save
// was lost and the page kept the error. The page now hears that the
// folder is gone and rebuilds when it is back, and on every save after.
func TestSourceFolderDeletedAndBack(t *testing.T) {
	for _, how := range []string{"deleted", "moved away"} {
		t.Run(how, func(t *testing.T) {
			content := filepath.Join(t.TempDir(), "content")
			writeTree(t, content, smallSite)
			writeTree(t, content, map[string]string{"img/x/note.txt": "x"})
			ts := start(t, options{source: content})
			aside := ts.content + ".aside"
			if how == "deleted" {
				if err := os.RemoveAll(ts.content); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Rename(ts.content, aside); err != nil {
				t.Fatal(err)
			}
			ev := ts.expect("problems")
			if len(ev.msg.Errors) != 1 || !strings.HasSuffix(ev.msg.Errors[0].File, "content") || !strings.Contains(ev.msg.Errors[0].Message, "folder is gone") {
				t.Errorf("problems %s, want one saying the folder %s is gone", ev.raw, ts.content)
			}
			if strings.Contains(ev.raw, "permission") {
				t.Errorf("problems %s blame permissions", ev.raw)
			}
			if how == "moved away" {
				// Saved where it went, a file is not the preview's.
				writeTree(t, aside, map[string]string{"c.md": strings.Replace(smallSite["c.md"], "施行", "不算数", 1)})
				ts.quiet(500 * time.Millisecond)
				if err := os.Rename(aside, ts.content); err != nil {
					t.Fatal(err)
				}
			} else {
				writeTree(t, ts.content, smallSite)
			}
			ts.expect("reload")
			ts.write("b.md", strings.Replace(smallSite["b.md"], "原文乙", "回来后改的乙", 1))
			ts.expect("reload")
			if body := ts.page("/latest/b/"); !strings.Contains(body, "回来后改的乙") {
				t.Error("a save after the folder came back is not in the page")
			}
		})
	}
}
