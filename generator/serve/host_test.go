package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A web page the admin visits can rebind its own name to 127.0.0.1 and
// then read the preview as if it were its own site (DNS rebinding): the
// drafts, the search index, the live-reload channel. Its requests carry
// its name in Host; a preview on the loopback interface refuses them,
// and answers the names of this computer's loopback as before.
func TestRebindingHostIsRefused(t *testing.T) {
	ts := fixedSite(t)
	addr := strings.TrimPrefix(ts.url, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
		"localhost.evil.example:" + port, "10.0.0.5:" + port, "0.0.0.0:" + port} {
		for _, target := range []string{"/hb/draft/a/", "/hb/draft/search/index.json", eventsPath, "/nothing"} {
			code, body := hostGet(t, addr, host, target)
			if code != http.StatusMisdirectedRequest || strings.Contains(body, "第一章") {
				t.Errorf("Host %s, GET %s: %d %q, want 421 without the page", host, target, code, body)
			}
		}
	}
	for _, host := range []string{addr, "localhost:" + port, "LOCALHOST:" + port, "localhost.:" + port, "hb.localhost:" + port,
		"127.0.0.2:" + port, "[::1]:" + port, "127.0.0.1"} {
		if code, body := hostGet(t, addr, host, "/hb/draft/a/"); code != 200 || !strings.Contains(body, "第一章") {
			t.Errorf("Host %s: %d, want the page", host, code)
		}
	}
}

func hostGet(t *testing.T, addr, host, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	if res.StatusCode == 200 && res.Header.Get("Content-Type") == "text/event-stream" {
		return 200, ""
	}
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
