package serve

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// hub is the live-reload channel: Server-Sent Events to every open page.
// A page that cannot keep up is disconnected rather than waited for; its
// EventSource reconnects and the hello it gets then tells it whether its
// build is still current, so it misses nothing.
type hub struct {
	mu      sync.Mutex
	clients map[*sseClient]bool
	done    chan struct{}
	closed  bool
}

type sseClient struct {
	msgs   chan []byte
	kicked chan struct{}
}

const (
	clientBuffer = 16
	writeTimeout = 5 * time.Second
	pingEvery    = 20 * time.Second
)

func newHub() *hub { return &hub{clients: map[*sseClient]bool{}, done: make(chan struct{})} }

// event formats one SSE message.
func event(name string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte("{}")
	}
	var s strings.Builder
	s.WriteString("event: ")
	s.WriteString(name)
	s.WriteString("\ndata: ")
	s.Write(b) // JSON has no raw newlines
	s.WriteString("\n\n")
	return []byte(s.String())
}

// broadcast queues msg for every client without blocking.
func (h *hub) broadcast(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.msgs <- msg:
		default:
			delete(h.clients, c)
			close(c.kicked)
		}
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close ends every stream, so http.Server.Shutdown need not wait for them.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// serve streams events to one page. hello is the first message: the
// current build and, if the last build failed, its problems.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, hello func() []byte) {
	c := &sseClient{msgs: make(chan []byte, clientBuffer), kicked: make(chan struct{})}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if h.clients[c] {
			delete(h.clients, c)
		}
		h.mu.Unlock()
	}()

	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	write := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write(append([]byte("retry: 500\n\n"), hello()...)) {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-c.kicked:
			return
		case m := <-c.msgs:
			if !write(m) {
				return
			}
		case <-ping.C:
			if !write([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
