package rtpio

import (
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// Stats is a snapshot of a Session's counters. Octets count RTP payload
// bytes (as RTCP sender reports do); RTCP counts compound datagrams.
type Stats struct {
	SSRC       uint32         // ours
	RemoteSSRC uint32         // of the last RTP packet accepted
	Peer       netip.AddrPort // latched RTP source; zero until latched or without latching
	Dest       netip.AddrPort // where RTP is sent; zero while unknown

	PacketsReceived uint64 // RTP accepted and handed to the Sink
	OctetsReceived  uint64
	PacketsSent     uint64
	OctetsSent      uint64
	Malformed       uint64 // dropped: not RTP/RTCP, bad lengths, RTP on the RTCP socket
	DroppedForeign  uint64 // dropped: not from the latched peer
	SRTPFailed      uint64 // dropped: SRTP/SRTCP authentication failed, or a replay
	RTCPReceived    uint64
	RTCPSent        uint64
	SendErrors      uint64 // failed socket writes, RTP and RTCP
	RecvErrors      uint64 // failed socket reads (not counting Close)

	LastSR SenderReport // the last sender report received; zero Arrival when none
}

// SenderReport is the sender info of a received RTCP SR (RFC 3550 §6.4.1).
type SenderReport struct {
	SSRC        uint32
	NTPTime     uint64 // 32.32 fixed point seconds since 1900
	RTPTime     uint32
	PacketCount uint32
	OctetCount  uint32
	Arrival     time.Time
}

type counters struct {
	packetsReceived, octetsReceived atomic.Uint64
	packetsSent, octetsSent         atomic.Uint64
	malformed, foreign, srtpFailed  atomic.Uint64
	rtcpReceived, rtcpSent          atomic.Uint64
	sendErrors, recvErrors          atomic.Uint64
}

// receptionState is what the receive path learns about the remote source.
type receptionState struct {
	remoteSSRC atomic.Uint32
	mu         sync.Mutex
	lastSR     SenderReport
}

func (r *receptionState) recordSR(sr SenderReport, arrival time.Time) {
	sr.Arrival = arrival
	r.mu.Lock()
	r.lastSR = sr
	r.mu.Unlock()
}

func (r *receptionState) sr() SenderReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastSR
}

// Stats returns a snapshot of the session's counters. The counters are read
// one by one, so a snapshot taken while packets flow may be off by a packet
// between fields.
func (s *Session) Stats() Stats {
	c := &s.stats
	return Stats{
		SSRC:            s.ssrc,
		RemoteSSRC:      s.rx.remoteSSRC.Load(),
		Peer:            s.rtpLatch.peer(),
		Dest:            s.rtpLatch.dest(),
		PacketsReceived: c.packetsReceived.Load(),
		OctetsReceived:  c.octetsReceived.Load(),
		PacketsSent:     c.packetsSent.Load(),
		OctetsSent:      c.octetsSent.Load(),
		Malformed:       c.malformed.Load(),
		DroppedForeign:  c.foreign.Load(),
		SRTPFailed:      c.srtpFailed.Load(),
		RTCPReceived:    c.rtcpReceived.Load(),
		RTCPSent:        c.rtcpSent.Load(),
		SendErrors:      c.sendErrors.Load(),
		RecvErrors:      c.recvErrors.Load(),
		LastSR:          s.rx.sr(),
	}
}
