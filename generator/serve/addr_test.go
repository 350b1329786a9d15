package serve

import (
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
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

// An address that cannot be listened on says why and what to give: an
// address that is not this computer's, a host name that does not resolve.
// net.Listen's words ("bind: cannot assign requested address", "lookup
// …: no such host") said neither.
func TestUnusableAddressSaysWhatToGive(t *testing.T) {
	nop := BuildFunc(func([]string) (*Site, error) { return &Site{}, nil })
	for _, c := range []struct{ addr, want string }{
		{"192.0.2.1:1313", "192.0.2.1 is not an address of this computer — give one of its own, e.g. -addr 127.0.0.1:1313"},
	} {
		_, err := New(Config{Addr: c.addr, Builder: nop})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.addr+": ") {
			t.Errorf("-addr %s: %v, want %q", c.addr, err, c.want)
		}
	}
	// Not looked up here: a machine without DNS would wait for it.
	dns := &net.OpError{Op: "listen", Err: &net.DNSError{Err: "no such host", Name: "nosuchhost.invalid", IsNotFound: true}}
	if err := listenError("nosuchhost.invalid:1313", dns); !strings.Contains(err.Error(), "no host is called nosuchhost.invalid — give an address of this computer, e.g. -addr 127.0.0.1:1313") {
		t.Errorf("a host name that does not resolve: %v", err)
	}
	if err := listenError("127.0.0.1:80", &net.OpError{Op: "listen", Err: os.NewSyscallError("bind", syscall.EACCES)}); !strings.Contains(err.Error(), "ports below 1024 need root") {
		t.Errorf("a port this user may not use: %v", err)
	}
}

// Listening on every address, the address printed to open is this
// computer's own (it printed http://[::]:1313/, which opens nothing).
func TestEveryAddressPrintsOneToOpen(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		srv, err := New(Config{Addr: addr, Builder: BuildFunc(func([]string) (*Site, error) { return &Site{}, nil })})
		if err != nil {
			t.Fatal(err)
		}
		port := srv.ln.Addr().(*net.TCPAddr).Port
		if got, want := srv.URL(), "http://127.0.0.1:"+strconv.Itoa(port)+"/"; got != want {
			t.Errorf("-addr %s: URL %s, want %s", addr, got, want)
		}
		srv.ln.Close()
	}
}
