package rtpio

import (
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
)

// fixedStats is a ReceptionStats with set values.
type fixedStats struct{ ext, lost, fraction, jitter uint32 }

func (f fixedStats) ExtHighestSeq() uint32  { return f.ext }
func (f fixedStats) CumulativeLost() uint32 { return f.lost }
func (f fixedStats) FractionLost() uint32   { return f.fraction }
func (f fixedStats) Jitter() uint32         { return f.jitter }

// The RFC 3550 interval bounds: the first report comes 1.03–3.08 s after the
// first call, later ones 2.05–6.16 s apart.
const (
	firstReportBy = 3100 * time.Millisecond
	reportAfter   = 2 * time.Second
	nextReportBy  = 6200 * time.Millisecond
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func readRTCP(t *testing.T, p peer) []rtcp.Packet {
	t.Helper()
	pkts, err := rtcp.Unmarshal(read(t, p.RTCP))
	if err != nil {
		t.Fatal(err)
	}
	return pkts
}

func cnameOf(t *testing.T, p rtcp.Packet, ssrc uint32) string {
	t.Helper()
	sdes, ok := p.(*rtcp.SourceDescription)
	if !ok || len(sdes.Chunks) != 1 || sdes.Chunks[0].Source != ssrc || len(sdes.Chunks[0].Items) != 1 {
		t.Fatalf("want one SDES chunk for %#x, got %+v", ssrc, p)
	}
	return sdes.Chunks[0].Items[0].Text
}

func TestReceiverReportIsSentWhenDueAndCarriesTheCNAME(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr(), CNAME: "leg-1@reel"})
	s.MaybeSendRTCP(t0, nil)
	s.MaybeSendRTCP(t0.Add(time.Millisecond), nil)
	if got := s.Stats().RTCPSent; got != 0 {
		t.Fatalf("RTCPSent = %d before the first interval", got)
	}
	s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
	pkts := readRTCP(t, p)
	if len(pkts) != 2 {
		t.Fatalf("got %d packets, want RR + SDES", len(pkts))
	}
	if rr, ok := pkts[0].(*rtcp.ReceiverReport); !ok || rr.SSRC != s.SSRC() || len(rr.Reports) != 0 {
		t.Fatalf("first packet = %+v, want an RR without blocks", pkts[0])
	}
	if got := cnameOf(t, pkts[1], s.SSRC()); got != "leg-1@reel" {
		t.Fatalf("CNAME = %q", got)
	}
}

func TestReportsFollowTheRFC3550Interval(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr()})
	s.MaybeSendRTCP(t0, nil)
	s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
	readRTCP(t, p)
	last := t0.Add(firstReportBy)
	s.MaybeSendRTCP(last.Add(reportAfter), nil)
	if got := s.Stats().RTCPSent; got != 1 {
		t.Fatalf("RTCPSent = %d %v after the last report, want 1", got, reportAfter)
	}
	s.MaybeSendRTCP(last.Add(nextReportBy), nil)
	readRTCP(t, p)
	if got := s.Stats().RTCPSent; got != 2 {
		t.Fatalf("RTCPSent = %d, want 2", got)
	}
}

func TestSenderReportDescribesWhatWeSentAndReceived(t *testing.T) {
	p := newPeer(t)
	s, sink := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr(), Latch: true})
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SSRC: 0xfeed, SequenceNumber: 7}, []byte{1}))
	sink.next(t)
	peerSR := &rtcp.SenderReport{SSRC: 0xfeed, NTPTime: 0x0123456789abcdef, RTPTime: 99}
	b, _ := rtcp.Marshal([]rtcp.Packet{peerSR, rtcp.NewCNAMESourceDescription(0xfeed, "peer")})
	send(t, p.RTCP, sessionRTCP(s), b)
	if !eventually(func() bool { return s.Stats().RTCPReceived == 1 }) {
		t.Fatal("the peer's SR was not received")
	}
	for range 3 {
		if err := s.Send(make([]byte, 160), 160, false); err != nil {
			t.Fatal(err)
		}
		readRTP(t, p.RTP)
	}

	rs := fixedStats{ext: 1<<16 | 7, lost: 0xffffffff /* -1 */, fraction: 300, jitter: 42}
	s.MaybeSendRTCP(t0, rs)
	s.MaybeSendRTCP(t0.Add(firstReportBy), rs)
	sr, ok := readRTCP(t, p)[0].(*rtcp.SenderReport)
	if !ok {
		t.Fatal("first packet is not an SR")
	}
	if sr.SSRC != s.SSRC() || sr.NTPTime != ntpTime(t0.Add(firstReportBy)) || sr.PacketCount != 3 || sr.OctetCount != 480 {
		t.Fatalf("SR = %+v", sr)
	}
	if len(sr.Reports) != 1 {
		t.Fatalf("%d report blocks, want 1", len(sr.Reports))
	}
	rb := sr.Reports[0]
	want := rtcp.ReceptionReport{SSRC: 0xfeed, FractionLost: 255, TotalLost: 0xffffff, LastSequenceNumber: 1<<16 | 7,
		Jitter: 42, LastSenderReport: 0x456789ab, Delay: rb.Delay}
	if rb != want {
		t.Fatalf("report block = %+v, want %+v", rb, want)
	}
}

func TestReportsGoBackToARTCPSourceThatDiffersFromPortPlusOne(t *testing.T) {
	p, natted := newPeer(t), newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr(), Latch: true})
	b, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.ReceiverReport{SSRC: 1}})
	send(t, natted.RTP, sessionRTCP(s), b)
	if !eventually(func() bool { return s.Stats().RTCPReceived == 1 }) {
		t.Fatal("RR not received")
	}
	s.MaybeSendRTCP(t0, nil)
	s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
	if _, err := rtcp.Unmarshal(read(t, natted.RTP)); err != nil {
		t.Fatal(err)
	}
}

func TestReceivedSenderReportIsRecordedFromBothSockets(t *testing.T) {
	for _, mux := range []bool{false, true} {
		p := newPeer(t)
		s, sink := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr(), Latch: true, RTCPMux: mux})
		sr := &rtcp.SenderReport{SSRC: 5, NTPTime: 1 << 40, RTPTime: 3, PacketCount: 4, OctetCount: 5}
		b, _ := rtcp.Marshal([]rtcp.Packet{sr, rtcp.NewCNAMESourceDescription(5, "x")})
		if mux {
			send(t, p.RTP, sessionAddr(s), b)
			barrier(t, p.RTP, s, sink, 1) // the SR was handled, not pushed
		} else {
			send(t, p.RTCP, sessionRTCP(s), b)
			if !eventually(func() bool { return s.Stats().RTCPReceived == 1 }) {
				t.Fatal("SR not received on the RTCP socket")
			}
		}
		got := s.Stats().LastSR
		if got.Arrival.IsZero() || got.SSRC != 5 || got.NTPTime != 1<<40 || got.RTPTime != 3 ||
			got.PacketCount != 4 || got.OctetCount != 5 {
			t.Fatalf("mux=%v: LastSR = %+v", mux, got)
		}
	}
}

func TestWithRTCPMuxReportsGoToTheRTPAddress(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr(), RTCPMux: true})
	s.MaybeSendRTCP(t0, nil)
	s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
	if _, err := rtcp.Unmarshal(read(t, p.RTP)); err != nil {
		t.Fatal(err)
	}
}

func TestCloseSendsABye(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr()})
	s.Close()
	pkts := readRTCP(t, p)
	bye, ok := pkts[len(pkts)-1].(*rtcp.Goodbye)
	if !ok || len(bye.Sources) != 1 || bye.Sources[0] != s.SSRC() {
		t.Fatalf("last packet = %+v, want a BYE for %#x", pkts[len(pkts)-1], s.SSRC())
	}
}

func TestLongCNAMEsAreCutTo255Octets(t *testing.T) {
	p := newPeer(t)
	long := string(make([]byte, 300))
	for _, c := range []string{"", "a", "abc", "abcd", long} {
		s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr(), CNAME: c})
		s.MaybeSendRTCP(t0, nil)
		s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
		got := cnameOf(t, readRTCP(t, p)[1], s.SSRC())
		want := c[:min(len(c), 255)]
		if c == "" && len(got) != 16 || c != "" && got != want {
			t.Fatalf("CNAME %q sent as %q", c, got)
		}
	}
}

func TestFieldConversions(t *testing.T) {
	if got := ntpTime(time.Unix(0, 500_000_000)); got != 2208988800<<32|1<<31 {
		t.Errorf("ntpTime(1970 + 0.5 s) = %#x", got)
	}
	lost := []struct{ in, want uint32 }{{5, 5}, {0xffffffff, 0xffffff}, {1 << 30, 0x7fffff}, {0x80000000, 0x800000}}
	for _, c := range lost {
		if got := clampLost(c.in); got != c.want {
			t.Errorf("clampLost(%#x) = %#x, want %#x", c.in, got, c.want)
		}
	}
	delays := []struct {
		in   time.Duration
		want uint32
	}{{-time.Second, 0}, {1500 * time.Millisecond, 98304}, {100000 * time.Second, 65535 << 16}}
	for _, c := range delays {
		if got := dlsr(c.in); got != c.want {
			t.Errorf("dlsr(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestSenderReportRTPTimeIsExtrapolatedFromTheLastPacket(t *testing.T) {
	tx := sender{clockRate: 8000, ts: 1160, lastTS: 1000, lastWall: t0}
	if got := tx.rtpTimeAt(t0.Add(30 * time.Millisecond)); got != 1240 {
		t.Fatalf("rtpTimeAt(+30 ms) = %d, want 1240", got)
	}
	if got := tx.rtpTimeAt(t0.Add(-time.Second)); got != 1000 {
		t.Fatalf("rtpTimeAt(before the last packet) = %d, want 1000", got)
	}
	if got := (&sender{ts: 7}).rtpTimeAt(t0); got != 7 {
		t.Fatalf("rtpTimeAt before any packet = %d, want the next timestamp 7", got)
	}
}

func TestReportsGoToTheRTCPAddressFromSDPNotThePortAboveRTP(t *testing.T) {
	p, other := newPeer(t), newPeer(t) // a=rtcp names other's RTCP port
	s, _ := session(t, Config{Remote: p.rtpAddr(), RemoteRTCP: other.rtcpAddr()})
	s.MaybeSendRTCP(t0, nil)
	s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
	if _, err := rtcp.Unmarshal(read(t, other.RTCP)); err != nil {
		t.Fatal(err)
	}
	if got := s.Stats().RTCPSent; got != 1 {
		t.Fatalf("RTCPSent = %d, want the one report read at the SDP's RTCP address", got)
	}
	s.SetRemote(p.rtpAddr(), p.rtcpAddr()) // a re-INVITE without a=rtcp
	s.Close()
	if _, err := rtcp.Unmarshal(read(t, p.RTCP)); err != nil {
		t.Fatal(err)
	}
}

func TestWithoutAnRTCPAddressReportsGoOnlyWhereThePeersRTCPComesFrom(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), Latch: true})
	s.MaybeSendRTCP(t0, nil)
	s.MaybeSendRTCP(t0.Add(firstReportBy), nil)
	if st := s.Stats(); st.RTCPSent != 0 || st.SendErrors != 0 {
		t.Fatalf("a report went somewhere with no RTCP address known: %+v", st)
	}
	b, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.ReceiverReport{SSRC: 1}})
	send(t, p.RTCP, sessionRTCP(s), b)
	if !eventually(func() bool { return s.Stats().RTCPReceived == 1 }) {
		t.Fatal("RR not received")
	}
	s.Close()
	if _, err := rtcp.Unmarshal(read(t, p.RTCP)); err != nil {
		t.Fatal(err)
	}
}
