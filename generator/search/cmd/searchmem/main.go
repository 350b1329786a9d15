//go:build unix

// Command searchmem measures the memory and time search.Build takes: the
// peak extra live heap (the most the heap marked live by a GC exceeds the
// live heap before the build; set -gogc low for a fine sampling), the bytes
// allocated, the CPU time, and a hash of the files, to check that two
// versions of the package give the same bytes.
//
//	searchmem -synth 20000 -reps 3 -gogc 10     a synthetic corpus (10 clauses a page)
//	searchmem -index out/latest/search          the docs of a built index (its doc shards)
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

func main() {
	synth := flag.Int("synth", 0, "index searchtest.Synthetic(1, N, 10)")
	index := flag.String("index", "", "index the docs of this built index folder (with meta.json)")
	reps := flag.Int("reps", 1, "builds to run")
	gogc := flag.Int("gogc", 100, "GOGC during the builds")
	delta := flag.Int("delta", 0, "also build a delta of the first N docs (over the full index)")
	flag.Parse()
	var docs []search.Doc
	switch {
	case *synth > 0:
		docs = searchtest.Synthetic(1, *synth, 10)
	case *index != "":
		var err error
		if docs, err = search.ReadDocs(os.DirFS(*index)); err != nil {
			log.Fatal(err)
		}
	default:
		log.Fatal("searchmem: -synth or -index")
	}
	text := 0
	for _, d := range docs {
		text += len(d.Text) + len(d.Heading)
	}
	debug.SetGCPercent(*gogc)
	for r := range *reps {
		files, m := measure(func() map[string][]byte {
			f, err := search.Build(docs, search.Options{})
			if err != nil {
				log.Fatal(err)
			}
			return f
		})
		fmt.Printf("build rep=%d docs=%d text=%.1fMB files=%d out=%.1fMB %s hash=%s build=%s\n", r, len(docs), mb(text), len(files), mb(size(files)), m, hash(files), buildOf(files["search/meta.json"]))
		if *delta > 0 {
			base := files["search/meta.json"]
			files = nil
			page := slices.Clone(docs[:min(*delta, len(docs))])
			for i := range page {
				page[i].Text += "本条自二〇二六年七月起执行。"
			}
			files, m := measure(func() map[string][]byte {
				f, err := search.BuildDelta(base, []search.Range{{From: 0, To: len(page)}}, page, search.Options{})
				if err != nil {
					log.Fatal(err)
				}
				return f
			})
			fmt.Printf("delta rep=%d docs=%d files=%d out=%.1fMB %s hash=%s\n", r, len(page), len(files), mb(size(files)), m, hash(files))
		}
	}
}

func mb(n int) float64 { return float64(n) / (1 << 20) }

func size(files map[string][]byte) int {
	n := 0
	for _, f := range files {
		n += len(f)
	}
	return n
}

func hash(files map[string][]byte) string {
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	})
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

type result struct {
	before, peakLive, peakHeap uint64
	alloc                      uint64
	gcs                        uint32
	cpu, wall                  time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("live0=%.1fMB peakExtraLive=%.1fMB peakExtraHeap=%.1fMB alloc=%.1fMB gcs=%d cpu=%.2fs wall=%.2fs",
		mb(int(r.before)), mb(int(r.peakLive-r.before)), mb(int(r.peakHeap-r.before)), mb(int(r.alloc)), r.gcs, r.cpu.Seconds(), r.wall.Seconds())
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs f, sampling the live heap (as of the last GC) and the heap
// in use every 200µs.
func measure(f func() map[string][]byte) (map[string][]byte, result) {
	runtime.GC()
	runtime.GC()
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(samples)
	var r result
	r.before = samples[0].Value.Uint64()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var peakLive, peakHeap uint64
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := slices.Clone(samples)
		for !stop.Load() {
			metrics.Read(s)
			peakLive = max(peakLive, s[0].Value.Uint64())
			peakHeap = max(peakHeap, s[1].Value.Uint64())
			time.Sleep(200 * time.Microsecond)
		}
	}()
	c0, t0 := cpuTime(), time.Now()
	files := f()
	r.cpu, r.wall = cpuTime()-c0, time.Since(t0)
	stop.Store(true)
	wg.Wait()
	runtime.ReadMemStats(&ms1)
	// the files are live at the end: count them too, with a last GC.
	runtime.GC()
	metrics.Read(samples)
	r.peakLive = max(peakLive, samples[0].Value.Uint64())
	r.peakHeap = peakHeap
	r.alloc = ms1.TotalAlloc - ms0.TotalAlloc
	r.gcs = ms1.NumGC - ms0.NumGC
	return files, r
}

func buildOf(meta []byte) string {
	var m search.Meta
	json.Unmarshal(meta, &m)
	return m.Build
}
