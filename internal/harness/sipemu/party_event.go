package sipemu

import (
	"encoding/binary"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
)

// EventPT is the telephone-event payload type of the party's SDP.
const EventPT = 101

// endRepeats is how often an event's end packet is sent (RFC 4733 §2.5.1.4).
const endRepeats = 3

// digit is a queued telephone-event: its code, length in packets, and how
// many of its packets (frames, then the end repeats) went out.
type digit struct {
	code   uint8
	frames int
	sent   int
	start  uint32 // RTP timestamp of the event's start
}

// QueueDigits queues RFC 4733 telephone-events for keys ('0'–'9', '*',
// '#', 'A'–'D'), each frames packets long: from the next SendFrame on, each
// call sends the next event packet instead of its audio (the end packet
// three times), one key after the other; the audio's timestamp moves on by
// the events' length. Safe to call while another goroutine sends.
func (p *Party) QueueDigits(keys string, frames int) error {
	var q []digit
	for _, k := range keys {
		code, ok := eventCode(k)
		if !ok {
			return errBadKey(k)
		}
		q = append(q, digit{code: code, frames: max(frames, 1)})
	}
	p.mu.Lock()
	p.digits = append(p.digits, q...)
	p.mu.Unlock()
	return nil
}

// Keying reports whether queued keys remain to be sent.
func (p *Party) Keying() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.digits) > 0
}

// SendDigit sends one telephone-event for key, frames packets long, 20 ms
// apart, and blocks until it is sent. Not safe for concurrent use with
// SendFrame.
func (p *Party) SendDigit(key rune, frames int) error {
	if err := p.QueueDigits(string(key), frames); err != nil {
		return err
	}
	var silence [160]byte
	for p.Keying() {
		if err := p.SendFrame(silence[:], false); err != nil {
			return err
		}
		time.Sleep(codecs.FrameDuration)
	}
	return nil
}

// nextEvent sends the next packet of the first queued key; false when
// none is queued.
func (p *Party) nextEvent() (bool, error) {
	p.mu.Lock()
	if len(p.digits) == 0 {
		p.mu.Unlock()
		return false, nil
	}
	d := &p.digits[0]
	if d.sent == 0 {
		d.start = p.ts
	}
	d.sent++
	n, end := d.sent, d.sent > d.frames
	code, start, frames := d.code, d.start, d.frames
	if d.sent == d.frames+endRepeats {
		p.digits = p.digits[1:]
	}
	dst := p.remote
	p.mu.Unlock()
	var payload [4]byte
	payload[0], payload[1] = code, 10 // volume -10 dBm0
	if end {
		payload[1] |= 0x80
	}
	binary.BigEndian.PutUint16(payload[2:], uint16(min(n, frames)*codecs.FrameSamples))
	h := rtp.Header{Version: 2, PayloadType: EventPT, SequenceNumber: p.seq, Timestamp: start, SSRC: p.ssrc, Marker: n == 1}
	m, err := h.MarshalTo(p.out[:])
	if err != nil {
		return true, err
	}
	m += copy(p.out[m:], payload[:])
	p.seq++
	p.ts += codecs.FrameSamples // the audio's clock goes on while the key is held
	return true, p.conn.SendTo(p.out[:m], dst)
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
