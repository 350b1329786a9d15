package build

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"handbook/generator/content"
	"handbook/generator/markdown"
	"handbook/generator/search"
)

// searchJob makes one edition root's search index while its pages render.
// The index is, in order of preference: the previous build's, kept as it
// is (nothing it is made from changed); a delta over the last full index
// (a build with a cache on disk where a few pages changed: only those
// are indexed, the full index's files stay as they are); or a full index.
type searchJob struct {
	done  chan struct{}     // closed when the index is written
	files map[string][]byte // to write, under the root
	kept  []string          // files of the previous build that stay
	names []string          // all of them, once written
	bytes int               // the whole index's size
	err   error
}

// write puts the index into the output as soon as it is made, while the
// pages are still rendering.
func (j *searchJob) write(s *siteRender, root string) {
	if j.err != nil {
		return
	}
	for _, name := range j.kept {
		if j.err = s.reuse(root+name, nil); j.err != nil {
			return
		}
		j.names = append(j.names, name)
	}
	for name, data := range j.files {
		if j.err = s.out.WriteFile(root+name, data); j.err != nil {
			return
		}
		j.names = append(j.names, name)
	}
}

// A delta indexes at most one page in deltaShare (and drops at most one
// in deletedShare of the base's) before a full index is made again:
// queries read both parts, and deleted docs still sit in the base's files.
const (
	deltaShare   = 20
	deletedShare = 10
)

// startSearch starts making the index of an edition root; calc is the
// root's calculator page, if it has one, whose text is searched too.
func (s *siteRender) startSearch(ed *edition, root, rootURL string, calc *pageData) *searchJob {
	j := &searchJob{done: make(chan struct{})}
	if s.noSearch {
		close(j.done)
		return j
	}
	if s.searchLater {
		// The preview queues a full index for after the pages (pending).
		s.indexRoot(j, ed, root, rootURL, calc)
		return j
	}
	// Even the index's sources and key (a hash of every page's source and
	// notes: 17 ms of CPU in a one-page rebuild of 10,000, before any page
	// was kept or rendered) are worked out while the pages render.
	go s.indexRoot(j, ed, root, rootURL, calc)
	return j
}

// indexRoot works out an edition root's index sources and key, and starts
// making or keeping its index on a goroutine of its own, which closes
// j.done. Only with searchLater does it change s (pending).
func (s *siteRender) indexRoot(j *searchJob, ed *edition, root, rootURL string, calc *pageData) {
	src := searchSources(ed, s.calculatorDocs(calc))
	skey := searchKeys(src, rootURL)
	files, kept, ok := s.cache.searchIndex(root, skey)
	if !ok && s.searchLater {
		if stale, sok := s.cache.staleSearch(root); sok {
			files, ok = stale, true
			s.pending = append(s.pending, func() (map[string][]byte, error) {
				docs, _ := searchDocs(ed, rootURL, src)
				fresh, err := search.Build(docs, search.Options{})
				if err != nil {
					return nil, err
				}
				s.cache.storeSearch(root, skey, fresh)
				out := make(map[string][]byte, len(fresh))
				for name, data := range fresh {
					out[root+name] = data
				}
				return out, nil
			})
		}
	}
	if ok {
		j.files, j.kept = files, kept
		j.bytes = filesBytes(files)
		if files == nil {
			j.bytes = s.cache.searchBytes(root)
		}
		go func() {
			defer close(j.done)
			j.write(s, root)
		}()
		return
	}
	go func() {
		defer close(j.done)
		defer func() { j.write(s, root) }()
		// A base is only good for the URLs its docs were made with.
		if base := s.cache.searchBase(root); base != nil && base.rootURL == rootURL {
			changed, deleted, deletedLen, ok := planDelta(src, base)
			if ok && len(changed) == 0 && len(deleted) == 0 {
				// Back to the base's own text: the base as it was built.
				j.files, j.kept, j.bytes = map[string][]byte{searchMeta: base.meta}, base.names, base.bytes
				s.cache.putSearch(root, skey, j.files, base, j.bytes)
				return
			}
			if ok {
				docs, _ := searchDocs(ed, rootURL, changed)
				files, err := search.BuildDelta(base.meta, deleted, docs, search.Options{DeletedLen: deletedLen})
				if err != nil {
					j.err = err
					return
				}
				j.files, j.kept = files, base.names
				j.bytes = base.bytes - len(base.meta) + filesBytes(files)
				s.cache.putSearch(root, skey, files, base, j.bytes)
				return
			}
		}
		docs, ranges := searchDocs(ed, rootURL, src)
		if !ed.clausesAfterIndex {
			// The index has their text now, and a 10,000-page build held
			// a second copy of it to the end. (A preview's cache keeps
			// its own copy of each page, clauses and all: Doc.Fork.)
			for _, p := range ed.tree.Pages {
				ed.docs[p].DropClauses()
			}
		}
		files, err := search.Build(docs, search.Options{})
		if err != nil {
			j.err = err
			return
		}
		j.files, j.bytes = files, filesBytes(files)
		var base *searchBase
		if s.cache != nil && s.cache.onDisk {
			base = newSearchBase(src, rootURL, files, docs, ranges)
		}
		s.cache.putSearch(root, skey, files, base, j.bytes)
	}()
}

// searchBase is the last full index of an edition root, as a delta needs
// it: its meta.json, its other files (which a delta leaves as they are)
// and, for each page, what its docs were made from and their numbers.
type searchBase struct {
	rootURL string // what its docs' URLs start with
	meta    []byte
	names   []string
	bytes   int
	pages   map[string]basePage // by page URL
}

type basePage struct {
	key      [32]byte // see searchKeys
	from, to int      // its docs in the index
	textLen  int      // their texts' length in code points
}

const searchMeta = "search/meta.json"

func newSearchBase(pages []searchPage, rootURL string, files map[string][]byte, docs []search.Doc, ranges []search.Range) *searchBase {
	b := &searchBase{rootURL: rootURL, meta: files[searchMeta], bytes: filesBytes(files), pages: make(map[string]basePage, len(ranges))}
	for name := range files {
		if name != searchMeta {
			b.names = append(b.names, name)
		}
	}
	for i, p := range pages {
		n := 0
		for _, d := range docs[ranges[i].From:ranges[i].To] {
			n += utf8.RuneCountInString(d.Text)
		}
		b.pages[p.url] = basePage{key: p.key, from: ranges[i].From, to: ranges[i].To, textLen: n}
	}
	return b
}

// planDelta lists the pages whose docs differ from the base's and the
// base's docs no query may return now (changed pages). ok is false when
// so much changed that a full index is due, and when a page of the base
// is gone (deleted, or moved to another URL): a delta leaves the base's
// files as they are, and they would go on publishing the text of a page
// taken out of the handbook, a withdrawn rule or a chapter made private;
// the output then holds a full index, as a full build's.
func planDelta(pages []searchPage, base *searchBase) (changed []searchPage, deleted []search.Range, deletedLen int, ok bool) {
	present := make(map[string]bool, len(pages))
	for _, p := range pages {
		present[p.url] = true
		bp, had := base.pages[p.url]
		if had && bp.key == p.key {
			continue
		}
		changed = append(changed, p)
		if had {
			deleted = append(deleted, search.Range{From: bp.from, To: bp.to})
			deletedLen += bp.textLen
		}
	}
	for url := range base.pages {
		if !present[url] {
			return nil, nil, 0, false
		}
	}
	return changed, deleted, deletedLen, len(changed) <= max(8, len(pages)/deltaShare) &&
		len(deleted) <= max(8, len(base.pages)/deletedShare)
}

// searchPage is one page of an edition root's index: a chapter, whose
// clauses are its docs, or the calculator page (page nil), whose docs
// are given.
type searchPage struct {
	url   string        // under the root, e.g. "performance/"
	page  *content.Page // nil for the calculator
	key   [32]byte      // what its docs are made from: see searchSources
	notes clauseNotes
	chart string       // the text of the org chart drawn into it, if any
	docs  []search.Doc // the calculator's
}

// clauseNotes are the editor's notes the build puts beside a page's
// clauses (applyRules), by clause ID: shown there, so searched there.
type clauseNotes map[string][]string

// searchSources lists, in reading order, what an edition root's index is
// made of, each page with the key of what its docs are made from (its URL,
// title, source and notes; the calculator's text), and calc last.
func searchSources(ed *edition, calc []search.Doc) []searchPage {
	notes := ed.notes
	pages := make([]searchPage, 0, len(ed.tree.Pages)+1)
	for _, p := range ed.tree.Pages {
		sum := ed.docs[p].SourceSum()
		h := newHasher().str(p.URL).str(titleOf(ed.tree, p)).bytes(sum[:])
		n := notes[p]
		ids := make([]string, 0, len(n))
		for id := range n {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			h.str(id).any(n[id])
		}
		// The chart is drawn from other pages (the job descriptions'
		// 直接上级 lines): its text, not the page's source, says when its
		// docs change.
		chart := chartText(ed.charts[p])
		if chart != "" {
			h.str("orgchart").str(chart)
		}
		pages = append(pages, searchPage{url: p.URL, page: p, key: h.sum(), notes: n, chart: chart})
	}
	if calc != nil {
		pages = append(pages, searchPage{url: calculatorURL, key: newHasher().any(calc).sum(), docs: calc})
	}
	return pages
}

// calculatorURL is the calculator page under an edition root; no chapter
// has it (chapters are never at the root's "calculator/").
const calculatorURL = "calculator/"

// searchKeys identifies, by the keys of its pages, an edition root's index.
func searchKeys(pages []searchPage, rootURL string) [32]byte {
	h := newHasher().str(rootURL)
	for _, p := range pages {
		h.str(p.url).bytes(p.key[:])
	}
	return h.sum()
}

// searchDocs turns the clauses of pages into search documents, and gives
// each page's range of them. A clause under sections names them as its
// Parent: "A、大客户总监 · " above 职位职责, "A、大客户总监 · 职位职责 "
// above its 第2条.
func searchDocs(ed *edition, rootURL string, pages []searchPage) ([]search.Doc, []search.Range) {
	// A page from the disk cache has no clauses and is parsed again for
	// them: on every core.
	clauses := make([][]markdown.Clause, len(pages))
	_ = parallel(len(pages), func(i int) error {
		p := pages[i].page
		if p == nil {
			return nil
		}
		// Its links as the page renders them (an error shows when the
		// page renders).
		_ = ensureLinks(ed, p)
		clauses[i] = ed.docs[p].Clauses()
		return nil
	})
	n := len(pages)
	for _, cs := range clauses {
		n += len(cs)
	}
	docs := make([]search.Doc, 0, n)
	ranges := make([]search.Range, len(pages))
	for i, sp := range pages {
		from := len(docs)
		if sp.page == nil {
			for _, d := range sp.docs {
				d.URL = rootURL + sp.url
				docs = append(docs, d)
			}
			ranges[i] = search.Range{From: from, To: len(docs)}
			continue
		}
		title := markdown.Typeset(titleOf(ed.tree, sp.page))
		// The text before the first heading is the title's: one result
		// (第七章 大客户部保密制度 and its text), not the title and then,
		// as a second result linking to the same place, the text.
		cs := clauses[i]
		chartAt := ""
		if sp.chart != "" {
			chartAt = chartClause(ed.docs[sp.page].Headings, sp.page)
		}
		intro := ""
		if len(cs) > 0 && cs[0].Level == 0 && cs[0].ID == "" {
			intro = markdown.Typeset(withNotes(cs[0], sp.notes))
			cs = cs[1:]
		}
		if sp.chart != "" && chartAt == "" {
			intro = strings.TrimSpace(intro + " " + sp.chart)
		}
		docs = append(docs, search.Doc{URL: rootURL + sp.page.URL, Chapter: title, Heading: title, Level: 1, Text: intro})
		var path [7]string // the headings above, by level
		for _, c := range cs {
			lvl := c.Level
			parent, heading := "", c.Heading
			if lvl == 7 {
				// "A、大客户总监 · 主要权利 第1条": the path, then the item.
				lvl = 4
				if k := strings.LastIndex(heading, " 第"); k >= 0 {
					parent, heading = heading[:k+1], heading[k+1:]
				}
			} else if lvl >= 1 && lvl < len(path) {
				if lvl > 2 {
					parent = joinPath(path[2:lvl])
				}
				path[lvl] = strings.TrimRight(c.Heading, ":：")
				clear(path[lvl+1:])
			}
			// Snippets read as the page does: with its Chinese punctuation
			// (one character for one, so match offsets are unchanged).
			text := markdown.Typeset(withNotes(c, sp.notes))
			if sp.chart != "" && chartAt != "" && c.ID == chartAt && c.Level != 7 {
				text = strings.TrimSpace(text + " " + sp.chart)
			}
			docs = append(docs, search.Doc{URL: rootURL + sp.page.URL, Chapter: title, Parent: markdown.Typeset(parent),
				Heading: markdown.Typeset(heading), Anchor: c.ID, Level: lvl, Text: text})
		}
		ranges[i] = search.Range{From: from, To: len(docs)}
	}
	return docs, ranges
}

// noteMark heads each editor's note in a clause's searched text, as the
// page heads it 编者注 (see search.NoteMark): a snippet that shows a note
// (the handbook's reading of 三个月, a remark on the source's typo) says it
// is one, and the clauses that say a phrase rank above a note that reads
// it.
const noteMark = search.NoteMark

// withNotes is a clause's text with the editor's notes after the policy's
// words: its Markdown notes (wherever they stand in it) and the notes the
// build puts beside it, each headed noteMark.
func withNotes(c markdown.Clause, notes clauseNotes) string {
	if len(c.Notes) == 0 && len(notes[c.ID]) == 0 {
		return c.Text
	}
	var b strings.Builder
	b.WriteString(c.WithoutNotes())
	add := func(note string) {
		if note = strings.TrimSpace(note); note == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(noteMark)
		b.WriteString(note)
	}
	for i := 0; i+1 < len(c.Notes); i += 2 {
		add(c.Text[c.Notes[i]:c.Notes[i+1]])
	}
	for _, note := range notes[c.ID] {
		add(note)
	}
	return b.String()
}

// chartText is what a reader is told of an org chart (drawOrgChart's
// HTML): its title, the reporting lines its description lists, the posts
// in its boxes, its caption and the notes below it, but not the arrows'
// tooltips, hidden from screen readers, which say the lines again.
func chartText(chart string) string {
	if chart == "" {
		return ""
	}
	return visibleText(hiddenRE.ReplaceAllString(chart, " "))
}

// hiddenRE finds the chart's elements hidden from screen readers (its
// arrows, whose tooltips repeat its description).
var hiddenRE = regexp.MustCompile(`<path\b[^>]*\baria-hidden="true"[^>]*>.*?</path>`)

// chartClause is the ID of the section a page's {{orgchart}} paragraph
// is in (the last heading before it), "" for the text above the first.
func chartClause(headings []markdown.Heading, p *content.Page) string {
	at := -1
	off := p.BodyOffset
	for _, l := range strings.SplitAfter(string(p.Body()), "\n") {
		if strings.TrimSpace(l) == "{{orgchart}}" {
			at = off
			break
		}
		off += len(l)
	}
	id := ""
	for _, h := range headings {
		if h.Offset > at {
			break
		}
		id = h.ID
	}
	return id
}

// joinPath is the headings above a clause as its Parent: "A、大客户总监 · ".
func joinPath(headings []string) string {
	var b strings.Builder
	for _, h := range headings {
		if h != "" {
			b.WriteString(h)
			b.WriteString(" · ")
		}
	}
	return b.String()
}

// calculatorDocs is the calculator page as the index holds it: its title
// and the text its template shows (the lead, the rules tables), so that
// 计算器 or 舍入规则 find it. Its rules are a doc of their own, linked by
// the rules table's ID: the calculator folds the table away unless a link
// points to it, and a result for a word of the rules landed on the form,
// the word out of sight. nil when the root has no calculator.
func (s *siteRender) calculatorDocs(d *pageData) []search.Doc {
	if d == nil {
		return nil
	}
	set := s.tmpl.sets["calculator"]
	if set == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, "main", d); err != nil {
		return nil // the page itself reports it
	}
	text := visibleText(buf.String())
	// The title is shown and searched as the heading's section (Parent),
	// not as a heading: a search for 绩效工资 finds the clauses that
	// define it first. The page's text starts with it (its <h1>), and
	// keeps it: a match in a section's name alone is a partial one, and
	// 计算器 is this page whole, not "没有完全匹配".
	if !rulesTableRE.MatchString(buf.String()) {
		return []search.Doc{{Chapter: d.Title, Parent: d.Title, Level: 1, Text: text}}
	}
	// The page's top is its title, and the rest, from its lead on, the
	// rules table's: a short doc of the lead would rank the page above the
	// clauses for 绩效工资, which it names twice.
	rules := strings.TrimSpace(strings.TrimPrefix(text, d.Title))
	return []search.Doc{
		{Chapter: d.Title, Parent: d.Title, Level: 1, Text: d.Title},
		{Chapter: d.Title, Parent: d.Title + " · ", Heading: rulesTableID, Anchor: rulesTableID, Level: 2, Text: rules},
	}
}

// rulesTableID is the ID of the calculator page's rules table (its
// <details>, theme/templates/partials.html), which is also its heading.
const rulesTableID = "规则一览"

// notesAttrRE finds the attribute that marks where a page's editor's
// notes start (see visibleText).
var notesAttrRE = regexp.MustCompile(`\sdata-search-notes(\s|=|/?$)`)

// rulesTableRE finds the calculator page's rules table.
var rulesTableRE = regexp.MustCompile(`<details[^>]*\bid="` + rulesTableID + `"`)

// visibleText is the text of an HTML fragment as a reader sees it: tags
// and what scripts, styles and <noscript> hold dropped, entities decoded,
// a space where a tag other than an inline one was, runs of spaces as one.
// An element marked data-search-notes starts the editor's notes, which the
// text holds after noteMark, as a clause's are (withNotes).
func visibleText(h string) string {
	var b strings.Builder
	skip := ""
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" {
			b.WriteString(html.UnescapeString(h[:lt]))
		}
		h = h[lt:]
		if h == "" {
			break
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := h[1:gt]
		h = h[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimPrefix(tag, "/"))
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
			continue
		case !closing && (name == "script" || name == "style" || name == "noscript" || name == "template"):
			skip = name
			continue
		}
		switch name {
		case "a", "abbr", "b", "code", "em", "i", "mark", "small", "span", "strong", "sub", "sup":
		default:
			b.WriteByte(' ')
		}
		if !closing && notesAttrRE.MatchString(tag) {
			b.WriteString(noteMark + " ")
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
