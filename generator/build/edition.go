package build

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/orgchart"
	"handbook/generator/revision"
)

// Edition statuses.
const (
	statusCurrent    = "current"    // the revision in force
	statusSuperseded = "superseded" // an older revision
	statusUpcoming   = "upcoming"   // published, effective date still ahead
	// statusReplaced is a revision published for a date on which a
	// later one takes effect too: replaced before it took effect (a
	// correction of an upcoming revision), never in force.
	statusReplaced = "replaced"
	statusDraft    = "draft" // the working copy
	statusOnly     = ""      // nothing published yet: the draft is the site
)

// edition is one version of the handbook as the site shows it.
type edition struct {
	id        string // "2026.1" or "draft"
	label     string // shown to readers
	status    string
	root      string   // where it lives, relative to the base path: "v/2026.1/"
	aliases   []string // other roots with the same pages: "latest/"
	effective string   // YYYY-MM-DD
	until     string   // last day in force: a superseded revision's, or the current one's when another is upcoming
	// successor is the revision that takes over from the one in force
	// (an upcoming one), or the one that replaced a revision before it
	// took effect; nil for every other edition: the current pages say
	// until when they are in force and link the text that follows, a
	// replaced revision's link the text that replaced it.
	successor *edition
	// moved caches movedTo(ed, to) by to (the edition in force, the
	// successor).
	moved     map[*edition]map[string]string
	movedMu   sync.Mutex
	note      string
	published bool   // frozen: a wrong worked example becomes a note, not an error
	srcName   string // the source folder as diagnostics name it (relative to where handbook runs)
	srcKey    string // the same, inside the source tree: "" or "revisions/<version>"
	tree      *content.Tree
	rev       revision.Revision
	docs      map[*content.Page]*markdown.Doc
	hasPage   map[string]bool // page URLs, for the version switcher
	rules     *calculator.Rules
	calc      *calcView
	// lastChanged maps a chapter file to the version it last changed in.
	lastChanged map[string]string
	// changedLater maps a chapter file to the first revision after this
	// one, in force or upcoming (none replaced), that holds it otherwise
	// than this one, or not at all: an old revision's page said 此后未修订
	// of a chapter revised, or deleted, since.
	changedLater map[string]laterChange
	// firstIn maps each chapter file of the published history to the
	// first revision (none replaced) that held it: a chapter added in a
	// later revision was first published there, not revised (shared by
	// every edition).
	firstIn map[string]string
	// world is editionWorld's key; sameWorld, whether the last successful
	// build's was the same. reused marks, by index in tree.Pages, the pages
	// whose doc is the last build's (same source): with the same world,
	// their links resolve as they did then, so checkLinks leaves them to
	// ensureLinks.
	world     [32]byte
	sameWorld bool
	reused    []bool
	links     *linkIndex
	// keepClauses: Release keeps the pages' clauses; clausesAfterIndex:
	// something reads them after the search index has (see Run).
	keepClauses, clausesAfterIndex bool
	// fsys is the edition's source tree; resources, the files in it that
	// pages link to and that are published with them (resources.go).
	fsys      fs.FS
	resources map[string]bool
	// notes are the editor's notes applyRules put beside clauses, by
	// page: the search index holds them where they are shown.
	notes map[*content.Page]clauseNotes
	// charts are the org charts drawOrgChart drew into pages, as HTML,
	// by page: the search index holds their text where they are shown.
	charts map[*content.Page]string
	// chartLines are what those charts show, by page (orgchart.Chart.Lines):
	// the changelog compares them.
	chartLines map[*content.Page][]string
}

func (ed *edition) display(p *content.Page) string { return path.Join(ed.srcName, p.File) }

// roots are every path the edition's pages are written under.
func (ed *edition) roots() []string { return append([]string{ed.root}, ed.aliases...) }

// loadEditions loads the working copy and the published revisions as
// editions, and returns them with the day that decided which is in force.
func loadEditions(opts Options) ([]*edition, time.Time, diag.List) {
	var errs diag.List
	// Pages marked draft: true are left out, as Hugo does, but for the
	// preview and -drafts, which show the working copy whole.
	lo := content.LoadOptions{IncludeDrafts: opts.Drafts}
	if opts.Cache != nil && opts.Cache.onDisk {
		lo.Reuse, lo.Listing = opts.Cache.reusePage, opts.Listing
	}
	draftTree, derrs := content.LoadWith(opts.Source, opts.SourceName, lo)
	opts.Cache.noteSources(draftTree)
	revs, rerrs := revision.Load(opts.Source, opts.SourceName)
	if !opts.Drafts && len(revs) > 0 && draftTree != nil {
		derrs = unbuiltDraft(derrs, opts.SourceName)
	}
	errs = append(errs, derrs...)
	errs = append(errs, rerrs...)

	today := opts.Today
	if today.IsZero() {
		today = timeNow()
		if draftTree != nil && draftTree.Site.TimeZone != "" {
			// The company's day: a revision effective on 1 July is in
			// force from midnight in Beijing, not from 08:00 there
			// (midnight UTC) on a server set to UTC.
			if loc, err := time.LoadLocation(draftTree.Site.TimeZone); err == nil {
				today = today.In(loc)
			}
		}
	}
	cur, _ := revision.InForce(revs, today)
	periods := revision.Periods(revs)
	// "Last changed in" for every edition, the draft after the revisions
	// when it is built and has history: each revision's files read once.
	// nil on a read error: pages then omit the line.
	withDraft := opts.Drafts || len(revs) == 0
	if !withDraft {
		errs = append(errs, unbuiltDraftRules(draftTree, opts.SourceName)...)
	}
	var dr revision.Revision
	var drErr error
	history := revs
	if withDraft {
		// The draft is compared with history only when there is history.
		if dr, drErr = draftRevision(opts.Source, len(revs) > 0); drErr == nil && len(revs) > 0 {
			history = append(append([]revision.Revision{}, revs...), dr)
		}
	}
	lastChanged, sums, err := revision.LastChangedSums(history)
	if err != nil && len(history) > len(revs) {
		history = revs
		lastChanged, sums, _ = revision.LastChangedSums(revs) // the draft's files could not be read
	}
	// A revision replaced before its day was never in force: for every
	// other edition, a chapter changed in it changed in the one that
	// replaced it, from the text in force before (2027.2's pages said
	// 本章最近修订于 2027.1（2027-03-01 起施行）of a 2027.1 never in
	// force). Its own pages keep their history as published.
	replaced := func(i int) bool { return i < len(revs) && !periods[i].Open && periods[i].To.Before(periods[i].From) }
	var kept []revision.Revision
	var at []int
	for k := range history {
		if !replaced(k) {
			kept, at = append(kept, history[k]), append(at, k)
		}
	}
	if lastChanged != nil && len(kept) < len(history) {
		if lc, err := revision.LastChangedAll(kept); err == nil {
			for n, k := range at {
				lastChanged[k] = lc[n]
			}
		}
	}
	var eds []*edition
	for i, r := range revs {
		srcName := path.Join(opts.SourceName, revision.Dir, r.Version)
		tree, terrs := content.Load(r.Files, srcName)
		errs = append(errs, terrs...)
		ed := &edition{
			id: r.Version, label: r.Version, root: "v/" + r.Version + "/",
			effective: day(r.Effective), note: r.Note, published: true,
			srcName: srcName, srcKey: path.Join(revision.Dir, r.Version), tree: tree, rev: r, fsys: r.Files,
		}
		// Never in force: a later revision takes effect on its day.
		switch {
		case replaced(i):
			ed.status = statusReplaced
		case i == cur:
			ed.status = statusCurrent
			ed.aliases = []string{"latest/"}
			if !periods[i].Open {
				ed.until = day(periods[i].To)
			}
		case i < cur:
			ed.status = statusSuperseded
			ed.until = day(periods[i].To)
		default:
			ed.status = statusUpcoming // (the first is at /latest/ too: see below)
		}
		if lastChanged != nil {
			ed.lastChanged = lastChanged[i]
		}
		eds = append(eds, ed)
	}
	// Compared by the files' text, not by lastChanged: a replaced revision
	// is not in the chain the others' lastChanged follows, so its pages
	// said revised in the revision that replaced it with the same text.
	firstIn := map[string]string{}
	for i := range eds {
		if i < len(sums) && !replaced(i) {
			for f := range sums[i] {
				if _, ok := firstIn[f]; !ok {
					firstIn[f] = eds[i].id
				}
			}
		}
	}
	for i, ed := range eds {
		ed.firstIn = firstIn
		if i >= len(sums) || ed.status == statusCurrent || ed.status == statusUpcoming {
			continue
		}
		for f, own := range sums[i] {
			for j := i + 1; j < len(revs); j++ { // published ones, not the draft
				if replaced(j) {
					continue
				}
				if now, ok := sums[j][f]; !ok || now != own {
					if ed.changedLater == nil {
						ed.changedLater = map[string]laterChange{}
					}
					ed.changedLater[f] = laterChange{ed: eds[j], gone: !ok}
					break
				}
			}
		}
	}
	for i, ed := range eds {
		// The revision that takes effect after the one in force, or in
		// place of a replaced one: the last of those published for that
		// day.
		if i != cur && ed.status != statusReplaced || i+1 == len(eds) {
			continue
		}
		j := i + 1
		for j+1 < len(eds) && revs[j+1].Effective.Equal(revs[j].Effective) {
			j++
		}
		ed.successor = eds[j]
	}
	if cur < 0 {
		// Before the first revision takes effect, /latest/ shows it,
		// with its banner (将于…起施行): readers see published text
		// only, never the working copy. Not one replaced before then.
		for _, ed := range eds {
			if ed.status != statusReplaced {
				ed.aliases = []string{"latest/"}
				break
			}
		}
	}
	if withDraft && len(revs) > 0 {
		// What a front matter line changed against the latest revision:
		// a chapter left out as a draft, its title or its order gone.
		errs, _ = content.Since(draftTree, eds[len(eds)-1].tree, revs[len(revs)-1].Version, errs)
	}
	if withDraft {
		d := &edition{id: "draft", label: "草稿", status: statusDraft, root: "draft/", srcName: opts.SourceName, tree: draftTree, published: opts.Legacy, fsys: opts.Source}
		if len(revs) == 0 {
			d.status, d.label = statusOnly, ""
		}
		if len(revs) == 0 {
			// Nothing published: the draft is the site, once.
			d.root = "latest/"
		}
		if drErr == nil {
			d.rev = dr
			if len(lastChanged) > len(revs) {
				d.lastChanged = lastChanged[len(revs)]
			}
		}
		eds = append(eds, d)
	}
	// Where the site is served is a setting of the deployment, not of a
	// revision: the working copy's site.toml says it for every edition (a
	// frozen revision's basePath, "/" when it was published, made every
	// link of a site deployed under /handbook/ lead out of it).
	if draftTree != nil {
		for _, ed := range eds {
			ed.tree.Site.BasePath = draftTree.Site.BasePath
		}
	}
	// The edition readers land on comes first.
	sort.SliceStable(eds, func(i, j int) bool { return hasLatest(eds[i]) && !hasLatest(eds[j]) })
	return eds, today, errs
}

// laterChange is the first later revision that holds a chapter's file
// otherwise (gone: not at all).
type laterChange struct {
	ed   *edition
	gone bool
}

// timeNow is the clock of builds that are not given a day (tests set it).
var timeNow = time.Now

func hasLatest(ed *edition) bool {
	for _, r := range ed.roots() {
		if r == "latest/" {
			return true
		}
	}
	return false
}

var (
	enginesMu sync.Mutex
	engines   = map[bool]*markdown.Engine{}
)

// engine returns the shared Markdown engine for a raw-HTML policy. Engines
// are immutable after New, so sharing them between builds is safe.
func engine(trustHTML bool) *markdown.Engine {
	enginesMu.Lock()
	defer enginesMu.Unlock()
	e := engines[trustHTML]
	if e == nil {
		e = markdown.New(markdown.Options{TrustHTML: trustHTML})
		engines[trustHTML] = e
	}
	return e
}

// prepareEdition parses and checks one edition and renders its pages'
// bodies. Everything found wrong is returned; nothing is written.
func prepareEdition(ed *edition, cache *Cache) diag.List {
	ed.hasPage = make(map[string]bool, len(ed.tree.Pages))
	for _, p := range ed.tree.Pages {
		ed.hasPage[p.URL] = true
	}
	eng := engine(ed.tree.Site.TrustHTML)
	// A page's errors do not stop the checks of the rest (links,
	// resources, rules): every doc is made, errors or not, and an author
	// fixing a tree is told all that is wrong in one build, not a round
	// at a time.
	errs := prepareEditionDocs(ed, eng, cache)
	collectResources(ed, &errs)
	ed.world = editionWorld(ed)
	if last, ok := cache.world("links "+ed.srcKey+" "+ed.id, ed.world); ok && last == ed.world {
		ed.sameWorld = true
	}
	if ed.tree.Rules != nil {
		file := path.Join(ed.srcName, "rules.toml")
		rules, perrs := parseRules(file, ed.tree.Rules)
		errs = append(errs, perrs...)
		if rules != nil {
			ed.rules = rules
			errs = append(errs, applyRules(ed, file)...)
		}
	} else {
		errs = append(errs, rulesMissing(ed)...)
	}
	errs = append(errs, drawOrgChart(ed)...)
	checkLinks(ed, &errs)
	return errs
}

// editionWorld hashes what each page of an edition can see of the others
// and of the edition: the site's settings and rules, and every page's
// file, URL, folder, front matter, outline (headings, IDs, fields,
// placeholders: markdown.Doc.Outline) and "last changed in", in reading
// order. Links, sidebars, neighbours, section listings, the org chart and
// the rules' notes are all made from these; so while it stays the same,
// a page whose own source is unchanged renders as it did (the per-root
// key in renderEdition adds the theme and the edition's own settings).
// An edit inside a page's text changes none of it: 10,000 pages then
// need neither their links checked nor their keys worked out again.
func editionWorld(ed *edition) [32]byte {
	h := newHasher().any(ed.tree.Site).bytes(ed.tree.Rules).str(ed.srcKey)
	var num [8]byte
	for _, p := range ed.tree.Pages {
		flags := byte(0)
		for i, b := range []bool{p.IsIndex, p.HasWeight, p.Calculator, p.Draft} {
			if b {
				flags |= 1 << i
			}
		}
		binary.LittleEndian.PutUint64(num[:], uint64(p.Weight))
		o := ed.docs[p].Outline()
		h.str(p.File).str(p.URL).str(p.Section).str(p.Title).str(p.LinkTitle).str(p.Slug).bytes(num[:]).bytes([]byte{flags}).
			bytes(o[:]).str(ed.lastChanged[p.File])
		if l, ok := ed.changedLater[p.File]; ok {
			h.str(l.ed.id).any(l.gone)
		}
		h.str(ed.firstIn[p.File])
		// A page's aliases name it for other pages' wiki links.
		binary.LittleEndian.PutUint64(num[:], uint64(len(p.Aliases)))
		h.bytes(num[:])
		for _, a := range p.Aliases {
			h.str(a)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(ed.resources)) {
		h.str(r)
	}
	return h.sum()
}

// clausePage finds the page that has a heading or clause ID.
func clausePage(ed *edition, id string) *content.Page {
	for _, p := range ed.tree.Pages {
		if ed.docs[p].HasID(id) {
			return p
		}
	}
	return nil
}

// drawOrgChart fills every {{orgchart}} placeholder with the chart drawn
// from the reporting lines of all job descriptions of the edition.
func drawOrgChart(ed *edition) diag.List {
	var errs diag.List
	var holders []*content.Page
	for _, p := range ed.tree.Pages {
		for _, name := range ed.docs[p].Placeholders {
			if name == "orgchart" {
				holders = append(holders, p)
			} else {
				errs.Add(diag.Diagnostic{File: ed.display(p), Line: placeholderLine(p, name), Col: 1, Msg: "unknown placeholder {{" + name + "}}",
					Hint: "the only placeholder is {{orgchart}}; to show braces, escape them as \\{\\{ (a note template's {{title}} or {{date}}: keep the templates folder out of the source folder)"})
			}
		}
	}
	if len(holders) == 0 {
		return errs
	}
	var jobs []orgchart.Job
	var jobPages []*content.Page
	for _, p := range ed.tree.Pages {
		doc := ed.docs[p]
		byHeading := map[string]int{}
		for _, f := range doc.Fields(orgFields...) {
			k, ok := byHeading[f.Section.ID]
			if !ok {
				k = len(jobs)
				byHeading[f.Section.ID] = k
				jobs = append(jobs, orgchart.Job{
					Label: f.Section.Text, Title: orgchart.TitleOf(f.Section.Text),
					Pos: orgchart.Pos{File: ed.display(p), Offset: f.Section.Offset},
				})
				jobPages = append(jobPages, p)
			}
			pos := orgchart.Pos{File: ed.display(p), Offset: f.Offset}
			if f.Name == "直接上级" {
				jobs[k].Superiors = append(jobs[k].Superiors, f.Values...)
				jobs[k].SupPos = pos
			} else {
				jobs[k].Subordinates = append(jobs[k].Subordinates, f.Values...)
				jobs[k].SubPos = pos
			}
		}
	}
	srcOf := map[string][]byte{}
	for _, p := range ed.tree.Pages {
		srcOf[ed.display(p)] = p.Source
	}
	for _, holder := range holders {
		for i := range jobs {
			jobs[i].Anchor = relURL(holder.URL, jobPages[i].URL) + "#" + headingIDAt(ed.docs[jobPages[i]], jobs[i].Pos.Offset)
		}
		ch := orgchart.Build(jobs)
		html := string(ch.SVG)
		if len(ch.Problems) > 0 {
			var b strings.Builder
			b.WriteString(`<aside class="editor-note" role="note"><p class="note-label">编者注</p><p>职务说明书中的汇报关系有不一致之处，图中照录，未作修改：</p><ul>`)
			for _, pr := range ch.Problems {
				b.WriteString("<li>" + htmlEscape(pr.Msg) + "</li>")
				// Said once, and not for a superseded revision: its text is
				// history, which nobody can correct (a later revision did or
				// did not), and every build and save repeated it.
				if holder == holders[0] && ed.status != statusSuperseded {
					d := diag.At(pr.Pos.File, srcOf[pr.Pos.File], pr.Pos.Offset, pr.Msg, "the org chart on "+holder.File+" shows this as drawn; correct the job descriptions (titles, 直接上级/直接下级 lines) in a new revision if they are wrong")
					d.Severity = diag.Warning
					errs.Add(d)
				}
			}
			b.WriteString("</ul></aside>\n")
			html += b.String()
		}
		ed.docs[holder].Fill("orgchart", []byte(html))
		if ed.charts == nil {
			ed.charts = map[*content.Page]string{}
			ed.chartLines = map[*content.Page][]string{}
		}
		ed.charts[holder] = html
		ed.chartLines[holder] = ch.Lines
	}
	return errs
}

// orgFields are the lines of a job description the org chart is drawn from.
var orgFields = []string{"直接上级", "直接下级"}

func headingIDAt(doc *markdown.Doc, offset int) string {
	for _, h := range doc.Headings {
		if h.Offset == offset {
			return h.ID
		}
	}
	return ""
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func draftRevision(src fs.FS, needed bool) (revision.Revision, error) {
	if !needed {
		return revision.Revision{Version: "draft"}, nil
	}
	return revision.Draft(src, "draft")
}

// parseRules reads a rules file; what is wrong with it comes back as
// diagnostics, the rules as nil.
func parseRules(file string, src []byte) (*calculator.Rules, diag.List) {
	rules, err := rulesfile.Parse(file, src)
	if err == nil {
		return rules, nil
	}
	l := diag.FromError(err)
	if l == nil {
		l.Errorf(file, 0, 0, err.Error(), "")
	}
	return nil, l
}

// unbuiltDraft makes warnings of the errors in the working copy's own
// chapters when the build does not build it (published revisions, no
// -drafts): the site deployed is the revisions', and a chapter being
// edited, say with a mistyped front matter line, must not stop a
// scheduled revision from coming into force. The same mistakes stay
// errors for build -drafts, serve and publish, which refuses them.
func unbuiltDraft(l diag.List, sourceName string) diag.List {
	revs := path.Join(sourceName, revision.Dir) + "/"
	for i := range l {
		d := &l[i]
		// site.toml is every build's: its timeZone decides which revision
		// is in force today.
		if d.Severity != diag.Error || !strings.HasPrefix(d.File, sourceName+"/") || strings.HasPrefix(d.File, revs) || d.File == path.Join(sourceName, "site.toml") {
			continue
		}
		d.Severity = diag.Warning
		d.Hint = strings.TrimSpace(d.Hint + " (the working copy: this build does not build it, but publish refuses it until it is fixed; handbook serve and build -drafts show it)")
	}
	return l
}

// unbuiltDraftRules checks the working copy's rules.toml when the draft is
// not built: a mistake there is reported as a warning now, not first at
// publish time (which refuses it) or in the preview.
func unbuiltDraftRules(t *content.Tree, sourceName string) diag.List {
	if t == nil || t.Rules == nil {
		return nil
	}
	_, l := parseRules(path.Join(sourceName, "rules.toml"), t.Rules)
	for i := range l {
		l[i].Severity = diag.Warning
		l[i].Hint = strings.TrimSpace(l[i].Hint + " (the working copy's rules: this build does not use them, but publish refuses them until they are fixed; handbook serve shows them)")
	}
	return l
}

// rulesMissing reports, in an edition without rules.toml, the first page
// that needs the payout rules: one that embeds the calculator, or a
// worked example with a payout directive. Without it, a rules.toml
// deleted by accident went unnoticed: the preview dropped the calculator
// and the examples' checks without a word, and publish froze a revision
// without them. A published revision is frozen: there it is a warning.
func rulesMissing(ed *edition) diag.List {
	var errs diag.List
	file := path.Join(ed.srcName, "rules.toml")
	hint := "restore " + file + " (e.g. with git checkout), or remove calculator: true and the payout directives"
	for _, p := range ed.tree.Pages {
		var d diag.Diagnostic
		switch doc := ed.docs[p]; {
		case doc != nil && len(doc.Examples) > 0:
			d = diag.At(ed.display(p), p.Source, doc.Examples[0].Offset,
				"this worked example is to be checked by the payout rules, but there is no "+file, hint)
		case p.Calculator:
			off := max(0, bytes.Index(p.Source[:min(len(p.Source), p.BodyOffset)], []byte("calculator")))
			d = diag.At(ed.display(p), p.Source, off, "this page embeds the payout calculator, but there is no "+file, hint)
		default:
			continue
		}
		if ed.published {
			d.Severity = diag.Warning
		}
		errs.Add(d)
		break
	}
	return errs
}

// witnessFile, in each published revision's folder of the site, holds the
// SHA-256 of the revision's manifest.sha256 as sha256sum writes it: the
// site remembers the history it was built from, so the next build into
// it can tell a revision deleted, or edited together with its manifest,
// where nothing in content/ can (the latest revision has no successor to
// vouch for it). Run in the revision's folder, sha256sum -c checks it.
const witnessFile = "revision.sha256"

// writeWitnesses writes each published revision's witnessFile.
func (s *siteRender) writeWitnesses() error {
	for _, ed := range s.eds {
		if ed.srcKey != "" && ed.rev.ManifestSum != "" {
			if err := s.out.WriteFile(ed.root+witnessFile, []byte(ed.rev.ManifestSum+"  "+revision.ManifestFile+"\n")); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckBuiltHistory compares the published revisions a build is made of
// (manifests: version → SHA-256 of its manifest, Result.Manifests) with
// those the site last built in the output folder (built; outName as the
// user names it) was made of. A revision that site has (v/<version>/) and
// the build has not was deleted from revisions/; one whose manifest is
// not the one its witnessFile records was edited, its manifest with it.
// History's own checks cannot see either when it is the latest revision,
// and the build dropped or changed its permanent pages without a word.
func CheckBuiltHistory(built fs.FS, manifests map[string]string, sourceName, outName string) diag.List {
	entries, err := fs.ReadDir(built, "v")
	if err != nil {
		return nil
	}
	var list diag.List
	for _, e := range entries {
		v := e.Name()
		if !e.IsDir() || !revision.ValidVersion(v) {
			continue
		}
		folder := path.Join(sourceName, revision.Dir, v)
		builtDir := path.Join(outName, "v", v)
		ifNotDeployed := "; if " + v + " was never deployed and this is meant, build into a new folder (or delete " + outName + "/ first)"
		sum, ok := manifests[v]
		if !ok {
			if _, err := fs.Stat(built, path.Join("v", v, "index.html")); err != nil {
				continue
			}
			list.Errorf(folder, 0, 0,
				"revision "+v+" is missing, yet the site last built in "+outName+"/ has it ("+builtDir+"/): published revisions are never removed, and its pages' addresses would stop working",
				"restore the folder (git checkout -- "+folder+") and publish a new revision to change what is in force"+ifNotDeployed)
			continue
		}
		b, err := fs.ReadFile(built, path.Join("v", v, witnessFile))
		if err != nil {
			continue // built before sites recorded their revisions
		}
		if was, _, _ := strings.Cut(string(b), " "); was != sum {
			// A revision published after v since the site was built
			// recorded v as edited (its previous_manifest): restoring v
			// alone then fails its check. That revision goes too, and is
			// published again.
			var sealed []string
			for w := range manifests {
				if _, err := fs.Stat(built, path.Join("v", w)); err != nil && revision.CompareVersions(w, v) > 0 {
					sealed = append(sealed, w)
				}
			}
			slices.SortFunc(sealed, revision.CompareVersions)
			also := ""
			if len(sealed) > 0 {
				also = "; revision " + strings.Join(sealed, ", ") + ", published since from the edited files, records them: remove " + path.Join(sourceName, revision.Dir, sealed[0])
				if len(sealed) > 1 {
					also = "; revisions " + strings.Join(sealed, ", ") + ", published since from the edited files, record them: remove their folders"
				}
				also += " as well (not deployed yet), then publish again"
			}
			list.Errorf(path.Join(folder, revision.ManifestFile), 0, 0,
				"revision "+v+" is not the one the site last built in "+outName+"/ was made from ("+path.Join(builtDir, witnessFile)+" records another manifest): its files were edited, and its manifest with them",
				"published history cannot be edited: restore the folder as published (git checkout -- "+folder+") and publish a new revision instead"+also+ifNotDeployed)
		}
	}
	return list
}
