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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"handbook/generator/editdist"
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

// parseFlags parses a command's flags the way a newcomer needs them read.
// -h prints what the command does and its flags, to stdout, and exits 0.
// A flag the command does not have, or a value it cannot read, is said in
// one line with the flag most likely meant (Hugo's -d, -s and -D among
// them) and where to look, and exits 2. So does an argument that is not a
// flag: Go's flag package stops at it, and every flag after it was
// silently ignored (handbook build content -out site built into public/).
// argHint says what the command takes instead of an argument. It returns
// -1 when the command should go on.
func parseFlags(fl *flag.FlagSet, args []string, synopsis, argHint string, stdout, stderr io.Writer) int {
	name := "handbook " + fl.Name()
	fl.SetOutput(io.Discard)
	fl.Usage = func() {}
	err := fl.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "usage: %s\n\nflags:\n", synopsis)
		fl.SetOutput(stdout)
		fl.PrintDefaults()
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v%s — run \"%s -h\" for its flags\n", name, err, flagHint(fl, err), name)
		return 2
	case fl.NArg() > 0:
		fmt.Fprintf(stderr, "%s: unexpected argument %q: %s takes flags only (%s) — run \"%s -h\" for its flags\n", name, fl.Arg(0), name, argHint, name)
		return 2
	}
	// The flag package keeps a repeated flag's last value in silence:
	// publish -effective 2027-08-01 -effective 2027-09-01 froze the
	// second date for good, build -out a -out b wrote to b alone.
	if msg := givenTwice(fl, args); msg != "" {
		fmt.Fprintf(stderr, "%s: %s — run \"%s -h\" for its flags\n", name, msg, name)
		return 2
	}
	return -1
}

// flagAliases are the names other tools give a flag: Hugo's (-d, -s, -D,
// --port) for a user coming from it, and the usual short ones.
var flagAliases = map[string]string{
	"d": "out", "destination": "out", "o": "out", "output": "out", "dest": "out",
	"s": "source", "src": "source", "content": "source", "contentDir": "source",
	"D": "drafts", "buildDrafts": "drafts", "draft": "drafts",
	"port": "addr", "p": "addr", "bind": "addr", "listen": "addr", "address": "addr",
	"f": "full", "force": "full", "timing": "timings", "date": "today",
}

// flagHint names the flag most likely meant by one the command does not
// have: an alias, a flag it begins, or one a letter or two away.
func flagHint(fl *flag.FlagSet, err error) string {
	_, bad, ok := strings.Cut(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	bad = strings.TrimLeft(bad, "-")
	bad, _, _ = strings.Cut(bad, "=")
	best, bestDist := "", 3
	if alias, ok := flagAliases[bad]; ok && fl.Lookup(alias) != nil {
		best, bestDist = alias, 0
	}
	fl.VisitAll(func(f *flag.Flag) {
		d := editdist.Levenshtein(strings.ToLower(bad), f.Name)
		if len(bad) >= 2 && strings.HasPrefix(f.Name, strings.ToLower(bad)) {
			d = 1
		}
		if d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean -%s?)", best)
}
