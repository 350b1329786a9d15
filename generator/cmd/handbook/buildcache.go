package main

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"handbook/generator/build"
	"handbook/generator/output"
)

// buildCacheFile is where `handbook build` keeps its cache for one content
// folder built into one output folder: under the user's cache folder
// ($XDG_CACHE_HOME or ~/.cache), never in the output, which is published.
func buildCacheFile(source, out string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(src + "\x00" + dst))
	return filepath.Join(base, "handbook", "build", hex.EncodeToString(sum[:8])+".gob")
}

// executableID identifies the program: a cache saved by another version
// of handbook is not used (its keys may mean something else). It is the
// Go build ID, which `go run` keeps while the source is unchanged, or the
// executable's size and time when there is none.
func executableID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if data, err := io.ReadAll(io.LimitReader(sec.Open(), 4096)); err == nil && len(data) > 0 {
				return "go:" + hex.EncodeToString(data) + "|"
			}
		}
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("exe:%s:%d:%d|", exe, st.Size(), st.ModTime().UnixNano())
}

// preparedCache is a cache encoded for saving, or why it was not; both
// are nil when there is no cache to save.
type preparedCache struct {
	p   *build.PreparedCache
	err error
}

// prepareCache encodes what this build used for the next one while the
// output is flushed and swapped in (half of a full build's last stage
// was the cache's CPU work, done after the disk's); saveCache writes it.
func prepareCache(c *build.Cache, file, exe string, files map[string]output.Sum) <-chan preparedCache {
	out := make(chan preparedCache, 1)
	if file == "" || exe == "" || files == nil {
		out <- preparedCache{}
		return out
	}
	go func() {
		p, err := build.PrepareCache(c, file, files)
		out <- preparedCache{p, err}
	}()
	return out
}

// saveCache keeps what this build used for the next one, for the program
// exe and the output folder as it now is. A cache that cannot be saved
// costs the next build its speed, nothing else.
func saveCache(stderr io.Writer, pc preparedCache, exe, out string) {
	if pc.p == nil && pc.err == nil {
		return
	}
	err := pc.err
	if err == nil {
		stamp := folderStamp(out)
		if stamp == "" {
			return
		}
		err = pc.p.Save(exe + stamp)
	}
	if err != nil {
		fmt.Fprintf(stderr, "handbook: note: the build cache was not saved (%v); the next build will be a full one\n", err)
		return
	}
	build.PruneCaches(pc.p.File(), cacheMaxAge)
}

// cacheMaxAge is how long the cache of a source and output folder pair
// stays after its last save when other builds run.
const cacheMaxAge = 30 * 24 * time.Hour
