package serve

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestCtrlCDuringTheFirstBuild: Ctrl-C in the terminal interrupts the
// build's own go build of the calculator too, and the server then said
// "error: … signal: interrupt", "build failed … it rebuilds on save" and
// "serving http://… — Ctrl-C to stop" before "stopped": an error that was
// none, and an address to open for a server that was going away. It now
// says only that it stopped.
func TestCtrlCDuringTheFirstBuild(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := BuildFunc(func([]string) (*Site, error) {
		cancel() // Ctrl-C reaches the server and the build's go build
		return nil, errors.New("wasmbuild: go build ./calculator/wasm: signal: interrupt")
	})
	log := &syncBuffer{}
	srv, err := New(Config{Addr: "127.0.0.1:0", Builder: b, Log: log})
	must(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after Ctrl-C")
	}
	for _, no := range []string{"interrupt", "build failed", "serving"} {
		if strings.Contains(log.String(), no) {
			t.Errorf("after Ctrl-C the terminal says %q:\n%s", no, log)
		}
	}
}
