package conference

import (
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/portalloc"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
)

// benchConference builds a conference of two legs answered towards a UDP
// sink on 127.0.0.1, recording to WAV µ-law when record is set.
func benchConference(b testing.TB, record bool) (*Conference, []*Leg) {
	b.Helper()
	formats, _ := recording.ParseFormats([]string{"wav-pcmu"})
	e, offer := benchEngine(b, 36000, dirHost{dir: b.TempDir(), formats: formats})
	var legs []*Leg
	for i := 0; i < 2; i++ {
		legs = append(legs, benchLeg(b, e, requri.Target{Kind: requri.Conference, ID: "bench", Record: record}, offer))
	}
	if record {
		if _, err := legs[0].c.Start(time.Now(), StartOptions{Dialog: "rec"}); err != nil {
			b.Fatal(err)
		}
	}
	return legs[0].c, legs
}

// benchEngine builds an engine on 100 ports from base with the given
// Host, and a UDP sink on 127.0.0.1; it returns the SDP offer of a party
// at the sink.
func benchEngine(b testing.TB, base int, h Host) (*Engine, string) {
	b.Helper()
	alloc, err := portalloc.New(netip.MustParseAddr("127.0.0.1"), base, base+99)
	if err != nil {
		b.Fatal(err)
	}
	e, err := New(Config{RTPAddr: netip.MustParseAddr("127.0.0.1"), TargetMs: 40, MaxMs: 300, ConcealMs: 60, Host: h},
		alloc, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	sink, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close(); sink.Close() })
	go drain(sink)
	return e, fmt.Sprintf("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"+
		"m=audio %d RTP/AVP 0\r\na=sendrecv\r\n", sink.LocalAddr().(*net.UDPAddr).Port)
}

// benchLeg joins a leg to t's call and answers it with offer.
func benchLeg(b testing.TB, e *Engine, t requri.Target, offer string) *Leg {
	b.Helper()
	l, err := e.Join(JoinRequest{Target: t})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := l.Answer([]byte(offer)); err != nil {
		b.Fatal(err)
	}
	return l
}

func drain(c *net.UDPConn) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := c.ReadFromUDPAddrPort(buf); err != nil {
			return
		}
	}
}

// BenchmarkConferenceTick is one 20 ms tick of a two-leg call: a packet into
// each jitter buffer, pop, decode, mix-minus, encode, send to both parties,
// and the recording tap (WAV; MP3 encoding runs off the tick).
func BenchmarkConferenceTick(b *testing.B) {
	for _, record := range []bool{false, true} {
		b.Run(fmt.Sprintf("record=%v", record), func(b *testing.B) {
			c, legs := benchConference(b, record)
			payload := make([]byte, g711.FrameBytes)
			for i := range payload {
				payload[i] = byte(i)
			}
			pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 0, SSRC: 7}, Payload: payload}
			now := time.Now()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				pkt.SequenceNumber, pkt.Timestamp = uint16(i), uint32(i*codecs.FrameSamples)
				now = now.Add(codecs.FrameDuration)
				for _, l := range legs {
					l.jb.Push(&pkt, now)
				}
				c.tick(now)
			}
		})
	}
}

// BenchmarkConferenceTickLoopback is BenchmarkConferenceTick with the packets
// sent through the legs' real sockets: each tick polls them (recvmmsg, parse,
// latch) into the jitter buffers before the mix, the whole receive path.
func BenchmarkConferenceTickLoopback(b *testing.B) {
	c, legs := benchConference(b, false)
	send := loopbackSender(b, legs)
	now := time.Now()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		send(i)
		now = now.Add(codecs.FrameDuration)
		c.tick(now)
	}
	b.StopTimer()
	if got := legs[0].sess.Stats().PacketsReceived; got < uint64(b.N) {
		b.Fatalf("the tick polled %d of %d packets", got, b.N)
	}
}

// loopbackSender returns a function that sends packet i of a G.711 stream to
// every leg's RTP socket from one UDP socket on 127.0.0.1.
func loopbackSender(t testing.TB, legs []*Leg) func(i int) {
	t.Helper()
	from, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { from.Close() })
	var to []netip.AddrPort
	for _, l := range legs {
		to = append(to, netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(l.sess.LocalPort())))
	}
	pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 0, SSRC: 7}, Payload: make([]byte, g711.FrameBytes)}
	buf := make([]byte, 12+g711.FrameBytes)
	return func(i int) {
		pkt.SequenceNumber, pkt.Timestamp = uint16(i), uint32(i*codecs.FrameSamples)
		n, _ := pkt.MarshalTo(buf)
		for _, a := range to {
			if _, err := from.WriteToUDPAddrPort(buf[:n], a); err != nil {
				t.Fatal(err)
			}
		}
	}
}
