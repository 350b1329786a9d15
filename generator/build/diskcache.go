package build

import (
	"bufio"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"path/filepath"

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
const diskFormat = 8

// A saved cache is two gob values, a header, checked before the rest is
// read, and the body, then two raw sections (uvarint length, bytes): the
// pages' facts (per page: uvarint length, markdown.Facts.AppendBinary) and
// the draft's sources. Sums and keys are stored as one byte string each
// (gob decodes a [32]byte element by element: ten times slower), and the
// big sections outside gob (it buffers a whole value, growing as it goes).
type diskHeader struct {
	Format int
	Stamp  string // identifies the output folder and the program, see LoadCache
}

type diskState struct {
	Docs      []diskDoc
	DocSums   []byte // 32 bytes per doc
	PageNames []string
	PageKeys  []byte // 32 bytes per page
	Search    map[string]diskSearch
	FileNames []string // the output folder's files
	FileSums  []byte   // 32 bytes per file
	// The draft's page files as read: stamp, parsed page, bytes, sum.
	Sources []diskSource
	SrcSums []byte // 32 bytes per source
}

type diskSource struct {
	Stamp         content.Stamp
	Page          content.Page // without Source
	Offset, Bytes int          // of Source in SrcBlob
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
	var st diskState
	if err := dec.Decode(&st); err != nil || len(st.DocSums) != 32*len(st.Docs) ||
		len(st.PageKeys) != 32*len(st.PageNames) || len(st.FileSums) != 32*len(st.FileNames) {
		return NewDiskCache(), nil
	}
	factsBlob, err1 := readSection(br)
	srcBlob, err2 := readSection(br)
	if err1 != nil || err2 != nil {
		return NewDiskCache(), nil
	}
	facts, err := decodeFacts(factsBlob, len(st.Docs))
	if err != nil {
		return NewDiskCache(), nil
	}
	c := &Cache{onDisk: true, docs: map[docKey]*markdown.Doc{}, facts: make(map[docKey]markdown.Facts, len(st.Docs)),
		factsRaw: make(map[docKey][]byte, len(st.Docs)),
		pages:    make(map[string]cachedPage, len(st.PageNames)), search: map[string]cachedSearch{}}
	for i, d := range st.Docs {
		k := docKey{file: d.File, sum: sum32(st.DocSums, i), trust: d.Trust}
		c.facts[k] = facts[i].Facts
		c.factsRaw[k] = facts[i].raw
	}
	for i, name := range st.PageNames {
		c.pages[name] = cachedPage{key: sum32(st.PageKeys, i)}
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
			if src.Offset < 0 || src.Bytes < 0 || src.Offset+src.Bytes > len(srcBlob) {
				return NewDiskCache(), nil
			}
			p := src.Page
			p.Source = srcBlob[src.Offset : src.Offset+src.Bytes : src.Offset+src.Bytes]
			c.sources[p.File] = cachedSource{stamp: src.Stamp, page: p, sum: sum32(st.SrcSums, i)}
		}
	}
	return c, files
}

// SaveCache writes what the last successful build used, with the output
// folder's files, atomically (a new file renamed over the old).
func SaveCache(c *Cache, file, stamp string, files map[string]output.Sum) error {
	st := diskState{Search: map[string]diskSearch{}}
	c.mu.Lock()
	size := 0
	for k := range c.docs {
		size += len(c.factsRaw[k]) + 8
	}
	factsBlob := make([]byte, 0, size+size/8)
	for k, d := range c.docs {
		st.Docs = append(st.Docs, diskDoc{File: k.file, Trust: k.trust})
		st.DocSums = append(st.DocSums, k.sum[:]...)
		one := c.factsRaw[k] // as read, when the page is unchanged
		if one == nil {
			one = d.Facts().AppendBinary(nil)
		}
		factsBlob = binary.AppendUvarint(factsBlob, uint64(len(one)))
		factsBlob = append(factsBlob, one...)
	}
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
	c.mu.Unlock()
	for name, sum := range files {
		st.FileNames = append(st.FileNames, name)
		st.FileSums = append(st.FileSums, sum[:]...)
	}
	c.mu.Lock()
	n := 0
	for _, src := range c.sources {
		n += len(src.page.Source)
	}
	srcBlob := make([]byte, 0, n)
	for _, src := range c.sources {
		p := src.page
		st.Sources = append(st.Sources, diskSource{Stamp: src.stamp, Page: p, Offset: len(srcBlob), Bytes: len(p.Source)})
		st.Sources[len(st.Sources)-1].Page.Source = nil
		srcBlob = append(srcBlob, p.Source...)
		st.SrcSums = append(st.SrcSums, src.sum[:]...)
	}
	c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".tmp-")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	enc := gob.NewEncoder(w)
	err = enc.Encode(&diskHeader{Format: diskFormat, Stamp: stamp})
	if err == nil {
		err = enc.Encode(&st)
	}
	for _, sec := range [][]byte{factsBlob, srcBlob} {
		if err == nil {
			_, err = w.Write(binary.AppendUvarint(nil, uint64(len(sec))))
		}
		if err == nil {
			_, err = w.Write(sec)
		}
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
	return nil
}

type rawFacts struct {
	markdown.Facts
	raw []byte // as stored
}

// readSection reads a raw section: uvarint length, bytes.
func readSection(br *bufio.Reader) ([]byte, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	if n > 1<<34 {
		return nil, errors.New("build cache: damaged section")
	}
	b := make([]byte, n)
	_, err = io.ReadFull(br, b)
	return b, err
}

// decodeFacts reads n pages' facts, on every core.
func decodeFacts(blob []byte, n int) ([]rawFacts, error) {
	parts := make([][]byte, n)
	for i := range parts {
		l, k := binary.Uvarint(blob)
		if k <= 0 || l > uint64(len(blob)-k) {
			return nil, errors.New("build cache: damaged facts")
		}
		parts[i], blob = blob[k:k+int(l)], blob[k+int(l):]
	}
	out := make([]rawFacts, n)
	err := parallel(n, func(i int) error {
		f, rest, err := markdown.DecodeFacts(parts[i])
		if err == nil && len(rest) > 0 {
			err = errors.New("build cache: damaged facts")
		}
		out[i] = rawFacts{f, parts[i]}
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

// keeper is an output that can keep a file of the previous build as it
// is (output.Update).
type keeper interface {
	Keep(name string) error
}
