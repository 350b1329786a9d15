package build

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html/template"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"handbook/generator/assets"
	"handbook/generator/content"
	"handbook/generator/markdown"
	"handbook/generator/output"
)

// funcs are the functions the theme's templates may call: figures writes
// text with its figures kept on one line (markdown.FigureHTML).
var funcs = template.FuncMap{"figures": markdown.FigureHTML}

// assetURLs are the content-hashed names of the theme's bundles.
type assetURLs struct {
	CSS, JS, CalculatorJS, WASM, SW string
	files                           map[string][]byte // extra files to write at the site root (sw.js per edition)
}

type navItem struct {
	Title    string
	URL      string
	Current  bool
	Children []*navItem
}

type chapterItem struct {
	Title, URL, Summary, Anchor string
	Content                     template.HTML
	// TitleID: on the print page, the ID of the title's heading when
	// the body gave it as its # heading (printOutline).
	TitleID string
}

type editionView struct {
	ID, Label, Status, Root, Effective, Until string
	// Name is the handbook's title with the revision's label and, for one
	// not in force, what it is (制度手册 2025.1（已废止）): the page
	// title's end and the printed running head. A field, not a template
	// of the theme's: one called in the <title> and in an attribute is
	// escaped into copies only html/template runs (tmplrun).
	Name string
	SW   bool
	// Print: the edition has a print page (not above maxPrintPages).
	Print bool
	// Search: the edition has a search index, page and box (not when
	// built with Options.NoSearch).
	Search bool
}

// editionName is editionView.Name.
func editionName(title, label, status string) string {
	if label == "" {
		return title
	}
	name := title + " " + label
	switch status {
	case "superseded":
		name += "（已废止）"
	case "upcoming":
		name += "（待生效）"
	case "replaced":
		name += "（未施行）"
	}
	return name
}

type versionLink struct {
	Label, Note, URL, Root string
	Current                bool
}

// hasTitle reports whether a page of ed has the title.
func hasTitle(ed *edition, title string) bool {
	for _, q := range ed.tree.Pages {
		if titleOf(ed.tree, q) == title {
			return true
		}
	}
	return false
}

// lastChangedView is the revision a chapter last changed in; First when
// that is the first revision, which published it (本章首次发布于 …: it
// was never revised, which 最近修订于 said it was).
//
// Later is the first revision after the page's own that changed the
// chapter (with its effective date and its changelog entry), on the pages
// of a revision no longer in force: the chapter has been revised since.
type lastChangedView struct {
	Version, Effective, URL string
	First                   bool
	Later, LaterEffective   string
	LaterURL                string
	// LaterGone: the later revision has no such chapter file (deleted,
	// or its file renamed).
	LaterGone bool
}

// successorView is the revision that follows the one in force: its label,
// effective date and the page's address in it (its home when it has no
// such page: Gone).
type successorView struct {
	Label, Effective, URL string
	Gone                  bool
}

type pageData struct {
	Site       content.Site
	Kind       string
	Title      string
	Content    template.HTML
	TOC        []markdown.Heading
	TOCHTML    template.HTML // TOC as nested lists (tocHTML)
	NavHTML    template.HTML
	Prev, Next *navItem
	// PrevNext is what the neighbours are called: 章 in a handbook of
	// chapters, 篇 in a tree of sections (a migrated site's pages are
	// no chapters).
	PrevNext      string
	Chapters      []chapterItem
	Edition       editionView
	Versions      []versionLink
	CurrentURL    string
	Canonical     string
	Changelog     string
	LastChanged   *lastChangedView
	Assets        assetURLs
	Calculator    *calcView
	HasCalculator bool
	// CalculatorChapter names the chapter whose rules the calculator
	// computes (calcView.Chapter), for the home page's link to it.
	CalculatorChapter string
	CSP               string
	// Extra carries kind-specific data (the changelog's revisions).
	Extra any
	// NotInCurrent: the edition in force has no such page (a chapter
	// deleted, or not yet there): the banner says so and links its home.
	NotInCurrent bool
	// Successor, on the pages of the revision in force when another is
	// upcoming: the banner says until when this text is in force and
	// links the same page of the one that follows.
	Successor *successorView
	// TitleInBody: the body opens with the title as its # heading (a page
	// titled by it, or a Markdown file written to stand alone), so the
	// page does not print the title above it a second time.
	TitleInBody bool
	// Deleted, on the page left at the address of a chapter this
	// revision deleted (deletedPages), says which and where it was.
	Deleted *deletedPage
	// MovedIDs maps the IDs an earlier revision's page had and this one
	// has not to where their text is now (see movedIDs), for the page's
	// script to tell a reader who followed an old link.
	MovedIDs map[string]movedID
}

type siteRender struct {
	cache       *Cache
	searchLater bool
	noSearch    bool
	pending     []func() (map[string][]byte, error)
	tmpl        *templates
	urls        assetURLs
	eds         []*edition
	// byEffective is eds in the order they take effect (reusedAt).
	byEffective     []*edition
	byEffectiveOnce sync.Once
	base            string
	out             output.Writer
	today           time.Time
	clock           *stageClock
	// bodies holds, per kind of page (*atomic.Int64), the last such
	// page's ratio of body HTML to Markdown source in percent, to size the
	// next one's buffer.
	bodies sync.Map
	// moveSteps caches moveStep by pair of editions and page file
	// (moveKey → its map), and the other answers about two editions'
	// pages worked out once a build (arrivalsKey, linesKey, seenKey).
	moveSteps sync.Map
	// unseen marks the changes no reader sees (quietChanges), by
	// revision and file, and before maps a revision's ID to the one its
	// changelog entry compares it with.
	unseen map[[2]string]bool
	before map[string]*edition
}

// quietChanges finds, before any page is rendered (and its tree let go),
// the chapters each published revision changed where no reader sees it
// (seenSame: a trailing space, a blank line), which its changelog entry
// does not list.
func (s *siteRender) quietChanges() error {
	s.unseen, s.before = map[[2]string]bool{}, map[string]*edition{}
	var prev *edition
	eds := slices.Clone(s.eds)
	sortByEffective(eds)
	for _, e := range eds {
		if !e.published || e.status == statusReplaced {
			continue
		}
		if prev != nil {
			s.before[e.id] = prev
			for file, v := range e.lastChanged {
				if v != e.id {
					continue
				}
				op, np := pageOf(prev, file), pageOf(e, file)
				if op == nil || np == nil || prev.docs[op] == nil || e.docs[np] == nil || prev.docs[op].ReaderText() != e.docs[np].ReaderText() {
					continue
				}
				same, err := s.seenSame(prev, e, file)
				if err != nil {
					return err
				}
				s.unseen[[2]string{e.id, file}] = same
			}
		}
		prev = e
	}
	return nil
}

// lastSeenChange is the revision a chapter last changed in as readers see
// it: its file's last change (ed.lastChanged), less those no reader sees.
// The page said 本章最近修订于 2027.3 of a trailing space, and its 查看改动
// led to an entry without the chapter.
func (s *siteRender) lastSeenChange(ed *edition, file string) (string, bool) {
	v, ok := ed.lastChanged[file]
	for ok && s.unseen[[2]string{v, file}] {
		prev := s.before[v]
		if prev == nil {
			break
		}
		w, had := prev.lastChanged[file]
		if !had {
			break
		}
		v = w
	}
	return v, ok
}

// laterSeenChange is the first revision after ed that changed a chapter
// as readers see it (ed.changedLater's, less changes no reader sees): an
// old revision's page said 此后又于 2.0 修订 of a trailing space.
func (s *siteRender) laterSeenChange(ed *edition, file string) (laterChange, bool) {
	l, ok := ed.changedLater[file]
	for ok && !l.gone && s.unseen[[2]string{l.ed.id, file}] {
		l, ok = l.ed.changedLater[file]
	}
	return l, ok
}

// The markers a page's frame is executed with in place of its sidebar and
// body (Unicode private-use characters around a name: nothing a page
// shows).
const (
	navMarker  = "\ue000handbook-sidebar\ue001"
	bodyMarker = "\ue000handbook-body\ue001"
)

// frameBuffers holds buffers for page frames (see page).
var frameBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page renders a page: its template data d lacks only the sidebar and
// the body. The template runs with markers in their place (a frame of a
// few kilobytes), then the page is put together in one buffer, the
// sidebar and the body written straight into it. At 10,000 pages, the
// sidebars and bodies made first as strings for the template to copy
// were a sixth of what the build allocated. A theme that shows either
// one other than once, or escaped, or the body first, gets its page
// through the template whole.
func (s *siteRender) page(kind string, d *pageData, navs *navCache, p *content.Page, eng *markdown.Engine, doc *markdown.Doc, lend output.Lender) ([]byte, error) {
	d.NavHTML, d.Content = navMarker, bodyMarker
	fb := frameBuffers.Get().(*bytes.Buffer)
	defer frameBuffers.Put(fb)
	fb.Reset()
	if err := s.tmpl.execute(fb, kind, d); err != nil {
		return nil, err
	}
	frame := fb.Bytes()
	i, j := bytes.Index(frame, []byte(navMarker)), bytes.Index(frame, []byte(bodyMarker))
	if i < 0 || j < i || bytes.Count(frame, []byte(navMarker)) != 1 || bytes.Count(frame, []byte(bodyMarker)) != 1 {
		body, err := eng.Render(doc)
		if err != nil {
			return nil, err
		}
		d.NavHTML, d.Content = navs.HTML(p), template.HTML(body)
		var buf bytes.Buffer
		if err := s.tmpl.execute(&buf, kind, d); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	rv, _ := s.bodies.LoadOrStore(kind, new(atomic.Int64))
	ratio := int(rv.(*atomic.Int64).Load())
	if ratio == 0 {
		ratio = 300
	}
	src := len(p.Source)
	buf := bytes.NewBuffer(lent(lend, len(frame)+navs.Size(p)+src*ratio/100+src/8))
	buf.Write(frame[:i])
	navs.WriteTo(buf, p)
	buf.Write(frame[i+len(navMarker) : j])
	at := buf.Len()
	if err := eng.RenderTo(buf, doc); err != nil {
		return nil, err
	}
	if src > 0 {
		rv.(*atomic.Int64).Store(int64((buf.Len() - at) * 100 / src))
	}
	buf.Write(frame[j+len(bodyMarker):])
	return buf.Bytes(), nil
}

// writeAssets writes the theme bundles and the calculator module once for
// the whole site (every edition shares them) and returns their URLs.
func writeAssets(w output.Writer, opts Options, b *assets.Bundle, eds []*edition) (assetURLs, error) {
	base := eds[0].tree.Site.BasePath
	u := assetURLs{}
	for entry, f := range b.Files {
		if entry == assets.ServiceWork {
			continue // written per edition, unhashed, so its scope is the edition
		}
		if err := w.WriteFile("assets/"+f.Name, f.Data); err != nil {
			return u, err
		}
	}
	for _, f := range b.Extra {
		if err := w.WriteFile("assets/"+f.Name, f.Data); err != nil {
			return u, err
		}
	}
	u.CSS = base + "assets/" + b.Name(assets.MainCSS)
	u.JS = base + "assets/" + b.Name(assets.MainJS)
	if n := b.Name(assets.CalculatorJS); n != "" {
		u.CalculatorJS = base + "assets/" + n
	}
	u.files = map[string][]byte{}
	if f, ok := b.Files[assets.ServiceWork]; ok {
		u.files["sw.js"] = f.Data
	}
	needWASM := false
	for _, ed := range eds {
		needWASM = needWASM || ed.calc != nil
	}
	if needWASM && opts.WASM != nil {
		mod, err := opts.WASM()
		if err != nil {
			return u, err
		}
		name := assets.Hashed("calculator", ".wasm", mod)
		if err := w.WriteFile("assets/"+name, mod); err != nil {
			return u, err
		}
		u.WASM = base + "assets/" + name
	}
	return u, nil
}

func (s *siteRender) renderAll() error {
	if err := s.quietChanges(); err != nil {
		return err
	}
	for _, ed := range s.eds {
		for _, root := range ed.roots() {
			if err := s.renderEdition(ed, root); err != nil {
				return err
			}
		}
	}
	if err := s.renderChangelog(); err != nil {
		return err
	}
	s.clock.done("changelog")
	// The site root leads to the revision in force.
	if err := s.redirect("index.html", s.base+"latest/", s.eds[0].tree.Site); err != nil {
		return err
	}
	// A page's old addresses (aliases) lead to it, and so do the
	// addresses a chapter had in earlier revisions.
	if err := s.writeAliases(); err != nil {
		return err
	}
	if err := s.writeMovedPages(); err != nil {
		return err
	}
	// Offline: the site root (a bookmark of the handbook) and the
	// changelog have a worker of their own, scoped to the whole site;
	// inside an edition, the edition's worker (the narrower scope) wins.
	if data := s.urls.files["sw.js"]; data != nil {
		if err := s.out.WriteFile("sw.js", data); err != nil {
			return err
		}
		list := []string{s.urls.CSS, s.urls.JS, s.base}
		for _, ed := range s.eds {
			if ed.published || ed.status == statusDraft { // as renderChangelog
				list = append(list, s.base+"changelog/")
				break
			}
		}
		// The changelog changes with every revision published or in force.
		h := newHasher().bytes(s.tmpl.key[:]).any(s.eds[0].tree.Site)
		for _, e := range s.eds {
			h.str(e.id).str(e.label).str(e.status).str(e.root).str(e.effective).str(e.until).bytes(e.world[:])
		}
		list = append(list, listStamp(h.sum()))
		return s.out.WriteFile("precache.json", jsonList(list))
	}
	return nil
}

func (s *siteRender) redirect(name, to string, site content.Site) error {
	return s.redirectTo(name, to, site.Title, site)
}

// redirectTo writes at name a page that sends its reader on to the
// address to, keeping the #fragment they came with.
func (s *siteRender) redirectTo(name, to, title string, site content.Site) error {
	var buf bytes.Buffer
	err := s.tmpl.sets["home"].ExecuteTemplate(&buf, "redirect", map[string]string{"To": to, "Title": title, "Lang": site.Language})
	if err != nil {
		return err
	}
	return s.out.WriteFile(name, buf.Bytes())
}

const cspBase = "default-src 'none'; script-src 'self'%s; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'"

func csp(wasm bool) string {
	if wasm {
		return cspCalculator
	}
	return cspPage
}

var (
	cspPage       = strings.Replace(cspBase, "%s", "", 1)
	cspCalculator = strings.Replace(cspBase, "%s", " 'wasm-unsafe-eval'", 1)
)

// renderEdition writes one edition's pages under root.
func (s *siteRender) renderEdition(ed *edition, root string) error {
	rootURL := s.base + root
	site := ed.tree.Site
	var calc *calcView
	if ed.calc != nil {
		c := *ed.calc
		c.WASM = s.urls.WASM
		c.ClauseBase = rootURL + c.ChapterURL
		calc = &c
	}
	hasCalc := calc != nil && s.urls.WASM != ""
	ev := editionView{ID: ed.id, Label: ed.label, Status: ed.status, Root: rootURL, Effective: ed.effective, Until: ed.until,
		Name: editionName(site.Title, ed.label, ed.status),
		SW:   s.urls.files["sw.js"] != nil, Print: hasPrintPage(ed), Search: !s.noSearch}
	common := func(kind, title, pageURL string) *pageData {
		d := &pageData{
			Site: site, Kind: kind, Title: title, Assets: s.urls, HasCalculator: hasCalc,
			Edition: ev, CSP: csp(false),
		}
		if calc != nil {
			d.CalculatorChapter = calc.Chapter
		}
		if len(s.eds) > 1 || ed.published {
			d.Changelog = s.base + "changelog/"
		}
		d.Versions = s.versions(ed, pageURL)
		if ed.status != statusCurrent && ed.status != statusOnly {
			if cur := s.current(); cur != nil && cur != ed {
				same := sameOrHome(cur, pageURL)
				if moved := movedTo(ed, cur)[pageURL]; moved != "" {
					same = moved
				} else if same != "" && s.reusedAt(ed, cur, pageURL) {
					same = ""
				}
				d.CurrentURL = s.base + "latest/" + same
				d.NotInCurrent = same == "" && pageURL != ""
			}
		}
		if nx := ed.successor; nx != nil && kind != "notfound" {
			same := sameOrHome(nx, pageURL)
			if moved := movedTo(ed, nx)[pageURL]; moved != "" {
				same = moved
			}
			d.Successor = &successorView{Label: nx.label, Effective: nx.effective, URL: s.base + nx.root + same,
				Gone: same == "" && pageURL != ""}
		}
		if root != "latest/" && ed.status == statusCurrent {
			d.Canonical = s.base + "latest/" + pageURL
		}
		return d
	}
	pages := ed.tree.Pages
	navs := newNavCache(ed.tree, rootURL)
	// The same for every page of the edition: what its neighbours are
	// called (章, or 篇 in a tree of sections) and the first revision's
	// date (a chapter last changed then was first published then).
	prevNext := "章"
	if len(ed.tree.Root.Sections) > 0 {
		prevNext = "篇"
	}
	firstEffective := ""
	for _, e := range s.eds {
		if e.status != statusDraft && e.status != statusOnly && e.effective != "" && (firstEffective == "" || e.effective < firstEffective) {
			firstEffective = e.effective
		}
	}
	// What every page of this root shares, hashed once: the per-page key
	// then needs only what differs between pages.
	// It also stamps the offline list (see below), so it is hashed in
	// every build.
	var edKey [32]byte
	{
		edh := newHasher().any(site).any(ev).str(s.urls.CSS).str(s.urls.JS).str(s.urls.CalculatorJS).
			str(s.urls.WASM).any(hasCalc).str(s.base).str(root)
		if calc != nil {
			edh.any(*calc)
		}
		for _, e := range s.eds {
			edh.str(e.id).str(e.label).str(e.status).str(e.root).str(e.effective).str(e.until)
			for _, p := range e.tree.Pages {
				edh.str(p.URL) // the switcher links to a page only where it exists
			}
		}
		edKey = edh.sum()
	}
	nav := navs.HTML
	// With the same edition world (see editionWorld), theme and edition
	// settings as the last successful build, a page whose source is
	// unchanged renders as it did then: it keeps its last key, unworked.
	sameFrame := false
	if s.cache != nil {
		fw := newHasher().bytes(ed.world[:]).bytes(s.tmpl.key[:]).bytes(edKey[:]).sum()
		last, ok := s.cache.world("pages "+root, fw)
		sameFrame = ok && last == fw
	}

	var sw []string
	write := func(rel string, kind string, d *pageData) error {
		var buf bytes.Buffer
		if err := s.tmpl.execute(&buf, kind, d); err != nil {
			return err
		}
		sw = append(sw, rootURL+strings.TrimSuffix(rel, "index.html"))
		return s.out.WriteFile(root+rel, buf.Bytes())
	}

	// Home: made here, unless the root has an _index.md, which is then the
	// home page and renders with the other pages.
	if ed.tree.Root.Index == nil {
		home := common("home", "", "")
		home.Title = ""
		home.NavHTML = nav(nil)
		home.Chapters = chapterList(ed.tree.Root, rootURL, ed)
		if err := write("index.html", "home", home); err != nil {
			return err
		}
	}

	// The search index is built while the pages render: indexing is
	// mostly one core's work, and page writes leave cores idle.
	var calcPage *pageData
	if hasCalc {
		calcPage = common("calculator", "绩效工资计算器", "calculator/")
		calcPage.NavHTML = nav(nil)
		calcPage.Calculator = calc
		calcPage.CSP = csp(true)
	}
	sj := s.startSearch(ed, root, rootURL, calcPage)
	// However rendering ends, the index is not left running.
	defer func() { <-sj.done }()

	chain := s.moveChain(ed)
	// A page's body is rendered once more only for the print page and for
	// the edition's other roots (latest/ and v/…/ of the revision in force).
	roots := ed.roots()
	dropRendered := !hasPrintPage(ed) && root == roots[len(roots)-1]

	// Pages, in parallel.
	var lend output.Lender
	if cw, ok := s.out.(*countingWriter); ok && !s.cache.keepsPages() {
		lend = cw.lender()
	}
	// The pages kept as they were, all at once: one lookup each, under
	// one lock, not three locks a page taken in turn by every core.
	var kept []bool
	if sameFrame {
		var err error
		if kept, err = s.keepPages(ed, root); err != nil {
			return err
		}
	}
	err := parallel(len(pages), func(i int) error {
		p := pages[i]
		name := root + p.URL + "index.html"
		if kept != nil && kept[i] {
			return nil
		}
		if err := ensureLinks(ed, p); err != nil {
			return err
		}
		// What is the page's own, first: with the page's source, it is all
		// its key needs, and a page the cache kept needs nothing more.
		own := pageData{Kind: "page", Title: p.Title, CSP: cspPage}
		switch {
		case p == ed.tree.Root.Index:
			own.Kind = "home"
			own.Chapters = chapterList(ed.tree.Root, rootURL, ed)
		case p.IsIndex:
			own.Kind = "section"
			own.Title = sectionTitle(ed.tree, p)
			own.Chapters = sectionChildren(ed.tree, p, rootURL)
		}
		own.PrevNext = prevNext
		if i > 0 { // pages are in reading order
			q := pages[i-1]
			own.Prev = &navItem{Title: titleOf(ed.tree, q), URL: rootURL + q.URL}
		}
		if i+1 < len(pages) {
			q := pages[i+1]
			own.Next = &navItem{Title: titleOf(ed.tree, q), URL: rootURL + q.URL}
		}
		if p.Calculator && hasCalc {
			own.Calculator = calc
			own.CSP = cspCalculator
		}
		if v, ok := s.lastSeenChange(ed, p.File); ok && v != "draft" {
			lc := &lastChangedView{Version: v, URL: s.base + "changelog/#" + v + "-" + slugFile(p.File)}
			for _, e := range s.eds {
				if e.id == v {
					lc.Effective = e.effective
				}
			}
			// First published in v: the first revision, or the first
			// that held the file (a chapter added later; it said
			// 最近修订于, of a chapter never revised).
			lc.First = lc.Effective != "" && lc.Effective == firstEffective || ed.firstIn[p.File] == v
			if l, ok := s.laterSeenChange(ed, p.File); ok {
				lc.Later, lc.LaterEffective = l.ed.label, l.ed.effective
				lc.LaterURL = s.base + "changelog/#" + l.ed.id + "-" + slugFile(p.File)
				if l.gone {
					// Its file is not in that revision: deleted, unless
					// a page there has its address or its title (the
					// file renamed), whose entry the changelog lists
					// under the new name: the revision's entry then.
					lc.LaterGone = !l.ed.hasPage[p.URL] && !hasTitle(l.ed, titleOf(ed.tree, p))
					if !lc.LaterGone {
						lc.LaterURL = s.base + "changelog/#" + l.ed.id
					}
				}
			}
			own.LastChanged = lc
		}
		own.MovedIDs = s.movedIDs(chain, p)
		kind := own.Kind
		var key [32]byte
		if s.cache != nil {
			h := newHasher().bytes(s.tmpl.key[:]).bytes(edKey[:]).str(kind).str(p.URL).bytes(pageKey(ed.docs[p]))
			frameKey(h, &own)
			key = h.bytes(navs.Key(p)).sum()
			if data, ok := s.cache.page(name, key); ok {
				return s.reuse(name, data)
			}
		}
		d := common(kind, own.Title, p.URL)
		d.PrevNext = own.PrevNext
		d.Chapters, d.Prev, d.Next, d.Calculator, d.CSP, d.LastChanged = own.Chapters, own.Prev, own.Next, own.Calculator, own.CSP, own.LastChanged
		d.MovedIDs = own.MovedIDs
		if hs := ed.docs[p].Headings; len(hs) > 0 && hs[0].Level == 1 && hs[0].Text == d.Title {
			d.TitleInBody = true
		}
		for _, h := range ed.docs[p].Headings {
			if h.Level == 2 || h.Level == 3 {
				h.Text = markdown.Typeset(h.Text) // as the heading itself reads
				d.TOC = append(d.TOC, h)
			}
		}
		if len(d.TOC) < 2 {
			d.TOC = nil
		}
		d.TOCHTML = tocHTML(d.TOC)
		page, err := s.page(kind, d, navs, p, engine(site.TrustHTML), ed.docs[p], lend)
		if err != nil {
			return err
		}
		if dropRendered {
			ed.docs[p].DropRendered()
		}
		s.cache.putPage(name, key, page)
		if lend != nil {
			return lend.WriteFileThen(name, page, giveBack)
		}
		return s.out.WriteFile(name, page)
	})
	if err != nil {
		return err
	}
	for _, p := range pages {
		sw = append(sw, rootURL+p.URL)
	}
	res, err := s.writeResources(ed, root, rootURL)
	if err != nil {
		return err
	}
	sw = append(sw, res...)
	s.clock.done("pages " + root)

	// Print: the whole handbook on one page (small handbooks only: a
	// 10,000-page tree is not printed in one go).
	if hasPrintPage(ed) {
		for _, p := range pages {
			if err := ensureLinks(ed, p); err != nil {
				return err
			}
		}
		var pkey [32]byte
		if s.cache != nil {
			h := newHasher().bytes(s.tmpl.key[:]).bytes(edKey[:]).str("print")
			for _, p := range pages {
				h.str(p.URL).str(titleOf(ed.tree, p)).bytes(pageKey(ed.docs[p]))
			}
			for _, r := range slices.Sorted(maps.Keys(ed.resources)) {
				h.str(r)
			}
			pkey = h.sum()
		}
		if data, ok := s.cache.page(root+"print/index.html", pkey); ok {
			sw = append(sw, rootURL+"print/")
			if err := s.reuse(root+"print/index.html", data); err != nil {
				return err
			}
		} else {
			pr := common("print", "打印全文", "print/")
			pr.NavHTML = nav(nil)
			for _, p := range pages {
				anchor := "ch-" + strings.ReplaceAll(strings.TrimSuffix(p.URL, "/"), "/", "-")
				body, err := engine(site.TrustHTML).Render(ed.docs[p])
				if err != nil {
					return err
				}
				title, titleID := titleOf(ed.tree, p), ""
				if hs := ed.docs[p].Headings; len(hs) > 0 && hs[0].Level == 1 && hs[0].Text == title {
					titleID = anchor + "-" + hs[0].ID
				}
				body, titleID = printOutline(prefixIDs(body, anchor+"-", pages, p), titleID)
				pr.Chapters = append(pr.Chapters, chapterItem{Title: title, Anchor: anchor, TitleID: titleID, Content: template.HTML(body)})
			}
			var buf bytes.Buffer
			if err := s.tmpl.execute(&buf, "print", pr); err != nil {
				return err
			}
			s.cache.putPage(root+"print/index.html", pkey, buf.Bytes())
			sw = append(sw, rootURL+"print/")
			if err := s.out.WriteFile(root+"print/index.html", buf.Bytes()); err != nil {
				return err
			}
		}
	}

	// Calculator.
	if hasCalc {
		if err := write("calculator/index.html", "calculator", calcPage); err != nil {
			return err
		}
	}

	// The site's 404 page, which static hosts serve for any missing path:
	// made once, from the edition readers land on, with absolute links.
	if root == "latest/" && s.tmpl.sets["notfound"] != nil {
		nf := common("notfound", "找不到这一页", "")
		nf.NavHTML = nav(nil)
		var buf bytes.Buffer
		if err := s.tmpl.execute(&buf, "notfound", nf); err != nil {
			return err
		}
		if err := s.out.WriteFile("404.html", buf.Bytes()); err != nil {
			return err
		}
		// A chapter an earlier revision had and this one deleted keeps
		// its address under latest/: a page saying in which revision it
		// was deleted, with a link to it as it was. Bookmarks and links
		// kept from then met the 404 page, which a host without it (or a
		// reader without JavaScript) left at "not found".
		for _, dl := range s.deletedPages(ed) {
			d := common("notfound", dl.Title+"（已删去）", dl.URL)
			d.NavHTML = nav(nil)
			d.Deleted = dl
			if err := write(dl.URL+"index.html", "notfound", d); err != nil {
				return err
			}
		}
	}

	// Search page and index.
	if !s.noSearch {
		sp := common("search", "搜索", "search/")
		sp.NavHTML = nav(nil)
		if err := write("search/index.html", "search", sp); err != nil {
			return err
		}
	}
	<-sj.done
	if sj.err != nil {
		return sj.err
	}
	s.clock.done("search " + root)
	// Offline reading caches a small index whole; a big one is cached
	// shard by shard as searches fetch them (the service worker keeps what
	// passes through it), so installing it does not download megabytes.
	for _, name := range sj.names {
		if sj.bytes <= precacheIndexLimit || path.Base(name) == "meta.json" {
			sw = append(sw, rootURL+name)
		}
	}

	// Offline: the edition's service worker and what it precaches.
	if data := s.urls.files["sw.js"]; data != nil {
		if err := s.out.WriteFile(root+"sw.js", data); err != nil {
			return err
		}
		sort.Strings(sw)
		list := append([]string{s.urls.CSS, s.urls.JS}, sw...)
		if s.urls.CalculatorJS != "" && hasCalc {
			list = append(list, s.urls.CalculatorJS, s.urls.WASM)
		}
		// The list changes whenever what every page shows does (a revision
		// in force since today changes every banner, not one address): the
		// worker fetches the edition again only when its list changed, so
		// a reader offline read one build's banner on one chapter and the
		// last build's on the next.
		stamp := newHasher().bytes(ed.world[:]).bytes(s.tmpl.key[:]).bytes(edKey[:]).sum()
		list = append(list, listStamp(stamp))
		if err := s.out.WriteFile(root+"precache.json", jsonList(list)); err != nil {
			return err
		}
	}
	return nil
}

// keepPages keeps, as the last build made them, the pages of an edition
// root whose source is unchanged (ed.reused) when its world is too, and
// reports which it kept; the others are rendered.
func (s *siteRender) keepPages(ed *edition, root string) ([]bool, error) {
	var at []int // in tree.Pages, of names
	var names []string
	for i, p := range ed.tree.Pages {
		if ed.reused[i] {
			at = append(at, i)
			names = append(names, root+p.URL+"index.html")
		}
	}
	kept := make([]bool, len(ed.tree.Pages))
	var keep []string
	for j, f := range s.cache.lastPages(names) {
		if !f.ok {
			continue
		}
		kept[at[j]] = true
		if f.data != nil {
			if err := s.out.WriteFile(names[j], f.data); err != nil {
				return nil, err
			}
		} else {
			keep = append(keep, names[j])
		}
	}
	if len(keep) > 0 {
		if err := s.keep(keep...); err != nil {
			return nil, err
		}
	}
	return kept, nil
}

// reuse writes a page the cache kept: its bytes, or, when the cache came
// from disk and holds only its key, the output keeps the file it has.
func (s *siteRender) reuse(name string, data []byte) error {
	if data != nil {
		return s.out.WriteFile(name, data)
	}
	return s.keep(name)
}

// keep has the output keep files of the last build as they are.
func (s *siteRender) keep(names ...string) error {
	k, ok := s.out.(keeper)
	if !ok {
		return errors.New("build: a cache loaded from disk needs an output that keeps files (output.Update)")
	}
	return k.KeepAll(names)
}

// pageBuffers holds the buffers of pages written already (see lent).
var pageBuffers sync.Pool

// lent returns an empty buffer of at least size bytes: one a written page
// gave back, when the output gives buffers back (l is not nil) and one is
// free and large enough, else a new one.
func lent(l output.Lender, size int) []byte {
	if l == nil {
		return make([]byte, 0, size)
	}
	if b, ok := pageBuffers.Get().(*[]byte); ok && cap(*b) >= size {
		return (*b)[:0]
	}
	return make([]byte, 0, size+size/4) // room for the pages that take it over
}

// giveBack takes a written page's buffer for the next page.
func giveBack(b []byte) {
	b = b[:0]
	pageBuffers.Put(&b)
}

// listStamp is the offline list's last entry, which no worker fetches: a
// fragment ("#" and a hash of what the edition's pages show), so the list
// changes when they do.
func listStamp(h [32]byte) string {
	return "#" + hex.EncodeToString(h[:8])
}

// precacheIndexLimit is the largest search index the service worker
// downloads whole when it installs.
const precacheIndexLimit = 1 << 20

func (s *siteRender) current() *edition {
	for _, ed := range s.eds {
		if hasLatest(ed) {
			return ed
		}
	}
	return nil
}

// versions lists every edition for the switcher, each linking to the same
// page when that edition has it.
func (s *siteRender) versions(cur *edition, pageURL string) []versionLink {
	if len(s.eds) < 2 {
		return nil
	}
	// Newest first: the draft on top, then revisions by effective date.
	eds := append([]*edition(nil), s.eds...)
	sortByEffective(eds)
	var out []versionLink
	for i := len(eds) - 1; i >= 0; i-- {
		ed := eds[i]
		note := map[string]string{statusCurrent: "现行", statusSuperseded: "已废止", statusUpcoming: "待生效", statusReplaced: "未施行", statusDraft: "草稿"}[ed.status]
		if ed.effective != "" {
			note += " · " + ed.effective
		}
		// The edition in force is linked at latest/: the pages a reader has
		// there are the ones the offline copy holds.
		root := ed.root
		if hasLatest(ed) {
			root = "latest/"
		}
		same := sameOrHome(ed, pageURL)
		if pageURL != "" && cur != nil && ed.status != statusDraft && ed.status != statusOnly {
			// A chapter whose address changed is linked where it went
			// (in a published revision only: it is frozen, and so what
			// movedTo found stays true while this page is not rendered),
			// and another chapter at its address is not linked as it.
			if moved := movedTo(cur, ed)[pageURL]; moved != "" {
				same = moved
			} else if same != "" && s.reusedAt(cur, ed, pageURL) {
				same = ""
			}
		}
		out = append(out, versionLink{Label: ed.label, Note: note, Root: s.base + root,
			URL: s.base + root + same, Current: ed == cur})
	}
	return out
}

// deletedPage is a chapter an earlier revision had at URL and the
// revision in force has not: its title, the revision that deleted it (In,
// in force from Effective), and its page in the last revision that had
// it (OldURL, of revision OldLabel). Entry is the ID of the changelog's
// entry for it in the revision that deleted it.
type deletedPage struct {
	URL, Title, In, Effective, OldURL, OldLabel, Entry string
}

// deletedPages are the chapters of the published revisions before cur
// (by effective date, those never in force left out) that cur has not,
// under no other address (movedTo) either: each with the revision after
// the last that had it, which deleted it.
func (s *siteRender) deletedPages(cur *edition) []*deletedPage {
	var chain []*edition
	eds := append([]*edition(nil), s.eds...)
	sortByEffective(eds)
	for _, e := range eds {
		if e.published && e != cur && e.status != statusReplaced && e.effective <= cur.effective {
			chain = append(chain, e)
		}
	}
	chain = append(chain, cur)
	var out []*deletedPage
	seen := map[string]bool{}
	for i := len(chain) - 2; i >= 0; i-- {
		e := chain[i]
		moved := movedTo(e, cur)
		for _, q := range e.tree.Pages {
			if q.Generated || q.URL == "" || cur.hasPage[q.URL] || seen[q.URL] || moved[q.URL] != "" {
				continue
			}
			seen[q.URL] = true
			in := chain[i+1]
			out = append(out, &deletedPage{URL: q.URL, Title: titleOf(e.tree, q), In: in.label, Effective: in.effective,
				OldURL: s.base + e.root + q.URL, OldLabel: e.label, Entry: in.id + "-" + slugFile(q.File)})
		}
	}
	slices.SortFunc(out, func(a, b *deletedPage) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// movedTo maps the URL of each page of one edition that another one has
// at another address (its title's, else its file's, page there) to that
// address: a chapter whose slug changed goes on, and is not said gone.
// A page whose address the other edition gives a chapter of another title
// and file is looked for too: a chapter moved, and its address reused.
// Worked out once per pair: the other edition is a published revision
// (the one in force, or the next), frozen, and a page's own title and
// file are in its key.
func movedTo(from, to *edition) map[string]string {
	from.movedMu.Lock()
	defer from.movedMu.Unlock()
	if m, ok := from.moved[to]; ok {
		return m
	}
	byFile, byTitle := map[string]string{}, map[string]string{}
	for _, q := range to.tree.Pages {
		if q.File != "" {
			byFile[q.File] = q.URL
		}
		byTitle[titleOf(to.tree, q)] = q.URL
	}
	m := map[string]string{}
	for _, p := range from.tree.Pages {
		if q := pageAt(to, p.URL); q != nil && sameChapter(from.tree, p, to.tree, q) {
			continue
		}
		if u, ok := byTitle[titleOf(from.tree, p)]; ok {
			m[p.URL] = u
		} else if u, ok := byFile[p.File]; ok && p.File != "" {
			m[p.URL] = u
		}
	}
	if from.moved == nil {
		from.moved = map[*edition]map[string]string{}
	}
	from.moved[to] = m
	return m
}

// sameChapter reports whether page q of tree tq is page p of tree tp, at
// the same address: it has p's title or p's file. (A chapter given the
// address of another, deleted or moved, has neither: reusedAddresses
// warns of it.)
func sameChapter(tp *content.Tree, p *content.Page, tq *content.Tree, q *content.Page) bool {
	return titleOf(tp, p) == titleOf(tq, q) || p.File != "" && p.File == q.File
}

// reusedAt reports whether the page at url in edition to is another
// chapter than from's page there: a revision in force between the two had
// no page at url (the older one's chapter was deleted or moved), and the
// newer one's page there has neither its title nor its file. An old
// page's banner then says the revision in force has no such page, and the
// version switcher links the other edition's home, rather than a chapter
// the page never was.
func (s *siteRender) reusedAt(from, to *edition, url string) bool {
	s.byEffectiveOnce.Do(func() {
		s.byEffective = append([]*edition(nil), s.eds...)
		sortByEffective(s.byEffective)
	})
	eds := s.byEffective
	i, j := slices.Index(eds, from), slices.Index(eds, to)
	if i > j {
		i, j = j, i
	}
	if i < 0 || j <= i+1 {
		return false
	}
	gap := false
	for _, e := range eds[i+1 : j] {
		if e.status != statusReplaced && e.status != statusDraft && !e.hasPage[url] {
			gap = true
		}
	}
	if !gap {
		return false
	}
	p, q := pageAt(from, url), pageAt(to, url)
	return p != nil && q != nil && !sameChapter(from.tree, p, to.tree, q)
}

// sameOrHome is pageURL when the edition has that page, else its home.
func sameOrHome(ed *edition, pageURL string) string {
	switch pageURL {
	case "", "print/", "search/":
		return pageURL
	case "calculator/":
		if ed.calc != nil {
			return pageURL
		}
		return ""
	}
	if ed.hasPage[pageURL] {
		return pageURL
	}
	return ""
}

func titleOf(t *content.Tree, p *content.Page) string {
	if p.IsIndex {
		return sectionTitle(t, p)
	}
	return p.Title
}

func sectionTitle(t *content.Tree, p *content.Page) string {
	if p.Title != "" {
		return p.Title
	}
	return strings.TrimSuffix(p.URL[strings.LastIndexByte(strings.TrimSuffix(p.URL, "/"), '/')+1:], "/")
}

// chapterList lists a section's pages and subsections; with ed, each page
// with a summary of its sections (the home page's list).
func chapterList(sec *content.Section, rootURL string, ed *edition) []chapterItem {
	var out []chapterItem
	for _, e := range sec.Entries() {
		if e.Page != nil {
			it := chapterItem{Title: e.Page.Title, URL: rootURL + e.Page.URL}
			if ed != nil {
				it.Summary = summary(ed, e.Page)
			}
			out = append(out, it)
		} else {
			out = append(out, chapterItem{Title: e.Section.Title(), URL: rootURL + e.Section.URL()})
		}
	}
	return out
}

// summary is the first headings of a chapter, as a hint of what it holds:
// three, and "…" when a fourth follows (a chapter of exactly three
// sections had the "…" too, promising more than it holds).
func summary(ed *edition, p *content.Page) string {
	var parts []string
	for _, h := range ed.docs[p].Headings {
		if h.Level != 2 {
			continue
		}
		if len(parts) == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, h.Text)
	}
	return strings.Join(parts, " · ")
}

func sectionChildren(t *content.Tree, idx *content.Page, rootURL string) []chapterItem {
	var find func(s *content.Section) *content.Section
	find = func(s *content.Section) *content.Section {
		if s.Index == idx {
			return s
		}
		for _, c := range s.Sections {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	sec := find(t.Root)
	if sec == nil {
		return nil
	}
	return chapterList(sec, rootURL, nil)
}

var (
	reID      = regexp.MustCompile(`\sid="([^"]*)"`)
	reURLAttr = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
)

// maxPrintPages is the most pages an edition's print page holds: a
// bigger edition has none.
const maxPrintPages = 300

// hasPrintPage reports whether the edition has a print page.
func hasPrintPage(ed *edition) bool { return len(ed.tree.Pages) <= maxPrintPages }

// prefixIDs makes a chapter's IDs unique on the print page (every chapter
// there shares one document) and points its links at the prefixed IDs.
// A link to a chapter becomes a link to its place on the print page; any
// other link relative to the chapter's page (a file it links to, a page
// the build makes) is made relative to print/.
func prefixIDs(html []byte, prefix string, pages []*content.Page, self *content.Page) []byte {
	out := reID.ReplaceAll(html, []byte(` id="`+prefix+`$1"`))
	return reURLAttr.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := reURLAttr.FindSubmatch(m)
		attr, v := string(sub[1]), string(sub[2])
		if strings.HasPrefix(v, "#") {
			if attr == "src" {
				return m
			}
			return []byte(` href="#` + prefix + v[1:] + `"`)
		}
		if v == "" || strings.HasPrefix(v, "/") || hasScheme(v) {
			return m
		}
		rest, frag, _ := strings.Cut(v, "#")
		rest, query, hasQuery := strings.Cut(rest, "?")
		to := strings.TrimPrefix(path.Join("/"+self.URL, rest), "/")
		if strings.HasSuffix(rest, "/") && to != "" {
			to += "/"
		}
		if to == "" || strings.HasSuffix(to, "/") {
			if name, err := url.PathUnescape(to); err == nil && attr == "href" && isChapter(pages, name) {
				target := "ch-" + strings.ReplaceAll(strings.TrimSuffix(name, "/"), "/", "-")
				if frag != "" {
					target += "-" + frag
				}
				return []byte(` href="#` + target + `"`)
			}
		}
		moved := "../" + to
		if hasQuery {
			moved += "?" + query
		}
		if frag != "" {
			moved += "#" + frag
		}
		return []byte(" " + attr + `="` + moved + `"`)
	})
}

// isChapter reports whether a page of the print page has URL u.
func isChapter(pages []*content.Page, u string) bool {
	for _, p := range pages {
		if p.URL == u {
			return true
		}
	}
	return false
}

// hasScheme reports whether a URL starts with a scheme ("https:", "mailto:").
func hasScheme(v string) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		}
	}
	return false
}

func slugFile(f string) string {
	return strings.NewReplacer("/", "-", ".md", "").Replace(f)
}

func jsonList(list []string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(list) // a []string always encodes
	return b.Bytes()
}

func pageKey(d *markdown.Doc) []byte {
	k := d.Key()
	return k[:]
}

// frameKey hashes into h what a page's template is given that differs
// from page to page and is not already in the page's source (its
// headings, hence its table of contents, are): neighbours, last change,
// section listing.
func frameKey(h *hasher, d *pageData) {
	h.str(d.Title).str(d.CSP).str(d.PrevNext)
	if d.Prev != nil {
		h.str(d.Prev.Title).str(d.Prev.URL)
	}
	h.str("|")
	if d.Next != nil {
		h.str(d.Next.Title).str(d.Next.URL)
	}
	h.str("|")
	if d.LastChanged != nil {
		h.str(d.LastChanged.Version).str(d.LastChanged.Effective).str(d.LastChanged.URL).any(d.LastChanged.First).
			str(d.LastChanged.Later).str(d.LastChanged.LaterEffective).str(d.LastChanged.LaterURL).any(d.LastChanged.LaterGone)
	}
	for _, c := range d.Chapters {
		h.str(c.Title).str(c.URL)
	}
	h.str("|")
	for _, id := range slices.Sorted(maps.Keys(d.MovedIDs)) {
		m := d.MovedIDs[id]
		h.str(id).str(m.To).str(m.In).str(m.Was).str(m.Page).str(m.Title).str(m.Other)
	}
}
