package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"handbook/calculator"
	"handbook/generator/output"
	"handbook/generator/revision"
	"handbook/theme"
)

// publishChecked publishes the draft in dir as handbook publish does: the
// draft is built as its published edition, and only what that edition is
// built from is frozen.
func publishChecked(t *testing.T, dir, version, effective string) {
	t.Helper()
	check := func(snap fs.FS) ([]string, error) {
		res, err := Run(Options{Source: snap, SourceName: "content", Theme: theme.FS, Out: output.NewMemory(), Today: date(t, "2026-06-01")})
		if err != nil {
			return nil, err
		}
		if res.Sources == nil {
			return nil, nil
		}
		return res.Sources(), nil
	}
	err := revision.Publish(dir, revision.Request{Version: version, Effective: date(t, effective), Note: "第" + version + "版", Now: date(t, "2026-06-01"), Check: check})
	if err != nil {
		t.Fatal(err)
	}
}

// pdfBytes are a PDF's opening bytes: valid UTF-8, so only the file's
// kind, not its bytes, tells it is not text.
const pdfBytes = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nSECRET-PDF-STREAM\n%%EOF\n"

func TestChangelogShowsOnlyWhatEditionsUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	// A revision from before publish froze only what is used: it holds
	// a private note.
	writeTree(t, dir, "-- notes.txt --\n私人笔记：明年裁员名单\n")
	if err := revision.Publish(dir, revision.Request{Version: "1.0", Effective: date(t, "2025-01-01"), Note: "旧版", Now: date(t, "2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	// The next one: an image and a form linked, a draft page and a new
	// private note beside them.
	writeTree(t, dir, "-- notes.txt --\n私人笔记：第二版\n-- 03-wip.md --\n---\ntitle: 第三章 未定稿\ndraft: true\n---\n草稿内容：尚未公布\n")
	os.WriteFile(filepath.Join(dir, "chart.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "form.pdf"), []byte(pdfBytes), 0o644)
	intro := filepath.Join(dir, "01-intro.md")
	b, _ := os.ReadFile(intro)
	os.WriteFile(intro, append(b, "\n![组织图](chart.png) [申请表](form.pdf)\n"...), 0o644)
	publishChecked(t, dir, "2.0", "2026-01-01")

	frozen, _ := os.ReadDir(filepath.Join(dir, "revisions", "2.0"))
	var names []string
	for _, e := range frozen {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "01-intro.md 02-pay.md chart.png form.pdf manifest.sha256 revision.toml rules.toml site.toml" {
		t.Errorf("revision 2.0 holds %s: want its pages, settings, rules and linked files only", got)
	}

	// Then the image is replaced and the form withdrawn.
	os.WriteFile(filepath.Join(dir, "chart.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00other"), 0o644)
	b, _ = os.ReadFile(intro)
	os.WriteFile(intro, []byte(strings.Replace(string(b), " [申请表](form.pdf)", "", 1)), 0o644)
	publishChecked(t, dir, "3.0", "2026-03-01")

	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	for _, secret := range []string{"私人笔记", "notes.txt", "草稿内容", "03-wip", "SECRET-PDF-STREAM", "PNG", "+0 −0"} {
		if strings.Contains(cl, secret) {
			t.Errorf("the changelog shows %q", secret)
		}
	}
	v2 := between(cl, `id="2.0"`, "</li>")
	for _, want := range []string{
		`chart.png <small>图片 新增</small>`, `<a href="/v/2.0/chart.png">查看新文件</a>`,
		`form.pdf <small>附件 新增</small>`, `<a href="/v/2.0/form.pdf">查看新文件</a>`,
	} {
		if !strings.Contains(v2, want) {
			t.Errorf("2.0 lacks %s:\n%s", want, v2)
		}
	}
	v3 := between(cl, `id="3.0"`, "</li>")
	for _, want := range []string{
		`chart.png <small>图片 替换</small>`, `<a href="/v/3.0/chart.png">查看新文件</a> · <a href="/v/2.0/chart.png">查看原文件</a>`,
		`form.pdf <small>附件 删除</small>`, `<a href="/v/2.0/form.pdf">查看原文件</a>`,
	} {
		if !strings.Contains(v3, want) {
			t.Errorf("3.0 lacks %s:\n%s", want, v3)
		}
	}
}

// TestEveryLastChangedLinkHasItsTarget follows each chapter's "查看改动"
// link ("本章最近修订于 X") to the changelog: the anchor must be there,
// also when the chapter has not changed since the first revision, which
// lists no changes of its own.
func TestEveryLastChangedLinkHasItsTarget(t *testing.T) {
	dir := history(t) // 01-intro.md changes in every revision; 02-pay.md never does
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	seen := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range regexp.MustCompile(`href="/changelog/#([^"]+)">(?:查看改动|查看修订记录|查看 [^<]+ 的改动)`).FindAllStringSubmatch(string(b), -1) {
			seen++
			if !strings.Contains(cl, `id="`+m[1]+`"`) {
				t.Errorf("%s links to /changelog/#%s, which the changelog does not have", name, m[1])
			}
		}
	}
	if seen == 0 {
		t.Fatal("no page links to its changes")
	}
	// A chapter unchanged since the first revision was published then,
	// never revised; one changed since says when it last was.
	for page, want := range map[string]string{
		"latest/pay/index.html":   "本章首次发布于 1.0（2025-01-01 起施行），此后未修订。查看修订记录",
		"latest/intro/index.html": "本章最近修订于 2.0（2026-01-01 起施行）。查看改动",
		// A revision no longer in force says the chapter was revised
		// since, and when: its page said 此后未修订.
		"v/1.0/intro/index.html": "本章首次发布于 1.0（2025-01-01 起施行）；此后于 2.0 修订（2026-01-01 起施行）。查看 2.0 的改动",
		"v/1.0/pay/index.html":   "本章首次发布于 1.0（2025-01-01 起施行），此后未修订。查看修订记录",
	} {
		if got := textOf(between(string(files[page]), `<p class="last-changed">`, "</p>")); got != want {
			t.Errorf("%s says %q, want %q", page, got, want)
		}
	}
	// The first revision names its chapters, each a link to it.
	first := between(cl, `<li id="1.0"`, "</ol>") // the oldest comes last
	for _, want := range []string{`id="1.0-01-intro"`, `<a href="/v/1.0/intro/">第一章 总则</a>`, `id="1.0-02-pay"`, `<a href="/v/1.0/pay/">第二章 绩效</a>`} {
		if !strings.Contains(first, want) {
			t.Errorf("the first revision's entry lacks %s:\n%s", want, first)
		}
	}
}

// A chapter whose Markdown was only written differently (a table's rule
// spelled otherwise) changes no text: the changelog says so, and shows
// the source's changes, rather than "修改 · +0 −0 字" over an empty box. A file only saved differently
// (CRLF line ends, a byte-order mark: rules.toml here) is no change at
// all, where every line showed as changed by an invisible character.
func TestChangelogSaysWhenOnlyTheFileFormatChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	for _, name := range []string{"01-intro.md", "rules.toml"} {
		f := filepath.Join(dir, name)
		b, _ := os.ReadFile(f)
		b = []byte(strings.Replace(string(b), "| --- | --- |", "|:---|:---|", 1))
		os.WriteFile(f, append([]byte("\ufeff"), strings.ReplaceAll(string(b), "\n", "\r\n")...), 0o644)
	}
	publishChecked(t, dir, "2.0", "2026-01-01")

	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	v2 := between(string(files["changelog/index.html"]), `id="2.0"`, "</li>")
	for _, want := range []string{
		`<a href="/v/2.0/intro/">第一章 总则</a> <small>修改 · 文字未变</small>`,
		`读者看到的文字没有变化，只改了源文件的 Markdown 写法（如格式标记、链接地址），源文件的改动如下。</p>`,
		`<div class="diff-line diff-changed" data-old="14" data-new="14">|<del> </del><ins>:</ins>---`,
	} {
		if !strings.Contains(v2, want) {
			t.Errorf("2.0 lacks %s:\n%s", want, v2)
		}
	}
	for _, bad := range []string{"+0 −0", "\r", "rules.toml"} {
		if strings.Contains(v2, bad) {
			t.Errorf("2.0 shows %q:\n%s", bad, v2)
		}
	}
}

// A chapter whose file changed where no reader sees it (spaces after a
// heading, a blank line at its end), published with a change readers do
// see in another chapter, has no entry: it was one, 修改 · 文字未变, that
// showed readers the source's lines, front matter and all, for a space
// they could not see. Its page's "查看改动" still finds its target, the
// revision's entry. A change readers see in a text that stays the same (a
// link's address: the link opens another place) keeps its entry.
func TestChangelogLeavesOutAChangeNoReaderSees(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q (%v)", file, old, err)
		}
		os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
	edit("01-intro.md", "## 一、目的\n", "## 一、目的  \n")
	edit("01-intro.md", "| 业绩 | 60 |\n", "| 业绩 | 60 |\n\n")
	edit("02-pay.md", "回到[目的]", "请回到[目的]")
	publishChecked(t, dir, "2.0", "2026-01-01")
	edit("02-pay.md", "(01-intro.md#一目的)", "(01-intro.md)")
	publishChecked(t, dir, "3.0", "2026-03-01")

	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	v2 := between(cl, `<li id="2.0">`, `<li id="1.0">`)
	for _, bad := range []string{"第一章", "文字未变", "slug: intro", "## 一、目的"} {
		if strings.Contains(v2, bad) {
			t.Errorf("2.0 shows %q:\n%s", bad, v2)
		}
	}
	if want := `<h3 class="diff-file" id="2.0-02-pay"><a href="/v/2.0/pay/">第二章 绩效</a> <small>修改 · +1 −0 字</small></h3>`; !strings.Contains(v2, want) {
		t.Errorf("2.0 lacks %s:\n%s", want, v2)
	}
	// The chapter's page does not say it was revised in 2.0 (its file
	// was, where no reader sees it): it said 本章最近修订于 2.0, and its
	// 查看改动 led to an entry without the chapter.
	page := string(files["latest/intro/index.html"])
	if lc := between(page, `<p class="last-changed">`, "</p>"); strings.Contains(lc, "2.0") || !strings.Contains(lc, "1.0") {
		t.Errorf("latest/intro/ says it last changed: %s", lc)
	}
	// Nor does 1.0's page say it was revised since (此后于 2.0 修订).
	if lc := between(string(files["v/1.0/intro/index.html"]), `<p class="last-changed">`, "</p>"); strings.Contains(lc, "2.0") || !strings.Contains(lc, "1.0") {
		t.Errorf("v/1.0/intro/ says: %s", lc)
	}
	v3 := between(cl, `<li id="3.0">`, `<li id="2.0">`)
	for _, want := range []string{
		`<h3 class="diff-file" id="3.0-02-pay"><a href="/v/3.0/pay/">第二章 绩效</a> <small>修改 · 文字未变</small></h3>`,
		`读者看到的文字没有变化，只改了源文件的 Markdown 写法（如格式标记、链接地址），源文件的改动如下。</p>`,
		`(01-intro.md<del>#一目的</del>)`,
	} {
		if !strings.Contains(v3, want) {
			t.Errorf("3.0 lacks %s:\n%s", want, v3)
		}
	}
}

// The working copy's entry (serve, build -drafts) says it is not
// published, where it had an empty line of dates.
func TestChangelogDraftEntrySaysItIsUnpublished(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	files, err := buildDir(t, dir, "2026-06-01", true)
	if err != nil {
		t.Fatal(err)
	}
	d := between(string(files["changelog/index.html"]), `<li id="draft">`, "</li>")
	if strings.Contains(d, `<p class="rev-meta"></p>`) || !strings.Contains(d, `<p class="rev-meta">尚未发布的工作稿，只在预览中可见。</p>`) {
		t.Errorf("the draft's entry:\n%s", d)
	}
}

// A chapter whose file was renamed (and its slug with it) is one entry,
// "移动", that names its old and new address and what of its text
// changed, where it was the whole chapter deleted and the whole chapter
// added again.
func TestChangelogShowsAMovedChapterOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	move := func(from, to, slug string, edit func(string) string) {
		b, err := os.ReadFile(filepath.Join(dir, from))
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(filepath.Join(dir, from))
		s := regexp.MustCompile(`(?m)^slug: .*$`).ReplaceAllString(string(b), "slug: "+slug)
		os.WriteFile(filepath.Join(dir, to), []byte(edit(s)), 0o644)
		pay := filepath.Join(dir, "02-pay.md")
		b, _ = os.ReadFile(pay)
		os.WriteFile(pay, []byte(strings.ReplaceAll(string(b), "("+from+"#", "("+to+"#")), 0o644)
	}
	same := func(s string) string { return s }
	move("01-intro.md", "01-general.md", "general", same)
	publishChecked(t, dir, "2.0", "2026-01-01")
	move("01-general.md", "01-basics.md", "basics", func(s string) string {
		return strings.Replace(s, "为规范管理", "为规范部门管理", 1)
	})
	publishChecked(t, dir, "3.0", "2026-03-01")

	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	v2 := between(cl, `<li id="2.0">`, "</li>")
	for _, want := range []string{
		`<h3 class="diff-file" id="2.0-01-general"><a href="/v/2.0/general/">第一章 总则</a> <small>移动 · 文字未变</small></h3>`,
		`<p class="rev-meta">本章的网址由 /v/1.0/intro/ 改为 /v/2.0/general/，文字未变。</p>`,
	} {
		if !strings.Contains(v2, want) {
			t.Errorf("2.0 lacks %s:\n%s", want, v2)
		}
	}
	v3 := between(cl, `<li id="3.0">`, "</li>")
	for _, want := range []string{
		`<h3 class="diff-file" id="3.0-01-basics"><a href="/v/3.0/basics/">第一章 总则</a> <small>移动并修改 · +2 −0 字</small></h3>`,
		`<p class="rev-meta">本章的网址由 /v/2.0/general/ 改为 /v/3.0/basics/。</p>`,
		`为规范<ins>部门</ins>管理`,
	} {
		if !strings.Contains(v3, want) {
			t.Errorf("3.0 lacks %s:\n%s", want, v3)
		}
	}
	for v, entry := range map[string]string{"2.0": v2, "3.0": v3} {
		for _, bad := range []string{"删除", "新增"} {
			if strings.Contains(entry, bad) {
				t.Errorf("%s shows the moved chapter as %s:\n%s", v, bad, entry)
			}
		}
	}
}

// A deleted chapter's entry links its last text (in the revision before),
// whose banner says the revision in force has it no more: a reader of the
// changelog can read what was withdrawn where it was.
func TestChangelogLinksADeletedChapterToItsLastText(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook+"-- extra.md --\n---\ntitle: 附则\norder: 9\nslug: extra\n---\n本章后来删去。\n")
	publishChecked(t, dir, "1.0", "2025-01-01")
	if err := os.Remove(filepath.Join(dir, "extra.md")); err != nil {
		t.Fatal(err)
	}
	publishChecked(t, dir, "2.0", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	entry := between(string(files["changelog/index.html"]), `<li id="2.0">`, "</li>")
	if want := `<h3 class="diff-file" id="2.0-extra"><a href="/v/1.0/extra/">附则</a> <small>删除 · +0 −9 字</small></h3>`; !strings.Contains(entry, want) {
		t.Errorf("want %s in:\n%s", want, entry)
	}
	if _, ok := files["v/1.0/extra/index.html"]; !ok {
		t.Error("the deleted chapter's last text is not published")
	}
}

// Where and when the site is deployed (basePath, timeZone) is no change
// readers see: the changelog leaves a site.toml that changed only there
// out, and shows one whose title changed.
func TestChangelogLeavesOutDeploymentSettings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	site := filepath.Join(dir, "site.toml")
	b, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	deploy := string(b) + "# 部署设置\nbasePath = \"/handbook/\"\ntimeZone = \"Asia/Shanghai\"\n"
	if err := os.WriteFile(site, []byte(deploy), 0o644); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, "-- 01-intro.md --\n---\ntitle: 第一章 总则\norder: 1\nslug: intro\n---\n## 一、目的\n\n为规范管理,制定本制度。\n")
	publishChecked(t, dir, "2.0", "2026-01-01")
	if err := os.WriteFile(site, []byte(strings.Replace(deploy, "测试手册", "测试手册（修订）", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	publishChecked(t, dir, "3.0", "2026-03-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	if v2 := between(cl, `<li id="2.0">`, "</li>"); strings.Contains(v2, "site.toml") || !strings.Contains(v2, "第一章 总则") {
		t.Errorf("2.0 shows the deployment settings, or not the chapter:\n%s", v2)
	}
	if v3 := between(cl, `<li id="3.0">`, "</li>"); !strings.Contains(v3, "站点设置(site.toml)") || !strings.Contains(v3, "<ins>（修订）</ins>") {
		t.Errorf("3.0 does not show the title's change:\n%s", v3)
	}
}

// A rules.toml edited only in its comments or layout computes the same
// pay: the changelog shows no 计算规则 entry, which readers would take
// for a change to their pay; a changed rate shows.
func TestChangelogShowsRulesOnlyWhenThePayoutRulesChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	rules := filepath.Join(dir, "rules.toml")
	b, err := os.ReadFile(rules)
	if err != nil {
		t.Fatal(err)
	}
	commented := "# 第六章的计算规则；注释不改变规则。\n\n" + strings.Replace(string(b), "unit_fen = 1", "unit_fen   =   1   # 到分", 1)
	if err := os.WriteFile(rules, []byte(commented), 0o644); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, "-- 01-intro.md --\n---\ntitle: 第一章 总则\norder: 1\nslug: intro\n---\n## 一、目的\n\n为规范管理,制定本制度。\n")
	publishChecked(t, dir, "2.0", "2026-01-01")
	if err := os.WriteFile(rules, []byte(strings.Replace(commented, `payout = "105%"`, `payout = "110%"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	pay := filepath.Join(dir, "02-pay.md")
	if b, err = os.ReadFile(pay); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pay, []byte(strings.Replace(string(b), "按105%发放", "按110%发放", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	publishChecked(t, dir, "3.0", "2026-03-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	if v2 := between(cl, `<li id="2.0">`, "</li>"); strings.Contains(v2, "rules.toml") || !strings.Contains(v2, "第一章 总则") {
		t.Errorf("2.0 shows a rules change readers do not get, or not the chapter:\n%s", v2)
	}
	if v3 := between(cl, `<li id="3.0">`, "</li>"); !strings.Contains(v3, "绩效工资计算规则(rules.toml)") || !strings.Contains(v3, `<del>105</del><ins>110</ins>`) {
		t.Errorf("3.0 does not show the changed rate:\n%s", v3)
	}
}

// TestChangelogSaysHowThePayoutRulesChanged: a revision of the rules
// file says in words whose pay is computed otherwise, and how, above the
// file's diff (由…改为…, which a screen reader reads as words). The diff alone showed `payout = "<del>105</del><ins>110</ins>%"`
// under a [[roles.tiers]] far from the role it belongs to, and
// `max = <del>60</del><ins>70</ins>` without the criterion's name.
func TestChangelogSaysHowThePayoutRulesChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	edit := func(file string, pairs ...string) { t.Helper(); editFile(t, dir, file, 1, pairs...) }
	edit("rules.toml", `payout = "105%"`, `payout = "110%"`, "max = 60\n", "max = 70\n", "max = 40\n", "max = 30\n",
		`adjust = "-5%"`, `adjust = "-10%"`, `mode = "half-up"`, `mode = "down"`, "四舍五入到分", "舍去到分")
	edit("02-pay.md", "按105%发放", "按110%发放", "业绩(60分)", "业绩(70分)", "能力(40分)", "能力(30分)", "未完成扣5%", "未完成扣10%")
	publishChecked(t, dir, "2.0", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	v2 := between(string(files["changelog/index.html"]), `<li id="2.0">`, `<li id="1.0">`)
	for _, want := range []string{
		"<li>舍入：由四舍五入到分改为舍去零头到分</li>",
		"<li>销售人员 考核指标「业绩」：由60分改为70分</li>",
		"<li>销售人员 考核指标「能力」：由40分改为30分</li>",
		"<li>销售人员 95–100 分：由按 105% 发放改为按 110% 发放</li>",
		"<li>销售人员 部门业绩目标未完成：由-5%改为-10%</li>",
	} {
		if !strings.Contains(v2, want) {
			t.Errorf("2.0 does not say %s:\n%s", want, v2)
		}
	}
	if strings.Count(v2, "<li>") != 5 {
		t.Errorf("2.0 says more than what changed:\n%s", v2)
	}
	// Above the file's own diff, which is still shown.
	rules := v2[strings.Index(v2, `id="2.0-rules.toml"`):]
	if i, j := strings.Index(rules, "rules-changes"), strings.Index(rules, `class="diff"`); i < 0 || j < i || !strings.Contains(rules, "<del>105</del><ins>110</ins>") {
		t.Errorf("2.0 lacks the summary above the rules file's diff:\n%s", v2)
	}
	// In the preview, the working copy's rules are not in force yet.
	edit("rules.toml", `adjust = "-10%"`, `adjust = "-15%"`)
	edit("02-pay.md", "未完成扣10%", "未完成扣15%")
	if files, err = buildDir(t, dir, "2026-06-01", true); err != nil {
		t.Fatal(err)
	}
	draft := between(string(files["changelog/index.html"]), `<li id="draft">`, `<li id="2.0">`)
	if want := "发布后，绩效工资计算器将按新规则计算：</p>\n      <ul class=\"rules-changes\">\n        <li>销售人员 部门业绩目标未完成：由-10%改为-15%</li>"; !strings.Contains(draft, want) {
		t.Errorf("the draft does not say %s:\n%s", want, draft)
	}
	// The working copy is 草稿, not yet published; no revision ("草稿 草稿",
	// "此处在 草稿 版" were what it said).
	if !strings.Contains(draft, `>草稿</a> <span class="badge">未发布</span></h2>`) || strings.Contains(draft, "草稿 版") || strings.Contains(draft, "badge\">草稿") {
		t.Errorf("the draft's entry names it so:\n%s", draft)
	}
}

// The rules file's section of the changelog shows the rules, not the
// file's comments, notes for admins in English ("# 末位淘汰 Last place
// three months running…" was shown to readers, changed words marked); and
// rules whose citations alone changed, as the clauses they cite were
// renumbered, say so in words and that pay is computed as before: ten
// lines of clause = "办法.[-4][+5]" said nothing to readers.
func TestChangelogRulesSectionLeavesOutCommentsAndSaysRenumbering(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	edit := func(file string, pairs ...string) { t.Helper(); editFile(t, dir, file, -1, pairs...) }
	edit("rules.toml", "[rounding]\n", "# Payout rules, read by the calculator.\n[rounding]\n", `payout = "105%"`, `payout = "105%"   # the top tier`)
	publishChecked(t, dir, "1.0", "2025-01-01")
	edit("rules.toml", "read by the calculator", "as the calculator reads them", "# the top tier", "# the top tier, 95 and up", `payout = "105%"`, `payout = "110%"`)
	edit("02-pay.md", "按105%发放", "按110%发放")
	publishChecked(t, dir, "2.0", "2026-01-01")
	// An item put in above three tiers and the adjustments: the rules
	// cite their new numbers (a comment added too).
	edit("02-pay.md", "2. 得分在(90——94)分", "2. 考核结果于次月5日前公布。\n3. 得分在(90——94)分", "3. 得分在(60——89)分", "4. 得分在(60——89)分",
		"4. 60分以下", "5. 60分以下", "5. 超额完成", "6. 超额完成", "6. <!-- payout", "7. <!-- payout")
	edit("rules.toml", `"办法.5"`, `"办法.6"`, `"办法.4"`, `"办法.5"`, `"办法.3"`, `"办法.4"`, `"办法.2"`, `"办法.3"`, "[[roles]]\n", "# 销售人员 Sales staff\n[[roles]]\n")
	publishChecked(t, dir, "3.0", "2026-03-01")

	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	v2 := between(cl, `<h3 class="diff-file" id="2.0-rules.toml">`, `<li id="1.0">`)
	for _, want := range []string{"<li>销售人员 95–100 分：由按 105% 发放改为按 110% 发放</li>", `payout = &#34;<del>105</del><ins>110</ins>%&#34;</div>`} {
		if !strings.Contains(v2, want) {
			t.Errorf("2.0's rules lack %s:\n%s", want, v2)
		}
	}
	for _, bad := range []string{"calculator", "top tier", "# ", "规则所引条款"} {
		if strings.Contains(v2, bad) {
			t.Errorf("2.0's rules show %q:\n%s", bad, v2)
		}
	}
	v3 := between(cl, `<h3 class="diff-file" id="3.0-rules.toml">`, `<li id="2.0">`)
	for _, want := range []string{
		`<h3 class="diff-file" id="3.0-rules.toml">绩效工资计算规则(rules.toml) <small>修改 · +6 −6 字</small></h3>`,
		"<p class=\"rev-meta\">规则所引条款随正文重新编号，计算结果不变。</p>\n      <p class=\"rev-meta\">规则文件（rules.toml）的逐字改动：</p>",
		`clause = &#34;办法.<del>2</del><ins>3</ins>&#34;`,
	} {
		if !strings.Contains(v3, want) {
			t.Errorf("3.0's rules lack %s:\n%s", want, v3)
		}
	}
	for _, bad := range []string{"rules-changes", "按新规则计算", "Sales staff", "top tier"} {
		if strings.Contains(v3, bad) {
			t.Errorf("3.0's rules show %q:\n%s", bad, v3)
		}
	}
}

// tomlCode leaves out a TOML file's comments, not a # in a string, and
// keeps multi-line strings as written.
func TestTomlCode(t *testing.T) {
	src := "\ufeff# rules\r\n\r\n[a]   # table\r\nx  =  \"#1 ok\"  # c\r\ny = '# lit' #c\n\n  # indented\nz = \"\"\"\n  # kept\n\n\"\"\" # c\nw = '''a\n# kept'''\n[[b]]\nq = \"a\\\"#\" # c\n"
	want := "[a]\nx = \"#1 ok\"\ny = '# lit'\nz = \"\"\"\n  # kept\n\n\"\"\"\nw = '''a\n# kept'''\n\n[[b]]\nq = \"a\\\"#\"\n"
	if got := tomlCode(src); got != want {
		t.Errorf("tomlCode:\n%s\nwant:\n%s", got, want)
	}
}

// TestMovedClauses: clauses put in order otherwise, or pushed down by a
// new one, are named with their new number when their old number now
// holds other text; a clause reworded in place (5% → 6%) is not moved,
// nor one that kept its number.
func TestMovedClauses(t *testing.T) {
	old := tree(handbook)
	src := strings.NewReplacer(
		"1. 业绩(60分)\n2. 能力(40分)", "1. 态度(10分)\n2. 业绩(50分)\n3. 能力(40分)",
		"1. 得分在(95——100)分,按105%发放。\n2. 得分在(90——94)分,按100%发放。", "1. 得分在(90——94)分,按100%发放。\n2. 得分在(95——100)分,按105%发放。",
		"超额完成另发5%;未完成扣5%。", "超额完成另发6%;未完成扣6%。",
	).Replace(handbook)
	if src == handbook {
		t.Fatal("the test's edits found nothing to edit")
	}
	warns, err := MovedClauses(old, tree(src), "revisions/1.0", "revisions/2.0")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 {
		t.Fatalf("want one warning, for 02-pay.md; got %v", warns)
	}
	got := warns[0].String()
	for _, want := range []string{
		"revisions/2.0/02-pay.md", "links to pay/",
		"#指标.1 is now #指标.2 (业绩(50分))", "#指标.2 is now #指标.3 (能力(40分))",
		"#办法.1 is now #办法.2 (得分在(95——100)…)", "#办法.2 is now #办法.1 (得分在(90——94)分…)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the warning lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, " is now ") != 4 {
		t.Errorf("the warning names clauses that did not move:\n%s", got)
	}
	// The same text again: no warning.
	if warns, err := MovedClauses(old, tree(handbook), "a", "b"); err != nil || len(warns) != 0 {
		t.Errorf("unchanged: %v %v", warns, err)
	}
}

// TestChangelogSaysAPassageMovedIsNotDeleted: a passage moved to another
// chapter, or within one (two clauses swapped), is said to be moved on
// both entries; shown only as struck through in one chapter and added in
// another, it read as a rule withdrawn. Clauses that took another number
// are named: a link to the old number opens another clause now.
func TestChangelogSaysAPassageMovedIsNotDeleted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	const rule = "违反本制度者,由部门负责人按情节轻重处理。"
	one := strings.Replace(handbook, "回到[目的]", rule+"\n\n回到[目的]", 1)
	writeTree(t, dir, one)
	publish := func(v, eff string) {
		t.Helper()
		if err := revision.Publish(dir, revision.Request{Version: v, Effective: date(t, eff), Note: "第" + v + "版", Now: date(t, "2026-06-01")}); err != nil {
			t.Fatal(err)
		}
	}
	publish("1.0", "2025-01-01")
	two := strings.NewReplacer(
		rule+"\n\n回到[目的]", "回到[目的]",
		"| 业绩 | 60 |\n", "| 业绩 | 60 |\n\n"+rule+"\n",
		"1. 得分在(95——100)分,按105%发放。\n2. 得分在(90——94)分,按100%发放。", "1. 得分在(90——94)分,按100%发放。\n2. 得分在(95——100)分,按105%发放。",
	).Replace(one)
	writeTree(t, dir, two)
	publish("2.0", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	v2 := between(string(files["changelog/index.html"]), `<li id="2.0">`, `<li id="1.0">`)
	intro, pay := between(v2, `id="2.0-01-intro"`, `class="diff"`), between(v2, `id="2.0-02-pay"`, `class="diff"`)
	if want := "“违反本制度者，由部门负责人按情节…”由第二章 绩效移来。"; !strings.Contains(intro, want) {
		t.Errorf("第一章 does not say %s:\n%s", want, v2)
	}
	for _, want := range []string{"“违反本制度者，由部门负责人按情节…”移至第一章 总则，不是删去。", "在本章内移了位置，不是删去。"} {
		if !strings.Contains(pay, want) {
			t.Errorf("第二章 does not say %s:\n%s", want, v2)
		}
	}
	// Links to the two clauses swapped now open the other one: said, in
	// the words the page shows (（95——100）, not (95——100)).
	if want := "条款重新编号：奖惩办法 第1条（“得分在（95——10…”）现为第2条，第2条（“得分在（90——94…”）现为第1条。"; !strings.Contains(pay, want) {
		t.Errorf("第二章 does not say %s:\n%s", want, v2)
	}
	if strings.Contains(intro, "条款重新编号") {
		t.Errorf("第一章 says clauses were renumbered:\n%s", v2)
	}
	// Nor were the two clauses swapped shown as each rewritten into the
	// other (the top tier's 105% struck out for 100%).
	if strings.Contains(v2, "<del>105</del>") || strings.Count(v2, "移") != 3 {
		t.Errorf("more moves than made:\n%s", v2)
	}
}

// editFile replaces in file of dir each pair's first string by its second,
// n times (-1: every time), failing when the file lacks one.
func editFile(t *testing.T, dir, file string, n int, pairs ...string) {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s lacks %q", file, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], n)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// secondEntry publishes base as revision 1.0 and edited as 2.0 and
// returns 2.0's changelog entry as built on 2026-06-01.
func secondEntry(t *testing.T, base, edited string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, base)
	publishChecked(t, dir, "1.0", "2025-01-01")
	writeTree(t, dir, edited)
	publishChecked(t, dir, "2.0", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	return between(string(files["changelog/index.html"]), `<li id="2.0">`, `<li id="1.0">`)
}

// A short paragraph moved whole, the same words, from one section to
// another (公平、公正、公开, the whole of its section) is said to be
// moved, as a long passage is: it was shown as one paragraph deleted and
// another added. Only when no other line the revision removed or added
// whole has its words: a short line removed in two places and added in
// one is not said to be moved.
func TestChangelogSaysAShortParagraphMovedIsNotDeleted(t *testing.T) {
	one := strings.NewReplacer(
		"| 业绩 | 60 |\n", "| 业绩 | 60 |\n\n## 二、原则\n\n公平、公正、公开\n\n## 三、考核\n\n按月考核\n",
		"回到[目的](01-intro.md#一目的)。\n", "回到[目的](01-intro.md#一目的)。\n\n按月考核\n",
	).Replace(handbook)
	v2 := secondEntry(t, one, strings.NewReplacer(
		"## 一、目的\n\n", "## 一、目的\n\n公平、公正、公开\n\n按月考核\n\n",
		"## 二、原则\n\n公平、公正、公开\n\n## 三、考核\n\n按月考核\n", "## 二、原则\n\n## 三、考核\n",
		"\n\n按月考核\n", "\n",
	).Replace(one))
	var said []string
	for _, m := range regexp.MustCompile(`<p class="rev-meta">([^<]*)</p>`).FindAllStringSubmatch(v2, -1) {
		said = append(said, m[1])
	}
	if want := []string{"与 1.0 相比：", "“公平、公正、公开”在本章内移了位置，不是删去。"}; !slices.Equal(said, want) {
		t.Errorf("2.0 says %q, want %q:\n%s", said, want, v2)
	}
	for _, want := range []string{`<del>公平、公正、公开</del>`, `<ins>公平、公正、公开</ins>`, `<del>按月考核</del>`, `<ins>按月考核</ins>`} {
		if !strings.Contains(v2, want) {
			t.Errorf("2.0 lacks %s:\n%s", want, v2)
		}
	}
}

// TestChangelogNamesARenamedHeading: a heading renamed loses its link
// (made from its text): the changelog says which heading it now is, and
// that the old link no longer leads to it. A reader holding
// …/intro/#一目的 met only "不在本页" on the page, and nothing here.
func TestChangelogNamesARenamedHeading(t *testing.T) {
	v2 := secondEntry(t, handbook, strings.NewReplacer("## 一、目的", "## 一、制定目的", "(01-intro.md#一目的)", "(01-intro.md#一制定目的)").Replace(handbook))
	intro := between(v2, `id="2.0-01-intro"`, `class="diff"`)
	if want := `<p class="rev-meta">标题改名：“一、目的”现为“一、制定目的”；旧链接（#一目的）不再指向它。</p>`; !strings.Contains(intro, want) {
		t.Errorf("第一章 does not say %s:\n%s", want, v2)
	}
	// The other chapter's heading kept its ID: nothing said.
	if strings.Count(v2, "标题改名") != 1 {
		t.Errorf("a heading not renamed is said to be:\n%s", v2)
	}
}

// TestChangelogLinksAChangedLineToItsClause: each changed line links to
// its place in the revision before and in this one (its numbered clause,
// else its section), by their permanent addresses; a line deleted links
// the old text only, one inserted the new only. Readers saw a clause's
// words change and had to look for the clause in either text by hand.
func TestChangelogLinksAChangedLineToItsClause(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "1.0", "2025-01-01")
	writeTree(t, dir, strings.NewReplacer(
		"5. 超额完成另发5%;", "5. 超额完成另行发放5%;",
		"| 业绩 | 60 |", "| 业绩考评 | 60 |",
		"2. 能力(40分)\n", "2. 能力(40分)\n\n两项合计100分。\n",
		"为规范管理,制定本制度。", "",
		"> [!编者注]\n> 原文如此。\n", "",
	).Replace(handbook))
	publishChecked(t, dir, "2.0", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	v2 := between(string(files["changelog/index.html"]), `<li id="2.0">`, `<li id="1.0">`)
	lineOf := func(text string) string {
		i := strings.Index(v2, text)
		if i < 0 {
			t.Fatalf("no line with %s:\n%s", text, v2)
		}
		start := strings.LastIndex(v2[:i], `<div class="diff-line`)
		return v2[start : i+strings.Index(v2[i:], "</div>")]
	}
	where := func(links ...string) string {
		var as []string
		for _, l := range links {
			v, href, _ := strings.Cut(l, " ")
			as = append(as, `<a href="`+href+`"><span class="visually-hidden">此处在 </span>`+v+` 版</a>`)
		}
		return `<span class="diff-where">` + strings.Join(as, " · ") + `</span>`
	}
	for _, c := range []struct{ text, want string }{
		{"<ins>行发放</ins>5%", where("1.0 /v/1.0/pay/#办法.5", "2.0 /v/2.0/pay/#办法.5")},
		{"业绩<ins>考评</ins> ｜ 60", where("1.0 /v/1.0/intro/#一目的", "2.0 /v/2.0/intro/#一目的")},
		{"<ins>两项合计100分。</ins>", where("2.0 /v/2.0/pay/#指标")},
		{"<del>〔编者注〕原文如此。</del>", where("1.0 /v/1.0/intro/#一目的")},
		{"<del>为规范管理，制定本制度。</del>", where("1.0 /v/1.0/intro/#一目的", "2.0 /v/2.0/intro/#一目的")},
	} {
		if got := lineOf(c.text); !strings.HasSuffix(got, c.want) {
			t.Errorf("the line with %s ends\n%s\nwant\n%s", c.text, got, c.want)
		}
	}
	// Lines shown unchanged, for context, link nowhere; every link opens
	// a page of the site at an ID it has.
	if n := strings.Count(v2, `class="diff-where"`); n != 5 {
		t.Errorf("%d lines have links, want the 5 changed:\n%s", n, v2)
	}
	for _, m := range regexp.MustCompile(`<span class="diff-where">.*?</span></div>`).FindAllString(v2, -1) {
		for _, h := range regexp.MustCompile(`href="/([^"#]*)#([^"]*)"`).FindAllStringSubmatch(m, -1) {
			if page := string(files[h[1]+"index.html"]); !strings.Contains(page, `id="`+h[2]+`"`) {
				t.Errorf("%s#%s: no such page or ID", h[1], h[2])
			}
		}
	}
}

// TestChangelogOfACorrectionSaysWhatChangesFromTheTextInForce: 3.1,
// published for the day of 3.0 to correct it, replaces 3.0, which is
// never in force. Its entry compares it with 2.0, the text readers have
// until that day (3.0's rate change is in it), then says what it
// corrected in 3.0. It showed only the correction: readers of the
// revision about to take effect were not told their rate changes, which
// only the entry of a revision marked 未施行 said.
func TestChangelogOfACorrectionSaysWhatChangesFromTheTextInForce(t *testing.T) {
	dir := publishReplaced(t, strings.NewReplacer("按105%发放", "按110%发放", `payout = "105%"`, `payout = "110%"`).Replace(handbook))
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(files["changelog/index.html"])
	v31 := between(cl, `<li id="3.1">`, `<li id="3.0">`)
	main, fixes, ok := strings.Cut(v31, "与未施行的 3.0 版相比，本版更正了：")
	if !ok {
		t.Fatalf("3.1's entry does not say what it corrected in 3.0:\n%s", v31)
	}
	for _, want := range []string{"与 2.0 相比（3.0 版未施行，本版在它施行前取代了它）：", "按<del>105</del><ins>110</ins>%发放", "销售人员 95–100 分：由按 105% 发放改为按 110% 发放", "<ins>特</ins>", `id="3.1-02-pay"`, `id="3.1-01-intro"`} {
		if !strings.Contains(main, want) {
			t.Errorf("3.1's comparison with 2.0 lacks %s:\n%s", want, main)
		}
	}
	if !strings.Contains(fixes, "<ins>特</ins>") || strings.Contains(fixes, "110") || !strings.Contains(fixes, `id="3.1-fix-01-intro"`) {
		t.Errorf("3.1's corrections of 3.0 are not the one word:\n%s", fixes)
	}
	// 3.0's own entry is as published: its changes from 2.0.
	if v30 := between(cl, `<li id="3.0">`, `<li id="2.0">`); !strings.Contains(v30, "与 2.0 相比：") || !strings.Contains(v30, "<del>105</del><ins>110</ins>") {
		t.Errorf("3.0's entry:\n%s", v30)
	}
	// 3.1's pay chapter last changed in 3.1 (from 2.0), not in 3.0, never
	// in force; 3.0's own pages keep their history as published, and say
	// which chapters 3.1 revised since.
	for page, want := range map[string]string{
		"v/3.1/pay/index.html": `本章最近修订于 3.1<span>（<time datetime="2027-01-01">2027-01-01</time> 起施行）</span>。<a href="/changelog/#3.1-02-pay">查看改动</a>`,
		// 3.1 holds 3.0's pay chapter as it was: nothing revised it
		// since (3.1 replaced 3.0 with the same text, which it said
		// "此后又于 3.1 修订" of), while 3.1 revised 第一章.
		"v/3.0/pay/index.html":   `本章最近修订于 3.0<span>（<time datetime="2027-01-01">2027-01-01</time> 起施行）</span>。<a href="/changelog/#3.0-02-pay">查看改动</a>`,
		"v/3.0/intro/index.html": `于 3.1 修订<span>（<time datetime="2027-01-01">2027-01-01</time> 起施行）</span>。<a href="/changelog/#3.1-01-intro">查看 3.1 的改动</a>`,
		"v/3.1/intro/index.html": `本章最近修订于 3.1<span>`,
	} {
		if got := between(string(files[page]), `<p class="last-changed">`, "</p>"); !strings.Contains(got, want) {
			t.Errorf("%s says %s\nwant %s", page, got, want)
		}
	}
	// Every anchor of the page is there once.
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(cl, -1) {
		if n := strings.Count(cl, ` id="`+m[1]+`"`); n != 1 {
			t.Errorf("id %s is on the page %d times", m[1], n)
		}
	}
}

// publishReplaced publishes handbook as 2.0 (2026-01-01), three as 3.0
// (2027-01-01), then three with one word added in 第一章 as 3.1 for the
// same day, replacing 3.0 before it takes effect; it returns the folder.
func publishReplaced(t *testing.T, three string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeTree(t, dir, handbook)
	publishChecked(t, dir, "2.0", "2026-01-01")
	writeTree(t, dir, three)
	publishChecked(t, dir, "3.0", "2027-01-01")
	writeTree(t, dir, strings.Replace(three, "为规范管理,制定本制度。", "为规范管理,特制定本制度。", 1))
	publishChecked(t, dir, "3.1", "2027-01-01")
	return dir
}

// TestChangelogNamesHeadingsRenamedOrMerged: a heading renamed past
// likeness (员工培训 → 培训安排, half their characters common) is
// renamed, not deleted, when its clauses went under the new one; a
// section folded into another is said to be; headings are named as the
// page shows them (职位责任：, not the source's 职位责任:).
func TestChangelogNamesHeadingsRenamedOrMerged(t *testing.T) {
	files, err := buildDir(t, jobsHistory(t), "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	log := string(files["changelog/index.html"])
	v3, v2 := between(log, `<li id="3.0">`, `<li id="2.0">`), between(log, `<li id="2.0">`, `<li id="1.0">`)
	for _, c := range []struct{ entry, chapter, want string }{
		{v3, `id="3.0-04-training"`, `<p class="rev-meta">标题改名：“员工培训”现为“培训安排”；旧链接（#员工培训）不再指向它。</p>`},
		{v3, `id="3.0-03-jobs"`, `<p class="rev-meta">标题改名：“职位职责：”现为“岗位职责：”；旧链接（#职位职责）不再指向它。</p>`},
		{v2, `id="2.0-03-jobs"`, `<p class="rev-meta">标题改名：“职位责任：”现为“职位责任与权限：”；旧链接（#职位责任）不再指向它。</p>`},
		{v2, `id="2.0-03-jobs"`, `<p class="rev-meta">章节合并：“主要权限：”并入“职位责任与权限：”；旧链接（#主要权限）不再指向它。</p>`},
		{v2, `id="2.0-04-training"`, `<p class="rev-meta">标题改名：“人员的培训”现为“员工培训”；旧链接（#人员的培训）不再指向它。</p>`},
	} {
		if got := between(c.entry, c.chapter, `class="diff"`); !strings.Contains(got, c.want) {
			t.Errorf("%s does not say %s:\n%s", c.chapter, c.want, got)
		}
	}
	if n := strings.Count(log, "标题改名") + strings.Count(log, "章节合并"); n != 5 {
		t.Errorf("%d headings said renamed or merged, want 5:\n%s", n, log)
	}
}

// The rule for a month in which everyone ranked has the same score (the
// working copy's all_tied, which 2026.1 leaves out) is said in words, as
// the other 末位淘汰 settings are: the changelog showed only the rules
// file's new line.
func TestChangelogSaysTheAllTiedRule(t *testing.T) {
	src, old := rules20261(t)
	s := string(src)
	if !strings.Contains(s, "\n[roles.ranking]\n") {
		t.Fatalf("2026.1's rules have no [roles.ranking] table")
	}
	now, errs := parseRules("rules.toml", []byte(strings.Replace(s, "\n[roles.ranking]\n", "\n[roles.ranking]\nall_tied = \"none\"\n", 1)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "销售人员 末位淘汰（当月参加排名者全部同分）：由均为倒数第一改为无人为倒数第一"
	if got := rulesChanges(old, now); !slices.Equal(got, []string{want}) {
		t.Errorf("rulesChanges: %q, want %q", got, want)
	}
}

// The org chart is drawn from the job descriptions of another chapter: a
// revision that changed them changed the chart readers see, and the
// changelog says so in the chart's chapter, post by post and line by
// line, though its file is the same. It showed the chart's one line,
// 〔组织架构图〕, unchanged (2026.1 drew three levels where 2025.1 drew
// four), or, with the chapter's file unchanged, nothing at all.
func TestChangelogSaysHowTheOrgChartChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	jobs := "-- 02-jobs.md --\n---\ntitle: 第二章 职务\n---\n\n## 出纳\n\n直接上级：财务总监\n\n负责收付。\n\n## 会计\n\n直接上级：财务总监\n\n负责记账。\n"
	writeTree(t, dir, "-- site.toml --\ntitle = \"手册\"\n-- 01-org.md --\n---\ntitle: 第一章 架构\n---\n\n本部门的架构如下。\n\n{{orgchart}}\n"+jobs)
	publishChecked(t, dir, "1.0", "2025-01-01")
	// 会计 now reports to 出纳, whom 财务经理 heads.
	writeTree(t, dir, strings.NewReplacer("直接上级：财务总监\n\n负责收付", "直接上级：财务经理\n\n直接下级：会计\n\n负责收付", "直接上级：财务总监\n\n负责记账", "直接上级：出纳\n\n负责记账").Replace(jobs))
	publishChecked(t, dir, "2.0", "2026-01-01")
	files, err := buildDir(t, dir, "2026-06-01", false)
	if err != nil {
		t.Fatal(err)
	}
	v2 := between(string(files["changelog/index.html"]), `<li id="2.0">`, `<li id="1.0">`)
	org := between(v2, `id="2.0-01-org"`, `id="2.0-02-jobs"`)
	if org == "" {
		t.Fatalf("no entry for the chart's chapter, whose file is unchanged:\n%s", v2)
	}
	where := regexp.MustCompile(` <span class="diff-where">.*?</a></span>`)
	var lines []string
	for _, l := range regexp.MustCompile(`<div class="diff-line diff-\w+"[^>]*>.*</div>`).FindAllString(org, -1) {
		lines = append(lines, where.ReplaceAllString(l, ""))
	}
	want := []string{
		`<div class="diff-line diff-same" data-old="1" data-new="1">第一章 架构</div>`,
		`<div class="diff-line diff-same" data-old="2" data-new="2">本部门的架构如下。</div>`,
		`<div class="diff-line diff-same" data-old="3" data-new="3">〔组织架构图〕职务：出纳</div>`,
		`<div class="diff-line diff-same" data-old="4" data-new="4">〔组织架构图〕职务：会计</div>`,
		`<div class="diff-line diff-changed" data-old="5" data-new="5">〔组织架构图〕职务：财务<del>总监</del><ins>经理</ins>（没有职务说明书）</div>`,
		`<div class="diff-line diff-changed" data-old="6" data-new="6">〔组织架构图〕汇报关系：财务<del>总监</del><ins>经理</ins>是出纳的直接上级（只见于一方的职务说明书）</div>`,
		`<div class="diff-line diff-changed" data-old="7" data-new="7">〔组织架构图〕汇报关系：<del>财务总监</del><ins>出纳</ins>是会计的直接上级<del>（只见于一方的职务说明书）</del></div>`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("the chart's chapter:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(org, `修改 · +`) {
		t.Errorf("the chart's chapter is not said to be changed: %s", org)
	}
}

// A revision that gives a role a new id says so, once: the role was said
// to be deleted and added again, its rules unchanged. A role really
// removed, and one really added, are still said to be.
func TestChangelogSaysARolesNewID(t *testing.T) {
	src, old := rules20261(t)
	now, errs := parseRules("rules.toml", []byte(strings.Replace(string(src), `id = "sales"`, `id = "seller"`, 1)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"销售人员 的岗位代码：由 sales 改为 seller（计算器链接和月度表格中的 sales 此后不再适用，可改用新代码或岗位名称）"}
	if got := rulesChanges(old, now); !slices.Equal(got, want) {
		t.Errorf("rulesChanges: %q, want %q", got, want)
	}
	// Renamed and re-id'd at once: another role.
	now, errs = parseRules("rules.toml", []byte(strings.Replace(strings.Replace(string(src), `id = "sales"`, `id = "seller"`, 1), `name = "销售人员"`, `name = "销售代表"`, 1)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := strings.Join(rulesChanges(old, now), "\n")
	if !strings.Contains(got, "删去岗位 销售人员 的计算规则") || !strings.Contains(got, "新增岗位 销售代表 的计算规则") || strings.Contains(got, "岗位代码") {
		t.Errorf("rulesChanges: %q", got)
	}
}

// rules20261 is revision 2026.1's rules file, as written and parsed.
func rules20261(t *testing.T) ([]byte, *calculator.Rules) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "content", "revisions", "2026.1", "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	r, errs := parseRules("2026.1/rules.toml", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return src, r
}
