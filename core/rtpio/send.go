package rtpio

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/srtp/v3"

	"github.com/reel-project/reel/core/sdes"
)

// sender is the outbound state: RTP header fields, the marshal buffers and
// the RTCP schedule. mu guards all of it.
type sender struct {
	mu     sync.Mutex
	closed bool

	pkt       rtp.Packet                        // header reused for every packet
	buf       [maxDatagram + sdes.Overhead]byte // room to protect in place
	clockRate int
	ts        uint32    // timestamp of the next packet
	lastTS    uint32    // timestamp of the last packet sent
	lastWall  time.Time // when it was sent

	rtcp rtcpSchedule

	srtp    *srtp.Context // protects what we send; nil: plain RTP
	srtpKey sdes.Crypto
	srtpHdr rtp.Header // pion's parse of the packet being protected
}

func (t *sender) init(ssrc uint32, pt uint8, clockRate int, cname string) {
	t.pkt.Header = rtp.Header{
		Version:        2,
		PayloadType:    pt & 0x7f,
		SequenceNumber: uint16(rand.Uint32()),
		SSRC:           ssrc,
	}
	t.ts = rand.Uint32()
	t.clockRate = clockRate
	t.rtcp.cname = cname
}

// close runs last (under the lock) and marks the sender closed; it reports
// whether this call closed it.
func (t *sender) close(last func()) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	last()
	t.closed = true
	return true
}

// SetPayloadType sets the payload type of the packets Send sends from now on.
func (s *Session) SetPayloadType(pt uint8) {
	s.tx.mu.Lock()
	s.tx.pkt.PayloadType = pt & 0x7f
	s.tx.mu.Unlock()
}

// Send sends payload as one RTP packet with our SSRC, the next sequence
// number and the current timestamp, then advances the timestamp by samples
// (the payload's duration in clock-rate units). It writes to the latched
// peer, else the SDP address, and does not allocate. The caller paces it
// (once per 20 ms tick) and keeps ownership of payload.
//
// Without an address it returns ErrNoRemote and still advances the
// timestamp, so the stream stays in step with the clock. A failed write
// costs the packet's sequence number, as a loss on the wire would.
func (s *Session) Send(payload []byte, samples uint32, marker bool) error {
	s.tx.mu.Lock()
	defer s.tx.mu.Unlock()
	if s.tx.closed {
		return ErrClosed
	}
	if len(payload) > maxDatagram-rtpHeaderLen {
		return fmt.Errorf("%w: %d bytes, max %d", ErrPayloadTooLarge, len(payload), maxDatagram-rtpHeaderLen)
	}
	dst := s.rtpLatch.dest()
	if !dst.IsValid() {
		s.tx.ts += samples
		return ErrNoRemote
	}
	n := s.tx.marshal(payload, marker)
	s.tx.advance(samples)
	b, err := s.tx.protect(n)
	if err != nil {
		s.stats.sendErrors.Add(1)
		return err
	}
	if err := s.pair.RTP.SendTo(b, dst); err != nil {
		s.stats.sendErrors.Add(1)
		return err
	}
	s.stats.packetsSent.Add(1)
	s.stats.octetsSent.Add(uint64(len(payload)))
	return nil
}

// marshal writes the next packet into buf; payload fits (Send checked).
func (t *sender) marshal(payload []byte, marker bool) int {
	t.pkt.Marker = marker
	t.pkt.Timestamp = t.ts
	t.pkt.Payload = payload
	n, _ := t.pkt.MarshalTo(t.buf[:])
	t.pkt.Payload = nil
	return n
}

// protect returns the marshalled packet, protected in place when the
// session speaks SRTP.
func (t *sender) protect(n int) ([]byte, error) {
	if t.srtp == nil {
		return t.buf[:n], nil
	}
	b, err := t.srtp.EncryptRTP(t.buf[:0], t.buf[:n], &t.srtpHdr)
	if err != nil {
		return nil, fmt.Errorf("rtpio: srtp protect: %w", err)
	}
	return b, nil
}

// advance moves to the next packet after one was marshalled.
func (t *sender) advance(samples uint32) {
	t.lastTS, t.lastWall = t.ts, time.Now()
	t.pkt.SequenceNumber++
	t.ts += samples
}

// rtpTimeAt extrapolates the RTP timestamp of wall-clock time now from the
// last packet sent, for the sender report (RFC 3550 §6.4.1).
func (t *sender) rtpTimeAt(now time.Time) uint32 {
	if t.lastWall.IsZero() {
		return t.ts
	}
	elapsed := min(max(now.Sub(t.lastWall), 0), time.Hour)
	return t.lastTS + uint32(int64(elapsed)*int64(t.clockRate)/int64(time.Second))
}
