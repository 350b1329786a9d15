package serve

import (
	"bytes"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
)

// Paths of the server's own files, outside any site.
const (
	eventsPath  = "/__handbook/events"
	scriptPath  = "/__handbook/livereload.js"
	channelPath = "/__handbook/channel.js"
	overlayPath = "/__handbook/overlay.css"
)

var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".svg":         "image/svg+xml",
	".wasm":        "application/wasm",
	".txt":         "text/plain; charset=utf-8",
	".xml":         "application/xml",
	".webmanifest": "application/manifest+json",
	".ico":         "image/x-icon",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
	".csv":         "text/csv; charset=utf-8",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// ServeHTTP serves the server's own files, the live-reload channel and
// the latest good build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !s.hostAllowed(r.Host) {
		// Not a 404 page with live reload: the page would be the site's.
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusMisdirectedRequest)
		_, _ = w.Write([]byte("handbook serve: this preview answers only to " + s.ln.Addr().String() + " or localhost, not to " + r.Host + "\n"))
		return
	}
	p, ok := cleanPath(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	switch p {
	case eventsPath:
		s.hub.serve(w, r, s.hello)
		return
	case scriptPath:
		s.serveBytes(w, r, p, s.script, "no-cache")
		return
	case channelPath:
		s.serveBytes(w, r, p, s.channel, "no-cache")
		return
	case overlayPath:
		s.serveBytes(w, r, p, overlayCSS, "no-cache")
		return
	}
	if strings.HasPrefix(p, "/__handbook/") {
		s.notFound(w, r)
		return
	}
	snap := s.current.Load()
	if snap.site == nil {
		s.servePlaceholder(w, snap)
		return
	}
	base := snap.site.BasePath
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	rel := p[len(base):]
	if snap.draftless && (rel == "" || rel == "draft" || strings.HasPrefix(rel, "draft/")) {
		// The working copy failed before any good build: its pages are
		// the problems, and the site's root opens them, as it opens the
		// working copy (below).
		if rel == "" {
			redirectKeepingQuery(w, r, base+"draft/", http.StatusFound)
			return
		}
		s.servePlaceholder(w, snap)
		return
	}
	if rel == "" {
		// The preview opens on the working copy, what the admin edits: the
		// site's root leads to /latest/, the published revision, where no
		// save shows. /latest/ stays a click away (the version menu).
		if _, ok := snap.site.Files["draft/index.html"]; ok {
			redirectKeepingQuery(w, r, base+"draft/", http.StatusFound)
			return
		}
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := snap.site.Files[name]
	if !ok {
		// A folder asked for without its slash: send the browser to it, so
		// the page's relative links resolve.
		if _, dir := snap.site.Files[rel+"/index.html"]; dir && rel != "" {
			redirectKeepingQuery(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		if g, ok := snap.gone[name]; ok {
			s.goneNotice(w, r, snap, name, g)
			return
		}
		s.notFound(w, r)
		return
	}
	if path.Base(name) == "sw.js" {
		// The preview keeps no service worker (see retireWorker).
		s.serveBytes(w, r, name, []byte(retireWorker), "no-store")
		return
	}
	cache := "no-store"
	if strings.HasPrefix(name, "assets/") {
		cache = "public, max-age=31536000, immutable" // content-hashed names
	}
	if path.Ext(name) == ".html" {
		data = inject(data, snap.id, name)
	}
	s.serveBytes(w, r, name, data, cache)
}

// hostAllowed reports whether a request's Host names this computer's
// loopback interface, when that is where the server listens (the
// default). A web page the admin visits can point its own name at
// 127.0.0.1 after it has loaded (DNS rebinding); the browser then treats
// the preview as that page's own site, and the page could read every
// draft and the live-reload channel, CORS or not. Such a request still
// carries the page's name in Host, and is refused. A server listening on
// other interfaces (-addr :1313) is reached by names this one cannot
// know, and answers every Host.
func (s *Server) hostAllowed(host string) bool {
	if s.ln == nil {
		return true
	}
	if a, ok := s.ln.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

// cleanPath returns the request's path if it names something inside the
// site: no "." or ".." segments (however encoded), no empty segments, no
// encoded slashes or backslashes, no NUL. Anything else is not found —
// the build is a map, so nothing could escape it, but a request that
// tries is answered the same as any missing file.
func cleanPath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i < len(segs)-1 {
			return "", false
		}
	}
	return p, true
}

func (s *Server) serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, cache string) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, data))
	h.Set("Cache-Control", cache)
	http.ServeContent(w, r, "", zeroTime, bytes.NewReader(data))
}

// retireWorker is what the preview serves for an edition's sw.js. The
// published site's worker would cache the working copy, fetch all of it
// again after every save (each save changes its list of files), and show
// the last cached draft once the preview stops, as if it still ran. The
// pages here do not register it (inject drops their service-worker
// meta); a worker installed earlier on this address (a published build
// served here, an older preview) finds this one when the browser looks
// for an update, and it removes itself and the handbook's caches.
const retireWorker = `// handbook serve: the preview keeps no service worker.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (ev) => {
  ev.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith("handbook:")) await caches.delete(k);
    await self.registration.unregister();
  })());
});
`

// viewportMeta lays the server's own pages out at a phone's width.
const viewportMeta = `<meta name="viewport" content="width=device-width, initial-scale=1">`

// workerMeta is the tag by which a page registers its edition's worker.
var workerMeta = []byte(`<meta name="service-worker"`)

// inject adds the live-reload script and the overlay's stylesheet to a
// page, as same-origin files the page's CSP allows, with the build the
// page comes from (so a page that loaded during a rebuild reloads) and
// the build's file it is (so it reloads only when that file changed; ""
// for a page that is not one, e.g. a 404: it reloads on every build).
func inject(page []byte, build, name string) []byte {
	if i := bytes.Index(page, workerMeta); i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			page = append(append([]byte{}, page[:i]...), page[i+j+1:]...)
		}
	}
	tags := `<meta name="handbook-serve-build" content="` + html.EscapeString(build) + `">` +
		`<meta name="handbook-serve-page" content="` + html.EscapeString(name) + `">` +
		`<link rel="stylesheet" href="` + overlayPath + `">` +
		`<script type="module" src="` + scriptPath + `"></script>`
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = bytes.Index(bytes.ToLower(page), []byte("</head>"))
	}
	if i < 0 {
		return append(append([]byte{}, page...), tags...)
	}
	out := make([]byte, 0, len(page)+len(tags))
	out = append(out, page[:i]...)
	out = append(out, tags...)
	return append(out, page[i:]...)
}

// notFound answers with the site's 404.html if it has one, else a small
// page; either way with live reload, so a page created later shows up.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	snap := s.current.Load()
	page := []byte(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` + viewportMeta + `<title>404 找不到页面</title></head><body><h1>404</h1><p>找不到此页面。</p></body></html>`)
	if snap.site != nil {
		if p, ok := snap.site.Files["404.html"]; ok {
			page = p
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject(page, snap.id, ""))
	}
}

// servePlaceholder answers while there is no good build yet: the first
// build is running, or it failed (the overlay then lists why); and at the
// working copy's addresses while the published revisions are served
// without it (snapshot.draftless), with a link to them.
func (s *Server) servePlaceholder(w http.ResponseWriter, snap *snapshot) {
	msg := "正在构建…"
	if len(snap.problems) > 0 {
		var b strings.Builder
		b.WriteString("构建失败：\n")
		for _, p := range snap.problems {
			b.WriteString(p.Text)
			b.WriteByte('\n')
		}
		msg = b.String()
	}
	published := ""
	if snap.draftless {
		latest := html.EscapeString(snap.site.BasePath + "latest/")
		changelog := html.EscapeString(snap.site.BasePath + "changelog/")
		published = `<p class="handbook-serve-placeholder">工作副本有错误，还没有成功构建过；改正后本页会自动刷新。已发布的版本照常可读：<a href="` + latest + `">现行版本</a>、<a href="` + changelog + `">修订记录</a>。</p>`
	}
	// Readable on a phone: laid out at its width, each error wrapped
	// (overlay.css); without either the page was as wide as its longest
	// line, its text and the overlay shrunk to fit.
	page := `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` + viewportMeta + `<title>handbook serve</title></head><body><pre class="handbook-serve-placeholder">` +
		html.EscapeString(msg) + `</pre>` + published + `</body></html>`
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write(inject([]byte(page), snap.id, ""))
}

// redirectKeepingQuery sends the browser to target with the request's
// query string, which the page it asked for reads (?q= of a search).
func redirectKeepingQuery(w http.ResponseWriter, r *http.Request, target string, code int) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, code)
}

// goneNotice answers at the address of a page a save took away (deleted,
// or renamed with its file or slug) with what happened, where the site's
// 404 page said the address may have been mistyped (可能是地址输错了) of
// a chapter the admin had open a moment before. It reloads with every
// build, as the 404 does, so a deletion undone shows the page again.
func (s *Server) goneNotice(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, g gonePage) {
	base := snap.site.BasePath
	addr := func(file string) string { return html.EscapeString(base + strings.TrimSuffix(file, "index.html")) }
	what := "此页"
	if g.title != "" {
		what = "「" + html.EscapeString(g.title) + "」"
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` + viewportMeta + `<title>此页已不在工作副本中</title></head><body><div class="handbook-serve-placeholder">`)
	b.WriteString(`<h1>此页已不在工作副本中</h1>`)
	if g.to != "" {
		b.WriteString(`<p>` + what + `原在这个地址；工作副本中它的文件或 slug 改了名，它现在的地址是 <a href="` + addr(g.to) + `">` + addr(g.to) + `</a>。</p>`)
	} else {
		b.WriteString(`<p>` + what + `原在这个地址；工作副本中它的文件已被删除或改名（地址随文件名或 slug 改变）。</p>`)
		b.WriteString(`<p>若是误删，把文件恢复（例如 git checkout -- 文件名）后，本页会自动显示。</p>`)
	}
	if _, rest, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(name, "draft/") {
		if _, published := snap.site.Files["latest/"+rest]; published {
			b.WriteString(`<p>现行版本中的这一页照常可读：<a href="` + addr("latest/"+rest) + `">` + addr("latest/"+rest) + `</a>。</p>`)
		}
	}
	home := "latest/"
	if _, ok := snap.site.Files["draft/index.html"]; ok {
		home = "draft/"
	}
	b.WriteString(`<p><a href="` + addr(home) + `">回到目录</a></p></div></body></html>`)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject([]byte(b.String()), snap.id, ""))
	}
}
