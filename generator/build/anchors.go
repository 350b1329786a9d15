package build

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/revision"
)

// LostAnchors compares the pages of two content trees, a revision (old)
// and the one published after it (new), and warns, per page of old, of
// the heading and clause IDs that new lacks: deep links such as
// /latest/performance/#三考核的原则 that stop working when a heading is
// renamed or a numbered clause moves. A page whose URL is gone is one
// warning. newName names new's tree in the warnings (e.g.
// "content/revisions/2026.2"). These are warnings, not errors: a
// revision may rightly drop a clause.
func LostAnchors(old, new fs.FS, oldName, newName string) (diag.List, error) {
	before, err := pageIDs(old, oldName)
	if err != nil {
		return nil, err
	}
	after, err := pageIDs(new, newName)
	if err != nil {
		return nil, err
	}
	at := make(map[string]int, len(after))
	had := make(map[string]map[string]int, len(before)) // IDs each address had
	for _, p := range before {
		had[p.url] = p.ids
	}
	byTitle, byFile := map[string]int{}, map[string]int{}
	for i, q := range after {
		at[q.url] = i
		byTitle[q.title] = i
		byFile[q.file] = i
	}
	var out diag.List
	for _, p := range before {
		i, ok := at[p.url]
		if !ok {
			// As movedTo pairs them: by title, else by file.
			j, moved := byTitle[p.title]
			if !moved {
				j, moved = byFile[p.file]
			}
			if moved {
				out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(newName, after[j].file),
					Msg:  "page " + p.title + " (" + p.url + ") is at " + after[j].url + " in the new revision: links to latest/" + p.url + " lead there by a redirect page, the link's #clause kept",
					Hint: "keep its slug if its address should not change"})
				continue
			}
			out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(oldName, p.file),
				Msg:  "page " + p.title + " (" + p.url + ") is not in the new revision: links to latest/" + p.url + " lead to a page saying in which revision it was deleted, and to it as it was; links to its clauses land on no heading",
				Hint: "keep its slug if the page was renamed or moved"})
			continue
		}
		var lost, elsewhere []string
		for id := range p.ids {
			if _, kept := after[i].ids[id]; kept {
				continue
			}
			// A section moved to another chapter keeps its ID there: the
			// page says where it went, with a link (movedIDs). One that
			// chapter had already (each chapter's 附则) is not where it
			// went.
			moved := ""
			for j, q := range after {
				_, ok := q.ids[id]
				_, existed := had[q.url][id]
				if ok && !existed && j != i {
					moved = q.title + " (" + q.url + ")"
					break
				}
			}
			if moved != "" {
				elsewhere = append(elsewhere, "#"+id+" to "+moved)
				continue
			}
			lost = append(lost, id)
		}
		if len(elsewhere) > 0 {
			slices.Sort(elsewhere)
			out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(newName, after[i].file),
				Msg:  "links to " + p.title + " (" + p.url + ") at IDs now on another page land on no heading there; the page tells a reader who follows one where the text went: " + strings.Join(elsewhere, "; "),
				Hint: "nothing to do if the section was meant to move; links within the handbook to it are checked and must name its new page"})
		}
		if len(lost) > 0 {
			slices.SortFunc(lost, func(x, y string) int { return p.ids[x] - p.ids[y] }) // in the page's order
			out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(newName, after[i].file),
				Msg:  "links to " + p.title + " (" + p.url + ") at IDs the revision before had no longer land on them (the page tells a reader who follows one where its text went, or that it was deleted): #" + strings.Join(lost, " #"),
				Hint: "a renamed heading keeps its old link with {#old-id} after it; a numbered clause's ID follows its place in its list"})
		}
	}
	return out, nil
}

type pageAnchors struct {
	file, url, title string
	ids              map[string]int // with their offsets in the page
}

// pageIDs reads the published pages of a content tree (drafts left out)
// with their heading and clause IDs.
func pageIDs(fsys fs.FS, name string) ([]pageAnchors, error) {
	tree, errs := content.Load(fsys, name)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	eng := engine(tree.Site.TrustHTML)
	var out []pageAnchors
	for _, p := range tree.Pages {
		a := pageAnchors{file: p.File, url: p.URL, title: titleOf(tree, p)}
		if !p.Generated {
			doc, _ := eng.Parse(p.File, p.Source, p.BodyOffset)
			a.ids = doc.IDMap()
		}
		out = append(out, a)
	}
	return out, nil
}

// The print page is one document: its one <h1> is the handbook's title
// (the cover), each chapter's title is an <h2>, and every heading of a
// chapter's body goes one level down under it (an <h6> stays one: HTML
// has no seventh level). Printed with an <h1> per chapter, a screen
// reader's and a PDF's outline had eight top-level headings, the
// handbook's title one of them, and a chapter's sections were at the
// level of the chapters.
var reHeadingTag = regexp.MustCompile(`<(/?)h([1-6])([\s>])`)

// printOutline moves the headings of a chapter's body (rendered, IDs
// already prefixed) one level down for the print page. A body that
// repeats the chapter's title as its # heading (titleID, prefixed, is
// its ID; "" when it does not) has that heading taken out: the chapter's
// <h2> shows the title once and takes the ID, returned as id, so a link
// to it still lands there.
func printOutline(body []byte, titleID string) (out []byte, id string) {
	if titleID != "" {
		open := []byte(`<h1 id="` + titleID + `"`)
		if i := bytes.Index(body, open); i >= 0 {
			if j := bytes.Index(body[i:], []byte("</h1>")); j >= 0 {
				end := i + j + len("</h1>")
				for end < len(body) && body[end] == '\n' {
					end++
				}
				body = append(body[:i:i], body[end:]...)
				id = titleID
			}
		}
	}
	out = reHeadingTag.ReplaceAllFunc(body, func(m []byte) []byte {
		level := m[len(m)-2] - '0'
		if level < 6 {
			level++
		}
		return append([]byte("<"+string(m[1:len(m)-3])+"h"), '0'+level, m[len(m)-1])
	})
	return out, id
}

// ReusedAnchors warns, in the last of revs (oldest first: the revision
// just published), of each heading or numbered clause at an ID that an
// earlier revision gave other text and a later one retired, moving that
// text elsewhere or deleting it: #职位职责.9 given to a new clause after
// 2026.2 moved the old ninth to #日常管理职责.1. A link made before the
// retirement (a bookmark, a chat message) opened the old text, and now
// silently opens the new: the page has the ID, so it has nothing to say
// (movedIDs speaks only of IDs a page lacks). The same text back at its
// ID (a clause restored) is no reuse. dir is the content folder, which
// names the revisions' files in the warnings.
func ReusedAnchors(revs []revision.Revision, dir string) (diag.List, error) {
	if len(revs) < 3 {
		return nil, nil
	}
	trees := make([]map[string]*markdown.Doc, len(revs))
	labels := make([]string, len(revs))
	whole := make([]*content.Tree, len(revs))
	for i, r := range revs {
		name := path.Join(dir, revision.Dir, r.Version)
		tree, errs := content.Load(r.Files, name)
		if err := errs.Err(); err != nil {
			return nil, err
		}
		eng := engine(tree.Site.TrustHTML)
		trees[i], labels[i] = map[string]*markdown.Doc{}, r.Version
		for _, p := range tree.Pages {
			if !p.Generated && p.File != "" {
				trees[i][p.File], _ = eng.Parse(p.File, p.Source, p.BodyOffset)
			}
		}
		whole[i] = tree
	}
	name := path.Join(dir, revision.Dir, revs[len(revs)-1].Version)
	out := reusedAddresses(whole, labels, func(p *content.Page) string { return path.Join(name, p.File) })
	for _, p := range whole[len(whole)-1].Pages {
		if p.Generated || p.File == "" {
			continue
		}
		docs := make([]*markdown.Doc, len(trees))
		for i, t := range trees {
			docs[i] = t[p.File]
		}
		out = append(out, reusedOnPage(docs, labels, path.Join(name, p.File), p.Source)...)
	}
	return out, nil
}

// reusedIDs is ReusedAnchors for the working copy, against the
// revisions published before it: said while the draft can still give
// the new text an ID of its own. Nil when the draft is not built or
// there are not two revisions before it.
func reusedIDs(eds []*edition) diag.List {
	var chain []*edition
	var draft *edition
	for _, e := range eds {
		switch {
		case e.status == statusDraft:
			draft = e
		case e.published:
			chain = append(chain, e)
		}
	}
	sortByEffective(chain)
	if draft == nil {
		// The revision in force, each build: its chapter at an address
		// an earlier one had leads that one's old links to it.
		for i, e := range chain {
			if e.status == statusCurrent {
				return reusedAddresses(treesOf(chain[:i+1]), labelsOf(chain[:i+1]), e.display)
			}
		}
		return nil
	}
	if len(chain) < 2 {
		return nil
	}
	chain = append(chain, draft)
	labels := labelsOf(chain)
	out := reusedAddresses(treesOf(chain), labels, draft.display)
	for _, p := range draft.tree.Pages {
		if p.Generated || p.File == "" || draft.docs[p] == nil {
			continue
		}
		docs := make([]*markdown.Doc, len(chain))
		for i, e := range chain {
			if q := pageOf(e, p.File); q != nil {
				docs[i] = e.docs[q]
			}
		}
		out = append(out, reusedOnPage(docs, labels, draft.display(p), p.Source)...)
	}
	return out
}

// labelsOf and treesOf are the editions' labels and content trees.
func labelsOf(eds []*edition) []string {
	out := make([]string, len(eds))
	for i, e := range eds {
		out[i] = e.label
	}
	return out
}

func treesOf(eds []*edition) []*content.Tree {
	out := make([]*content.Tree, len(eds))
	for i, e := range eds {
		out[i] = e.tree
	}
	return out
}

// reSlugLine finds the slug line of a page's front matter.
var reSlugLine = regexp.MustCompile(`(?m)^[ \t]*slug[ \t]*[:=]`)

// reusedAddresses warns of each page of the last of trees (oldest
// first; labels name them) at an address that the tree before had no
// page at and an earlier one gave another chapter, which a revision
// after it deleted or moved: links to latest/<address> made before then,
// and the link to the revision in force on that chapter's old pages, now
// open this one, with nothing to say so (a deleted chapter's address
// otherwise says it was deleted; a moved one's leads to its new one).
// The same chapter back (its file or title) is no reuse. display names
// a page's file in the warnings.
func reusedAddresses(trees []*content.Tree, labels []string, display func(*content.Page) string) diag.List {
	n := len(trees)
	if n < 3 || trees[n-1] == nil || trees[n-2] == nil {
		return nil
	}
	byURL := make([]map[string]*content.Page, n)
	at := func(i int, url string) *content.Page {
		if trees[i] == nil {
			return nil
		}
		if byURL[i] == nil {
			byURL[i] = map[string]*content.Page{}
			for _, q := range trees[i].Pages {
				if !q.Generated && q.File != "" {
					byURL[i][q.URL] = q
				}
			}
		}
		return byURL[i][url]
	}
	now := trees[n-1]
	var out diag.List
	for _, p := range now.Pages {
		if p.Generated || p.File == "" || p.URL == "" || at(n-2, p.URL) != nil {
			continue
		}
		k := n - 3
		for k >= 0 && at(k, p.URL) == nil {
			k--
		}
		if k < 0 {
			continue // a new address
		}
		old := at(k, p.URL)
		was := titleOf(trees[k], old)
		if old.File == p.File || was == titleOf(now, p) {
			continue // the same chapter back
		}
		gone, hint := labels[k+1]+" deleted it", "lead to the page saying in which revision it was deleted"
		if next := trees[k+1]; next != nil {
			for _, q := range next.Pages {
				if !q.Generated && q.File != "" && (q.File == old.File || titleOf(next, q) == was) {
					gone, hint = labels[k+1]+" moved it to "+q.URL, "lead to its new address"
					break
				}
			}
		}
		offset := 0
		if p.Slug != "" {
			if loc := reSlugLine.FindIndex(p.Source[:p.BodyOffset]); loc != nil {
				offset = loc[0]
			}
		}
		d := diag.At(display(p), p.Source, offset, "this page's address "+p.URL+" was "+was+"'s until revision "+gone+
			": links to latest/"+p.URL+" made before "+labels[k+1]+", and the link to the revision in force on "+was+"'s pages in earlier revisions, now open this page instead, and nothing tells their readers",
			"give this page another slug in its front matter, so old links to "+was+" "+hint)
		d.Severity = diag.Warning
		out = append(out, d)
	}
	return out
}

// reusedOnPage warns of the IDs a page reuses (ReusedAnchors): docs are
// its text in each revision, oldest first (nil where it was not), labels
// the revisions' names; file names the page in the last, whose source is
// src.
func reusedOnPage(docs []*markdown.Doc, labels []string, file string, src []byte) diag.List {
	n := len(docs)
	if n < 3 || docs[n-1] == nil || docs[n-2] == nil {
		return nil
	}
	now, before := docs[n-1], docs[n-2]
	texts := map[*markdown.Doc]map[string]string{}
	textOf := func(d *markdown.Doc, id string) string {
		if texts[d] == nil {
			texts[d] = placeTexts(d)
		}
		return texts[d][id]
	}
	ids := now.IDMap()
	moves := map[int]*pageMoves{}
	var out diag.List
	for _, id := range slices.SortedFunc(maps.Keys(ids), func(a, b string) int { return ids[a] - ids[b] }) {
		if before.HasID(id) {
			continue // kept, or reused already and warned of then
		}
		k := n - 3
		for k >= 0 && (docs[k] == nil || !docs[k].HasID(id)) {
			k--
		}
		if k < 0 {
			continue // a new ID
		}
		was := textOf(docs[k], id)
		if nearlySame(was, textOf(now, id)) {
			continue // the same text back: old links are right again
		}
		what, hint := "heading", "give this heading an ID no earlier revision used, with {#…} after its text"
		if i := strings.LastIndexByte(id, '.'); i > 0 && isNumber(id[i+1:]) {
			what, hint = "clause", "a clause's ID is its heading's and its number: give the heading an ID no earlier revision used, with {#…} after its text (its other clauses take it too)"
		}
		gone := labels[k+1] + " deleted it"
		if docs[k+1] == nil {
			gone = labels[k+1] + " dropped its page"
		} else {
			if moves[k] == nil {
				moves[k] = docMoves(docs[k], docs[k+1]) // once for each pair of revisions
			}
			if to := moves[k].to[id]; to != "" {
				gone = labels[k+1] + " moved it to #" + to
			}
		}
		first, _, _ := strings.Cut(was, "\n")
		d := diag.At(file, src, ids[id], "#"+id+" was another "+what+" (“"+excerpt(first, 12)+"”) until revision "+gone+
			": links to #"+id+" made before "+labels[k+1]+" now open this "+what+" instead, and nothing on the page tells their readers",
			hint+"; or say in the revision's note that old links to #"+id+" now lead here")
		d.Severity = diag.Warning
		out = append(out, d)
	}
	return out
}

// placeTexts is the reader text of each place of a page by its ID, line
// bodies only (placeBody): a heading's whole section, a clause with its
// items.
func placeTexts(d *markdown.Doc) map[string]string {
	r := newReaderLines(d)
	out := map[string]string{}
	for k, b := range r.bodies {
		if k >= len(r.ids) || r.ids[k] == "" {
			continue
		}
		for id := r.ids[k]; ; id = up(id, 1) {
			out[id] += b + "\n"
			if up(id, 1) == id {
				break
			}
		}
	}
	return out
}
