package build

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// plainLink must split every link it accepts exactly as url.Parse does,
// and accept only links inside the handbook.
func FuzzPlainLink(f *testing.F) {
	for _, s := range []string{
		"06-performance.md#销售人员奖惩办法", "#一业绩考评", "../hr/leave.md", "chapter/", "a#b#c", "#", "x.md#",
		"https://example.com/a", "mailto:hr@example.com", "//cdn.example.com/x.js", "a%20b.md", "a b.md",
		"?q=1", "a.md?x#y", "\\\\server\\share", "/abs/path.md", "a\x7fb", "a\tb", "%zz", "#%E4%B8%AD",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		got, ok := plainLink(dest)
		if !ok {
			return
		}
		u, err := url.Parse(dest)
		if err != nil {
			t.Fatalf("plainLink(%q) accepted a link url.Parse rejects: %v", dest, err)
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
			t.Fatalf("plainLink(%q) accepted a link outside the handbook", dest)
		}
		if got.Path != u.Path || got.Fragment != u.Fragment {
			t.Fatalf("plainLink(%q) = %q #%q, url.Parse: %q #%q", dest, got.Path, got.Fragment, u.Path, u.Fragment)
		}
	})
}

func TestPlainLinkTakesTheUsualLinks(t *testing.T) {
	for _, s := range []string{"06-performance.md#销售人员奖惩办法", "#一业绩考评", "../hr/leave.md", "chapter/"} {
		if _, ok := plainLink(s); !ok {
			t.Errorf("plainLink(%q) left a usual link to url.Parse", s)
		}
	}
	for _, s := range []string{"https://example.com/a", "mailto:hr@example.com", "//cdn.example.com/x", "a%20b.md", "a b.md"} {
		if _, ok := plainLink(s); ok {
			t.Errorf("plainLink(%q) took a link only url.Parse can read", s)
		}
	}
}

// TestRedirectPagesKeepTheFragment: an alias's redirect page runs one
// inline script, which takes the old link's #clause along (a refresh
// drops it: /old/leave/#迟到 opened the page in force at its top), and
// the page's policy lets that script alone run: its hash is the
// script's. Without scripts the refresh still leads to the page.
func TestRedirectPagesKeepTheFragment(t *testing.T) {
	mem, _, err := run(t, tree("-- site.toml --\ntitle = \"人事手册\"\nbasePath = \"/hr/\"\n-- 请假.md --\n---\ntitle: 请假\naliases: [/old/leave/]\n---\n## 迟到\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"old/leave/index.html", "index.html"} {
		page := string(mem.Files[name])
		scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
		if len(scripts) != 1 || !strings.Contains(scripts[0][1], "location.hash") {
			t.Errorf("%s: want one inline script that keeps location.hash, got %q:\n%s", name, scripts, page)
			continue
		}
		sum := sha256.Sum256([]byte(scripts[0][1]))
		csp := `content="default-src 'none'; script-src 'sha256-` + base64.StdEncoding.EncodeToString(sum[:]) + `'"`
		if !strings.Contains(html.UnescapeString(page), csp) {
			t.Errorf("%s: the policy does not allow the script by its hash (%s):\n%s", name, csp, page)
		}
		if !regexp.MustCompile(`<noscript><meta http-equiv="refresh" content="0; url=[^"]+"></noscript>`).MatchString(page) {
			t.Errorf("%s: without scripts the page leads nowhere:\n%s", name, page)
		}
	}
}

// A link written with Windows' \ between folders is named as such, with
// the link to write and whether that one is there; "no such page" left
// the \ to be spotted.
func TestLinkWithBackslashesSaysToWriteSlashes(t *testing.T) {
	_, _, err := run(t, tree("-- 01-总则.md --\n# 总则\n\n见[考勤](规章\\考勤.md)与[无](规章\\无.md)。\n-- 规章/考勤.md --\n# 考勤\n\n正文。\n"), nil)
	if err == nil {
		t.Fatal("the build passed")
	}
	for _, want := range []string{
		"content/01-总则.md:3:2: error: link to “规章\\考勤.md”: a link's folders are separated by /, not \\ — write it “规章/考勤.md” (that one is there)",
		"content/01-总则.md:3:17: error: link to “规章\\无.md”: a link's folders are separated by /, not \\ — write it “规章/无.md”\n",
	} {
		if !strings.Contains(err.Error()+"\n", want) {
			t.Errorf("the errors lack\n%s\ngot\n%v", want, err)
		}
	}
}

// TestHugoStaticFolderServesPathsFromTheTop: a Hugo site's static/ folder
// copied into the tree as it is serves its files at the site's top, as
// Hugo publishes them: /images/logo.png (a figure's src, a Markdown image)
// is static/images/logo.png, unless the tree has images/logo.png itself.
func TestHugoStaticFolderServesPathsFromTheTop(t *testing.T) {
	src := tree(`-- docs/install.md --
---
title: 安装
---
{{< figure src="/images/logo.png" caption="标志" >}}

![图](/images/flow.png) 下载[表格](/forms/a.pdf)。
-- static/images/logo.png --
STATIC
-- static/images/flow.png --
SHADOWED
-- images/flow.png --
TOP
-- static/forms/a.pdf --
PDF
-- static/unlinked.txt --
X
`)
	mem, _, err := run(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"latest/static/images/logo.png": "STATIC\n", "latest/images/flow.png": "TOP\n", "latest/static/forms/a.pdf": "PDF\n"} {
		if got := string(mem.Files[name]); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"latest/static/images/flow.png", "latest/static/unlinked.txt"} {
		if _, ok := mem.Files[name]; ok {
			t.Errorf("%s was published; no page links to it", name)
		}
	}
	page := string(mem.Files["latest/docs/install/index.html"])
	for _, want := range []string{`<img src="../../static/images/logo.png" alt="" title="标志">`, `<img src="../../images/flow.png" alt="图">`, `href="../../static/forms/a.pdf"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}

	// Neither at the top nor in static/: the error says static/ may be
	// copied in whole.
	bad := tree("-- docs/install.md --\n---\ntitle: 安装\n---\n![图](/images/none.png)\n-- static/images/logo.png --\nX\n")
	if _, _, err := run(t, bad, nil); err == nil || !strings.Contains(err.Error(), "content/docs/install.md:4:1: error: link to “/images/none.png”: there is no such file or page") || !strings.Contains(err.Error(), "static/images/a.png") {
		t.Errorf("a file in neither: got %v", err)
	}
}

// TestHugoRefByFileNameAlone: a Hugo ref naming a page by its file's name
// alone, from another folder ({{< ref "请假规定.md" >}}), leads to the one
// page of that name, as Hugo finds it in the whole site; two pages of
// that name are an error naming both and the path to write.
func TestHugoRefByFileNameAlone(t *testing.T) {
	page := "-- docs/a.md --\n---\ntitle: A\n---\n见[请假]({{< ref \"请假规定.md#第一条-总则\" >}})和[加班]({{< relref \"加班\" >}})。\n" +
		"-- 规章/请假规定.md --\n---\ntitle: 请假\n---\n## 第一条 总则\n-- 规章/制度/加班.md --\n---\ntitle: 加班\n---\n"
	mem, _, err := run(t, tree(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	var links []string // the page's links, unescaped: "href text"
	for _, m := range regexp.MustCompile(`<a href="([^"]*)">([^<]*)</a>`).FindAllStringSubmatch(string(mem.Files["latest/docs/a/index.html"]), -1) {
		href, _ := url.PathUnescape(m[1])
		links = append(links, href+" "+m[2])
	}
	got := strings.Join(links, "\n")
	for _, want := range []string{"../../规章/请假规定/#第一条-总则 请假", "../../规章/制度/加班/ 加班"} {
		if !slices.Contains(links, want) {
			t.Errorf("the page lacks %s:\n%s", want, got)
		}
	}
	_, _, err = run(t, tree(page+"-- 旧/请假规定.md --\n---\ntitle: 旧请假\n---\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "content/docs/a.md:4:2: error: Hugo ref “请假规定.md#第一条-总则”: more than one page has that file name (content/旧/请假规定.md, content/规章/请假规定.md)") ||
		!strings.Contains(err.Error(), `{{< ref "/旧/请假规定.md" >}}`) {
		t.Errorf("two pages of the name: got %v", err)
	}
}

// TestLinkToAPageHugoNeverPublishes: a page kept out as Hugo keeps it out
// (build: render: never, a headless bundle) is not published, its bundle's
// image linked from another page is, and a link to such a page says why
// it is not there, where it said "no such page" of a file that is.
func TestLinkToAPageHugoNeverPublishes(t *testing.T) {
	src := "-- blog/post.md --\n---\ntitle: 文章\n---\n![标志](../shared/logo.png)\n-- shared/index.md --\n---\nheadless: true\n---\n-- shared/logo.png --\nPNG\n-- shared/contact.md --\n电话\n" +
		"-- blog/internal.md --\n---\ntitle: 内部\nbuild:\n  render: never\n---\n"
	mem, _, err := run(t, tree(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(mem.Files["latest/shared/logo.png"]) != "PNG\n" {
		t.Error("the headless bundle's image, linked from a page, is not published")
	}
	for name := range mem.Files {
		if strings.Contains(name, "internal") || strings.Contains(name, "contact") || name == "latest/shared/index.html" {
			t.Errorf("%s was published", name)
		}
	}
	for link, want := range map[string]string{
		"[内部](internal.md)":          "content/blog/post.md:4:1: error: link to “internal.md”: that page is not published, as in Hugo: its front matter says build: render: never",
		"[电话](../shared/contact.md)": "that page is not published, as in Hugo: it is in the headless bundle shared/ (headless: true in its index.md)",
	} {
		if _, _, err := run(t, tree(strings.Replace(src, "![标志]", link+" ![标志]", 1)), nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", link, err, want)
		}
	}
}

// TestAnchorOnAPageWithoutHeadings: a #fragment on a page that has no
// headings says so and to link to the page itself; the hint ended in
// "IDs on that page include " and nothing. A wiki link's heading too.
func TestAnchorOnAPageWithoutHeadings(t *testing.T) {
	for link, want := range map[string]string{
		"[甲](docs/#总则)": "content/_index.md:1:1: error: link to “docs/#总则”: content/docs/_index.md has no heading or clause #总则 — that page has no headings to link to: link to the page itself, without #总则",
		"[乙](b.md#总则)":  "content/_index.md:1:1: error: link to “b.md#总则”: content/b.md has no heading or clause #总则 — that page has no headings to link to: link to the page itself, without #总则",
		"[[b#总则|丙]]":    "content/b.md has no heading “总则” — that page has no headings to link to",
	} {
		_, _, err := run(t, tree("-- _index.md --\n"+link+"\n-- docs/_index.md --\n---\ntitle: 文档\n---\n-- b.md --\n正文,没有标题。\n"), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", link, err, want)
		}
	}
}

// TestHugoRefToTheHomePage: {{< relref "/" >}}, Hugo's way to name the
// home page, leads to the root's _index.md; it was "no such page".
func TestHugoRefToTheHomePage(t *testing.T) {
	mem, _, err := run(t, tree("-- _index.md --\n---\ntitle: 首页\n---\n-- docs/a.md --\n---\ntitle: A\n---\n[首页]({{< relref \"/\" >}}) [又一]({{< ref \"/#\" >}})\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if page := string(mem.Files["latest/docs/a/index.html"]); !strings.Contains(page, `<a href="../../">首页</a>`) || !strings.Contains(page, `<a href="../../">又一</a>`) {
		t.Errorf("the links do not lead home:\n%s", page)
	}
}
