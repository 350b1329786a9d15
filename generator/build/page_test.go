package build

import (
	"bytes"
	"html"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"handbook/generator/output"
	"handbook/theme"
)

// scribbler is an output that lends: it keeps a copy of each file, then
// gives the bytes back with every byte overwritten, as a reused buffer
// would be by the next page.
type scribbler struct {
	mem   *output.Memory
	mu    sync.Mutex
	given int
}

func (s *scribbler) WriteFile(name string, data []byte) error {
	return s.mem.WriteFile(name, bytes.Clone(data))
}

func (s *scribbler) WriteFileThen(name string, data []byte, done func([]byte)) error {
	if err := s.mem.WriteFile(name, bytes.Clone(data)); err != nil {
		return err
	}
	for i := range data {
		data[i] = 0xff
	}
	s.mu.Lock()
	s.given++
	s.mu.Unlock()
	done(data)
	return nil
}

// Pages rendered into buffers that earlier pages gave back are the pages
// a build without lending makes, byte for byte: nothing is written after
// a buffer is handed over, and nothing of a buffer's last page is left.
func TestPagesInLentBuffersAreTheSame(t *testing.T) {
	src := bigTree(3, 40)
	want := buildWith(t, src, nil)
	lend := &scribbler{mem: output.NewMemory()}
	if _, err := Run(Options{Source: src, Theme: theme.FS, Out: lend, Cache: NewDiskCache()}); err != nil {
		t.Fatal(err)
	}
	if lend.given < 120 {
		t.Fatalf("only %d pages were handed over with a buffer to give back, want every one of the 120", lend.given)
	}
	sameFiles(t, want, lend.mem.Files)

	// A cache that keeps the pages' bytes (the preview's) must not see
	// them overwritten: such a build lends nothing.
	lend = &scribbler{mem: output.NewMemory()}
	c := NewCache()
	if _, err := Run(Options{Source: src, Theme: theme.FS, Out: lend, Cache: c}); err != nil {
		t.Fatal(err)
	}
	if lend.given != 0 {
		t.Fatalf("%d buffers were lent while the cache keeps the pages", lend.given)
	}
	sameFiles(t, want, buildWith(t, src, c))
}

func sameFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s differs", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is extra", name)
		}
	}
}

// A theme may place the sidebar and the body as it likes: after each
// other, twice, or not at all. Each page then shows them where its
// templates say, as many times (see siteRender.page).
func TestThemesPlaceSidebarAndBodyAsTheyLike(t *testing.T) {
	src := bigTree(2, 3)
	page := "latest/s1/p2/index.html"
	body := "本页见<a href="
	base := themeFile(t, "templates/base.html")
	nav := `<ol class="nav-list">`
	std := buildWith(t, src, nil)[page]
	if strings.Count(string(std), nav) != 2 || strings.Count(string(std), body) != 1 || strings.Index(string(std), nav) > strings.Index(string(std), body) {
		t.Fatalf("the built-in theme's page: want the sidebar (2 lists) then the body:\n%s", std)
	}
	cases := []struct {
		name      string
		edit      func(string) string
		navs      int
		bodies    int
		bodyFirst bool
	}{
		{"body first", func(b string) string {
			b = strings.Replace(b, "{{.NavHTML}}", "", 1)
			return strings.Replace(b, `{{template "main" .}}`, `{{template "main" .}}{{.NavHTML}}`, 1)
		}, 2, 1, true},
		{"sidebar twice", func(b string) string {
			return strings.Replace(b, "{{.NavHTML}}", "{{.NavHTML}}{{.NavHTML}}", 1)
		}, 4, 1, false},
		{"no sidebar", func(b string) string { return strings.Replace(b, "{{.NavHTML}}", "", 1) }, 0, 1, false},
		{"body twice", func(b string) string {
			return strings.Replace(b, `{{template "main" .}}`, `{{template "main" .}}{{template "main" .}}`, 1)
		}, 2, 2, false},
	}
	for _, tc := range cases {
		th := themeWith(t, "templates/base.html", tc.edit(base))
		mem := output.NewMemory()
		if _, err := Run(Options{Source: src, Theme: th, Out: mem}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := string(mem.Files[page])
		if n := strings.Count(got, nav); n != tc.navs {
			t.Errorf("%s: %d lists of the sidebar, want %d", tc.name, n, tc.navs)
		}
		if n := strings.Count(got, body); n != tc.bodies {
			t.Errorf("%s: the body %d times, want %d", tc.name, n, tc.bodies)
		}
		if tc.navs > 0 && (strings.Index(got, body) < strings.Index(got, nav)) != tc.bodyFirst {
			t.Errorf("%s: body first is %v, want %v", tc.name, !tc.bodyFirst, tc.bodyFirst)
		}
		if strings.Contains(got, "\ue000") {
			t.Errorf("%s: a marker is left in the page", tc.name)
		}
	}

	// A title that holds a marker's text is shown as written, and the
	// page is whole.
	marked := fstest.MapFS{}
	for k, v := range src {
		marked[k] = v
	}
	f := *src["s1/p2.md"]
	f.Data = bytes.Replace(f.Data, []byte("title: 第1部分第2页"), []byte("title: 第1部分\ue000handbook-body\ue001第2页"), 1)
	marked["s1/p2.md"] = &f
	got := string(buildWith(t, marked, nil)[page])
	if strings.Count(got, body) != 1 || strings.Count(got, nav) != 2 || !strings.Contains(got, "<h1>第1部分\ue000handbook-body\ue001第2页</h1>") {
		t.Errorf("a title holding the body's marker: want the title as written, the body once and the sidebar:\n%s", got)
	}
}

func themeFile(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(theme.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// themeWith is the built-in theme with one file replaced.
func themeWith(t *testing.T, name, data string) fstest.MapFS {
	t.Helper()
	th := themeCopy(t)
	th[name] = &fstest.MapFile{Data: []byte(data)}
	return th
}

// themeCopy is a copy of the built-in theme that a test may change.
func themeCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	th := fstest.MapFS{}
	if err := fs.WalkDir(theme.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme.FS, p)
		th[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return th
}

// TestPrintPageIsOneOutline: the print page is one document with one
// <h1> (the handbook's title); each chapter is an <h2> and its sections
// are one level down, to <h6> at most. It had an <h1> per chapter, the
// title among them, and sections at the chapters' level. A chapter whose
// body opens with its title as a # heading shows the title once, and a
// link to that heading still lands on it.
func TestPrintPageIsOneOutline(t *testing.T) {
	mem, _, err := run(t, tree(`-- 01-a.md --
---
title: 第一章 总则
---
## 一、目的

正文。

### （一）细则

1. 第一条。

###### 最深
-- 02-b.md --
# 第二章 考勤

见[总则](01-a.md#一目的)，[本章](#第二章-考勤)。

## 一、迟到
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	pr := html.UnescapeString(string(mainOf(t, mem.Files["latest/print/index.html"])))
	if n := strings.Count(pr, "<h1"); n != 1 {
		t.Errorf("the print page has %d <h1>, want 1 (the cover's):\n%s", n, pr)
	}
	for _, want := range []string{
		`<h2 class="print-chapter-title">第一章 总则</h2>`,
		`<h3 id="ch-01-a-一目的">`, `<h4 id="ch-01-a-一细则">`, `<h6 id="ch-01-a-最深">`,
		`<h2 class="print-chapter-title" id="ch-02-b-第二章-考勤">第二章 考勤</h2>`,
		`<h3 id="ch-02-b-一迟到">`, `href="#ch-01-a-` + url.PathEscape("一目的") + `"`, `href="#ch-02-b-` + url.PathEscape("第二章-考勤") + `"`,
	} {
		if !strings.Contains(pr, want) {
			t.Errorf("the print page lacks %s:\n%s", want, pr)
		}
	}
	if n := strings.Count(pr, "第二章 考勤</h"); n != 1 {
		t.Errorf("the title a chapter's body gives is shown %d times, want once:\n%s", n, pr)
	}
	for _, tag := range []string{"h1", "h2", "h3", "h4", "h5", "h6"} {
		if o, c := strings.Count(pr, "<"+tag), strings.Count(pr, "</"+tag+">"); o != c {
			t.Errorf("%d <%s> but %d </%s>", o, tag, c, tag)
		}
	}
}
