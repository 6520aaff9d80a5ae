package rtpio

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// countSink counts packets.
type countSink struct{ n atomic.Int64 }

func (c *countSink) Push(*rtp.Packet, time.Time) { c.n.Add(1) }

func pcmu(t testing.TB) []byte {
	return marshalRTP(t, rtp.Header{PayloadType: 0, SequenceNumber: 1, Timestamp: 160, SSRC: 1}, make([]byte, 160))
}

// BenchmarkDispatch measures parse, latch check and hand-off of one G.711
// packet: the receive path minus the socket read.
func BenchmarkDispatch(b *testing.B) {
	s, sink := NewSession(newPair(b), Config{Latch: true}), &countSink{}
	defer s.Close()
	pkt, src, d := pcmu(b), newPeer(b).rtpAddr(), newDatagram()
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		s.dispatch(rtpSocket, pkt, src, now, d, sink)
	}
}

// BenchmarkSend measures marshalling and writing one G.711 packet.
func BenchmarkSend(b *testing.B) {
	s := NewSession(newPair(b), Config{Remote: newPeer(b).rtpAddr()})
	defer s.Close()
	payload := make([]byte, 160)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Send(payload, 160, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildReport measures marshalling an SR with a block and SDES.
func BenchmarkBuildReport(b *testing.B) {
	s := NewSession(newPair(b), Config{})
	defer s.Close()
	s.stats.packetsReceived.Store(1)
	s.stats.packetsSent.Store(1)
	rs := fixedStats{ext: 1, jitter: 2}
	b.ReportAllocs()
	for b.Loop() {
		s.tx.mu.Lock()
		s.tx.rtcp.sentAtReport = 0
		s.buildReport(t0, rs, false)
		s.tx.mu.Unlock()
	}
}

// BenchmarkLoopbackReceive sends G.711 packets through a real socket and
// polls them to the Sink, in windows small enough that the socket buffer
// never drops: the send, recvmmsg, parse and hand-off per packet.
func BenchmarkLoopbackReceive(b *testing.B) {
	const window = 16 // one Poll's limit
	sink := &countSink{}
	s := NewSession(newPair(b), Config{Latch: true})
	defer s.Close()
	from, to, pkt := newPeer(b).RTP, sessionAddr(s), pcmu(b)
	deadline := time.Now().Add(wait)
	b.ReportAllocs()
	for sent := 0; sent < b.N; {
		n := min(window, b.N-sent)
		sent += n
		for range n {
			if _, err := from.WriteToUDPAddrPort(pkt, to); err != nil {
				b.Fatal(err)
			}
		}
		for sink.n.Load() < int64(sent) {
			if time.Now().After(deadline) {
				b.Fatalf("%d of %d packets arrived", sink.n.Load(), sent)
			}
			s.Poll(time.Now(), sink)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pkts/s")
}
