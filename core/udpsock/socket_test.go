package udpsock

import (
	"bytes"
	"errors"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"
)

var loopback = netip.MustParseAddr("127.0.0.1")

// wait bounds every blocking step of a test; nothing is timed against it.
const wait = 5 * time.Second

func listen(t testing.TB, addr netip.Addr) *Socket {
	t.Helper()
	s, err := Listen(netip.AddrPortFrom(addr, 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// recvAll polls s until n datagrams arrived (they are on the queue by the
// time sendto returns on loopback; the loop only guards against a slow
// kernel).
func recvAll(t testing.TB, s *Socket, n int) []Message {
	t.Helper()
	var got []Message
	var b Batch
	deadline := time.Now().Add(wait)
	for len(got) < n {
		k, err := s.RecvBatch(&b)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range b.Msgs[:k] {
			m.Buf = bytes.Clone(m.Buf)
			got = append(got, m)
		}
		if k == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("got %d datagrams, want %d", len(got), n)
			}
			time.Sleep(time.Millisecond)
		}
	}
	return got
}

func TestDatagramsArriveWithTheirSourceAndKernelTime(t *testing.T) {
	s := listen(t, loopback)
	peer, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	before := time.Now()
	for i := range 7 { // more than one batch
		if _, err := peer.WriteToUDPAddrPort([]byte{byte(i), 1, 2}, s.LocalAddr()); err != nil {
			t.Fatal(err)
		}
	}
	got := recvAll(t, s, 7)
	after := time.Now()
	for i, m := range got {
		if !bytes.Equal(m.Buf, []byte{byte(i), 1, 2}) {
			t.Errorf("datagram %d = %x", i, m.Buf)
		}
		if m.Src != peer.LocalAddr().(*net.UDPAddr).AddrPort() {
			t.Errorf("datagram %d from %v, want %v", i, m.Src, peer.LocalAddr())
		}
		// Wall-clock stamps: allow for the clock's resolution.
		if m.Stamp.Before(before.Add(-time.Millisecond)) || m.Stamp.After(after.Add(time.Millisecond)) {
			t.Errorf("datagram %d stamped %v, outside [%v, %v]", i, m.Stamp, before, after)
		}
		if m.Truncated {
			t.Errorf("datagram %d marked truncated", i)
		}
	}
}

func TestAnEmptyQueueReturnsNothingAtOnce(t *testing.T) {
	s := listen(t, loopback)
	var b Batch
	if n, err := s.RecvBatch(&b); n != 0 || err != nil {
		t.Fatalf("RecvBatch on an empty socket = %d, %v", n, err)
	}
}

func TestSendToReachesAPlainSocket(t *testing.T) {
	s := listen(t, loopback)
	peer, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	if err := s.SendTo([]byte("hello"), peer.LocalAddr().(*net.UDPAddr).AddrPort()); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	_ = peer.SetReadDeadline(time.Now().Add(wait))
	n, from, err := peer.ReadFromUDPAddrPort(buf)
	if err != nil {
		t.Fatal(err)
	}
	if string(buf[:n]) != "hello" || from != s.LocalAddr() {
		t.Fatalf("peer got %q from %v, want hello from %v", buf[:n], from, s.LocalAddr())
	}
}

func TestAnOversizedDatagramIsMarkedTruncated(t *testing.T) {
	s, peer := listen(t, loopback), listen(t, loopback)
	if err := peer.SendTo(make([]byte, MaxDatagram+1), s.LocalAddr()); err != nil {
		t.Fatal(err)
	}
	m := recvAll(t, s, 1)[0]
	if !m.Truncated || len(m.Buf) != MaxDatagram {
		t.Fatalf("Truncated = %v, %d bytes; want true, %d", m.Truncated, len(m.Buf), MaxDatagram)
	}
}

func TestIPv6SocketsTalkToBothFamilies(t *testing.T) {
	probe, err := net.ListenUDP("udp6", &net.UDPAddr{IP: net.IPv6loopback})
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	probe.Close()
	s := listen(t, netip.IPv6Unspecified())
	v6, v4 := listen(t, netip.IPv6Loopback()), listen(t, loopback)
	port := s.LocalAddr().Port()
	if err := v6.SendTo([]byte{6}, netip.AddrPortFrom(netip.IPv6Loopback(), port)); err != nil {
		t.Fatal(err)
	}
	if err := v4.SendTo([]byte{4}, netip.AddrPortFrom(loopback, port)); err != nil {
		t.Fatal(err)
	}
	got := recvAll(t, s, 2)
	srcs := map[netip.AddrPort]byte{}
	for _, m := range got {
		srcs[m.Src] = m.Buf[0]
	}
	if srcs[v6.LocalAddr()] != 6 || srcs[v4.LocalAddr()] != 4 {
		t.Fatalf("sources %v, want %v→6 and %v→4 (IPv4 unmapped)", srcs, v6.LocalAddr(), v4.LocalAddr())
	}
	if err := s.SendTo([]byte{1}, v4.LocalAddr()); err != nil {
		t.Fatalf("dual-stack socket sending to IPv4: %v", err)
	}
	recvAll(t, v4, 1)
	if err := v4.SendTo([]byte{1}, v6.LocalAddr()); err == nil {
		t.Fatal("an IPv4 socket sent to an IPv6 address")
	}
}

func TestCloseEndsEveryCallAndIsIdempotent(t *testing.T) {
	s, err := Listen(netip.AddrPortFrom(loopback, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	var b Batch
	if _, err := s.RecvBatch(&b); !errors.Is(err, net.ErrClosed) {
		t.Errorf("RecvBatch after Close: %v, want net.ErrClosed", err)
	}
	if err := s.SendTo([]byte{0}, netip.AddrPortFrom(loopback, 9)); !errors.Is(err, net.ErrClosed) {
		t.Errorf("SendTo after Close: %v, want net.ErrClosed", err)
	}
}

func TestListenOnAPortInUseFails(t *testing.T) {
	s := listen(t, loopback)
	if _, err := Listen(s.LocalAddr()); err == nil {
		t.Fatal("a second socket bound the same port")
	}
	if _, err := Listen(netip.AddrPort{}); err == nil {
		t.Fatal("Listen on the zero address succeeded")
	}
}

func TestCloseDuringUseIsRaceFree(t *testing.T) {
	s, peer := listen(t, loopback), listen(t, loopback)
	var wg sync.WaitGroup
	wg.Go(func() {
		var b Batch
		for range 500 {
			_, _ = s.RecvBatch(&b)
		}
	})
	wg.Go(func() {
		for range 500 {
			_ = s.SendTo([]byte{1}, peer.LocalAddr())
			_ = peer.SendTo([]byte{1}, s.LocalAddr())
		}
	})
	wg.Go(func() { _ = s.Close() })
	wg.Wait()
}

func TestSendAndReceiveDoNotAllocate(t *testing.T) {
	s, peer := listen(t, loopback), listen(t, loopback)
	b, payload, dst := new(Batch), make([]byte, 172), s.LocalAddr()
	allocs := testing.AllocsPerRun(200, func() {
		_ = peer.SendTo(payload, dst)
		_, _ = s.RecvBatch(b)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per send+receive, want 0", allocs)
	}
}

func TestStampIgnoresMalformedControlData(t *testing.T) {
	for _, oob := range [][]byte{nil, make([]byte, 4), make([]byte, 16), bytes.Repeat([]byte{0xff}, 64)} {
		if got := stamp(oob); !got.IsZero() {
			t.Errorf("stamp(%x) = %v, want zero", oob, got)
		}
	}
}
