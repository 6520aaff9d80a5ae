package rtpio

import (
	"math/rand/v2"
	"time"

	"github.com/pion/rtcp"

	"github.com/reel-project/reel/core/sdes"
)

// RFC 3550 §6.2 and §6.3.1: with the few members and little bandwidth of a
// call leg, the deterministic interval is always the 5 s minimum (half of it
// before the first report), randomised over [0.5, 1.5] and divided by e−3/2
// to compensate for timer reconsideration.
const (
	rtcpMinInterval  = 5 * time.Second
	rtcpCompensation = 1.21828
	ntpEpochOffset   = 2208988800 // seconds from 1900 to 1970
)

// rtcpSchedule is the RTCP part of sender, guarded by its mutex.
type rtcpSchedule struct {
	next         time.Time // when the next report is due; zero before the first call
	sentAtReport uint64    // packets sent when the last report went out
	cname        string
	hdr          rtcp.Header                   // pion's parse of the report being protected
	buf          [512 + sdes.RTCPOverhead]byte // SR with one block + SDES (CNAME ≤ 255) + BYE fit, protected in place
}

func rtcpInterval(initial bool) time.Duration {
	t := rtcpMinInterval
	if initial {
		t /= 2
	}
	return time.Duration(float64(t) * (0.5 + rand.Float64()) / rtcpCompensation)
}

// MaybeSendRTCP sends a compound report (SR if we sent RTP since the last
// report, else RR; then SDES CNAME) when one is due at now. The conference
// clock calls it every tick instead of the session keeping a timer; the first
// call only schedules the first report. rs describes the remote source for
// the report block and may be nil (no block is sent, nor before any RTP was
// received).
func (s *Session) MaybeSendRTCP(now time.Time, rs ReceptionStats) {
	s.tx.mu.Lock()
	defer s.tx.mu.Unlock()
	sch := &s.tx.rtcp
	switch {
	case s.tx.closed:
		return
	case sch.next.IsZero():
		sch.next = now.Add(rtcpInterval(true))
		return
	case now.Before(sch.next):
		return
	}
	sch.next = now.Add(rtcpInterval(false))
	s.sendRTCP(s.buildReport(now, rs, false))
}

// buildReport marshals our compound RTCP packet into the schedule's buffer,
// with a BYE at the end when bye is set. The caller holds tx.mu.
func (s *Session) buildReport(now time.Time, rs ReceptionStats, bye bool) []byte {
	sch := &s.tx.rtcp
	block, hasBlock := s.reportBlock(now, rs)
	sent := s.stats.packetsSent.Load()
	b := sch.buf[:0]
	if sent > sch.sentAtReport {
		b = appendSR(b, s.ssrc, s.senderInfoAt(now, sent), block, hasBlock)
	} else {
		b = appendRR(b, s.ssrc, block, hasBlock)
	}
	sch.sentAtReport = sent
	b = appendSDES(b, s.ssrc, sch.cname)
	if bye {
		b = appendBYE(b, s.ssrc)
	}
	return b
}

// sendRTCP writes a compound packet to the RTCP destination (the RTP one
// with mux). The caller holds tx.mu.
func (s *Session) sendRTCP(b []byte) {
	conn, dst := s.pair.RTCP, s.rtcpLatch.dest()
	if s.mux {
		conn, dst = s.pair.RTP, s.rtpLatch.dest()
	}
	if !dst.IsValid() {
		return
	}
	if s.tx.srtp != nil {
		var err error
		if b, err = s.tx.srtp.EncryptRTCP(b[:0], b, &s.tx.rtcp.hdr); err != nil {
			s.stats.sendErrors.Add(1)
			return
		}
	}
	if err := conn.SendTo(b, dst); err != nil {
		s.stats.sendErrors.Add(1)
		return
	}
	s.stats.rtcpSent.Add(1)
}

func (s *Session) senderInfoAt(now time.Time, sent uint64) senderInfo {
	return senderInfo{
		ntp:     ntpTime(now),
		rtp:     s.tx.rtpTimeAt(now),
		packets: uint32(sent),
		octets:  uint32(s.stats.octetsSent.Load()),
	}
}

// reportBlock describes the remote source, if there is one to describe.
func (s *Session) reportBlock(now time.Time, rs ReceptionStats) (reportBlock, bool) {
	if rs == nil || s.stats.packetsReceived.Load() == 0 {
		return reportBlock{}, false
	}
	b := reportBlock{
		ssrc:     s.rx.remoteSSRC.Load(),
		fraction: uint8(min(rs.FractionLost(), 255)),
		lost:     clampLost(rs.CumulativeLost()),
		extSeq:   rs.ExtHighestSeq(),
		jitter:   rs.Jitter(),
	}
	if sr := s.rx.sr(); !sr.Arrival.IsZero() && sr.SSRC == b.ssrc {
		b.lsr = uint32(sr.NTPTime >> 16)
		b.dlsr = dlsr(now.Sub(sr.Arrival))
	}
	return b, true
}

// clampLost turns an int32 bit pattern into RTCP's signed 24-bit field.
func clampLost(v uint32) uint32 {
	n := min(max(int32(v), -0x800000), 0x7fffff)
	return uint32(n) & 0xffffff
}

// dlsr expresses a delay in 1/65536 s, clamped to the field.
func dlsr(d time.Duration) uint32 {
	d = min(max(d, 0), 65535*time.Second)
	return uint32(int64(d) * 65536 / int64(time.Second))
}

// ntpTime is t as a 64-bit NTP timestamp (RFC 3550 §4).
func ntpTime(t time.Time) uint64 {
	secs := uint64(t.Unix() + ntpEpochOffset)
	frac := uint64(t.Nanosecond()) << 32 / uint64(time.Second)
	return secs<<32 | frac
}
