package build

import (
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// Resources are the files other than pages that pages link to — an image
// beside its page, a PDF form, a page bundle's pictures — published with
// the edition at the same path as in the source: content/blog/logo.gif
// becomes latest/blog/logo.gif. Only files a page links to are published,
// so notes and originals kept beside the chapters stay private.

// collectResources finds the files the edition's pages link to, whatever
// the link check does with each page (a page kept from the last build is
// not checked again, yet its image must still be published). Their names
// go into the edition's world, so a file added or removed has every link
// checked again.
func collectResources(ed *edition, errs *diag.List) {
	if ed.fsys == nil {
		return
	}
	var names fileNames // the tree's files by name, for wiki links' files
	treeNames := func() fileNames {
		if names == nil {
			names = treeFiles(ed)
		}
		return names
	}
	var inStatic map[string]bool // files linked from the top, published from static/
	for _, p := range ed.tree.Pages {
		doc := ed.docs[p]
		if doc == nil {
			continue
		}
		for _, l := range doc.Links {
			var src string
			var ok bool
			switch {
			case l.Kind == markdown.LinkWiki:
				src, ok = wikiResource(ed, p, l, treeNames)
			case maybeResource(l.Dest):
				src, ok = resourcePath(p, l.Dest)
			}
			// A Hugo site's /images/logo.png is its static/ folder's
			// images/logo.png: the folder copied into the tree as is
			// serves the site's paths from the top. Found there once, it
			// is not looked for again by every page linking it.
			rooted := l.Kind != markdown.LinkWiki && strings.HasPrefix(l.Dest, "/")
			if !ok || ed.resources[src] || rooted && inStatic[src] {
				continue
			}
			name := src
			info, err := fs.Stat(ed.fsys, src)
			if err != nil && rooted {
				if st, err2 := fs.Stat(ed.fsys, hugoStatic+"/"+src); err2 == nil {
					src, info, err = hugoStatic+"/"+src, st, nil
				}
			}
			if err != nil || !info.Mode().IsRegular() {
				continue // the link check reports it, naming the page and line
			}
			if why := unpublishable(ed, src); why != "" {
				errs.Add(diag.At(ed.display(p), p.Source, l.Offset, "link to "+quote(l.Dest)+": "+why, "move the file, or link to it under another name"))
				continue
			}
			if ed.resources == nil {
				ed.resources = map[string]bool{}
			}
			ed.resources[src] = true
			if src != name {
				if inStatic == nil {
					inStatic = map[string]bool{}
				}
				inStatic[name] = true
			}
		}
	}
}

// hugoStatic is the folder of a Hugo site whose files Hugo publishes at
// the site's top; a file linked from the top (/images/a.png) that the
// tree does not hold there is looked for in it.
const hugoStatic = "static"

// maybeResource tells cheaply the links that cannot name a resource (most
// links are to pages: "06-performance.md#…"), so a rebuild of 10,000
// pages does not take every one of their 50,000 links apart.
func maybeResource(dest string) bool {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		dest = dest[:i]
	}
	if i := strings.IndexByte(dest, '?'); i >= 0 {
		dest = dest[:i]
	}
	ext := path.Ext(dest)
	return ext != "" && !strings.HasSuffix(dest, "/") && !content.IsPageFile(dest)
}

// resourcePath is the source path a link names when it could be a
// resource: with a file extension that is not a page's, inside
// the tree and not hidden.
func resourcePath(p *content.Page, dest string) (string, bool) {
	u, ok := plainLink(dest)
	if !ok {
		parsed, err := url.Parse(dest)
		if err != nil || parsed.Scheme != "" || parsed.Host != "" || strings.HasPrefix(dest, "//") {
			return "", false
		}
		u = localLink{Path: parsed.Path, Fragment: parsed.Fragment}
	}
	if u.Path == "" || strings.HasSuffix(u.Path, "/") || content.IsPageFile(u.Path) || path.Ext(u.Path) == "" {
		return "", false
	}
	// A path from the top ("/images/logo.png", as Hugo sites write
	// them) is read from the top of the tree.
	dir, rel := path.Dir(p.File), u.Path
	if strings.HasPrefix(rel, "/") {
		dir, rel = "", strings.TrimLeft(rel, "/")
	}
	src := path.Join(dir, rel)
	if src == ".." || strings.HasPrefix(src, "../") {
		return "", false
	}
	for _, part := range strings.Split(src, "/") {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	return src, true
}

// unpublishable says why a linked file cannot be published where it is:
// its path is the build's own (a page's index.html, the edition's search
// index, the published revisions).
func unpublishable(ed *edition, src string) string {
	top, _, _ := strings.Cut(src, "/")
	switch {
	case top == "revisions" && strings.Contains(src, "/"):
		return "files of published revisions are not published from the draft"
	case path.Base(src) == "index.html", path.Base(src) == "precache.json", src == "sw.js":
		return src + " is a name the build gives its own files"
	case strings.Contains(src, "/") && content.IsReserved(top):
		return "the folder " + top + "/ is the build's own"
	}
	return ""
}

// writeResources copies the edition's resources under root and returns
// their URLs, for the offline list.
func (s *siteRender) writeResources(ed *edition, root, rootURL string) ([]string, error) {
	var urls []string
	for _, src := range slices.Sorted(maps.Keys(ed.resources)) {
		b, err := fs.ReadFile(ed.fsys, src)
		if err != nil {
			return nil, err
		}
		if err := s.out.WriteFile(root+src, b); err != nil {
			return nil, err
		}
		urls = append(urls, rootURL+src)
	}
	return urls, nil
}
