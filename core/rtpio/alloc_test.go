package rtpio

import (
	"testing"
	"time"
)

// Guards for the hot-path rule (no allocation per packet); the benchmarks
// report the same numbers.

func TestTheReceivePathDoesNotAllocate(t *testing.T) {
	s, sink := NewSession(newPair(t), Config{Latch: true}), &countSink{}
	defer s.Close()
	pkt, src, d, now := pcmu(t), newPeer(t).rtpAddr(), newScratch(), time.Now()
	if n := testing.AllocsPerRun(100, func() { s.dispatch(rtpSocket, pkt, src, now, d, sink) }); n != 0 {
		t.Fatalf("dispatch allocates %.1f times per packet", n)
	}
}

func TestSendDoesNotAllocate(t *testing.T) {
	s := NewSession(newPair(t), Config{Remote: newPeer(t).rtpAddr()})
	defer s.Close()
	payload := make([]byte, 160)
	if n := testing.AllocsPerRun(100, func() { _ = s.Send(payload, 160, false) }); n != 0 {
		t.Fatalf("Send allocates %.1f times per packet", n)
	}
}
