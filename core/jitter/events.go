package jitter

import "encoding/binary"

// Event is one completed RFC 4733 telephone-event (a DTMF digit, usually).
type Event struct {
	Code      uint8  // event code: 0–9 digits, 10 '*', 11 '#', 12–15 A–D, 16 flash
	Volume    uint8  // power level, −dBm0 (0–63)
	Duration  uint32 // total duration in timestamp units
	Timestamp uint32 // RTP timestamp of the event's start
	SSRC      uint32
	Ended     bool // an end packet was received; false when the end was lost
}

// Digit returns the DTMF character for Code ('0'–'9', '*', '#', 'A'–'D'),
// or 0 for other events.
func (e Event) Digit() rune {
	switch {
	case e.Code <= 9:
		return rune('0' + e.Code)
	case e.Code == 10:
		return '*'
	case e.Code == 11:
		return '#'
	case e.Code <= 15:
		return rune('A' + e.Code - 12)
	}
	return 0
}

const eventQueueLen = 32

// events reassembles RFC 4733 packets into Events: every packet of one event
// carries the event's start timestamp, so the timestamp is the identity, and
// an event is reported once — when its first end packet arrives (the usual
// three end copies, even with the same sequence number, add nothing), or when
// a later event or later audio shows its end was lost. Long events split into
// segments (RFC 4733 2.5.1.3) are joined.
type events struct {
	cur     Event
	active  bool   // cur is being received
	segTS   uint32 // timestamp of cur's current segment
	segBase uint32 // duration of cur's earlier segments
	segDur  uint32 // duration of the current segment so far
	queue   [eventQueueLen]Event
	head, n int
	total   uint64
	dropped uint64 // completed events lost because nobody called PopEvent
}

// push handles one telephone-event packet.
func (e *events) push(ssrc, ts uint32, payload []byte) {
	if len(payload) < 4 {
		return
	}
	code, end, vol := payload[0], payload[1]&0x80 != 0, payload[1]&0x3f
	dur := uint32(binary.BigEndian.Uint16(payload[2:4]))
	if !e.sameEvent(ssrc, ts, code) {
		if e.active && ssrc == e.cur.SSRC && int32(ts-e.segTS) < 0 {
			return // a straggler from an older event
		}
		e.flush()
		e.cur = Event{Code: code, Timestamp: ts, SSRC: ssrc}
		e.active, e.segTS, e.segBase, e.segDur = true, ts, 0, 0
	}
	if e.cur.Ended {
		return // a repeated end packet
	}
	e.segDur = max(e.segDur, dur)
	e.cur.Duration, e.cur.Volume = e.segBase+e.segDur, vol
	if end {
		e.cur.Ended = true
		e.emit(e.cur)
	}
}

// sameEvent reports whether a packet belongs to cur, starting a new segment
// when it continues a long event.
func (e *events) sameEvent(ssrc, ts uint32, code uint8) bool {
	if !e.active || ssrc != e.cur.SSRC {
		return false
	}
	if ts == e.segTS {
		return true
	}
	if !e.cur.Ended && code == e.cur.Code && ts == e.segTS+e.segDur && e.segDur > 0 {
		e.segBase += e.segDur
		e.segTS, e.segDur = ts, 0
		return true
	}
	return false
}

// expire reports cur if audio at ts from its source shows it is over and
// no end packet came (grace: timestamp units after its last known end).
func (e *events) expire(ssrc, ts, grace uint32) {
	if e.active && !e.cur.Ended && ssrc == e.cur.SSRC &&
		int32(ts-(e.segTS+e.segDur+grace)) > 0 {
		e.flush()
	}
}

// flush reports cur if it never ended, and closes it.
func (e *events) flush() {
	if e.active && !e.cur.Ended {
		e.emit(e.cur)
	}
	e.active = false
}

func (e *events) emit(ev Event) {
	e.total++
	if e.n == eventQueueLen {
		e.dropped++
		return
	}
	e.queue[(e.head+e.n)%eventQueueLen] = ev
	e.n++
}

// pop returns the oldest reported event.
func (e *events) pop() (Event, bool) {
	if e.n == 0 {
		return Event{}, false
	}
	ev := e.queue[e.head]
	e.head, e.n = (e.head+1)%eventQueueLen, e.n-1
	return ev, true
}
