package build

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

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
	// revision before In, as readers saw it: 一、考核目的 for #一考核目的,
	// 职位职责： (typeset) for #职位职责.12, written "### 职位职责:".
	Was string `json:"was,omitempty"`
	// Page, when the text went to another page (a section or a clause
	// moved to another chapter), is that page's address from this one,
	// and Title its title; To is then the ID there. A section merged into
	// another of this page (its clauses now that one's) has this page's
	// own address, and Title that section's heading: the page's script
	// then says it was moved there (移至), not renamed. A section split
	// into several of this page has this page's own address too, To the
	// first, and Title their headings as the page shows them, each
	// quoted, joined by 、 (“试用期培训”、“在职培训”): the script says it
	// was split into them (拆分为).
	Page string `json:"page,omitempty"`
	// Title, without Page: the text was renamed or renumbered on this
	// page again after In, and Title is its place as In named it
	// (shownPlace: “部门基本职能：”, “员工培训”第 2 条), for the script to
	// say 在 2026.2 版中改为“部门基本职能：”，现为“服务范围”.
	Title string `json:"title,omitempty"`
	// Other, for an ID the page still has: the number was another
	// clause's until In (an item put in above it, the list reordered),
	// whose words begin so; To is where that clause is now ("" when it
	// is gone since). A link made before then opens the clause that took
	// the number: the page's script says so to a reader arriving from
	// outside the site.
	Other string `json:"other,omitempty"`
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
// changed in place carries its old ID to its new one, and a heading
// whose own line went follows its clauses (see followClauses). A page
// whose reader text did not change between two revisions adds nothing.
// It is worked out only for the pages rendered: a page the build cache
// keeps costs nothing.
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
	steps := make([]*pageMoves, len(chain)-1)
	changed := false
	for i := range steps {
		steps[i] = s.moveStep(chain[i], chain[i+1], p.File)
		changed = changed || len(steps[i].to) > 0 || len(steps[i].renumbered) > 0
	}
	if !changed {
		return nil
	}
	m := map[string]movedID{}
	// Latest first: an ID lost twice (a section deleted, put back, then
	// merged into another) was back on the page in between, and what
	// became of it last is what a link to it finds; the earlier deletion
	// was said instead.
	for i := len(steps) - 1; i >= 0; i-- {
		step := steps[i]
		var before *markdown.Doc // the page in chain[i], whose headings name the IDs
		op := pageOf(chain[i], p.File)
		if op != nil {
			before = chain[i].docs[op]
		}
		for id, to := range step.to {
			if here.HasID(id) {
				continue // back again, or given to other text: the page has it
			}
			if _, ok := m[id]; ok {
				continue // a later revision's move of the same ID
			}
			in, at := movedIn(chain[i+1], ed), i+1 // at: in's place in chain
			if k := slices.Index(chain, in); k > at {
				at = k
			}
			// Follow the text through the revisions after; then is its
			// place in the revision in.
			then := to
			for j := i + 1; j < len(steps) && to != ""; j++ {
				if next, ok := steps[j].to[to]; ok {
					to = next
				}
				if j+1 == at {
					then = to
				}
			}
			if to != "" && !here.HasID(to) {
				to = ""
			}
			was := ""
			if before != nil {
				was = markdown.Typeset(headingOf(before, id))
			}
			var page, title string
			if to != "" && step.merged[id] {
				// Merged into another section here: moved there, and
				// said so, not said to be that section renamed.
				page, title = relURL(p.URL, p.URL), markdown.Typeset(headingOf(here, to))
			}
			if to != "" && step.split[id] != nil {
				// Split into several sections here: the page says where
				// each part is now, and leads to the first.
				if parts := splitParts(steps[i+1:], step.split[id], here); len(parts) > 1 {
					page, title = relURL(p.URL, p.URL), strings.Join(parts, "、")
				}
			}
			// Deleted here, or moved to another chapter: a section cut
			// from one and pasted into another keeps its heading, so its
			// ID, and its text; a clause appended to another chapter's
			// list takes a number there. It was said to be deleted.
			if to == "" && before != nil {
				if q, qid := s.holding(chain, i, p.File, s.linesOf(chain[i], op), id); q != nil {
					to, page, title = qid, relURL(p.URL, q.URL), titleOf(ed.tree, q)
				}
			}
			if page == "" && to != "" && then != "" && at < len(chain)-1 {
				// Renamed or renumbered again since: the name in gave it,
				// for the page to say 在 2026.2 版中改为“部门基本职能：”，
				// 现为“服务范围”. Said to be renamed to its last name in
				// in, it named the wrong revision.
				if d := docOf(chain[at], p.File); d != nil {
					if name := shownPlace(d, then); name != "" && name != shownPlace(here, to) {
						title = name
					}
				}
			}
			m[id] = movedID{To: to, In: movedLabel(in), Was: was, Page: page, Title: title}
		}
	}
	// IDs the page has that were another clause's: the latest change of
	// each, the clause followed to where it is now.
	for i := len(steps) - 1; i >= 0; i-- {
		var before *markdown.Doc
		if op := pageOf(chain[i], p.File); op != nil {
			before = chain[i].docs[op]
		}
		for _, c := range steps[i].renumbered {
			if _, ok := m[c.from]; ok || !here.HasID(c.from) || before == nil {
				continue
			}
			to := c.to
			for j := i + 1; j < len(steps) && to != ""; j++ {
				if next, ok := steps[j].to[to]; ok {
					to = next
				} else if k := slices.IndexFunc(steps[j].renumbered, func(r clauseMove) bool { return r.from == to }); k >= 0 {
					to = steps[j].renumbered[k].to
				}
			}
			if to != "" && !here.HasID(to) {
				to = ""
			}
			m[c.from] = movedID{To: to, In: movedLabel(movedIn(chain[i+1], ed)), Was: markdown.Typeset(headingOf(before, c.from)), Other: excerpt(markdown.Typeset(c.text), 16)}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// movedIn is the revision ed's pages say moved an ID that revision in
// moved: a revision replaced before its day was never in force, and on
// every other edition's pages what it changed changed in the revision
// that replaced it, as their LastChanged says; its own pages keep its
// history.
func movedIn(in, ed *edition) *edition {
	if in.status == statusReplaced && ed.status != statusReplaced && in.successor != nil {
		return in.successor
	}
	return in
}

// movedLabel is how a page names the revision that moved an ID: its
// label, "" for the working copy (在草稿中, not 在 草稿 版中).
func movedLabel(in *edition) string {
	if in.status == statusDraft {
		return ""
	}
	return in.label
}

// readerLines is a page's reader text (Doc.ReaderTextAnchors) in lines,
// each with the ID of its place, and each line's body (placeBody), with
// the set of them.
type readerLines struct {
	lines, ids, bodies []string
	has                map[string]bool
}

func newReaderLines(d *markdown.Doc) *readerLines {
	text, ids := d.ReaderTextAnchors()
	r := &readerLines{lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n"), ids: ids}
	r.bodies = make([]string, len(r.lines))
	r.has = make(map[string]bool, len(r.lines))
	for k, l := range r.lines {
		r.bodies[k] = placeBody(l)
		r.has[r.bodies[k]] = true
	}
	return r
}

// placeBody is a reader text's line without its indentation and its
// clause's number ("　3、" "2.1、"), which a clause moved elsewhere takes
// anew.
func placeBody(line string) string {
	s := strings.TrimLeft(line, " \t\u3000")
	t := strings.TrimLeft(s, "0123456789.")
	if t != s && strings.HasPrefix(t, "、") {
		return t[len("、"):]
	}
	return s
}

// arrivalsKey and linesKey key what s.moveSteps holds besides
// moveStep's: what a revision put into pages (arrivals), and a page's
// reader text (linesOf), each worked out once a build.
type (
	arrivalsKey struct{ a, b *edition }
	linesKey    struct{ p *content.Page }
)

// arrived is what edition b has on its pages that the same page of a
// had not (or a had no such page): the places another page's text can
// have gone to in b. Most pages of a revision are as they were, and
// have none.
type arrived struct {
	byID  map[string][]*content.Page // IDs new on a page
	lines []arrival                  // lines new on a page
}

// arrival is a line new on a page: its body (placeBody) and the ID of
// its place.
type arrival struct {
	page     *content.Page
	body, id string
}

// arrivals is what b put into its pages that a had not (arrived).
func (s *siteRender) arrivals(a, b *edition) *arrived {
	key := arrivalsKey{a, b}
	if v, ok := s.moveSteps.Load(key); ok {
		return v.(*arrived)
	}
	out := &arrived{byID: map[string][]*content.Page{}}
	for _, q := range b.tree.Pages {
		d := b.docs[q]
		if q.Generated || q.File == "" || d == nil {
			continue
		}
		op := pageOf(a, q.File)
		if op != nil && bytes.Equal(op.Source, q.Source) {
			continue
		}
		var od *markdown.Doc
		var had *readerLines
		if op != nil && a.docs[op] != nil {
			od, had = a.docs[op], s.linesOf(a, op)
		}
		for id := range d.IDMap() {
			if od == nil || !od.HasID(id) {
				out.byID[id] = append(out.byID[id], q)
			}
		}
		t := s.linesOf(b, q)
		for k, body := range t.bodies {
			if k < len(t.ids) && t.ids[k] != "" && (had == nil || !had.has[body]) {
				out.lines = append(out.lines, arrival{q, strings.TrimSpace(body), t.ids[k]})
			}
		}
	}
	s.moveSteps.Store(key, out)
	return out
}

// docMoves is where the places of page od went in nd, the page in the
// next revision (see pageMoves): the lines of their reader text matched
// (lineMoves), then each heading following its clauses (followClauses).
func docMoves(od, nd *markdown.Doc) *pageMoves {
	out := &pageMoves{}
	oldText, oldIDs := od.ReaderTextAnchors()
	newText, newIDs := nd.ReaderTextAnchors()
	if oldText != newText {
		var own map[string]bool
		out.to, own = lineMoves(oldText, oldIDs, newText, newIDs, nd.HasID, func(id string) bool { return isHeading(od, id) })
		relocatedClauses(out.to, od, nd)
		out.merged, out.split = followClauses(out.to, own, od, nd)
		out.renumbered = clauseMoves(od, nd)
	}
	return out
}

// relocatedClauses maps each numbered clause of old that to says was
// deleted to the clause of new holding its text, the same or nearly
// (renumbered, a word changed), where that text is new: a clause moved
// within the page, to another section's list (部门本职 第4条 appended to
// 主要工作职责 as its 9th). Lines that changed place are no pair in the
// comparison of the two texts, and the page said of a link to it that
// the clause was deleted, while the changelog said it moved.
func relocatedClauses(to map[string]string, old, new *markdown.Doc) {
	type item struct{ id, text string }
	var gone []item
	was := map[string]string{}
	for _, c := range old.Clauses() {
		if c.Level != 7 {
			continue
		}
		t := spaceless(c.WithoutNotes())
		was[c.ID] = t
		if dest, ok := to[c.ID]; ok && dest == "" && utf8.RuneCountInString(t) >= 4 {
			gone = append(gone, item{c.ID, t})
		}
	}
	if len(gone) == 0 {
		return
	}
	// Where it can have gone: a clause not there, with its text, before.
	var fresh []item
	for _, c := range new.Clauses() {
		if t := spaceless(c.WithoutNotes()); c.Level == 7 && was[c.ID] != t {
			fresh = append(fresh, item{c.ID, t})
		}
	}
	used := map[string]bool{}
	for _, g := range gone {
		// The same text first, then the one most alike.
		best, bestSim := "", 0.0
		for _, f := range fresh {
			if used[f.id] {
				continue
			}
			if f.text == g.text {
				best = f.id
				break
			}
			if utf8.RuneCountInString(g.text) >= minRelocated && nearlySame(g.text, f.text) {
				if sim := diff.Similarity(g.text, f.text); sim > bestSim {
					best, bestSim = f.id, sim
				}
			}
		}
		if best != "" {
			used[best] = true
			to[g.id] = best
		}
	}
}

// linesOf is page q of ed's reader text in lines, nil when it has no
// doc (a page whose tree was released is parsed again to read it).
func (s *siteRender) linesOf(ed *edition, q *content.Page) *readerLines {
	key := linesKey{q}
	if v, ok := s.moveSteps.Load(key); ok {
		return v.(*readerLines)
	}
	var r *readerLines
	if d := ed.docs[q]; d != nil {
		r = newReaderLines(d)
	}
	s.moveSteps.Store(key, r)
	return r
}

// holding is, for movedIDs, the page of the last edition of chain, other
// than the one made from file, where the text the place id had in
// chain[i] (old, that page's reader text) is, and the ID of its place
// there; nil when none has it. The text is looked for in chain[i+1],
// the revision that took it away, among what it put into pages
// (arrivals): a page given the ID whose text holds the place's longest
// line (a section moved whole keeps its heading), else a line the same
// or nearly (a clause put into another chapter's list, under its number
// there). Its place there is then followed through the revisions after.
func (s *siteRender) holding(chain []*edition, i int, file string, old *readerLines, id string) (*content.Page, string) {
	line, at := "", ""
	for k, b := range old.bodies {
		if k < len(old.ids) && (old.ids[k] == id || strings.HasPrefix(old.ids[k], id+".")) && utf8.RuneCountInString(b) > utf8.RuneCountInString(line) {
			line, at = b, old.ids[k]
		}
	}
	line = strings.TrimSpace(line)
	n := utf8.RuneCountInString(line)
	if n < 4 {
		return nil, "" // too little to tell the text by
	}
	next := chain[i+1]
	arr := s.arrivals(chain[i], next)
	var q *content.Page
	to := ""
	for _, c := range arr.byID[id] {
		if c.File == file {
			continue
		}
		t := s.linesOf(next, c)
		if k := slices.IndexFunc(t.bodies, func(b string) bool { return strings.Contains(b, line) }); k >= 0 && s.newThere(chain[i], next, c, t.bodies[k]) {
			q, to = c, id
			break
		}
	}
	if q == nil && n >= minRelocated { // a short line recurs by chance
		// The line's place is this many numbers below id's (a sub-item's).
		below := strings.Count(at, ".") - strings.Count(id, ".")
		for _, a := range arr.lines {
			if a.page.File != file && nearlySame(line, a.body) && s.newThere(chain[i], next, a.page, a.body) {
				q, to = a.page, up(a.id, below)
				break
			}
		}
	}
	if q == nil {
		return nil, ""
	}
	// Followed to the last revision, on the page made from q's file.
	for j := i + 1; j+1 < len(chain) && to != ""; j++ {
		if nx, ok := s.moveStep(chain[j], chain[j+1], q.File).to[to]; ok {
			to = nx
		}
	}
	last := chain[len(chain)-1]
	fq := pageOf(last, q.File)
	if to == "" || fq == nil || last.docs[fq] == nil || !last.docs[fq].HasID(to) {
		return nil, ""
	}
	return fq, to
}

// newThere reports whether line (a body, placeBody) of page q of b is
// text new there, which another page's text can have gone to: not a
// line q's file had in a, nor one of its lines gone in b nearly the same
// (its own text edited in place or moved within it). 第六章's 附则 clause
// reworded ("…决策层。" → "…决策层所有。") in the revision that deleted
// 第四章's clause of the same words was said to be where that clause
// went.
func (s *siteRender) newThere(a, b *edition, q *content.Page, line string) bool {
	op := pageOf(a, q.File)
	if op == nil {
		return true
	}
	had, has := s.linesOf(a, op), s.linesOf(b, q)
	if had == nil || has == nil {
		return true
	}
	line = strings.TrimSpace(line)
	if had.has[line] {
		return false
	}
	for _, body := range had.bodies {
		if !has.has[body] && nearlySame(strings.TrimSpace(body), line) {
			return false
		}
	}
	return true
}

// up is a clause's ID n numbers up (职位职责.9.2, 1 up: 职位职责.9), as far
// as it has numbers: a line of a sub-item found where its item went.
func up(id string, n int) string {
	for ; n > 0; n-- {
		k := strings.LastIndexByte(id, '.')
		if k < 0 || !isNumber(id[k+1:]) {
			break
		}
		id = id[:k]
	}
	return id
}

// isNumber reports whether s is a clause's number: digits only.
func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
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

// splitParts names, as the page here shows them (shownPlace), the
// sections a section was split into (parts, headings' IDs), each
// followed through the steps after, leaving out those gone since.
func splitParts(after []*pageMoves, parts []string, here *markdown.Doc) []string {
	var out []string
	for _, id := range parts {
		for _, step := range after {
			if next, ok := step.to[id]; ok {
				id = next
			}
		}
		if name := shownPlace(here, id); id != "" && here.HasID(id) && name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// takenOverHeadings names the headings of old whose ID new gives
// another section while their own text went elsewhere or was deleted
// (lineMoves): #职位职责 (“职位职责：”) is now #职责与权利. A link to one
// opens the other section, and the page, having the ID, says nothing.
func takenOverHeadings(old, new *markdown.Doc) []string {
	to := docMoves(old, new).to
	var out []string
	for _, h := range old.Headings {
		if t, ok := to[h.ID]; ok && new.HasID(h.ID) {
			now := "deleted"
			if t != "" {
				now = "now #" + t
			}
			out = append(out, "#"+h.ID+" (“"+markdown.Typeset(h.Text)+"”, "+now+")")
		}
	}
	return out
}

// isHeading reports whether id is a heading's ID in doc.
func isHeading(doc *markdown.Doc, id string) bool {
	return slices.ContainsFunc(doc.Headings, func(h markdown.Heading) bool { return h.ID == id })
}

// docOf is the doc of ed's page made from file, nil when none is.
func docOf(ed *edition, file string) *markdown.Doc {
	if q := pageOf(ed, file); q != nil {
		return ed.docs[q]
	}
	return nil
}

// shownPlace names a heading or clause ID of doc as the page's script
// names a place (placeName in theme/ts/main.ts): its heading as the page
// shows it, quoted, and a clause's number: “部门基本职能：”第 2 条第 1 项;
// "" when doc has no such heading.
func shownPlace(doc *markdown.Doc, id string) string {
	var nums []string // a clause's numbers, last first
	for {
		for _, h := range doc.Headings {
			if h.ID == id {
				name := "“" + markdown.Typeset(h.Text) + "”"
				for k := len(nums) - 1; k >= 0; k-- {
					if k == len(nums)-1 {
						name += "第 " + nums[k] + " 条"
					} else {
						name += "第 " + nums[k] + " 项"
					}
				}
				return name
			}
		}
		k := strings.LastIndexByte(id, '.')
		if k < 0 {
			return ""
		}
		nums, id = append(nums, id[k+1:]), id[:k]
	}
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

// pageMoves is what became of the IDs a page had in one revision and
// has not in the next (moveStep).
type pageMoves struct {
	// to maps each such ID to the ID of the place its text is at in the
	// next revision, "" when it was deleted.
	to map[string]string
	// merged marks the headings whose section went into another one
	// (to), not renamed: 主要权限, whose clauses became 职位责任与权限's
	// 9–12 while 职位责任 was renamed 职位责任与权限.
	merged map[string]bool
	// split lists, for each heading whose section was split into
	// several (followClauses), the headings its clauses went to, in
	// their order: to is the first.
	split map[string][]string
	// renumbered are the clauses that took another number while their
	// old one is still the page's, given to another clause (clauseMoves).
	renumbered []clauseMove
}

// moveStep is what became of the IDs that edition a's page made from
// file has and b's has not (see lineMoves, followClauses), worked out
// once per build, pair and file (s.moveSteps): every edition after them
// follows the same steps. A page whose source is the same in both is not
// compared: a revision changes few. Never nil.
func (s *siteRender) moveStep(a, b *edition, file string) *pageMoves {
	key := moveKey{a, b, file}
	if m, ok := s.moveSteps.Load(key); ok {
		return m.(*pageMoves)
	}
	out := &pageMoves{}
	op, np := pageOf(a, file), pageOf(b, file)
	if op != nil && np != nil && a.docs[op] != nil && b.docs[np] != nil && !bytes.Equal(op.Source, np.Source) {
		out = docMoves(a.docs[op], b.docs[np])
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
// when every line of it was deleted. own marks the IDs whose place's
// first line (a heading's own) became the first line of their new
// place: a heading renamed, not its text put under another. A heading
// of old (oldHead; nil for none) whose ID the new page gives another
// section (taken over), and its clauses, are mapped too: A's 职位职责
// renamed 职责与权利 while C's 职位职责 (#职位职责-1) took #职位职责, as
// the first of that name now. Links to them open other text, and
// their own went elsewhere.
func lineMoves(oldText string, oldIDs []string, newText string, newIDs []string, newHas, oldHead func(string) bool) (out map[string]string, own map[string]bool) {
	out, own = map[string]string{}, map[string]bool{}
	first := func(ids []string) map[string]int {
		at := map[string]int{}
		for k, id := range ids {
			if _, ok := at[id]; !ok {
				at[id] = k + 1
			}
		}
		return at
	}
	firstOld, firstNew := first(oldIDs), first(newIDs)
	// Each line's pair: newOf[old line] is its line in new (0 when
	// deleted), oldOf[new line] the reverse.
	newOf, oldOf := make([]int, len(oldIDs)+1), make([]int, len(newIDs)+1)
	for _, h := range diff.Compare(oldText, newText, -1).Hunks {
		for _, l := range h.Lines {
			if l.Old >= 1 && l.Old <= len(oldIDs) && l.New >= 1 && l.New <= len(newIDs) {
				newOf[l.Old], oldOf[l.New] = l.New, l.Old
			}
		}
	}
	idAt := func(ids []string, n int) string {
		if n < 1 || n > len(ids) {
			return ""
		}
		return ids[n-1]
	}
	// takenOver reports whether heading h's ID is another section's in
	// new: its own line is not at h now, and h's line in new was no
	// line of h.
	taken := map[string]bool{}
	takenOver := func(h string) bool {
		if v, ok := taken[h]; ok {
			return v
		}
		v := oldHead != nil && oldHead(h) && idAt(newIDs, newOf[firstOld[h]]) != h && idAt(oldIDs, oldOf[firstNew[h]]) != h
		taken[h] = v
		return v
	}
	for k, id := range oldIDs {
		if id == "" {
			continue
		}
		to := idAt(newIDs, newOf[k+1])
		if newHas(id) {
			// Taken over, with its heading: mapped as if gone.
			if oldHead == nil || to == id {
				continue
			}
			h := id
			for !takenOver(h) && up(h, 1) != h {
				h = up(h, 1)
			}
			if !takenOver(h) {
				continue
			}
		}
		if cur, seen := out[id]; !seen || cur == "" && to != "" {
			out[id] = to
		}
		if to != "" && out[id] == to && firstOld[id] == k+1 && firstNew[to] == newOf[k+1] {
			own[id] = true
		}
	}
	return out, own
}

// followClauses makes a heading of old that new has not, whose own line
// went (to maps it to "" or to no heading), follow its clauses: to the
// heading of new under which most of them are now. A heading renamed
// past likeness (员工培训 → 培训安排), its line deleted and another put
// in, was said to be deleted while its clauses were followed. A section
// whose clauses went, none under most, to two or more headings was split
// (人员的培训's 试用期员工培训 and 在职培训 made sections of their own): it
// follows its first clause, and split lists where its clauses went, in
// their order. It returns too the headings whose section went into
// another (merged): one new had already, or one that another heading of
// old became.
func followClauses(to map[string]string, own map[string]bool, old, new *markdown.Doc) (merged map[string]bool, split map[string][]string) {
	heads := make(map[string]bool, len(new.Headings))
	for _, h := range new.Headings {
		heads[h.ID] = true
	}
	// The clauses of each section of old, in its order: its items' IDs,
	// heading ID and number.
	at := old.IDMap()
	clauses := map[string][]string{}
	for id := range at {
		if k := strings.LastIndexByte(id, '.'); k > 0 && isNumber(id[k+1:]) {
			clauses[id[:k]] = append(clauses[id[:k]], id)
		}
	}
	for _, h := range old.Headings {
		cur, gone := to[h.ID]
		if !gone || cur != "" && heads[cur] {
			continue
		}
		cs := clauses[h.ID]
		slices.SortFunc(cs, func(a, b string) int { return at[a] - at[b] })
		votes, most, best, went := map[string]int{}, 0, "", 0
		var parts []string
		for _, c := range cs {
			// Its place's heading: a clause's, or the heading it
			// became (试用期员工培训 → ## 试用期培训).
			t := up(to[c], 1)
			if !heads[t] {
				continue
			}
			went++
			if votes[t]++; votes[t] == 1 {
				parts = append(parts, t)
			}
			if n := votes[t]; n > most || n == most && t < best {
				most, best = n, t
			}
		}
		switch {
		case most*2 > len(cs):
			to[h.ID] = best
			delete(own, h.ID)
		case len(parts) > 1 && went*2 > len(cs):
			to[h.ID] = parts[0]
			delete(own, h.ID)
			if split == nil {
				split = map[string][]string{}
			}
			split[h.ID] = parts
		}
	}
	// Headings of old now at each heading of new.
	into := map[string]int{}
	for _, h := range old.Headings {
		if t, ok := to[h.ID]; ok && heads[t] && split[h.ID] == nil {
			into[t]++
		}
	}
	for _, h := range old.Headings {
		t, ok := to[h.ID]
		if !ok || !heads[t] || own[h.ID] || split[h.ID] != nil || !old.HasID(t) && into[t] < 2 {
			continue // renamed, split, or not a heading's place
		}
		if merged == nil {
			merged = map[string]bool{}
		}
		merged[h.ID] = true
	}
	return merged, split
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
