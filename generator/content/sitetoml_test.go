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
		// A table left open: at its own line (the parser's is the next).
		{"title = \"HR\"\n[params\nx = 1\n", "site.toml:2:8: error: site config is not valid TOML:"},
		{"title = \"HR\"\nbasePath = \"hr\"\n", "site.toml:2:1: error: basePath hr is not a URL path — basePath is the path of the address alone, from its first /: write basePath = \"/hr/\""},
		{"title = \"HR\"\nbasePath = \"https://intranet.example.com/hr/\"\n", "write basePath = \"/hr/\""},
		{"title = \"HR\"\norganization = \"某集团公司\"\n", "site.toml:2:1: warning: unknown setting organization is ignored — did you mean organisation?"},
		{"title = \"HR\"\nlanguage = \"中文\"\n", "site.toml:2:1: warning: language \"中文\" is not a language tag, so browsers and screen readers do not know the pages' language — write a tag such as language = \"zh-CN\""},
	} {
		_, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte(tc.src)}}, "site.toml", true)
		if len(errs) != 1 || !strings.Contains(errs[0].String(), tc.want) {
			t.Errorf("%q: got %v, want …%s…", tc.src, errs, tc.want)
		}
	}
	for _, src := range []string{"language = \"zh-CN\"\n", "language = \"zh-Hans\"\n", "language = \"en\"\n", "basePath = \"/hr\"\n"} {
		if _, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte("title = \"HR\"\n" + src)}}, "site.toml", true); len(errs) != 0 {
			t.Errorf("%q: got %v", src, errs)
		}
	}
	// A page's TOML front matter gets the same hints.
	_, _, _, errs := parseFrontMatter("a.md", []byte("+++\ntitle = \"甲\"\n[params\n+++\n"))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "a.md:3:8: error: front matter is not valid TOML:") {
		t.Errorf("front matter, a table left open: got %v", errs)
	}
	_, _, _, errs = parseFrontMatter("a.md", []byte("+++\ntitle = “入职须知”\n+++\n"))
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
		_, errs := loadSite(fstest.MapFS{name: {Data: []byte("title = \"人力资源部员工手册\"\nbasePath = \"/hr/\"\n")}, "a.md": {Data: []byte("# A\n")}}, "hr/site.toml", true)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%s: got %v, want %q", name, errs, want)
		}
	}
	if _, errs := loadSite(fstest.MapFS{"a.md": {Data: []byte("# A\n")}, "site.toml.d": {Mode: fs.ModeDir}}, "site.toml", true); len(errs) != 1 || !strings.Contains(errs[0].Msg, "there is no site.toml") {
		t.Errorf("no site.toml at all: got %v, want the warning that there is none", errs)
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

// A working copy without site.toml, with an empty one, or with one that
// sets no title or an empty one built in silence: the site was titled
// "Handbook", in English, or nothing at all. Each is a warning naming the
// file (and the title's line) and what to write. A published revision's
// is not: it is frozen (2026.1 was published without one).
func TestSiteWithoutTitleWarns(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no site.toml", fstest.MapFS{"a.md": {Data: []byte("# A\n")}},
			"content/site.toml: warning: there is no site.toml, so the site is titled “Handbook”, in English, and served from / — create content/site.toml with the handbook's name: title = \"员工手册\""},
		{"an empty site.toml", fstest.MapFS{"site.toml": {Data: []byte("")}},
			"content/site.toml: warning: site.toml is empty, so the site is titled “Handbook”, in English, and served from / — write the handbook's name in it: title = \"员工手册\""},
		{"no title", fstest.MapFS{"site.toml": {Data: []byte("# 设置\nlanguage = \"zh-CN\"\n")}},
			"content/site.toml: warning: site.toml sets no title, so the site is titled “Handbook”, in English — add a line with the handbook's name: title = \"员工手册\""},
		{"an empty title", fstest.MapFS{"site.toml": {Data: []byte("language = \"zh-CN\"\ntitle = \"\"\n")}},
			"content/site.toml:2:9: warning: title is empty, so the site has no title: the pages' header and the browser's tab show none — write the handbook's name between the quotes: title = \"员工手册\""},
		{"a title of spaces", fstest.MapFS{"site.toml": {Data: []byte("title = \"\u3000 \"\n")}},
			"content/site.toml:1:9: warning: title is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := LoadWith(tc.fsys, "content", LoadOptions{})
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) {
				t.Errorf("got %v\nwant %q", errs, tc.want)
			}
			if _, errs := Load(tc.fsys, "content/revisions/2026.1"); len(errs) != 0 {
				t.Errorf("a published revision's: %v", errs)
			}
		})
	}
}

// A setting of the wrong type (trustHTML = "no", basePath = 5, title =
// ["a"]) is valid TOML: it was called invalid, without a line and column,
// in the TOML library's words (int64, []any), with advice to quote
// values that was the mistake. It is said at its value, with the type the
// setting takes in plain words and what to write.
func TestSiteSettingOfTheWrongTypeIsSaid(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title = \"HR\"\ntrustHTML = \"no\"\n", "site.toml:2:13: error: trustHTML must be true or false, not the text \"no\" — write trustHTML = false, without quotes"},
		{"title = \"HR\"\ntrustHTML = \"是\"\n", "site.toml:2:13: error: trustHTML must be true or false, not the text \"是\" — write trustHTML = true, without quotes"},
		{"title = \"HR\"\ntrustHTML = \"maybe\"\n", "— write trustHTML = true or trustHTML = false, without quotes"},
		{"title = \"HR\"\nTrustHTML = 1\n", "site.toml:2:13: error: TrustHTML must be true or false, not the number 1 — write TrustHTML = true"},
		{"title = \"HR\"\nbasePath = 5\n", "site.toml:2:12: error: basePath must be a text in quotes, not the number 5 — write it in quotes, e.g. basePath = \"/handbook/\""},
		{"title = [\"a\"]\n", "site.toml:1:9: error: title must be a text in quotes, not a list — write one text in quotes: title = \"a\""},
		{"title = 2026\n", "site.toml:1:9: error: title must be a text in quotes, not the number 2026 — put it in quotes: title = \"2026\""},
		{"title = true\n", "site.toml:1:9: error: title must be a text in quotes, not true (a yes-or-no value) — put it in quotes: title = \"true\""},
		{"title = \"HR\"\n[timeZone]\nname = \"Asia/Shanghai\"\n", "site.toml:2:1: error: timeZone must be a text in quotes, not a table — write it in quotes, e.g. timeZone = \"Asia/Shanghai\""},
		{"title = \"HR\"\nTitle = \"Other\"\n", "site.toml:2:1: error: setting Title is set twice, on lines 1 (as title) and 2 — keep the one you mean and delete the other"},
	} {
		_, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte(tc.src)}}, "site.toml", true)
		if len(errs) != 1 || !strings.Contains(errs[0].String(), tc.want) {
			t.Errorf("%q: got %v\nwant …%s…", tc.src, errs, tc.want)
		}
		for _, d := range errs {
			if s := d.String(); strings.Contains(s, "int64") || strings.Contains(s, "[]") || strings.Contains(s, "not valid TOML") || strings.Contains(s, "incompatible") {
				t.Errorf("%q: %s", tc.src, s)
			}
		}
	}
	if s, errs := loadSite(fstest.MapFS{"site.toml": {Data: []byte("Title = \"HR\"\ntrustHTML = true\n")}}, "site.toml", true); len(errs) != 0 || s.Title != "HR" || !s.TrustHTML {
		t.Errorf("a setting in another case is read: %+v %v", s, errs)
	}
}
