package serve

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad runs 200 concurrent clients on loopback against a real server
// over a content folder, beside clients that misbehave: readers taking one
// byte a second, live-reload streams never read, a request whose headers
// arrive a byte a second. No request may fail, the heap must stay flat,
// and the slow clients must not hold up the others (their p99 stays low).
//
// HANDBOOK_LOAD_SECONDS sets the duration (5 s; the figure is 30).
// The heap is that of the test process: server and clients together.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	seconds := 5
	if s := os.Getenv("HANDBOOK_LOAD_SECONDS"); s != "" {
		seconds, _ = strconv.Atoi(s)
	}
	const clients = 200
	// A 3 MB chapter for the slow readers: far more than the socket
	// buffers hold, so the server's writer for it really blocks.
	content := t.TempDir()
	writeTree(t, content, smallSite)
	writeTree(t, content, map[string]string{"big.md": "---\ntitle: 第四章 长文\norder: 4\nslug: big\n---\n\n" +
		strings.Repeat("大客户部门负责公司重点客户的开发、维护与服务工作。\n\n", 40000)})
	ts := start(t, options{source: content})
	if body := ts.page("/latest/big/"); len(body) < 2<<20 {
		t.Fatalf("the big page is only %d bytes", len(body))
	}
	// Not the print page: it holds the big chapter too.
	paths := []string{"/latest/", "/latest/a/", "/latest/b/", "/latest/c/", "/latest/search/", scriptPath}
	for _, p := range paths {
		ts.page(p)
	}
	host := strings.TrimPrefix(ts.url, "http://")

	// Misbehaving clients.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var slow sync.WaitGroup
	for range 5 {
		// Reads the big page one byte a second through a tiny receive window.
		slow.Add(1)
		go func() {
			defer slow.Done()
			c, err := net.Dial("tcp", host)
			if err != nil {
				return
			}
			defer c.Close()
			_ = c.(*net.TCPConn).SetReadBuffer(256)
			fmt.Fprintf(c, "GET /latest/big/ HTTP/1.1\r\nHost: %s\r\n\r\n", host)
			b := make([]byte, 1)
			for ctx.Err() == nil {
				_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
				if _, err := c.Read(b); err != nil && !isTimeout(err) {
					return
				}
				sleep(ctx, time.Second)
			}
		}()
		// Opens the live-reload stream and never reads it.
		slow.Add(1)
		go func() {
			defer slow.Done()
			c, err := net.Dial("tcp", host)
			if err != nil {
				return
			}
			defer c.Close()
			_ = c.(*net.TCPConn).SetReadBuffer(256)
			fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n", eventsPath, host)
			<-ctx.Done()
		}()
	}
	// Sends its request headers a byte a second (slowloris).
	slow.Add(1)
	go func() {
		defer slow.Done()
		c, err := net.Dial("tcp", host)
		if err != nil {
			return
		}
		defer c.Close()
		req := "GET /latest/ HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: " + strings.Repeat("a", 100) + "\r\n\r\n"
		for i := 0; i < len(req) && ctx.Err() == nil; i++ {
			if _, err := c.Write([]byte{req[i]}); err != nil {
				return
			}
			sleep(ctx, time.Second)
		}
	}()

	// Memory: sampled every 100 ms; start and end after a collection.
	heap := func(gc bool) uint64 {
		if gc {
			runtime.GC()
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	startHeap := heap(true)
	var peak atomic.Uint64
	peak.Store(startHeap)
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if h := heap(false); h > peak.Load() {
					peak.Store(h)
				}
			}
		}
	}()

	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	lat := make([][]time.Duration, clients)
	var errs atomic.Int64
	var firstErr atomic.Value
	var bytesRead atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 1))
			for time.Now().Before(deadline) {
				p := paths[r.IntN(len(paths))]
				t0 := time.Now()
				res, err := client.Get(ts.url + p)
				if err == nil {
					var n int64
					n, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					bytesRead.Add(n)
					if err == nil && res.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s: %s", p, res.Status)
					}
				}
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	cancel()
	<-sampled
	slow.Wait()
	tr.CloseIdleConnections()
	endHeap := heap(true)

	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) == 0 {
		t.Fatalf("no request succeeded: %v", firstErr.Load())
	}
	pct := func(p int) time.Duration { return all[(len(all)*p+99)/100-1] }
	t.Logf("%d clients for %v: %d requests (%.0f/s, %.1f MB/s), %d errors; latency p50 %v, p99 %v, max %v; heap in use start %.1f MB, peak %.1f MB, end %.1f MB",
		clients, elapsed.Round(time.Millisecond), len(all), float64(len(all))/elapsed.Seconds(), float64(bytesRead.Load())/elapsed.Seconds()/(1<<20),
		errs.Load(), pct(50).Round(time.Microsecond), pct(99).Round(time.Microsecond), all[len(all)-1].Round(time.Microsecond),
		mb(startHeap), mb(peak.Load()), mb(endHeap))
	if n := errs.Load(); n > 0 {
		t.Errorf("%d requests failed, the first: %v", n, firstErr.Load())
	}
	// The slow clients hold a connection each and nothing else: the
	// others' requests never wait for them.
	if p99 := pct(99); p99 > 2*time.Second {
		t.Errorf("p99 latency %v: something held the clients up", p99)
	}
	// Flat: what the run leaves behind is a few MB of pools and buffers,
	// not a share of every request served.
	if endHeap > startHeap+32<<20 {
		t.Errorf("heap in use grew from %.1f MB to %.1f MB", mb(startHeap), mb(endHeap))
	}
	// The server is still healthy, and no live-reload client is left over
	// from the streams that were never read.
	ts.page("/latest/a/")
	for i := 0; ts.srv.hub.count() > 1 && i < 50; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if n := ts.srv.hub.count(); n > 1 {
		t.Errorf("%d live-reload clients still registered after theirs closed", n)
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
