package rtpio

import (
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/core/portalloc"
)

// wait bounds every blocking step of a test; nothing is timed against it.
const wait = 5 * time.Second

var loopback = netip.MustParseAddr("127.0.0.1")

var (
	allocOnce sync.Once
	alloc     *portalloc.Allocator
)

// newPair allocates a port pair on 127.0.0.1, released when the test ends.
func newPair(t testing.TB) *portalloc.Pair {
	t.Helper()
	allocOnce.Do(func() {
		// Below the ephemeral range and the daemon's default range; ports
		// other processes hold are skipped by the allocator.
		alloc, _ = portalloc.New(loopback, 14000, 15999)
	})
	p, err := alloc.Allocate()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { alloc.Release(p) })
	return p
}

// peer is the far end of a leg: plain sockets on adjacent ports (RTP even,
// RTCP next) driven by the test.
type peer struct {
	RTP, RTCP *net.UDPConn
	Port      int
}

var nextPeerPort atomic.Int32

func newPeer(t testing.TB) peer {
	t.Helper()
	nextPeerPort.CompareAndSwap(0, 17000)
	for range 500 {
		port := int(nextPeerPort.Add(2)) - 2
		rtpConn, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(netip.AddrPortFrom(loopback, uint16(port))))
		if err != nil {
			continue
		}
		rtcpConn, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(netip.AddrPortFrom(loopback, uint16(port+1))))
		if err != nil {
			rtpConn.Close()
			continue
		}
		t.Cleanup(func() { rtpConn.Close(); rtcpConn.Close() })
		return peer{RTP: rtpConn, RTCP: rtcpConn, Port: port}
	}
	t.Fatal("no free port pair for a peer")
	return peer{}
}

func (p peer) rtpAddr() netip.AddrPort  { return netip.AddrPortFrom(loopback, uint16(p.Port)) }
func (p peer) rtcpAddr() netip.AddrPort { return netip.AddrPortFrom(loopback, uint16(p.Port+1)) }

// session starts a Session and a poller standing in for the conference
// clock (every millisecond) that hands its packets to the returned sink;
// both end when the test does.
func session(t testing.TB, cfg Config) (*Session, *chanSink) {
	t.Helper()
	sink := &chanSink{ch: make(chan *rtp.Packet, 256)}
	s := NewSession(newPair(t), cfg)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				s.Poll(now, sink)
			}
		}
	})
	t.Cleanup(func() {
		close(stop)
		wg.Wait()
		s.Close()
	})
	return s, sink
}

func sessionAddr(s *Session) netip.AddrPort {
	return netip.AddrPortFrom(loopback, uint16(s.LocalPort()))
}
func sessionRTCP(s *Session) netip.AddrPort {
	return netip.AddrPortFrom(loopback, uint16(s.LocalPort()+1))
}

// chanSink keeps a copy of every packet pushed.
type chanSink struct{ ch chan *rtp.Packet }

func (c *chanSink) Push(p *rtp.Packet, _ time.Time) { c.ch <- p.Clone() }

func (c *chanSink) next(t testing.TB) *rtp.Packet {
	t.Helper()
	select {
	case p := <-c.ch:
		return p
	case <-time.After(wait):
		t.Fatal("no packet reached the sink")
		return nil
	}
}

// empty fails if the sink holds a packet now; call it after a barrier.
func (c *chanSink) empty(t testing.TB) {
	t.Helper()
	select {
	case p := <-c.ch:
		t.Fatalf("unexpected packet reached the sink: seq %d", p.SequenceNumber)
	default:
	}
}

func marshalRTP(t testing.TB, h rtp.Header, payload []byte) []byte {
	t.Helper()
	h.Version = 2
	b, err := (&rtp.Packet{Header: h, Payload: payload}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func send(t testing.TB, from *net.UDPConn, to netip.AddrPort, b []byte) {
	t.Helper()
	if _, err := from.WriteToUDPAddrPort(b, to); err != nil {
		t.Fatal(err)
	}
}

// barrier sends a valid RTP packet with sequence number seq and waits until
// the sink has it: everything sent before on that socket pair was handled.
func barrier(t testing.TB, from *net.UDPConn, s *Session, sink *chanSink, seq uint16) {
	t.Helper()
	send(t, from, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: seq, SSRC: 0xba77}, []byte{1}))
	if p := sink.next(t); p.SequenceNumber != seq || p.SSRC != 0xba77 {
		t.Fatalf("sink got seq %d ssrc %#x, want the barrier %d", p.SequenceNumber, p.SSRC, seq)
	}
}

// read returns the next datagram on conn.
func read(t testing.TB, conn *net.UDPConn) []byte {
	t.Helper()
	buf := make([]byte, 4096)
	conn.SetReadDeadline(time.Now().Add(wait))
	n, _, err := conn.ReadFromUDPAddrPort(buf)
	if err != nil {
		t.Fatal(err)
	}
	return buf[:n]
}

func readRTP(t testing.TB, conn *net.UDPConn) *rtp.Packet {
	t.Helper()
	p := &rtp.Packet{}
	if err := p.Unmarshal(read(t, conn)); err != nil {
		t.Fatal(err)
	}
	return p
}

// eventually polls cond until it holds or the wait is over: for state that
// changes on another goroutine with no event to wait for.
func eventually(cond func() bool) bool {
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}
