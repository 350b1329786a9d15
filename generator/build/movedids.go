package build

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diff"
	"handbook/generator/markdown"
)

// movedID is where the text that an earlier revision had at an ID of a
// page is in this edition's page: To, the ID of its place here, or ""
// when it was deleted; In, the revision that first moved or deleted it
// ("" for the working copy).
type movedID struct {
	To string `json:"to"`
	In string `json:"in"`
	// Was is the heading the ID was (or whose clause it was) in the
	// revision before In, as readers saw it: 一、考核目的 for #一考核目的.
	Was string `json:"was,omitempty"`
	// Page, when the text went to another page (a section moved to
	// another chapter), is that page's address from this one, and Title
	// its title; To is then the ID there.
	Page  string `json:"page,omitempty"`
	Title string `json:"title,omitempty"`
}

// movedIDs maps the IDs that page p of ed had in an earlier published
// revision and has no more (a heading renamed, a clause renumbered or
// deleted, a section's clauses under a renamed heading) to where their
// text is now; chain is moveChain(ed). A deep link kept from an earlier
// revision (/latest/performance/#三考核的原则) opened the page at its top
// with "not on this page" and a guess by the likeness of IDs, which
// named another clause (#主要职责.6 offered the sixth clause of 主要工作职责
// when the old sixth was the fifth now). The page carries the map and
// its script says where the text went, with a link, or in which
// revision it was deleted.
//
// The revisions before ed are compared in turn, each with the next, by
// the lines readers see (Doc.ReaderTextAnchors, as the changelog
// compares them), each line with the ID of its place: a line kept or
// changed in place carries its old ID to its new one. A page whose
// reader text did not change between two revisions adds nothing. It is
// worked out only for the pages rendered: a page the build cache keeps
// costs nothing.
func (s *siteRender) movedIDs(chain []*edition, p *content.Page) map[string]movedID {
	if len(chain) < 2 || p.File == "" {
		return nil
	}
	ed := chain[len(chain)-1]
	here := ed.docs[p]
	if here == nil {
		return nil
	}
	// steps[i] maps the IDs chain[i] had and chain[i+1] has not.
	steps := make([]map[string]string, len(chain)-1)
	changed := false
	for i := range steps {
		steps[i] = s.moveStep(chain[i], chain[i+1], p.File)
		changed = changed || len(steps[i]) > 0
	}
	if !changed {
		return nil
	}
	m := map[string]movedID{}
	away := &elsewhere{ed: ed, p: p, texts: map[*content.Page]string{}}
	for i, step := range steps {
		var before *markdown.Doc // the page in chain[i], whose headings name the IDs
		if op := pageOf(chain[i], p.File); op != nil {
			before = chain[i].docs[op]
		}
		var oldLines, oldIDs []string // before's reader text, read once a step when needed
		for id, to := range step {
			if here.HasID(id) {
				continue // back again, or given to other text: the page has it
			}
			if _, ok := m[id]; ok {
				continue // an earlier revision's move of the same ID
			}
			// Follow the text through the revisions after.
			for j := i + 1; j < len(steps) && to != ""; j++ {
				if next, ok := steps[j][to]; ok {
					to = next
				}
			}
			if to != "" && !here.HasID(to) {
				to = ""
			}
			was := ""
			if before != nil {
				was = headingOf(before, id)
			}
			// Deleted here, or moved to another chapter: a section cut
			// from one and pasted into another keeps its heading, so its
			// ID, and its text. It was said to be deleted.
			var page, title string
			if to == "" && before != nil {
				if oldLines == nil {
					text, ids := before.ReaderTextAnchors()
					oldLines, oldIDs = strings.Split(text, "\n"), ids
				}
				if q := away.holding(oldLines, oldIDs, id); q != nil {
					to, page, title = id, relURL(p.URL, q.URL), titleOf(ed.tree, q)
				}
			}
			in := chain[i+1]
			if in.status == statusReplaced && ed.status != statusReplaced && in.successor != nil {
				// Never in force: on every other edition's pages, what it
				// changed changed in the revision that replaced it, as
				// their LastChanged says; its own pages keep its history.
				in = in.successor
			}
			label := in.label
			if in.status == statusDraft {
				label = "" // the working copy: 在草稿中, not 在 草稿 版中
			}
			m[id] = movedID{To: to, In: label, Was: was, Page: page, Title: title}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// elsewhere finds, for movedIDs, where on another page of ed than p the
// text of a place of p's is now. Each page's reader text is read once (a
// page whose tree was released is parsed again to read it).
type elsewhere struct {
	ed    *edition
	p     *content.Page
	texts map[*content.Page]string
}

// holding is the page of ed other than p that has the ID id and whose
// text holds the longest line the place had in lines (a page's reader
// text, with the ID of each line's place in ids); nil if none.
func (e *elsewhere) holding(lines, ids []string, id string) *content.Page {
	line := ""
	for k, l := range lines {
		if k < len(ids) && (ids[k] == id || strings.HasPrefix(ids[k], id+".")) && len([]rune(l)) > len([]rune(line)) {
			line = l
		}
	}
	line = strings.TrimSpace(line)
	if len([]rune(line)) < 4 {
		return nil // too little to tell the text by
	}
	for _, q := range e.ed.tree.Pages {
		d := e.ed.docs[q]
		if q == e.p || d == nil || !d.HasID(id) {
			continue
		}
		text, ok := e.texts[q]
		if !ok {
			text, _ = d.ReaderTextAnchors()
			e.texts[q] = text
		}
		if strings.Contains(text, line) {
			return q
		}
	}
	return nil
}

// moveChain is the editions whose pages' IDs ed's follow (movedIDs): the
// published ones before it by date and ed last; nil when there are none
// before it.
func (s *siteRender) moveChain(ed *edition) []*edition {
	var chain []*edition
	eds := append([]*edition(nil), s.eds...)
	sortByEffective(eds)
	for _, e := range eds {
		if e.published || e == ed {
			chain = append(chain, e)
		}
		if e == ed {
			break
		}
	}
	if len(chain) < 2 || chain[len(chain)-1] != ed {
		return nil
	}
	return chain
}

// headingOf is the text of the heading whose ID is id, or of the section
// a clause ID (销售人员奖惩办法.8) is in; "" when doc has neither.
func headingOf(doc *markdown.Doc, id string) string {
	for {
		for _, h := range doc.Headings {
			if h.ID == id {
				return h.Text
			}
		}
		i := strings.LastIndexByte(id, '.')
		if i < 0 {
			return ""
		}
		id = id[:i]
	}
}

// moveStep maps the IDs that edition a's page made from file has and
// b's has not to where their text is in b's (see lineMoves), worked out
// once per build, pair and file (s.moveSteps): every edition after them
// follows the same steps. A page whose source is the same in both is not
// compared: a revision changes few.
func (s *siteRender) moveStep(a, b *edition, file string) map[string]string {
	key := moveKey{a, b, file}
	if m, ok := s.moveSteps.Load(key); ok {
		return m.(map[string]string)
	}
	var out map[string]string
	op, np := pageOf(a, file), pageOf(b, file)
	if op != nil && np != nil && a.docs[op] != nil && b.docs[np] != nil && !bytes.Equal(op.Source, np.Source) {
		oldText, oldIDs := a.docs[op].ReaderTextAnchors()
		newText, newIDs := b.docs[np].ReaderTextAnchors()
		if oldText != newText {
			out = lineMoves(oldText, oldIDs, newText, newIDs, b.docs[np].HasID)
		}
	}
	s.moveSteps.Store(key, out)
	return out
}

// moveKey is a moveStep's: the two editions and the page's file.
type moveKey struct {
	a, b *edition
	file string
}

// lineMoves compares two reader texts of a page line by line and maps
// each ID of the old one that the new page has not (newHas) to the ID of
// the place its first line kept or changed in place is at now, or to ""
// when every line of it was deleted.
func lineMoves(oldText string, oldIDs []string, newText string, newIDs []string, newHas func(string) bool) map[string]string {
	out := map[string]string{}
	for _, h := range diff.Compare(oldText, newText, -1).Hunks {
		for _, l := range h.Lines {
			if l.Old < 1 || l.Old > len(oldIDs) {
				continue
			}
			id := oldIDs[l.Old-1]
			if id == "" || newHas(id) {
				continue
			}
			to := ""
			if l.New >= 1 && l.New <= len(newIDs) {
				to = newIDs[l.New-1]
			}
			if cur, seen := out[id]; !seen || cur == "" && to != "" {
				out[id] = to
			}
		}
	}
	return out
}

// writeMovedPages makes, under latest/, a redirect from the address a
// chapter had in an earlier revision to its address in the revision in
// force, when its slug or file changed (movedTo pairs them by title, else
// by file): a link kept from then (/latest/intro/#一目的) led to the 404
// page. The redirect keeps the link's #fragment, which the page then
// finds or says where it went (movedIDs). An address the revision in
// force uses itself, or an alias's, is left to them.
func (s *siteRender) writeMovedPages() error {
	cur := s.current()
	if cur == nil || cur.links == nil {
		return nil
	}
	done := map[string]bool{}
	for _, e := range s.eds {
		if e == cur || !e.published || e.effective > cur.effective {
			continue // an upcoming revision's addresses are not old ones
		}
		moved := movedTo(e, cur)
		for _, old := range slices.Sorted(maps.Keys(moved)) {
			file := "latest/" + old + "index.html"
			p := cur.links.byURL[moved[old]]
			if done[file] || p == nil || cur.hasPage[old] || cur.links.aliases[file] != nil {
				continue
			}
			done[file] = true
			if err := s.redirectTo(file, s.base+"latest/"+p.URL, titleOf(cur.tree, p), cur.tree.Site); err != nil {
				return err
			}
		}
	}
	return nil
}
