package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"

	"handbook/generator/serve"
)

const serveSynopsis = `handbook serve [-source content] [-addr 127.0.0.1:1313]

Previews the site with its working copy (under /draft/ when revisions are
published), built in memory and rebuilt on every save; the page in the
browser reloads at the same scroll position. It writes no output folder
(handbook build does). Ctrl-C stops it.`

// checkAddr says what is wrong with an -addr that cannot be listened on
// as written, before the site is built: net.Listen's own words ("missing
// port in address") do not say what to give.
func checkAddr(addr string) error {
	if n, err := strconv.Atoi(addr); err == nil && n >= 0 && n <= 65535 {
		return fmt.Errorf("-addr %s: give a host and a port, e.g. -addr 127.0.0.1:%d (this computer only) or -addr :%d (other computers too)", addr, n, n)
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %s: want host:port, e.g. -addr %s (this computer only) or -addr :1313 (other computers too)", addr, serve.DefaultAddr)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return fmt.Errorf("-addr %s: the port must be a number from 1 to 65535 (0 picks a free one), e.g. -addr %s", addr, serve.DefaultAddr)
	}
	return nil
}

// runServe previews the handbook: the site with its working copy, built
// in memory, rebuilt on every save, reloaded in the browser.
func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	var sf siteFlags
	sf.register(fl)
	addr := fl.String("addr", serve.DefaultAddr, "address to listen on, host:port; the default is reachable from this computer only")
	if code := parseFlags(fl, args, serveSynopsis, "the folder of pages is given with -source", stdout, stderr); code >= 0 {
		return code
	}
	if err := checkAddr(*addr); err != nil {
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 2
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintln(stderr, "handbook:", err)
		return 1
	}
	opts.Drafts = true
	// A SIGTERM to the server alone (docker stop, systemd) stops the
	// calculator's compile too, as a terminal's Ctrl-C (sent to the whole
	// process group) does: the server waited for it, 20 s on a busy machine.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The server stops once the build it may be running ends (seconds,
		// on a large site); a second Ctrl-C ends the process at once. The
		// site being served is in memory, and public/ is not written.
		<-ctx.Done()
		stop()
	}()
	opts.WASM = func() ([]byte, error) { return calculatorModule(ctx) }

	watch := []string{sf.source}
	if dir := themeDir(sf.theme, sf.source); dir != "" {
		watch = append(watch, dir)
	}
	calc := ""
	if root, ok := moduleRoot(); ok {
		calc = filepath.Join(root, "calculator")
		watch = append(watch, calc)
	}
	src := &freshSource{path: sf.source, fsys: opts.Source}
	src.seen, _ = fs.Stat(opts.Source, ".")
	opts.Source = src
	full, err := serve.NewFullBuilder(opts, calc)
	if err != nil {
		fmt.Fprintln(stderr, "handbook:", err)
		return 1
	}
	builder := refreshing{full, src}
	srv, err := serve.New(serve.Config{Addr: *addr, Builder: builder, Watch: watch, Ignore: []string{"public"}, Log: stdout, ErrLog: stderr})
	if err != nil {
		_ = builder.Close()
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	fmt.Fprintln(stdout, "handbook: stopped")
	return 0
}

// freshSource is the content folder as serve reads it: the build's
// os.Root, opened again when the folder at its path is no longer the one
// opened. An os.Root reads the folder it opened, wherever it went: after
// the folder was deleted and made again (rm -rf and a copy from a
// backup), or moved away with another put in its place, every rebuild
// read the old one, 'cannot read … no such file or directory' for good,
// whatever the admin saved. (The folder left behind stays open: one
// handle per folder replaced.)
type freshSource struct {
	path string
	mu   sync.RWMutex
	fsys fs.FS
	seen fs.FileInfo // the folder fsys reads
}

func (f *freshSource) current() fs.FS {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.fsys
}

// refresh opens the folder at path anew if it is not the one read.
func (f *freshSource) refresh() {
	st, err := os.Stat(f.path)
	if err != nil || !st.IsDir() || f.seen != nil && os.SameFile(st, f.seen) {
		return
	}
	root, err := os.OpenRoot(f.path)
	if err != nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fsys, f.seen = newContentFS(root.FS(), f.path), st
}

func (f *freshSource) Open(name string) (fs.File, error)    { return f.current().Open(name) }
func (f *freshSource) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.current(), name) }
func (f *freshSource) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(f.current(), name)
}
func (f *freshSource) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(f.current(), name) }
func (f *freshSource) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.current(), name) }
func (f *freshSource) ReadLink(name string) (string, error)   { return fs.ReadLink(f.current(), name) }

// refreshing is serve's builder: it reads the content folder that is
// there now (freshSource) before each build.
type refreshing struct {
	*serve.FullBuilder
	src *freshSource
}

func (r refreshing) Build(changed []string) (*serve.Site, error) {
	r.src.refresh()
	return r.FullBuilder.Build(changed)
}
