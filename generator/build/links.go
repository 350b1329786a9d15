package build

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// checkLinks verifies every link of the edition's pages: a link to another
// page must name an existing page (as its .md file or its URL) and a
// #fragment must name an ID on that page. Links to .md files are rewritten
// to the page's URL, relative to the linking page so the same HTML works
// under /latest/ and /v/<version>/.
//
// A page whose source and edition world are the last successful build's
// (ed.sameWorld, ed.reused) had the same links checked then, with the
// same pages and IDs to find: it is not checked again, and its links are
// rewritten only if it is rendered (ensureLinks).
func checkLinks(ed *edition, errs *diag.List) {
	ix := &linkIndex{
		byFile:    make(map[string]*content.Page, len(ed.tree.Pages)),
		byURL:     make(map[string]*content.Page, len(ed.tree.Pages)),
		generated: map[string]bool{"": true, "print/": hasPrintPage(ed), "search/": true},
		deferred:  map[*content.Page]*sync.Once{},
	}
	for i, p := range ed.tree.Pages {
		ix.byFile[p.File] = p
		ix.byURL[p.URL] = p
		if ed.sameWorld && ed.reused[i] {
			ix.deferred[p] = new(sync.Once)
		}
	}
	if ed.calc != nil {
		ix.generated["calculator/"] = true
	}
	ed.links = ix
	// Aliases first: a link may name a page by one (Hugo's url: too).
	checkAliases(ed, errs)
	pages := ed.tree.Pages
	perPage := make([]diag.List, len(pages))
	_ = parallel(len(pages), func(k int) error {
		if p := pages[k]; ix.deferred[p] == nil {
			resolveLinks(ed, p, &perPage[k])
		}
		return nil
	})
	for _, l := range perPage {
		*errs = append(*errs, l...)
	}
}

// byAlias is the page one of whose aliases (or Hugo url:) is the address
// rel, from the edition's root: a link to it, written for the Hugo site
// where that was the page's address, is a link to the page.
func (ix *linkIndex) byAlias(rel string) *content.Page {
	if r := strings.TrimSuffix(rel, "/"); path.Ext(r) == ".html" || path.Ext(r) == ".htm" {
		return ix.aliases[r]
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		return ix.aliases[rel+"index.html"]
	}
	return nil
}

// linkIndex is what resolving an edition's links looks pages up in.
type linkIndex struct {
	byFile, byURL map[string]*content.Page
	generated     map[string]bool // URLs of pages the build makes itself
	deferred      map[*content.Page]*sync.Once
	// aliases maps the file of each alias's redirect page, from the
	// site's root, to its page (checkAliases).
	aliases map[string]*content.Page
	// byName lists the pages by file name without its extension, for
	// wiki links ([[考勤制度]]); made when the first one is met.
	byNameOnce sync.Once
	byName     map[string][]*content.Page
	filesOnce  sync.Once
	files      fileNames // the tree's files by name, for ![[file]] (wikiFile)
}

// ensureLinks rewrites the links of a page checkLinks left unchecked,
// once, before the page is rendered or its doc's key is taken. They were
// found good by the last build, in the same world; an error now means the
// cache is wrong, and is reported rather than rendered.
func ensureLinks(ed *edition, p *content.Page) error {
	if ed.links == nil {
		return nil
	}
	o := ed.links.deferred[p]
	if o == nil {
		return nil
	}
	var errs diag.List
	o.Do(func() { resolveLinks(ed, p, &errs) })
	if errs.HasErrors() {
		return fmt.Errorf("build cache: %s: a link found good by the last build is not now (%v); build again with -full", ed.display(p), errs.Err())
	}
	return nil
}

// resolveLinks checks one page's links and rewrites those to other pages.
func resolveLinks(ed *edition, p *content.Page, errs *diag.List) {
	ix := ed.links
	doc := ed.docs[p]
	file := ed.display(p)
	pageDir := path.Dir(p.File)
	for i, l := range doc.Links {
		dest := l.Dest
		if l.Kind == markdown.LinkWiki {
			resolveWiki(ed, p, i, l, errs)
			continue
		}
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
			u = localLink{Path: parsed.Path, Fragment: parsed.Fragment, Query: parsed.RawQuery}
		}
		// A path from the top, as Hugo sites write them ("/docs/config/",
		// "/images/a.png"), is read from the top of the tree: the page or
		// file it names, rewritten relative like any other link.
		dir, upath := pageDir, u.Path
		rooted := strings.HasPrefix(upath, "/")
		if rooted {
			dir, upath = "", strings.TrimLeft(upath, "/")
		}
		frag := u.Fragment
		if strings.Contains(upath, `\`) {
			// Written with Windows' separator (规章\考勤.md), which a
			// browser reads as / but a file name may hold: said as such,
			// where "no such page" left the \ to be spotted.
			slashed := strings.ReplaceAll(upath, `\`, "/")
			errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": a link's folders are separated by /, not \\",
				"write it "+quote(strings.ReplaceAll(u.Path, `\`, "/"))+whereItIs(ix, ed, dir, slashed)))
			continue
		}
		var target *content.Page
		switch {
		case l.Kind == markdown.LinkRef:
			// Hugo's ref and relref name a page by its file.
			name, draft := refFile(ix, ed.tree.Drafts, pageDir, u.Path)
			if target = ix.byFile[name]; u.Path == "" {
				target = p
			}
			if target == nil && !draft {
				var cands []*content.Page
				if target, cands = refByName(ed, u.Path); len(cands) > 1 {
					var files []string
					for _, c := range cands {
						files = append(files, ed.display(c))
					}
					errs.Add(diag.At(file, p.Source, l.Offset, "Hugo ref "+quote(dest)+": more than one page has that file name ("+strings.Join(files, ", ")+")",
						"write the page's path from the top of the source folder, as Hugo asks of an ambiguous ref: {{< ref \"/"+cands[0].File+"\" >}}"))
					continue
				}
			}
			if target == nil {
				what, hint := "there is no such page", "a ref names a page's Markdown file, as Hugo reads it: from the page's folder ("+pageDir+"/), else from the top of the source folder; pages here: "+listFiles(ed.tree.Pages, path.Join(pageDir, u.Path))
				if draft {
					what, hint = "that page is a draft (draft: true), left out of this build", "publish the page (remove draft: true) or remove the link; handbook serve and build -drafts show drafts"
				}
				errs.Add(diag.At(file, p.Source, l.Offset, "Hugo ref "+quote(dest)+": "+what, hint))
				continue
			}
		case upath == "" && !rooted:
			target = p
		case content.IsPageFile(upath):
			target = ix.byFile[path.Join(dir, upath)]
			if target == nil && slices.Contains(ed.tree.Drafts, path.Join(dir, upath)) {
				errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": that page is a draft (draft: true), left out of this build",
					"publish the page (remove draft: true) or remove the link; handbook serve and build -drafts show drafts"))
				continue
			}
			if why, ok := ed.tree.Unrendered[path.Join(dir, upath)]; target == nil && ok {
				errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": that page is not published, as in Hugo: "+why,
					"remove the link, or the front matter that keeps the page out to publish it"))
				continue
			}
			if target == nil {
				errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": there is no such page",
					rootedHint(rooted, "check the file name; pages here: "+listFiles(ed.tree.Pages, path.Join(dir, upath)))))
				continue
			}
		case ed.resources[path.Join(dir, upath)] || rooted && ed.resources[path.Join(hugoStatic, upath)]:
			src := path.Join(dir, upath)
			if !ed.resources[src] {
				src = path.Join(hugoStatic, upath) // a Hugo site's static/ file (collectResources)
			}
			out := relURL(p.URL, src)
			if u.Query != "" {
				out += "?" + u.Query
			}
			if frag != "" {
				out += "#" + frag
			}
			doc.SetLinkDest(i, out)
			continue
		default:
			// A URL is read as a browser reads it on the page
			// (docs/install/ → docs/install/), as the Hugo site
			// published it as written ("../config/" is docs/config/)
			// ...
			from := p.URL
			if rooted {
				from = ""
			}
			rel := urlPath(from, upath)
			target = ix.byURL[rel]
			near := rel // for a hint: the URL as read from the file
			if target == nil && !ix.generated[rel] && !rooted {
				// ... or, failing that, from the folder of the page's
				// file, as a file is (docs/install.md → docs/).
				alt := urlPath(folderURL(p), upath)
				if ix.byURL[alt] != nil || ix.generated[alt] {
					rel, target = alt, ix.byURL[alt]
				}
				near = alt
			}
			if target == nil && !ix.generated[rel] {
				target = ix.byAlias(rel)
			}
			if target == nil && !ix.generated[rel] && path.Ext(upath) != "" && !strings.HasSuffix(upath, "/") {
				if src := path.Join(dir, upath); ed.fsys != nil && fileIn(ed.fsys, src) && unpublishable(ed, src) != "" {
					continue // the file is there, and collectResources said why it cannot be published
				}
				hint := "put the file in the source folder (a path is relative to the page's own file, " + ed.display(p) + "), or link to a page by its Markdown file"
				if rooted {
					ext := path.Ext(upath)
					hint = "link to the file by its path from the page's own file (e.g. images/a" + ext + " or ../images/a" + ext + "), or from the top of the source folder (/images/a" + ext + "): a file a page links to is published with it, under every revision and base path; a Hugo site's static/ files go into the source folder (its static/ folder copied in as it is works too: /images/a" + ext + " is then found as static/images/a" + ext + ")"
				}
				errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": there is no such file or page", hint))
				continue
			}
			if target == nil && !ix.generated[rel] {
				if f := cmp.Or(ed.tree.DraftURLs[rel], ed.tree.DraftURLs[near]); f != "" {
					errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": that page ("+path.Join(ed.srcName, f)+") is a draft (draft: true), left out of this build",
						"publish the page (remove draft: true) or remove the link; handbook serve and build -drafts show drafts"))
					continue
				}
				hint := rootedHint(rooted, "link to the page's Markdown file; pages here: "+listFiles(ed.tree.Pages, near))
				if rel == "print/" || near == "print/" {
					hint = fmt.Sprintf("a handbook of more than %d pages has no print page (it would be too big to print in one go): link to the pages to print instead", maxPrintPages)
				}
				errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(u.Path)+": there is no such page in this handbook", hint))
				continue
			}
			if target == nil {
				// A page the build makes (the home, print, search),
				// rewritten from the page's URL as any other: the
				// link is written from the file's folder.
				out := relURL(p.URL, rel)
				if frag != "" {
					out += "#" + frag
				}
				doc.SetLinkDest(i, out)
				continue
			}
		}
		byText := false // the fragment was a heading's text
		if frag != "" && target != nil {
			if doc := ed.docs[target]; !doc.HasID(frag) {
				// A heading named by its text, as Obsidian and
				// Typora link to one (#第一条%20目的, #一、总则),
				// leads to it.
				if id, ok := headingID(doc, frag); ok {
					frag, byText = id, true
				}
			}
			if !ed.docs[target].HasID(frag) {
				errs.Add(diag.At(file, p.Source, l.Offset, "link to "+quote(dest)+": "+ed.display(target)+" has no heading or clause #"+frag,
					suggestIDs(ed.docs[target], target.Source, frag)))
				continue
			}
		}
		if target != p || u.Path != "" || byText {
			// The page's own file or URL is the page too: "#…" (the
			// file is not published, and the URL is written from
			// another folder).
			out := relURL(p.URL, target.URL)
			if target == p && frag != "" {
				out = ""
			}
			if frag != "" {
				out += "#" + frag
			}
			doc.SetLinkDest(i, out)
		}
	}
}

// refFile is the page file a Hugo ref names ("leave.md", "leave",
// "hr/leave", "/hr/_index.md", "" for the page itself), as Hugo finds it:
// from the linking page's folder, else from the top; a path without an
// extension is a page file or a folder's _index.md or index.md. draft is
// whether the first file found is a page left out as a draft.
func refFile(ix *linkIndex, drafts []string, pageDir, ref string) (file string, draft bool) {
	if ref == "" {
		return "", false // resolved by the caller as the page itself
	}
	dirs := []string{pageDir, ""}
	if strings.HasPrefix(ref, "/") {
		dirs = dirs[1:]
	}
	for _, dir := range dirs {
		base := path.Join(dir, strings.Trim(ref, "/"))
		cands := []string{base}
		switch {
		case base == "":
			// "/", the home page, as Hugo reads it.
			cands = []string{"_index.md", "_index.markdown", "index.md", "index.markdown"}
		case !content.IsPageFile(base):
			cands = []string{base + ".md", base + ".markdown", base + "/_index.md", base + "/index.md"}
		}
		for _, c := range cands {
			if ix.byFile[c] != nil {
				return c, false
			}
			if slices.Contains(drafts, c) {
				return c, true
			}
		}
	}
	return "", false
}

// urlPath is the page URL a link's path names from folder dir ("" is
// the top): "docs", "../faq/" is "faq/"; the top itself is "".
func urlPath(dir, p string) string {
	rel := strings.TrimPrefix(path.Join("/"+dir, p), "/")
	if rel == "" || rel == "." {
		return ""
	}
	return rel + "/"
}

// folderURL is the URL of the folder a page's file is in: a section's
// _index.md and a bundle's index.md are that folder's page, any other
// page is one below it.
func folderURL(p *content.Page) string {
	base := path.Base(p.File)
	if p.IsIndex || p.Generated || strings.EqualFold(strings.TrimSuffix(base, path.Ext(base)), "index") && strings.Contains(p.File, "/") {
		return p.URL
	}
	return path.Dir(strings.TrimSuffix("/"+p.URL, "/"))
}

// rootedHint adds, to the hint of a path from the top that names no
// page, how such a path is read.
func rootedHint(rooted bool, hint string) string {
	if !rooted {
		return hint
	}
	return "a path starting with / is read from the top of the source folder, as Hugo reads it (/docs/setup/ is docs/setup.md or docs/setup/_index.md); " + hint
}

// localLink is a link inside the handbook: a path (a page's file or URL,
// relative) and a fragment, both unescaped, and a query (kept on a link
// to a file, as written).
type localLink struct{ Path, Fragment, Query string }

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
	if depth == 0 && to == "" {
		return "./" // the edition's root from itself: href="" would be no link on the print page
	}
	return strings.Repeat("../", depth) + to
}

func quote(s string) string { return "“" + s + "”" }

// listFiles names up to eight pages for a hint: all of a small tree's,
// or, in a big one, those whose file is most like the one asked for (in
// the same folder first), so a typo in a 2,000-page tree finds its page.
func listFiles(pages []*content.Page, want string) string {
	// A section's page made for a folder without an _index.md has no
	// file to name.
	pages = slices.DeleteFunc(slices.Clone(pages), func(p *content.Page) bool { return p.Generated })
	for _, p := range pages {
		// A tree written on macOS or Windows, whose file systems let
		// Docs/Setup.md open docs/setup.md: say which file it is.
		if strings.EqualFold(p.File, want) && p.File != want || !content.IsPageFile(want) && strings.EqualFold(p.URL, want) && p.URL != want {
			return p.File + " (the letters' case differs: links are exact, as on the web server)"
		}
	}
	picked := pages
	if len(pages) > 8 {
		score := func(p *content.Page) int {
			n := sharedRunes(path.Base(want), path.Base(p.File))
			if path.Dir(p.File) == path.Dir(want) {
				n += 1000
			}
			return n
		}
		slices.SortStableFunc(picked, func(a, b *content.Page) int { return score(b) - score(a) })
		picked = picked[:8]
	}
	var names []string
	for _, p := range picked {
		names = append(names, p.File)
	}
	if len(pages) > 8 {
		names = append(names, "…")
	}
	return strings.Join(names, ", ")
}

// suggestIDs names the IDs closest to a missing one, so a typo is easy to
// fix.
func suggestIDs(doc *markdown.Doc, src []byte, want string) string {
	// A clause past the last of its heading's items (#奖惩办法.9): the
	// items it has, as the rules' check says, not IDs like the number.
	if head := clauseHead(want); head != want && doc.HasID(head) {
		nums := clauseItems(doc, head)
		if len(nums) == 0 {
			return "#" + head + " has no numbered items: link to the heading itself, #" + head
		}
		return "#" + head + " has " + itemsPhrase(nums) + ": link to one of them (#" + head + "." + strconv.Itoa(nums[0]) + "), or to the heading itself, #" + head
	}
	// An ID written on two headings ({#办法} changed to {#指标}, another
	// heading's) most likely took the place of the one linked to: the
	// twin's clauses are another part of the text, no fix for the link.
	lines := map[string][]string{}
	for _, h := range doc.Headings {
		line := 0
		if h.Offset <= len(src) {
			line, _ = diag.Position(src, h.Offset)
		}
		lines[h.ID] = append(lines[h.ID], strconv.Itoa(line))
	}
	head := clauseHead(want)
	for _, h := range doc.Headings {
		if l := lines[h.ID]; len(l) > 1 {
			return "{#" + h.ID + "} is on " + strconv.Itoa(len(l)) + " headings of that page (lines " + strings.Join(l, " and ") +
				"): if one of them is the heading of #" + head + ", write {#" + head + "} in its place"
		}
	}
	var best []string
	for _, h := range doc.Headings {
		if slices.Contains(best, "#"+h.ID) {
			continue
		}
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
	if len(best) == 0 {
		// The hint ended in "include " and nothing.
		return "that page has no headings to link to: link to the page itself, without #" + want
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

// Aliases are a page's old addresses, as a Hugo site's front matter
// lists them (aliases: [/old/leave/]): each is a path from the site's
// root, where a small page sends the reader on to the page in force,
// under latest/, so bookmarks and links to the old site keep working.
// One with a "/" but not leading is from the page's folder, as Hugo
// reads it; one copied from the address bar (/%E6%97%A7/) is read
// unescaped. One without a "/" (and no .html file) is a name, as
// Obsidian's aliases are (aliasIsName).

// checkAliases finds the file of each alias's redirect page and reports
// an alias that is not a path on this site, names the build's own
// addresses, or is another page's too. In a published revision, which
// cannot be corrected, such an alias is a warning and is left out.
func checkAliases(ed *edition, errs *diag.List) {
	seen := map[string]*content.Page{}
	for _, p := range ed.tree.Pages {
		for _, a := range p.Aliases {
			if aliasIsName(a) {
				continue // a name for wiki links, not an address
			}
			file, why, hint := aliasFile(p, a)
			if file == "" && why == "" {
				// The site's root, which leads to the home page of the
				// handbook in force: it cannot lead to this page too.
				if !p.IsIndex || path.Dir(p.File) != "." {
					d := diag.At(ed.display(p), p.Source, aliasOffset(p, a), "alias "+quote(a)+" is the site's root, which leads to the home page: it does not lead to this page",
						"remove it, or make this page the home page (the _index.md at the top of the source folder)")
					d.Severity = diag.Warning
					errs.Add(d)
				}
				continue
			}
			if q := seen[file]; why == "" && q != nil && q != p {
				why, hint = "the page "+ed.display(q)+" has it too", "keep the alias on the one page the old address showed"
			}
			if why != "" {
				d := diag.At(ed.display(p), p.Source, aliasOffset(p, a), "alias "+quote(a)+": "+why, hint)
				if ed.published {
					d.Severity = diag.Warning
				}
				errs.Add(d)
				continue
			}
			seen[file] = p
		}
	}
	ed.links.aliases = seen
}

// aliasIsName reports whether an alias is a note's other name, as
// Obsidian's aliases are ([[打卡制度]] for 考勤制度.md), rather than an
// old address, as Hugo's are: it has no "/" and is no .html file. (Hugo
// reads such an alias from the page's folder; Obsidian vaults have many,
// Hugo sites few.)
func aliasIsName(a string) bool {
	ext := strings.ToLower(path.Ext(a))
	return !strings.Contains(a, "/") && ext != ".html" && ext != ".htm"
}

// siteOwn are the names at the site's root that the build writes.
var siteOwn = map[string]bool{
	"latest": true, "v": true, "draft": true, "changelog": true, "assets": true,
	"index.html": true, "404.html": true, "sw.js": true, "precache.json": true,
}

// aliasFile is the file, from the site's root, of the redirect page for
// alias a of page p: "/old/leave/" is old/leave/index.html, "/old.html"
// is old.html. why and hint say what is wrong with an alias that has none.
func aliasFile(p *content.Page, a string) (file, why, hint string) {
	const pathHint = "write the old address's path from the site's root: /old/leave/ for https://example.com/old/leave/"
	u, err := url.Parse(a)
	switch {
	case strings.TrimSpace(a) == "":
		return "", "is empty", pathHint
	case err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(a, "//"):
		return "", "is not a path on this site", pathHint
	case strings.ContainsFunc(a, func(r rune) bool { return r == '\\' || r < ' ' || r == 0x7f }):
		// A browser reads \ in a URL's path as /, so a page named with
		// one answers no address; and on Windows the build would write it
		// where the \ leads, "/a/..\..\x/" outside the site's folder.
		return "", "has a \\ or a control character: a browser reads \\ as /, so no address would reach it", "write the path with /, e.g. /old/leave/"
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(a, "?#"):
		return "", "a redirect page answers a path, not a ?query or #anchor", "remove what follows the ? or #"
	}
	rel := u.Path
	if !strings.HasPrefix(rel, "/") {
		rel = path.Join(strings.TrimPrefix(folderURL(p), "/"), rel)
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return "", "leads out of the site", "write the old address's path from the site's root, starting with /"
		}
	}
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case rel == "":
		return "", "", "" // the site's root, which leads to the handbook in force already
	case siteOwn[top] || rel == "index.html":
		return "", "the address is the build's own (" + top + ")", "remove it: the pages under latest/, v/ and draft/ keep their addresses"
	}
	if ext := path.Ext(rel); ext == ".html" || ext == ".htm" {
		return rel, "", ""
	}
	return rel + "/index.html", "", ""
}

// aliasOffset is where alias a is written in p's front matter, for a
// diagnostic's line: the alias itself, else the aliases key.
func aliasOffset(p *content.Page, a string) int {
	fm := p.Source[:p.BodyOffset]
	// The alias as a whole item: "/" is in every alias, "/x/" in
	// "/x/y/". Quoted, or between the list's [ , ] or a "- ".
	for at := 0; a != ""; {
		i := bytes.Index(fm[at:], []byte(a))
		if i < 0 {
			break
		}
		i += at
		before, after := byte('\n'), byte('\n')
		if i > 0 {
			before = fm[i-1]
		}
		if j := i + len(a); j < len(fm) {
			after = fm[j]
		}
		if strings.IndexByte("\"' [,\n-", before) >= 0 && strings.IndexByte("\"' ],\r\n", after) >= 0 {
			return i
		}
		at = i + 1
	}
	if i := bytes.Index(fm, []byte(a)); i >= 0 && a != "" {
		return i
	}
	if i := bytes.Index(bytes.ToLower(fm), []byte("aliases")); i >= 0 {
		return i
	}
	return 0
}

// writeAliases writes the redirect page of each alias of the edition in
// force (checkAliases), leading to the page under latest/.
func (s *siteRender) writeAliases() error {
	for _, ed := range s.eds {
		if ed.links == nil || !slices.Contains(ed.roots(), "latest/") {
			continue
		}
		site := ed.tree.Site
		for _, file := range slices.Sorted(maps.Keys(ed.links.aliases)) {
			p := ed.links.aliases[file]
			if err := s.redirectTo(file, s.base+"latest/"+p.URL, titleOf(ed.tree, p), site); err != nil {
				return err
			}
		}
	}
	return nil
}

// Wiki links ([[考勤制度#迟到|迟到]], ![[截图 1.png]]), as Obsidian writes
// them, name a page or file by its name anywhere in the tree ("制度/考勤制度"
// when two share it), and a heading by its text. A page's is the file's
// name without .md; one in the linking page's folder wins over others.

// resolveWiki checks wiki link i of page p and rewrites it to the page's
// URL and heading ID, or the file's path, relative to p.
func resolveWiki(ed *edition, p *content.Page, i int, l markdown.Link, errs *diag.List) {
	doc := ed.docs[p]
	bad := func(msg, hint string) {
		errs.Add(diag.At(ed.display(p), p.Source, l.Offset, "wiki link [["+l.Dest+"]]: "+msg, hint))
	}
	name, heading, hasHeading := strings.Cut(l.Dest, "#")
	name = strings.TrimSpace(name)
	if ext := path.Ext(name); name != "" && ext != "" && !content.IsPageFile(name) {
		ix := ed.links
		src, err := wikiFile(ed, p, name, func() fileNames {
			ix.filesOnce.Do(func() { ix.files = treeFiles(ed) })
			return ix.files
		})
		if err != "" {
			bad(err, "put the file in any folder of the source folder (an attachments folder is fine), or write its path from the top: ![[附件/"+path.Base(name)+"]]")
			return
		}
		doc.SetLinkDest(i, relURL(p.URL, src))
		return
	}
	target := p
	if name != "" {
		var cands []*content.Page
		target, cands = wikiPage(ed, p, name)
		if target == nil {
			if len(cands) > 1 {
				var files []string
				for _, c := range cands {
					files = append(files, strings.TrimSuffix(c.File, path.Ext(c.File)))
				}
				bad("more than one page has that name ("+strings.Join(files, ", ")+")", "write the page's path from the top: [["+files[0]+"]]")
				return
			}
			for _, f := range ed.tree.Drafts {
				if wikiName(f) == wikiName(name) || strings.HasSuffix(wikiName(f), "/"+wikiName(name)) {
					bad("that page is a draft (draft: true), left out of this build", "publish the page (remove draft: true) or remove the link; handbook serve and build -drafts show drafts")
					return
				}
			}
			bad("there is no page of that name", "a wiki link names a page's file without .md, anywhere in the tree; pages here: "+listFiles(ed.tree.Pages, path.Join(path.Dir(p.File), name)+".md"))
			return
		}
	}
	out := ""
	if target != p {
		out = relURL(p.URL, target.URL)
	}
	if hasHeading {
		// [[note#章#节]] is the last heading; [[note#^id]], a block,
		// which has no address here: the page.
		if k := strings.LastIndexByte(heading, '#'); k >= 0 {
			heading = heading[k+1:]
		}
		heading = strings.TrimSpace(heading)
		if strings.HasPrefix(heading, "^") {
			heading = ""
		}
		if heading != "" {
			id, ok := headingID(ed.docs[target], heading)
			if !ok {
				bad(ed.display(target)+" has no heading "+quote(heading), strings.Replace(suggestIDs(ed.docs[target], target.Source, markdown.Slug(heading)), "check the anchor; IDs on that page include", "check the heading's text; its headings' IDs include", 1))
				return
			}
			out += "#" + id
		}
	}
	if out == "" {
		out = relURL(p.URL, p.URL)
	}
	doc.SetLinkDest(i, out)
}

// wikiName is a page file's name as a wiki link writes it: without .md.
func wikiName(file string) string {
	if content.IsPageFile(file) {
		return strings.TrimSuffix(file, path.Ext(file))
	}
	return file
}

// wikiPage finds the page a wiki link names: by its path from the top
// ("制度/考勤制度"), else by its name, the one in p's folder first, the
// letters' case aside if nothing else matches. cands are the pages that
// share the name when none is chosen.
func wikiPage(ed *edition, p *content.Page, name string) (*content.Page, []*content.Page) {
	ix := ed.links
	ix.pagesByName(ed)
	want := strings.Trim(wikiName(name), "/")
	pick := func(cands []*content.Page) (*content.Page, []*content.Page) {
		var match, byAlias []*content.Page
		for _, q := range cands {
			n := wikiName(q.File)
			if n == want || strings.HasSuffix(n, "/"+want) || strings.EqualFold(n, want) || strings.HasSuffix(strings.ToLower(n), "/"+strings.ToLower(want)) {
				match = append(match, q)
				continue
			}
			for _, a := range q.Aliases {
				if aliasIsName(a) && strings.EqualFold(a, want) && !slices.Contains(byAlias, q) {
					byAlias = append(byAlias, q)
				}
			}
		}
		if len(match) == 0 {
			match = byAlias // a note's other name, as Obsidian's aliases give it
		}
		if len(match) > 1 {
			for _, q := range match {
				if wikiName(q.File) == want || path.Dir(q.File) == path.Dir(p.File) {
					return q, nil
				}
			}
		}
		if len(match) == 1 {
			return match[0], nil
		}
		return nil, match
	}
	base := path.Base(want)
	if q, cands := pick(ix.byName[base]); q != nil || len(cands) > 0 {
		return q, cands
	}
	return pick(ix.byName[strings.ToLower(base)])
}

// pagesByName makes ix.byName, once: the pages by file name without its
// extension, and by their aliases that are names.
func (ix *linkIndex) pagesByName(ed *edition) {
	ix.byNameOnce.Do(func() {
		ix.byName = map[string][]*content.Page{}
		for _, q := range ed.tree.Pages {
			if q.Generated {
				continue
			}
			names := []string{path.Base(wikiName(q.File))}
			for _, a := range q.Aliases {
				if aliasIsName(a) {
					names = append(names, a)
				}
			}
			for _, n := range names {
				ix.byName[n] = append(ix.byName[n], q)
				if low := strings.ToLower(n); low != n {
					ix.byName[low] = append(ix.byName[low], q)
				}
			}
		}
	})
}

// refByName is the page a Hugo ref names by its file's name alone
// ("leave.md", "leave"), found neither from the linking page's folder nor
// from the top: Hugo looks it up in the whole site, and refuses a name
// that more than one page's file has (cands, then).
func refByName(ed *edition, ref string) (*content.Page, []*content.Page) {
	ref = strings.TrimSuffix(ref, "/")
	if ref == "" || strings.Contains(ref, "/") {
		return nil, nil
	}
	ed.links.pagesByName(ed)
	var cands []*content.Page
	for _, q := range ed.links.byName[wikiName(ref)] {
		base := path.Base(q.File)
		if (base == ref || strings.TrimSuffix(base, path.Ext(base)) == ref) && !slices.Contains(cands, q) {
			cands = append(cands, q)
		}
	}
	if len(cands) == 1 {
		return cands[0], nil
	}
	return nil, cands
}

// headingID is the ID of the heading of doc whose text is text, or text
// made an ID as the page's headings' are.
func headingID(doc *markdown.Doc, text string) (string, bool) {
	for _, h := range doc.Headings {
		if h.Text == text {
			return h.ID, true
		}
	}
	for _, h := range doc.Headings {
		if strings.EqualFold(h.Text, text) {
			return h.ID, true
		}
	}
	if id := markdown.Slug(text); doc.HasID(id) {
		return id, true
	}
	if text != "" && doc.HasID(text) {
		return text, true
	}
	// The ID Hugo gave the heading, in a link written for the Hugo site:
	// its IDs drop what is not a letter, digit, - or _ and make only an
	// ASCII space a -, so "第一章　总则（试行）", with the ideographic
	// space Chinese documents put after a chapter's number, was
	// #第一章总则试行 there and is #第一章-总则试行 here.
	for _, h := range doc.Headings {
		if hugoID(h.Text) == text {
			return h.ID, true
		}
	}
	return "", false
}

// hugoID is the ID Hugo's default (GitHub-style) heading IDs give text.
func hugoID(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			b.WriteRune(unicode.ToLower(r))
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// wikiFile finds the file (not a page) a wiki link names: by its path
// from the top or from p's folder, else by its name anywhere in the tree
// (names lists the tree's files by name, made when first asked). why says
// why there is none.
func wikiFile(ed *edition, p *content.Page, name string, names func() fileNames) (src, why string) {
	if ed.fsys == nil {
		return "", "there is no such file"
	}
	isPath := strings.Contains(name, "/")
	name = strings.Trim(name, "/")
	// A bare name is the file beside the page first; a path is from
	// the top first (Obsidian writes paths from the vault's top), else
	// from the page's folder.
	tries := []string{path.Join(path.Dir(p.File), name), name}
	if isPath {
		tries[0], tries[1] = tries[1], tries[0]
	}
	for _, f := range tries {
		if fileIn(ed.fsys, f) {
			return f, ""
		}
	}
	var found []string
	for _, f := range names()[path.Base(name)] {
		if strings.HasSuffix("/"+f, "/"+name) {
			found = append(found, f)
		}
	}
	switch len(found) {
	case 0:
		return "", "there is no such file in the tree"
	case 1:
		return found[0], ""
	}
	for _, f := range found {
		if path.Dir(f) == path.Dir(p.File) {
			return f, ""
		}
	}
	return "", "more than one file has that name (" + strings.Join(found, ", ") + ")"
}

// fileNames lists a tree's files (not hidden, not published revisions)
// by name.
type fileNames map[string][]string

func treeFiles(ed *edition) fileNames {
	names := fileNames{}
	_ = fs.WalkDir(ed.fsys, ".", func(f string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if f != "." && strings.HasPrefix(e.Name(), ".") || f == "revisions" && ed.srcKey == "" {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.Type().IsRegular() {
			names[e.Name()] = append(names[e.Name()], f)
		}
		return nil
	})
	return names
}

// fileIn reports whether name is a regular file of fsys, not hidden.
func fileIn(fsys fs.FS, name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || part == ".." {
			return false
		}
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// wikiResource is the source path of the file a wiki link names, for
// collectResources to publish (names as for wikiFile); ok is false for one that names a page or
// nothing (the link check says so).
func wikiResource(ed *edition, p *content.Page, l markdown.Link, names func() fileNames) (string, bool) {
	name, _, _ := strings.Cut(l.Dest, "#")
	name = strings.TrimSpace(name)
	if path.Ext(name) == "" || content.IsPageFile(name) {
		return "", false
	}
	src, why := wikiFile(ed, p, name, names)
	return src, why == ""
}

// placeholderLine is the line of page p holding the paragraph {{name}}
// (1 if none is found), for an error about it.
func placeholderLine(p *content.Page, name string) int {
	want := "{{" + name + "}}"
	line := 1 + bytes.Count(p.Source[:p.BodyOffset], []byte("\n"))
	for _, l := range strings.Split(string(p.Body()), "\n") {
		if strings.TrimSpace(l) == want {
			return line
		}
		line++
	}
	return 1
}

// whereItIs says whether the page or file a link names, with its \
// written as /, is there: for the hint of a link written with \.
func whereItIs(ix *linkIndex, ed *edition, dir, upath string) string {
	name := path.Join(dir, upath)
	if ix.byFile[name] != nil || ed.resources[name] {
		return " (that one is there)"
	}
	return ""
}
