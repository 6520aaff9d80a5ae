package rtpio

import (
	"bytes"
	"testing"

	"github.com/pion/rtp"
)

func TestReceivedPacketReachesTheSinkUnchanged(t *testing.T) {
	s, sink := session(t, Config{Latch: true})
	p := newPeer(t)
	h := rtp.Header{
		Marker: true, PayloadType: 8, SequenceNumber: 4711, Timestamp: 123456, SSRC: 0xdeadbeef,
		CSRC: []uint32{1, 2},
	}
	if err := h.SetExtension(1, []byte{0xaa, 0xbb}); err != nil {
		t.Fatal(err)
	}
	payload := bytes.Repeat([]byte{0xd5}, 160)
	send(t, p.RTP, sessionAddr(s), marshalRTP(t, h, payload))

	got := sink.next(t)
	if got.Marker != h.Marker || got.PayloadType != h.PayloadType || got.SequenceNumber != h.SequenceNumber ||
		got.Timestamp != h.Timestamp || got.SSRC != h.SSRC || len(got.CSRC) != 2 || got.CSRC[1] != 2 {
		t.Fatalf("header = %+v, want %+v", got.Header, h)
	}
	if ext := got.GetExtension(1); !bytes.Equal(ext, []byte{0xaa, 0xbb}) {
		t.Errorf("extension 1 = %x", ext)
	}
	if !bytes.Equal(got.Payload, payload) {
		t.Errorf("payload differs")
	}
	st := s.Stats()
	if st.PacketsReceived != 1 || st.OctetsReceived != 160 || st.RemoteSSRC != 0xdeadbeef {
		t.Errorf("stats = %+v", st)
	}
}

func TestPaddingIsStrippedFromThePayload(t *testing.T) {
	s, sink := session(t, Config{Latch: true})
	p := newPeer(t)
	b := marshalRTP(t, rtp.Header{SequenceNumber: 1}, []byte{1, 2, 3})
	b[0] |= 0x20
	b = append(b, 0, 0, 3)
	send(t, p.RTP, sessionAddr(s), b)
	if got := sink.next(t); !bytes.Equal(got.Payload, []byte{1, 2, 3}) {
		t.Fatalf("payload = %x, want 010203", got.Payload)
	}
}

func TestPacketsWithAnyPayloadTypeArePassedToTheSink(t *testing.T) {
	s, sink := session(t, Config{Latch: true, PayloadType: 0})
	p := newPeer(t)
	for _, pt := range []uint8{0, 13, 101, 127} {
		send(t, p.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{PayloadType: pt}, []byte{0}))
		if got := sink.next(t); got.PayloadType != pt {
			t.Fatalf("payload type %d arrived as %d", pt, got.PayloadType)
		}
	}
}

func TestMalformedDatagramsAreCountedAndDropped(t *testing.T) {
	valid := func() []byte { return marshalRTP(t, rtp.Header{SequenceNumber: 9}, []byte{1, 2, 3, 4}) }
	with := func(f func(b []byte) []byte) []byte { return f(valid()) }
	tests := []struct {
		name string
		b    []byte
	}{
		{"an empty datagram", []byte{}},
		{"a single byte", []byte{0x80}},
		{"a header one byte short", valid()[:11]},
		{"version 0", with(func(b []byte) []byte { b[0] &^= 0xc0; return b })},
		{"version 1", with(func(b []byte) []byte { b[0] = b[0]&^0xc0 | 0x40; return b })},
		{"version 3", with(func(b []byte) []byte { b[0] |= 0xc0; return b })},
		{"a CSRC count beyond the datagram", with(func(b []byte) []byte { b[0] |= 0x0f; return b })},
		{"an extension bit without extension header", with(func(b []byte) []byte { b[0] |= 0x10; return b[:12] })},
		{"an extension length beyond the datagram", with(func(b []byte) []byte {
			b[0] |= 0x10
			return append(b[:12], 0xbe, 0xde, 0x00, 0x09, 1, 2, 3, 4)
		})},
		{"a padding count of zero", with(func(b []byte) []byte { b[0] |= 0x20; b[len(b)-1] = 0; return b })},
		{"a padding count beyond the payload", with(func(b []byte) []byte { b[0] |= 0x20; b[len(b)-1] = 5; return b })},
		{"an RTCP length beyond the datagram", []byte{0x80, 201, 0, 7, 0, 0, 0, 1}},
		{"an RTCP sender report too short for its sender info", []byte{0x80, 200, 0, 1, 0, 0, 0, 1}},
		{"an RTCP receiver report too short for its blocks", []byte{0x81, 201, 0, 1, 0, 0, 0, 1}},
		{"a datagram larger than the receive buffer", append(valid(), make([]byte, maxDatagram)...)},
	}
	s, sink := session(t, Config{Latch: true})
	p := newPeer(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := s.Stats().Malformed
			send(t, p.RTP, sessionAddr(s), tt.b)
			barrier(t, p.RTP, s, sink, uint16(1000+i))
			sink.empty(t)
			if got := s.Stats().Malformed - before; got != 1 {
				t.Fatalf("Malformed grew by %d, want 1", got)
			}
		})
	}
}

func TestRTPOnTheRTCPSocketIsCountedAsMalformed(t *testing.T) {
	s, sink := session(t, Config{Latch: true})
	p := newPeer(t)
	send(t, p.RTCP, sessionRTCP(s), marshalRTP(t, rtp.Header{}, []byte{1}))
	if !eventually(func() bool { return s.Stats().Malformed == 1 }) {
		t.Fatalf("Malformed = %d, want 1", s.Stats().Malformed)
	}
	sink.empty(t)
}
