package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// truncate empties a file in place, as an editor saving in place does
// first (VS Code; vim with backupcopy=yes), and returns it open.
func truncate(t *testing.T, p string) *os.File {
	t.Helper()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestEmptiedFiles: a save in place truncates the file and then writes
// it. When the write comes late (a busy machine), the page must not be
// built empty in between (it reloaded blank, at the top, then again);
// when it never comes (the editor killed, the disk full), the page says
// which file is empty and what to do, and keeps the last good build.
func TestEmptiedFiles(t *testing.T) {
	ts := start(t, options{})

	t.Run("a save in place whose write comes late is one reload", func(t *testing.T) {
		f := truncate(t, filepath.Join(ts.content, "a.md"))
		time.Sleep(80 * time.Millisecond) // well past the 20 ms quiet period
		_, err := f.WriteString(strings.Replace(smallSite["a.md"], "原文甲", "慢慢保存的甲", 1))
		must(t, err)
		must(t, f.Close())
		ts.expect("reload")
		if body := ts.page("/latest/a/"); !strings.Contains(body, "慢慢保存的甲") {
			t.Error("the reload came before the save's text: the page was built empty")
		}
		ts.quiet(400 * time.Millisecond)
	})

	t.Run("a file left empty is an error until it has text", func(t *testing.T) {
		must(t, truncate(t, filepath.Join(ts.content, "b.md")).Close())
		ev := ts.expect("problems")
		if len(ev.msg.Errors) != 1 {
			t.Fatalf("want one problem, got %s", ev.raw)
		}
		p := ev.msg.Errors[0]
		if !strings.HasSuffix(p.File, "/b.md") || p.Line != 1 || !strings.Contains(p.Message, "empty") ||
			!strings.Contains(p.Hint, "git checkout -- "+p.File) || !strings.HasPrefix(p.Text, p.File+":1:1: error:") {
			t.Errorf("problem %+v: want b.md:1, that it is empty and how to bring it back", p)
		}
		if body := ts.page("/latest/b/"); !strings.Contains(body, "原文乙") {
			t.Error("the last good page is not served")
		}
		// Saving another page does not build the empty one either.
		ts.write("c.md", strings.Replace(smallSite["c.md"], "施行", "施行。", 1))
		if ev := ts.expect("problems"); len(ev.msg.Errors) != 1 || !strings.HasSuffix(ev.msg.Errors[0].File, "/b.md") {
			t.Errorf("after another save: %s", ev.raw)
		}
		if body := ts.page("/latest/b/"); !strings.Contains(body, "原文乙") {
			t.Error("another save built the empty page")
		}
		// Saved again, it recovers by itself.
		ts.write("b.md", strings.Replace(smallSite["b.md"], "原文乙", "重新保存的乙", 1))
		ts.expect("reload")
		if body := ts.page("/latest/b/"); !strings.Contains(body, "重新保存的乙") {
			t.Error("the saved page is not served")
		}
		if late := start2(t, ts); len(late.msg.Errors) != 0 {
			t.Errorf("hello after recovering still has errors: %s", late.raw)
		}
	})

	t.Run("an emptied file that is deleted is no longer an error", func(t *testing.T) {
		must(t, truncate(t, filepath.Join(ts.content, "c.md")).Close())
		ts.expect("problems")
		must(t, os.Remove(filepath.Join(ts.content, "c.md")))
		ts.expect("reload")
		if code, _, _ := ts.get("/latest/c/"); code != 404 {
			t.Errorf("the deleted page: %d, want 404", code)
		}
	})

	t.Run("a new empty file is a page, not an error", func(t *testing.T) {
		ts.write("d.md", "")
		ts.expect("reload")
		ts.quiet(400 * time.Millisecond)
	})
}

// An emptied file is named as the build names every other file: from the
// folder handbook runs in (content/04-training.md), with a column. Run
// from the content folder's parent with -source given as a full path, it
// was /home/…/content/04-training.md:1, alone of all the messages.
func TestAnEmptiedFileIsNamedAsTheBuildNamesIt(t *testing.T) {
	parent := t.TempDir()
	content := filepath.Join(parent, "content")
	writeTree(t, content, smallSite)
	t.Chdir(parent)
	ts := start(t, options{source: content})
	must(t, truncate(t, filepath.Join(content, "b.md")).Close())
	ev := ts.expect("problems")
	if len(ev.msg.Errors) != 1 {
		t.Fatalf("want one problem, got %s", ev.raw)
	}
	p := ev.msg.Errors[0]
	if p.File != "content/b.md" || p.Line != 1 || p.Col != 1 || !strings.HasPrefix(p.Text, "content/b.md:1:1: error: the file is empty") ||
		!strings.Contains(p.Hint, "git checkout -- content/b.md;") {
		t.Errorf("problem %+v: want content/b.md:1:1", p)
	}
	if !strings.Contains(ts.log.String(), "\ncontent/b.md:1:1: error: the file is empty") {
		t.Errorf("the terminal does not name content/b.md:1:1:\n%s", ts.log)
	}
}
