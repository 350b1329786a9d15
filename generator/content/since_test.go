package content

import (
	"testing"
	"testing/fstest"
)

// A chapter without a title, and no revision to take one from, is told
// to add one in general words: the hint was chapter 7's title for every
// chapter ("e.g. title: 第七章 大客户部保密制度"), which an admin copied
// into chapter 6.
func TestAChapterWithoutATitleIsNotGivenAnotherChaptersTitle(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":         {Data: []byte("title = \"手册\"\n")},
		"06-performance.md": {Data: []byte("---\norder: 6\nslug: performance\n---\n\n考核每月一次。\n")},
	}
	_, errs := LoadWith(fsys, "content", LoadOptions{})
	want := `content/06-performance.md:1:1: warning: the page has no title (its front matter gives none, and no # heading starts its text): it is named "06-performance" after its file name 06-performance.md — add a title: line to its front matter, the chapter's title after the colon, as the other chapters have theirs`
	if len(errs) != 1 || errs[0].String() != want {
		t.Errorf("got %v\nwant %s", errs, want)
	}
}

// Since says nothing of a chapter unchanged but for its text, of one
// new, nor of one whose front matter is below blank lines and not read:
// that is warned of as such, with its fix.
func TestSinceIsQuietAboutOtherChanges(t *testing.T) {
	prev := fstest.MapFS{
		"06-performance.md":     {Data: []byte("---\ntitle: 第六章 绩效\norder: 6\n---\n\n考核每月一次。\n")},
		"07-confidentiality.md": {Data: []byte("---\ntitle: 第七章 保密\norder: 7\n---\n\n保密。\n")},
	}
	next := fstest.MapFS{
		"06-performance.md":     {Data: []byte("---\ntitle: 第六章 绩效\norder: 6\n---\n\n考核每季度一次。\n")},
		"07-confidentiality.md": {Data: []byte("\n---\ntitle: 第七章 保密\norder: 7\n---\n\n保密。\n")},
		"08-new.md":             {Data: []byte("---\ntitle: 第八章 新\n---\n\n新。\n")},
	}
	p, _ := Load(prev, "content/revisions/1.0")
	n, errs := LoadWith(next, "content", LoadOptions{IncludeDrafts: true})
	out, lost := Since(n, p, "1.0", errs)
	if len(lost) != 0 || len(out) != len(errs) {
		t.Errorf("Since found %v\nin %v", lost, out)
	}
}
