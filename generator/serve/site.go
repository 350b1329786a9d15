package serve

import (
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"handbook/generator/assets"
	"handbook/generator/build"
	"handbook/generator/output"
)

// Site is one complete build held in memory. The server serves it as is
// until the next good build replaces it whole; it is never changed after
// the Builder returns it.
type Site struct {
	Files    map[string][]byte // output path ("draft/a/index.html") → bytes
	BasePath string            // URL path the site lives under: "/" or "/handbook/"
	Result   *build.Result     // for the summary line; may be nil
}

// Builder makes the site for the server. changed lists what the watcher
// saw change since the previous call — each a watched folder joined with
// the file's path inside it, as given in Config.Watch ("content/a.md");
// "" means unknown, rebuild everything — and is nil for the first build.
// The full rebuild ignores it; an incremental builder uses it to redo only
// what those files affect. Build is never called concurrently.
type Builder interface {
	Build(changed []string) (*Site, error)
}

// PublishedBuilder is a Builder that can also build the published
// revisions alone, without the working copy, as `handbook build` without
// -drafts does (a mistake in the working copy is then a warning, not an
// error). The server asks for it when the first build fails: the admin
// can still read /latest/, /v/… and /changelog/, and /draft/ says what is
// wrong, until a build of the whole site succeeds. It returns nil and no
// error when it has nothing to build apart (the site is already built
// without the working copy).
type PublishedBuilder interface {
	Builder
	BuildPublished() (*Site, error)
}

// BuildFunc adapts a function to Builder.
type BuildFunc func(changed []string) (*Site, error)

// Build implements Builder.
func (f BuildFunc) Build(changed []string) (*Site, error) { return f(changed) }

// FullBuilder rebuilds the site into memory on every change, incrementally:
// it keeps a build.Cache, so a saved page is parsed and rendered again with
// what depends on it, and every other page is reused. It keeps one esbuild
// context for its lifetime, so theme rebuilds are incremental, and keeps
// the calculator's WebAssembly until a file under the calculator folder
// changes.
type FullBuilder struct {
	opts      build.Options
	calcDir   string
	ownAssets bool

	mu      sync.Mutex
	wasm    []byte
	wasmErr error
	wasmOK  bool
}

var _ PublishedBuilder = (*FullBuilder)(nil)

// NewFullBuilder prepares builds with opts (Out is replaced by memory).
// calculatorDir is the folder whose changes invalidate the WebAssembly
// module ("" if none). When opts.Assets is nil it makes an esbuild
// context, disposed by Close.
func NewFullBuilder(opts build.Options, calculatorDir string) (*FullBuilder, error) {
	b := &FullBuilder{opts: opts}
	if b.opts.Cache == nil {
		b.opts.Cache = build.NewCache()
	}
	b.opts.SearchLater = true
	if calculatorDir != "" {
		b.calcDir = filepath.Clean(calculatorDir)
	}
	if b.opts.Assets == nil {
		ab, err := assets.New(opts.Theme, opts.ThemeName)
		if err != nil {
			return nil, err
		}
		b.opts.Assets, b.ownAssets = ab, true
	}
	if opts.WASM != nil {
		compile := opts.WASM
		b.opts.WASM = func() ([]byte, error) {
			b.mu.Lock()
			defer b.mu.Unlock()
			if !b.wasmOK {
				b.wasm, b.wasmErr = compile()
				b.wasmOK = true
			}
			return b.wasm, b.wasmErr
		}
	}
	return b, nil
}

// Build implements Builder.
func (b *FullBuilder) Build(changed []string) (*Site, error) {
	for _, c := range changed {
		if c == "" || b.calcDir != "" && inside(filepath.Clean(c), b.calcDir) {
			b.mu.Lock()
			b.wasmOK = false
			b.mu.Unlock()
			break
		}
	}
	mem := output.NewMemory()
	opts := b.opts
	opts.Out = mem
	res, err := build.Run(opts)
	if err != nil {
		return nil, err
	}
	return &Site{Files: mem.Files, BasePath: basePath(opts.Source), Result: res}, nil
}

// BuildPublished implements PublishedBuilder: the published revisions
// (with /latest/ and /changelog/) without the working copy. It is asked
// for only while the server has no good build, so it keeps no cache of
// its own (with none, the search index is built with the pages).
func (b *FullBuilder) BuildPublished() (*Site, error) {
	if !b.opts.Drafts {
		return nil, nil
	}
	mem := output.NewMemory()
	opts := b.opts
	opts.Out = mem
	opts.Drafts = false
	opts.Cache = nil
	opts.SearchLater = false
	res, err := build.Run(opts)
	if err != nil {
		return nil, err
	}
	return &Site{Files: mem.Files, BasePath: basePath(opts.Source), Result: res}, nil
}

// Close disposes of the esbuild context if the builder made it.
func (b *FullBuilder) Close() error {
	if b.ownAssets {
		b.opts.Assets.Close()
	}
	return nil
}

// basePath reads basePath from site.toml the way the content stage does;
// a broken site.toml has already failed the build.
func basePath(src fs.FS) string {
	var s struct {
		BasePath string `toml:"basePath"`
	}
	if data, err := fs.ReadFile(src, "site.toml"); err == nil {
		_, _ = toml.Decode(string(data), &s)
	}
	bp := strings.TrimSpace(s.BasePath)
	if !strings.HasPrefix(bp, "/") {
		bp = "/" + bp
	}
	if !strings.HasSuffix(bp, "/") {
		bp += "/"
	}
	return bp
}

func inside(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}
