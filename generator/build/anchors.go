package build

import (
	"io/fs"
	"path"
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
	for i, q := range after {
		at[q.url] = i
	}
	var out diag.List
	for _, p := range before {
		i, ok := at[p.url]
		if !ok {
			out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(oldName, p.file),
				Msg:  "page " + p.title + " (" + p.url + ") is not in the new revision: every link to it breaks",
				Hint: "keep its slug if the page was renamed or moved"})
			continue
		}
		var lost []string
		for id := range p.ids {
			if _, kept := after[i].ids[id]; !kept {
				lost = append(lost, id)
			}
		}
		if len(lost) > 0 {
			slices.SortFunc(lost, func(x, y string) int { return p.ids[x] - p.ids[y] }) // in the page's order
			out.Add(diag.Diagnostic{Severity: diag.Warning, File: path.Join(newName, after[i].file),
				Msg:  "links to " + p.title + " (" + p.url + ") at IDs the revision before had will break: #" + strings.Join(lost, " #"),
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
