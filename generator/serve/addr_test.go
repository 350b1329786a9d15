package serve

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// A taken address is refused with the next port of the same host to try:
// it suggested 127.0.0.1:1314 whatever was taken, even 1314 itself.
func TestTakenAddressSuggestsTheNextPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, err = New(Config{Addr: addr, Builder: BuildFunc(func([]string) (*Site, error) { return &Site{}, nil })})
	if err == nil {
		t.Fatal("New on a taken address succeeded")
	}
	port := ln.Addr().(*net.TCPAddr).Port
	want := "-addr 127.0.0.1:" + strconv.Itoa(port+1)
	if !strings.Contains(err.Error(), addr+" is in use") || !strings.Contains(err.Error(), want) {
		t.Errorf("error %q, want it to name %s and suggest %s", err, addr, want)
	}
}
