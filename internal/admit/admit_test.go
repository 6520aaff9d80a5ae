package admit

import (
	"errors"
	"net"
	"net/netip"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func mustGate(t *testing.T, c Config) *Gate {
	t.Helper()
	g, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func prefixes(t *testing.T, s ...string) Config {
	t.Helper()
	p, err := ParsePrefixes("allow", s)
	if err != nil {
		t.Fatal(err)
	}
	return Config{Allow: p}
}

func TestParsePrefixes(t *testing.T) {
	p, err := ParsePrefixes("sip.allow", []string{"10.1.2.3/8", "192.0.2.7", "2001:db8::/32"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p[0].String() + " " + p[1].String() + " " + p[2].String(); got != "10.0.0.0/8 192.0.2.7/32 2001:db8::/32" {
		t.Fatalf("parsed %s", got)
	}
	_, err = ParsePrefixes("sip.allow", []string{"10.0.0.0/8", "example.com"})
	if !errors.Is(err, ErrConfig) || err.Error() != `admit: sip.allow[1]: "example.com" is neither a CIDR prefix nor an address` {
		t.Fatalf("bad entry: %v", err)
	}
}

func TestAllowList(t *testing.T) {
	c := prefixes(t, "10.0.0.0/8", "::1")
	tlsOnly, _ := ParsePrefixes("tls", []string{"192.0.2.0/24"})
	c.AllowTransport = map[string][]netip.Prefix{"TLS": tlsOnly}
	g := mustGate(t, c)
	for _, tc := range []struct {
		transport, source string
		want              Verdict
	}{
		{"UDP", "10.9.8.7:5060", Pass},
		{"UDP", "[::ffff:10.9.8.7]:5060", Pass},
		{"TCP", "[::1]:5060", Pass},
		{"UDP", "192.0.2.1:5060", Forbidden},
		{"TLS", "192.0.2.1:5061", Pass},
		{"TLS", "10.9.8.7:5061", Forbidden},
		{"UDP", "garbage", Forbidden},
	} {
		if got := g.Admit(tc.transport, tc.source, true); got != tc.want {
			t.Errorf("%s %s: %v, want %v", tc.transport, tc.source, got, tc.want)
		}
	}
	if n := testutil.ToFloat64(g.refused.WithLabelValues("UDP", "source")); n != 2 {
		t.Errorf("refused UDP by source: %v, want 2", n)
	}
	if everyone := mustGate(t, Config{}); everyone.Admit("UDP", "203.0.113.9:1", true) != Pass {
		t.Error("an empty allow-list refused a source")
	}
}

func TestSilent(t *testing.T) {
	c := prefixes(t, "10.0.0.0/8")
	c.Silent = true
	g := mustGate(t, c)
	if v := g.Admit("UDP", "192.0.2.1:5060", false); v != Ignore {
		t.Errorf("silent verdict %v", v)
	}
	if !g.Drop("UDP", &net.UDPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 1}) {
		t.Error("silent mode did not drop a source not allowed")
	}
	if g.Drop("UDP", &net.UDPAddr{IP: net.IPv4(10, 0, 0, 1), Port: 1}) {
		t.Error("silent mode dropped an allowed source")
	}
	loud := mustGate(t, prefixes(t, "10.0.0.0/8"))
	if loud.Drop("UDP", &net.UDPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 1}) {
		t.Error("403 mode dropped before parsing")
	}
}

func TestInviteRate(t *testing.T) {
	// A rate so low the bucket cannot refill during the test.
	g := mustGate(t, Config{InviteRate: 0.001, InviteBurst: 3})
	for i := range 3 {
		if v := g.Admit("UDP", "192.0.2.1:5060", true); v != Pass {
			t.Fatalf("INVITE %d within the burst: %v", i, v)
		}
	}
	if v := g.Admit("UDP", "192.0.2.1:5060", true); v != Busy {
		t.Fatalf("INVITE over the burst: %v", v)
	}
	if v := g.Admit("UDP", "192.0.2.1:5060", false); v != Pass {
		t.Fatalf("in-dialog request over the rate: %v", v)
	}
	if v := g.Admit("UDP", "192.0.2.2:5060", true); v != Pass {
		t.Fatalf("another source: %v", v)
	}
	if n := testutil.ToFloat64(g.refused.WithLabelValues("UDP", "rate")); n != 1 {
		t.Errorf("refused by rate: %v", n)
	}
}

func TestPruneForgetsFullBuckets(t *testing.T) {
	g := mustGate(t, Config{InviteRate: 1e9, InviteBurst: 1})
	for i := range maxSources + 10 {
		a := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
		g.limiter(a)
	}
	g.mu.Lock()
	n := len(g.sources)
	g.mu.Unlock()
	if n >= maxSources {
		t.Fatalf("%d sources kept, want fewer than %d", n, maxSources)
	}
}

func TestListenerClosesRefused(t *testing.T) {
	c := prefixes(t, "192.0.2.0/24") // 127.0.0.1 is not in it
	c.Silent = true
	g := mustGate(t, c)
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := g.Listener(raw, "TCP")
	defer func() { _ = ln.Close() }()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c
		}
		close(accepted)
	}()
	conn, err := net.Dial("tcp", raw.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Fatal("refused connection stayed open")
	}
	_ = ln.Close()
	if c, ok := <-accepted; ok {
		_ = c.Close()
		t.Fatal("a refused connection was handed on")
	}
	if n := testutil.ToFloat64(g.refused.WithLabelValues("TCP", "source")); n != 1 {
		t.Errorf("refused connections: %v", n)
	}
}
