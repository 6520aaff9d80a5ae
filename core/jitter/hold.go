package jitter

import "time"

// pkt is the part of an RTP packet the buffer uses. payload belongs to the
// caller of Push except in held, which owns a copy.
type pkt struct {
	ssrc, ts uint32
	seq      uint16
	pt       uint8
	marker   bool
	payload  []byte
	at       time.Time
}

// held is the RFC 3550 A.1 probation slot: a packet from a new SSRC, or one
// whose sequence number jumped, waits here until a second packet of the same
// source within a few sequence numbers confirms the change. A stray packet
// therefore never re-anchors the stream, and the first packet of a genuine
// change is not lost.
type held struct {
	p    pkt
	full bool
	buf  []byte // grown to the largest payload held, at most max bytes
	max  int
}

// keep copies p into the slot; false if the payload is larger than max. The
// copy's buffer grows to the payload's size (once per stream, in practice),
// not to max up front: most legs never hold more than one 160-byte payload.
func (h *held) keep(p *pkt) bool {
	if len(p.payload) > h.max {
		h.full = false
		return false
	}
	if cap(h.buf) < len(p.payload) {
		h.buf = make([]byte, len(p.payload))
	}
	h.p = *p
	h.p.payload = h.buf[:copy(h.buf[:cap(h.buf)], p.payload)]
	h.full = true
	return true
}

// confirms reports whether p is a second packet of the held source.
func (h *held) confirms(p *pkt) bool {
	d := int16(p.seq - h.p.seq)
	return h.full && p.ssrc == h.p.ssrc && d != 0 && d >= -3 && d <= 3
}
