// Package assets bundles the theme's TypeScript and CSS with esbuild's Go
// API — minified, content-hashed, no Node.js — reading the theme from an
// fs.FS so the embedded default theme and a theme folder on disk are built
// the same way.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"handbook/generator/diag"
)

// Entry points of the default theme. A theme may leave out the calculator.
const (
	MainJS       = "ts/main.ts"
	CalculatorJS = "ts/calculator.ts"
	ServiceWork  = "ts/sw.ts"
	MainCSS      = "css/main.css"
)

// File is one built asset.
type File struct {
	Name string // file name under assets/, e.g. "main-3FJ2K1.js"
	Data []byte
}

// Bundle is what a build of the theme produced: entry point → file.
type Bundle struct {
	Files map[string]File // keyed by entry point, e.g. "ts/main.ts"
	Extra []File          // chunks and other outputs
}

// URL returns the file name of an entry point's output, "" if not built.
func (b *Bundle) Name(entry string) string { return b.Files[entry].Name }

// Builder bundles a theme. It keeps esbuild's incremental context so a
// rebuild after a CSS edit reuses everything else.
type Builder struct {
	theme   fs.FS
	display string
	ctx     api.BuildContext
	entries []string
}

// New prepares a builder for the theme in fsys; display names the theme in
// messages (e.g. "theme"). Call Close when done.
func New(fsys fs.FS, display string) (*Builder, error) {
	b := &Builder{theme: fsys, display: display}
	for _, e := range []string{MainJS, CalculatorJS, ServiceWork, MainCSS} {
		if _, err := fs.Stat(fsys, e); err == nil {
			b.entries = append(b.entries, e)
		}
	}
	if len(b.entries) == 0 {
		return nil, errors.New(display + ": the theme has neither " + MainJS + " nor " + MainCSS)
	}
	ctx, cerr := api.Context(api.BuildOptions{
		EntryPoints:       b.entries,
		Bundle:            true,
		Write:             false,
		Outdir:            "/assets",
		AbsWorkingDir:     "/",
		EntryNames:        "[name]-[hash]",
		ChunkNames:        "chunk-[hash]",
		AssetNames:        "[name]-[hash]",
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		Platform:          api.PlatformBrowser,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
		Plugins:           []api.Plugin{fsPlugin(fsys)},
	})
	if cerr != nil {
		return nil, errors.New(display + ": " + cerr.Error())
	}
	b.ctx = ctx
	return b, nil
}

// Build bundles (or rebuilds, incrementally) the theme.
func (b *Builder) Build() (*Bundle, diag.List) {
	res := b.ctx.Rebuild()
	var errs diag.List
	for _, m := range res.Errors {
		d := diag.Diagnostic{File: b.display, Msg: m.Text, Hint: "fix the theme's TypeScript or CSS"}
		if m.Location != nil {
			d.File = path.Join(b.display, strings.TrimPrefix(m.Location.File, "theme:"))
			d.Line, d.Col = m.Location.Line, m.Location.Column+1
		}
		errs.Add(d)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	out := &Bundle{Files: map[string]File{}}
	// Map outputs back to their entry points by the output's base name.
	byStem := map[string]string{}
	for _, e := range b.entries {
		stem := strings.TrimSuffix(path.Base(e), path.Ext(e))
		ext := ".js"
		if path.Ext(e) == ".css" {
			ext = ".css"
		}
		byStem[stem+ext] = e
	}
	for _, f := range res.OutputFiles {
		name := path.Base(f.Path)
		ext := path.Ext(name)
		stem := strings.TrimSuffix(name, ext)
		if i := strings.LastIndexByte(stem, '-'); i > 0 {
			stem = stem[:i]
		}
		file := File{Name: name, Data: f.Contents}
		if e, ok := byStem[stem+ext]; ok && (ext == ".js" || ext == ".css") {
			if _, dup := out.Files[e]; !dup {
				out.Files[e] = file
				continue
			}
		}
		out.Extra = append(out.Extra, file)
	}
	sort.Slice(out.Extra, func(i, j int) bool { return out.Extra[i].Name < out.Extra[j].Name })
	return out, nil
}

// Close releases esbuild's context.
func (b *Builder) Close() {
	if b.ctx != nil {
		b.ctx.Dispose()
	}
}

// Hashed names a file by its content, as esbuild does for the bundles, for
// assets the build makes itself (the WebAssembly module).
func Hashed(stem, ext string, data []byte) string {
	sum := sha256.Sum256(data)
	return stem + "-" + strings.ToUpper(hex.EncodeToString(sum[:])[:10]) + ext
}

// fsPlugin makes esbuild read every file from fsys instead of the disk.
func fsPlugin(fsys fs.FS) api.Plugin {
	return api.Plugin{
		Name: "theme-fs",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				p := args.Path
				if args.Kind != api.ResolveEntryPoint {
					if !strings.HasPrefix(p, ".") {
						return api.OnResolveResult{}, errors.New("only relative imports are allowed in a theme: " + strconv.Quote(p))
					}
					p = path.Join(path.Dir(args.Importer), p)
				}
				p = strings.TrimPrefix(path.Clean("/"+p), "/")
				if path.Ext(p) == "" {
					for _, ext := range []string{".ts", ".js", ".css"} {
						if _, err := fs.Stat(fsys, p+ext); err == nil {
							p += ext
							break
						}
					}
				}
				return api.OnResolveResult{Path: p, Namespace: "theme"}, nil
			})
			build.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "theme"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(fsys, args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(data)
				loader := api.LoaderDefault
				switch path.Ext(args.Path) {
				case ".ts":
					loader = api.LoaderTS
				case ".js":
					loader = api.LoaderJS
				case ".css":
					loader = api.LoaderCSS
				}
				return api.OnLoadResult{Contents: &s, Loader: loader, ResolveDir: "/" + path.Dir(args.Path)}, nil
			})
		},
	}
}
