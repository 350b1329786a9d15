package build

import (
	"net/url"
	"path"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// checkLinks verifies every link of the edition's pages: a link to another
// page must name an existing page (as its .md file or its URL) and a
// #fragment must name an ID on that page. Links to .md files are rewritten
// to the page's URL, relative to the linking page so the same HTML works
// under /latest/ and /v/<version>/.
func checkLinks(ed *edition, errs *diag.List) {
	byFile := map[string]*content.Page{}
	byURL := map[string]*content.Page{}
	for _, p := range ed.tree.Pages {
		byFile[p.File] = p
		byURL[p.URL] = p
	}
	generated := map[string]bool{"": true, "print/": true, "search/": true}
	if ed.calc != nil {
		generated["calculator/"] = true
	}
	pages := ed.tree.Pages
	perPage := make([]diag.List, len(pages))
	_ = parallel(len(pages), func(k int) error {
		p := pages[k]
		errs := &perPage[k]
		doc := ed.docs[p]
		file := ed.display(p)
		for i, l := range doc.Links {
			dest := l.Dest
			if dest == "" {
				continue
			}
			u, ok := plainLink(dest)
			if !ok {
				parsed, err := url.Parse(dest)
				if err != nil {
					errs.Add(diag.At(file, p.Source, l.Offset, "link "+quote(dest)+" is not a valid URL", "check the link's brackets and spaces"))
					continue
				}
				if parsed.Scheme != "" || parsed.Host != "" || strings.HasPrefix(dest, "//") {
					continue // outside the handbook: not checked, never fetched by the page
				}
				u = localLink{Path: parsed.Path, Fragment: parsed.Fragment}
			}
			if strings.HasPrefix(u.Path, "/") {
				errs.Add(diag.At(file, p.Source, l.Offset, "link "+quote(dest)+" is an absolute path",
					"link to the chapter's file instead, e.g. 06-performance.md#销售人员奖惩办法, so the link works in every revision and under any base path"))
				continue
			}
			frag := u.Fragment
			var target *content.Page
			switch {
			case u.Path == "":
				target = p
			case strings.HasSuffix(u.Path, ".md"):
				target = byFile[path.Join(path.Dir(p.File), u.Path)]
				if target == nil {
					errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": there is no such page",
						"check the file name; pages here: "+listFiles(ed.tree.Pages)))
					continue
				}
			default:
				rel := path.Join(path.Dir(strings.TrimSuffix("/"+p.URL, "/")), u.Path)
				rel = strings.TrimPrefix(rel, "/")
				if rel != "" && rel != "." {
					rel += "/"
				} else {
					rel = ""
				}
				target = byURL[rel]
				if target == nil && !generated[rel] {
					errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": there is no such page in this handbook",
						"link to the chapter's Markdown file, e.g. 06-performance.md"))
					continue
				}
			}
			if frag != "" && target != nil {
				if _, ok := ed.docs[target].IDs[frag]; !ok {
					errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(dest)+": "+ed.display(target)+" has no heading or clause #"+frag,
						suggestIDs(ed.docs[target], frag)))
					continue
				}
			}
			if target != nil && target != p {
				out := relURL(p.URL, target.URL)
				if frag != "" {
					out += "#" + frag
				}
				doc.SetLinkDest(i, out)
			}
		}
		return nil
	})
	for _, l := range perPage {
		*errs = append(*errs, l...)
	}
}

// localLink is a link inside the handbook: a path (a page's file or URL,
// relative) and a fragment, both unescaped.
type localLink struct{ Path, Fragment string }

// plainLink splits the links url.Parse would not change, the usual kind
// ("06-performance.md#销售人员奖惩办法", "#一业绩考评"), without it: 54,000
// links of a 10,000-page tree are checked again on every rebuild. ok is
// false for any link with a scheme, a query, an escape, a space or a
// control character, or starting with "//": those go through url.Parse.
func plainLink(dest string) (localLink, bool) {
	if strings.HasPrefix(dest, "//") {
		return localLink{}, false
	}
	for i := 0; i < len(dest); i++ {
		switch c := dest[i]; {
		case c <= ' ' || c == 0x7f || c == ':' || c == '%' || c == '?' || c == '\\':
			return localLink{}, false
		}
	}
	p, frag, _ := strings.Cut(dest, "#")
	return localLink{Path: p, Fragment: frag}, true
}

// relURL is the relative URL from one page URL to another ("a/b/" → "c/"
// is "../../c/").
func relURL(from, to string) string {
	depth := strings.Count(from, "/")
	return strings.Repeat("../", depth) + to
}

func quote(s string) string { return "“" + s + "”" }

func listFiles(pages []*content.Page) string {
	var names []string
	for i, p := range pages {
		if i == 8 {
			names = append(names, "…")
			break
		}
		names = append(names, p.File)
	}
	return strings.Join(names, ", ")
}

// suggestIDs names the IDs closest to a missing one, so a typo is easy to
// fix.
func suggestIDs(doc *markdown.Doc, want string) string {
	var best []string
	for _, h := range doc.Headings {
		if strings.Contains(h.ID, want) || strings.Contains(want, h.ID) || sharedRunes(h.ID, want) >= 2 {
			best = append(best, "#"+h.ID)
		}
		if len(best) == 5 {
			break
		}
	}
	if len(best) == 0 {
		for i, h := range doc.Headings {
			if i == 5 {
				break
			}
			best = append(best, "#"+h.ID)
		}
	}
	return "check the anchor; IDs on that page include " + strings.Join(best, " ")
}

func sharedRunes(a, b string) int {
	set := map[rune]bool{}
	for _, r := range a {
		set[r] = true
	}
	n := 0
	for _, r := range b {
		if set[r] {
			n++
			delete(set, r)
		}
	}
	return n
}
