package jitter

import (
	"encoding/binary"
	"testing"

	"github.com/pion/rtp"
)

// eventPacket builds an RFC 4733 packet.
func eventPacket(ssrc uint32, seq uint16, ts uint32, code uint8, end bool, vol uint8, dur uint16) *rtp.Packet {
	pl := []byte{code, vol & 0x3f, 0, 0}
	if end {
		pl[1] |= 0x80
	}
	binary.BigEndian.PutUint16(pl[2:], dur)
	return &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: ptEvent, SequenceNumber: seq,
		Timestamp: ts, SSRC: ssrc, Marker: dur == 0}, Payload: pl}
}

// digit appends the packets of one event to arr the way an RFC 2833-era
// sender does: an update every 20 ms in the sequence space of the audio
// sender s, then the end packet three times with one sequence number; and
// moves s past the event.
func digit(arr []arrival, s *sender, code uint8, updates int) []arrival {
	at, ts := arr[len(arr)-1].at+20*ms, s.ts
	for i := range updates {
		arr = append(arr, arrival{at, eventPacket(s.ssrc, s.seq, ts, code, false, 10, uint16(i*160))})
		s.seq++
		at += 20 * ms
	}
	for range 3 {
		arr = append(arr, arrival{at, eventPacket(s.ssrc, s.seq, ts, code, true, 10, uint16(updates*160))})
	}
	s.seq++
	s.ts += uint32(updates * 160)
	return arr
}

func TestEventsInsideAnAudioStream(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(5, 100, 0, ptime20)
	arr := stream(s, 10, 0)
	for _, code := range []uint8{1, 11, 10} {
		arr = digit(arr, s, code, 5)
		arr = append(arr, stream(s, 10, arr[len(arr)-1].at+20*ms)...)
	}
	play(b, arr, 3000*ms)
	var got []rune
	for ev, ok := b.PopEvent(); ok; ev, ok = b.PopEvent() {
		got = append(got, ev.Digit())
		if ev.Duration != 800 || ev.Volume != 10 || !ev.Ended || ev.SSRC != 5 {
			t.Errorf("event %+v", ev)
		}
	}
	if string(got) != "1#*" {
		t.Errorf("digits %q, want \"1#*\"", string(got))
	}
	st := b.Stats()
	if st.Lost != 0 || st.Duplicates != 0 || st.Completeness.PacketsLost != 0 || st.ConcealedMs != 0 {
		t.Errorf("stats %+v: events share the sequence space and are not audio loss", st)
	}
}

func TestEventReassembly(t *testing.T) {
	for _, tc := range []struct {
		name string
		push func(e *events)
		want []Event
	}{
		{"an event whose end packets were lost is reported when the next begins", func(e *events) {
			e.push(1, 800, eventBytes(5, false, 320))
			e.push(1, 4000, eventBytes(6, true, 480))
		}, []Event{{Code: 5, Duration: 320, Timestamp: 800, SSRC: 1, Volume: 10}, {Code: 6, Duration: 480, Timestamp: 4000, SSRC: 1, Volume: 10, Ended: true}}},
		{"a long event's segments are joined", func(e *events) {
			e.push(1, 0, eventBytes(9, false, 65535))
			e.push(1, 65535, eventBytes(9, false, 1000))
			e.push(1, 65535, eventBytes(9, true, 2000))
		}, []Event{{Code: 9, Duration: 67535, Timestamp: 0, SSRC: 1, Volume: 10, Ended: true}}},
		{"a straggler from an older event is ignored", func(e *events) {
			e.push(1, 4000, eventBytes(2, true, 160))
			e.push(1, 800, eventBytes(1, true, 160))
		}, []Event{{Code: 2, Duration: 160, Timestamp: 4000, SSRC: 1, Volume: 10, Ended: true}}},
		{"audio long after an unfinished event reports it", func(e *events) {
			e.push(1, 800, eventBytes(3, false, 160))
			e.expire(1, 800+160+4001, 4000)
		}, []Event{{Code: 3, Duration: 160, Timestamp: 800, SSRC: 1, Volume: 10}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e events
			tc.push(&e)
			var got []Event
			for ev, ok := e.pop(); ok; ev, ok = e.pop() {
				got = append(got, ev)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("event %d: %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func eventBytes(code uint8, end bool, dur uint16) []byte {
	return eventPacket(1, 0, 0, code, end, 10, dur).Payload
}

func TestDigitNames(t *testing.T) {
	for code, want := range "0123456789*#ABCD" {
		if got := (Event{Code: uint8(code)}).Digit(); got != want {
			t.Errorf("code %d: %q, want %q", code, got, want)
		}
	}
	if got := (Event{Code: 16}).Digit(); got != 0 {
		t.Errorf("flash: %q, want 0", got)
	}
}

func TestEventQueueOverflowIsCounted(t *testing.T) {
	b := newTestBuffer(t, nil)
	for i := range eventQueueLen + 3 {
		b.Push(eventPacket(1, uint16(i), uint32(i*1000), 1, true, 10, 160), testTime)
	}
	if st := b.Stats(); st.Events != eventQueueLen+3 || st.EventsDropped != 3 {
		t.Errorf("stats %+v", st)
	}
}
