// Package content_test proves that the Markdown chapters under content/ are a
// faithful transcription of the source policy text
// (../shared/source/key-account-sales-policy.txt): every source line after the
// publisher's preface and the table of contents appears, character for
// character and in order, in the text a reader sees; and nothing else appears
// except editor's notes ("> [!编者注]" blockquotes), tables (the editor's
// presentation of the weights), HTML comments (payout directives), the
// {{orgchart}} placeholder and the heading of the untitled job description.
//
// The only differences from the source that are accepted are the corrections of
// the 2026.1 errata revision (listed in errata below), and only all of them or
// none: a chapter set is either revision 2025.1 ("the source text as it is") or
// revision 2026.1, never a mix.
//
// The test checks the working copy (the chapter files in this folder) and every
// published snapshot under revisions/ that holds the chapter files.
package content_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const sourcePath = "../../shared/source/key-account-sales-policy.txt"

// The seven chapter files, by order. The file name is "NN-<slug>.md".
var chapterFiles = []string{
	"01-functions.md",
	"02-structure.md",
	"03-job-descriptions.md",
	"04-training.md",
	"05-workflows.md",
	"06-performance.md",
	"07-confidentiality.md",
}

// The 2026.1 errata, as corrections of source lines (line numbers of the source
// file). Besides these, every "℅" of the source becomes "%".
var errata = []struct {
	line     int
	old, new string
}{
	{25, "构架", "架构"},          // 第二章 heading, to match the table of contents
	{53, "`", ""},             // stray backtick in "的`裁决权"
	{116, "=2000*", "=1500*"}, // the example's base pay is 1500 元
	{120, "举例::", "举例:"},      // double colon
}

// Headings the editor adds to the source text, keyed by the source line they
// precede: the first job description of 第三章 has no title in the source.
// [0] is revision 2025.1's heading, [1] is the 2026.1 errata's.
var editorialHeadings = map[int][2]string{
	27: {"A", "A、大客户总监"},
}

// Chapter 6 clauses the payout rules refer to (generator/CONVENTIONS.md).
var performanceClauses = []struct {
	id    string
	items int
}{
	{"销售人员考核指标", 3},
	{"销售人员奖惩办法", 7},
	{"内勤考核指标", 4},
	{"内勤奖惩办法", 7},
}

// ---------------------------------------------------------------------------
// Source

type expLine struct {
	src  int    // source line number; 0 for an editorial heading
	text string // revision 2025.1 text (the source as it is)
	alt  string // revision 2026.1 text (after the errata)
}

type source struct {
	toc      []string    // table of contents lines
	chapters [][]expLine // chapters[n-1]: the chapter heading, then body lines
}

// A chapter heading of the source ("第一章:大客户部门职能", "第七章 大客户部保密制度")
// is the chapter's front matter title, written "第一章 大客户部门职能": the
// chapter name exactly as the heading has it, after the number and a space.

var (
	chapterHeadingRe = regexp.MustCompile(`^(第[一二三四五六七八九十]+章)[::\s]?\s*(\S.*)$`)
	// "八、附则:1、本办法…": a heading cannot carry a list, so such a line
	// may be written as the heading "八、附则:" and the list item "1. 本办法…".
	headingThenItemRe = regexp.MustCompile(`^(.+?:)(\d+、.*)$`)
)

func readSource(t *testing.T) source {
	t.Helper()
	b, err := os.ReadFile(sourcePath)
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("source text %s not found (it lives outside the repository, in ../shared/source/): %v", sourcePath, err)
		}
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) < 2 {
		t.Fatalf("%s: too short", sourcePath)
	}

	// Line 1 is the publisher's preface. Then the table of contents: a run of
	// chapter headings that ends where the first chapter's heading repeats.
	var src source
	i := 1
	seen := map[string]bool{}
	for ; i < len(lines); i++ {
		m := chapterHeadingRe.FindStringSubmatch(lines[i])
		if m == nil || seen[m[1]] {
			break
		}
		seen[m[1]] = true
		src.toc = append(src.toc, lines[i])
	}
	if len(src.toc) != len(chapterFiles) {
		t.Fatalf("%s: table of contents has %d chapters, want %d", sourcePath, len(src.toc), len(chapterFiles))
	}

	alts := map[int]string{}
	for _, e := range errata {
		l := lines[e.line-1]
		if strings.Count(l, e.old) != 1 {
			t.Fatalf("%s:%d: erratum %q → %q no longer matches the source line %q", sourcePath, e.line, e.old, e.new, l)
		}
		alts[e.line] = strings.Replace(l, e.old, e.new, 1)
	}
	for n, l := range lines {
		if strings.Contains(l, "℅") {
			if a, ok := alts[n+1]; ok {
				l = a
			}
			alts[n+1] = strings.ReplaceAll(l, "℅", "%")
		}
	}

	for ; i < len(lines); i++ {
		n := i + 1 // source line number
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		alt, ok := alts[n]
		if !ok {
			alt = l
		}
		if m := chapterHeadingRe.FindStringSubmatch(l); m != nil {
			title := m[1] + " " + m[2]
			if am := chapterHeadingRe.FindStringSubmatch(alt); am != nil {
				alt = am[1] + " " + am[2]
			}
			src.chapters = append(src.chapters, []expLine{{src: n, text: title, alt: alt}})
			continue
		}
		if len(src.chapters) == 0 {
			t.Fatalf("%s:%d: text before the first chapter heading", sourcePath, n)
		}
		c := &src.chapters[len(src.chapters)-1]
		if h, ok := editorialHeadings[n]; ok {
			*c = append(*c, expLine{src: 0, text: h[0], alt: h[1]})
		}
		if m := headingThenItemRe.FindStringSubmatch(l); m != nil {
			am := headingThenItemRe.FindStringSubmatch(alt)
			if am == nil {
				t.Fatalf("%s:%d: erratum breaks the line split", sourcePath, n)
			}
			*c = append(*c, expLine{src: n, text: m[1], alt: am[1]}, expLine{src: n, text: m[2], alt: am[2]})
			continue
		}
		*c = append(*c, expLine{src: n, text: l, alt: alt})
	}
	if len(src.chapters) != len(chapterFiles) {
		t.Fatalf("%s: %d chapters in the body, want %d", sourcePath, len(src.chapters), len(chapterFiles))
	}
	return src
}

// ---------------------------------------------------------------------------
// Markdown, reduced to the text a reader sees

type kind int

const (
	kTitle kind = iota // the front matter title
	kHeading
	kItem
	kPara
)

type textLine struct {
	line int // line in the Markdown file
	kind kind
	text string
}

type heading struct {
	line  int
	level int
	text  string
	id    string // explicit {#id}, if any
}

type item struct {
	line      int
	sectionID string // explicit ID of the nearest heading above ("" if none)
	path      []int  // item numbers, outermost first
	text      string
	directive string // payout directive comment inside the item, if any
}

type chapter struct {
	file      string
	front     map[string]string
	frontLine map[string]int
	lines     []textLine
	headings  []heading
	items     []item
	orgcharts int
}

var (
	headingRe   = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)(?:[ \t]+\{#([^}\s]+)\})?[ \t]*$`)
	itemRe      = regexp.MustCompile(`^( *)(\d{1,9})[.)] (.*)$`)
	commentRe   = regexp.MustCompile(`^<!--(.*?)-->$`)
	escapeRe    = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
	unescapedRe = regexp.MustCompile("(^|[^\\\\])([*_`<\\[\\]])")
)

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// inline returns the text a reader sees for an inline run, and an error when
// the run holds Markdown syntax this handbook's chapters do not use for policy
// text (emphasis, code, links, raw HTML): those characters must be escaped.
func inline(s string) (string, error) {
	if m := unescapedRe.FindStringSubmatch(s); m != nil {
		return "", fmt.Errorf("unescaped %q would be read as Markdown syntax; write it as \\%s", m[2], m[2])
	}
	return escapeRe.ReplaceAllString(s, "$1"), nil
}

// parseChapter reads a chapter file and reduces it to the lines of text a
// reader sees: the title, headings (without {#id}), paragraphs, and list items
// with the marker the theme shows ("1、" for an item, "1)" for a nested item),
// with backslash escapes resolved; editor's notes, tables, HTML comments and
// the {{orgchart}} placeholder are left out. It reads the CommonMark subset the
// chapters use, and reports as errors constructs whose rendering would differ
// from that reading (unescaped emphasis or code characters, lazy continuation
// of a note, a list numbered otherwise than it renders).
func parseChapter(path string) (*chapter, []error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, []error{err}
	}
	c := &chapter{file: path, front: map[string]string{}, frontLine: map[string]int{}}
	var errs []error
	fail := func(n int, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, a...)))
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")

	// Front matter: YAML between "---" lines or TOML between "+++" lines.
	i := 0
	if lines[0] != "---" && lines[0] != "+++" {
		fail(1, "no front matter (--- or +++ on the first line)")
	} else {
		delim, sep := lines[0], ":"
		if delim == "+++" {
			sep = "="
		}
		for i = 1; i < len(lines) && lines[i] != delim; i++ {
			k, v, ok := strings.Cut(lines[i], sep)
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			}
			c.front[k] = v
			c.frontLine[k] = i + 1
		}
		if i == len(lines) {
			fail(1, "front matter is not closed")
		}
		i++
	}
	if t, ok := c.front["title"]; ok {
		c.lines = append(c.lines, textLine{line: c.frontLine["title"], kind: kTitle, text: t})
	}

	// Body: a line-oriented reading of the CommonMark subset the chapters use.
	type list struct{ marker, content, num int }
	var (
		lists     []list // open ordered lists, outermost first
		itemIdx   []int  // per open list: index in c.items of its current item
		sectionID string // explicit ID of the current heading
		inNote    bool   // inside an editor's note
		inComment bool   // inside a multi-line HTML comment
		para      = -1   // index in c.lines of the paragraph a plain line continues
		paraItem  = -1   // index in c.items whose text that paragraph is, or -1
	)
	itemLine := map[int]int{} // index in c.items → index in c.lines
	// pop closes the lists that a line indented by indent does not belong to.
	pop := func(keep func(l list) bool) {
		for len(lists) > 0 && !keep(lists[len(lists)-1]) {
			lists, itemIdx = lists[:len(lists)-1], itemIdx[:len(itemIdx)-1]
		}
	}

	for ; i < len(lines); i++ {
		n, raw := i+1, lines[i]
		if inComment {
			inComment = !strings.Contains(raw, "-->")
			continue
		}
		if strings.TrimSpace(raw) == "" {
			para, paraItem, inNote = -1, -1, false
			continue
		}
		indent := leadingSpaces(raw)
		body := strings.TrimLeft(raw, " ")
		im := itemRe.FindStringSubmatch(raw)
		isQuote := strings.HasPrefix(body, ">")
		isComment := strings.HasPrefix(body, "<!--")
		isTable := strings.HasPrefix(body, "|")
		hm := headingRe.FindStringSubmatch(body)
		plain := im == nil && hm == nil && !isQuote && !isComment && !isTable

		if inNote && !isQuote {
			if plain {
				// CommonMark reads it as a lazy continuation of the note.
				fail(n, "this line continues the editor's note above it; put a blank line between them")
				continue
			}
			inNote = false
		}
		if plain && para >= 0 {
			// Paragraph continuation (lazy or not): a soft line break, which
			// renders as nothing between CJK characters.
			text, err := inline(strings.TrimSpace(body))
			if err != nil {
				fail(n, "%v", err)
			}
			c.lines[para].text += text
			if paraItem >= 0 {
				c.items[paraItem].text += text
			}
			continue
		}
		if im == nil {
			// A block belongs to the innermost item whose content it is indented to.
			pop(func(l list) bool { return indent >= l.content })
		}

		switch {
		case isQuote:
			if !inNote {
				if first := strings.TrimSpace(strings.TrimPrefix(body, ">")); first != "[!编者注]" {
					fail(n, "a blockquote that is not an editor's note (its first line must be [!编者注])")
				}
				inNote = true
			}
			para, paraItem = -1, -1

		case isComment:
			if m := commentRe.FindStringSubmatch(strings.TrimSpace(body)); m != nil {
				if d := strings.TrimSpace(m[1]); strings.HasPrefix(d, "payout ") {
					if len(itemIdx) == 0 {
						fail(n, "payout directive outside a list item: put it inside the item of the worked example")
					} else {
						c.items[itemIdx[len(itemIdx)-1]].directive = d
					}
				}
			} else {
				inComment = !strings.Contains(body, "-->")
			}

		case hm != nil:
			para, paraItem = -1, -1
			if len(lists) > 0 || indent >= 4 {
				fail(n, "heading inside a list item or indented code: start it at the left margin after a blank line")
			}
			text, err := inline(hm[2])
			if err != nil {
				fail(n, "%v", err)
			}
			if len(hm[1]) == 1 {
				fail(n, "level-1 heading in the body: the chapter title comes from the front matter; use ## for sections")
			}
			c.headings = append(c.headings, heading{line: n, level: len(hm[1]), text: text, id: hm[3]})
			sectionID = hm[3]
			c.lines = append(c.lines, textLine{line: n, kind: kHeading, text: text})

		case isTable:
			para, paraItem = -1, -1 // a table row: the editor's presentation, not source text

		case im != nil:
			ind := len(im[1])
			num, _ := strconv.Atoi(im[2])
			if raw[ind+len(im[2])] != '.' {
				fail(n, `write ordered list items as "N. "`)
			}
			if para >= 0 && paraItem < 0 && num != 1 {
				fail(n, "a list starting at %d cannot interrupt a paragraph; put a blank line before it", num)
			}
			pop(func(l list) bool { return ind >= l.marker })
			content := ind + len(im[2]) + 2
			if d := len(lists); d > 0 && ind < lists[d-1].content {
				// the next item of the same list
				if num != lists[d-1].num+1 {
					fail(n, "item %d follows item %d: number the items as they are rendered", num, lists[d-1].num)
				}
				lists[d-1].num, lists[d-1].content = num, content
				itemIdx = itemIdx[:d-1]
			} else {
				// a new list: at the top level, or nested in the current item
				lists = append(lists, list{marker: ind, content: content, num: num})
			}
			var prefix string
			switch len(lists) {
			case 1:
				prefix = fmt.Sprintf("%d、", num)
			case 2:
				prefix = fmt.Sprintf("%d)", num)
			default:
				fail(n, "list nested %d deep; the source has at most two levels", len(lists))
			}
			var path []int
			for _, l := range lists {
				path = append(path, l.num)
			}
			it := item{line: n, sectionID: sectionID, path: path}
			rest := strings.TrimSpace(im[3])
			if m := commentRe.FindStringSubmatch(rest); m != nil {
				if d := strings.TrimSpace(m[1]); strings.HasPrefix(d, "payout ") {
					it.directive = d
				}
				rest = ""
			}
			text, err := inline(rest)
			if err != nil {
				fail(n, "%v", err)
			}
			it.text = text
			c.items = append(c.items, it)
			itemIdx = append(itemIdx, len(c.items)-1)
			c.lines = append(c.lines, textLine{line: n, kind: kItem, text: prefix + text})
			itemLine[len(c.items)-1] = len(c.lines) - 1
			para, paraItem = -1, -1
			if rest != "" {
				para, paraItem = len(c.lines)-1, len(c.items)-1
			}

		default: // plain text starting a paragraph
			text, err := inline(strings.TrimSpace(body))
			if err != nil {
				fail(n, "%v", err)
			}
			if len(itemIdx) > 0 {
				// the text of the innermost item (after a directive comment)
				k := itemIdx[len(itemIdx)-1]
				if c.items[k].text != "" {
					fail(n, "a second paragraph in a list item; keep one source line per item")
				}
				para, paraItem = itemLine[k], k
				c.lines[para].text += text
				c.items[k].text += text
				continue
			}
			if text == "{{orgchart}}" {
				c.orgcharts++
				continue
			}
			c.lines = append(c.lines, textLine{line: n, kind: kPara, text: text})
			para, paraItem = len(c.lines)-1, -1
		}
	}
	return c, errs
}

// ---------------------------------------------------------------------------
// Comparison

// loadChapters parses the seven chapter files of dir. Markdown problems are
// reported as test errors by TestTranscription (report), and only there.
func loadChapters(t *testing.T, dir string, report bool) []*chapter {
	t.Helper()
	var cs []*chapter
	for _, f := range chapterFiles {
		c, errs := parseChapter(filepath.Join(dir, f))
		if c == nil {
			t.Fatal(errs[0])
		}
		for _, err := range errs {
			if report {
				t.Error(err)
			}
		}
		cs = append(cs, c)
	}
	return cs
}

type match struct {
	exp expLine
	act textLine
}

// align returns the longest in-order matching of expected and actual lines
// (a line-level diff), and the lines left unmatched on either side.
func align(exp []expLine, act []textLine) (pairs []match, missing []expLine, extra []textLine) {
	eq := func(e expLine, a textLine) bool { return a.text == e.text || a.text == e.alt }
	n, m := len(exp), len(act)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(exp[i], act[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case eq(exp[i], act[j]) && lcs[i][j] == lcs[i+1][j+1]+1:
			pairs = append(pairs, match{exp[i], act[j]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			missing = append(missing, exp[i])
			i++
		default:
			extra = append(extra, act[j])
			j++
		}
	}
	missing = append(missing, exp[i:]...)
	extra = append(extra, act[j:]...)
	return pairs, missing, extra
}

// checkTranscription compares the chapters of dir with the source and returns
// the revision they transcribe: "2025.1" (the source as it is) or "2026.1"
// (the source with the errata applied).
func checkTranscription(t *testing.T, src source, dir string) string {
	t.Helper()
	cs := loadChapters(t, dir, true)
	var asIs, corrected []string
	for n, c := range cs {
		pairs, missing, extra := align(src.chapters[n], c.lines)
		for _, e := range missing {
			if e.src == 0 {
				t.Errorf("%s: editor's heading %q (or %q after the errata) not found", c.file, e.text, e.alt)
				continue
			}
			t.Errorf("%s: source line %d not found: %q", c.file, e.src, e.text)
		}
		for _, a := range extra {
			t.Errorf("%s:%d: not in the source: %q (an editor's addition belongs in a > [!编者注] note)", c.file, a.line, a.text)
		}
		for k, p := range pairs {
			where := fmt.Sprintf("%s:%d", c.file, p.act.line)
			isTitle := k == 0 && p.exp == src.chapters[n][0]
			switch {
			case isTitle && p.act.kind != kTitle:
				t.Errorf("%s: the chapter heading (source line %d) must be the front matter title, not body text", where, p.exp.src)
			case !isTitle && p.act.kind == kTitle:
				t.Errorf("%s: the title %q is not the chapter heading", where, p.act.text)
			case p.exp.src == 0 && p.act.kind != kHeading:
				t.Errorf("%s: %q must be a heading", where, p.act.text)
			}
			if p.exp.text == p.exp.alt {
				continue
			}
			desc := fmt.Sprintf("%s (source line %d)", where, p.exp.src)
			if p.exp.src == 0 {
				desc = where + " (editor's heading)"
			}
			if p.act.text == p.exp.text {
				asIs = append(asIs, desc)
			} else {
				corrected = append(corrected, desc)
			}
		}
	}
	if len(asIs) > 0 && len(corrected) > 0 {
		t.Errorf("%s mixes revisions: the 2026.1 errata is applied at\n\t%s\nbut not at\n\t%s",
			dir, strings.Join(corrected, "\n\t"), strings.Join(asIs, "\n\t"))
	}
	if len(corrected) > 0 && len(asIs) == 0 {
		return "2026.1"
	}
	return "2025.1"
}

// TestTranscription: every source line after the preface and the table of
// contents appears in the chapters, in order, and nothing else does.
func TestTranscription(t *testing.T) {
	src := readSource(t)
	ed := checkTranscription(t, src, ".")
	t.Logf("working copy transcribes revision %s", ed)

	// Published snapshots, wherever under revisions/ they keep the chapters.
	var dirs []string
	filepath.WalkDir("revisions", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == chapterFiles[0] {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	sort.Strings(dirs)
	for _, dir := range dirs {
		t.Run(filepath.ToSlash(dir), func(t *testing.T) {
			got := checkTranscription(t, src, dir)
			for _, want := range []string{"2025.1", "2026.1"} {
				if strings.Contains(filepath.ToSlash(dir)+"/", "/"+want+"/") && got != want {
					t.Errorf("%s holds revision %s's text, want %s's", dir, got, want)
				}
			}
		})
	}
}

// TestChapterFiles: the seven chapter files and their front matter.
func TestChapterFiles(t *testing.T) {
	found, err := filepath.Glob("[0-9][0-9]-*.md")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(found, " ") != strings.Join(chapterFiles, " ") {
		t.Errorf("chapter files = %v, want %v", found, chapterFiles)
	}
	slugRe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	slugs := map[string]string{}
	for n, c := range loadChapters(t, ".", false) {
		for _, k := range []string{"title", "order", "slug"} {
			if c.front[k] == "" {
				t.Errorf("%s: front matter has no %s", c.file, k)
			}
		}
		if got, want := c.front["order"], strconv.Itoa(n+1); got != want {
			t.Errorf("%s: order = %q, want %s", c.file, got, want)
		}
		slug := c.front["slug"]
		if !slugRe.MatchString(slug) {
			t.Errorf("%s: slug %q is not lower-case ASCII words joined by -", c.file, slug)
		}
		if want := strings.TrimSuffix(c.file[3:], ".md"); slug != want {
			t.Errorf("%s: slug %q, want %q (the file name is NN-<slug>.md)", c.file, slug, want)
		}
		if other, dup := slugs[slug]; dup {
			t.Errorf("%s: slug %q is also the slug of %s", c.file, slug, other)
		}
		slugs[slug] = c.file
		wantCalc := c.file == "06-performance.md"
		if got := c.front["calculator"] == "true"; got != wantCalc {
			t.Errorf("%s: calculator: true is %v, want %v", c.file, got, wantCalc)
		}
		ids := map[string]int{}
		for _, h := range c.headings {
			if h.id == "" {
				continue
			}
			if l, dup := ids[h.id]; dup {
				t.Errorf("%s:%d: heading ID {#%s} is also used on line %d", c.file, h.line, h.id, l)
			}
			ids[h.id] = h.line
		}
	}
}

// TestPerformanceClauses: the clause IDs of chapter 6 that the payout rules
// refer to, and the worked examples' directives.
func TestPerformanceClauses(t *testing.T) {
	cs := loadChapters(t, ".", false)
	c := cs[5]
	for _, want := range performanceClauses {
		n := 0
		for _, h := range c.headings {
			if h.id == want.id {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d headings with {#%s}, want 1", c.file, n, want.id)
			continue
		}
		var nums []string
		for _, it := range c.items {
			if it.sectionID == want.id && len(it.path) == 1 {
				nums = append(nums, strconv.Itoa(it.path[0]))
			}
		}
		var wantNums []string
		for i := 1; i <= want.items; i++ {
			wantNums = append(wantNums, strconv.Itoa(i))
		}
		if strings.Join(nums, ",") != strings.Join(wantNums, ",") {
			t.Errorf("%s: clauses %s.n: n = %v, want %v", c.file, want.id, nums, wantNums)
		}
	}

	clause := func(id string, n int) *item {
		for i, it := range c.items {
			if it.sectionID == id && len(it.path) == 1 && it.path[0] == n {
				return &c.items[i]
			}
		}
		return nil
	}
	for _, w := range []struct {
		id, text, directive string
		n                   int
	}{
		{id: "销售人员奖惩办法", n: 3, text: "绩效工资1500元,考核得分80分", directive: "payout role=sales score=80 base=1500 dept=met"},
		{id: "销售人员奖惩办法", n: 4, text: "末位淘汰"},
		{id: "销售人员奖惩办法", n: 5, text: "额外奖金:"},
		{id: "销售人员奖惩办法", n: 7, text: "本期考核得分88分,当月绩效工资为3000元", directive: "payout role=sales score=88 base=3000 dept=exceeded"},
		{id: "内勤奖惩办法", n: 3, text: "绩效奖金500元,考核得分80分", directive: "payout role=assistant score=80 base=500 dept=met"},
		{id: "内勤奖惩办法", n: 5, text: "额外奖金:"},
		{id: "内勤奖惩办法", n: 7, text: "本期考核得分88分,当月绩效奖为1000元", directive: "payout role=assistant score=88 base=1000 dept=exceeded"},
	} {
		it := clause(w.id, w.n)
		if it == nil {
			t.Errorf("%s: no clause %s.%d", c.file, w.id, w.n)
			continue
		}
		if !strings.Contains(it.text, w.text) {
			t.Errorf("%s:%d: clause %s.%d = %q, want it to contain %q", c.file, it.line, w.id, w.n, it.text, w.text)
		}
		if it.directive != w.directive {
			t.Errorf("%s:%d: clause %s.%d directive = %q, want %q", c.file, it.line, w.id, w.n, it.directive, w.directive)
		}
	}
	var directives int
	for _, it := range c.items {
		if it.directive != "" {
			directives++
		}
	}
	if directives != 4 {
		t.Errorf("%s: %d payout directives, want the 4 worked examples", c.file, directives)
	}
}

// TestOrgChartLines: the org chart of chapter 2 is drawn from the reporting
// lines of chapter 3, one paragraph per field.
func TestOrgChartLines(t *testing.T) {
	cs := loadChapters(t, ".", false)
	if n := cs[1].orgcharts; n != 1 {
		t.Errorf("%s: %d {{orgchart}} paragraphs, want 1", cs[1].file, n)
	}
	for _, c := range cs {
		if c != cs[1] && c.orgcharts > 0 {
			t.Errorf("%s: {{orgchart}} outside chapter 2", c.file)
		}
	}
	c := cs[2]
	jobs, superiors := 0, 0
	for _, h := range c.headings {
		if h.level == 2 {
			jobs++
		}
	}
	fieldRe := regexp.MustCompile(`^直接[上下]级:[^:]+$`)
	for _, l := range c.lines {
		if strings.HasPrefix(l.text, "直接上级") || strings.HasPrefix(l.text, "直接下级") {
			if l.kind != kPara {
				t.Errorf("%s:%d: %q must be a paragraph of its own", c.file, l.line, l.text)
			}
			if !fieldRe.MatchString(l.text) {
				t.Errorf("%s:%d: %q is not of the form 直接上级:value", c.file, l.line, l.text)
			}
			if strings.HasPrefix(l.text, "直接上级") {
				superiors++
			}
		}
	}
	if jobs != 3 || superiors != 3 {
		t.Errorf("%s: %d job descriptions (## headings) and %d 直接上级 lines, want 3 and 3", c.file, jobs, superiors)
	}
}

// TestSiteConfig: content/site.toml has the keys the generator needs.
func TestSiteConfig(t *testing.T) {
	b, err := os.ReadFile("site.toml")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			got[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	for _, k := range []string{"title", "organisation", "language", "basePath", "trustHTML"} {
		if got[k] == "" {
			t.Errorf("site.toml: no %s", k)
		}
	}
	if got["language"] != "zh-CN" {
		t.Errorf("site.toml: language = %q, want zh-CN", got["language"])
	}
}

// TestMain runs the transcription checks from the handbook's content
// folder, whose files they read by relative path. Not when fuzzing: the
// fuzzer keeps its corpus in testdata/ of this folder (fuzz with
// -run '^$', as .ci/run does).
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.fuzz"); f == nil || f.Value.String() == "" {
		if err := os.Chdir("../../content"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
