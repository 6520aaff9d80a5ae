package sipemu

import (
	"encoding/binary"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
)

// EventPT is the telephone-event payload type of the party's SDP.
const EventPT = 101

// SendDigit sends one RFC 4733 telephone-event for key ('0'–'9', '*', '#',
// 'A'–'D') lasting frames packets, 20 ms apart, instead of audio, then its
// end packet three times (RFC 4733 §2.5.1.4); the audio's timestamp moves
// on by the event's length. It blocks for the event's duration. Not safe
// for concurrent use with SendFrame.
func (p *Party) SendDigit(key rune, frames int) error {
	code, ok := eventCode(key)
	if !ok {
		return errBadKey(key)
	}
	start := p.ts
	var payload [4]byte
	payload[0] = code
	for i := 1; i <= frames+3; i++ {
		end := i > frames
		d := min(i, frames) * codecs.FrameSamples
		payload[1] = 10 // volume -10 dBm0
		if end {
			payload[1] |= 0x80
		}
		binary.BigEndian.PutUint16(payload[2:], uint16(d))
		if err := p.sendEvent(payload[:], start, i == 1); err != nil {
			return err
		}
		if !end {
			time.Sleep(codecs.FrameDuration)
		}
	}
	p.ts = start + uint32(frames*codecs.FrameSamples)
	return nil
}

func (p *Party) sendEvent(payload []byte, ts uint32, marker bool) error {
	p.mu.Lock()
	dst := p.remote
	p.mu.Unlock()
	h := rtp.Header{Version: 2, PayloadType: EventPT, SequenceNumber: p.seq, Timestamp: ts, SSRC: p.ssrc, Marker: marker}
	n, err := h.MarshalTo(p.out[:])
	if err != nil {
		return err
	}
	n += copy(p.out[n:], payload)
	p.seq++
	return p.conn.SendTo(p.out[:n], dst)
}

// eventCode is the RFC 4733 event code of a DTMF key.
func eventCode(key rune) (uint8, bool) {
	switch {
	case key >= '0' && key <= '9':
		return uint8(key - '0'), true
	case key == '*':
		return 10, true
	case key == '#':
		return 11, true
	case key >= 'A' && key <= 'D':
		return uint8(12 + key - 'A'), true
	}
	return 0, false
}

type errBadKey rune

func (e errBadKey) Error() string { return "sipemu: not a DTMF key: " + string(rune(e)) }
