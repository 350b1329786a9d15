package build

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
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
			// page says where it went, with a link (movedIDs).
			moved := ""
			for j, q := range after {
				if _, ok := q.ids[id]; ok && j != i {
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
