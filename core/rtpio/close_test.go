package rtpio

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/core/portalloc"
)

func TestSessionsRunNoGoroutineAndCloseReleasesThePair(t *testing.T) {
	a, err := portalloc.New(loopback, 16000, 16099)
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	var sessions []*Session
	for range 3 {
		p, err := a.Allocate()
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, NewSession(p, Config{Latch: true}))
	}
	if got := runtime.NumGoroutine(); got != before {
		t.Fatalf("%d goroutines after three sessions, want %d", got, before)
	}
	for _, s := range sessions {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
		s.Poll(time.Now(), nil) // a closed session's Poll does nothing
		if st := s.Stats(); st.RecvErrors != 0 {
			t.Fatalf("Poll after Close counted %d receive errors", st.RecvErrors)
		}
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
			s.Poll(time.Now(), sink)
		}
	})
	wg.Go(func() {
		for i := range 200 {
			s.SetRemote(other.rtpAddr(), other.rtcpAddr())
			s.SetPayloadType(uint8(i))
			_ = s.Stats()
		}
	})
	wg.Go(func() { _ = s.Close() })
	wg.Wait()
}
