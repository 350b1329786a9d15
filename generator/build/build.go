// Package build is the driver of the pipeline: it loads the content and its
// published revisions, runs the checks, renders every edition's pages,
// bundles the theme and writes the result to an output.Writer. It touches
// no file system itself: content and theme arrive as fs.FS, output leaves
// through the writer.
package build

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"handbook/generator/assets"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/internal/tmplrun"
	"handbook/generator/markdown"
	"handbook/generator/output"
	"handbook/generator/revision"
)

// Options describe one build. Source, Theme and Out are required.
type Options struct {
	Source     fs.FS  // the content tree (content/)
	SourceName string // how messages name it, e.g. "content"
	Theme      fs.FS  // templates/, css/, ts/
	ThemeName  string // how messages name it, e.g. "theme"
	Out        output.Writer

	// Drafts also builds the working copy under /draft/ (serve does).
	Drafts bool
	// NoSearch leaves out every edition's search index, and with it the
	// search page and the pages' search box: a quicker build of a big
	// tree whose search is not wanted, or not yet (a check of its links).
	NoSearch bool
	// Legacy treats the draft as a text already in force before the
	// handbook recorded it (publish -legacy): a worked example whose figure
	// is wrong gets an editor's note instead of failing the build, as in a
	// published revision.
	Legacy bool
	// Today decides which revision is in force (its calendar day); zero
	// means now, in the time zone site.toml names (timeZone), else the
	// machine's.
	Today time.Time
	// Assets, when set, is a theme builder kept across builds (serve keeps
	// one, so esbuild rebuilds incrementally). Otherwise one is made.
	Assets *assets.Builder
	// WASM returns the calculator's WebAssembly module. Nil: pages embed
	// the rules table but no live calculator (tests of unrelated stages).
	WASM func() ([]byte, error)
	// SearchLater, with a Cache, leaves a changed search index to
	// Result.Search: the build writes the previous index and returns as
	// soon as the pages are done, so the preview reloads without waiting
	// for indexing.
	SearchLater bool
	// Cache, when set, makes the build incremental: what the previous
	// build with the same cache parsed and rendered is reused where its
	// inputs are unchanged. The preview server keeps one.
	Cache *Cache
	// Listing, when set, is Source's page files and stamps listed ahead
	// of the build (content.StartListing): an incremental build from a
	// disk cache uses it instead of walking the tree itself.
	Listing *content.Listing
}

// Result summarises a build.
type Result struct {
	Pages    int // HTML pages written
	Files    int // all files written
	Bytes    int64
	Editions []string
	Warnings diag.List
	Elapsed  time.Duration
	// Stages times the build's steps in order, for -timings and benchmarks.
	Stages []Stage
	// Search, set only with Options.SearchLater, builds the search indexes
	// the build left stale and returns their files (output path → bytes).
	Search func() (map[string][]byte, error)
	// Sources lists, sorted, the files of Options.Source the working copy's
	// edition is built from: its pages (drafts left out unless
	// Options.Drafts), site.toml, rules.toml and the files its pages link
	// to; nil when the working copy is not built. Publish freezes exactly
	// these; a build or a preview's rebuild, which never asks, does not
	// work them out.
	Sources func() []string
	// DraftsLeftOut are the files of the working copy's draft: true pages
	// (or in a draft section) that it was built without.
	DraftsLeftOut []string
	// Manifests are the SHA-256 of each published revision's manifest,
	// by version: what it was built from (CheckBuiltHistory).
	Manifests map[string]string
}

// Stage is one timed step of a build.
type Stage struct {
	Name    string
	Elapsed time.Duration
	Heap    uint64 // bytes of heap in use when the step ended
}

// stageClock records the steps of one build.
type stageClock struct {
	res  *Result
	last time.Time
}

func (c *stageClock) done(name string) {
	if c == nil {
		return
	}
	now := time.Now()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	c.res.Stages = append(c.res.Stages, Stage{name, now.Sub(c.last), m.HeapInuse})
	c.last = now
}

// Run builds the site. On content errors it returns a diag list error
// (diag.FromError recovers the list) and writes nothing more; the caller
// discards the partial output.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	if opts.SourceName == "" {
		opts.SourceName = "content"
	}
	if opts.ThemeName == "" {
		opts.ThemeName = "theme"
	}
	res := &Result{}
	clock := &stageClock{res: res, last: start}
	var errs diag.List
	opts.Cache.begin()
	frozen := frozenSource{read: sourceReader(opts), draftBuilt: opts.Drafts}

	tmpl, terrs := parseTemplates(opts.Theme, opts.ThemeName)
	errs = append(errs, terrs...)

	eds, today, eerrs := loadEditions(opts)
	opts.Today = today
	errs = append(errs, eerrs...)
	if !eerrs.HasErrors() {
		errs = append(errs, noPages(opts.SourceName, eds)...)
	}
	clock.done("load")
	if errs.HasErrors() {
		return finish(res, errs, start, frozen)
	}

	for _, ed := range eds {
		// A page's clauses are read by the search index, the changelog
		// (which compares revisions clause by clause, after every
		// edition's index is made) and the rules' checks (before it);
		// without any of them they are not worked out at all.
		ed.keepClauses = !opts.NoSearch || len(eds) > 1 || ed.tree.Rules != nil
		ed.clausesAfterIndex = len(eds) > 1
		errs = append(errs, prepareEdition(ed, opts.Cache)...)
	}
	if !errs.HasErrors() {
		errs = append(errs, citationsRead(eds)...)
		errs = append(errs, examplesDropped(eds)...)
		errs = append(errs, emptyChapters(eds)...)
		errs = append(errs, sectionsEmptied(eds)...)
		// An ID a revision retired, given to new text by the draft: the
		// old links would open that text without a word.
		errs = append(errs, reusedIDs(eds)...)
	}
	clock.done("parse and check")
	if errs.HasErrors() {
		return finish(res, errs, start, frozen)
	}

	bundle, aerrs, err := themeBundle(opts)
	if err != nil {
		return nil, err
	}
	errs = append(errs, aerrs...)
	clock.done("theme bundle")
	if errs.HasErrors() {
		return finish(res, errs, start, frozen)
	}
	w := &countingWriter{Writer: opts.Out}
	urls, err := writeAssets(w, opts, bundle, eds)
	if err != nil {
		return nil, err
	}
	site := &siteRender{tmpl: tmpl, urls: urls, eds: eds, base: eds[0].tree.Site.BasePath, out: w, today: opts.Today, cache: opts.Cache,
		searchLater: opts.SearchLater && opts.Cache != nil, noSearch: opts.NoSearch, clock: clock}
	if err := site.renderAll(); err != nil {
		return nil, err
	}
	opts.Cache.commit()
	if len(site.pending) > 0 {
		pending := site.pending
		res.Search = func() (map[string][]byte, error) {
			out := map[string][]byte{}
			for _, p := range pending {
				files, err := p()
				if err != nil {
					return nil, err
				}
				for k, v := range files {
					out[k] = v
				}
			}
			return out, nil
		}
	}
	res.Pages, res.Files, res.Bytes = w.pages, w.files, w.bytes
	res.Manifests = map[string]string{}
	for _, ed := range eds {
		res.Editions = append(res.Editions, ed.id)
		if ed.srcKey != "" {
			res.Manifests[ed.id] = ed.rev.ManifestSum
		}
		if ed.srcKey == "" {
			res.Sources = func() []string { return slices.Sorted(maps.Keys(usedFiles(ed))) }
			res.DraftsLeftOut = ed.tree.Drafts
		}
	}
	return finish(res, errs, start, frozen)
}

// themeBundle returns the theme's scripts and styles: esbuild's bundle,
// or the last successful build's when no file of the theme changed since
// (esbuild was a tenth of a one-page rebuild's CPU).
func themeBundle(opts Options) (*assets.Bundle, diag.List, error) {
	key, kerr := themeKey(opts.Theme)
	if kerr == nil {
		if b := opts.Cache.bundle(key); b != nil {
			return b, nil, nil
		}
	}
	ab := opts.Assets
	if ab == nil {
		b, err := assets.New(opts.Theme, opts.ThemeName)
		if err != nil {
			return nil, nil, err
		}
		defer b.Close()
		ab = b
	}
	bundle, errs := ab.Build()
	if len(errs) == 0 && kerr == nil {
		opts.Cache.putBundle(key, bundle)
	}
	return bundle, errs, nil
}

// themeKey hashes every file of a theme, with its path: whatever esbuild
// may read.
func themeKey(theme fs.FS) ([32]byte, error) {
	h := newHasher()
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		h.str(p).bytes(b)
		return nil
	})
	return h.sum(), err
}

// revisionFile splits a published revision's file into the working
// copy's file and the revision's version (content/revisions/2026.1/03-….md
// → content/03-….md, 2026.1), false for any other file.
func revisionFile(file string) (draft, version string, ok bool) {
	dir := "/" + revision.Dir + "/"
	i := strings.Index("/"+file, dir)
	if i < 0 {
		return "", "", false
	}
	rest := file[i+len(dir)-1:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return "", "", false
	}
	return file[:i] + rest[j+1:], rest[:j], true
}

func finish(res *Result, errs diag.List, start time.Time, src frozenSource) (*Result, error) {
	errs.Sort()
	res.Elapsed = time.Since(start)
	for _, d := range frozenWarnings(errs, src) {
		if d.Severity == diag.Warning {
			res.Warnings = append(res.Warnings, d)
		}
	}
	if err := errs.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// frozenSource reads the content tree for frozenWarnings: the file a
// diagnostic names, by that name; false when there is none. draftBuilt:
// the build checked the working copy itself (serve, build -drafts).
type frozenSource struct {
	read       func(file string) ([]byte, bool)
	draftBuilt bool
}

// sourceReader reads the files diagnostics name ("content/03-….md") from
// the build's source tree.
func sourceReader(opts Options) func(string) ([]byte, bool) {
	prefix := strings.TrimSuffix(opts.SourceName, "/") + "/"
	return func(file string) ([]byte, bool) {
		rel := file
		if opts.SourceName != "." && opts.SourceName != "" {
			var ok bool
			if rel, ok = strings.CutPrefix(file, prefix); !ok {
				return nil, false
			}
		}
		if opts.Source == nil || !fs.ValidPath(rel) {
			return nil, false
		}
		b, err := fs.ReadFile(opts.Source, rel)
		return b, err == nil
	}
}

// frozenWarnings returns errs with the warnings about a published
// revision's text (content/revisions/2026.1/03-….md:14) said of the working
// copy, the only text anyone can correct: a revision is frozen, and a
// correction is the next revision.
//
//   - With the draft built (serve, build -drafts), the draft's own checks
//     say what is still wrong, at the working copy's lines: the revision's
//     warning is left out. It was said twice, once of the frozen file (at
//     other lines once lines above had moved), and it went on being said
//     of the frozen file once the working copy was corrected.
//   - Without it (build), a warning is said at the working copy's line of
//     the same words, with a note that the revision stays as published.
//     If the working copy no longer has a line of those words, for this
//     warning or another of the same check (the same hint) about the same
//     revision, it is left out: the working copy was changed there, and
//     the warning goes with the next publish, whose check of the working
//     copy says whether it was corrected (the org chart's three remarks
//     all follow from one line: corrected there, the other two were said
//     of lines that no longer disagree with it).
//
// A revision's own warnings are kept as they are: on line 0, of a file
// the working copy does not have, or whose message speaks of revisions
// (a page at an address an earlier revision's chapter had, a revision
// published without its rules.toml): those are about the revision, not
// about words the working copy shares with it.
func frozenWarnings(errs diag.List, src frozenSource) diag.List {
	type at struct {
		file      string
		line, col int
		msg       string
	}
	warned := map[at]bool{}
	for _, d := range errs {
		if _, _, frozen := revisionFile(d.File); d.Severity == diag.Warning && !frozen {
			warned[at{d.File, d.Line, d.Col, d.Msg}] = true
		}
	}
	texts := map[string][]string{}
	linesOf := func(file string) []string {
		if l, ok := texts[file]; ok {
			return l
		}
		var l []string
		if src.read != nil {
			if b, ok := src.read(file); ok {
				l = strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
			}
		}
		texts[file] = l
		return l
	}
	// Where each frozen warning is in the working copy: its line there, 0
	// when the working copy has changed it, -1 when it stays the
	// revision's own.
	moved := make([]int, len(errs))
	changed := map[[2]string]bool{} // revision and hint of a check with a line changed
	for i, d := range errs {
		w, version, frozen := revisionFile(d.File)
		moved[i] = -1
		if d.Severity != diag.Warning || !frozen || d.Line <= 0 || strings.Contains(d.Msg, "revision") {
			continue
		}
		fl, wl := linesOf(d.File), linesOf(w)
		if fl == nil || wl == nil || d.Line > len(fl) {
			continue
		}
		moved[i] = sameLine(fl, wl, d.Line)
		if moved[i] == 0 {
			changed[[2]string{version, d.Hint}] = true
		}
	}
	out := make(diag.List, 0, len(errs))
	for i, d := range errs {
		w, version, _ := revisionFile(d.File)
		switch line := moved[i]; {
		case line < 0:
			out = append(out, d)
		case src.draftBuilt, line == 0, changed[[2]string{version, d.Hint}], warned[at{w, line, d.Col, d.Msg}]:
			// Said of the working copy, or corrected there.
		default:
			shown := d
			shown.File, shown.Line = w, line
			shown.Hint = strings.TrimSpace(d.Hint + " (published revision " + version + " has the same line, " + d.File + ":" + strconv.Itoa(d.Line) +
				", and stays as published: nothing is wrong with its history; the correction is made here, in the working copy, for the next revision)")
			warned[at{w, line, d.Col, d.Msg}] = true
			out = append(out, shown)
		}
	}
	out.Sort()
	return out
}

// sameLine returns the line (1-based) of the working copy's lines wl that
// is line n of the revision's fl, by its words: the same occurrence of
// those words, counted from the top, when both have them as often, else
// the nearest; 0 when the working copy has no line of those words, or
// the line is blank.
func sameLine(fl, wl []string, n int) int {
	text := strings.TrimRight(fl[n-1], " \t")
	if strings.TrimSpace(text) == "" {
		return 0
	}
	k, count := 0, 0
	for i, l := range fl {
		if strings.TrimRight(l, " \t") == text {
			if i < n-1 {
				k++
			}
			count++
		}
	}
	var at []int
	for i, l := range wl {
		if strings.TrimRight(l, " \t") == text {
			at = append(at, i+1)
		}
	}
	if len(at) == 0 {
		return 0
	}
	if len(at) == count {
		return at[k]
	}
	best := at[0]
	for _, a := range at {
		if absInt(a-n) < absInt(best-n) {
			best = a
		}
	}
	return best
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// countingWriter counts what the build writes, for the summary line.
type countingWriter struct {
	output.Writer
	mu           sync.Mutex
	pages, files int
	bytes        int64
}

func (c *countingWriter) WriteFile(name string, data []byte) error {
	if err := c.Writer.WriteFile(name, data); err != nil {
		return err
	}
	c.count(int64(len(data)), name)
	return nil
}

// lender returns c as an output.Lender if what it wraps is one, else nil.
func (c *countingWriter) lender() output.Lender {
	if _, ok := c.Writer.(output.Lender); ok {
		return c
	}
	return nil
}

// WriteFileThen implements output.Lender when what c wraps does (see
// lender).
func (c *countingWriter) WriteFileThen(name string, data []byte, done func([]byte)) error {
	c.count(int64(len(data)), name) // before: data may be reused once written
	return c.Writer.(output.Lender).WriteFileThen(name, data, done)
}

// KeepAll passes files kept from the last build on to an output that
// keeps files (output.Update).
func (c *countingWriter) KeepAll(names []string) error {
	k, ok := c.Writer.(keeper)
	if !ok {
		return errors.New("build: a cache loaded from disk needs an output that keeps files (output.Update)")
	}
	if err := k.KeepAll(names); err != nil {
		return err
	}
	c.count(0, names...)
	return nil
}

func (c *countingWriter) count(bytes int64, names ...string) {
	c.mu.Lock()
	c.bytes += bytes
	for _, name := range names {
		c.files++
		if path.Ext(name) == ".html" {
			c.pages++
		}
	}
	c.mu.Unlock()
}

// parallel runs fn for i in [0,n) on every core and returns the first error.
func parallel(n int, fn func(i int) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if i >= n || stop {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// templates holds one template set per page kind ("page", "home", …):
// each set is the shared base and partials plus that kind's "main".
type templates struct {
	sets map[string]*template.Template
	// progs run each set's base template as html/template would, with
	// less reflection (a fifth of a big build's CPU was text/template's);
	// what they do not handle html/template runs (tmplrun).
	progs map[string]*tmplrun.Program
	key   [32]byte // hash of every template file, part of each page's cache key
	theme string   // how messages name the theme folder
}

func (t *templates) execute(w io.Writer, kind string, data any) error {
	set := t.sets[kind]
	if set == nil {
		return errors.New("the theme has no template for " + kind + " pages (templates/" + kind + ".html)")
	}
	if b, ok := w.(*bytes.Buffer); ok && fastTemplates {
		if err := t.progs[kind].Run(b, data); err == nil {
			return nil
		}
		handedBack.Add(1)
	}
	if err := set.ExecuteTemplate(w, "base", data); err != nil {
		return t.execError(err)
	}
	return nil
}

// fastTemplates: pages are made by tmplrun where it can (tests turn it
// off to compare every byte with html/template's).
var fastTemplates = true

// handedBack counts the pages tmplrun left to html/template (tests check
// that the built-in theme's are none).
var handedBack atomic.Int64

// execError turns a template's run-time error ("template: page.html:3:6:
// executing "main" at <.X>: …") into a diagnostic naming the theme's
// file, line and column, as its syntax errors are named; the build and
// the preview both print it so.
func (t *templates) execError(err error) error {
	rest, ok := strings.CutPrefix(err.Error(), "template: ")
	name, _, named := strings.Cut(rest, ":")
	if !ok || !named || strings.ContainsAny(name, " /") {
		return err // not the template's own error (a failed write, say)
	}
	d := templateDiag(t.theme, "templates/"+name, err)
	d.Hint = "the template uses something its page does not have; fix the template or remove the theme folder to use the built-in theme"
	var l diag.List
	l.Add(d)
	return l.Err()
}

func parseTemplates(theme fs.FS, name string) (*templates, diag.List) {
	var errs diag.List
	files, err := fs.Glob(theme, "templates/*.html")
	if err != nil || len(files) == 0 {
		errs.Errorf(name+"/templates", 0, 0, "the theme has no templates", "add templates/*.html or remove the theme folder to use the default theme")
		return nil, errs
	}
	kinds := map[string]bool{"home": true, "page": true, "print": true, "calculator": true, "search": true, "section": true, "changelog": true, "notfound": true}
	root := template.New("").Funcs(funcs)
	for _, f := range files {
		if !kinds[trimExt(path.Base(f))] {
			if err := parseOne(root, theme, f); err != nil {
				errs.Add(templateDiag(name, f, err))
			}
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	t := &templates{sets: map[string]*template.Template{}, progs: map[string]*tmplrun.Program{}, theme: name}
	kh := newHasher()
	for _, f := range files {
		b, _ := fs.ReadFile(theme, f)
		kh.str(f).bytes(b)
	}
	t.key = kh.sum()
	for _, f := range files {
		kind := trimExt(path.Base(f))
		if !kinds[kind] {
			continue
		}
		set, err := root.Clone()
		if err == nil {
			err = parseOne(set, theme, f)
		}
		if err != nil {
			errs.Add(templateDiag(name, f, err))
			continue
		}
		t.sets[kind] = set
		t.progs[kind] = tmplrun.Compile(set, "base")
	}
	return t, errs
}

// templateDiag turns a template error ("template: page.html:12: …") into a
// diagnostic with file and line.
func templateDiag(theme, file string, err error) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{File: path.Join(theme, file), Msg: msg, Hint: "fix the template syntax ({{…}} actions must be closed and balanced)"}
	rest := strings.TrimPrefix(msg, "template: ")
	if parts := strings.SplitN(rest, ":", 4); len(parts) >= 3 {
		if n, err := strconv.Atoi(parts[1]); err == nil {
			d.Line = n
			if c, err := strconv.Atoi(parts[2]); err == nil && len(parts) == 4 {
				d.Col = c
				d.Msg = strings.TrimSpace(parts[3])
			} else {
				d.Msg = strings.TrimSpace(strings.Join(parts[2:], ":"))
			}
		}
	}
	return d
}

func parseOne(t *template.Template, theme fs.FS, f string) error {
	b, err := fs.ReadFile(theme, f)
	if err != nil {
		return err
	}
	_, err = t.New(path.Base(f)).Parse(string(b))
	return err
}

func trimExt(s string) string { return s[:len(s)-len(path.Ext(s))] }

func prepareEditionDocs(ed *edition, eng *markdown.Engine, cache *Cache) diag.List {
	var errs diag.List
	var mu sync.Mutex
	pages := ed.tree.Pages
	docs := make([]*markdown.Doc, len(pages))
	reused := make([]bool, len(pages))
	_ = parallel(len(pages), func(i int) error {
		p := pages[i]
		key, d := cache.doc(ed, p, ed.tree.Site.TrustHTML)
		if d != nil {
			docs[i] = d
			reused[i] = true
			return nil
		}
		d, e := eng.Parse(ed.display(p), p.Source, p.BodyOffset)
		// Keep the facts, drop the tree: it is parsed again when the page
		// is rendered, so a big tree never holds every page's tree at once.
		d.Release(ed.keepClauses, orgFields...)
		docs[i] = d
		if len(e) == 0 {
			cache.putDoc(key, d)
		}
		if len(e) > 0 {
			mu.Lock()
			errs = append(errs, e...)
			mu.Unlock()
		}
		return nil
	})
	ed.docs = make(map[*content.Page]*markdown.Doc, len(pages))
	for i, p := range pages {
		ed.docs[p] = docs[i]
	}
	ed.reused = reused
	return errs
}

// noPages refuses a handbook with no page at all: a -source that is the
// wrong folder, or a share that is not mounted, is an empty folder, and
// its build replaced the whole published site with an empty one.
func noPages(source string, eds []*edition) diag.List {
	var drafts []string
	for _, ed := range eds {
		for _, p := range ed.tree.Pages {
			if !p.Generated {
				return nil
			}
		}
		drafts = append(drafts, ed.tree.Drafts...)
	}
	var errs diag.List
	if len(drafts) > 0 {
		errs.Errorf(source, 0, 0, "every page is a draft (draft: true, e.g. "+drafts[0]+"), so the handbook has no page to publish",
			"remove draft: true from the pages to publish, or build with -drafts to see them")
		return errs
	}
	errs.Errorf(source, 0, 0, "the folder holds no page (no .md file): its build would be an empty site",
		"pass the handbook's content folder with -source (is it the right folder, is its drive mounted?); a new handbook starts with a chapter, e.g. 01-总则.md")
	return errs
}
