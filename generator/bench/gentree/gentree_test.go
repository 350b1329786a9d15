package gentree

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/content"
	"handbook/generator/markdown"
)

func TestSameSeedGivesIdenticalBytes(t *testing.T) {
	a, err := Files(50, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Files(50, 7)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c, _ := Files(50, 8)
	if bytes.Equal(a["content/part01/s001/p00001.md"], c["content/part01/s001/p00001.md"]) {
		t.Error("seeds 7 and 8 gave the same first page")
	}
}

// TestEveryLinkResolves reads a tree spanning several sections and parts
// with the handbook's own loader and Markdown engine, and checks that every
// link names an existing page and an ID on it.
func TestEveryLinkResolves(t *testing.T) {
	n := 50
	if !testing.Short() {
		n = 2150 // three parts, a short last section
	}
	files, err := Files(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		if rest, ok := strings.CutPrefix(name, "content/"); ok {
			fsys[rest] = &fstest.MapFile{Data: data}
		}
	}
	tree, errs := content.Load(fsys, "content")
	if len(errs) > 0 {
		t.Fatalf("the tree does not load cleanly:\n%v", errs)
	}
	if tree.Site.Title == "" || tree.Site.Language != "zh-CN" {
		t.Errorf("site.toml: %+v", tree.Site)
	}
	regular := 0
	for _, p := range tree.Pages {
		if !p.IsIndex {
			regular++
		}
	}
	if regular != n {
		t.Errorf("%d pages loaded, want %d", regular, n)
	}

	eng := markdown.New(markdown.Options{})
	docs := map[string]*markdown.Doc{}
	for _, p := range tree.Pages {
		d, errs := eng.Parse(p.File, p.Source, p.BodyOffset)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", p.File, errs)
		}
		docs[p.File] = d
	}
	links, tables, items := 0, 0, 0
	for _, p := range tree.Pages {
		if bytes.Contains(p.Body(), []byte("\n| --- |")) {
			tables++
		}
		for id := range docs[p.File].IDs {
			if strings.Contains(id, ".") {
				items++
			}
		}
		for _, l := range docs[p.File].Links {
			links++
			u, err := url.Parse(l.Dest)
			if err != nil {
				t.Errorf("%s: link %q: %v", p.File, l.Dest, err)
				continue
			}
			target := p.File
			if u.Path != "" {
				target = path.Join(path.Dir(p.File), u.Path)
			}
			d, ok := docs[target]
			if !ok {
				t.Errorf("%s: link %q: no page %s", p.File, l.Dest, target)
				continue
			}
			if _, ok := d.IDs[u.Fragment]; !ok {
				t.Errorf("%s: link %q: %s has no ID #%s", p.File, l.Dest, target, u.Fragment)
			}
		}
	}
	t.Logf("%d pages: %d links checked, %d tables, %d clause IDs", n, links, tables, items)
	if links < 2*n || tables == 0 || items == 0 {
		t.Errorf("%d links, %d tables, %d clause IDs: the tree lacks variety", links, tables, items)
	}
}

func TestPagesAreAboutThreeKilobytes(t *testing.T) {
	files, _ := Files(200, 3)
	total, count := 0, 0
	for name, data := range files {
		if strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "_index.md") {
			total += len(data)
			count++
		}
	}
	if avg := total / count; avg < 2500 || avg > 3600 {
		t.Errorf("pages average %d bytes, want about 3 KB", avg)
	}
}

func TestHeadingIDMatchesTheHandbook(t *testing.T) {
	for _, h := range []string{"一、部门职能", "（二）奖惩办法", "Key Account 大客户", "绩效 -- 考核"} {
		if got, want := headingID(h), markdown.Slug(h); got != want {
			t.Errorf("headingID(%q) = %q, handbook says %q", h, got, want)
		}
	}
}

func TestChineseNumerals(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 12: "十二", 20: "二十", 100: "一百", 105: "一百零五", 110: "一百一十", 1001: "一千零一"} {
		if got := cn(n); got != want {
			t.Errorf("cn(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestRelativePaths(t *testing.T) {
	for _, c := range [][3]string{
		{"part01/s001/p00001.md", "part01/s001/p00002.md", "p00002.md"},
		{"part01/s001/p00001.md", "part01/s012/p01102.md", "../s012/p01102.md"},
		{"part01/s001/p00001.md", "part02/s012/p01102.md", "../../part02/s012/p01102.md"},
	} {
		if got := relPath(c[0], c[1]); got != c[2] {
			t.Errorf("relPath(%s, %s) = %s, want %s", c[0], c[1], got, c[2])
		}
	}
}
