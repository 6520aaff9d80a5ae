package rtpio

import (
	"bytes"
	"testing"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/srtp/v3"

	"github.com/reel-project/reel/core/sdes"
)

func newKey(t testing.TB, s sdes.Suite) sdes.Crypto {
	t.Helper()
	k, err := sdes.NewCrypto(1, s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newCtx(t testing.TB, k sdes.Crypto) *srtp.Context {
	t.Helper()
	c, err := sdes.NewContext(k)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func protectRTP(t testing.TB, c *srtp.Context, h rtp.Header, payload []byte) []byte {
	t.Helper()
	b, err := c.EncryptRTP(nil, marshalRTP(t, h, payload), nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// securePeer is a peer speaking SRTP to a session: it protects with its key
// and unprotects with the session's.
type securePeer struct {
	peer
	key, sessKey sdes.Crypto
	tx, rx       *srtp.Context
}

func newSecure(t *testing.T, suite sdes.Suite) (*Session, *chanSink, *securePeer) {
	t.Helper()
	p := &securePeer{peer: newPeer(t), key: newKey(t, suite), sessKey: newKey(t, suite)}
	p.tx, p.rx = newCtx(t, p.key), newCtx(t, p.sessKey)
	s, sink := session(t, Config{Latch: true, Remote: p.rtpAddr(), RemoteRTCP: p.rtcpAddr()})
	if err := s.SetSRTP(p.sessKey, p.key); err != nil {
		t.Fatal(err)
	}
	return s, sink, p
}

func (p *securePeer) send(t *testing.T, s *Session, seq uint16, payload []byte) {
	t.Helper()
	send(t, p.RTP, sessionAddr(s), protectRTP(t, p.tx, rtp.Header{SequenceNumber: seq, Timestamp: uint32(seq) * 160, SSRC: 0x5ec}, payload))
}

func TestSRTPBothWays(t *testing.T) {
	for _, suite := range sdes.Suites {
		t.Run(suite.String(), func(t *testing.T) {
			s, sink, p := newSecure(t, suite)
			payload := bytes.Repeat([]byte{0x55}, 160)
			p.send(t, s, 1, payload)
			if got := sink.next(t); got.SequenceNumber != 1 || !bytes.Equal(got.Payload, payload) {
				t.Fatalf("got seq %d payload %x…", got.SequenceNumber, got.Payload[:4])
			}
			if err := s.Send(payload, 160, true); err != nil {
				t.Fatal(err)
			}
			wire := read(t, p.RTP)
			if bytes.Contains(wire, payload[:16]) {
				t.Fatal("the payload went out in the clear")
			}
			plain, err := p.rx.DecryptRTP(nil, wire, nil)
			if err != nil || !bytes.Equal(plain[12:], payload) {
				t.Fatalf("peer cannot open our packet: %v", err)
			}
		})
	}
}

func TestSRTPDropsWrongKeyReplayAndPlain(t *testing.T) {
	s, sink, p := newSecure(t, sdes.AESCM128HMACSHA180)
	stranger := newCtx(t, newKey(t, sdes.AESCM128HMACSHA180))
	send(t, p.RTP, sessionAddr(s), protectRTP(t, stranger, rtp.Header{SequenceNumber: 1, SSRC: 0x5ec}, []byte{1, 2, 3}))
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: 2, SSRC: 0x5ec}, []byte{1, 2, 3}))
	good := protectRTP(t, p.tx, rtp.Header{SequenceNumber: 3, SSRC: 0x5ec}, []byte{4})
	send(t, p.RTP, sessionAddr(s), good)
	if got := sink.next(t); got.SequenceNumber != 3 {
		t.Fatalf("seq %d reached the call", got.SequenceNumber)
	}
	send(t, p.RTP, sessionAddr(s), good) // replayed
	p.send(t, s, 4, []byte{5})
	if got := sink.next(t); got.SequenceNumber != 4 {
		t.Fatalf("seq %d reached the call", got.SequenceNumber)
	}
	sink.empty(t)
	if st := s.Stats(); st.SRTPFailed != 3 || st.PacketsReceived != 2 {
		t.Fatalf("stats %+v", st)
	}
}

// A packet with the right key from a source other than the latched peer is
// dropped before it is opened; one with a wrong key never latches.
func TestSRTPForeignSourceNeverReachesTheCall(t *testing.T) {
	s, sink, p := newSecure(t, sdes.AEADAES128GCM)
	intruder := newPeer(t)
	send(t, intruder.RTP, sessionAddr(s), protectRTP(t, newCtx(t, newKey(t, sdes.AEADAES128GCM)), rtp.Header{SequenceNumber: 9, SSRC: 1}, []byte{9}))
	p.send(t, s, 1, []byte{1})
	sink.next(t)
	if st := s.Stats(); st.Peer != p.rtpAddr() || st.SRTPFailed != 1 {
		t.Fatalf("latched %v after a wrong-key packet (stats %+v)", st.Peer, st)
	}
	send(t, intruder.RTP, sessionAddr(s), protectRTP(t, p.tx, rtp.Header{SequenceNumber: 2, SSRC: 0x5ec}, []byte{2}))
	p.send(t, s, 3, []byte{3})
	if got := sink.next(t); got.SequenceNumber != 3 {
		t.Fatalf("seq %d from the intruder reached the call", got.SequenceNumber)
	}
	if st := s.Stats(); st.DroppedForeign != 1 {
		t.Fatalf("stats %+v", st)
	}
}

// A re-INVITE re-keys: packets under the old key still in flight play, and
// the first under the new key retires it.
func TestSRTPRekey(t *testing.T) {
	s, sink, p := newSecure(t, sdes.AESCM128HMACSHA132)
	p.send(t, s, 1, []byte{1})
	sink.next(t)
	oldTx := p.tx
	p.key = newKey(t, sdes.AESCM128HMACSHA132)
	p.tx = newCtx(t, p.key)
	sessKey := newKey(t, sdes.AESCM128HMACSHA132)
	if err := s.SetSRTP(sessKey, p.key); err != nil {
		t.Fatal(err)
	}
	send(t, p.RTP, sessionAddr(s), protectRTP(t, oldTx, rtp.Header{SequenceNumber: 2, SSRC: 0x5ec}, []byte{2}))
	p.send(t, s, 3, []byte{3})
	send(t, p.RTP, sessionAddr(s), protectRTP(t, oldTx, rtp.Header{SequenceNumber: 4, SSRC: 0x5ec}, []byte{4}))
	p.send(t, s, 5, []byte{5})
	for _, want := range []uint16{2, 3, 5} {
		if got := sink.next(t); got.SequenceNumber != want {
			t.Fatalf("seq %d, want %d", got.SequenceNumber, want)
		}
	}
	if err := s.Send([]byte{7}, 160, false); err != nil {
		t.Fatal(err)
	}
	if _, err := newCtx(t, sessKey).DecryptRTP(nil, read(t, p.RTP), nil); err != nil {
		t.Fatalf("we did not switch to our new key: %v", err)
	}
	if err := s.SetSRTP(sdes.Crypto{}, sdes.Crypto{}); err != nil || s.Secure() {
		t.Fatal("back to plain RTP failed", err)
	}
	if err := s.SetSRTP(sessKey, sdes.Crypto{}); err == nil {
		t.Fatal("half a key pair accepted")
	}
}

func TestSRTCPBothWays(t *testing.T) {
	s, _, p := newSecure(t, sdes.AESCM128HMACSHA180)
	sr := []byte{0x80, 200, 0, 6, 0, 0, 0x5, 0xec, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 2}
	b, err := p.tx.EncryptRTCP(nil, sr, nil)
	if err != nil {
		t.Fatal(err)
	}
	send(t, p.RTCP, sessionRTCP(s), b)
	if !eventually(func() bool { return s.Stats().RTCPReceived == 1 }) {
		t.Fatalf("SRTCP not received: %+v", s.Stats())
	}
	if got := s.Stats().LastSR; got.SSRC != 0x5ec || got.PacketCount != 1 {
		t.Fatalf("sender report %+v", got)
	}
	s.MaybeSendRTCP(time.Now(), nil)
	s.MaybeSendRTCP(time.Now().Add(time.Minute), nil)
	if _, err := p.rx.DecryptRTCP(nil, read(t, p.RTCP), nil); err != nil {
		t.Fatalf("peer cannot open our report: %v", err)
	}
}

func TestSecureReceiveAndSendDoNotAllocate(t *testing.T) {
	key, peerKey := newKey(t, sdes.AESCM128HMACSHA180), newKey(t, sdes.AESCM128HMACSHA180)
	s, sink := NewSession(newPair(t), Config{Latch: true, Remote: newPeer(t).rtpAddr()}), &countSink{}
	defer s.Close()
	if err := s.SetSRTP(key, peerKey); err != nil {
		t.Fatal(err)
	}
	tx, sc, src := newCtx(t, peerKey), newScratch(), newPeer(t).rtpAddr()
	pkts := make([][]byte, 200)
	for i := range pkts {
		pkts[i] = protectRTP(t, tx, rtp.Header{SequenceNumber: uint16(i), SSRC: 1}, make([]byte, 160))
	}
	i := 0
	if n := testing.AllocsPerRun(100, func() { s.dispatch(rtpSocket, pkts[i], src, time.Now(), sc, sink); i++ }); n != 0 {
		t.Fatalf("secure dispatch allocates %.1f times per packet", n)
	}
	if sink.n.Load() < 100 {
		t.Fatalf("%d packets opened", sink.n.Load())
	}
	payload := make([]byte, 160)
	if n := testing.AllocsPerRun(100, func() { _ = s.Send(payload, 160, false) }); n != 0 {
		t.Fatalf("secure Send allocates %.1f times per packet", n)
	}
}
