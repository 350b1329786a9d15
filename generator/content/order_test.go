package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/diag"
)

// TestSectionOrderIsHugos: a section of dated pages (news, notices) is
// listed as Hugo 0.111 lists it, which was checked on the same tree: by
// weight, weight 0 being none; then newest first by date, else
// publishDate, else lastmod (YAML, quoted, or TOML's own dates); a
// subsection by its _index.md's date, else its newest page's; then those
// without a date, by title. They were listed by title, and weight 0 came
// first.
func TestSectionOrderIsHugos(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, fm := range map[string]string{
		"news/pinned.md":        "---\ntitle: Pinned\nweight: 1\ndate: 2020-01-01\n---\n",
		"news/neg.md":           "---\ntitle: Neg weight\nweight: -2\n---\n",
		"news/zero.md":          "---\ntitle: Zero weight\nweight: 0\n---\n",
		"news/alpha.md":         "---\ntitle: Alpha\ndate: 2024-01-05\n---\n",
		"news/beta.md":          "---\ntitle: Beta\ndate: 2024-03-01\n---\n",
		"news/gamma.md":         "---\ntitle: Gamma\ndate: 2023-12-31\n---\n",
		"news/delta.md":         "---\ntitle: Delta\ndate: \"2024-02-10T08:00:00Z\"\n---\n",
		"news/nodate.md":        "---\ntitle: NoDate\n---\n",
		"news/lm.md":            "---\ntitle: Lastmod only\nlastmod: 2024-02-15\n---\n",
		"news/pub.md":           "---\ntitle: Published\npublishDate: 2024-02-16\nlastmod: 2029-01-01\n---\n",
		"news/td.md":            "+++\ntitle = \"Toml dated\"\ndate = 2024-02-20T10:00:00+08:00\nlastmod = 2030-01-01\n+++\n",
		"news/z2/_index.md":     "---\ntitle: Z section\ndate: 2024-01-20\n---\n",
		"news/z2/i.md":          "---\ntitle: zitem\ndate: 2026-01-01\n---\n",
		"news/z3/_index.md":     "---\ntitle: Z3 section\n---\n",
		"news/z3/i.md":          "---\ntitle: z3item\ndate: 2024-02-12\n---\n",
		"news/bad.md":           "---\ntitle: Bad date\ndate: last tuesday\n---\n",
		"news/_index.md":        "---\ntitle: News\n---\n",
		"news/z3/older.md":      "---\ntitle: older\ndate: 2001-01-01\n---\n",
		"news/z3/sub/_index.md": "---\ntitle: sub\n---\n",
	} {
		fsys[name] = &fstest.MapFile{Data: []byte(fm)}
	}
	tr, errs := LoadWith(fsys, "content", LoadOptions{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var news *Section
	for _, s := range tr.Root.Sections {
		if s.Path == "news" {
			news = s
		}
	}
	var got []string
	for _, e := range news.Entries() {
		if e.Page != nil {
			got = append(got, e.Page.Title)
		} else {
			got = append(got, e.Section.Title())
		}
	}
	want := []string{"Neg weight", "Pinned", "Beta", "Toml dated", "Published", "Lastmod only", "Z3 section", "Delta", "Z section", "Alpha", "Gamma",
		"Bad date", "NoDate", "Zero weight"}
	if !slices.Equal(got, want) {
		t.Errorf("news lists\n%q\nwant (as Hugo)\n%q", got, want)
	}
	var warned []string
	for _, d := range errs {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "not a date") {
			warned = append(warned, d.String())
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "content/news/bad.md:3:1: warning: front matter field date is not a date") {
		t.Errorf("warnings: %q", warned)
	}
}

// TestBundleBesideSectionIndexSaysKeepOne: a folder with both index.md
// and _index.md (Hugo then publishes neither) is refused with a hint
// that can be followed: it said to rename index.md to _index.md, which
// is there already.
func TestBundleBesideSectionIndexSaysKeepOne(t *testing.T) {
	fsys := fstest.MapFS{
		"b/index.md":  {Data: []byte("# B\n")},
		"b/_index.md": {Data: []byte("# B section\n")},
		"site.toml":   {Data: []byte("title = \"B\"\n")},
	}
	_, errs := LoadWith(fsys, "content", LoadOptions{})
	if !errs.HasErrors() {
		t.Fatal("built")
	}
	for _, d := range errs {
		if strings.Contains(d.Hint, "rename index.md to _index.md") || !strings.Contains(d.Hint, "keep one of index.md and _index.md: merge the other into it") {
			t.Errorf("%s", d)
		}
	}
}

// TestIndentedFieldIsSaid: a field indented by mistake (a tab, as
// editors insert) went on with the value above it in silence: the
// page's weight became part of its title ("A weight: 1") and it moved
// in every list. YAML refuses it (Hugo fails); it is a warning naming
// the line. Folded values without "key: " stay quiet.
func TestIndentedFieldIsSaid(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":      {Data: []byte("---\ntitle: A\n\tweight: 1\n---\n")},
		"b.md":      {Data: []byte("---\ntitle: A long\n  title, see http://example.com/x\ndescription: >\n  Note: folded text\n---\n")},
		"site.toml": {Data: []byte("title = \"A\"\n")},
	}
	_, errs := LoadWith(fsys, "content", LoadOptions{})
	var got []string
	for _, d := range errs {
		got = append(got, d.String())
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], `content/a.md:3:1: warning: front matter line "weight: 1" is indented, so it goes on with the value of title above, which is now "A weight: 1"`) {
		t.Errorf("got %q", got)
	}
}

// TestHugoSiteFolderIsNotItsContent: the first thing a migrating user
// tries is -source on the Hugo site's folder. Every page was read under
// content/ (published at content/…), its links from the top failed one
// by one, and a theme's exampleSite pages came along; the build now
// says where the pages are. A content/ folder without a Hugo
// configuration beside it is a section like any other.
func TestHugoSiteFolderIsNotItsContent(t *testing.T) {
	for _, cfg := range []string{"config.toml", "hugo.yaml"} {
		fsys := fstest.MapFS{
			cfg:                  {Data: []byte("title = 'x'\n")},
			"content/_index.md":  {Data: []byte("# Home\n")},
			"content/docs/a.md":  {Data: []byte("# A\n")},
			"themes/t/README.md": {Data: []byte("# Theme\n")},
		}
		tr, errs := LoadWith(fsys, "site", LoadOptions{})
		want := "site/" + cfg + ": error: this folder is a Hugo site (" + cfg + " beside content/): its pages are in site/content/ — build with -source site/content"
		if !errs.HasErrors() || errs[0].String() != want || len(tr.Pages) != 0 {
			t.Errorf("%s: %v, %d pages; want %q", cfg, errs, len(tr.Pages), want)
		}
	}
	tr, errs := LoadWith(fstest.MapFS{"content/a.md": {Data: []byte("# A\n")}, "notes.toml": {Data: []byte("x = 1\n")}}, "docs", LoadOptions{})
	if errs.HasErrors() || len(tr.Pages) == 0 {
		t.Errorf("a content/ section: %v", errs)
	}
}

// Two chapters given one order (a file copied, its order left as it was)
// are listed by file name, as an admin numbers the files (06-… before
// 07-…): by title, 第七章 sorted before 第六章. The later one is warned
// of at its order line, naming the other and the order they are listed
// in. Hugo's weight, shared by siblings as Hugo sites do, is neither
// warned of nor listed otherwise than Hugo lists it (by title here); nor
// is one order in two sections.
func TestSameOrderTwiceIsListedByFileName(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":             {Data: []byte("title = \"手册\"\n")},
		"06-performance.md":     {Data: []byte("---\ntitle: 第六章 绩效\norder: 6\n---\n正文。\n")},
		"07-confidentiality.md": {Data: []byte("---\ntitle: 第七章 保密\norder: 6\n---\n正文。\n")},
		"08-other.md":           {Data: []byte("---\ntitle: 第八章\norder: 8\n---\n正文。\n")},
		"news/a.md":             {Data: []byte("---\ntitle: A\norder: 6\n---\n")},
		"news/c.md":             {Data: []byte("---\ntitle: B\nweight: 2\n---\n")},
		"news/b.md":             {Data: []byte("---\ntitle: C\nweight: 2\n---\n")},
	}
	tr, errs := LoadWith(fsys, "content", LoadOptions{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want := "content/07-confidentiality.md:3:1: warning: order 6 is also 06-performance.md's: the two are listed by file name, 06-performance.md (第六章 绩效) before 07-confidentiality.md (第七章 保密) — give each page its own order"
	if len(errs) != 1 || errs[0].String() != want {
		t.Errorf("got %v\nwant %q", errs, want)
	}
	var titles []string
	for _, p := range tr.Pages {
		titles = append(titles, p.Title)
	}
	if want := []string{"第六章 绩效", "第七章 保密", "第八章", "news", "B", "C", "A"}; !slices.Equal(titles, want) {
		t.Errorf("reading order %q, want %q (the order the warning states; news by Hugo's weight, then title)", titles, want)
	}
}

// Pages sharing an order are listed by file name with its numbers read
// as numbers (9- before 10-, as the chapters run; code points put 10-
// first), whatever their titles and dates, and a subsection by its
// _index.md takes its place among them. Each page after the first of
// the order is warned of, one written with weight too when another of
// its order is written with order: they are listed by file name too.
func TestSameOrderIsListedAsFilesAreNumbered(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":          {Data: []byte("title = \"手册\"\n")},
		"10-appendix.md":     {Data: []byte("---\ntitle: 附录\norder: 9\ndate: 2026-01-01\n---\n正文。\n")},
		"9-notes.md":         {Data: []byte("---\ntitle: 第九章 说明\norder: 9\n---\n正文。\n")},
		"11-sales/_index.md": {Data: []byte("---\ntitle: 第十一章 销售\nweight: 9\n---\n")},
		"11-sales/01-a.md":   {Data: []byte("---\ntitle: 甲\n---\n正文。\n")},
		"01-functions.md":    {Data: []byte("---\ntitle: 第一章\norder: 1\n---\n正文。\n")},
	}
	tr, errs := LoadWith(fsys, "content", LoadOptions{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var titles []string
	for _, p := range tr.Pages {
		titles = append(titles, p.Title)
	}
	if want := []string{"第一章", "第九章 说明", "附录", "第十一章 销售", "甲"}; !slices.Equal(titles, want) {
		t.Errorf("reading order %q, want %q", titles, want)
	}
	var got []string
	for _, d := range errs {
		got = append(got, d.String())
	}
	want := []string{
		"content/10-appendix.md:3:1: warning: order 9 is also 9-notes.md's: the two are listed by file name, 9-notes.md (第九章 说明) before 10-appendix.md (附录) — give each page its own order",
		"content/11-sales/_index.md:3:1: warning: weight 9 is also 9-notes.md's: the two are listed by file name, 9-notes.md (第九章 说明) before 11-sales/_index.md (第十一章 销售) — give each page its own order",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestCompareFileNames(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"06-performance.md", "07-confidentiality.md", -1},
		{"9-notes.md", "10-appendix.md", -1},
		{"10-appendix.md", "9-notes.md", 1},
		{"06-a.md", "6-a.md", -1},
		{"a2b10.md", "a2b9.md", 1},
		{"sales/_index.md", "sales.md", 1},
		{"a.md", "a.md", 0},
		{"第6章.md", "第10章.md", -1},
	} {
		if got := compareFileNames(tc.a, tc.b); got != tc.want {
			t.Errorf("compareFileNames(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// A page with front matter but no title, and no # heading to take one
// from, is warned of: the chapter was listed as 07-confidentiality in
// silence. A page without front matter (a Hugo tree's, a README), or
// with a name a person gives a page (请假制度, as Obsidian titles its
// notes), is named by its file without a word.
func TestFrontMatterWithoutATitleIsWarnedOf(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":             {Data: []byte("title = \"手册\"\n")},
		"07-confidentiality.md": {Data: []byte("---\norder: 7\nslug: confidentiality\n---\n\n公司各项管理制度属于公司的保密事项。\n")},
		"headed.md":             {Data: []byte("---\norder: 8\n---\n# 第八章 附则\n正文。\n")},
		"plain.md":              {Data: []byte("正文。\n")},
		"请假制度.md":               {Data: []byte("---\npublish: true\n---\n正文。\n")},
		"README.md":             {Data: []byte("---\norder: 9\n---\n正文。\n")},
	}
	tr, errs := LoadWith(fsys, "content", LoadOptions{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want := `content/07-confidentiality.md:1:1: warning: the page has no title (its front matter gives none, and no # heading starts its text): it is named "07-confidentiality" after its file name 07-confidentiality.md`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Errorf("got %v\nwant %q", errs, want)
	}
	titles := map[string]string{}
	for _, p := range tr.Pages {
		titles[p.File] = p.Title
	}
	if titles["07-confidentiality.md"] != "07-confidentiality" || titles["headed.md"] != "第八章 附则" || titles["plain.md"] != "plain" || titles["请假制度.md"] != "请假制度" {
		t.Errorf("titles %q", titles)
	}
}

// Chapters numbered by their file names (01-…, 02-…), with no order nor
// date of their own and titled by their first heading, are in their
// numbers' order: by title, as Hugo lists them, 第一章 … 第十章 ran
// 一、七、三、二、五、六、四 (the code points of the numerals). Files not
// numbered keep Hugo's order by title.
func TestNumberedFilesAreInTheirNumbersOrder(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"手册\"\n")}}
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	var want []string
	for i, n := range numerals {
		title := "第" + n + "章"
		fsys[fmt.Sprintf("%02d-chapter.md", i+1)] = &fstest.MapFile{Data: []byte("# " + title + "\n\n正文。\n")}
		want = append(want, title)
	}
	fsys["11-part/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 第十一部分\n---\n")}
	fsys["11-part/b.md"] = &fstest.MapFile{Data: []byte("# 乙\n\n正文。\n")}
	fsys["11-part/a.md"] = &fstest.MapFile{Data: []byte("# 丙\n\n正文。\n")}
	want = append(want, "第十一部分", "乙", "丙") // the part's pages, not numbered: by title, as Hugo has it
	tr, errs := LoadWith(fsys, "content", LoadOptions{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range tr.Pages {
		got = append(got, p.Title)
	}
	slices.Sort(want[len(numerals)+1:])
	if !slices.Equal(got, want) {
		t.Errorf("reading order %q, want %q", got, want)
	}
}
