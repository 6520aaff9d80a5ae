package rtpio

import (
	"bytes"
	"testing"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/core/sdes"
)

// fuzzKey is a fixed key, so the committed corpus stays meaningful.
const fuzzKey = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"

var fuzzPayload = []byte("reel fuzz payload")

// payloadSink fails the fuzz run if anything but the seed's payload gets
// through: a forged or damaged packet must never reach a call.
type payloadSink struct{ t *testing.T }

func (p payloadSink) Push(pkt *rtp.Packet, _ time.Time) {
	if !bytes.Equal(pkt.Payload, fuzzPayload) {
		p.t.Fatalf("a packet that is not the peer's reached the call: %x", pkt.Payload)
	}
}

// FuzzSecureDispatch feeds datagrams to a session speaking SRTP, on both
// sockets: SRTP and SRTCP unprotect, then parsing. Nothing may panic, and
// only authentic packets reach the sink.
func FuzzSecureDispatch(f *testing.F) {
	key, err := sdes.ParseCrypto(fuzzKey)
	if err != nil {
		f.Fatal(err)
	}
	tx := newCtx(f, key)
	f.Add(protectRTP(f, tx, rtp.Header{SequenceNumber: 7, SSRC: 9}, fuzzPayload))
	sr := []byte{0x80, 200, 0, 6, 0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 2}
	b, err := tx.EncryptRTCP(nil, sr, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	s := NewSession(newPair(f), Config{Latch: true})
	f.Cleanup(func() { s.Close() })
	if err := s.SetSRTP(key, key); err != nil {
		f.Fatal(err)
	}
	src, sc := newPeer(f).rtpAddr(), newScratch()
	f.Fuzz(func(t *testing.T, data []byte) {
		sink := payloadSink{t}
		s.dispatch(rtpSocket, bytes.Clone(data), src, time.Now(), sc, sink)
		s.dispatch(rtcpSocket, bytes.Clone(data), src, time.Now(), sc, sink)
	})
}
