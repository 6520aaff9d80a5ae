package rtpio

import (
	"encoding/hex"
	"log/slog"
	"math/rand/v2"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/portalloc"
)

// Sink receives a leg's RTP packets, one at a time, during Poll on the
// caller's goroutine: the conference clock passes the leg's jitter buffer.
// The packet, its CSRC list and its payload belong to the session and are
// only valid during the call: Push copies what it keeps. Packets of any
// payload type are pushed; the Sink decides what to do with them.
type Sink interface {
	Push(p *rtp.Packet, arrival time.Time)
}

// ReceptionStats describes the remote source for an RTCP report block
// (RFC 3550 §6.4.1). FractionLost is called once per report, so it may be
// computed over the interval since its previous call.
type ReceptionStats interface {
	ExtHighestSeq() uint32  // cycles<<16 | highest sequence number
	CumulativeLost() uint32 // int32 bit pattern; clamped to signed 24 bits
	FractionLost() uint32   // 0–255, lost/expected × 256; larger is clamped
	Jitter() uint32         // interarrival jitter in timestamp units
}

// Config is one leg's RTP set-up.
type Config struct {
	// Remote is the RTP address from SDP. It may be zero while unknown; the
	// first packet then latches, or SetRemote sets it later.
	Remote netip.AddrPort
	// RemoteRTCP is the RTCP address from SDP: a=rtcp (RFC 3605), else the
	// RTP port + 1 (RFC 3550 §11); core/sdp works it out. Zero means none
	// known: reports go only where the peer's RTCP comes from (latching).
	RemoteRTCP netip.AddrPort
	// Latch enables symmetric RTP: send to where the peer's RTP comes from
	// and drop other sources. The daemon's configuration defaults it to true.
	Latch bool
	// RTCPMux sends RTCP on the RTP socket (RFC 5761). RTCP arriving on the
	// RTP socket is always accepted.
	RTCPMux     bool
	PayloadType uint8  // RTP payload type of what Send sends
	ClockRate   int    // RTP timestamp rate in Hz; 0 means codecs.SampleRate
	CNAME       string // RTCP SDES CNAME; empty means a random one (RFC 7022)
	Logger      *slog.Logger
}

// Session is one call leg's RTP/RTCP endpoint: it owns a portalloc.Pair,
// which the clock polls through Poll, and returns the Pair when closed.
//
// Every method is safe for concurrent use. Send and MaybeSendRTCP share a
// mutex that nothing on the receive path takes.
type Session struct {
	pair *portalloc.Pair
	log  *slog.Logger
	ssrc uint32
	mux  bool

	rtpLatch  latch
	rtcpLatch latch
	tx        sender
	rx        receptionState
	stats     counters

	srx atomic.Pointer[rxKeys] // SRTP receive keys; nil: plain RTP

	rtcpPolled    atomic.Int64 // unix ns of the last look at the RTCP socket
	readErrLogged atomic.Bool
	srtpErrLogged atomic.Bool
}

// NewSession makes a session on p's sockets. Nothing is received until the
// caller's clock calls Poll with the Sink of the moment.
func NewSession(p *portalloc.Pair, cfg Config) *Session {
	s := &Session{pair: p, ssrc: rand.Uint32(), mux: cfg.RTCPMux}
	s.log = logger(cfg.Logger).With("ssrc", s.ssrc)
	s.rtpLatch.init(cfg.Latch, unmap(cfg.Remote))
	s.rtcpLatch.init(cfg.Latch, unmap(cfg.RemoteRTCP))
	s.tx.init(s.ssrc, cfg.PayloadType, clockRate(cfg.ClockRate), cname(cfg.CNAME))
	return s
}

func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

func clockRate(hz int) int {
	if hz <= 0 {
		return codecs.SampleRate
	}
	return hz
}

// cname returns c cut to the 255 octets SDES allows, or a random CNAME.
func cname(c string) string {
	if c == "" {
		var b [8]byte
		for i := range b {
			b[i] = byte(rand.Uint32())
		}
		return hex.EncodeToString(b[:])
	}
	return c[:min(len(c), 255)]
}

// LocalPort returns the RTP port the session receives on.
func (s *Session) LocalPort() int { return s.pair.Port }

// SSRC returns the synchronisation source of what the session sends.
func (s *Session) SSRC() uint32 { return s.ssrc }

// SetRemote sets the peer's RTP and RTCP addresses from new SDP
// (re-INVITE, transfer; see Config.RemoteRTCP) and undoes latching, so the
// next packet latches again. With RTCP mux, RTCP goes to the RTP address
// and rtcp is not used.
func (s *Session) SetRemote(rtp, rtcp netip.AddrPort) {
	s.rtpLatch.reset(unmap(rtp))
	s.rtcpLatch.reset(unmap(rtcp))
}

// Close sends an RTCP BYE (best effort) and closes the sockets by releasing
// the Pair to its allocator; a Poll in progress finishes first. Safe to call
// twice; it always returns nil. It must not be called from the Sink.
func (s *Session) Close() error {
	if s.tx.close(func() { s.sendRTCP(s.buildReport(time.Now(), nil, true)) }) {
		s.pair.Release()
	}
	return nil
}
