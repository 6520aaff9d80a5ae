package rtpio

import (
	"bytes"
	"errors"
	"testing"
)

func TestSentPacketsCarryOurSSRCAndStepSeqAndTimestamp(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), Latch: true, PayloadType: 8})
	payload := bytes.Repeat([]byte{0x55}, 160)
	var prevSeq uint16
	var prevTS uint32
	for i := range 5 {
		if err := s.Send(payload, 160, i == 0); err != nil {
			t.Fatal(err)
		}
		got := readRTP(t, p.RTP)
		if got.Version != 2 || got.SSRC != s.SSRC() || got.PayloadType != 8 || got.Marker != (i == 0) {
			t.Fatalf("packet %d header = %+v", i, got.Header)
		}
		if !bytes.Equal(got.Payload, payload) {
			t.Fatalf("packet %d payload differs", i)
		}
		if i > 0 && (got.SequenceNumber != prevSeq+1 || got.Timestamp != prevTS+160) {
			t.Fatalf("packet %d: seq %d ts %d after seq %d ts %d", i, got.SequenceNumber, got.Timestamp, prevSeq, prevTS)
		}
		prevSeq, prevTS = got.SequenceNumber, got.Timestamp
	}
	if st := s.Stats(); st.PacketsSent != 5 || st.OctetsSent != 5*160 {
		t.Fatalf("PacketsSent = %d, OctetsSent = %d", st.PacketsSent, st.OctetsSent)
	}
}

func TestSequenceNumberAndTimestampWrap(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), Latch: true})
	s.tx.mu.Lock()
	s.tx.pkt.SequenceNumber, s.tx.ts = 0xfffe, 0xffffff00
	s.tx.mu.Unlock()
	want := []struct {
		seq uint16
		ts  uint32
	}{{0xfffe, 0xffffff00}, {0xffff, 0xffffffa0}, {0, 0x40}}
	for _, w := range want {
		if err := s.Send([]byte{0}, 160, false); err != nil {
			t.Fatal(err)
		}
		if got := readRTP(t, p.RTP); got.SequenceNumber != w.seq || got.Timestamp != w.ts {
			t.Fatalf("seq %#x ts %#x, want %#x %#x", got.SequenceNumber, got.Timestamp, w.seq, w.ts)
		}
	}
}

func TestSetPayloadTypeAppliesToTheNextPacket(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr(), PayloadType: 0})
	s.SetPayloadType(8)
	if err := s.Send([]byte{0}, 160, false); err != nil {
		t.Fatal(err)
	}
	if got := readRTP(t, p.RTP); got.PayloadType != 8 {
		t.Fatalf("payload type %d, want 8", got.PayloadType)
	}
}

func TestTimestampAdvancesWhileNoRemoteIsKnown(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{})
	s.tx.mu.Lock()
	start := s.tx.ts
	s.tx.mu.Unlock()
	_ = s.Send([]byte{0}, 160, false)
	s.SetRemote(p.rtpAddr(), p.rtcpAddr())
	if err := s.Send([]byte{0}, 160, false); err != nil {
		t.Fatal(err)
	}
	if got := readRTP(t, p.RTP); got.Timestamp != start+160 {
		t.Fatalf("ts %d, want %d", got.Timestamp, start+160)
	}
}

func TestSendRefusesAPayloadLargerThanADatagram(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr()})
	if err := s.Send(make([]byte, maxDatagram), 160, false); !errors.Is(err, ErrPayloadTooLarge) {
		t.Fatalf("err = %v, want ErrPayloadTooLarge", err)
	}
}

func TestSendAfterCloseFailsWithErrClosed(t *testing.T) {
	p := newPeer(t)
	s, _ := session(t, Config{Remote: p.rtpAddr()})
	s.Close()
	if err := s.Send([]byte{0}, 160, false); !errors.Is(err, ErrClosed) {
		t.Fatalf("err = %v, want ErrClosed", err)
	}
}
