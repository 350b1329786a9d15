package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook/theme"
)

func TestSavesReachTheBrowser(t *testing.T) {
	ts := start(t, options{})
	if body := ts.page("/latest/a/"); !strings.Contains(body, "原文甲") {
		t.Fatal("the first build is not served")
	}
	if !strings.Contains(ts.page("/latest/a/"), "原文甲") {
		t.Fatal("latest/ is not served")
	}

	t.Run("an edit reloads with the new text", func(t *testing.T) {
		ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "修改后的甲", 1))
		ev := ts.expect("reload")
		if ev.msg.Build == "" {
			t.Error("reload without a build id")
		}
		if body := ts.page("/latest/a/"); !strings.Contains(body, "修改后的甲") {
			t.Error("the edit is not served")
		}
	})

	t.Run("a write to a temp file renamed over the page reloads", func(t *testing.T) {
		tmp := filepath.Join(ts.content, "a.md.tmp")
		if err := os.WriteFile(tmp, []byte(strings.Replace(smallSite["a.md"], "原文甲", "改名保存的甲", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(ts.content, "a.md")); err != nil {
			t.Fatal(err)
		}
		ts.expect("reload")
		if body := ts.page("/latest/a/"); !strings.Contains(body, "改名保存的甲") {
			t.Error("the renamed-over page is not served")
		}
		ts.quiet(150 * time.Millisecond)
	})

	t.Run("vim's save (4913, backup~, new file, delete backup) is one reload", func(t *testing.T) {
		p := filepath.Join(ts.content, "b.md")
		probe := filepath.Join(ts.content, "4913")
		must(t, os.WriteFile(probe, nil, 0o644))
		must(t, os.Remove(probe))
		must(t, os.Rename(p, p+"~"))
		must(t, os.WriteFile(p, []byte(strings.Replace(smallSite["b.md"], "原文乙", "维姆保存的乙", 1)), 0o644))
		must(t, os.Chmod(p, 0o644))
		must(t, os.Remove(p+"~"))
		ts.expect("reload")
		if body := ts.page("/latest/b/"); !strings.Contains(body, "维姆保存的乙") {
			t.Error("vim's save is not served")
		}
		ts.quiet(150 * time.Millisecond)
	})

	t.Run("editor scratch files alone do not rebuild", func(t *testing.T) {
		for _, name := range []string{".a.md.swp", "a.md~", "4913", "#a.md#", ".#a.md", "a.md___jb_tmp___"} {
			must(t, os.WriteFile(filepath.Join(ts.content, name), []byte("x"), 0o644))
		}
		ts.quiet(200 * time.Millisecond)
	})

	t.Run("a new page reloads and is served", func(t *testing.T) {
		ts.write("d.md", "---\ntitle: 第四章 新增\norder: 4\nslug: d\n---\n\n新增的一章。\n")
		ts.expect("reload")
		if body := ts.page("/latest/d/"); !strings.Contains(body, "新增的一章") {
			t.Error("the new page is not served")
		}
	})

	t.Run("a new folder is watched", func(t *testing.T) {
		must(t, os.Mkdir(filepath.Join(ts.content, "sec"), 0o755))
		ts.write("sec/e.md", "---\ntitle: 新的一节\norder: 1\nslug: e\n---\n\n新文件夹中的一节。\n")
		ts.expect("reload")
		if body := ts.page("/latest/sec/e/"); !strings.Contains(body, "新文件夹中的一节") {
			t.Error("the page in the new folder is not served")
		}
		// Saves inside the new folder are seen too.
		ts.write("sec/e.md", "---\ntitle: 新的一节\norder: 1\nslug: e\n---\n\n再次修改。\n")
		for !strings.Contains(ts.page("/latest/sec/e/"), "再次修改") {
			ts.expect("reload")
		}
	})

	t.Run("a renamed folder is followed", func(t *testing.T) {
		must(t, os.Rename(filepath.Join(ts.content, "sec"), filepath.Join(ts.content, "part")))
		for ts.expect("reload"); ; ts.expect("reload") {
			if code, _, _ := ts.get("/latest/part/e/"); code == 200 {
				break
			}
		}
		if code, _, _ := ts.get("/latest/sec/e/"); code != 404 {
			t.Errorf("the old folder's page: %d, want 404", code)
		}
		ts.write("part/e.md", "---\ntitle: 新的一节\norder: 1\nslug: e\n---\n\n改名后修改。\n")
		for !strings.Contains(ts.page("/latest/part/e/"), "改名后修改") {
			ts.expect("reload")
		}
	})

	t.Run("a deleted page reloads and is gone", func(t *testing.T) {
		must(t, os.Remove(filepath.Join(ts.content, "c.md")))
		ts.expect("reload")
		if code, _, _ := ts.get("/latest/c/"); code != 404 {
			t.Errorf("deleted page: %d, want 404", code)
		}
	})
}

func TestBrokenFilesShowProblemsAndRecover(t *testing.T) {
	ts := start(t, options{})
	cases := []struct {
		name, file, body string
		line             int
	}{
		{"unclosed front matter", "a.md", "---\ntitle: [\norder: 1\nslug: a\n", 0},
		{"a link to a missing page", "b.md", "---\ntitle: 第二章 职责\norder: 2\nslug: b\n---\n\n## 一、职责\n\n见[x](missing.md)。\n", 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts.write(c.file, c.body)
			ev := ts.expect("problems")
			if len(ev.msg.Errors) == 0 {
				t.Fatalf("problems without errors: %s", ev.raw)
			}
			p := ev.msg.Errors[0]
			if p.File != "content/"+c.file || p.Line == 0 || p.Message == "" {
				t.Errorf("problem %+v: want file content/%s with a line and a message", p, c.file)
			}
			if c.line != 0 && p.Line != c.line {
				t.Errorf("problem at line %d, want %d", p.Line, c.line)
			}
			if !strings.HasPrefix(p.Text, p.File+":") {
				t.Errorf("text %q does not start with file:line", p.Text)
			}
			if !strings.Contains(ts.log.String(), p.Text) {
				t.Errorf("the terminal did not get %q", p.Text)
			}
			// The last good build still serves, and a page opened now
			// learns about the problem as soon as it connects.
			if body := ts.page("/latest/a/"); !strings.Contains(body, "原文甲") {
				t.Error("the last good page is not served")
			}
			late := start2(t, ts)
			if len(late.msg.Errors) == 0 || late.msg.Build != ev.msg.Build {
				t.Errorf("hello after a failed build: %s", late.raw)
			}
			ts.write(c.file, smallSite[c.file])
			ts.expect("reload")
			ts.page("/latest/" + strings.TrimSuffix(c.file, ".md") + "/")
			if late := start2(t, ts); len(late.msg.Errors) != 0 {
				t.Errorf("hello after recovering still has errors: %s", late.raw)
			}
		})
	}
}

// start2 opens a second live-reload connection and returns its hello.
func start2(t *testing.T, ts *testServer) sse {
	t.Helper()
	other := &testServer{t: t, url: ts.url, events: make(chan sse, 8), log: ts.log}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	other.connect(ctx)
	return other.expect("hello")
}

func TestCSSChangeSwapsStylesWithoutReload(t *testing.T) {
	themeDir := filepath.Join(t.TempDir(), "theme")
	must(t, os.CopyFS(themeDir, theme.FS))
	ts := start(t, options{themeDir: themeDir})
	css := filepath.Join(themeDir, "css", "main.css")
	old, err := os.ReadFile(css)
	must(t, err)
	must(t, os.WriteFile(css, append(old, []byte("\n.serve-test-marker{color:red}\n")...), 0o644))
	ev := ts.expect("css")
	var main string
	for _, h := range ev.msg.CSS {
		if strings.HasPrefix(h, "/assets/main-") {
			main = h
		}
	}
	if main == "" {
		t.Fatalf("css event without the main stylesheet: %s", ev.raw)
	}
	code, body, hd := ts.get(main)
	if code != 200 || !strings.Contains(body, "serve-test-marker") || !strings.HasPrefix(hd.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s: %d %s, marker %v", main, code, hd.Get("Content-Type"), strings.Contains(body, "serve-test-marker"))
	}
	if !strings.Contains(ts.page("/latest/a/"), main) {
		t.Error("pages do not link the new stylesheet")
	}

	// A template change is not CSS-only.
	tmpl := filepath.Join(themeDir, "templates", "page.html")
	src, err := os.ReadFile(tmpl)
	must(t, err)
	must(t, os.WriteFile(tmpl, append(src, '\n'), 0o644))
	ts.expect("reload")
}

func TestShutdownIsClean(t *testing.T) {
	ts := start(t, options{})
	began := time.Now()
	if err := ts.stop(); err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
	if d := time.Since(began); d > 2*time.Second {
		t.Errorf("shutdown took %s with a live-reload stream open", d)
	}
	select {
	case _, open := <-ts.events:
		if open {
			for range ts.events {
			}
		}
	case <-time.After(2 * time.Second):
		t.Error("the live-reload stream is still open")
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(ts.url, "http://"), time.Second); err == nil {
		c.Close()
		t.Error("still listening after shutdown")
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestLinkedSourceIsWatched: a content folder given as a symbolic link
// (linked in from another checkout or a synced folder) is watched; its
// saves were not seen at all.
func TestLinkedSourceIsWatched(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "handbook-content")
	writeTree(t, real, smallSite)
	link := filepath.Join(dir, "content")
	must(t, os.Symlink(real, link))
	ts := start(t, options{source: link})
	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "链接中修改的甲", 1))
	ts.expect("reload")
	if body := ts.page("/latest/a/"); !strings.Contains(body, "链接中修改的甲") {
		t.Error("the edit is not served")
	}
	// New folders below it are watched too, and named as given.
	ts.write("sec/e.md", "---\ntitle: 新的一节\n---\n\n新文件夹中的一节。\n")
	ts.expect("reload")
	if !strings.Contains(ts.log.String(), "("+filepath.ToSlash(link)+"/sec") {
		t.Errorf("the summary does not name the change under the folder as given:\n%s", ts.log)
	}
}

// TestYearFoldersAreWatched: a folder named by digits alone (a section per
// year, 2024/) is content, not vim's 4913 write test: its saves were not
// seen, nor a new one's.
func TestYearFoldersAreWatched(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	writeTree(t, content, smallSite)
	writeTree(t, content, map[string]string{"2023/notice.md": "---\ntitle: 二〇二三年通知\nslug: notice\n---\n\n旧的通知。\n"})
	ts := start(t, options{source: content})
	ts.write("2023/notice.md", "---\ntitle: 二〇二三年通知\nslug: notice\n---\n\n改过的通知。\n")
	ts.expect("reload")
	if body := ts.page("/latest/2023/notice/"); !strings.Contains(body, "改过的通知") {
		t.Error("a save in 2023/ is not served")
	}
	must(t, os.Mkdir(filepath.Join(content, "2024"), 0o755))
	ts.write("2024/notice.md", "---\ntitle: 二〇二四年通知\nslug: notice\n---\n\n新的通知。\n")
	served := func(text string) bool {
		code, body, _ := ts.get("/latest/2024/notice/")
		return code == 200 && strings.Contains(body, text)
	}
	for !served("新的通知") {
		ts.expect("reload")
	}
	ts.write("2024/notice.md", "---\ntitle: 二〇二四年通知\nslug: notice\n---\n\n再改的通知。\n")
	for !served("再改的通知") {
		ts.expect("reload")
	}
	// vim's write test, a file of digits, still rebuilds nothing.
	must(t, os.WriteFile(filepath.Join(content, "4913"), nil, 0o644))
	must(t, os.Remove(filepath.Join(content, "4913")))
	ts.quiet(200 * time.Millisecond)
}

// TestProblemsOutliveTheSearchIndex: the search index of a good build
// comes 700 ms after it; a build that failed meanwhile kept its problems
// only until then, and a page opened after (or reconnecting) was told
// all was well while the last build had failed.
func TestProblemsOutliveTheSearchIndex(t *testing.T) {
	ts := start(t, options{})
	ts.write("a.md", strings.Replace(smallSite["a.md"], "原文甲", "检索前的甲", 1))
	ts.expect("reload")
	ts.write("a.md", "---\ntitle: [\norder: 1\nslug: a\n")
	ts.expect("problems")
	time.Sleep(searchQuiet + 800*time.Millisecond)
	if late := start2(t, ts); len(late.msg.Errors) == 0 {
		t.Errorf("hello after the search index came in: %s, want the failed build's problems", late.raw)
	}
	if body := ts.page("/latest/search/"); body == "" {
		t.Error("no search page")
	}
}
