package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"path"
	"sort"
	"sync"
	"time"

	"handbook/generator/assets"
	"handbook/generator/content"
	"handbook/generator/markdown"
)

// Cache carries work from one build to the next: parsed pages keyed by
// their source, rendered pages keyed by everything they are made from, and
// search indexes keyed by their documents. The preview server keeps one,
// so saving one page of 10,000 parses and renders that page and what
// depends on it (its section's sidebar, the pages linking to it), not the
// whole site. A Cache is safe for one build at a time.
type Cache struct {
	mu     sync.Mutex
	docs   map[docKey]*markdown.Doc
	pages  map[string]cachedPage
	search map[string]cachedSearch
	// next collects what this build used, so entries of deleted pages do
	// not pile up.
	nextDocs   map[docKey]*markdown.Doc
	nextPages  map[string]cachedPage
	nextSearch map[string]cachedSearch
	// worlds are the keys of what every page of an edition (or root) can
	// see of the others, see editionWorld; a page whose source and world
	// are the last build's is kept without working out its key.
	worlds, nextWorlds map[string][32]byte
	// The theme's last bundle and the key of the theme files it was made
	// from (see themeBundle).
	bundled, nextBundled *keyedBundle
	// onDisk: loaded by LoadCache. Its pages and search indexes have keys
	// but no bytes (the bytes are in the output folder, which must be
	// written with an output that can keep files), and its pages' facts
	// are in facts until a build asks for them.
	onDisk   bool
	sources  map[string]cachedSource // the draft's page files, by path
	facts    map[docKey]markdown.Facts
	factsAt  map[docKey][2]int // where they are in the blob (offset, length)
	blobName string            // the blob the cache was loaded with, see diskState
	blobSize int
	// This build's draft tree, whose page files the next build may reuse,
	// and their sums (those of reused pages known without hashing them
	// again). The list of them is worked out when it is needed, by the
	// save (see settleSources), not on a rebuild's path: after a build,
	// sourceTree is the tree and sourceBase the sources it was loaded with.
	nextSourceTree, sourceTree *content.Tree
	sourceBase                 map[string]cachedSource
	sums                       map[*content.Page][32]byte
	began                      time.Time
	// Stats of the last build, for tests and the server's summary line.
	Parsed, Reused, Rendered, Kept int
	Bundled                        bool // esbuild ran
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// NewDiskCache returns an empty cache meant for SaveCache: it keeps the
// keys of rendered pages and search indexes but not their bytes, which
// go to the output folder.
func NewDiskCache() *Cache { return &Cache{onDisk: true} }

type docKey struct {
	file  string
	sum   [32]byte
	trust bool
}

type cachedPage struct {
	key  [32]byte
	data []byte
}

type cachedSearch struct {
	key   [32]byte
	files map[string][]byte
	names []string // the files' names, when loaded from disk without them
	bytes int      // their size in all
	base  *searchBase
}

// searchBytes is the size of an edition root's index in this build.
func (c *Cache) searchBytes(root string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nextSearch[root].bytes
}

func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// Sized as the last build's: a rebuild of 10,000 pages otherwise
	// spends a tenth of its CPU growing these maps.
	// A cache loaded from disk has its pages' facts, not yet their Docs.
	c.nextDocs = make(map[docKey]*markdown.Doc, max(len(c.docs), len(c.facts)))
	c.settleSources()
	c.nextSourceTree = nil
	c.began = time.Now()
	c.sums = make(map[*content.Page][32]byte, len(c.sources))
	c.nextPages = make(map[string]cachedPage, len(c.pages))
	c.nextWorlds = map[string][32]byte{}
	c.nextBundled = nil
	c.nextSearch = map[string]cachedSearch{}
	c.Parsed, c.Reused, c.Rendered, c.Kept = 0, 0, 0, 0
	c.Bundled = true
}

// commit keeps what a successful build used. A failed build keeps the
// previous entries: the next attempt starts from the last good build.
func (c *Cache) commit() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs, c.pages, c.search = c.nextDocs, c.nextPages, c.nextSearch
	c.sourceTree, c.sourceBase = c.nextSourceTree, c.sources
	c.sources = nil
	c.worlds = c.nextWorlds
	c.bundled = c.nextBundled
}

func (c *Cache) doc(ed *edition, p *content.Page, trust bool) (docKey, *markdown.Doc) {
	// Keyed by the file's place in the source tree, not by how it is shown
	// (that depends on the folder handbook runs in).
	k := docKey{file: path.Join(ed.srcKey, p.File), sum: c.sumOf(p), trust: trust}
	if c == nil {
		return k, nil
	}
	// The lock is held for the lookups only: pages are prepared on every
	// core, and making their Docs under it made them wait in turn.
	c.mu.Lock()
	d, ok := c.docs[k]
	f, hasFacts := markdown.Facts{}, false
	if !ok {
		f, hasFacts = c.facts[k]
	}
	if !ok && !hasFacts {
		c.Parsed++
		c.mu.Unlock()
		return k, nil
	}
	c.Reused++
	c.mu.Unlock()
	file := ed.display(p)
	if !ok {
		d = engine(trust).FromFacts(file, p.Source, p.BodyOffset, k.sum, f)
	}
	fork := d.Fork()
	fork.File = file
	c.mu.Lock()
	c.nextDocs[k] = d
	c.mu.Unlock()
	return k, fork
}

func (c *Cache) putDoc(k docKey, d *markdown.Doc) {
	if c == nil {
		return
	}
	f := d.Fork()
	if c.onDisk {
		// Saved as facts, which leave clauses out (markdown.Facts): kept
		// here until the save, they held a copy of every page's text.
		f.DropClauses()
	}
	c.mu.Lock()
	c.nextDocs[k] = f
	c.mu.Unlock()
}

type keyedBundle struct {
	key    [32]byte
	bundle *assets.Bundle
}

// bundle returns the last successful build's theme bundle if it was made
// from the theme files hashing to key, and keeps it for the next build.
func (c *Cache) bundle(key [32]byte) *assets.Bundle {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bundled == nil || c.bundled.key != key {
		return nil
	}
	c.nextBundled = c.bundled
	c.Bundled = false
	return c.bundled.bundle
}

func (c *Cache) putBundle(key [32]byte, b *assets.Bundle) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextBundled = &keyedBundle{key, b}
}

// world returns the last successful build's world of name, and records
// this build's, kept if this build succeeds.
func (c *Cache) world(name string, now [32]byte) (last [32]byte, ok bool) {
	if c == nil {
		return last, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	last, ok = c.worlds[name]
	c.nextWorlds[name] = now
	return last, ok
}

// keptPage is a page the last build made: its bytes (nil when the cache
// keeps only keys) and whether there is one.
type keptPage struct {
	data []byte
	ok   bool
}

// lastPages keeps pages as the last successful build made them, whatever
// their keys: for pages whose source and world are unchanged (see
// keepPages), all under one lock. A page that build did not make is not ok.
func (c *Cache) lastPages(names []string) []keptPage {
	out := make([]keptPage, len(names))
	if c == nil {
		return out
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, name := range names {
		if p, ok := c.pages[name]; ok {
			c.nextPages[name] = p
			c.Kept++
			out[i].data, out[i].ok = p.data, true
		}
	}
	return out
}

func (c *Cache) page(name string, key [32]byte) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.pages[name]; ok && p.key == key {
		c.nextPages[name] = p
		c.Kept++
		return p.data, true
	}
	c.Rendered++
	return nil, false
}

// keepsPages reports whether the cache keeps the bytes of the pages put
// into it (in memory, for the preview), so they must not be reused.
func (c *Cache) keepsPages() bool { return c != nil && !c.onDisk }

func (c *Cache) putPage(name string, key [32]byte, data []byte) {
	if c == nil {
		return
	}
	if c.onDisk {
		data = nil
	}
	c.mu.Lock()
	c.nextPages[name] = cachedPage{key, data}
	c.mu.Unlock()
}

// searchIndex returns the index of an edition root if its key is
// unchanged: its files, or (loaded from disk) only their names.
func (c *Cache) searchIndex(root string, key [32]byte) (map[string][]byte, []string, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.search[root]; ok && s.key == key {
		c.nextSearch[root] = s
		return s.files, s.names, true
	}
	return nil, nil, false
}

// putSearch records an edition root's index: its files (a delta's, with
// the base's other files kept in the output) and the last full index a
// later delta builds on.
func (c *Cache) putSearch(root string, key [32]byte, files map[string][]byte, base *searchBase, bytes int) {
	if c == nil {
		return
	}
	e := cachedSearch{key: key, files: files, bytes: bytes, base: base}
	if c.onDisk {
		seen := map[string]bool{}
		for name := range files {
			seen[name] = true
			e.names = append(e.names, name)
		}
		if base != nil {
			for _, name := range base.names {
				if !seen[name] {
					e.names = append(e.names, name)
				}
			}
		}
		sort.Strings(e.names)
		e.files = nil
	}
	c.mu.Lock()
	c.nextSearch[root] = e
	c.mu.Unlock()
}

// searchBase is the last full index of an edition root, if the cache
// keeps one (a cache on disk does).
func (c *Cache) searchBase(root string) *searchBase {
	if c == nil || !c.onDisk {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.search[root].base
}

func filesBytes(files map[string][]byte) int {
	n := 0
	for _, b := range files {
		n += len(b)
	}
	return n
}

// cachedSource is a page file as the last build read and parsed it.
type cachedSource struct {
	stamp content.Stamp
	page  content.Page
	sum   [32]byte
	at    int // offset of its bytes in the cache's blob, -1 if not there
}

// reusePage is content.LoadOptions.Reuse: the page parsed from a file
// with the same stamp, or nil.
func (c *Cache) reusePage(file string, st content.Stamp) *content.Page {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.sources[file]
	if !ok || s.stamp != st {
		return nil
	}
	p := s.page // a page of its own: trees are not shared between builds
	c.sums[&p] = s.sum
	return &p
}

// sumOf is the SHA-256 of a page's file.
func (c *Cache) sumOf(p *content.Page) [32]byte {
	if c != nil {
		c.mu.Lock()
		sum, ok := c.sums[p]
		c.mu.Unlock()
		if ok {
			return sum
		}
	}
	sum := sha256.Sum256(p.Source)
	if c != nil {
		c.mu.Lock()
		c.sums[p] = sum
		c.mu.Unlock()
	}
	return sum
}

// racyWindow: a file changed this close to the start of the build that
// read it is read again by the next build, whatever its stamp. File times
// have the kernel's clock tick as their grain, so a file saved again
// within the same tick, at the same size, keeps its stamp (git's "racy"
// entries are the same problem).
const racyWindow = 2 * time.Second

// noteSources records the draft tree, whose page files the next build
// may reuse (see settleSources).
func (c *Cache) noteSources(t *content.Tree) {
	if c == nil || !c.onDisk {
		return
	}
	c.mu.Lock()
	c.nextSourceTree = t
	c.mu.Unlock()
}

// settleSources works out, once after each build, the page files of its
// draft tree with their stamps, for the next build to reuse: all but
// those changed too recently to trust their stamp. A rebuild of 10,000
// pages did this on its path, 14 ms; now the save does, while the output
// is committed. c.mu must be held.
func (c *Cache) settleSources() {
	t, old := c.sourceTree, c.sourceBase
	if t == nil && old == nil {
		return
	}
	c.sourceTree, c.sourceBase = nil, nil
	c.sources = make(map[string]cachedSource, len(old))
	if t == nil {
		return
	}
	settled := c.began.Add(-racyWindow).UnixNano()
	for _, p := range t.Pages {
		st, ok := t.Stamps[p.File]
		if !ok || st.ModNs > settled || st.ChangeNs > settled || p.Warned {
			continue
		}
		sum, ok := c.sums[p]
		if !ok {
			sum = sha256.Sum256(p.Source)
		}
		at := -1
		if o, ok := old[p.File]; ok && o.stamp == st && o.sum == sum {
			at = o.at // the same bytes, already in the blob
		}
		c.sources[p.File] = cachedSource{stamp: st, page: *p, sum: sum, at: at}
	}
}

// hasher writes values into a hash for cache keys.
type hasher struct {
	h   hash.Hash
	buf []byte // a string's length and bytes, written to h in one call
}

func newHasher() *hasher { return &hasher{h: sha256.New()} }

// str hashes s with its length before it, so that "ab","c" and "a","bc"
// differ.
func (h *hasher) str(s string) *hasher {
	h.buf = binary.LittleEndian.AppendUint64(h.buf[:0], uint64(len(s)))
	h.buf = append(h.buf, s...)
	h.h.Write(h.buf)
	return h
}

// bytes hashes b as str hashes the same string.
func (h *hasher) bytes(b []byte) *hasher {
	h.buf = binary.LittleEndian.AppendUint64(h.buf[:0], uint64(len(b)))
	h.h.Write(h.buf)
	h.h.Write(b)
	return h
}

func (h *hasher) any(v any) *hasher { return h.str(fmt.Sprintf("%#v", v)) }

func (h *hasher) sum() [32]byte {
	var k [32]byte
	h.h.Sum(k[:0])
	return k
}

// staleSearch returns the previous build's index for an edition root,
// keeping it for the next build until a fresh one is stored.
func (c *Cache) staleSearch(root string) (map[string][]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.search[root]
	if ok {
		c.nextSearch[root] = s
	}
	return s.files, ok
}

// storeSearch records an index built after its build finished.
func (c *Cache) storeSearch(root string, key [32]byte, files map[string][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := cachedSearch{key: key, files: files, bytes: filesBytes(files)}
	if c.search == nil {
		c.search = map[string]cachedSearch{}
	}
	c.search[root] = e
	if c.nextSearch != nil {
		c.nextSearch[root] = e
	}
}
