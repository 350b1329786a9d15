// Package content reads a handbook's source tree — site config, payout rules
// and Markdown pages in nested section folders — into a model. It reads an
// fs.FS and never writes; every problem is returned as a diagnostic naming
// the file and line.
package content

import (
	"bytes"
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"handbook/generator/diag"

	"handbook/generator/editdist"
)

// Site is the site configuration (site.toml). Its zero value, after
// defaults, is a working site served from the web root.
type Site struct {
	Title        string `toml:"title"`
	Organisation string `toml:"organisation"`
	Description  string `toml:"description"`
	Language     string `toml:"language"`
	BaseURL      string `toml:"baseURL"`
	// BasePath is the URL path the site is served under, "/" or e.g.
	// "/handbook/"; every absolute link in the output starts with it.
	BasePath string `toml:"basePath"`
	// TrustHTML renders raw HTML written in Markdown. Off by default: policy
	// text is edited by many hands and must not carry live code.
	TrustHTML bool `toml:"trustHTML"`
	// TimeZone is the company's time zone ("Asia/Shanghai"), in which a
	// build takes today's date to decide the revision in force; "" for
	// the machine's own. Like basePath, the working copy's says it.
	TimeZone string `toml:"timeZone"`
}

// Page is one Markdown file.
type Page struct {
	File    string // path inside the source tree, e.g. "06-performance.md"
	Section string // folder of the page ("" at the root)
	// URL is the page's path relative to an edition root, with a trailing
	// slash: "performance/" or "hr/leave/".
	URL string
	FrontMatter
	Source     []byte // the whole file
	BodyOffset int    // where the Markdown body starts in Source
	IsIndex    bool   // an _index.md describing its section
	// Generated marks the page made for a folder without an _index.md:
	// it has no file (File names the one it stands for).
	Generated bool
	// Warned: reading the file gave warnings (an indented front matter
	// line, a date that is not one). A build cache does not keep such a
	// page, so every build reads it and says them again: reused, the page
	// came without them, and the warning was gone from the second build
	// on while the problem stayed.
	Warned bool
}

// Body is the Markdown after the front matter.
func (p *Page) Body() []byte { return p.Source[p.BodyOffset:] }

// NavTitle is the page's name in the sidebar: its linkTitle, else its
// title.
func (p *Page) NavTitle() string {
	if p.LinkTitle != "" {
		return p.LinkTitle
	}
	return p.Title
}

// Section is a folder of pages.
type Section struct {
	Path     string // folder path, "" for the root
	Index    *Page  // its _index.md, or one made for it (Generated); nil at a root without one
	Pages    []*Page
	Sections []*Section
	entries  []Entry // Pages and Sections in one order: Entries
	date     int64   // its _index.md's date, else its newest entry's (sortSection)
	// byFile are the orders two or more of its entries share, one of
	// them written as order: those are listed by file name (sortSection).
	byFile map[int]bool
}

// URL is the section's page's URL, relative to an edition root: its path
// with each folder's name made a URL name ("My Folder/" → "my-folder/").
func (s *Section) URL() string {
	if s.Path == "" {
		return ""
	}
	return urlDir(s.Path) + "/"
}

// Title is the section's title from its _index.md, or its folder name.
func (s *Section) Title() string {
	if s.Index != nil && s.Index.Title != "" {
		return s.Index.Title
	}
	return path.Base(s.Path)
}

// NavTitle is the section's name in the sidebar: its _index.md's
// linkTitle, else its title.
func (s *Section) NavTitle() string {
	if s.Index != nil && s.Index.LinkTitle != "" {
		return s.Index.LinkTitle
	}
	return s.Title()
}

// Tree is a loaded source tree.
type Tree struct {
	Site  Site
	Root  *Section
	Pages []*Page // every page in reading order (section indexes included)
	Rules []byte  // rules.toml at the root, nil when absent
	// Display is the prefix put before file names in diagnostics, e.g.
	// "content" so errors read content/06-performance.md:12:3.
	Display string
	// Stamps of the page files, by File, where the system gives them.
	Stamps map[string]Stamp
	// Drafts are the files of the pages left out as drafts (draft: true,
	// or in a section whose _index.md is), in the order they were found,
	// unless LoadOptions.IncludeDrafts: a link to one is to a page that
	// exists but is not published.
	Drafts []string
	// DraftURLs are the URLs those pages would have, each with its file:
	// a link to a draft by its address is told it is one, as a link to
	// its file is.
	DraftURLs map[string]string
	// Unrendered are the files of the pages Hugo never publishes
	// (dropUnrendered), each with why ("its front matter says
	// headless: true").
	Unrendered map[string]string
}

// Reserved names cannot be page slugs at an edition's root: the generator
// puts its own pages there.
var reserved = map[string]bool{
	"print": true, "calculator": true, "search": true, "changelog": true,
	"assets": true, "v": true, "latest": true, "draft": true, "sw.js": true,
}

// IsReserved reports whether a name at an edition's root is the
// generator's own (a page, a folder or a file it writes there).
func IsReserved(name string) bool { return reserved[name] }

var slugPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// Load reads the tree in fsys. display is the folder name shown in
// diagnostics. Folders named revisions at the root, and hidden files, are
// not pages.
//
// Load reads a tree as a published revision is read (LoadOptions.Frozen).
func Load(fsys fs.FS, display string) (*Tree, diag.List) {
	return LoadWith(fsys, display, LoadOptions{Frozen: true})
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, display string, opts LoadOptions) (*Tree, diag.List) {
	t := &Tree{Display: display, Stamps: map[string]Stamp{}}
	var errs diag.List
	name := func(p string) string { return path.Join(display, p) }

	t.Site, errs = loadSite(fsys, name("site.toml"), !opts.Frozen)
	// A rules.toml that is there but cannot be read is an error: taken as
	// absent, the build said "there is no rules.toml — restore it", or
	// published a handbook without its payout rules.
	switch b, err := fs.ReadFile(fsys, "rules.toml"); {
	case err == nil:
		if d, bad := checkText(name("rules.toml"), b); bad {
			errs.Add(d)
		} else {
			t.Rules = b
		}
	case !errors.Is(err, fs.ErrNotExist):
		msg, hint := readProblem(fsys, "rules.toml", name("rules.toml"), err)
		errs.Errorf(name("rules.toml"), 0, 0, msg, hint)
	}

	sections := map[string]*Section{"": {Path: ""}}
	var getSection func(dir string) *Section
	getSection = func(dir string) *Section {
		if s, ok := sections[dir]; ok {
			return s
		}
		s := &Section{Path: dir}
		sections[dir] = s
		parent := getSection(parentDir(dir))
		parent.Sections = append(parent.Sections, s)
		return s
	}
	t.Root = sections[""]

	if cfg := hugoSiteConfig(fsys); cfg != "" {
		// The Hugo site's folder, not its content: every page would be
		// published under content/, and links from the top would miss.
		errs.Errorf(name(cfg), 0, 0, "this folder is a Hugo site ("+cfg+" beside content/): its pages are in "+name("content")+"/",
			"build with -source "+name("content"))
		return t, errs
	}
	bySlug := map[string]*Page{}
	var w found
	if opts.Reuse != nil && opts.Listing != nil {
		w = opts.Listing.wait()
	} else {
		w = walk(fsys, opts.Reuse != nil)
	}
	for _, pr := range w.problems {
		if shown, msg, hint, ok := nameNotUTF8(display, pr.path, true); ok {
			errs.Errorf(shown, 0, 0, msg, hint)
			continue
		}
		// A folder that cannot be listed: its pages are left out of a
		// build that would publish the rest without them.
		msg, hint := "cannot read the folder: "+pr.err.Error(), "check that it is there and readable, and build again"
		switch {
		case errors.Is(pr.err, fs.ErrPermission):
			msg, hint = "cannot read the folder: permission denied", "let the build read it (chmod -R a+rX "+name(pr.path)+"), or move it out of the source folder"
		case errors.Is(pr.err, fs.ErrNotExist):
			msg, hint = "the folder went away while the build read it", "build again once it is back (a branch switch or a move in progress)"
		}
		errs.Errorf(name(pr.path), 0, 0, msg, hint)
	}
	for _, n := range w.notFollowed {
		errs.Add(diag.Diagnostic{File: name(n.path), Severity: diag.Warning, Msg: n.msg, Hint: n.hint})
	}
	files, stamps := w.files, w.stamps
	for i, st := range stamps {
		if st != (Stamp{}) {
			t.Stamps[files[i]] = st
		}
	}
	// Reading and parsing the pages is independent work: on all cores.
	pages := make([]*Page, len(files))
	perrs := make([]diag.List, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if shown, msg, hint, ok := nameNotUTF8(display, files[i], false); ok {
					perrs[i].Errorf(shown, 0, 0, msg, hint)
					continue
				}
				// An index.md is read again: whether it leads its folder
				// depends on the other files (indexesLeadFolders).
				if opts.Reuse != nil && stamps[i] != (Stamp{}) && stem(path.Base(files[i])) != "index" {
					if p := opts.Reuse(files[i], stamps[i]); p != nil {
						pages[i] = p
						continue
					}
				}
				src, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					msg, hint := readProblem(fsys, files[i], name(files[i]), err)
					perrs[i].Errorf(name(files[i]), 0, 0, msg, hint)
					continue
				}
				pages[i], perrs[i] = parsePage(name(files[i]), files[i], src)
				if pages[i] != nil && len(perrs[i]) > 0 {
					pages[i].Warned = true
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	indexesLeadFolders(pages)
	t.Unrendered = dropUnrendered(pages)
	bundlesOwnFolders(pages, perrs, name)
	if !opts.IncludeDrafts {
		t.Drafts, t.DraftURLs = dropDrafts(pages)
	}
	for i, pg := range pages {
		errs = append(errs, perrs[i]...)
		if pg == nil {
			continue
		}
		if !opts.Frozen {
			if d, ok := titledByNumberedFile(pg, name(pg.File)); ok {
				errs.Add(d)
			}
		}
		sec := getSection(pg.Section)
		if pg.IsIndex {
			sec.Index = pg
		} else {
			sec.Pages = append(sec.Pages, pg)
		}
		if prev, dup := bySlug[pg.URL]; dup {
			// Said where the clash was made: at the slug: line that made
			// it, when only one of the two has one; at both when both do.
			clash := func(at, other *Page) {
				line := 1
				if at.Slug != "" {
					line = max(lineOfKey(at.Source, "slug"), 1)
				}
				errs.Errorf(name(at.File), line, 1, "slug "+strings.TrimSuffix(pg.URL, "/")+" is also used by "+name(other.File),
					"give one of the pages another slug in its front matter")
			}
			switch {
			case pg.Slug != "" && prev.Slug != "":
				clash(pg, prev)
				clash(prev, pg)
			case prev.Slug != "":
				clash(prev, pg)
			default:
				clash(pg, prev)
			}
		} else {
			bySlug[pg.URL] = pg
		}
	}
	// Every folder is published at a URL of its own (Section.URL), with
	// its _index.md or a page made for it: not at a page's URL, another
	// folder's, or one of the generator's own pages.
	folderAt := map[string]string{}
	for _, dir := range slices.Sorted(maps.Keys(sections)) {
		sec := sections[dir]
		if dir == "" {
			continue
		}
		u := sec.URL()
		if !strings.Contains(dir, "/") && reserved[strings.TrimSuffix(u, "/")] {
			errs.Errorf(name(dir)+"/", 0, 0, "the folder "+dir+"/ would be published at "+u+", which is the generator's own page",
				"rename the folder (its URL is its name in lower case)")
			continue
		}
		if other, ok := folderAt[u]; ok {
			errs.Errorf(name(dir)+"/", 0, 0, "the folders "+other+"/ and "+dir+"/ are both published at "+u,
				"rename one of them: a folder's URL is its name in lower case, with spaces as -")
			continue
		}
		folderAt[u] = dir
		if p := bySlug[u]; p != nil && p != sec.Index {
			errs.Errorf(name(p.File), 1, 1, "the page "+p.File+" and the folder "+dir+"/ are both published at "+u,
				"move the page into the folder as its _index.md, or give the page another slug")
			continue
		}
		if sec.Index == nil {
			sec.Index = sectionPage(sec)
		}
	}
	sortSection(t.Root)
	sameOrder(t.Root, name, &errs)
	t.Pages = readingOrder(t.Root, nil)
	return t, errs
}

// frontMatterLine is the line of key in p's front matter, letter case
// aside, or 0.
func frontMatterLine(p *Page, key string) int {
	return lineOfKey(bytes.ToLower(p.Source[:p.BodyOffset]), key)
}

// reNumbered is a file name numbered for its order: 05-卫生, 07_保密.
var reNumbered = regexp.MustCompile(`^[0-9]+[-_. 、]`)

// titledByNumberedFile warns of a chapter of the working copy that has no
// title of its own (no title: in front matter, no # heading) and a
// numbered file name, which it is then named by, number and all: 05-卫生
// in the contents, the page's title and a revision published so. (A
// front matter without a title and a name such as 07-confidentiality is
// warned of when the page is read, see parsePage.) A published revision
// is never told: it is frozen.
func titledByNumberedFile(p *Page, shown string) (diag.Diagnostic, bool) {
	base := path.Base(p.File)
	name := stem(base)
	if p.Generated || p.IsIndex || p.Title != name || !reNumbered.MatchString(name) ||
		p.BodyOffset > 0 && slugLike(name) || len(bytes.TrimSpace(p.Body())) == 0 ||
		// Front matter below blank lines, not read: parsePage says so,
		// and that the title in it is not read.
		frontMatterBelow(p) {
		return diag.Diagnostic{}, false
	}
	return diag.Diagnostic{File: shown, Line: 1, Col: 1, Severity: diag.Warning,
		Msg:  "the chapter has no title (no title: in front matter, no # heading at the top of its text): it is named " + strconvQuote(name) + " after its file, number and all",
		Hint: "start its text with its title as a heading (# " + strings.TrimLeft(name[reNumbered.FindStringIndex(name)[1]:], "-_. 、") + ", say), or give it title: in front matter"}, true
}

// frontMatterBelow reports whether a page's text starts with a front
// matter's --- or +++ that is not read, as blank lines come before it.
func frontMatterBelow(p *Page) bool {
	t := bytes.TrimSpace(p.Body())
	return bytes.HasPrefix(t, []byte("---")) || bytes.HasPrefix(t, []byte("+++"))
}

// slugLike reports whether a file name is one made for a URL, not a
// title: ASCII letters, digits, - and _ only, with a digit, - or _
// (07-confidentiality, leave_policy; not README or 请假制度).
func slugLike(name string) bool {
	mark := false
	for _, r := range name {
		switch {
		case r >= '0' && r <= '9', r == '-', r == '_':
			mark = true
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		default:
			return false
		}
	}
	return mark
}

// sameOrder warns of pages of a section (a subsection by its _index.md)
// given one order: a chapter file copied and its order left as it was.
// They are listed by file name (sortSection), as their chapter numbers
// run; they were listed by title, which put 第七章 before 第六章 (七
// sorts before 六) without a word. Each page after the first of its
// order is warned of, at its order line, naming the first. Pages sharing
// a weight, Hugo's key, none of them by order, are not warned of: Hugo
// sites share weights on purpose, and list them as Hugo does.
func sameOrder(s *Section, name func(string) string, errs *diag.List) {
	first := map[int]*Page{}
	for _, e := range s.entries {
		p := e.Page
		if e.Section != nil {
			sameOrder(e.Section, name, errs)
			p = e.Section.Index
		}
		if p == nil || !p.HasWeight {
			continue
		}
		other, ok := first[p.Weight]
		if !ok {
			first[p.Weight] = p
			continue
		}
		if !s.byFile[p.Weight] {
			continue
		}
		line, key := frontMatterLine(p, "order"), "order"
		if line == 0 {
			line, key = frontMatterLine(p, "weight"), "weight"
		}
		errs.Add(diag.Diagnostic{File: name(p.File), Line: line, Col: 1, Severity: diag.Warning,
			Msg: key + " " + strconv.Itoa(p.Weight) + " is also " + other.File + "'s: the two are listed by file name, " +
				other.File + " (" + other.NavTitle() + ") before " + p.File + " (" + p.NavTitle() + ")",
			Hint: "give each page its own order"})
	}
}

// hugoSiteConfig is the name of the Hugo configuration file at the top
// of fsys when a content/ folder is beside it, "" otherwise.
func hugoSiteConfig(fsys fs.FS) string {
	if info, err := fs.Stat(fsys, "content"); err != nil || !info.IsDir() {
		return ""
	}
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
		if info, err := fs.Stat(fsys, name); err == nil && info.Mode().IsRegular() {
			return name
		}
	}
	return ""
}

// sectionPage stands in for the _index.md a folder does not have, so every
// section the sidebar lists has its page, listing what is in it (as Hugo
// makes one for a section without _index.md). It has no file: Generated.
func sectionPage(sec *Section) *Page {
	return &Page{
		File: path.Join(sec.Path, "_index.md"), Section: sec.Path, URL: sec.URL(), IsIndex: true,
		FrontMatter: FrontMatter{Title: path.Base(sec.Path)}, Source: []byte{}, Generated: true,
	}
}

// indexesLeadFolders makes an index.md its folder's page, as _index.md
// is, where the folder has no _index.md and is not a page bundle: at the
// top (the home page, as Hugo has it), and in a folder holding other
// pages (a folder of notes, a MkDocs or Obsidian tree, leads each folder
// with its index.md; Hugo would publish those pages only as the bundle's
// resources, and they were an error here).
func indexesLeadFolders(pages []*Page) {
	hasIndex := map[string]bool{} // folders with an _index.md
	for _, p := range pages {
		if p != nil && p.IsIndex {
			hasIndex[p.Section] = true
		}
	}
	for _, p := range pages {
		if p == nil || p.IsIndex || stem(path.Base(p.File)) != "index" {
			continue
		}
		dir := parentDir(p.File)
		if hasIndex[dir] || dir != "" && !holdsOtherPages(pages, p, dir) {
			continue
		}
		p.IsIndex, p.Section = true, dir
		p.URL = ""
		if dir != "" {
			p.URL = urlDir(dir) + "/"
		}
		if dir == "" && p.Title == "index" && firstHeading(p.Body()) == "" {
			p.Title = "" // named by its file: the home is the site's title, as _index.md's
		}
		hasIndex[dir] = true
	}
}

// holdsOtherPages reports whether a page other than p is in folder dir
// or a folder inside it.
func holdsOtherPages(pages []*Page, p *Page, dir string) bool {
	for _, q := range pages {
		if q != nil && q != p && strings.HasPrefix(q.File, dir+"/") {
			return true
		}
	}
	return false
}

// bundlesOwnFolders refuses pages inside the folder of a page bundle
// (folder/index.md), which is a page and not a section. Hugo publishes
// the other Markdown files there as the bundle's resources, not as pages;
// left out here without a word, a page an author wrote would be missing.
func bundlesOwnFolders(pages []*Page, perrs []diag.List, name func(string) string) {
	bundles := map[string]*Page{}
	for _, p := range pages {
		if p != nil && !p.IsIndex && stem(path.Base(p.File)) == "index" && strings.Contains(p.File, "/") {
			bundles[path.Dir(p.File)] = p
		}
	}
	if len(bundles) == 0 {
		return
	}
	for i, p := range pages {
		if p == nil {
			continue
		}
		for dir := path.Dir(p.File); dir != "."; dir = path.Dir(dir) {
			if b := bundles[dir]; b != nil && b != p {
				hint := "move the page out of " + name(dir) + "/, or rename " + path.Base(b.File) + " to _index.md to make the folder a section (Hugo would publish this file only as a resource of the bundle)"
				if p.IsIndex && p.Section == dir {
					// Both describe the folder: renaming one to the
					// other's name is no way out.
					hint = "keep one of " + path.Base(b.File) + " and " + path.Base(p.File) + ": merge the other into it (_index.md makes the folder a section, index.md one page; Hugo publishes neither page when both are there)"
				}
				perrs[i].Errorf(name(p.File), 1, 1, "the page is inside the folder of the page bundle "+name(b.File)+", which is one page, not a section", hint)
				pages[i] = nil
				break
			}
		}
	}
}

// dropUnrendered takes out of pages those Hugo never publishes: a page
// whose front matter says headless: true or build: render: never (not a
// section's _index.md, whose pages Hugo still publishes), and every page
// in a headless bundle's folder, which are the bundle's snippets. They
// were published, to every reader, though their authors had said not to.
func dropUnrendered(pages []*Page) map[string]string {
	var dropped map[string]string
	var bundles []string // folders of bundles kept out, with a trailing /
	var why []string     // the front matter that keeps each one out
	for i, p := range pages {
		if p == nil || p.NotRendered == "" || p.Generated || stem(path.Base(p.File)) == "_index" {
			continue
		}
		// folder/index.md is a bundle here, in Hugo's reading, even
		// where a folder of notes made it the folder's page.
		if stem(path.Base(p.File)) == "index" && strings.Contains(p.File, "/") {
			bundles = append(bundles, path.Dir(p.File)+"/")
			why = append(why, "it is in the headless bundle "+path.Dir(p.File)+"/ ("+p.NotRendered+" in its index.md)")
		}
		if dropped == nil {
			dropped = map[string]string{}
		}
		dropped[p.File] = "its front matter says " + p.NotRendered
		pages[i] = nil
	}
	for i, p := range pages {
		for j, b := range bundles {
			if p != nil && strings.HasPrefix(p.File, b) {
				dropped[p.File] = why[j]
				pages[i] = nil
				break
			}
		}
	}
	return dropped
}

// dropDrafts takes draft pages out of pages, as Hugo leaves them out of
// a build unless asked: a page with draft: true, and every page of a
// section (and its sections) whose _index.md has it. It returns their
// files, and their URLs with their files.
func dropDrafts(pages []*Page) ([]string, map[string]string) {
	draftSections := map[string]bool{}
	for _, p := range pages {
		if p != nil && p.IsIndex && p.Draft && p.Section != "" {
			draftSections[p.Section] = true
		}
	}
	var files []string
	var urls map[string]string
	for i, p := range pages {
		if p == nil {
			continue
		}
		draft := p.Draft
		// (Most trees have no draft section: no folders walked up then.)
		for dir := parentDir(p.File); !draft && len(draftSections) > 0 && dir != ""; dir = parentDir(dir) {
			draft = draftSections[dir]
		}
		if draft {
			files = append(files, p.File)
			if urls == nil {
				urls = map[string]string{}
			}
			urls[p.URL] = p.File
			pages[i] = nil
		}
	}
	return files, urls
}

// DraftMark says where the working copy marks page p a draft, which its
// published edition leaves out (dropDrafts): its own draft: true (or
// publish: false) line, else the draft: true line of the _index.md of a
// folder holding it; at is the page holding the line, mark the line as
// it reads ("draft: true", "publish: false"). ok is false for a page that
// is published. t is a tree loaded with IncludeDrafts, as serve and
// build -drafts load it.
func (t *Tree) DraftMark(p *Page) (at *Page, line int, mark string, ok bool) {
	if p.Draft {
		line, mark := draftLine(p)
		return p, line, mark, true
	}
	// The folders holding it, from the top: a draft one's pages are all
	// drafts.
	sec, dir := t.Root, parentDir(p.File)
	for sec != nil && dir != "" {
		var next *Section
		for _, c := range sec.Sections {
			if c.Path == dir || strings.HasPrefix(dir, c.Path+"/") {
				next = c
				break
			}
		}
		if sec = next; sec != nil && sec.Index != nil && sec.Index != p && !sec.Index.Generated && sec.Index.Draft {
			line, mark := draftLine(sec.Index)
			return sec.Index, line, mark, true
		}
	}
	return nil, 0, "", false
}

// draftLine is the line of a draft page's front matter that makes it one,
// and the line as it reads.
func draftLine(p *Page) (int, string) {
	if n := frontMatterLine(p, "draft"); n > 0 {
		return n, "draft: true"
	}
	if n := frontMatterLine(p, "publish"); n > 0 {
		return n, "publish: false"
	}
	return 1, "draft: true"
}

// untitled reports whether a page has no title of its own (no title: in
// front matter, no # heading starting its text): it is named after its
// file, or its bundle's folder.
func untitled(p *Page) bool {
	if p.IsIndex || p.Generated {
		return false
	}
	name := stem(path.Base(p.File))
	if name == "index" && parentDir(p.File) != "" {
		name = path.Base(parentDir(p.File))
	}
	return p.Title == name
}

// after is the page before p in t's reading order, in p's folder; nil
// when p comes first there.
func after(t *Tree, p *Page) *Page {
	i := slices.Index(t.Pages, p)
	if i <= 0 || t.Pages[i-1].IsIndex && t.Pages[i-1].Section == p.Section {
		return nil
	}
	return t.Pages[i-1]
}

// Since reads the working copy t (loaded with IncludeDrafts) against the
// latest published revision prev, of that version, for what a line of
// front matter changed does to a chapter without a word in its text, so
// that the admin is told before publish freezes it. It returns errs with
// what it found added, as warnings, and lost, what publish refuses.
//
// lost are the chapters the next revision would lose: a chapter of prev
// that draft: true leaves out (publish removed it, and the preview's
// changelog said 文字未变), and a chapter whose title is gone (a title:
// line deleted or misspelt, frozen named 06-performance). The warning
// given such a chapter when it was read (parsePage, titledByNumberedFile),
// whose hint could not know its title, is dropped from errs for lost's,
// which names prev's.
//
// A chapter whose order: (or weight:) line went, so that the contents list
// it elsewhere (last of its folder, as Hugo lists pages without one), is
// warned of: the text is the same, and the place changed without a word.
func Since(t, prev *Tree, version string, errs diag.List) (out, lost diag.List) {
	if t == nil || prev == nil {
		return errs, nil
	}
	old := map[string]*Page{}
	for _, p := range prev.Pages {
		if !p.Generated {
			old[p.File] = p
		}
	}
	name := func(f string) string { return path.Join(t.Display, f) }
	var moved diag.List
	for _, p := range t.Pages {
		op := old[p.File]
		if op == nil || p.Generated || p.IsIndex {
			continue
		}
		if at, line, mark, ok := t.DraftMark(p); ok {
			msg := "the chapter " + op.Title + " is in revision " + version + ", and " + mark + " leaves it out of the next revision: publish would remove it"
			if at != p {
				msg = "the chapter " + op.Title + " (" + name(p.File) + ") is in revision " + version + ", and this " + mark + " of its folder leaves it out of the next revision: publish would remove it"
			}
			lost.Add(diag.Diagnostic{File: name(at.File), Line: line, Col: 1, Severity: diag.Warning, Msg: msg,
				Hint: "remove the line to keep the chapter; to remove it on purpose, delete the file (publish refuses a published chapter left out as a draft)"})
			continue
		}
		// (A front matter below blank lines, not read, is warned of
		// as that, with its fix: parsePage.)
		if untitled(p) && !untitled(op) && !frontMatterBelow(p) {
			errs = slices.DeleteFunc(errs, func(d diag.Diagnostic) bool {
				return d.File == name(p.File) && d.Severity == diag.Warning && strings.Contains(d.Msg, " has no title (")
			})
			lost.Add(diag.Diagnostic{File: name(p.File), Line: 1, Col: 1, Severity: diag.Warning,
				Msg: "the chapter has no title (its front matter gives none, and no # heading starts its text): it would be published named " +
					strconvQuote(p.Title) + " after its file, for good, where revision " + version + " titles it " + op.Title,
				Hint: "put its title back in its front matter: title: " + op.Title + " (publish refuses the chapter without it)"})
		}
		if op.HasWeight && !p.HasWeight {
			if now, was := after(t, p), after(prev, op); (now == nil) != (was == nil) || now != nil && now.File != was.File {
				key := "order"
				if frontMatterLine(op, "order") == 0 && frontMatterLine(op, "weight") > 0 {
					key = "weight"
				}
				where := func(q *Page) string {
					if q == nil {
						return "first"
					}
					return "after " + q.Title
				}
				moved.Add(diag.Diagnostic{File: name(p.File), Line: 1, Col: 1, Severity: diag.Warning,
					Msg: "the chapter has no " + key + ": line now (revision " + version + " has " + key + ": " + strconv.Itoa(op.Weight) +
						"), so the contents list it " + where(now) + ", not " + where(was),
					Hint: "put " + key + ": " + strconv.Itoa(op.Weight) + " back in its front matter to keep its place"})
			}
		}
	}
	out = append(append(errs, lost...), moved...)
	return out, lost
}

func parentDir(dir string) string {
	p := path.Dir(dir)
	if p == "." {
		return ""
	}
	return p
}

// loadSite reads site.toml. working: the tree is the working copy, which
// is told of a title that is not set (a published revision is frozen:
// its settings are what they were).
func loadSite(fsys fs.FS, file string, working bool) (Site, diag.List) {
	s := Site{Title: "Handbook", Language: "zh-CN", BasePath: "/"}
	var errs diag.List
	src, err := fs.ReadFile(fsys, "site.toml")
	if errors.Is(err, fs.ErrNotExist) {
		// A tree without site.toml builds with defaults; but one whose
		// settings file is misnamed (Notepad's site.toml.txt, behind
		// Windows' hidden extensions, or Site.toml) would build with
		// the title Handbook and basePath /, its links broken where it
		// is served.
		if entries, err := fs.ReadDir(fsys, "."); err == nil {
			for _, e := range entries {
				n := e.Name()
				if l := strings.ToLower(n); !e.IsDir() && (l == "site.toml" || strings.HasPrefix(l, "site.toml.")) {
					hint := "rename it to site.toml"
					if strings.HasPrefix(l, "site.toml.") {
						hint += " (Windows hides the ending " + n[len("site.toml"):] + " that the editor added: in Explorer, tick View › File name extensions, or in Notepad save with the type All files)"
					} else {
						hint += ": the name is exact, in lower case, as the web server's file names are"
					}
					errs.Errorf(path.Join(path.Dir(file), n), 0, 0, "the settings file is named "+n+", not site.toml, so its settings (title, basePath, …) are not read", hint)
					return s, errs
				}
			}
		}
		// Deleted, or never written: the handbook was published as
		// "Handbook", in English, without a word. (A Hugo site's folder
		// given for its content is told to give its content/ instead.)
		if working && hugoSiteConfig(fsys) == "" {
			errs.Add(diag.Diagnostic{File: file, Severity: diag.Warning,
				Msg:  "there is no site.toml, so the site is titled “Handbook”, in English, and served from /",
				Hint: "create " + file + " with the handbook's name: title = \"员工手册\" (and basePath = \"/handbook/\" if the site is served under a path)"})
		}
		return s, errs
	}
	if err != nil {
		// Not the defaults: a site.toml that cannot be read (no read
		// permission, a folder) built the site with another title and
		// base path, and its links broke where it is served.
		msg, hint := readProblem(fsys, "site.toml", file, err)
		errs.Errorf(file, 0, 0, msg, hint)
		return s, errs
	}
	if d, bad := checkText(file, src); bad {
		errs.Add(d)
		return s, errs
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		line, col, msg := 0, 0, firstLine(err.Error())
		hint := `write settings as key = "value"`
		if pe, ok := err.(toml.ParseError); ok {
			line, col = diag.SyntaxAt(src, pe.Position.Start, pe.Position.Len, pe.Position.Line, pe.Position.Col)
			msg = pe.Message
			if h := tomlTypoHint(string(src), pe.Position.Start); h != "" {
				hint = h
			}
		}
		errs.Errorf(file, line, col, "site config is not valid TOML: "+msg, hint)
		return s, errs
	}
	// Valid TOML, but a setting of another type (trustHTML = "no",
	// basePath = 5) or given twice in two letter cases, which the
	// decoder reads as one: said here, at the value, in plain words.
	if checkSettings(file, src, raw, &errs) {
		return s, errs
	}
	md, err := toml.Decode(string(src), &s)
	if err != nil { // not expected once the types are checked
		errs.Errorf(file, 0, 0, "site config cannot be read: "+firstLine(err.Error()), "compare each setting with the README's list of settings")
		return s, errs
	}
	if working {
		switch key, title, ok := rawSetting(raw, "title"); {
		case len(raw) == 0:
			errs.Add(diag.Diagnostic{File: file, Severity: diag.Warning,
				Msg:  "site.toml is empty, so the site is titled “Handbook”, in English, and served from /",
				Hint: "write the handbook's name in it: title = \"员工手册\""})
		case !ok:
			errs.Add(diag.Diagnostic{File: file, Severity: diag.Warning,
				Msg:  "site.toml sets no title, so the site is titled “Handbook”, in English",
				Hint: "add a line with the handbook's name: title = \"员工手册\""})
		case strings.TrimFunc(title.(string), blankRune) == "":
			line, col := settingAt(src, key)
			errs.Add(diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Warning,
				Msg:  "title is empty, so the site has no title: the pages' header and the browser's tab show none",
				Hint: "write the handbook's name between the quotes: title = \"员工手册\""})
		}
	}
	for _, k := range md.Undecoded() {
		hint := "known settings: title, organisation, description, language, baseURL, basePath, trustHTML, timeZone"
		for _, known := range []string{"title", "organisation", "description", "language", "basePath", "trustHTML", "timeZone"} {
			if d := editdist.OSA(strings.ToLower(k.String()), strings.ToLower(known)); d > 0 && d <= 2 {
				hint = "did you mean " + known + "? " + hint // organization, the American spelling, or a typo
				break
			}
		}
		errs.Add(diag.Diagnostic{File: file, Line: lineOfKey(src, k.String()), Col: 1, Severity: diag.Warning,
			Msg: "unknown setting " + k.String() + " is ignored", Hint: hint})
	}
	if s.Language != "" && !languageTag.MatchString(s.Language) {
		// It is the pages' lang: a browser or screen reader given
		// "中文" reads them as no language it knows.
		errs.Add(diag.Diagnostic{File: file, Line: lineOfKey(src, "language"), Col: 1, Severity: diag.Warning,
			Msg:  "language " + strconv.Quote(s.Language) + " is not a language tag, so browsers and screen readers do not know the pages' language",
			Hint: `write a tag such as language = "zh-CN" (simplified Chinese) or "zh-TW"`})
	}
	bp := strings.TrimSpace(s.BasePath)
	if bp == "" {
		bp = "/"
	}
	if !strings.HasPrefix(bp, "/") || strings.Contains(bp, "..") || strings.ContainsAny(bp, "?#\\ ") {
		hint := `write it like "/" or "/handbook/"`
		if u, err := url.Parse(bp); err == nil && !strings.Contains(bp, "..") {
			// hr, or the whole address: say the path to write.
			p := strings.Trim(u.Path, "/")
			if u.Host == "" && u.Scheme == "" {
				p = strings.Trim(bp, "/ ")
			}
			if p != "" && !strings.ContainsAny(p, "?#\\ ") {
				hint = "basePath is the path of the address alone, from its first /: write basePath = \"/" + p + "/\""
			}
		}
		errs.Errorf(file, lineOfKey(src, "basePath"), 1, "basePath "+bp+" is not a URL path", hint)
	}
	if !strings.HasSuffix(bp, "/") {
		bp += "/"
	}
	s.BasePath = bp
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "Local" {
			errs.Errorf(file, lineOfKey(src, "timeZone"), 1, "timeZone "+strconv.Quote(s.TimeZone)+" is not a time zone",
				`write a zone of the tz database, e.g. timeZone = "Asia/Shanghai", or remove the line to use the machine's`)
			s.TimeZone = ""
		}
	}
	return s, errs
}

// lineOfKey finds the line where a key is set (key = … in TOML, key: …
// in YAML), for messages; 0 when it is not.
func lineOfKey(src []byte, key string) int {
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, key); ok {
			if rest = strings.TrimSpace(rest); strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, ":") {
				return i + 1
			}
		}
	}
	return 0
}

func parsePage(file, rel string, src []byte) (*Page, diag.List) {
	var errs diag.List
	if d, bad := checkText(file, src); bad {
		errs.Add(d)
		return nil, errs
	}
	// A byte-order mark is harmless: skip it rather than fail.
	bom := 0
	if strings.HasPrefix(string(src), "\uFEFF") {
		bom = 3
	}
	fm, _, bodyStart, ferrs := parseFrontMatter(file, src[bom:])
	if ferrs.HasErrors() {
		return nil, ferrs
	}
	errs = append(errs, ferrs...) // warnings
	dir := parentDir(rel)
	base := path.Base(rel)
	name := stem(base)
	p := &Page{File: rel, Section: dir, FrontMatter: fm, Source: src, BodyOffset: bom + bodyStart}
	// A page need not have front matter, as in Hugo: without a title it is
	// named by its first # heading, else by its file (or folder) name.
	if p.Title == "" {
		p.Title = firstHeading(p.Body())
	}
	if p.Title == "" {
		if n, line, want := unspacedTitle(p.Body()); n > 0 {
			// The page would be named after its file, and show its
			// title as a paragraph starting with #, without a word.
			bodyLine, _ := diag.Position(src, p.BodyOffset)
			why := "Markdown needs a space after #"
			if strings.Contains(line, "＃") {
				why = "its ＃ is a full-width one, which Markdown does not read"
			}
			errs.Add(diag.Diagnostic{File: file, Line: bodyLine + n - 1, Col: 1, Severity: diag.Warning,
				Msg:  "the line " + strconvQuote(line) + " is not a heading (" + why + "): the page shows it as text and takes its title from its file name",
				Hint: "write it as " + want})
		}
	}
	if name == "_index" {
		p.IsIndex = true
		if dir != "" { // the root's is the home page, at the edition's root
			p.URL = urlDir(dir) + "/"
		}
		if p.Title == "" && dir != "" {
			p.Title = path.Base(dir)
		}
		return p, errs // its front matter's warnings too
	}
	what := "file name " + base
	if name == "index" && dir != "" {
		// A page bundle, as Hugo has them: folder/index.md is the page
		// folder/ of the section the folder is in. The folder is not a
		// section; LoadWith refuses other pages in it.
		name = path.Base(dir)
		what = "folder name " + name
		dir = parentDir(dir)
		p.Section = dir
	}
	if p.Title == "" {
		if bodyStart > 0 && slugLike(name) {
			// Front matter without a title (or with it misspelt, which
			// is warned of as a key no one reads): the page was named
			// 07-confidentiality in the contents without a word. A
			// name a person would give a page (请假制度, as Obsidian
			// titles its notes) is its title.
			errs.Add(diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Warning,
				Msg:  "the page has no title (its front matter gives none, and no # heading starts its text): it is named " + strconvQuote(name) + " after its " + what,
				Hint: "add a title: line to its front matter, the chapter's title after the colon, as the other chapters have theirs"})
		}
		p.Title = name
	}
	slug := fm.Slug
	if slug == "" {
		slug = urlName(name)
		if slug == "" {
			errs.Errorf(file, 1, 1, "the "+what+" has no letters or digits to make a URL of",
				"add a slug of ASCII letters, digits and - to its front matter, e.g. slug: performance")
			return nil, errs
		}
	} else if !slugPattern.MatchString(slug) && urlName(slug) != slug {
		// A slug is a URL name as a file's name makes one: Chinese
		// kept (slug: 请假, as a Hugo tree has them, is 请假/, as the
		// file 请假.md is), no spaces, capitals or punctuation.
		hint := "use letters (Chinese too), digits and - only, e.g. slug: performance"
		if u := urlName(slug); u != "" {
			hint = "write it as a URL name, e.g. slug: " + u
		}
		errs.Errorf(file, max(lineOfKey(src, "slug"), 1), 1, "slug "+strconvQuote(slug)+" is not a stable URL name", hint)
		return nil, errs
	}
	if dir == "" && reserved[slug] {
		line, msg := max(lineOfKey(src, "slug"), 1), "slug "+slug+" is reserved for the generator's own pages"
		if fm.Slug == "" {
			line, msg = 1, "the URL "+slug+"/, from the "+what+", is reserved for the generator's own pages"
		}
		errs.Errorf(file, line, 1, msg, "choose another slug, e.g. slug: "+slug+"-page")
	}
	if dir != "" {
		slug = urlDir(dir) + "/" + slug
	}
	p.URL = slug + "/"
	return p, errs
}

func sortSection(s *Section) {
	for _, c := range s.Sections {
		sortSection(c)
	}
	// One order for pages and subsections, as Hugo lists them: by weight
	// (a subsection by its _index.md's), those without one after, then by
	// date, newest first, those without one after (a subsection's is its
	// _index.md's, else its newest page's), then by title, case aside,
	// then by file name (a subsection's is its _index.md). Entries that
	// share an order, one of them written as order (the handbook's key,
	// not Hugo's weight), are listed by file name alone, its numbers read
	// as numbers: an admin numbers chapter files as the chapters run
	// (06-performance.md, 07-confidentiality.md), and by title 第七章
	// sorted before 第六章. Hugo's weight, which Hugo sites share on
	// purpose, keeps Hugo's order.
	type keyed struct {
		Entry
		hasWeight   bool
		weight      int
		date        int64
		title, file string
	}
	ks := make([]keyed, 0, len(s.Pages)+len(s.Sections))
	for _, p := range s.Pages {
		ks = append(ks, keyed{Entry{Page: p}, p.HasWeight, p.Weight, p.Date, strings.ToLower(p.NavTitle()), p.File})
	}
	for _, c := range s.Sections {
		k := keyed{Entry: Entry{Section: c}, title: strings.ToLower(c.NavTitle()), file: c.Path + "/_index.md", date: c.date}
		if c.Index != nil {
			k.hasWeight, k.weight = c.Index.HasWeight, c.Index.Weight
		}
		ks = append(ks, k)
	}
	s.byFile = nil
	shared := map[int]int{}
	for _, k := range ks {
		if k.hasWeight {
			shared[k.weight]++
		}
	}
	for _, k := range ks {
		p := k.Page
		if k.Section != nil {
			p = k.Section.Index
		}
		if k.hasWeight && shared[k.weight] > 1 && frontMatterLine(p, "order") > 0 {
			if s.byFile == nil {
				s.byFile = map[int]bool{}
			}
			s.byFile[k.weight] = true
		}
	}
	s.date = 0
	if s.Index != nil {
		s.date = s.Index.Date
	}
	if s.date == 0 {
		for _, k := range ks {
			s.date = max(s.date, k.date)
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		switch {
		case a.hasWeight != b.hasWeight:
			if a.hasWeight {
				return -1
			}
			return 1
		case a.weight != b.weight:
			return cmp.Compare(a.weight, b.weight)
		case a.hasWeight && s.byFile[a.weight]:
			return compareFileNames(a.file, b.file)
		case (a.date == 0) != (b.date == 0):
			if a.date != 0 {
				return -1
			}
			return 1
		case a.date != b.date:
			return cmp.Compare(b.date, a.date)
		case !a.hasWeight && numbered(a.file) && numbered(b.file):
			// Files numbered as chapters (01-入职须知.md), with no order
			// of their own, are in their numbers' order: by title, as
			// Hugo has it, 第一章 … 第七章 ran 一、七、三、二、五、六、四.
			if c := compareFileNames(a.file, b.file); c != 0 {
				return c
			}
		}
		if a.title != b.title {
			return strings.Compare(a.title, b.title)
		}
		return strings.Compare(a.file, b.file)
	})
	s.entries, s.Pages, s.Sections = make([]Entry, len(ks)), s.Pages[:0], s.Sections[:0]
	for i, k := range ks {
		s.entries[i] = k.Entry
		if k.Page != nil {
			s.Pages = append(s.Pages, k.Page)
		} else {
			s.Sections = append(s.Sections, k.Section)
		}
	}
}

// numbered reports whether an entry's name (a page's file, a section's
// folder, given as its _index.md) starts with a digit: 01-入职须知.md,
// 2-sales/_index.md.
func numbered(file string) bool {
	name := path.Base(file)
	if name == "_index.md" {
		name = path.Base(path.Dir(file))
	}
	return name != "" && isDigit(name[0])
}

// compareFileNames orders two paths as their numbers run: a run of
// digits is compared as a number (9-notes.md before 10-appendix.md,
// 06-performance.md before 07-confidentiality.md), the rest code point
// by code point; paths that read as the same numbers (6-a.md, 06-a.md)
// as strings.
func compareFileNames(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			x, y := strings.TrimLeft(a[si:i], "0"), strings.TrimLeft(b[sj:j], "0")
			if c := cmp.Compare(len(x), len(y)); c != 0 {
				return c
			}
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
			continue
		}
		if a[i] != b[j] {
			return cmp.Compare(a[i], b[j])
		}
		i, j = i+1, j+1
	}
	if c := cmp.Compare(len(a)-i, len(b)-j); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func readingOrder(s *Section, out []*Page) []*Page {
	if s.Index != nil {
		out = append(out, s.Index)
	}
	for _, e := range s.Entries() {
		if e.Page != nil {
			out = append(out, e.Page)
		} else {
			out = readingOrder(e.Section, out)
		}
	}
	return out
}

// Entry is one thing a section holds: a page, or a subsection.
type Entry struct {
	Page    *Page
	Section *Section
}

// Entries are the section's pages and subsections in one order (see
// sortSection), the order of reading, of the sidebar and of section lists.
func (s *Section) Entries() []Entry { return s.entries }

const saveAsUTF8 = "save it as UTF-8 (in most editors: File → Save with Encoding → UTF-8)"

// checkText refuses a file that is not UTF-8 text, naming what it looks
// like: a Windows editor's UTF-16 ("Unicode") or GBK, or a file with a
// NUL byte (one damaged by a crash, or binary). A NUL byte is valid UTF-8,
// and goldmark published it as U+FFFD in the middle of a clause, without
// a word.
func checkText(file string, src []byte) (diag.Diagnostic, bool) {
	for _, k := range binaryKinds {
		if bytes.HasPrefix(src, []byte(k.magic)) {
			return diag.At(file, src, 0, "the file is "+k.what+", not Markdown text",
				"a page is a text file: save the document's text as Markdown (UTF-8) under this name, or give the file its own extension ("+k.ext+") and link to it from a page, which publishes it"), true
		}
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return diag.At(file, src, 0, "the file is saved as UTF-16 (Windows' \"Unicode\"), not UTF-8", saveAsUTF8), true
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		if utf16ish(src) {
			return diag.At(file, src, 0, "the file is saved as UTF-16 (Windows' \"Unicode\"), not UTF-8", saveAsUTF8), true
		}
		return diag.At(file, src, i, "the file holds a NUL (zero) byte: it is damaged or not text",
			"restore it from its last good copy (git, a backup), or delete the stray character and save it as UTF-8"), true
	}
	if utf8.Valid(src) {
		return diag.Diagnostic{}, false
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	msg := "the file is not valid UTF-8"
	if gbkish(src) {
		msg += " (it looks like GBK/GB18030, as Windows saves Chinese text)"
	}
	return diag.At(file, src, off, msg, saveAsUTF8), true
}

// binaryKinds are the files a team's tree holds under a page's name by
// mistake (a screenshot, a Word or PDF original saved as 制度.md), by
// their opening bytes: said as what they are, where "a NUL (zero) byte:
// damaged … delete the stray character" sent the author looking for one
// character in an image, and a PDF (valid UTF-8 at its start) or an RTF
// document was published as a page of its codes.
var binaryKinds = []struct{ magic, what, ext string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image", ".png"},
	{"\xff\xd8\xff", "a JPEG image", ".jpg"},
	{"GIF87a", "a GIF image", ".gif"},
	{"GIF89a", "a GIF image", ".gif"},
	{"%PDF-", "a PDF document", ".pdf"},
	{"PK\x03\x04", "a Word or Excel document (.docx, .xlsx) or another zipped file", ".docx, .xlsx, .zip"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word or Excel 97–2003 (.doc, .xls) or WPS document", ".doc, .xls, .wps"},
	{"{\\rtf", "an RTF document (Word's or WordPad's rich text)", ".rtf"},
}

// utf16ish: the zero bytes of the file's start are nearly all at even
// offsets, or all at odd ones, as in UTF-16 text holding some ASCII (its
// front matter's dashes and keys, digits, line ends).
func utf16ish(src []byte) bool {
	var zeros [2]int
	for i := 0; i < len(src) && i < 4096; i++ {
		if src[i] == 0 {
			zeros[i%2]++
		}
	}
	lo, hi := min(zeros[0], zeros[1]), max(zeros[0], zeros[1])
	return hi >= 4 && 10*lo <= hi
}

// gbkish: every byte outside ASCII is half of a GBK pair (a lead byte
// 0x81–0xFE, then 0x40–0xFE but 0x7F), and there is at least one.
func gbkish(src []byte) bool {
	pairs := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c < 0x80 {
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(src) {
			return false
		}
		t := src[i+1]
		if t < 0x40 || t == 0x7F || t == 0xFF {
			return false
		}
		pairs++
		i++
	}
	return pairs > 0
}
