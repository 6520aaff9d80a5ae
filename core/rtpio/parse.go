package rtpio

import (
	"encoding/binary"

	"github.com/pion/rtp"
)

// kind is what a datagram turned out to be.
type kind uint8

const (
	kindMalformed kind = iota
	kindRTP
	kindRTCP
)

// RTCP packet types (RFC 3550 §12.1).
const (
	typeSR   = 200
	typeRR   = 201
	typeSDES = 202
	typeBYE  = 203
)

const (
	rtpHeaderLen   = 12
	rtcpHeaderLen  = 4
	senderInfoLen  = 20 // NTP, RTP timestamp, packet and octet counts
	reportBlockLen = 24
)

// datagram is one received datagram, parsed in place. A Poll owns one and
// reuses it for every packet; the packet's slices alias the receive buffer.
type datagram struct {
	kind  kind
	rtp   rtp.Packet
	sr    SenderReport // the first sender report of an RTCP compound
	hasSR bool
}

func newDatagram() *datagram {
	d := &datagram{}
	d.rtp.CSRC = make([]uint32, 0, 15) // the most CC can announce
	d.rtp.Extensions = make([]rtp.Extension, 0, 8)
	return d
}

// parse classifies b as RTP, RTCP or malformed and fills d accordingly.
func (d *datagram) parse(b []byte) {
	d.kind, d.hasSR = kindMalformed, false
	switch demux(b) {
	case kindRTP:
		if validRTP(b) && d.rtp.Unmarshal(b) == nil {
			d.kind = kindRTP
		}
	case kindRTCP:
		if d.parseRTCP(b) {
			d.kind = kindRTCP
		}
	}
}

// demux tells RTP from RTCP by the second octet (RFC 5761 §4): 192–223 is
// the RTCP packet type range (SR 200 … BYE 203, APP 204, feedback 205/206,
// XR 207), which RTP payload types 64–95 would collide with and so must not
// use. Both need version 2.
func demux(b []byte) kind {
	if len(b) < 2 || b[0]>>6 != 2 {
		return kindMalformed
	}
	if b[1] >= 192 && b[1] <= 223 {
		return kindRTCP
	}
	return kindRTP
}

// validRTP checks the lengths that rtp.Packet.Unmarshal would reject with
// an error it allocates: the fixed header, the CSRC list, the extension
// header and its announced length, and the padding count (RFC 3550 §5.1).
func validRTP(b []byte) bool {
	n := rtpHeaderLen + 4*int(b[0]&0x0f)
	if len(b) < n {
		return false
	}
	if b[0]&0x10 != 0 {
		if len(b) < n+4 {
			return false
		}
		n += 4 + 4*int(binary.BigEndian.Uint16(b[n+2:]))
		if len(b) < n {
			return false
		}
	}
	if b[0]&0x20 != 0 {
		pad := int(b[len(b)-1])
		return pad > 0 && n+pad <= len(b)
	}
	return true
}

// parseRTCP walks a compound RTCP packet (RFC 3550 §6.1): every packet has
// version 2, a length that fits, and room for the report blocks its count
// announces; the lengths add up to the datagram. It keeps the sender info
// of the first sender report.
func (d *datagram) parseRTCP(b []byte) bool {
	for len(b) > 0 {
		if len(b) < rtcpHeaderLen || b[0]>>6 != 2 {
			return false
		}
		size := 4 * (int(binary.BigEndian.Uint16(b[2:])) + 1)
		if size > len(b) || !d.readRTCP(b[:size]) {
			return false
		}
		b = b[size:]
	}
	return true
}

// readRTCP checks one RTCP packet's fixed part and keeps a sender report.
func (d *datagram) readRTCP(p []byte) bool {
	blocks := reportBlockLen * int(p[0]&0x1f)
	switch p[1] {
	case typeSR:
		if len(p) < rtcpHeaderLen+4+senderInfoLen+blocks {
			return false
		}
		if !d.hasSR {
			d.sr, d.hasSR = readSenderInfo(p), true
		}
	case typeRR:
		return len(p) >= rtcpHeaderLen+4+blocks
	}
	return true
}

func readSenderInfo(p []byte) SenderReport {
	return SenderReport{
		SSRC:        binary.BigEndian.Uint32(p[4:]),
		NTPTime:     binary.BigEndian.Uint64(p[8:]),
		RTPTime:     binary.BigEndian.Uint32(p[16:]),
		PacketCount: binary.BigEndian.Uint32(p[20:]),
		OctetCount:  binary.BigEndian.Uint32(p[24:]),
	}
}
