package build

import (
	"unicode/utf8"

	"handbook/generator/content"
	"handbook/generator/markdown"
	"handbook/generator/search"
)

// searchJob makes one edition root's search index while its pages render.
// The index is, in order of preference: the previous build's, kept as it
// is (nothing it is made from changed); a delta over the last full index
// (a build with a cache on disk where a few pages changed: only those
// are indexed, the full index's files stay as they are); or a full index.
type searchJob struct {
	done  chan struct{}     // closed when the index is written
	files map[string][]byte // to write, under the root
	kept  []string          // files of the previous build that stay
	names []string          // all of them, once written
	bytes int               // the whole index's size
	err   error
}

// write puts the index into the output as soon as it is made, while the
// pages are still rendering.
func (j *searchJob) write(s *siteRender, root string) {
	if j.err != nil {
		return
	}
	for _, name := range j.kept {
		if j.err = s.reuse(root+name, nil); j.err != nil {
			return
		}
		j.names = append(j.names, name)
	}
	for name, data := range j.files {
		if j.err = s.out.WriteFile(root+name, data); j.err != nil {
			return
		}
		j.names = append(j.names, name)
	}
}

// A delta indexes at most one page in deltaShare (and drops at most one
// in deletedShare of the base's) before a full index is made again:
// queries read both parts, and deleted docs still sit in the base's files.
const (
	deltaShare   = 20
	deletedShare = 10
)

func (s *siteRender) startSearch(ed *edition, root, rootURL string) *searchJob {
	j := &searchJob{done: make(chan struct{})}
	skey, keys := searchKeys(ed, rootURL)
	files, kept, ok := s.cache.searchIndex(root, skey)
	if !ok && s.searchLater {
		if stale, sok := s.cache.staleSearch(root); sok {
			files, ok = stale, true
			s.pending = append(s.pending, func() (map[string][]byte, error) {
				docs, _ := searchDocs(ed, rootURL, nil)
				fresh, err := search.Build(docs, search.Options{})
				if err != nil {
					return nil, err
				}
				s.cache.storeSearch(root, skey, fresh)
				out := make(map[string][]byte, len(fresh))
				for name, data := range fresh {
					out[root+name] = data
				}
				return out, nil
			})
		}
	}
	if ok {
		j.files, j.kept = files, kept
		j.bytes = filesBytes(files)
		if files == nil {
			j.bytes = s.cache.searchBytes(root)
		}
		go func() {
			defer close(j.done)
			j.write(s, root)
		}()
		return j
	}
	go func() {
		defer close(j.done)
		defer func() { j.write(s, root) }()
		// A base is only good for the URLs its docs were made with.
		if base := s.cache.searchBase(root); base != nil && base.rootURL == rootURL {
			changed, deleted, deletedLen, ok := planDelta(ed, base, keys)
			if ok && len(changed) == 0 && len(deleted) == 0 {
				// Back to the base's own text: the base as it was built.
				j.files, j.kept, j.bytes = map[string][]byte{searchMeta: base.meta}, base.names, base.bytes
				s.cache.putSearch(root, skey, j.files, base, j.bytes)
				return
			}
			if ok {
				docs, _ := searchDocs(ed, rootURL, changed)
				files, err := search.BuildDelta(base.meta, deleted, docs, search.Options{DeletedLen: deletedLen})
				if err != nil {
					j.err = err
					return
				}
				j.files, j.kept = files, base.names
				j.bytes = base.bytes - len(base.meta) + filesBytes(files)
				s.cache.putSearch(root, skey, files, base, j.bytes)
				return
			}
		}
		docs, ranges := searchDocs(ed, rootURL, nil)
		files, err := search.Build(docs, search.Options{})
		if err != nil {
			j.err = err
			return
		}
		j.files, j.bytes = files, filesBytes(files)
		var base *searchBase
		if s.cache != nil && s.cache.onDisk {
			base = newSearchBase(ed, rootURL, files, docs, ranges, keys)
		}
		s.cache.putSearch(root, skey, files, base, j.bytes)
	}()
	return j
}

// searchBase is the last full index of an edition root, as a delta needs
// it: its meta.json, its other files (which a delta leaves as they are)
// and, for each page, what its docs were made from and their numbers.
type searchBase struct {
	rootURL string // what its docs' URLs start with
	meta    []byte
	names   []string
	bytes   int
	pages   map[string]basePage // by page URL
}

type basePage struct {
	key      [32]byte // see searchKeys
	from, to int      // its docs in the index
	textLen  int      // their texts' length in code points
}

const searchMeta = "search/meta.json"

func newSearchBase(ed *edition, rootURL string, files map[string][]byte, docs []search.Doc, ranges []search.Range, keys [][32]byte) *searchBase {
	b := &searchBase{rootURL: rootURL, meta: files[searchMeta], bytes: filesBytes(files), pages: make(map[string]basePage, len(ranges))}
	for name := range files {
		if name != searchMeta {
			b.names = append(b.names, name)
		}
	}
	for i, p := range ed.tree.Pages {
		n := 0
		for _, d := range docs[ranges[i].From:ranges[i].To] {
			n += utf8.RuneCountInString(d.Text)
		}
		b.pages[p.URL] = basePage{key: keys[i], from: ranges[i].From, to: ranges[i].To, textLen: n}
	}
	return b
}

// planDelta lists the pages whose docs differ from the base's and the
// base's docs no query may return now (changed and deleted pages). ok is
// false when so much changed that a full index is due.
func planDelta(ed *edition, base *searchBase, keys [][32]byte) (changed []*content.Page, deleted []search.Range, deletedLen int, ok bool) {
	present := make(map[string]bool, len(ed.tree.Pages))
	for i, p := range ed.tree.Pages {
		present[p.URL] = true
		bp, had := base.pages[p.URL]
		if had && bp.key == keys[i] {
			continue
		}
		changed = append(changed, p)
		if had {
			deleted = append(deleted, search.Range{From: bp.from, To: bp.to})
			deletedLen += bp.textLen
		}
	}
	for url, bp := range base.pages {
		if !present[url] {
			deleted = append(deleted, search.Range{From: bp.from, To: bp.to})
			deletedLen += bp.textLen
		}
	}
	return changed, deleted, deletedLen, len(changed) <= max(8, len(ed.tree.Pages)/deltaShare) &&
		len(deleted) <= max(8, len(base.pages)/deletedShare)
}

// searchKeys identifies what each page's search docs are made from (its
// URL, title and source), in reading order, and by them all the edition
// root's index.
func searchKeys(ed *edition, rootURL string) (root [32]byte, pages [][32]byte) {
	h := newHasher().str(rootURL)
	pages = make([][32]byte, len(ed.tree.Pages))
	for i, p := range ed.tree.Pages {
		sum := ed.docs[p].SourceSum()
		pages[i] = newHasher().str(p.URL).str(titleOf(ed.tree, p)).bytes(sum[:]).sum()
		h.bytes(pages[i][:])
	}
	return h.sum(), pages
}

// searchDocs turns the clauses of an edition's pages (all, or only those
// listed) into search documents, and gives each page's range of them.
func searchDocs(ed *edition, rootURL string, only []*content.Page) ([]search.Doc, []search.Range) {
	pages := ed.tree.Pages
	if only != nil {
		pages = only
	}
	// A page from the disk cache has no clauses and is parsed again for
	// them: on every core.
	clauses := make([][]markdown.Clause, len(pages))
	_ = parallel(len(pages), func(i int) error {
		// Its links as the page renders them (an error shows when the
		// page renders).
		_ = ensureLinks(ed, pages[i])
		clauses[i] = ed.docs[pages[i]].Clauses()
		return nil
	})
	n := len(pages)
	for _, cs := range clauses {
		n += len(cs)
	}
	docs := make([]search.Doc, 0, n)
	ranges := make([]search.Range, len(pages))
	for i, p := range pages {
		from := len(docs)
		title := markdown.Typeset(titleOf(ed.tree, p))
		docs = append(docs, search.Doc{URL: rootURL + p.URL, Chapter: title, Heading: title, Level: 1})
		for _, c := range clauses[i] {
			lvl := c.Level
			if lvl == 7 {
				lvl = 4
			}
			// Snippets read as the page does: with its Chinese punctuation
			// (one character for one, so match offsets are unchanged).
			docs = append(docs, search.Doc{URL: rootURL + p.URL, Chapter: title, Heading: markdown.Typeset(c.Heading), Anchor: c.ID, Level: lvl,
				Text: markdown.Typeset(c.Text)})
		}
		ranges[i] = search.Range{From: from, To: len(docs)}
	}
	return docs, ranges
}
