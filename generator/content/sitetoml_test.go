package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// site.toml typed by an admin with a Chinese input method on, or with a
// setting as people write it: the message names the line and says what
// to retype, where the TOML parser's alone named a character that looks
// like the right one (“ for ", a full-width space, ＝, ：, 标题 for title).
func TestSiteTOMLMistakesSayWhatToRetype(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title = “人事手册”\n", "site.toml:1:9: error: site config is not valid TOML: expected value but found '“' instead — the quote “ is a Chinese one"},
		{"title = \"HR\"\nbasePath = \"/hr/\"\u3000\n", "site.toml:2:18: error: site config is not valid TOML: expected a top-level item to end with a newline, comment, or EOF, but got '\\u3000' instead — a full-width space (　) is there"},
		{"title ＝ \"HR\"\n", "site.toml:1:7: error: site config is not valid TOML: expected '.' or '=', but got '＝' instead — the ＝ is full-width: type a half-width ="},
		{"title：\"HR\"\n", "site.toml:1:6: error: site config is not valid TOML: expected '.' or '=', but got '：' instead — a setting is written with =, not a colon"},
		{"title: \"HR\"\n", "— a setting is written with =, not a colon"},
		{"标题 = \"HR\"\n", "site.toml:1:1: error: site config is not valid TOML: expected '.' or '=', but got '标' instead — keys are named in English"},
		{"title = \"HR\"\nbasePath = \"hr\"\n", "site.toml:2:1: error: basePath hr is not a URL path — basePath is the path of the address alone, from its first /: write basePath = \"/hr/\""},
		{"title = \"HR\"\nbasePath = \"https://intranet.example.com/hr/\"\n", "write basePath = \"/hr/\""},
		{"title = \"HR\"\norganization = \"某集团公司\"\n", "site.toml:2:1: warning: unknown setting organization is ignored — did you mean organisation?"},
		{"title = \"HR\"\nlanguage = \"中文\"\n", "site.toml:2:1: warning: language \"中文\" is not a language tag, so browsers and screen readers do not know the pages' language — write a tag such as language = \"zh-CN\""},
	} {
		_, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte(tc.src)}}, "site.toml")
		if len(errs) != 1 || !strings.Contains(errs[0].String(), tc.want) {
			t.Errorf("%q: got %v, want …%s…", tc.src, errs, tc.want)
		}
	}
	for _, src := range []string{"language = \"zh-CN\"\n", "language = \"zh-Hans\"\n", "language = \"en\"\n", "basePath = \"/hr\"\n"} {
		if _, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte(src)}}, "site.toml"); len(errs) != 0 {
			t.Errorf("%q: got %v", src, errs)
		}
	}
	// A page's TOML front matter gets the same hints.
	_, _, _, errs := parseFrontMatter("a.md", []byte("+++\ntitle = “入职须知”\n+++\n"))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "a.md:2:9: error: front matter is not valid TOML: expected value but found '“' instead — the quote “ is a Chinese one") {
		t.Errorf("front matter: got %v", errs)
	}
}

// A settings file saved by Notepad as site.toml.txt (Windows hides the
// ending) or named Site.toml is an error naming it: the handbook built
// with the default title and basePath /, its links broken under /hr/.
func TestMisnamedSiteTOMLIsSaid(t *testing.T) {
	for name, want := range map[string]string{
		"site.toml.txt": "hr/site.toml.txt: error: the settings file is named site.toml.txt, not site.toml, so its settings (title, basePath, …) are not read — rename it to site.toml (Windows hides the ending .txt",
		"Site.toml":     "hr/Site.toml: error: the settings file is named Site.toml, not site.toml, so its settings (title, basePath, …) are not read — rename it to site.toml: the name is exact",
	} {
		_, errs := loadSite(fstest.MapFS{name: {Data: []byte("title = \"人力资源部员工手册\"\nbasePath = \"/hr/\"\n")}, "a.md": {Data: []byte("# A\n")}}, "hr/site.toml")
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%s: got %v, want %q", name, errs, want)
		}
	}
	if _, errs := loadSite(fstest.MapFS{"a.md": {Data: []byte("# A\n")}, "site.toml.d": {Mode: fs.ModeDir}}, "site.toml"); len(errs) != 0 {
		t.Errorf("no site.toml at all: got %v, want the defaults without a word", errs)
	}
}

// A chapter saved by Notepad as 休假.md.txt (Windows hides the .txt) is
// said, with the name to give it: it was left out of the handbook without
// a word. Other files (a form to download, notes.txt) stay silent.
func TestChapterSavedAsTxtIsSaid(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":    {Data: []byte("title = \"人力资源部员工手册\"\n")},
		"01-入职须知.md":   {Data: []byte("# 入职须知\n")},
		"考勤/休假.md.txt": {Data: []byte("# 休假\n")},
		"表格/请假单.docx":  {Data: []byte("PK")},
		"notes.txt":    {Data: []byte("x")},
	}
	tree, errs := Load(fsys, "hr")
	if errs.HasErrors() || len(tree.Pages) == 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := "hr/考勤/休假.md.txt: warning: is not a page: its name ends in .txt, which the editor added (Windows hides it), so the chapter is not in the handbook — rename it to 休假.md"
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Errorf("got %v, want %q", errs, want)
	}
}
