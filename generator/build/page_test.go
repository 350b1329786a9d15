package build

import (
	"bytes"
	"io/fs"
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
