package build

import (
	"bufio"
	"encoding/gob"
	"errors"
	"os"
	"path/filepath"

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
const diskFormat = 1

type diskState struct {
	Format int
	Stamp  string // identifies the output folder and the program, see LoadCache
	Docs   []diskDoc
	Pages  map[string][32]byte
	Search map[string]diskSearch
	Files  map[string]output.Sum // the output folder's files
}

type diskDoc struct {
	File  string
	Sum   [32]byte
	Trust bool
	Facts markdown.Facts
}

type diskSearch struct {
	Key   [32]byte
	Names []string
	Bytes int
}

// LoadCache reads a cache saved by SaveCache with the same stamp, and the
// output folder's file list saved with it. Any problem (no cache, another
// stamp, an older format, a damaged file) gives an empty cache: the build
// is then a full one.
func LoadCache(file, stamp string) (*Cache, map[string]output.Sum) {
	f, err := os.Open(file)
	if err != nil {
		return NewCache(), nil
	}
	defer f.Close()
	var st diskState
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16)).Decode(&st); err != nil || st.Format != diskFormat || st.Stamp != stamp {
		return NewCache(), nil
	}
	c := &Cache{onDisk: true, docs: map[docKey]*markdown.Doc{}, facts: make(map[docKey]markdown.Facts, len(st.Docs)),
		pages: make(map[string]cachedPage, len(st.Pages)), search: map[string]cachedSearch{}}
	for _, d := range st.Docs {
		c.facts[docKey{file: d.File, sum: d.Sum, trust: d.Trust}] = d.Facts
	}
	for name, key := range st.Pages {
		c.pages[name] = cachedPage{key: key}
	}
	for root, s := range st.Search {
		c.search[root] = cachedSearch{key: s.Key, names: s.Names, bytes: s.Bytes}
	}
	return c, st.Files
}

// SaveCache writes what the last successful build used, with the output
// folder's files, atomically (a new file renamed over the old).
func SaveCache(c *Cache, file, stamp string, files map[string]output.Sum) error {
	st := diskState{Format: diskFormat, Stamp: stamp, Pages: map[string][32]byte{}, Search: map[string]diskSearch{}, Files: files}
	c.mu.Lock()
	for k, d := range c.docs {
		st.Docs = append(st.Docs, diskDoc{File: k.file, Sum: k.sum, Trust: k.trust, Facts: d.Facts()})
	}
	for name, p := range c.pages {
		st.Pages[name] = p.key
	}
	for root, s := range c.search {
		names := s.names
		if s.files != nil {
			names = make([]string, 0, len(s.files))
			for n := range s.files {
				names = append(names, n)
			}
		}
		st.Search[root] = diskSearch{Key: s.key, Names: names, Bytes: s.bytes}
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
	err = gob.NewEncoder(w).Encode(&st)
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
