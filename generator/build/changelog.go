package build

import (
	"bytes"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"handbook/calculator"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"

	"handbook/generator/diff"
	"handbook/generator/revision"
)

// revisionView is one entry of the changelog.
type revisionView struct {
	Version, Label, Status, Effective, Until, Published, Note string
	// ReplacedBy is the label of the revision that replaced this one
	// before it took effect (status "replaced").
	ReplacedBy string
	URL        string // the revision's home
	Anchor     string
	First      bool
	Changes    []changeView
	Compared   string // the version it is compared with
	// Corrects is the revision this one replaced before it took effect
	// (Compared is then the one before that), and Corrections what this
	// one changed from it.
	Corrects    string
	Corrections []changeView
	// Main is the entry's comparison with the revision it takes over
	// from, Fixes its comparison with the revision it replaced
	// (Corrects), as changelog-changes shows them. Fields, not methods:
	// tmplrun hands a page that calls a method to html/template.
	Main, Fixes changeList
	// Quiet are the anchors of chapters whose file changed where no
	// reader sees it: not listed, each an empty target on the entry,
	// for the chapter's "查看改动" link (changesFrom).
	Quiet []string
}

// changeList is one comparison of a changelog entry, as the template
// shows it (changelog-changes).
type changeList struct {
	Changes []changeView
	Draft   bool // the working copy's (a preview): the rules will change
}

type changeView struct {
	Anchor, Title, File, Status string
	Inserted, Deleted           int
	TextSame                    bool // the file changed, not its text as readers see it
	Diff                        template.HTML
	URL                         string // the chapter in this revision
	// Attachment is "图片" or "附件" for a file pages link to (any file
	// but a page, site.toml and rules.toml): it is shown as added,
	// replaced or removed with links to the new and old file, never as
	// text, whatever its bytes.
	Attachment     string
	NewURL, OldURL string
	// Moved says where a chapter moved from (another file, maybe
	// another address): one entry, not a deletion and an addition.
	Moved string
	// Relocated says which passages deleted here were put elsewhere (in
	// another chapter, or in this one), or which inserted here came from
	// elsewhere: "“因个人原因…”移至第四章 …，不是删去。"
	Relocated []string
	// Renumbered says which headings were renamed (links to them are
	// gone) and which clauses took another number, whose old number (and
	// every link to it) now opens another clause.
	Renumbered []string
	// Rules says in words what the calculator computes differently
	// (rules.toml only): "销售人员 95–100 分：由按 105% 发放改为按 110% 发放".
	Rules []string
	// Citations says in words that the rules cite other clauses
	// (rules.toml only): "规则所引条款随正文重新编号，计算结果不变。"
	// (citationChanges).
	Citations string

	status revision.Status // of the file, before moves are paired
	page   bool            // a page of the edition (not settings, rules or attachments)
	// oldText and newText are a page's reader text in the revision
	// before and in this one (readerText), for pairMoves.
	oldText, newText string
	// oldIDs and newIDs are the anchor of each line of oldText and
	// newText (readerText), for the links to a changed line's clause.
	oldIDs, newIDs []string
	cmp            diff.Comparison // a page's comparison of reader text
}

// renderChangelog writes /changelog/: every revision, newest first, with
// what it changed from the one before, chapter by chapter, character by
// character; and in each revision's folder what it was built from
// (witnessFile).
func (s *siteRender) renderChangelog() error {
	var revs []*edition
	for _, ed := range s.eds {
		if ed.published || ed.status == statusDraft {
			revs = append(revs, ed)
		}
	}
	if len(revs) == 0 {
		return nil
	}
	// What each revision was built from, for the next build to check.
	if err := s.writeWitnesses(); err != nil {
		return err
	}
	sortByEffective(revs)
	used := make([]map[string]bool, len(revs))
	for i, ed := range revs {
		used[i] = usedFiles(ed)
	}
	var views []revisionView
	for i, ed := range revs {
		v := revisionView{Version: ed.id, Label: ed.label, Status: ed.status, Effective: ed.effective, Until: ed.until, Note: ed.note,
			URL: s.base + ed.root, Anchor: ed.id, First: i == 0}
		if ed.status != statusDraft {
			v.Published = day(ed.rev.Published)
		}
		if ed.status == statusReplaced && ed.successor != nil {
			v.ReplacedBy = ed.successor.label
		}
		if i == 0 {
			// The first revision lists its chapters: each one's "查看改动"
			// (unchanged since) lands on its name here.
			for _, p := range ed.tree.Pages {
				if used[i][p.File] && content.IsPageFile(p.File) {
					v.Changes = append(v.Changes, changeView{Anchor: ed.id + "-" + slugFile(p.File), File: p.File,
						Title: titleOf(ed.tree, p), URL: s.base + ed.root + p.URL, Status: "首次发布"})
				}
			}
		}
		if i > 0 {
			// The text a revision takes over from is the last one not
			// replaced before it took effect: readers of 2027.2, which
			// replaced 2027.1 before its day, are told what changes from
			// the text in force, not only what 2027.2 corrected in a
			// text they never had; that correction is shown after.
			base := i - 1
			for base > 0 && revs[base].status == statusReplaced {
				base--
			}
			if revs[base].status == statusReplaced {
				base = i - 1
			}
			v.Compared = revs[base].label
			changes, quiet, err := s.changesFrom(revs[base], ed, used[base], used[i], ed.id+"-")
			if err != nil {
				return err
			}
			v.Changes, v.Quiet = changes, quiet
			if base != i-1 {
				v.Corrects = revs[i-1].label
				if v.Corrections, _, err = s.changesFrom(revs[i-1], ed, used[i-1], used[i], ed.id+"-fix-"); err != nil {
					return err
				}
			}
		}
		v.Main = changeList{Changes: v.Changes, Draft: ed.status == statusDraft}
		v.Fixes = changeList{Changes: v.Corrections, Draft: ed.status == statusDraft}
		views = append(views, v)
	}
	// Newest first.
	for i, j := 0, len(views)-1; i < j; i, j = i+1, j-1 {
		views[i], views[j] = views[j], views[i]
	}
	cur := s.current()
	if cur == nil {
		cur = s.eds[0]
	}
	root := s.base + cur.roots()[len(cur.roots())-1]
	if hasLatest(cur) {
		root = s.base + "latest/"
	}
	// The switcher says 现行 of the revision in force, and the sidebar
	// links its print page, as on its own pages; no other status is
	// given, for the banners it would bring: this page is every
	// revision's.
	status := ""
	if cur.status == statusCurrent {
		status = statusCurrent
	}
	d := &pageData{
		Site: cur.tree.Site, Kind: "changelog", Title: "修订记录", Assets: s.urls,
		Edition: editionView{ID: cur.id, Label: cur.label, Status: status, Name: editionName(cur.tree.Site.Title, cur.label, ""), Root: root, Effective: cur.effective,
			Search: !s.noSearch, Print: hasPrintPage(cur)},
		Changelog: s.base + "changelog/", CSP: csp(false), Extra: views,
		HasCalculator: cur.calc != nil && s.urls.WASM != "",
	}
	d.NavHTML = newNavCache(cur.tree, root).HTML(nil)
	d.Versions = s.versions(nil, "")
	return s.writePage("changelog/index.html", "changelog", d)
}

// changesFrom is what ed changed from prev, file by file (only the files
// each edition is built from: usedPrev, usedNext), pages compared as
// readers see them, with moves paired and relocated passages said; each
// entry's anchor is anchor and its file's name.
//
// quiet are the anchors of the chapters whose file changed where no
// reader sees it (seenSame): they have no entry, and their pages' "查看改动"
// (the page's last change is its file's) lands on the revision's.
func (s *siteRender) changesFrom(prev, ed *edition, usedPrev, usedNext map[string]bool, anchor string) (out []changeView, quiet []string, err error) {
	changes, err := revision.Changes(prev.rev, ed.rev)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range changes {
		// Only what the editions are built from: a note kept in
		// a legacy revision's folder, a draft page or a file no
		// page links to is not the handbook, and stays private.
		inPrev, inNext := usedPrev[c.Path], usedNext[c.Path]
		if !inPrev && !inNext || c.Status == revision.Unchanged && inPrev == inNext && !chartChanged(prev, ed, c.Path) {
			continue
		}
		if c.Path == "site.toml" && inPrev && inNext && sameForReaders(prev.tree.Site, ed.tree.Site) {
			// Where and when the site is deployed (basePath,
			// timeZone) is the working copy's to say for every
			// revision: no change readers can see.
			continue
		}
		if c.Path == "rules.toml" && prev.rules != nil && ed.rules != nil && reflect.DeepEqual(prev.rules, ed.rules) {
			// Comments or layout only: the payout rules are the
			// same, and a 计算规则 entry would tell readers their
			// pay is computed otherwise.
			continue
		}
		status := revision.Modified
		switch {
		case !inPrev:
			status = revision.Added
		case !inNext:
			status = revision.Removed
		}
		cv := changeView{Anchor: anchor + slugFile(c.Path), File: c.Path, Title: c.Path,
			Status: map[revision.Status]string{revision.Added: "新增", revision.Removed: "删除", revision.Modified: "修改"}[status],
			status: status, page: content.IsPageFile(c.Path)}
		if isAttachment(c.Path) {
			cv.Attachment = attachmentKind(c.Path)
			cv.Status = map[revision.Status]string{revision.Added: "新增", revision.Removed: "删除", revision.Modified: "替换"}[status]
			if inNext && ed.resources[c.Path] {
				cv.NewURL = s.base + ed.root + c.Path
			}
			if inPrev && prev.resources[c.Path] {
				cv.OldURL = s.base + prev.root + c.Path
			}
			out = append(out, cv)
			continue
		}
		// A page the edition holds but is not built from (the draft's
		// page marked draft: true, which publish leaves out) is not its.
		op, np := pageOf(prev, c.Path), pageOf(ed, c.Path)
		if !inPrev {
			op = nil
		}
		if !inNext {
			np = nil
		}
		if np != nil {
			cv.Title = titleOf(ed.tree, np)
			cv.URL = s.base + ed.root + np.URL
		}
		if cv.Title == c.Path {
			if p := op; p != nil {
				cv.Title = titleOf(prev.tree, p)
				if status == revision.Removed {
					// A deleted chapter links its last text,
					// whose banner says it is gone.
					cv.URL = s.base + prev.root + p.URL
				}
			}
		}
		switch path.Base(c.Path) {
		case "rules.toml":
			cv.Title = "绩效工资计算规则(rules.toml)"
		case "site.toml":
			cv.Title = "站点设置(site.toml)"
		}
		cmp := c.Diff
		if c.Path == "rules.toml" && inPrev && inNext {
			// The rules as the calculator reads them, not the file's
			// comments (English notes for admins) or its layout.
			if a, b, ok := rulesCode(prev, ed); ok {
				cmp = diff.Compare(a, b, diff.DefaultContext)
			}
		}
		if cv.page {
			// Chapters are compared as readers see them, not as
			// Markdown source.
			if op != nil {
				cv.oldText, cv.oldIDs = readerText(prev, c.Path)
			}
			if np != nil {
				cv.newText, cv.newIDs = readerText(ed, c.Path)
			}
			cmp = diff.Compare(cv.oldText, cv.newText, diff.DefaultContext)
		}
		if status == revision.Modified && !cmp.Changed() {
			if cv.page {
				same, err := s.seenSame(prev, ed, c.Path)
				if err != nil {
					return nil, nil, err
				}
				if same {
					// Nothing readers see changed (a trailing
					// space, a blank line: what publish refuses
					// alone as no change): no entry, whose
					// source lines, front matter and all, told
					// readers nothing. The chapter's "查看改动"
					// still finds its anchor (quiet).
					quiet = append(quiet, cv.Anchor)
					continue
				}
			}
			// Written differently so that readers see it, though
			// their text is the same (emphasis, a link's address,
			// a table's alignment): said, with the source's
			// changes, not shown as an empty box.
			cv.TextSame = true
			if c.Diff.Changed() {
				cv.Diff = template.HTML(diff.RenderHTML(c.Diff))
			}
			if cv.page {
				if cv.Moved = placeMoved(prev, ed, op, np, usedPrev, usedNext); cv.Moved != "" {
					cv.Moved += "，文字未变。"
				}
			}
			out = append(out, cv)
			continue
		}
		cv.Inserted, cv.Deleted = cmp.Stats()
		var links func(diff.Line) string
		if cv.page {
			links = s.clauseLinks(prev, ed, op, np, cv.oldIDs, cv.newIDs)
		}
		cv.Diff = template.HTML(diff.RenderHTMLWith(cmp, links))
		if cv.page && op != nil && np != nil {
			if cv.Moved = placeMoved(prev, ed, op, np, usedPrev, usedNext); cv.Moved != "" {
				cv.Moved += "。"
			}
			cv.cmp = cmp
			cv.Renumbered = renumbered(prev, ed, c.Path, s.moveStep(prev, ed, c.Path))
		}
		if c.Path == "rules.toml" && prev.rules != nil && ed.rules != nil {
			cv.Rules = rulesChanges(prev.rules, ed.rules)
			cv.Citations = citationChanges(prev, ed)
		}
		out = append(out, cv)
	}
	out = s.pairMoves(prev, ed, out)
	relocations(out)
	return out, quiet, nil
}

// placeMoved says where chapter op of prev, np of ed, moved in the
// contents ("本章在目录中的位置由第五章 …之后改为第八章 …之后"), "" when it
// did not. Among the pages both editions are built from (used), a
// chapter moved when the pages before and after it are both others: an
// order: line deleted put a chapter last of its folder, and the changelog
// said 文字未变 alone. The chapters it left and joined keep one of theirs,
// and a chapter added or removed beside one moves nothing.
func placeMoved(prev, ed *edition, op, np *content.Page, usedPrev, usedNext map[string]bool) string {
	if op == nil || np == nil {
		return ""
	}
	near := func(e *edition, p *content.Page, step int) *content.Page {
		for j := slices.Index(e.tree.Pages, p) + step; j >= 0 && j < len(e.tree.Pages); j += step {
			if q := e.tree.Pages[j]; !q.Generated && usedPrev[q.File] && usedNext[q.File] {
				return q
			}
		}
		return nil
	}
	same := func(a, b *content.Page) bool { return a == nil && b == nil || a != nil && b != nil && a.File == b.File }
	a, b := near(prev, op, -1), near(ed, np, -1)
	if same(a, b) || same(near(prev, op, 1), near(ed, np, 1)) {
		return ""
	}
	where := func(e *edition, q *content.Page) string {
		if q == nil {
			return "目录开头"
		}
		return titleOf(e.tree, q) + "之后"
	}
	return "本章在目录中的位置由" + where(prev, a) + "改为" + where(ed, b)
}

// seenSame reports whether readers see a chapter's page in ed as they saw
// it in prev, its file changed all the same (a trailing space after a
// heading, a blank line added): the same address, title, name in the
// sidebar, place in the reading order, calculator and old addresses, and
// its body rendered to the same HTML. A chapter whose reader text is the
// same but whose page is not (a link's address, emphasis, a table's
// alignment) is not seenSame: its 文字未变 entry says what changed.
func (s *siteRender) seenSame(prev, ed *edition, file string) (bool, error) {
	// Asked before the pages are rendered (quietChanges) and again by the
	// changelog: each pair's bodies are rendered once.
	key := seenKey{prev, ed, file}
	if v, ok := s.moveSteps.Load(key); ok {
		return v.(bool), nil
	}
	same, err := s.renderedSame(prev, ed, file)
	if err == nil {
		s.moveSteps.Store(key, same)
	}
	return same, err
}

// seenKey keys seenSame's answers in s.moveSteps.
type seenKey moveKey

// renderedSame is seenSame, worked out.
func (s *siteRender) renderedSame(prev, ed *edition, file string) (bool, error) {
	op, np := pageOf(prev, file), pageOf(ed, file)
	if op == nil || np == nil || prev.docs[op] == nil || ed.docs[np] == nil {
		return false, nil
	}
	if op.URL != np.URL || op.IsIndex != np.IsIndex || titleOf(prev.tree, op) != titleOf(ed.tree, np) ||
		op.NavTitle() != np.NavTitle() || op.Calculator != np.Calculator || !slices.Equal(op.Aliases, np.Aliases) {
		return false, nil
	}
	// Its neighbours in the reading order (an order: changed that moves
	// the chapter, the sidebar and 上一章/下一章 show it).
	near := func(e *edition, p *content.Page) []string {
		i := slices.Index(e.tree.Pages, p)
		var out []string
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(e.tree.Pages) {
				out = append(out, e.tree.Pages[j].URL, titleOf(e.tree, e.tree.Pages[j]))
			}
		}
		return out
	}
	if !slices.Equal(near(prev, op), near(ed, np)) {
		return false, nil
	}
	body := func(e *edition, p *content.Page) ([]byte, error) {
		if err := ensureLinks(e, p); err != nil {
			return nil, err
		}
		return engine(e.tree.Site.TrustHTML).Render(e.docs[p])
	}
	a, err := body(prev, op)
	if err != nil {
		return false, err
	}
	b, err := body(ed, np)
	if err != nil {
		return false, err
	}
	return bytes.Equal(a, b), nil
}

// pairMoves makes a chapter removed from one file and added in another,
// with the same title or the same text, one entry (移动): readers see the
// chapter moved, with its old and new address when its slug changed, and
// what of its text changed, not the whole chapter deleted and added again.
// The entry keeps the new file's anchor, which its pages link to.
func (s *siteRender) pairMoves(prev, ed *edition, changes []changeView) []changeView {
	body := func(text string) string {
		_, b, _ := strings.Cut(text, "\n")
		return b
	}
	gone := map[int]bool{}
	for k := range changes {
		a := &changes[k]
		if !a.page || a.status != revision.Added {
			continue
		}
		newText := a.newText
		for r := range changes {
			old := changes[r]
			if gone[r] || !old.page || old.status != revision.Removed {
				continue
			}
			oldText := old.oldText
			if old.Title != a.Title && body(oldText) != body(newText) {
				continue
			}
			gone[r] = true
			cmp := diff.Compare(oldText, newText, diff.DefaultContext)
			op, np := pageOf(prev, old.File), pageOf(ed, a.File)
			a.Status, a.TextSame, a.Diff, a.Inserted, a.Deleted = "移动", !cmp.Changed(), "", 0, 0
			if cmp.Changed() {
				a.Status = "移动并修改"
				a.Inserted, a.Deleted = cmp.Stats()
				a.Diff = template.HTML(diff.RenderHTMLWith(cmp, s.clauseLinks(prev, ed, op, np, old.oldIDs, a.newIDs)))
			}
			if op != nil && np != nil && op.URL != np.URL {
				a.Moved = "本章的网址由 " + s.base + prev.root + op.URL + " 改为 " + a.URL
			} else {
				a.Moved = "本章的源文件由 " + old.File + " 改名为 " + a.File + "，网址未变"
			}
			if a.TextSame {
				a.Moved += "，文字未变"
			}
			a.Moved += "。"
			break
		}
	}
	out := changes[:0]
	for k, c := range changes {
		if !gone[k] {
			out = append(out, c)
		}
	}
	return out
}

func (s *siteRender) writePage(name, kind string, d *pageData) error {
	var buf bytes.Buffer
	if err := s.tmpl.execute(&buf, kind, d); err != nil {
		return err
	}
	return s.out.WriteFile(name, buf.Bytes())
}

func sortByEffective(eds []*edition) {
	key := func(e *edition) string {
		if e.status == statusDraft {
			return "9999-99-99"
		}
		return e.effective + " " + strconv.Itoa(len(e.id)) + e.id
	}
	for i := 1; i < len(eds); i++ {
		for j := i; j > 0 && key(eds[j]) < key(eds[j-1]); j-- {
			eds[j], eds[j-1] = eds[j-1], eds[j]
		}
	}
}

// usedFiles is what an edition is built from: its pages' files (not
// drafts, not the pages made for folders), site.toml and rules.toml when
// it has them, and the files its pages link to. It is what publish
// freezes and what the changelog compares.
func usedFiles(ed *edition) map[string]bool {
	out := map[string]bool{}
	if ed.tree == nil {
		return out
	}
	for _, p := range ed.tree.Pages {
		if !p.Generated && p.File != "" {
			out[p.File] = true
		}
		if ed.status != statusDraft {
			continue
		}
		if _, _, _, draft := ed.tree.DraftMark(p); draft {
			// The preview shows it; publish leaves it out, and the
			// draft's entry says what publish would do: a chapter of
			// the last revision marked draft: true is removed.
			delete(out, p.File)
		}
	}
	if ed.tree.Rules != nil {
		out["rules.toml"] = true
	}
	if ed.fsys != nil {
		if info, err := fs.Stat(ed.fsys, "site.toml"); err == nil && info.Mode().IsRegular() {
			out["site.toml"] = true
		}
	}
	for r := range ed.resources {
		out[r] = true
	}
	return out
}

// sameForReaders reports whether two revisions' settings show readers the
// same site: all but the deployment's (basePath, baseURL, timeZone), which
// the working copy gives every edition, are equal.
func sameForReaders(a, b content.Site) bool {
	a.BasePath, a.BaseURL, a.TimeZone = "", "", ""
	b.BasePath, b.BaseURL, b.TimeZone = "", "", ""
	return a == b
}

// isAttachment reports whether a file of an edition is one its pages
// link to, rather than a page or the site's settings and rules.
func isAttachment(file string) bool {
	return !content.IsPageFile(file) && file != "site.toml" && file != "rules.toml"
}

// attachmentKind names a linked file for readers: 图片 (an image) or 附件.
func attachmentKind(file string) string {
	switch strings.ToLower(path.Ext(file)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico", ".tif", ".tiff":
		return "图片"
	}
	return "附件"
}

// readerText is a chapter of an edition as its readers see it, title
// first, with each line's anchor (Doc.ReaderTextAnchors; the title's is
// ""); "" when the edition has no such chapter.
func readerText(ed *edition, file string) (string, []string) {
	if p := pageOf(ed, file); p != nil {
		text, ids := ed.docs[p].ReaderTextAnchors()
		text, ids = withChart(text, ids, ed.chartLines[p])
		return titleOf(ed.tree, p) + "\n" + text, append([]string{""}, ids...)
	}
	return "", nil
}

// chartLine is the line ReaderTextAnchors gives a page's org chart.
const chartLine = "〔组织架构图〕"

// withChart puts in place of the org chart's line of a page's reader
// text what the chart shows (lines: orgchart.Chart.Lines), a line each,
// with the chart's anchor: the chart is drawn from the job descriptions of
// another chapter, and a revision that changed them changed the chart
// readers see while its line stayed the same.
func withChart(text string, ids []string, lines []string) (string, []string) {
	if len(lines) == 0 || text == "" {
		return text, ids
	}
	var b strings.Builder
	out := make([]string, 0, len(ids)+len(lines))
	// Each line of text ends in "\n" and has its anchor in ids.
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		id := ""
		if i < len(ids) {
			id = ids[i]
		}
		if lead, ok := strings.CutSuffix(l, chartLine); ok {
			for _, s := range lines {
				b.WriteString(lead + chartLine + s + "\n")
				out = append(out, id)
			}
			continue
		}
		b.WriteString(l + "\n")
		out = append(out, id)
	}
	return b.String(), out
}

// chartChanged reports whether the org chart on a page shows other posts
// or reporting lines in ed than in prev: its file can be the same while
// the job descriptions it is drawn from changed.
func chartChanged(prev, ed *edition, file string) bool {
	op, np := pageOf(prev, file), pageOf(ed, file)
	return op != nil && np != nil && !slices.Equal(prev.chartLines[op], ed.chartLines[np])
}

// clauseLinks returns what follows each changed line of a chapter's
// comparison: links to its place (its clause, else its section) in the
// revision before (op, a line deleted or changed) and in this one (np, a
// line inserted or changed), by their permanent addresses. Readers saw
// a clause's words change and had to find the clause in either text by
// hand. Unchanged lines get none.
func (s *siteRender) clauseLinks(prev, ed *edition, op, np *content.Page, oldIDs, newIDs []string) func(diff.Line) string {
	link := func(e *edition, p *content.Page, ids []string, n int) string {
		if p == nil || n < 1 || n > len(ids) {
			return ""
		}
		href := s.base + e.root + p.URL
		if ids[n-1] != "" {
			href += "#" + ids[n-1]
		}
		if e.status == statusDraft { // not "草稿 版": the working copy is no revision
			return `<a href="` + htmlEscape(href) + `"><span class="visually-hidden">此处在</span>草稿</a>`
		}
		return `<a href="` + htmlEscape(href) + `"><span class="visually-hidden">此处在 </span>` + htmlEscape(e.label) + ` 版</a>`
	}
	return func(l diff.Line) string {
		if l.Kind == diff.Same {
			return ""
		}
		var links []string
		if l.Kind != diff.Added {
			if a := link(prev, op, oldIDs, l.Old); a != "" {
				links = append(links, a)
			}
		}
		if l.Kind != diff.Removed {
			if a := link(ed, np, newIDs, l.New); a != "" {
				links = append(links, a)
			}
		}
		if len(links) == 0 {
			return ""
		}
		return ` <span class="diff-where">` + strings.Join(links, " · ") + `</span>`
	}
}

// pageOf is the page of an edition made from file, nil when none is:
// looked up in the edition's index by file (checkLinks) once it has one,
// as movedIDs asks it of every page in every revision.
func pageOf(ed *edition, file string) *content.Page {
	if ed.links != nil && file != "" {
		return ed.links.byFile[file]
	}
	for _, p := range ed.tree.Pages {
		if p.File == file {
			return p
		}
	}
	return nil
}

// pageAt is the page of an edition at url, nil when none is: looked up
// in the edition's index by URL (checkLinks) once it has one, as the
// version switcher asks it of every page (reusedAt).
func pageAt(ed *edition, url string) *content.Page {
	if ed.links != nil {
		return ed.links.byURL[url]
	}
	var at *content.Page
	for _, p := range ed.tree.Pages {
		if p.URL == url {
			at = p // the last, as the index keeps
		}
	}
	return at
}

// rulesChanges says in words what new computes differently from old, one
// line per change: a tier's rate or range, a criterion's points, a
// department adjustment, the 末位淘汰 rule, the rounding, a reading of
// the text. Readers of the changelog are employees: the rules file's
// diff alone (`payout = "<del>105</del><ins>110</ins>%"` under a
// [[roles.tiers]] many lines away from the role it belongs to) did not
// say whose pay changed, nor how. Empty when only clause links or the
// file's layout changed.
func rulesChanges(old, new *calculator.Rules) []string {
	var out []string
	add := func(what, before, after string) {
		if before != after {
			// In words, not "→", which a screen reader reads as 右箭头.
			out = append(out, what+"：由"+before+"改为"+after)
		}
	}
	add("舍入", old.Rounding.Phrase(), new.Rounding.Phrase())
	// A role is the same role by its id or, the revision having changed
	// its id, by its name: 拣货员 given the id picker was said to be
	// deleted and added again, its rules unchanged.
	before := func(b *calculator.Role) *calculator.Role {
		if a := old.Role(b.ID); a != nil {
			return a
		}
		for i := range old.Roles {
			if a := &old.Roles[i]; a.Name == b.Name && new.Role(a.ID) == nil {
				return a
			}
		}
		return nil
	}
	kept := map[string]bool{}
	for i := range new.Roles {
		if a := before(&new.Roles[i]); a != nil {
			kept[a.ID] = true
		}
	}
	for i := range old.Roles {
		if !kept[old.Roles[i].ID] {
			out = append(out, "删去岗位 "+old.Roles[i].Name+" 的计算规则")
		}
	}
	for i := range new.Roles {
		b := &new.Roles[i]
		a := before(b)
		if a == nil {
			out = append(out, "新增岗位 "+b.Name+" 的计算规则")
			continue
		}
		who := b.Name
		if a.ID != b.ID {
			// Links (#role=…) and month files name a role by its id
			// too: the old one no longer reaches it.
			out = append(out, who+" 的岗位代码：由 "+a.ID+" 改为 "+b.ID+"（计算器链接和月度表格中的 "+a.ID+" 此后不再适用，可改用新代码或岗位名称）")
		}
		add("岗位名称", a.Name, b.Name)
		// Criteria by name, in the new order; then those dropped.
		for _, c := range b.Criteria {
			if p := criterion(a, c.Name); p == nil {
				out = append(out, who+" 新增考核指标「"+c.Name+"」（"+points(c.Max)+"）")
			} else {
				add(who+" 考核指标「"+c.Name+"」", points(p.Max), points(c.Max))
			}
		}
		for _, c := range a.Criteria {
			if criterion(b, c.Name) == nil {
				out = append(out, who+" 删去考核指标「"+c.Name+"」（"+points(c.Max)+"）")
			}
		}
		// Tiers: the same ranges compare their payouts; otherwise the
		// whole table, as it was and as it is.
		if sameRanges(a.Tiers, b.Tiers) {
			for k := range b.Tiers {
				add(who+" "+calculator.TierLabel(&b.Tiers[k])+" 分", tierPays(&a.Tiers[k]), tierPays(&b.Tiers[k]))
			}
		} else {
			add(who+" 得分档", tierTable(a.Tiers), tierTable(b.Tiers))
		}
		for _, d := range b.Depts {
			if p := a.Dept(d.Result); p == nil {
				out = append(out, who+" 新增部门业绩目标"+d.Name+"（"+signedRate(d.Rate)+"）")
			} else {
				add(who+" 部门业绩目标"+d.Name, signedRate(p.Rate), signedRate(d.Rate))
			}
		}
		for _, d := range a.Depts {
			if b.Dept(d.Result) == nil {
				out = append(out, who+" 删去部门业绩目标"+d.Name+"（"+signedRate(d.Rate)+"）")
			}
		}
		add(who+" 末位淘汰", ranking(a.Ranking), ranking(b.Ranking))
		if a.Ranking != nil && b.Ranking != nil {
			add(who+" 末位淘汰（同月并列最低分）", ties(a.Ranking.Ties), ties(b.Ranking.Ties))
			add(who+" 末位淘汰（当月排名所需最少人数）", strconv.Itoa(a.Ranking.MinStaff)+" 人", strconv.Itoa(b.Ranking.MinStaff)+" 人")
			add(who+" 末位淘汰（当月参加排名者全部同分）", ties(a.Ranking.AllTied), ties(b.Ranking.AllTied))
		}
	}
	for _, r := range new.Readings {
		found := false
		for _, o := range old.Readings {
			if o.ID == r.ID {
				found = true
				if o.Text != r.Text {
					out = append(out, "改写对原文的读法（编者注，#"+r.Clause+"）")
				}
			}
		}
		if !found {
			out = append(out, "新增对原文的读法（编者注，#"+r.Clause+"）")
		}
	}
	for _, o := range old.Readings {
		found := false
		for _, r := range new.Readings {
			found = found || r.ID == o.ID
		}
		if !found {
			out = append(out, "删去对原文的读法（编者注，#"+o.Clause+"）")
		}
	}
	return out
}

// citationChanges says in words which clauses the rules cite otherwise
// than before: the clauses renumbered under them (an item put in above
// them: the same text, or nearly, at another number, its old number now
// another's), and whether pay is computed as it was. Readers were shown
// ten lines of clause = "销售人员奖惩办法.[-4][+5]", nothing saying what
// they did to pay. "" when no citation changed, or when the rules'
// roles, tiers, adjustments or readings were added or dropped (each is
// said by rulesChanges, and the citations do not pair one to one).
func citationChanges(prev, ed *edition) string {
	old, new := prev.rules, ed.rules
	if !sameShape(old, new) {
		return ""
	}
	a, b := citations(old), citations(new)
	var renumbered bool
	var other []string
	seen := map[[2]string]bool{}
	for i := range a {
		pair := [2]string{a[i], b[i]}
		if a[i] == b[i] || seen[pair] {
			continue
		}
		seen[pair] = true
		was := citedText(prev, a[i])
		if was != "" && nearlySame(was, citedText(ed, b[i])) && !nearlySame(was, citedText(ed, a[i])) {
			renumbered = true
		} else {
			other = append(other, "#"+a[i]+" 改为 #"+b[i])
		}
	}
	var parts []string
	if renumbered {
		parts = append(parts, "规则所引条款随正文重新编号")
	}
	if len(other) > 0 {
		parts = append(parts, "规则改引条款："+strings.Join(other, "，"))
	}
	if len(parts) == 0 {
		return ""
	}
	if u, v := uncited(old), uncited(new); reflect.DeepEqual(u, v) {
		return strings.Join(parts, "；") + "，计算结果不变。"
	}
	return strings.Join(parts, "；") + "（这一改动本身不影响计算结果）。"
}

// citations are the clause IDs a rules file cites, in its order.
func citations(r *calculator.Rules) []string {
	var out []string
	for _, ro := range r.Roles {
		out = append(out, ro.CriteriaClause)
		for _, t := range ro.Tiers {
			out = append(out, t.Clause)
		}
		for _, d := range ro.Depts {
			out = append(out, d.Clause)
		}
		if ro.Ranking != nil {
			out = append(out, ro.Ranking.Clause)
		}
	}
	for _, rd := range r.Readings {
		out = append(out, rd.Clause)
	}
	return out
}

// sameShape reports whether two rules files have as many roles, and each
// role as many tiers and adjustments and a ranking or none, and as many
// readings: their citations then pair in order.
func sameShape(a, b *calculator.Rules) bool {
	if len(a.Roles) != len(b.Roles) || len(a.Readings) != len(b.Readings) {
		return false
	}
	for i := range a.Roles {
		x, y := &a.Roles[i], &b.Roles[i]
		if len(x.Tiers) != len(y.Tiers) || len(x.Depts) != len(y.Depts) || (x.Ranking == nil) != (y.Ranking == nil) {
			return false
		}
	}
	return true
}

// uncited is a copy of r without the clauses it cites: what computes pay,
// and the readings' text.
func uncited(r *calculator.Rules) calculator.Rules {
	c := *r
	c.Roles = slices.Clone(r.Roles)
	for i := range c.Roles {
		ro := &c.Roles[i]
		ro.CriteriaClause = ""
		ro.Tiers = slices.Clone(ro.Tiers)
		for k := range ro.Tiers {
			ro.Tiers[k].Clause = ""
		}
		ro.Depts = slices.Clone(ro.Depts)
		for k := range ro.Depts {
			ro.Depts[k].Clause = ""
		}
		if ro.Ranking != nil {
			rk := *ro.Ranking
			rk.Clause = ""
			ro.Ranking = &rk
		}
	}
	c.Readings = slices.Clone(r.Readings)
	for k := range c.Readings {
		c.Readings[k].Clause = ""
	}
	return c
}

// citedText is clauseText, spaces aside; "" when the edition has no such
// clause.
func citedText(ed *edition, id string) string {
	t, _ := clauseText(ed, id)
	return spaceless(t)
}

// spaceless is s without its spaces (of any kind): text compared, or
// measured, as a reader reads it, whatever its line breaks and indents.
func spaceless(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

// rulesCode is the rules file of each edition as the calculator reads it:
// without its comments, which are notes for admins (in English, some),
// blanks collapsed, a blank line before each table. ok is false when
// either file cannot be read.
func rulesCode(prev, ed *edition) (a, b string, ok bool) {
	if prev.fsys == nil || ed.fsys == nil {
		return "", "", false
	}
	x, err := fs.ReadFile(prev.fsys, "rules.toml")
	if err != nil {
		return "", "", false
	}
	y, err := fs.ReadFile(ed.fsys, "rules.toml")
	if err != nil {
		return "", "", false
	}
	return tomlCode(string(x)), tomlCode(string(y)), true
}

// tomlCode is a TOML file without its comments: a line holding only a
// comment, or nothing, is dropped, a comment after a value cut; outside
// strings, runs of blanks are one space and lines are trimmed; a blank
// line goes before each table header ([…], [[…]]). Strings, single- or
// multi-line, are kept as written, a # in them too.
func tomlCode(src string) string {
	src = strings.ReplaceAll(strings.TrimPrefix(src, "\ufeff"), "\r\n", "\n")
	const (
		code = iota
		basic
		literal
		multiBasic
		multiLiteral
	)
	state := code
	var out []string
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		from := state
		b.Reset()
		blank := false // blanks outside strings, written as one space before what follows them
		for i := 0; i < len(line); i++ {
			ch := line[i]
			switch state {
			case code:
				if ch == '#' {
					i = len(line)
					continue
				}
				if ch == ' ' || ch == '\t' {
					blank = true
					continue
				}
				if blank && b.Len() > 0 {
					b.WriteByte(' ')
				}
				blank = false
				switch {
				case strings.HasPrefix(line[i:], `"""`):
					state = multiBasic
					b.WriteString(`""`)
					i += 2
				case strings.HasPrefix(line[i:], "'''"):
					state = multiLiteral
					b.WriteString("''")
					i += 2
				case ch == '"':
					state = basic
				case ch == '\'':
					state = literal
				}
				b.WriteByte(ch)
			case basic, multiBasic:
				quotes := `"`
				if state == multiBasic {
					quotes = `"""`
				}
				if ch == '\\' && i+1 < len(line) {
					b.WriteString(line[i : i+2])
					i++
					continue
				}
				if strings.HasPrefix(line[i:], quotes) {
					n := len(quotes)
					for state == multiBasic && n < 5 && i+n < len(line) && line[i+n] == '"' {
						n++ // up to two quotes before the closing three are the string's
					}
					b.WriteString(line[i : i+n])
					i += n - 1
					state = code
					continue
				}
				b.WriteByte(ch)
			case literal, multiLiteral:
				quotes := "'"
				if state == multiLiteral {
					quotes = "'''"
				}
				if strings.HasPrefix(line[i:], quotes) {
					n := len(quotes)
					for state == multiLiteral && n < 5 && i+n < len(line) && line[i+n] == '\'' {
						n++
					}
					b.WriteString(line[i : i+n])
					i += n - 1
					state = code
					continue
				}
				b.WriteByte(ch)
			}
		}
		if state == basic || state == literal {
			state = code // not closed on its line: not TOML, and not carried on
		}
		s := b.String()
		if from == code {
			if s == "" {
				continue
			}
			if s[0] == '[' && len(out) > 0 {
				out = append(out, "")
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n") + "\n"
}

func criterion(ro *calculator.Role, name string) *calculator.Criterion {
	for i := range ro.Criteria {
		if ro.Criteria[i].Name == name {
			return &ro.Criteria[i]
		}
	}
	return nil
}

func points(hundredths int64) string { return calculator.FormatScore(hundredths) + "分" }

func signedRate(bp int64) string {
	if bp > 0 {
		return "+" + calculator.FormatRate(bp)
	}
	return calculator.FormatRate(bp)
}

func sameRanges(a, b []calculator.Tier) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Min != b[i].Min || a[i].Max != b[i].Max {
			return false
		}
	}
	return true
}

// tierPays is what a tier pays, as the text says it.
func tierPays(t *calculator.Tier) string {
	switch {
	case t.Kind == calculator.ScorePercent:
		return "按得分比例发放"
	case t.Rate == 0:
		return "不予发放"
	}
	return "按 " + calculator.FormatRate(t.Rate) + " 发放"
}

func tierTable(ts []calculator.Tier) string {
	var parts []string
	for i := len(ts) - 1; i >= 0; i-- { // top down, as the text lists them
		parts = append(parts, calculator.TierLabel(&ts[i])+" 分"+tierPays(&ts[i]))
	}
	return strings.Join(parts, "，")
}

func ranking(r *calculator.Ranking) string {
	if r == nil {
		return "无"
	}
	return "连续 " + strconv.Itoa(r.Months) + " 个月排名倒数第一"
}

func ties(t calculator.TieRule) string {
	if t == calculator.TiesNoneLast {
		return "无人为倒数第一"
	}
	return "均为倒数第一"
}

// clauseMove is a numbered clause whose ID the new revision gives to
// other text, its own text now being at another ID: a link to the old
// ID (a bookmark, a chat message, another page) lands on the wrong
// clause, without a word, as the ID is still on the page.
type clauseMove struct {
	from, to string // IDs: the clause's in the revision before, and now
	heading  string // where it was, as Clause.Heading says: "… 第6条"
	text     string // its text now
}

// clauseMoves finds the numbered clauses of a page that moved to another
// number between two revisions (an item put in before them, one split in
// two, the list reordered) while their old number is still given to
// another item. A clause is where its text is, the same or nearly
// (most of its characters kept): a clause rewritten in place is not
// moved. IDs the new revision lacks are LostAnchors' to name.
func clauseMoves(old, new *markdown.Doc) []clauseMove {
	items := func(d *markdown.Doc) (ids []string, text map[string]string, heading map[string]string) {
		text, heading = map[string]string{}, map[string]string{}
		for _, c := range d.Clauses() {
			if c.Level == 7 {
				ids = append(ids, c.ID)
				text[c.ID] = spaceless(c.Text)
				heading[c.ID] = c.Heading
			}
		}
		return ids, text, heading
	}
	oldIDs, oldText, oldHeading := items(old)
	newIDs, newText, _ := items(new)
	byText := make(map[string]string, len(newIDs))
	for _, id := range newIDs {
		if _, dup := byText[newText[id]]; !dup {
			byText[newText[id]] = id
		}
	}
	const (
		same = 0.8 // a clause keeping this share of its characters in place is the same clause
		like = 0.6 // and one elsewhere keeping this share of them, moved there
	)
	var out []clauseMove
	for _, id := range oldIDs {
		t := oldText[id]
		now, kept := newText[id]
		if !kept || now == t {
			continue
		}
		own := diff.Similarity(t, now)
		if own >= same {
			continue
		}
		// Elsewhere: the text most like it, if that is more like it than
		// like the text its own number had (a clause moved and reworded,
		// 业绩(60分) → 业绩(50分), not a clause rewritten in place).
		best, bestID := max(own, like), ""
		if nid, ok := byText[t]; ok && nid != id && oldText[nid] != t {
			out = append(out, clauseMove{from: id, to: nid, heading: oldHeading[id], text: t})
			continue
		}
		if len(newIDs) > maxSimilarClauses {
			continue // a long list: moved clauses are found by their exact text only
		}
		for _, nid := range newIDs {
			if nid == id || newText[nid] == "" || oldText[nid] == newText[nid] {
				continue // a clause unchanged in place is none other's new place
			}
			if newText[nid] == t {
				best, bestID = 1, nid
				break
			}
			sim := diff.Similarity(t, newText[nid])
			if prev, ok := oldText[nid]; ok && prev != "" && diff.Similarity(prev, newText[nid]) >= sim {
				continue
			}
			if sim > best {
				best, bestID = sim, nid
			}
		}
		if bestID != "" {
			out = append(out, clauseMove{from: id, to: bestID, heading: oldHeading[id], text: newText[bestID]})
		}
	}
	return out
}

// maxSimilarClauses is the most numbered clauses a page may have for
// clauseMoves to look for a moved clause by likeness, not only by its
// exact text: each look compares it with every clause.
const maxSimilarClauses = 300

// MovedClauses compares the pages of two content trees, a revision (old)
// and the one published after it (new), and warns, per page, of the
// numbered clauses that moved to another number while their old number
// went to another clause: a deep link such as
// /latest/performance/#销售人员奖惩办法.7 (the worked example) then opens
// on whatever clause is seventh now, and nothing tells the reader.
// LostAnchors warns only of IDs that are gone, so a clause put in before
// others, or one split in two, renumbered the rest without a word.
// These are warnings: the admin says so in the revision's note, or
// appends the new clause instead.
func MovedClauses(old, new fs.FS, oldName, newName string) (diag.List, error) {
	docs := func(fsys fs.FS, name string) (map[string]*markdown.Doc, map[string]string, error) {
		tree, errs := content.Load(fsys, name)
		if err := errs.Err(); err != nil {
			return nil, nil, err
		}
		eng := engine(tree.Site.TrustHTML)
		out, files := map[string]*markdown.Doc{}, map[string]string{}
		for _, p := range tree.Pages {
			if p.Generated {
				continue
			}
			doc, _ := eng.Parse(p.File, p.Source, p.BodyOffset)
			out[p.URL], files[p.URL] = doc, p.File
		}
		return out, files, nil
	}
	before, _, err := docs(old, oldName)
	if err != nil {
		return nil, err
	}
	after, files, err := docs(new, newName)
	if err != nil {
		return nil, err
	}
	var out diag.List
	for url, nd := range after {
		od := before[url]
		if od == nil {
			continue
		}
		if heads := takenOverHeadings(od, nd); len(heads) > 0 {
			out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(newName, files[url]),
				Msg:  "links to " + url + " at these headings of the revision before now open another section, which took their ID: " + strings.Join(heads, "; "),
				Hint: "give the section that took the ID one of its own with {#…} after its heading, or say in the note that links to these headings now open another section"})
		}
		moves := clauseMoves(od, nd)
		if len(moves) == 0 {
			continue
		}
		var parts []string
		for _, m := range moves {
			parts = append(parts, "#"+m.from+" is now #"+m.to+" ("+excerpt(m.text, 12)+")")
		}
		out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(newName, files[url]),
			Msg:  "links to " + url + " at these clauses of the revision before now open another clause, as the clauses were renumbered: " + strings.Join(parts, "; "),
			Hint: "a numbered clause's ID is its place in its list: say in the note which clauses were renumbered, or add a new clause at the end of its list"})
	}
	slices.SortStableFunc(out, func(a, b diag.Diagnostic) int { return strings.Compare(a.File, b.File) })
	return out, nil
}

// excerpt is the first n characters of s, with … when cut.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// minRelocated is the shortest passage (in characters, spaces aside)
// that relocations names as moved: shorter ones (a word, a figure) recur
// by chance; but see minRelocatedLine.
const minRelocated = 10

// minRelocatedLine is the shortest line (in characters, spaces aside)
// that relocations names as moved when it was removed whole and added
// whole elsewhere, the same text, and no other line the revision removed
// or added whole has it: a paragraph, a clause (公平、公正、公开, the
// whole of its section, moved to the top of another, was shown as one
// deleted and another added). Shorter passages, and parts of lines, keep
// minRelocated.
const minRelocatedLine = 4

// maxRelocatedPairs bounds the pairs of passages relocations compares
// character by character.
const maxRelocatedPairs = 20000

// relocations finds passages a revision deleted from one place and put
// in another, the same text or nearly, in another chapter or elsewhere
// in the same one, and says so on both entries. Shown only as a deletion
// in one chapter and an insertion in another, a clause moved (the legal
// liability of 第七章 put into 第四章) read as a rule withdrawn.
func relocations(changes []changeView) {
	type span struct {
		at   int // index in changes
		line int // line in the comparison, to tell two places apart
		text string
		// head is the ID of the heading whose own line this is, removed
		// or added whole: a section's heading, however short, is
		// known by its ID (三、考核的原则, moved with its one paragraph,
		// was said removed from one chapter and added to another).
		head string
	}
	// headAt is the heading ID whose own line n (1-based) of a
	// comparison's side is: the first line with an ID not a clause's
	// (first: each ID's first line, 0-based; looked up, not searched
	// for, as a chapter of 100,000 lines made that lines × IDs).
	headAt := func(ids []string, first map[string]int, n int) string {
		if n < 1 || n > len(ids) || ids[n-1] == "" || first[ids[n-1]] != n-1 {
			return ""
		}
		if up(ids[n-1], 1) != ids[n-1] {
			return "" // a clause's
		}
		return ids[n-1]
	}
	firstLines := func(ids []string) map[string]int {
		m := make(map[string]int, len(ids))
		for i := len(ids) - 1; i >= 0; i-- {
			m[ids[i]] = i
		}
		return m
	}
	var dels, inss []span
	// Short lines removed or added whole (minRelocatedLine), matched by
	// their text alone, apart: compared with every passage, the many
	// short lines of a revision rewriting much made pairs by the
	// billion. wholeDels and wholeIns count the lines removed whole, and
	// added whole, that have each text: a short line is moved only when
	// its text is one line's on each side.
	var shortDels, shortIns []span
	wholeDels, wholeIns := map[string]int{}, map[string]int{}
	for k := range changes {
		var oldFirst, newFirst map[string]int
		for h, hunk := range changes[k].cmp.Hunks {
			for l, line := range hunk.Lines {
				head := ""
				switch line.Kind {
				case diff.Removed:
					if oldFirst == nil {
						oldFirst = firstLines(changes[k].oldIDs)
					}
					head = headAt(changes[k].oldIDs, oldFirst, line.Old)
				case diff.Added:
					if newFirst == nil {
						newFirst = firstLines(changes[k].newIDs)
					}
					head = headAt(changes[k].newIDs, newFirst, line.New)
				}
				whole := (line.Kind == diff.Removed || line.Kind == diff.Added) && len(line.Ops) == 1
				for _, op := range line.Ops {
					t := spaceless(op.Text)
					if whole {
						if line.Kind == diff.Removed {
							wholeDels[t]++
						} else {
							wholeIns[t]++
						}
					}
					sp := span{at: k, line: h<<20 | l, text: t, head: head}
					if n := utf8.RuneCountInString(t); n < minRelocated && (head == "" || t == "") {
						if whole && n >= minRelocatedLine {
							if op.Kind == diff.Delete {
								shortDels = append(shortDels, sp)
							} else {
								shortIns = append(shortIns, sp)
							}
						}
						continue
					}
					switch op.Kind {
					case diff.Delete:
						dels = append(dels, sp)
					case diff.Insert:
						inss = append(inss, sp)
					}
				}
			}
		}
	}
	type move struct{ from, to span }
	var moves []move
	used := map[int]bool{}
	// A revision rewriting much (thousands of passages each way) is
	// matched by equal text only: comparing every pair would take
	// minutes.
	same := nearlySame
	if len(dels)*len(inss) > maxRelocatedPairs {
		same = func(a, b string) bool { return a == b }
	}
	for _, d := range dels {
		for i, n := range inss {
			if used[i] || !same(d.text, n.text) || d.at == n.at && d.line == n.line {
				continue
			}
			if utf8.RuneCountInString(d.text) < minRelocated && (d.head == "" || d.head != n.head) {
				continue // short: a heading kept its ID
			}
			used[i] = true
			moves = append(moves, move{d, n})
			break
		}
	}
	added := map[string]span{}
	for _, n := range shortIns {
		if wholeIns[n.text] == 1 {
			added[n.text] = n
		}
	}
	for _, d := range shortDels {
		if n, ok := added[d.text]; ok && wholeDels[d.text] == 1 {
			moves = append(moves, move{d, n})
		}
	}
	// In the order of the passages removed, as the chapters show them.
	slices.SortStableFunc(moves, func(a, b move) int {
		if a.from.at != b.from.at {
			return a.from.at - b.from.at
		}
		return a.from.line - b.from.line
	})
	name := func(k int) string { return changes[k].Title }
	for _, m := range moves {
		d, n := m.from, m.to
		what := "“" + excerpt(d.text, 16) + "”"
		if d.at == n.at {
			changes[d.at].Relocated = append(changes[d.at].Relocated, what+"在本章内移了位置，不是删去。")
		} else {
			changes[d.at].Relocated = append(changes[d.at].Relocated, what+"移至"+name(n.at)+"，不是删去。")
			changes[n.at].Relocated = append(changes[n.at].Relocated, what+"由"+name(d.at)+"移来。")
		}
	}
}

// nearlySame reports whether two passages are one moved: the same text,
// or nearly (a clause moved with its number changed, a word added), as
// most of their characters are common to both.
func nearlySame(a, b string) bool {
	if a == b {
		return true
	}
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if na*10 < nb*8 || nb*10 < na*8 {
		return false // too unlike in length to be 80% the same
	}
	return diff.Similarity(a, b) >= 0.8
}

// renumbered tells readers of the changelog which headings of a chapter
// were renamed (their links, made from the text, are gone), which
// sections went into another, and which clauses took another number
// (clauseMoves): a link they hold to the old number opens another clause
// now, with nothing on the page to say so. moves is what became of the
// IDs the chapter lost (moveStep). Nil when none did. Headings and clauses
// are named as the page shows them (typeset: 职位职责：, not 职位职责:).
func renumbered(prev, ed *edition, file string, moves *pageMoves) []string {
	op, np := pageOf(prev, file), pageOf(ed, file)
	if op == nil || np == nil || prev.docs[op] == nil || ed.docs[np] == nil {
		return nil
	}
	out := renamedHeadings(prev.docs[op], ed.docs[np], moves)
	cm := clauseMoves(prev.docs[op], ed.docs[np])
	if len(cm) == 0 {
		return out
	}
	// One section named once: "(二)奖惩办法 第6条（“…”）现为第7条，第7条…".
	var parts []string
	section := ""
	for _, m := range cm {
		from, fromNum, _ := strings.Cut(m.from, ".")
		to, num, _ := strings.Cut(m.to, ".")
		now := "第" + num + "条"
		if to != from {
			if moves != nil && moves.to[from] == to && fromNum == num {
				// Its number kept under its heading's new name: the
				// heading's note says so (职位职责 第1条 was said to be
				// 第1条 now).
				continue
			}
			now = "“" + markdown.Typeset(headingOf(ed.docs[np], to)) + "”" + now
		}
		head, was := markdown.Typeset(m.heading), ""
		if i := strings.LastIndex(head, " 第"); i >= 0 {
			head, was = head[:i], head[i+1:]
		}
		item := was + "（“" + excerpt(markdown.Typeset(m.text), 10) + "”）现为" + now
		if head != section || len(parts) == 0 {
			section = head
			parts = append(parts, strings.TrimSpace(head+" "+item))
		} else {
			parts[len(parts)-1] += "，" + item
		}
	}
	if len(parts) == 0 {
		return out
	}
	return append(out, "条款重新编号："+strings.Join(parts, "；")+"。按原条号链接到这些条款的，现在打开的是同号的另一条。")
}

// renamedHeadings names the headings of a page whose ID is gone because
// their text changed ("三、考核的原则" → "三、考核原则": #三考核的原则 no
// longer leads anywhere), each paired with the heading it became, and
// the sections that went into another (主要权限, its clauses now
// 职位责任与权限's 9–12) and those split into several (人员的培训 into
// 试用期培训 and 在职培训: it was said renamed 试用期培训, or nothing). A
// heading is where moves (moveStep) followed it,
// by its own line or its clauses (员工培训 → 培训安排, too unlike to pair
// by their words), else the new heading at its level most like it. None
// when none was.
func renamedHeadings(old, new *markdown.Doc, moves *pageMoves) []string {
	var parts, gone, into, intoGone, split, splitGone []string
	taken := map[string]bool{}
	newHeading := map[string]markdown.Heading{}
	for _, n := range new.Headings {
		newHeading[n.ID] = n
	}
	var takenOver []string
	// Sections merged: the headings they went into, in order, and the
	// headings of old each took in.
	var targets []markdown.Heading
	merged := map[string][]string{}
	for _, h := range old.Headings {
		if h.Level < 2 || h.ID == "" || new.HasID(h.ID) && (moves == nil || moves.to[h.ID] == "") {
			continue
		}
		was := "“" + markdown.Typeset(h.Text) + "”"
		if new.HasID(h.ID) {
			// Its ID given to another section (lineMoves): links to it
			// and its clauses open that one now.
			if n, ok := newHeading[h.ID]; ok {
				takenOver = append(takenOver, "#"+h.ID+" 及其各条现在打开的是另一节“"+markdown.Typeset(n.Text)+"”")
			}
		}
		if moves != nil {
			if n, ok := newHeading[moves.to[h.ID]]; ok {
				switch {
				case len(moves.split[h.ID]) > 1:
					var names []string
					for _, id := range moves.split[h.ID] {
						taken[id] = true
						names = append(names, "“"+markdown.Typeset(newHeading[id].Text)+"”")
					}
					split = append(split, was+"拆分为"+strings.Join(names, "、"))
					splitGone = append(splitGone, "#"+h.ID)
				case moves.merged[h.ID]:
					if len(merged[n.ID]) == 0 {
						targets = append(targets, n)
					}
					merged[n.ID] = append(merged[n.ID], was)
					intoGone = append(intoGone, "#"+h.ID)
				case !taken[n.ID] && !old.HasID(n.ID):
					taken[n.ID] = true
					parts = append(parts, was+"现为“"+markdown.Typeset(n.Text)+"”")
					gone = append(gone, "#"+h.ID)
				}
				continue
			}
		}
		best, bestID, bestText := 0.5, "", ""
		for _, n := range new.Headings {
			if n.Level != h.Level || old.HasID(n.ID) || taken[n.ID] {
				continue
			}
			if sim := diff.Similarity(h.Text, n.Text); sim > best {
				best, bestID, bestText = sim, n.ID, n.Text
			}
		}
		if bestID != "" {
			taken[bestID] = true
			parts = append(parts, was+"现为“"+markdown.Typeset(bestText)+"”")
			gone = append(gone, "#"+h.ID)
		}
	}
	for _, n := range targets {
		if old.HasID(n.ID) || len(merged[n.ID]) < 2 {
			into = append(into, strings.Join(merged[n.ID], "、")+"并入“"+markdown.Typeset(n.Text)+"”")
		} else {
			// Under a new heading: 职位职责 and 主要权利 as 职责与权利,
			// which was said to be 主要权利 renamed.
			into = append(into, strings.Join(merged[n.ID], "、")+"合并为“"+markdown.Typeset(n.Text)+"”")
		}
	}
	var out []string
	say := func(what string, parts, gone []string) {
		if len(parts) == 0 {
			return
		}
		it := "它"
		if len(gone) > 1 {
			it = "它们"
		}
		out = append(out, what+"："+strings.Join(parts, "，")+"；旧链接（"+strings.Join(gone, " ")+"）不再指向"+it+"。")
	}
	say("标题改名", parts, gone)
	say("章节合并", into, intoGone)
	say("章节拆分", split, splitGone)
	if len(takenOver) > 0 {
		out = append(out, "旧链接 "+strings.Join(takenOver, "，")+"。")
	}
	return out
}
