package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"handbook/generator/serve"
)

// runServe previews the handbook: the site with its working copy, built
// in memory, rebuilt on every save, reloaded in the browser.
func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var sf siteFlags
	sf.register(fl)
	addr := fl.String("addr", serve.DefaultAddr, "address to listen on; the default is reachable from this computer only")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintln(stderr, "handbook:", err)
		return 1
	}
	opts.Drafts = true

	watch := []string{sf.source}
	if dir := themeDir(sf.theme, sf.source); dir != "" {
		watch = append(watch, dir)
	}
	calc := ""
	if root, ok := moduleRoot(); ok {
		calc = filepath.Join(root, "calculator")
		watch = append(watch, calc)
	}
	builder, err := serve.NewFullBuilder(opts, calc)
	if err != nil {
		fmt.Fprintln(stderr, "handbook:", err)
		return 1
	}
	srv, err := serve.New(serve.Config{Addr: *addr, Builder: builder, Watch: watch, Ignore: []string{"public"}, Log: stdout, ErrLog: stderr})
	if err != nil {
		_ = builder.Close()
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "handbook serve:", err)
		return 1
	}
	fmt.Fprintln(stdout, "handbook: stopped")
	return 0
}
