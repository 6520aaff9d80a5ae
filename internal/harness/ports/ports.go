package ports

import (
	"io"
	"net"
	"testing"
)

// Hold listens on a free 127.0.0.1 port for both UDP and TCP until the test
// ends, and returns "127.0.0.1:port".
func Hold(t testing.TB) string {
	t.Helper()
	for {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		u, err := net.ListenPacket("udp", l.Addr().String())
		if err != nil {
			l.Close()
			continue
		}
		t.Cleanup(func() { l.Close(); u.Close() })
		return l.Addr().String()
	}
}

// Free returns a 127.0.0.1 address free for UDP and TCP just now.
func Free(t testing.TB) string {
	t.Helper()
	for {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		if u, err := net.ListenPacket("udp", addr); err == nil {
			u.Close()
			return addr
		}
	}
}

// Listen binds addr over network ("tcp" or "udp"): a test checks with it
// that nothing holds the address any more.
func Listen(network, addr string) (io.Closer, error) {
	if network == "udp" {
		return net.ListenPacket(network, addr)
	}
	return net.Listen(network, addr)
}
