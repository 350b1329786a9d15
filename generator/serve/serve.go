// Package serve is the preview server of `handbook serve`: it builds the
// site into memory, serves the latest good build over HTTP, watches the
// sources with fsnotify, rebuilds on every save and tells each open page
// over a live-reload channel (Server-Sent Events) to reload, to swap its
// stylesheets, or to show the build's errors over the page.
//
// It is the only long-running code of the generator. All its state lives
// in a Server value; nothing is package-level.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"handbook/generator/build"
	"handbook/generator/diag"
)

// DefaultAddr is where the server listens unless told otherwise: the
// loopback interface only, so a draft is not published to the network.
const DefaultAddr = "127.0.0.1:1313"

// Config describes a server. Builder is required; the zero value of every
// other field is a working default.
type Config struct {
	// Addr is host:port to listen on; DefaultAddr when empty. Port 0 picks
	// a free port (tests).
	Addr string
	// Builder makes the site; Run calls Close on it at the end if it is an
	// io.Closer.
	Builder Builder
	// Watch lists the folders whose changes rebuild the site (content/,
	// theme/, calculator/). Each is watched with every folder below it.
	Watch []string
	// Ignore lists folders inside them never to watch, e.g. the output.
	Ignore []string
	// Quiet is how long after the last file event a batch of changes is
	// built (default 20 ms: one save is several events within a few ms).
	// A batch is built at most MaxWait (default 100 ms) after its first
	// event, however many events keep coming.
	Quiet, MaxWait time.Duration
	// Log receives one line per build; ErrLog the problems of a failed
	// build (default: Log). Nil: nothing is printed.
	Log, ErrLog io.Writer
}

// Server is a preview server. Make one with New and run it with Run.
type Server struct {
	cfg     Config
	ln      net.Listener
	watch   *watcher
	hub     *hub
	script  []byte // livereload.js, added to every page
	channel []byte // channel.js, the live-reload channel the pages share
	current atomic.Pointer[snapshot]
	// searchTimer (owned by the rebuild loop) schedules a deferred search
	// index; searchMu keeps two of them from running at once.
	searchTimer *time.Timer
	searchMu    sync.Mutex

	// Used by the build loop only.
	session  string
	builds   int
	dirty    map[string]bool // changes not yet in a good build
	emptied  map[string]bool // source files emptied in place and still empty
	warnings string          // the last build's warnings, printed when they change
	baseline map[string]bool // the first good build's warnings (warningKey); nil before it
	runOnce  sync.Once
}

// snapshot is what the server shows: the latest good build, and the
// problems of the latest build if it failed.
type snapshot struct {
	id       string // the good build's id; "" before the first one
	site     *Site
	problems []problem
	warnings []problem // the good build's warnings that saves brought (newWarnings)
	// gone names the pages deleted or moved since the server started, by
	// build file: the preview's 404 at their address says so (goneNotice).
	gone map[string]gonePage
	// draftless: site is the published revisions alone (PublishedBuilder),
	// built because the working copy failed before any good build; the
	// working copy's addresses (/draft/…) answer with problems.
	draftless bool
}

// problem is a diagnostic as the browser receives it.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	Text    string `json:"text"` // as printed in the terminal
}

// Messages on the live-reload channel, event name → data:
//
//	hello     {"build": id, "errors": [...]}  first message on connecting
//	reload    {"build": id, "pages": [...]}   a new good build; pages, when
//	                                          given, lists the only pages
//	                                          (build files) that changed
//	css       {"build": id, "css": [hrefs]}   a new good build that changed only stylesheets
//	problems  {"build": id, "errors": [...]}  the build failed; id is the build still served
//
// hello and problems carry "draftless": true while the build served is
// the published revisions alone (snapshot.draftless).
//
// hello, reload and css also carry "warnings": [...], the warnings of the
// build served that were not there when the server started (newWarnings).
type message struct {
	Build    string    `json:"build"`
	Errors   []problem `json:"errors,omitempty"`
	Warnings []problem `json:"warnings,omitempty"`
	// Draftless: the build served has no working copy (snapshot.draftless).
	Draftless bool     `json:"draftless,omitempty"`
	CSS       []string `json:"css,omitempty"`
	// Pages, when not nil, lists the only pages whose files changed, by
	// their name in the build ("draft/a/index.html"); nil: every page.
	Pages *[]string `json:"pages,omitempty"`
	// Moved maps pages the build no longer has to the page each became
	// (a chapter's slug or file renamed): the page open there goes to
	// it, where it reloaded into a 404.
	Moved map[string]string `json:"moved,omitempty"`
}

var zeroTime time.Time

// New listens on the address and starts watching the folders, so a bad
// address or a missing folder is reported before anything runs. Run must
// be called to serve and to release them.
func New(cfg Config) (*Server, error) {
	if cfg.Builder == nil {
		return nil, errors.New("serve: no Builder")
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.Quiet <= 0 {
		cfg.Quiet = 20 * time.Millisecond
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 100 * time.Millisecond
	}
	if cfg.MaxWait < cfg.Quiet {
		cfg.MaxWait = cfg.Quiet
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.ErrLog == nil {
		cfg.ErrLog = cfg.Log
	}
	script, channel, err := compileClient()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, hub: newHub(), script: script, channel: channel, dirty: map[string]bool{}, emptied: map[string]bool{},
		session: strconv.FormatInt(time.Now().UnixNano()%1e9, 36)}
	s.current.Store(&snapshot{})
	s.watch, err = newWatcher(cfg.Watch, cfg.Ignore, cfg.Quiet, cfg.MaxWait, func(msg string) {
		fmt.Fprintln(cfg.ErrLog, "handbook serve:", msg)
	})
	if err != nil {
		return nil, err
	}
	s.ln, err = net.Listen("tcp", cfg.Addr)
	if err != nil {
		_ = s.watch.close()
		return nil, listenError(cfg.Addr, err)
	}
	return s, nil
}

// listenError says why an address cannot be listened on and what to give
// instead; net.Listen's own words ("bind: cannot assign requested
// address") say neither.
func listenError(addr string, err error) error {
	host, port, _ := net.SplitHostPort(addr)
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("%s is in use (another handbook serve?) — choose another address with -addr, e.g. -addr %s", addr, nextPort(addr))
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("%s: %s is not an address of this computer — give one of its own, e.g. -addr 127.0.0.1:%s (this computer only) or -addr :%s (other computers too)", addr, host, port, port)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("%s: this user may not listen on port %s (ports below 1024 need root) — choose a port from 1024 up, e.g. -addr %s", addr, port, DefaultAddr)
	case errors.As(err, &dns):
		return fmt.Errorf("%s: no host is called %s — give an address of this computer, e.g. -addr 127.0.0.1:%s (this computer only) or -addr :%s (other computers too)", addr, host, port, port)
	}
	return fmt.Errorf("%s: %w", addr, err)
}

// nextPort suggests the address after a taken one: the same host, the
// next port (it suggested 127.0.0.1:1314 whatever address was taken,
// itself when 1314 was).
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n <= 0 || n >= 65535 {
		return "127.0.0.1:1314"
	}
	return net.JoinHostPort(host, strconv.Itoa(n+1))
}

// URL is the server's root URL, e.g. http://127.0.0.1:1313/.
func (s *Server) URL() string {
	// Listening on every address (-addr :1313, 0.0.0.0:1313): the address
	// to open here is this computer's own; http://[::]:1313/ opens nothing.
	if a, ok := s.ln.Addr().(*net.TCPAddr); ok && a.IP.IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(a.Port)) + "/"
	}
	return "http://" + s.ln.Addr().String() + "/"
}

// Run serves until ctx is cancelled (Ctrl-C), then shuts down cleanly:
// open pages are disconnected, requests in flight finish, the watcher
// stops and the builder is closed. It returns nil after a clean shutdown.
func (s *Server) Run(ctx context.Context) error {
	err := errors.New("serve: Run called twice")
	s.runOnce.Do(func() { err = s.run(ctx) })
	return err
}

func (s *Server) run(ctx context.Context) error {
	defer func() {
		if c, ok := s.cfg.Builder.(io.Closer); ok {
			_ = c.Close()
		}
	}()
	wctx, stopWatch := context.WithCancel(ctx)
	batches := make(chan batch)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.watch.run(wctx, batches) }()
	defer func() { stopWatch(); _ = s.watch.close(); wg.Wait() }()

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()
	shutdown := func() error {
		s.hub.close()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}

	s.rebuild(ctx, batch{})
	if ctx.Err() != nil {
		// Ctrl-C during the first build: no address to open.
		return shutdown()
	}
	s.announce()
	for {
		select {
		case <-ctx.Done():
			return shutdown()
		case err := <-served:
			s.hub.close()
			return err
		case b := <-batches:
			s.rebuild(ctx, b)
		}
	}
}

// announce prints where to look.
func (s *Server) announce() {
	root := strings.TrimSuffix(s.URL(), "/")
	snap := s.current.Load()
	if snap.site == nil {
		fmt.Fprintf(s.cfg.Log, "handbook: serving %s/ (fix the errors above; it rebuilds on save) — Ctrl-C to stop\n", root)
		return
	}
	base := snap.site.BasePath
	if snap.draftless {
		fmt.Fprintf(s.cfg.Log, "handbook: serving the published revisions at %s%slatest/ (and %s%schangelog/); the working copy at %s%sdraft/ shows the errors above until they are fixed (it rebuilds on save) — Ctrl-C to stop\n", root, base, root, base, root, base)
		return
	}
	line := "handbook: serving " + root + base
	if _, ok := snap.site.Files["draft/index.html"]; ok {
		line = "handbook: serving the working copy at " + root + base + "draft/ (published revisions at " + root + base + "latest/)"
	}
	fmt.Fprintln(s.cfg.Log, line+" — Ctrl-C to stop")
}

// rebuild builds after a batch of changes (the zero batch: the first
// build), swaps in a good build and tells the pages. A build that fails
// once ctx is done (the server stopping) is not reported.
func (s *Server) rebuild(ctx context.Context, b batch) {
	changed := b.changed
	for _, c := range changed {
		s.dirty[c] = true
	}
	prev := s.current.Load()
	if err := s.checkRoots(); err != nil {
		s.fail(prev, err)
		return
	}
	if err := s.checkEmptied(b.emptied); err != nil {
		// Built now, the emptied page would replace the last good one.
		s.fail(prev, err)
		return
	}
	start := time.Now()
	site, err := s.cfg.Builder.Build(changed)
	elapsed := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			// Ctrl-C in the terminal interrupts the build's own go build
			// of the calculator too: not an error of the handbook's.
			return
		}
		if prev.site == nil {
			prev = s.published(prev)
		}
		s.fail(prev, err)
		return
	}
	// From the published revisions alone, the working copy's pages are
	// new whatever changed.
	cssOnly := prev.site != nil && !prev.draftless && len(s.dirty) > 0
	for c := range s.dirty {
		if strings.ToLower(filepath.Ext(c)) != ".css" {
			cssOnly = false
		}
	}
	clear(s.dirty)
	s.builds++
	id := s.session + "-" + strconv.Itoa(s.builds)
	warns := s.newWarnings(site.Result)
	moved := movedPages(prev.site, site)
	s.current.Store(&snapshot{id: id, site: site, warnings: warns, gone: gonePages(prev, site, moved)})
	s.summary(site, changed, elapsed)
	if cssOnly {
		s.hub.broadcast(event("css", message{Build: id, CSS: stylesheets(site), Warnings: warns}))
	} else {
		s.hub.broadcast(event("reload", message{Build: id, Pages: changedPages(prev.site, site), Moved: moved, Warnings: warns}))
	}
	// The search index follows once the editor pauses: pages reload
	// without waiting for it, and a search a moment later finds the new
	// text. A newer build supersedes a pending index.
	if s.searchTimer != nil {
		s.searchTimer.Stop()
	}
	if site.Result != nil && site.Result.Search != nil {
		pending := site.Result.Search
		s.searchTimer = time.AfterFunc(searchQuiet, func() { s.indexLater(id, site, pending) })
	}
}

// published returns what to serve when the working copy fails before any
// good build: the published revisions built alone (PublishedBuilder), so
// that /latest/, /v/… and /changelog/, which the error does not touch,
// stay readable and only /draft/ answers with the problems. Serving
// nothing, every address answered 503 until the error was fixed. It
// returns prev (no site) when the builder cannot build them apart or
// they fail too (a broken site.toml, a handbook with no revision).
// Their warnings are not printed: the working copy's errors are among
// them, and the first good build prints its own.
func (s *Server) published(prev *snapshot) *snapshot {
	pb, ok := s.cfg.Builder.(PublishedBuilder)
	if !ok {
		return prev
	}
	site, err := pb.BuildPublished()
	if err != nil || site == nil || len(site.Files) == 0 {
		return prev
	}
	s.builds++
	return &snapshot{id: s.session + "-" + strconv.Itoa(s.builds), site: site, draftless: true}
}

// fail reports a build that failed (or was not run): the pages keep
// prev's build and its warnings, and are told the problems.
//
// The failed build's own warnings are shown with its errors: a warning
// that came in the same save as an error (a misspelt note marker beside a
// broken link) was shown only once the error was fixed, another round.
// Those of prev's that the failed build did not get as far as finding
// stay listed.
func (s *Server) fail(prev *snapshot, err error) {
	probs, warned := s.report(err, prev)
	warns := s.fresh(warned)
	seen := map[string]bool{}
	for _, w := range warns {
		seen[w.File+"\x00"+w.Message+"\x00"+w.Hint] = true
	}
	for _, w := range prev.warnings {
		if !seen[w.File+"\x00"+w.Message+"\x00"+w.Hint] {
			warns = append(warns, w)
		}
	}
	s.current.Store(&snapshot{id: prev.id, site: prev.site, draftless: prev.draftless, problems: probs, warnings: warns, gone: prev.gone})
	s.hub.broadcast(event("problems", message{Build: prev.id, Errors: probs, Warnings: warns, Draftless: prev.draftless}))
}

// newWarnings returns the build's warnings that the first good build did
// not have: those the admin's saves brought (front matter that is not
// read, an indented field, a date that is not one), which the page shows
// beside the terminal. The warnings the handbook had when the server
// started stay in the terminal only; a page would show them for good.
// Warnings are told apart by file, message and hint, not by line, which
// moves as lines are added above.
func (s *Server) newWarnings(res *build.Result) []problem {
	if res == nil {
		return nil
	}
	if s.baseline == nil {
		s.baseline = map[string]bool{}
		for _, d := range res.Warnings {
			s.baseline[warningKey(d)] = true
		}
		return nil
	}
	return s.fresh(res.Warnings)
}

// warningKey tells warnings apart for newWarnings.
func warningKey(d diag.Diagnostic) string { return d.File + "\x00" + d.Msg + "\x00" + d.Hint }

// fresh returns the warnings of list that the first good build did not
// have; none before it.
func (s *Server) fresh(list diag.List) []problem {
	if s.baseline == nil {
		return nil
	}
	var out []problem
	for _, d := range list {
		if d.Severity == diag.Warning && !s.baseline[warningKey(d)] {
			out = append(out, problem{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg, Hint: d.Hint, Text: d.String()})
		}
	}
	return out
}

// checkRoots returns an error naming each watched folder that is not
// there (deleted, moved away, a branch switched without it). Built, it
// said "cannot read … check the file's permissions"; the watcher looks
// for the folder and rebuilds once it is back.
func (s *Server) checkRoots() error {
	var list diag.List
	for _, r := range s.watch.roots {
		if st, err := os.Stat(r.abs); err != nil || !st.IsDir() {
			list.Errorf(r.given, 0, 0, "the folder is gone (deleted, or moved or renamed away)",
				"put it back (git checkout, or move it back): until then the preview shows its last good build, and it rebuilds as soon as the folder is there again")
		}
	}
	return list.Err()
}

// checkEmptied keeps the files an editor emptied in place (batch.emptied)
// until they have text again or are gone, and returns an error naming
// each one still empty. An emptied page is a save cut short far more
// often than a wish (to drop a page, one deletes it; publish refuses an
// emptied chapter), so the preview keeps the last good build rather than
// show the page blank.
func (s *Server) checkEmptied(emptied []string) error {
	for _, p := range emptied {
		s.emptied[p] = true
	}
	var list diag.List
	for p := range s.emptied {
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > 0 {
			delete(s.emptied, p)
			continue
		}
		name := s.watch.display(p)
		list.Errorf(name, 1, 1, "the file is empty: its save did not finish (the editor closed, the disk full?)",
			"save it again from the editor, or bring it back with git checkout -- "+name+"; until it has text the preview shows its last good build. To take the file out of the handbook, delete it instead")
	}
	list.Sort()
	return list.Err()
}

// maxListed is the most pages a reload lists; past it every page reloads.
const maxListed = 1000

// changedPages lists the pages of next whose file differs from prev's
// (added or gone included), so that a page left as it was, in another tab,
// does not reload for a save elsewhere: its scroll, its calculator's
// figures, its search box are kept. A changed file no page is known to
// depend on alone (an image, the site's other data) makes every page
// reload: nil. Content-hashed assets change only with the pages that use
// them; a search index changes its edition's search page.
func changedPages(prev, next *Site) *[]string {
	if prev == nil || prev.BasePath != next.BasePath {
		return nil
	}
	pages := []string{}
	seen := map[string]bool{}
	differs := func(name string) bool {
		switch base := path.Base(name); {
		case strings.HasSuffix(name, ".html"):
		case strings.HasPrefix(name, "assets/"), base == "sw.js", base == "precache.json":
			return true
		default:
			i := strings.Index("/"+name, "/search/")
			if i < 0 {
				return false
			}
			name = name[:i] + "search/index.html"
		}
		if !seen[name] {
			seen[name] = true
			pages = append(pages, name)
		}
		return len(pages) <= maxListed
	}
	for name, data := range next.Files {
		if old, ok := prev.Files[name]; !ok || !bytes.Equal(old, data) {
			if !differs(name) {
				return nil
			}
		}
	}
	for name := range prev.Files {
		if _, ok := next.Files[name]; !ok && !differs(name) {
			return nil
		}
	}
	sort.Strings(pages)
	return &pages
}

// movedPages pairs the pages prev had and next has not with those next
// has and prev had not: a page gone becomes the new page whose address
// differs from its own in one folder's name alone (a chapter's slug
// renamed moves it and every page under it), or, when one page went and
// one came in the same edition, that one. Nil when none pairs.
func movedPages(prev, next *Site) map[string]string {
	if prev == nil {
		return nil
	}
	var gone, added []string
	for name := range prev.Files {
		if _, ok := next.Files[name]; !ok && strings.HasSuffix(name, "/index.html") {
			gone = append(gone, name)
		}
	}
	for name := range next.Files {
		if _, ok := prev.Files[name]; !ok && strings.HasSuffix(name, "/index.html") {
			added = append(added, name)
		}
	}
	if len(gone) == 0 || len(added) == 0 || len(gone) > maxListed {
		return nil
	}
	edition := func(name string) string { e, _, _ := strings.Cut(name, "/"); return e }
	oneApart := func(a, b string) bool {
		as, bs := strings.Split(a, "/"), strings.Split(b, "/")
		if len(as) != len(bs) || as[0] != bs[0] {
			return false
		}
		diff := 0
		for i := range as {
			if as[i] != bs[i] {
				diff++
			}
		}
		return diff == 1
	}
	moved := map[string]string{}
	for _, g := range gone {
		to := ""
		for _, a := range added {
			if oneApart(g, a) {
				if to != "" {
					to = "" // two alike: no guess
					break
				}
				to = a
			}
		}
		if to == "" {
			var in []string
			for _, a := range added {
				if edition(a) == edition(g) {
					in = append(in, a)
				}
			}
			n := 0
			for _, o := range gone {
				if edition(o) == edition(g) {
					n++
				}
			}
			if len(in) == 1 && n == 1 {
				to = in[0]
			}
		}
		if to != "" {
			moved[g] = to
		}
	}
	if len(moved) == 0 {
		return nil
	}
	return moved
}

// gonePage is a page a save took away: its title, and the page it became
// when it moved (movedPages), else "".
type gonePage struct{ title, to string }

// gonePages returns prev's gone pages, less those next has again (the
// deletion undone), with the pages prev's site had and next has not: a
// chapter deleted, or moved (followed by the page open there, but its old
// address may be opened again, from the history or a bookmark). Nil when
// there are none.
func gonePages(prev *snapshot, next *Site, moved map[string]string) map[string]gonePage {
	var out map[string]gonePage
	add := func(name string, g gonePage) {
		if out == nil {
			out = map[string]gonePage{}
		}
		out[name] = g
	}
	for name, g := range prev.gone {
		if _, back := next.Files[name]; back {
			continue
		}
		if _, still := next.Files[g.to]; !still {
			g.to = ""
		}
		add(name, g)
	}
	if prev.site != nil && !prev.draftless {
		for name, data := range prev.site.Files {
			if _, ok := next.Files[name]; !ok && strings.HasSuffix(name, "index.html") {
				add(name, gonePage{title: pageTitle(data), to: moved[name]})
			}
		}
	}
	return out
}

// pageTitle is a built page's heading: its <h1>'s text, else its
// <title>'s up to the site's name.
func pageTitle(page []byte) string {
	text := func(open, close string) string {
		i := bytes.Index(page, []byte(open))
		if i < 0 {
			return ""
		}
		rest := page[i+len(open):]
		if open == "<h1" {
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				return ""
			}
			rest = rest[j+1:]
		}
		j := bytes.Index(rest, []byte(close))
		if j < 0 {
			return ""
		}
		return strings.TrimSpace(html.UnescapeString(tagPattern.ReplaceAllString(string(rest[:j]), "")))
	}
	if t := text("<h1", "</h1>"); t != "" {
		return t
	}
	t, _, _ := strings.Cut(text("<title>", "</title>"), " · ")
	return t
}

// tagPattern matches an HTML tag, to read an element's text.
var tagPattern = regexp.MustCompile(`<[^>]*>`)

// searchQuiet is how long the sources must rest before the preview
// rebuilds a stale search index.
const searchQuiet = 700 * time.Millisecond

// indexLater builds a deferred search index and swaps it into the site if
// that build is still the one served.
func (s *Server) indexLater(id string, site *Site, pending func() (map[string][]byte, error)) {
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	if cur := s.current.Load(); cur == nil || cur.id != id {
		return
	}
	files, err := pending()
	if err != nil {
		fmt.Fprintln(s.cfg.ErrLog, "handbook: search index:", err)
		return
	}
	merged := make(map[string][]byte, len(site.Files)+len(files))
	for k, v := range site.Files {
		merged[k] = v
	}
	for k, v := range files {
		merged[k] = v
	}
	withIndex := &Site{Files: merged, BasePath: site.BasePath, Result: site.Result}
	// Swap only if no newer build arrived meanwhile, keeping what a failed
	// build since reported (it serves the same site).
	for {
		cur := s.current.Load()
		if cur == nil || cur.id != id {
			return
		}
		next := &snapshot{id: id, site: withIndex, draftless: cur.draftless, problems: cur.problems, warnings: cur.warnings, gone: cur.gone}
		if s.current.CompareAndSwap(cur, next) {
			return
		}
	}
}

// report prints a failed build's problems and returns its errors for the
// pages, with its warnings; prev is what the server goes on serving. Of
// the warnings, those the terminal was not last shown are printed, before
// the errors; the last good build's stay as printed (a build stopped
// early finds fewer), so the fix does not print them all again.
func (s *Server) report(err error, prev *snapshot) ([]problem, diag.List) {
	list := diag.FromError(err)
	if list == nil {
		list = diag.List{{File: "handbook", Msg: err.Error()}}
	}
	shown := map[string]bool{}
	for _, l := range strings.Split(s.warnings, "\n") {
		shown[l] = true
	}
	var warned diag.List
	for _, d := range list {
		if d.Severity == diag.Warning {
			warned = append(warned, d)
			if !shown[d.String()] {
				fmt.Fprintln(s.cfg.ErrLog, d)
			}
		}
	}
	var probs []problem
	for _, d := range list {
		if d.Severity != diag.Error {
			continue
		}
		fmt.Fprintln(s.cfg.ErrLog, d)
		probs = append(probs, problem{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg, Hint: d.Hint, Text: d.String()})
	}
	still := "still serving the last good build"
	switch {
	case prev.site == nil:
		still = "nothing to serve yet"
	case prev.draftless:
		still = "serving the published revisions without the working copy, whose pages (/draft/) show these errors"
	}
	fmt.Fprintf(s.cfg.ErrLog, "handbook: build failed with %d error(s) — %s; it rebuilds on save\n", len(probs), still)
	return probs, warned
}

func (s *Server) summary(site *Site, changed []string, elapsed time.Duration) {
	res := site.Result
	if res != nil {
		var w strings.Builder
		for _, d := range res.Warnings {
			w.WriteString(d.String())
			w.WriteByte('\n')
		}
		if w.String() != s.warnings {
			fmt.Fprint(s.cfg.ErrLog, w.String())
			s.warnings = w.String()
		}
	}
	verb := "built"
	if changed != nil {
		verb = "rebuilt"
	}
	line := "handbook: " + verb
	if res != nil {
		line += fmt.Sprintf(" %d pages (%d files)", res.Pages, res.Files)
	} else {
		line += fmt.Sprintf(" %d files", len(site.Files))
	}
	line += " in " + elapsed.Round(time.Millisecond).String()
	if len(changed) > 0 {
		what := s.watch.display(changed[0])
		if changed[0] == "" {
			what = "unknown changes"
		}
		if len(changed) > 1 {
			what += fmt.Sprintf(" and %d more", len(changed)-1)
		}
		line += " (" + what + ")"
	}
	fmt.Fprintln(s.cfg.Log, line)
}

// stylesheets lists the URLs of the build's CSS files.
func stylesheets(site *Site) []string {
	var out []string
	for name := range site.Files {
		if strings.HasPrefix(name, "assets/") && strings.HasSuffix(name, ".css") {
			out = append(out, site.BasePath+name)
		}
	}
	return out
}

// hello is the first message a page gets on the live-reload channel.
func (s *Server) hello() []byte {
	snap := s.current.Load()
	return event("hello", message{Build: snap.id, Errors: snap.problems, Warnings: snap.warnings, Draftless: snap.draftless})
}
