// Command gentree writes a tree of generated Chinese policy pages that both
// handbook (DIR/content) and Hugo (DIR) can build, for benchmarks.
//
//	go run ./generator/bench/cmd/gentree -out /tmp/tree -pages 10000 -seed 1
//	handbook build -source /tmp/tree/content -out /tmp/out-handbook
//	hugo --quiet -s /tmp/tree -d /tmp/out-hugo
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"handbook/generator/bench/gentree"
)

func main() {
	out := flag.String("out", "", "folder to write the tree into (required)")
	pages := flag.Int("pages", 10000, "number of pages")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same tree")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gentree -out DIR [-pages N] [-seed S]")
		os.Exit(2)
	}
	start := time.Now()
	if err := gentree.Generate(*out, *pages, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gentree:", err)
		os.Exit(1)
	}
	fmt.Printf("gentree: %d pages (seed %d) in %s → %s\n", *pages, *seed, time.Since(start).Round(time.Millisecond), *out)
}
