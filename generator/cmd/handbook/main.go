// Command handbook builds, previews and publishes a versioned policy
// handbook, and computes payouts with the handbook's rules.
//
//	handbook build   [-source content] [-out public] [-drafts]
//	handbook serve   [-source content] [-addr 127.0.0.1:1313]
//	handbook publish -version V -effective YYYY-MM-DD -note TEXT
//	handbook payout  -role sales -score 88 -base 3000 -dept exceeded
//
// This package holds flags and wiring only; the work is done by the
// packages under generator/ and calculator/.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `handbook — a versioned policy handbook, as a static site

usage:
  handbook build   [-source content] [-out public] [-drafts]   build the site
  handbook serve   [-source content] [-addr 127.0.0.1:1313]    preview with live reload
  handbook publish -version V -effective YYYY-MM-DD -note TEXT publish the draft as a revision
  handbook payout  -role sales -score 88 -base 3000 -dept exceeded
                                                               compute a payout (-csv for a month)

Run "handbook <command> -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "publish":
		return runPublish(args[1:], stdout, stderr)
	case "payout":
		return runPayout(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "handbook: unknown command %q\n\n%s", args[0], usage)
	return 2
}
