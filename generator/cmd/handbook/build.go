package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/version"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"

	"handbook/calculator"
	"handbook/generator/build"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/output"
	"handbook/generator/wasmbuild"
	"handbook/theme"
)

// siteFlags are the flags every command that builds the site shares.
type siteFlags struct {
	source, theme, today string
}

func (s *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.source, "source", "content", "the folder of pages: the handbook's content folder, or any tree of Markdown pages")
	fs.StringVar(&s.theme, "theme", "", "a theme folder (default: theme/ beside the content folder if present, else the built-in theme)")
	fs.StringVar(&s.today, "today", "", "build as of this date (YYYY-MM-DD), which decides the revision in force; default today")
}

// options turns the flags into build options reading from disk.
func (s *siteFlags) options() (build.Options, error) {
	if err := checkSource(s.source); err != nil {
		return build.Options{}, err
	}
	// An os.Root, not os.DirFS: a symbolic link that leads out of the
	// content folder is not followed, so a build publishes only what is
	// in the folder (content.Load reports the link). The root stays open
	// for the life of the command; serve reads it on every rebuild.
	root, err := os.OpenRoot(s.source)
	if err != nil {
		return build.Options{}, fmt.Errorf("%s: cannot open the content folder: %v", s.source, err)
	}
	opts := build.Options{Source: newContentFS(root.FS(), s.source), SourceName: displayPath(s.source)}
	opts.Theme, opts.ThemeName = themeFS(s.theme, s.source)
	if s.today != "" {
		t, err := parseDay("-today", s.today)
		if err != nil {
			return opts, err
		}
		opts.Today = t
	}
	opts.WASM = func() ([]byte, error) { return calculatorModule(context.Background()) }
	return opts, nil
}

// checkSource says what is wrong with a -source that cannot be the
// folder of pages, and what to give instead: run from the wrong folder,
// the default content/ is not there; pointed at the project folder, a
// build would publish the project's own files (README.md, generator/)
// and fail on them.
func checkSource(source string) error {
	info, err := os.Stat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist) && source == "content":
		wd, _ := os.Getwd()
		if _, err := os.Stat("site.toml"); err == nil {
			// Run inside a handbook's own folder (hr/, made by hand):
			// it is the folder of pages, which -source names.
			return fmt.Errorf("there is no content folder in %s, which holds a site.toml of its own — to use this folder as the handbook, give -source . (or run handbook from the folder above with -source %s)", wd, filepath.Base(wd))
		}
		return fmt.Errorf("there is no content folder in %s — run handbook in the project folder (the one holding content/), or give the folder of pages with -source", wd)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such folder — give the folder of pages with -source (the handbook's is content)", source)
	case err != nil:
		return fmt.Errorf("%s: cannot read the folder of pages: %v", source, err)
	case !info.IsDir():
		return fmt.Errorf("%s is a file, not a folder — give the folder holding the pages with -source (the handbook's is content)", source)
	}
	if _, err := os.Stat(filepath.Join(source, "site.toml")); err == nil {
		return nil
	}
	inner := filepath.Join(source, "content")
	if _, err := os.Stat(filepath.Join(inner, "site.toml")); err == nil {
		return fmt.Errorf("%s is the project folder, not its folder of pages: give -source %s (in the project folder, leave -source out: content is the default)", source, inner)
	}
	return nil
}

// outTarget is the folder a build writes for an -out: where it leads when
// it is a symbolic link (the swap would replace the link itself), also a
// link to a folder not made yet. A trailing slash is dropped first: the
// link public typed as public/ was taken for the folder it leads to, and
// replaced by the build.
func outTarget(out string) string {
	out = filepath.Clean(out)
	for range 40 {
		fi, err := os.Lstat(out)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return out
		}
		if real, err := filepath.EvalSymlinks(out); err == nil {
			return real
		}
		dest, err := os.Readlink(out)
		if err != nil {
			return out
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(out), dest)
		}
		out = filepath.Clean(dest)
	}
	return out
}

// themeFS picks the theme: an explicit folder, a theme/ folder beside the
// content (so editing the theme is seen at once), or the built-in one.
func themeFS(flagDir, source string) (fs.FS, string) {
	dir := themeDir(flagDir, source)
	if dir == "" {
		return theme.FS, "theme (built-in)"
	}
	return os.DirFS(dir), displayPath(dir)
}

// themeDir is the theme folder on disk the build reads (and serve
// watches), or "" for the built-in theme.
func themeDir(flagDir, source string) string {
	if flagDir != "" {
		return flagDir
	}
	cand := filepath.Join(filepath.Dir(filepath.Clean(source)), "theme")
	if st, err := os.Stat(filepath.Join(cand, "templates")); err == nil && st.IsDir() {
		return cand
	}
	return ""
}

func displayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(p)
}

// calculatorModule compiles the payout engine to WebAssembly (cached by a
// hash of its sources): from the project's source tree when handbook runs
// inside it, else from the source the binary carries (calculator.Source).
// Either way it needs the Go toolchain, once per engine version.
// Cancelling ctx stops the compiler.
func calculatorModule(ctx context.Context) ([]byte, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	cache = filepath.Join(cache, "handbook", "wasm")
	root, ok := moduleRoot()
	if !ok {
		if root, err = wasmbuild.Unpack(calculator.Source, filepath.Join(cache, "source")); err != nil {
			return nil, fmt.Errorf("calculator: cannot unpack the engine's source to build the WebAssembly module: %v", err)
		}
	}
	wasm, _, err := wasmbuild.Compile(ctx, root, cache)
	if errors.Is(err, exec.ErrNotFound) {
		return nil, errors.New("calculator: building the WebAssembly module needs the Go toolchain (go), once for each version of the engine — install Go, or run handbook where it is installed")
	}
	if err != nil {
		// An older go first on PATH (Debian's golang package) fails with
		// its own words: "-buildmode=c-shared not supported on wasip1/wasm"
		// or "invalid go version '1.26.8'".
		if old := oldGo(); old != "" {
			return nil, fmt.Errorf("calculator: building the WebAssembly module needs Go %s or later, and %s — install Go from https://go.dev/dl/ and put it first on PATH (go said: %v)", minGo, old, strings.TrimSpace(err.Error()))
		}
	}
	return wasm, err
}

// minGo is the oldest Go that compiles the calculator (go.mod's go line).
const minGo = "1.26"

// oldGo says which go command runs, and its version, when that is older
// than minGo; "" otherwise or when it cannot tell.
func oldGo() string {
	cmd := exec.Command("go", "env", "GOVERSION")
	cmd.Dir = os.TempDir() // outside any module, whose go line could switch toolchains
	b, err := cmd.Output()
	if err != nil {
		return ""
	}
	v := strings.TrimSpace(string(b))
	if !version.IsValid(v) || version.Compare(v, "go"+minGo) >= 0 {
		return ""
	}
	where, _ := exec.LookPath("go")
	return fmt.Sprintf("the go command on PATH (%s) is %s", where, v)
}

// moduleRoot finds the handbook module (go.mod with calculator/wasm) from
// the working directory up.
func moduleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "calculator", "wasm")); err == nil {
			if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(b), "module handbook") {
				return dir, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

const buildSynopsis = `handbook build [-source content] [-out public] [-drafts] [-full] [-search=false] [-timings]

Builds the site from the folder of pages (-source) into plain static files
(-out), which the build replaces whole; later builds into the same folder
are incremental. The folder can be the handbook's content/ or any tree of
Markdown pages, such as a Hugo site's content/.`

func runBuild(args []string, stdout, stderr io.Writer) int {
	began := time.Now()
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	var sf siteFlags
	sf.register(fl)
	out := fl.String("out", "public", "output folder; replaced whole, and only when the build succeeds")
	drafts := fl.Bool("drafts", false, "also build the working copy under /draft/ (the site itself when nothing is published), with its draft: true (and publish: false) pages")
	timings := fl.Bool("timings", false, "print how long each step of the build took")
	full := fl.Bool("full", false, "ignore the build cache: render everything and replace the output folder at once")
	search := fl.Bool("search", true, "build each edition's search index; -search=false leaves it out, and the search page and box with it (a quicker build of a big tree, or a check of its links)")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	if code := parseFlags(fl, args, buildSynopsis, "the folder of pages is given with -source, the output folder with -out", stdout, stderr); code >= 0 {
		return code
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "handbook:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "handbook:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintln(stderr, "handbook:", err)
		return 1
	}
	opts.Drafts = *drafts
	opts.NoSearch = !*search
	// An -out that is a symbolic link (public → /srv/www/site) is built
	// into where it points: the swap would replace the link itself.
	*out = outTarget(*out)
	if err := output.CheckTarget(*out, sf.source); err != nil {
		report(stderr, err, *out)
		return 1
	}

	// With a cache saved by the last build into the same folder, only what
	// changed is rendered and written (an incremental build).
	//
	// An incremental build allocates little (137 MB for one page edited
	// of 10,000) and most of it stays live, so the collector's work is
	// mostly wasted there: it runs only once the heap passes a limit
	// that grows with the site (what an incremental build of every page
	// holds, with room to spare), not every time it doubles. One page
	// edited of 10,000: 0.20 s instead of 0.22-0.28 s, 167 MB instead of
	// 150 MB. A full build sets its own pace below.
	gcTuned := os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == ""
	if gcTuned {
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(incrementalHeap(0)))
	}
	cacheStart := time.Now()
	cacheFile, exe := buildCacheFile(sf.source, *out), executableID()
	var upd *output.Update
	var dir *output.Dir
	if !*full && cacheFile != "" && exe != "" {
		if stamp := folderStamp(*out); stamp != "" {
			// The tree is listed (a stat per page file) while the cache
			// is read, on the other core: for 10,000 pages each takes
			// about 40 ms.
			opts.Listing = content.StartListing(opts.Source)
			if cache, files := build.LoadCache(cacheFile, exe+stamp); files != nil {
				if upd, err = output.BeginUpdate(*out, files); err != nil {
					report(stderr, err, *out)
					return 1
				}
				opts.Cache, opts.Out = cache, upd
				if gcTuned {
					debug.SetMemoryLimit(incrementalHeap(len(files)))
				}
			}
		}
	}
	if upd == nil {
		// A full build's memory is mostly garbage between collections:
		// with Go's default (GOGC=100) the heap grows to twice what is
		// live. Collecting at 1.5× cut the peak memory of a 10,000-page
		// build by a quarter for 5–7 % more CPU (measured alternately,
		// generator/bench/compare.sh). Most of that peak is the search
		// index's: a build without one (-search=false) keeps the default,
		// at 1.3× the memory of one at 1.5× and 0.86× its time (386 vs
		// 296 MB, 2.50 vs 2.92 s, 10,000 pages). An incremental build's
		// pace is set above. GOGC or GOMEMLIMIT in the environment still
		// decide.
		if gcTuned {
			pace := 50
			if opts.NoSearch {
				pace = 100
			}
			debug.SetMemoryLimit(math.MaxInt64)
			debug.SetGCPercent(pace)
		}
		if dir, err = output.Begin(*out); err != nil {
			report(stderr, err, *out)
			return 1
		}
		opts.Cache, opts.Out = build.NewDiskCache(), dir
	}
	cacheTook := time.Since(cacheStart)
	res, err := build.Run(opts)
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if err == nil {
		// A published revision deleted or edited since the last build
		// into this folder: its pages would go, or change, with this one.
		err = build.CheckBuiltHistory(os.DirFS(*out), res.Manifests, opts.SourceName, *out).Err()
	}
	if err != nil {
		if upd != nil {
			_ = upd.Abort()
		} else {
			_ = dir.Abort()
		}
		report(stderr, err, *out)
		return 1
	}
	commitStart := time.Now()
	how := size(res.Bytes) + " written"
	if upd != nil {
		written, removed, bytes := upd.Changed()
		how = fmt.Sprintf("incremental: %d written (%s), %d removed", written, size(bytes), removed)
		// Nothing to write and nothing newly parsed: the output and the
		// saved cache stand as they are.
		unchanged := written == 0 && removed == 0 && opts.Cache.Parsed == 0
		// The output is about to change in place: until the new cache is
		// saved, none is trusted (a build killed now is followed by a full
		// one).
		if !unchanged {
			if err := build.RemoveCache(cacheFile); err != nil {
				_ = upd.Abort()
				fmt.Fprintln(stderr, "handbook: cannot update the build cache:", err)
				return 1
			}
		}
		files, err := upd.Ready()
		if err != nil {
			_ = upd.Abort()
			fmt.Fprintln(stderr, "handbook:", err)
			return 1
		}
		var cache <-chan preparedCache
		if !unchanged {
			cache = prepareCache(opts.Cache, cacheFile, exe, files)
		}
		if _, err := upd.Commit(); err != nil {
			fmt.Fprintln(stderr, "handbook:", err)
			return 1
		}
		if cache != nil {
			saveCache(stderr, <-cache, exe, *out)
		} else {
			// Used, though not saved again: not one for other builds to
			// prune (build.PruneCaches goes by the time of the last save).
			now := time.Now()
			_ = os.Chtimes(cacheFile, now, now)
		}
	} else {
		files, err := dir.Ready()
		if err != nil {
			_ = dir.Abort()
			fmt.Fprintln(stderr, "handbook:", err)
			return 1
		}
		cache := prepareCache(opts.Cache, cacheFile, exe, files)
		if err := dir.Commit(); err != nil {
			fmt.Fprintln(stderr, "handbook:", err)
			return 1
		}
		saveCache(stderr, <-cache, exe, *out)
	}
	if *timings {
		fmt.Fprintf(stdout, "  %-28s %8s\n", "start, read the build cache", (cacheTook + cacheStart.Sub(began)).Round(time.Millisecond))
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-28s %8s   heap %4d MiB\n", st.Name, st.Elapsed.Round(time.Millisecond), st.Heap>>20)
		}
		fmt.Fprintf(stdout, "  %-28s %8s\n", "flush, swap, save cache", time.Since(commitStart).Round(time.Millisecond))
		// What the garbage collector had to do, to tell a change that
		// makes less garbage from machine noise.
		m := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
		metrics.Read(m)
		fmt.Fprintf(stdout, "  allocated %d MiB, %d garbage collections, %.2f s of CPU collecting\n", m[0].Value.Uint64()>>20, m[1].Value.Uint64(), m[2].Value.Float64())
	}
	fmt.Fprintf(stdout, "handbook: built %d pages (%d files, %s, editions %s) in %s → %s/\n",
		res.Pages, res.Files, how, strings.Join(res.Editions, ", "), time.Since(began).Round(time.Millisecond), strings.TrimSuffix(*out, "/"))
	if len(res.Editions) == 1 && res.Editions[0] == "draft" {
		// A handbook of one's own (it has site.toml; a tree from Hugo has
		// no revisions to publish) before its first publish: the working
		// copy is the site, with no banner, so a deploy now shows a draft
		// as the policy in force.
		if _, err := os.Stat(filepath.Join(sf.source, "site.toml")); err == nil {
			fmt.Fprintf(stderr, "handbook: note: nothing is published yet, so the site shows the working copy as the handbook in force; publish it first (handbook publish -source %s -version V -effective YYYY-MM-DD -note …) if this build is to be deployed\n", sf.source)
		}
	}
	if n := len(res.DraftsLeftOut); n > 0 {
		// A tree from Hugo's quickstart has every page a draft: say why
		// the site is empty, as hugo does not.
		var names []string
		for _, f := range res.DraftsLeftOut[:min(n, 3)] {
			names = append(names, path.Join(opts.SourceName, f))
		}
		more := ""
		if n > 3 {
			more = fmt.Sprintf(" and %d more", n-3)
		}
		fmt.Fprintf(stderr, "handbook: left out %d draft page(s) (draft: true): %s%s — build -drafts, or handbook serve, shows them\n",
			n, strings.Join(names, ", "), more)
	}
	return 0
}

// report prints a failed build's problems, every one, and says the output
// was left alone.
func report(stderr io.Writer, err error, out string) {
	out = strings.TrimSuffix(out, "/") // "-out /" said "// is unchanged"
	list := diag.FromError(err)
	if list == nil {
		fmt.Fprintf(stderr, "handbook: %v\nhandbook: build failed; %s/ is unchanged\n", err, out)
		return
	}
	n := 0
	for _, d := range list {
		if d.Severity == diag.Error {
			fmt.Fprintln(stderr, d)
			n++
		}
	}
	fmt.Fprintf(stderr, "handbook: build failed with %d error(s); %s/ is unchanged\n", n, out)
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// incrementalHeap is the heap an incremental build of a site of files
// output files collects garbage at: 16 KiB a file above 128 MiB (379 MiB
// for 10,000 pages, whose build with every page rendered again holds
// about 300 MiB live).
func incrementalHeap(files int) int64 { return 128<<20 + int64(files)*16<<10 }
