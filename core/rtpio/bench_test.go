package rtpio

import (
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/core/sdes"
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
	pkt, src, d := pcmu(b), newPeer(b).rtpAddr(), newScratch()
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

// BenchmarkSRTPProtectUnprotect measures what SRTP adds per G.711 packet:
// protecting it in the send buffer and unprotecting it into the receive
// scratch (authentication, replay check, decryption), sockets left out.
func BenchmarkSRTPProtectUnprotect(b *testing.B) {
	for _, suite := range sdes.Suites {
		b.Run(suite.String(), func(b *testing.B) {
			k := newKey(b, suite)
			s := NewSession(newPair(b), Config{})
			defer s.Close()
			if err := s.SetSRTP(k, k); err != nil {
				b.Fatal(err)
			}
			sc, src, payload, rx := newScratch(), newPeer(b).rtpAddr(), make([]byte, 160), s.srx.Load()
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				n := s.tx.marshal(payload, false)
				s.tx.advance(160)
				out, err := s.tx.protect(n)
				if err != nil {
					b.Fatal(err)
				}
				if _, ok := s.unprotect(rx, rtpSocket, out, src, sc.secure); !ok {
					b.Fatal("unprotect failed")
				}
			}
		})
	}
}

// reportCPU reports the process's CPU time per operation (cpu-ns/op) when
// the returned func runs: on a machine shared with other work, wall-clock
// ns/op counts the time the benchmark waited for a core.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
