package build

import (
	"bufio"
	"crypto/rand"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"handbook/generator/assets"
	"handbook/generator/content"
	"handbook/generator/markdown"
	"handbook/generator/output"
)

// A build cache on disk lets `handbook build` rebuild incrementally, like
// the preview server's cache in memory: pages are kept by their facts
// (not their trees), rendered pages and search indexes by their keys
// only, since their bytes are the files already in the output folder.
// Such a cache is valid only for the output folder it was saved with
// (see Stamp); the command checks that before using it.

// diskFormat changes whenever what is stored, or how keys are made,
// changes: an older cache is then ignored, never misread.
const diskFormat = 18

// A saved cache is a header in gob, checked before the rest is read, then
// the state in an encoding of its own (diskState.appendBinary, made
// before the header's stamp is known); the pages' facts and the draft's
// sources are in a blob file beside it (see diskState.Blob). Sums and keys
// are stored as one byte string each.
type diskHeader struct {
	Format int
	Stamp  string // identifies the output folder and the program, see LoadCache
	// StateSum is the CRC-32C of the state that follows. The state holds
	// the draft's parsed pages (titles, slugs, order) and the output's
	// file sums, used as they are: a cache file damaged on disk (a bit
	// flipped, a block of another file) was trusted whenever it still
	// decoded, and a changed byte of a title was published on every page
	// that lists it. Now it is ignored and the build is a full one.
	StateSum uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type diskState struct {
	// Blob names the file beside the cache ("<cache>.<Blob>.blob") that
	// holds the pages' facts and the draft's sources: it is appended to
	// by later builds (an edit adds a few kilobytes, not the 40 MB of a
	// 10,000-page site) and written anew when half of it is stale.
	Blob      string
	Docs      []diskDoc
	DocSums   []byte // 32 bytes per doc
	FactsAt   []int  // per doc: offset and length in the blob (markdown.Facts.AppendBinary)
	PageNames []string
	PageKeys  []byte // 32 bytes per page
	Search    map[string]diskSearch
	Worlds    map[string][]byte // see Cache.worlds
	// The theme's bundle and the key of the files it was made from (its
	// files are also in the output folder; these copies let a build that
	// writes none of them skip esbuild).
	BundleKey []byte
	Bundle    *assets.Bundle
	FileNames []string // the output folder's files
	FileSums  []byte   // 32 bytes per file
	// The draft's page files as read: stamp, parsed page, bytes, sum.
	Sources []diskSource
	SrcSums []byte // 32 bytes per source
}

type diskSource struct {
	Stamp         content.Stamp
	Page          content.Page // without Source
	Offset, Bytes int          // of Source in the blob
}

type diskDoc struct {
	File  string
	Trust bool
}

type diskSearch struct {
	Key   []byte
	Names []string
	Bytes int
	// The last full index, for deltas (see searchBase).
	BaseRoot   string
	BaseMeta   []byte
	BaseNames  []string
	BaseBytes  int
	BaseURLs   []string
	BaseKeys   []byte // 32 bytes per page
	BaseRanges []int  // from, to, text length per page
}

func sum32(b []byte, i int) (s [32]byte) {
	copy(s[:], b[32*i:32*i+32])
	return s
}

// LoadCache reads a cache saved by SaveCache with the same stamp, and the
// output folder's file list saved with it. Any problem (no cache, another
// stamp, an older format, a damaged file) gives an empty cache: the build
// is then a full one.
func LoadCache(file, stamp string) (*Cache, map[string]output.Sum) {
	f, err := os.Open(file)
	if err != nil {
		return NewDiskCache(), nil
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	dec := gob.NewDecoder(br) // a ByteReader: gob reads no further than its messages
	var h diskHeader
	if err := dec.Decode(&h); err != nil || h.Format != diskFormat || h.Stamp != stamp {
		return NewDiskCache(), nil
	}
	// The state is the rest of the file (see diskState.appendBinary), read
	// straight into a string.
	var rest strings.Builder
	if fi, err := f.Stat(); err == nil {
		rest.Grow(int(fi.Size()))
	}
	sum := crc32.New(castagnoli)
	if _, err := io.Copy(io.MultiWriter(&rest, sum), br); err != nil {
		return NewDiskCache(), nil
	}
	if sum.Sum32() != h.StateSum {
		return NewDiskCache(), nil
	}
	st, err := decodeState(rest.String())
	if err != nil || len(st.DocSums) != 32*len(st.Docs) ||
		len(st.PageKeys) != 32*len(st.PageNames) || len(st.FileSums) != 32*len(st.FileNames) {
		return NewDiskCache(), nil
	}
	blob, err := readBlob(blobFile(file, st.Blob))
	if err != nil || st.Blob == "" || len(st.FactsAt) != 2*len(st.Docs) {
		return NewDiskCache(), nil
	}
	facts, err := decodeFacts(blob, st.FactsAt)
	if err != nil {
		return NewDiskCache(), nil
	}
	c := &Cache{onDisk: true, blobName: st.Blob, blobSize: len(blob), docs: map[docKey]*markdown.Doc{}, facts: make(map[docKey]markdown.Facts, len(st.Docs)),
		factsAt: make(map[docKey][2]int, len(st.Docs)),
		pages:   make(map[string]cachedPage, len(st.PageNames)), search: map[string]cachedSearch{}}
	for i, d := range st.Docs {
		k := docKey{file: d.File, sum: sum32(st.DocSums, i), trust: d.Trust}
		c.facts[k] = facts[i]
		c.factsAt[k] = [2]int{st.FactsAt[2*i], st.FactsAt[2*i+1]}
	}
	for i, name := range st.PageNames {
		c.pages[name] = cachedPage{key: sum32(st.PageKeys, i)}
	}
	if len(st.BundleKey) == 32 && st.Bundle != nil {
		c.bundled = &keyedBundle{key: sum32(st.BundleKey, 0), bundle: st.Bundle}
	}
	c.worlds = make(map[string][32]byte, len(st.Worlds))
	for name, w := range st.Worlds {
		if len(w) == 32 {
			c.worlds[name] = sum32(w, 0)
		}
	}
	for root, s := range st.Search {
		if len(s.Key) != 32 {
			continue
		}
		e := cachedSearch{key: sum32(s.Key, 0), names: s.Names, bytes: s.Bytes}
		if s.BaseMeta != nil && len(s.BaseKeys) == 32*len(s.BaseURLs) && len(s.BaseRanges) == 3*len(s.BaseURLs) {
			b := &searchBase{rootURL: s.BaseRoot, meta: s.BaseMeta, names: s.BaseNames, bytes: s.BaseBytes, pages: make(map[string]basePage, len(s.BaseURLs))}
			for i, u := range s.BaseURLs {
				b.pages[u] = basePage{key: sum32(s.BaseKeys, i), from: s.BaseRanges[3*i], to: s.BaseRanges[3*i+1], textLen: s.BaseRanges[3*i+2]}
			}
			e.base = b
		}
		c.search[root] = e
	}
	files := make(map[string]output.Sum, len(st.FileNames))
	for i, name := range st.FileNames {
		files[name] = sum32(st.FileSums, i)
	}
	if len(st.SrcSums) == 32*len(st.Sources) {
		c.sources = make(map[string]cachedSource, len(st.Sources))
		for i, src := range st.Sources {
			if src.Offset < 0 || src.Bytes < 0 || src.Offset+src.Bytes > len(blob) {
				return NewDiskCache(), nil
			}
			p := src.Page
			p.Source = blob[src.Offset : src.Offset+src.Bytes : src.Offset+src.Bytes]
			c.sources[p.File] = cachedSource{stamp: src.Stamp, page: p, sum: sum32(st.SrcSums, i), at: src.Offset}
		}
	}
	return c, files
}

// SaveCache writes what the last successful build used, with the output
// folder's files: new facts and sources appended to the blob (or a new
// blob when half of the old one is stale), then the state, atomically (a
// new file renamed over the old). It is PrepareCache, then Save.
func SaveCache(c *Cache, file, stamp string, files map[string]output.Sum) error {
	p, err := PrepareCache(c, file, files)
	if err != nil {
		return err
	}
	return p.Save(stamp)
}

// PreparedCache is a cache ready to be saved: the bytes to append to the
// blob and the encoded state, all but the output folder's stamp.
type PreparedCache struct {
	file, blobName string
	base           int
	add            []byte
	state          []byte // diskState.appendBinary, after the header's gob
}

// PrepareCache does the work of saving c (its encoding) without writing
// anything, so the command can do it while the output is flushed to disk
// and swapped in, and save it after, with the new folder's stamp. Nothing
// may change c meanwhile; files must not change either.
func PrepareCache(c *Cache, file string, files map[string]output.Sum) (*PreparedCache, error) {
	st := diskState{Search: map[string]diskSearch{}, Worlds: map[string][]byte{}}
	c.mu.Lock()
	defer c.mu.Unlock()
	// What the build made (pages' keys, search indexes, worlds, the
	// bundle, the output's files) is listed and encoded on another core
	// while the sources are settled and the blob's additions made: the
	// save is the last step of an incremental build, after the commit.
	var wg sync.WaitGroup
	var mid []byte
	wg.Add(1)
	go func() {
		defer wg.Done()
		st.PageNames, st.PageKeys = make([]string, 0, len(c.pages)), make([]byte, 0, 32*len(c.pages))
		st.FileNames, st.FileSums = make([]string, 0, len(files)), make([]byte, 0, 32*len(files))
		for name, p := range c.pages {
			st.PageNames = append(st.PageNames, name)
			st.PageKeys = append(st.PageKeys, p.key[:]...)
		}
		for root, s := range c.search {
			names := s.names
			if s.files != nil {
				names = make([]string, 0, len(s.files))
				for n := range s.files {
					names = append(names, n)
				}
			}
			ds := diskSearch{Key: append([]byte(nil), s.key[:]...), Names: names, Bytes: s.bytes}
			if b := s.base; b != nil {
				ds.BaseRoot, ds.BaseMeta, ds.BaseNames, ds.BaseBytes = b.rootURL, b.meta, b.names, b.bytes
				for u, p := range b.pages {
					ds.BaseURLs = append(ds.BaseURLs, u)
					ds.BaseKeys = append(ds.BaseKeys, p.key[:]...)
					ds.BaseRanges = append(ds.BaseRanges, p.from, p.to, p.textLen)
				}
			}
			st.Search[root] = ds
		}
		for name, w := range c.worlds {
			st.Worlds[name] = append([]byte(nil), w[:]...)
		}
		if c.bundled != nil {
			st.BundleKey, st.Bundle = append([]byte(nil), c.bundled.key[:]...), c.bundled.bundle
		}
		for name, sum := range files {
			st.FileNames = append(st.FileNames, name)
			st.FileSums = append(st.FileSums, sum[:]...)
		}
		mid = st.appendOutput(make([]byte, 0, 64*(len(st.PageNames)+len(st.FileNames))+1<<16))
	}()
	c.settleSources()

	// What the blob already holds that this build still uses.
	live := 0
	for k := range c.docs {
		live += c.factsAt[k][1]
	}
	for _, src := range c.sources {
		if src.at >= 0 && src.page.Source != nil && c.blobName != "" {
			live += len(src.page.Source)
		}
	}
	fresh := c.blobName == "" || 2*live < c.blobSize
	if !fresh {
		// Appended to only if it is still what the cache was loaded with.
		if fi, err := os.Stat(blobFile(file, c.blobName)); err != nil || fi.Size() != int64(c.blobSize) {
			fresh = true
		}
	}
	blobName, base := c.blobName, c.blobSize
	if fresh {
		var r [6]byte
		_, _ = rand.Read(r[:])
		blobName, base = hex.EncodeToString(r[:]), 0
	}
	// What is appended to the blob, sized once: the sources it takes plus
	// half as much again for the facts (a third, measured). Grown by
	// doubling to the 40 MB of a fresh 10,000-page save, it was most of the
	// save's CPU.
	need := 0
	for _, src := range c.sources {
		if fresh || src.at < 0 {
			need += len(src.page.Source)
		}
	}
	add := make([]byte, 0, need+need/2+1<<16)
	place := func(b []byte) int {
		at := base + len(add)
		add = append(add, b...)
		return at
	}
	// Every list sized once: grown by doubling, they were a sixth of the
	// save's time for 10,000 pages.
	st.Docs, st.DocSums, st.FactsAt = make([]diskDoc, 0, len(c.docs)), make([]byte, 0, 32*len(c.docs)), make([]int, 0, 2*len(c.docs))
	st.Sources, st.SrcSums = make([]diskSource, 0, len(c.sources)), make([]byte, 0, 32*len(c.sources))
	names := 0 // the docs' file names' bytes, for the state's size
	for k, d := range c.docs {
		names += len(k.file)
		st.Docs = append(st.Docs, diskDoc{File: k.file, Trust: k.trust})
		st.DocSums = append(st.DocSums, k.sum[:]...)
		at, ok := c.factsAt[k]
		if fresh || !ok {
			from := len(add)
			add = d.Facts().AppendBinary(add)
			at = [2]int{base + from, len(add) - from}
		}
		st.FactsAt = append(st.FactsAt, at[0], at[1])
	}
	for _, src := range c.sources {
		p := src.page
		at := src.at
		if fresh || at < 0 {
			at = place(p.Source)
		}
		st.Sources = append(st.Sources, diskSource{Stamp: src.stamp, Page: p, Offset: at, Bytes: len(p.Source)})
		st.Sources[len(st.Sources)-1].Page.Source = nil
		st.SrcSums = append(st.SrcSums, src.sum[:]...)
	}
	st.Blob = blobName
	tail := st.appendSources(make([]byte, 0, 160*len(st.Sources)+1<<12))
	wg.Wait()

	// The three parts in one buffer, sized once: the first part's length
	// at most (a doc's name and length, flag, sum and two offsets as
	// varints), the others' as they are. Grown by doubling from a guess (a
	// third of a 10,000-page state), the copies were a third of the
	// encoding's time.
	size := len(blobName) + names + (binary.MaxVarintLen64+1+32+2*binary.MaxVarintLen64)*len(st.Docs) + 4*binary.MaxVarintLen64 + len(mid) + len(tail)
	state := append(append(st.appendDocs(make([]byte, 0, size)), mid...), tail...)
	return &PreparedCache{file: file, blobName: blobName, base: base, add: add, state: state}, nil
}

// File is the cache file the prepared cache is saved to.
func (p *PreparedCache) File() string { return p.file }

// Save writes the prepared cache for the output folder stamp names.
func (p *PreparedCache) Save(stamp string) error {
	file := p.file
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	// The blob first: a state is never saved before what it points to.
	if err := appendBlob(blobFile(file, p.blobName), p.base, p.add); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".tmp-")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = gob.NewEncoder(w).Encode(&diskHeader{Format: diskFormat, Stamp: stamp, StateSum: crc32.Checksum(p.state, castagnoli)})
	if err == nil {
		_, err = w.Write(p.state)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	// Older blobs of this cache are no longer pointed to.
	if olds, _ := filepath.Glob(file + ".*.blob"); len(olds) > 0 {
		for _, o := range olds {
			if o != blobFile(file, p.blobName) {
				_ = os.Remove(o)
			}
		}
	}
	return nil
}

func blobFile(file, name string) string { return file + "." + name + ".blob" }

// PruneCaches removes, from the folder of the cache file keep, the caches
// of other source and output folders that no build has saved or used
// (the command touches a cache it used without saving) for longer than
// age (an output folder built once to try something left 45 MB per
// 10,000 pages there for ever), with their blobs, and blobs and unfinished
// saves older than that whose cache is gone. It returns how many files it
// removed. A build that was about to use a removed cache finds none, or
// finds its blob gone when it saves, and the next one is a full build.
func PruneCaches(keep string, age time.Duration) int {
	dir := filepath.Dir(keep)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	cutoff := time.Now().Add(-age)
	old := make(map[string]bool, len(entries))
	caches := map[string]bool{} // the caches that stay
	for _, e := range entries {
		name := e.Name()
		info, err := e.Info()
		old[name] = err == nil && info.Mode().IsRegular() && info.ModTime().Before(cutoff)
		if strings.HasSuffix(name, ".gob") && (filepath.Join(dir, name) == keep || !old[name]) {
			caches[name] = true
		}
	}
	removed := 0
	for _, e := range entries {
		name := e.Name()
		owner := name
		switch {
		case strings.HasSuffix(name, ".gob"):
		case strings.HasSuffix(name, ".blob"):
			owner, _, _ = strings.Cut(name, ".gob.")
			owner += ".gob"
		case strings.Contains(name, ".gob.tmp-"):
			owner = ""
		default:
			continue
		}
		if caches[owner] || !old[name] {
			continue
		}
		if os.Remove(filepath.Join(dir, name)) == nil {
			removed++
		}
	}
	return removed
}

// appendBlob writes add at offset base of the blob, which must be that
// long already (a new blob when base is 0).
func appendBlob(name string, base int, add []byte) error {
	flags := os.O_WRONLY | os.O_CREATE
	if base == 0 {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(name, flags, 0o600)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err == nil && st.Size() != int64(base) {
		if base == 0 {
			err = f.Truncate(0)
		} else {
			err = errors.New("build cache: the blob is not the length the cache says")
		}
	}
	if err == nil {
		_, err = f.WriteAt(add, int64(base))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// decodeFacts reads the pages' facts at the given (offset, length) pairs
// of the blob, on every core.
func decodeFacts(blob []byte, at []int) ([]markdown.Facts, error) {
	n := len(at) / 2
	out := make([]markdown.Facts, n)
	err := parallel(n, func(i int) error {
		off, l := at[2*i], at[2*i+1]
		if off < 0 || l < 0 || off+l > len(blob) {
			return errors.New("build cache: damaged facts")
		}
		f, rest, err := markdown.DecodeFacts(blob[off : off+l])
		if err == nil && len(rest) > 0 {
			err = errors.New("build cache: damaged facts")
		}
		out[i] = f
		return err
	})
	return out, err
}

// RemoveCache deletes a saved cache: the next build is a full one. The
// command does this before an incremental build starts changing the
// output folder, so a build killed half-way is never trusted.
func RemoveCache(file string) error {
	if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// keeper is an output that can keep files of the previous build as they
// are (output.Update).
type keeper interface {
	KeepAll(names []string) error
}
