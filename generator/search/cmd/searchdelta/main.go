// Command searchdelta measures search.BuildDelta over a built index: it
// reads the index's clauses back from its doc shards, edits the clauses of
// -pages pages (a sentence added to each), times BuildDelta of them over
// the index as base, and writes the base with the delta to -out, ready for
// searchbench:
//
//	searchdelta -index OUT/latest/search -out /tmp/delta [-pages 1] [-rounds 5]
//	searchbench -index /tmp/delta -base OUT/latest/search -base-ts theme/ts -rounds 3
//
// It times Build of the edited docs too, the full index the delta stands
// for, alternating the two.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"time"

	"handbook/generator/search"
)

func main() {
	index := flag.String("index", "", "a built index: the folder holding meta.json")
	out := flag.String("out", "", "folder to write the base with the delta into")
	pages := flag.Int("pages", 1, "pages changed")
	rounds := flag.Int("rounds", 5, "times to run BuildDelta (and Build)")
	full := flag.Bool("full", true, "time Build of the edited docs too")
	flag.Parse()
	if *index == "" {
		log.Fatal("searchdelta: -index is required")
	}
	metaJSON, err := os.ReadFile(filepath.Join(*index, "meta.json"))
	if err != nil {
		log.Fatal(err)
	}
	var meta search.Meta
	if err := json.Unmarshal(metaJSON, &meta); err != nil {
		log.Fatal(err)
	}
	docs, err := search.ReadDocs(os.DirFS(*index))
	if err != nil {
		log.Fatal(err)
	}
	// Pages spread over the site, each a run of docs with one URL.
	var urls []string
	for i, d := range docs {
		if i == 0 || docs[i-1].URL != d.URL {
			urls = append(urls, d.URL)
		}
	}
	changed := map[string]bool{}
	for k := range *pages {
		changed[urls[(k*2+1)*len(urls)/(2**pages)]] = true
	}
	deleted := search.Ranges(docs, func(d *search.Doc) bool { return changed[d.URL] })
	var delta, edited []search.Doc
	for _, d := range docs {
		if changed[d.URL] {
			d.Text += "本条自二〇二六年七月起执行差旅报销标准。"
			delta = append(delta, d)
		}
		edited = append(edited, d)
	}
	fmt.Printf("base: %d docs, %d pages; delta: %d pages, %d docs, %d ranges deleted\n", len(docs), len(urls), len(changed), len(delta), len(deleted))

	var files map[string][]byte
	var td, tf []time.Duration
	for r := range *rounds {
		runDelta := func() {
			t0 := time.Now()
			files, err = search.BuildDelta(metaJSON, deleted, delta, search.Options{})
			td = append(td, time.Since(t0))
			if err != nil {
				log.Fatal(err)
			}
		}
		runFull := func() {
			if !*full {
				return
			}
			t0 := time.Now()
			if _, err := search.Build(edited, search.Options{}); err != nil {
				log.Fatal(err)
			}
			tf = append(tf, time.Since(t0))
		}
		if r%2 == 0 {
			runDelta()
			runFull()
		} else {
			runFull()
			runDelta()
		}
	}
	size := 0
	for name, b := range files {
		size += len(b)
		fmt.Printf("  %s %d bytes\n", name, len(b))
	}
	fmt.Printf("BuildDelta: median %v (min %v) over %d runs, %d files, %d bytes\n", median(td), slices.Min(td), len(td), len(files), size)
	if len(tf) > 0 {
		fmt.Printf("Build of the edited docs: median %v (min %v)\n", median(tf), slices.Min(tf))
	}
	if *out == "" {
		return
	}
	// The base's files, linked, and the delta's.
	if err := os.CopyFS(*out, os.DirFS(*index)); err != nil {
		log.Fatal(err)
	}
	for name, b := range files {
		p := filepath.Join(*out, filepath.FromSlash(name[len("search/"):]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("wrote", *out)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
