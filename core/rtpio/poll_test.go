package rtpio

import (
	"testing"
	"time"

	"github.com/pion/rtp"
)

// pollSink records what one Poll pushed, with arrival times.
type pollSink struct {
	seqs     []uint16
	arrivals []time.Time
}

func (p *pollSink) Push(pkt *rtp.Packet, arrival time.Time) {
	p.seqs = append(p.seqs, pkt.SequenceNumber)
	p.arrivals = append(p.arrivals, arrival)
}

// polled is a session driven only by the test's own Poll calls.
func polled(t *testing.T) (*Session, *pollSink) {
	t.Helper()
	sink := &pollSink{}
	s := NewSession(newPair(t), Config{Latch: true})
	t.Cleanup(func() { s.Close() })
	return s, sink
}

// pollUntil polls until the sink holds n packets; datagrams sent on
// loopback are normally queued by the time sendto returns.
func pollUntil(t *testing.T, s *Session, sink *pollSink, n int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for len(sink.seqs) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d packets reached the sink, want %d", len(sink.seqs), n)
		}
		s.Poll(time.Now(), sink)
	}
}

func TestNothingArrivesBetweenPolls(t *testing.T) {
	s, sink := polled(t)
	p := newPeer(t)
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: 1}, []byte{1}))
	time.Sleep(20 * time.Millisecond)
	if len(sink.seqs) != 0 {
		t.Fatal("a packet reached the sink without a Poll")
	}
	pollUntil(t, s, sink, 1)
}

func TestOnePollTakesEveryPacketWaitingInOrder(t *testing.T) {
	s, sink := polled(t)
	p := newPeer(t)
	const n = 10 // fewer than maxBatches × BatchSize
	for i := range n {
		send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: uint16(i)}, []byte{1}))
	}
	time.Sleep(10 * time.Millisecond)
	s.Poll(time.Now(), sink)
	if len(sink.seqs) != n {
		t.Fatalf("one Poll pushed %d packets, want %d", len(sink.seqs), n)
	}
	for i, seq := range sink.seqs {
		if seq != uint16(i) {
			t.Fatalf("packet %d has seq %d: order changed", i, seq)
		}
	}
}

func TestAFloodIsTakenAtMostSixteenPacketsAPoll(t *testing.T) {
	s, sink := polled(t)
	p := newPeer(t)
	for i := range 40 {
		send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: uint16(i)}, []byte{1}))
	}
	time.Sleep(10 * time.Millisecond)
	s.Poll(time.Now(), sink)
	if got, limit := len(sink.seqs), maxBatches*4; got != limit {
		t.Fatalf("one Poll pushed %d packets, want the limit %d", got, limit)
	}
	pollUntil(t, s, sink, 40) // the rest waits for later polls
}

func TestArrivalIsWhenTheKernelReceivedThePacket(t *testing.T) {
	s, sink := polled(t)
	p := newPeer(t)
	sent := time.Now()
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: 1}, []byte{1}))
	time.Sleep(50 * time.Millisecond)
	now := time.Now()
	s.Poll(now, sink)
	if len(sink.arrivals) != 1 {
		t.Fatalf("%d packets pushed, want 1", len(sink.arrivals))
	}
	// The packet waited ≥ 50 ms in the kernel; its arrival says so, and is
	// not before it was sent (with 1 ms for clock resolution).
	got := sink.arrivals[0]
	if now.Sub(got) < 50*time.Millisecond || got.Before(sent.Add(-time.Millisecond)) {
		t.Fatalf("arrival %v: %v before the poll, sent %v before the poll", got, now.Sub(got), now.Sub(sent))
	}
}

func TestArrivalFallsBackToThePollTime(t *testing.T) {
	now := time.Now()
	for _, stamp := range []time.Time{{}, now.Add(time.Second), now.Add(-time.Hour)} {
		if got := arrival(now, stamp); !got.Equal(now) {
			t.Errorf("arrival(now, %v) = %v, want now", stamp, got)
		}
	}
}

func TestTheRTCPSocketIsReadAtMostEveryHundredMilliseconds(t *testing.T) {
	s, sink := polled(t)
	p := newPeer(t)
	t1 := time.Now()
	s.Poll(t1, sink) // the first Poll looks at RTCP
	send(t, p.RTCP, sessionRTCP(s), appendRR(nil, 0xfeed, reportBlock{}, false))
	time.Sleep(10 * time.Millisecond)
	s.Poll(t1.Add(rtcpPollInterval-time.Millisecond), sink)
	if got := s.Stats().RTCPReceived; got != 0 {
		t.Fatalf("RTCP read %d times within the interval", got)
	}
	s.Poll(t1.Add(rtcpPollInterval), sink)
	if got := s.Stats().RTCPReceived; got != 1 {
		t.Fatalf("RTCPReceived = %d after the interval, want 1", got)
	}
}

func TestPollDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool allocate")
	}
	s, sink := NewSession(newPair(t), Config{Latch: true}), &countSink{}
	defer s.Close()
	p := newPeer(t)
	pkt, to := pcmu(t), sessionAddr(s)
	s.Poll(time.Now(), sink) // warm the scratch pool
	n := testing.AllocsPerRun(100, func() {
		_, _ = p.RTP.WriteToUDPAddrPort(pkt, to)
		s.Poll(time.Now(), sink)
	})
	// WriteToUDPAddrPort of the test's own socket does not allocate either.
	if n != 0 {
		t.Fatalf("send + Poll allocates %.1f times per packet", n)
	}
}

func TestPollHandsRTPToTheSinkOfThatPollAndWithoutOneCountsIt(t *testing.T) {
	s, first := polled(t)
	p := newPeer(t)
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: 1}, []byte{1}))
	if !eventually(func() bool { s.Poll(time.Now(), nil); return s.Stats().PacketsReceived == 1 }) {
		t.Fatal("the packet was not received")
	}
	second := &pollSink{}
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: 2}, []byte{1}))
	pollUntil(t, s, second, 1)
	if len(first.seqs) != 0 || second.seqs[0] != 2 {
		t.Fatalf("first sink got %v, second %v: want nothing, then only seq 2", first.seqs, second.seqs)
	}
}
