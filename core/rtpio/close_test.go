package rtpio

import (
	"sync"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/core/portalloc"
)

func TestCloseStopsTheReceiveGoroutinesAndReleasesThePair(t *testing.T) {
	// Earlier tests' sessions may still be winding down: start from none.
	if !eventually(func() bool { return readLoops() == 0 }) {
		t.Fatalf("%d receive loops of earlier tests still running", readLoops())
	}
	before := 0
	a, err := portalloc.New(loopback, 16000, 16099)
	if err != nil {
		t.Fatal(err)
	}
	var sessions []*Session
	for range 3 {
		p, err := a.Allocate()
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, NewSession(p, Config{Latch: true}, nil))
	}
	if !eventually(func() bool { return readLoops() == before+6 }) {
		t.Fatalf("%d receive loops running, want %d", readLoops(), before+6)
	}
	for _, s := range sessions {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	}
	if !eventually(func() bool { return readLoops() == before }) {
		t.Fatalf("%d receive loops running after Close, want %d", readLoops(), before)
	}
	if a.InUse() != 0 {
		t.Fatalf("InUse() = %d after Close, want 0", a.InUse())
	}
}

func TestConcurrentUseIsRaceFree(t *testing.T) {
	p, other := newPeer(t), newPeer(t)
	s, sink := session(t, Config{Remote: p.rtpAddr(), Latch: true})
	pkt := marshalRTP(t, rtp.Header{SequenceNumber: 1}, []byte{1})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 200 {
			_ = s.Send([]byte{byte(i)}, 160, false)
			s.MaybeSendRTCP(t0.Add(firstReportBy*time.Duration(i)), fixedStats{})
		}
	})
	wg.Go(func() {
		for range 200 {
			_, _ = p.RTP.WriteToUDPAddrPort(pkt, sessionAddr(s))
		}
	})
	wg.Go(func() {
		for i := range 200 {
			s.SetRemote(other.rtpAddr())
			s.SetPayloadType(uint8(i))
			s.SetSink(sink)
			_ = s.Stats()
		}
	})
	wg.Go(func() { _ = s.Close() })
	wg.Wait()
}
