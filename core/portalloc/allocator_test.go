package portalloc

import (
	"errors"
	"math/rand/v2"
	"net"
	"net/netip"
	"sync"
	"testing"

	"github.com/reel-project/reel/core/udpsock"
)

var loopback = netip.MustParseAddr("127.0.0.1")

// freeRange returns the first port of `pairs` free RTP/RTCP pairs on
// 127.0.0.1, below the kernel's ephemeral range and the daemon's default
// range, so other tests binding port 0 rarely collide with it.
func freeRange(t *testing.T, pairs int) int {
	t.Helper()
	for range 50 {
		base := 10000 + 2*rand.IntN(4500-pairs)
		if rangeFree(base, 2*pairs) {
			return base
		}
	}
	t.Fatal("no free port range found on 127.0.0.1")
	return 0
}

func rangeFree(base, n int) bool {
	var conns []*net.UDPConn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for port := base; port < base+n; port++ {
		c, err := listen(port)
		if err != nil {
			return false
		}
		conns = append(conns, c)
	}
	return true
}

func listen(port int) (*net.UDPConn, error) {
	return net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.AddrPortFrom(loopback, uint16(port))))
}

func newAllocator(t *testing.T, pairs int) (*Allocator, int) {
	t.Helper()
	base := freeRange(t, pairs)
	a, err := New(loopback, base, base+2*pairs-1)
	if err != nil {
		t.Fatal(err)
	}
	return a, base
}

func TestNew(t *testing.T) {
	tests := []struct {
		name     string
		ip       netip.Addr
		min, max int
		capacity int
		err      error
	}{
		{"an even/odd range holds every pair", loopback, 5000, 5009, 5, nil},
		{"odd bounds are rounded inwards", loopback, 5001, 5006, 2, nil},
		{"a single pair is enough", loopback, 5000, 5001, 1, nil},
		{"a range without an even/odd pair is refused", loopback, 5001, 5002, 0, ErrRange},
		{"an inverted range is refused", loopback, 6000, 5000, 0, ErrRange},
		{"port 0 is refused", loopback, 0, 100, 0, ErrRange},
		{"ports above 65535 are refused", loopback, 65530, 65536, 0, ErrRange},
		{"the zero address is refused", netip.Addr{}, 5000, 5009, 0, ErrAddr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(tt.ip, tt.min, tt.max)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err == nil && a.Capacity() != tt.capacity {
				t.Fatalf("Capacity() = %d, want %d", a.Capacity(), tt.capacity)
			}
		})
	}
}

func TestAllocateBindsRTPOnEvenAndRTCPOnNextPort(t *testing.T) {
	a, base := newAllocator(t, 1)
	p, err := a.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release(p)
	if p.Port != base || p.Port%2 != 0 {
		t.Fatalf("Port = %d, want %d", p.Port, base)
	}
	if got := p.RTP.LocalAddr(); got != netip.AddrPortFrom(loopback, uint16(base)) {
		t.Errorf("RTP bound on %v", got)
	}
	if got := p.RTCP.LocalAddr(); got != netip.AddrPortFrom(loopback, uint16(base+1)) {
		t.Errorf("RTCP bound on %v", got)
	}
}

func TestAllocateFailsWithErrExhaustedWhenEveryPairIsInUse(t *testing.T) {
	a, _ := newAllocator(t, 3)
	seen := map[int]bool{}
	for range 3 {
		p, err := a.Allocate()
		if err != nil {
			t.Fatal(err)
		}
		defer a.Release(p)
		if seen[p.Port] {
			t.Fatalf("port %d handed out twice", p.Port)
		}
		seen[p.Port] = true
	}
	if _, err := a.Allocate(); !errors.Is(err, ErrExhausted) {
		t.Fatalf("4th Allocate: err = %v, want ErrExhausted", err)
	}
	if a.InUse() != 3 {
		t.Fatalf("InUse() = %d, want 3", a.InUse())
	}
}

func TestReleaseClosesSocketsAndReturnsThePortOnce(t *testing.T) {
	a, _ := newAllocator(t, 2)
	p1, _ := a.Allocate()
	p2, err := a.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release(p2)
	a.Release(p1)
	a.Release(p1)
	if a.InUse() != 1 {
		t.Fatalf("InUse() after a double Release = %d, want 1", a.InUse())
	}
	if err := p1.RTP.SendTo([]byte{0}, netip.AddrPortFrom(loopback, 9)); !errors.Is(err, net.ErrClosed) {
		t.Errorf("write on a released RTP socket: err = %v, want net.ErrClosed", err)
	}
	p3, err := a.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release(p3)
	if p3.Port != p1.Port {
		t.Fatalf("reused port %d, want the released %d", p3.Port, p1.Port)
	}
}

func TestAllocateGoesRoundRobinInsteadOfReusingTheLastReleasedPort(t *testing.T) {
	a, base := newAllocator(t, 3)
	var ports []int
	for range 4 {
		p, err := a.Allocate()
		if err != nil {
			t.Fatal(err)
		}
		ports = append(ports, p.Port)
		a.Release(p)
	}
	want := []int{base, base + 2, base + 4, base}
	for i := range want {
		if ports[i] != want[i] {
			t.Fatalf("ports = %v, want %v", ports, want)
		}
	}
}

func TestAllocateSkipsAPairWhosePortIsTakenBySomeoneElse(t *testing.T) {
	a, base := newAllocator(t, 3)
	blocker, err := listen(base + 3) // RTCP port of the second pair
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for range 2 {
		p, err := a.Allocate()
		if err != nil {
			t.Fatal(err)
		}
		defer a.Release(p)
		got = append(got, p.Port)
	}
	if got[0] != base || got[1] != base+4 {
		t.Fatalf("ports = %v, want [%d %d]", got, base, base+4)
	}
	if _, err := a.Allocate(); !errors.Is(err, ErrExhausted) {
		t.Fatalf("with the last pair blocked: err = %v, want ErrExhausted", err)
	}
	blocker.Close()
	p, err := a.Allocate() // the failed attempt must not have kept base+2 bound
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release(p)
	if p.Port != base+2 {
		t.Fatalf("after unblocking: port %d, want %d", p.Port, base+2)
	}
}

func TestPairReleaseGoesBackToItsAllocator(t *testing.T) {
	a, _ := newAllocator(t, 1)
	other, _ := newAllocator(t, 1)
	p, err := a.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	other.Release(p) // the wrong allocator hands it on
	p.Release()
	if a.InUse() != 0 || other.InUse() != 0 {
		t.Fatalf("InUse() = %d and %d, want 0 and 0", a.InUse(), other.InUse())
	}
}

func TestPairWithoutAllocatorReleaseClosesItsSockets(t *testing.T) {
	rtp, _ := udpsock.Listen(netip.AddrPortFrom(loopback, 0))
	rtcp, _ := udpsock.Listen(netip.AddrPortFrom(loopback, 0))
	p := &Pair{RTP: rtp, RTCP: rtcp}
	p.Release()
	p.Release()
	if err := rtcp.SendTo([]byte{0}, netip.AddrPortFrom(loopback, 9)); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("write after Release: err = %v, want net.ErrClosed", err)
	}
}

func TestConcurrentAllocateAndReleaseNeverShareAPort(t *testing.T) {
	const workers, rounds = 8, 50
	a, _ := newAllocator(t, 2*workers)
	var mu sync.Mutex
	held := map[int]bool{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range rounds {
				p, err := a.Allocate()
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if held[p.Port] {
					t.Errorf("port %d held twice", p.Port)
				}
				held[p.Port] = true
				mu.Unlock()

				mu.Lock()
				delete(held, p.Port)
				mu.Unlock()
				a.Release(p)
			}
		})
	}
	wg.Wait()
	if a.InUse() != 0 {
		t.Fatalf("InUse() = %d after all releases, want 0", a.InUse())
	}
}
