package build

import (
	"html"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"handbook/generator/content"
	"handbook/generator/markdown"
)

// navCache renders the sidebar of an edition root. Every page of a section
// shares the same list but for which link is marked current, so each
// section's links are rendered once and a page's sidebar is a
// concatenation: a 10,000-page tree does not run the template for a
// million links.
type navCache struct {
	tree    *content.Tree
	rootURL string
	mu      sync.Mutex
	items   map[*content.Section][]string // rendered <li> of each child, not current

	foldersOnce sync.Once
	folders     map[string]*content.Section // by Path
	parents     map[*content.Section]*content.Section
	chainMu     sync.Mutex
	chains      map[*content.Section][32]byte
	keys        map[*content.Section][]byte // sectionKey's
}

func newNavCache(t *content.Tree, rootURL string) *navCache {
	return &navCache{tree: t, rootURL: rootURL, items: map[*content.Section][]string{}}
}

func (n *navCache) link(e content.Entry, current bool) string {
	var title, url string
	if e.Page != nil {
		title, url = e.Page.NavTitle(), n.rootURL+e.Page.URL
	} else {
		title, url = e.Section.NavTitle(), n.rootURL+e.Section.URL()
	}
	var b strings.Builder
	if current {
		b.WriteString(`<li class="current"><a href="`)
	} else {
		b.WriteString(`<li><a href="`)
	}
	b.WriteString(html.EscapeString(url))
	b.WriteByte('"')
	if current {
		b.WriteString(` aria-current="page"`)
	}
	b.WriteByte('>')
	b.WriteString(html.EscapeString(title))
	b.WriteString("</a>")
	return b.String()
}

func (n *navCache) rendered(sec *content.Section) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if items, ok := n.items[sec]; ok {
		return items
	}
	es := sec.Entries()
	items := make([]string, len(es))
	for i, e := range es {
		items[i] = n.link(e, false) + "</li>\n"
	}
	n.items[sec] = items
	return items
}

// tocHTML is a page's outline as nested lists: a level 3 heading's entry
// in a list inside its level 2 heading's entry. Made here, not by the
// template: its loop (comparisons, variables and three escapers an
// entry, each a call through reflection) was two fifths of a page's
// template time, 0.3 s of CPU over 10,000 pages. Escaped as the
// template escaped it (html/template's own escapers).
func tocHTML(toc []markdown.Heading) template.HTML {
	if len(toc) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<ol>")
	open := false
	for i, h := range toc {
		switch {
		case h.Level > 2 && i > 0 && !open:
			b.WriteString("<ol>")
			open = true
		case h.Level <= 2 && open:
			b.WriteString("</li></ol></li>")
			open = false
		case i > 0:
			b.WriteString("</li>")
		}
		b.WriteString("\n        <li class=\"toc-h")
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString("\"><a href=\"#")
		fragmentEscape(&b, h.ID)
		b.WriteString("\">")
		textEscape(&b, h.Text)
		b.WriteString("</a>")
	}
	if open {
		b.WriteString("</li></ol>")
	}
	b.WriteString("</li>\n      </ol>")
	return template.HTML(b.String())
}

// fragmentEscape writes s as html/template writes a value after the # of
// an href: every byte but letters, digits and -._~ as %xx, in lower case.
func fragmentEscape(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// textEscape writes s as html/template writes a string in text: its
// escapes, &#43; for + included (text/template's HTMLEscapeString has
// not that one).
func textEscape(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
}

// HTML is the sidebar for a page (nil for the edition's own pages): the
// top level, and expanded, the sections that hold the current page.
func (n *navCache) HTML(current *content.Page) template.HTML {
	var b strings.Builder
	b.Grow(n.size(n.tree.Root, current))
	n.write(&b, n.tree.Root, current)
	return template.HTML(b.String())
}

// WriteTo writes the sidebar HTML returns to b.
func (n *navCache) WriteTo(b io.StringWriter, current *content.Page) {
	n.write(b, n.tree.Root, current)
}

// Size is about the length of the sidebar HTML returns.
func (n *navCache) Size(current *content.Page) int { return n.size(n.tree.Root, current) }

func (n *navCache) write(b io.StringWriter, sec *content.Section, current *content.Page) {
	b.WriteString(`<ol class="nav-list">` + "\n")
	items := n.rendered(sec)
	for i, e := range sec.Entries() {
		isCur := current != nil && (e.Page == current || e.Section != nil && e.Section.Index == current)
		open := current != nil && e.Section != nil && (current.Section == e.Section.Path || strings.HasPrefix(current.Section, e.Section.Path+"/"))
		if !isCur && !open {
			b.WriteString(items[i])
			continue
		}
		b.WriteString(n.link(e, isCur))
		if open {
			n.write(b, e.Section, current)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>")
}

// size is about the length of what write writes, so that a sidebar is
// built in one allocation: a few hundred pages' sidebars of 10 KB each
// grown by doubling made a fifth of a large build's garbage.
func (n *navCache) size(sec *content.Section, current *content.Page) int {
	size := 64
	for _, it := range n.rendered(sec) {
		size += len(it)
	}
	if current != nil {
		for _, c := range sec.Sections {
			if current.Section == c.Path || strings.HasPrefix(current.Section, c.Path+"/") {
				size += 64 + n.size(c, current)
			}
		}
	}
	return size
}

// Key identifies a page's sidebar without rendering it, together with
// the page's URL (which the caller hashes: it marks the current link): the
// keys of the sections the sidebar shows, the top level and those that
// hold the page. They depend only on the page's folder, so they are worked
// out once per folder, and only for the folders of the pages that ask: a
// rebuild that renders one page of 10,000 hashes the sidebar entries of
// its own sections, not every section's (a twentieth of its CPU).
func (n *navCache) Key(current *content.Page) []byte {
	n.foldersOnce.Do(n.mapFolders)
	sec := n.tree.Root
	if current != nil {
		if s, ok := n.folders[current.Section]; ok {
			sec = s
		}
	}
	n.chainMu.Lock()
	k, ok := n.chains[sec]
	n.chainMu.Unlock()
	if !ok {
		// The keys of the sections from the top down to the folder.
		var path []*content.Section
		for s := sec; s != nil; s = n.parents[s] {
			path = append(path, s)
		}
		h := newHasher()
		for i := len(path) - 1; i >= 0; i-- {
			h.bytes(n.sectionKey(path[i]))
		}
		k = h.sum()
		n.chainMu.Lock()
		n.chains[sec] = k
		n.chainMu.Unlock()
	}
	return k[:]
}

// mapFolders finds every folder's section by its path, and its parent.
func (n *navCache) mapFolders() {
	n.folders = map[string]*content.Section{}
	n.parents = map[*content.Section]*content.Section{}
	n.chains = map[*content.Section][32]byte{}
	n.keys = map[*content.Section][]byte{}
	var walk func(sec *content.Section)
	walk = func(sec *content.Section) {
		n.folders[sec.Path] = sec
		for _, c := range sec.Sections {
			n.parents[c] = sec
			walk(c)
		}
	}
	walk(n.tree.Root)
}

func (n *navCache) sectionKey(sec *content.Section) []byte {
	n.chainMu.Lock()
	k, ok := n.keys[sec]
	n.chainMu.Unlock()
	if ok {
		return k
	}
	h := newHasher()
	for _, it := range n.rendered(sec) {
		h.str(it)
	}
	sum := h.sum()
	n.chainMu.Lock()
	n.keys[sec] = sum[:]
	n.chainMu.Unlock()
	return sum[:]
}
