package conference

import (
	"bytes"
	"fmt"
	"net/netip"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sdes"
	"github.com/reel-project/reel/core/sdp"
)

// Answer takes the party's offer (initial INVITE or re-INVITE: a transfer
// may change address, port, codec and SSRC) and returns our answer.
func (l *Leg) Answer(offer []byte) ([]byte, error) {
	o, err := sdp.ParseOffer(offer)
	if err != nil {
		return nil, err
	}
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if l.closed {
		return nil, ErrClosed
	}
	if err := l.rekeyLocked(); err != nil {
		return nil, err
	}
	var media sdp.Media
	ans, err := l.describeLocked(func(loc sdp.Local) (b []byte, err error) {
		b, media, err = sdp.Answer(o, loc, l.forcedDirection())
		return b, err
	})
	if err != nil {
		return nil, err
	}
	if err := l.applyLocked(media); err != nil {
		return nil, err
	}
	return ans, nil
}

// Offer returns our offer for an INVITE or re-INVITE without SDP (RFC 3725);
// the party's answer arrives through Accept.
func (l *Leg) Offer() ([]byte, error) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if l.closed {
		return nil, ErrClosed
	}
	dir := sdp.SendRecv
	if d := l.forcedDirection(); d != nil {
		dir = *d
	}
	if err := l.rekeyLocked(); err != nil {
		return nil, err
	}
	if l.local.SRTP == sdp.SRTPOptional && l.sess.Secure() {
		l.local.SRTP = sdp.SRTPRequired // a secure leg stays secure: offer RTP/SAVP
	}
	return l.describeLocked(func(loc sdp.Local) ([]byte, error) { return sdp.MakeOffer(loc, dir), nil })
}

// describeLocked makes our next description with gen. Unchanged from the
// previous one it keeps its o= version; changed, it gets the next version
// (RFC 3264 §8: a peer may skip an unchanged re-offer's answer).
func (l *Leg) describeLocked(gen func(sdp.Local) ([]byte, error)) ([]byte, error) {
	b, err := gen(l.local)
	if err != nil || (l.lastSDP != nil && bytes.Equal(b, l.lastSDP)) {
		return b, err
	}
	l.local.Version++
	if b, err = gen(l.local); err == nil {
		l.lastSDP = b
	}
	return b, err
}

// Accept applies the party's answer to our offer.
func (l *Leg) Accept(answer []byte) error {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if l.closed {
		return ErrClosed
	}
	media, err := sdp.ParseAnswer(answer, l.local)
	if err != nil {
		return err
	}
	return l.applyLocked(media)
}

// rekeyLocked gives the leg fresh SRTP keys for its next offer or answer
// (RFC 4568 §7.1.4: a re-INVITE may re-key; we always do, so that no key
// outlives the description that announced it).
func (l *Leg) rekeyLocked() error {
	l.local.SRTP = l.c.plan.SRTP
	if l.local.SRTP == sdp.SRTPOff {
		l.local.Keys = nil
		return nil
	}
	keys, err := sdes.NewKeys()
	if err != nil {
		return fmt.Errorf("%w: %w", sdp.ErrLocal, err)
	}
	l.local.Keys = keys
	return nil
}

// forcedDirection makes receive-only recorder sessions answer recvonly.
func (l *Leg) forcedDirection() *sdp.Direction {
	if l.req.Target.Kind != requri.Recorder {
		return nil
	}
	d := sdp.RecvOnly
	return &d
}

// applyLocked switches the leg to the negotiated media: SRTP keys, codec,
// destination, directions, and a jitter buffer that knows the payload types.
func (l *Leg) applyLocked(m sdp.Media) error {
	if err := l.sess.SetSRTP(m.SRTP.Local, m.SRTP.Remote); err != nil {
		return fmt.Errorf("%w: %w", sdp.ErrLocal, err)
	}
	if law, ok := g711.LawForPayloadType(m.Codec.PT); ok {
		l.law = law
		l.sess.SetPayloadType(m.Codec.PT)
	}
	if m.Addr.IsValid() && !m.Addr.IsUnspecified() && m.Port > 0 {
		l.sess.SetRemote(netip.AddrPortFrom(m.Addr, uint16(m.Port)), rtcpAddr(m))
	}
	l.recvOK = m.Direction == sdp.SendRecv || m.Direction == sdp.SendOnly
	l.sendOK = (m.Direction == sdp.SendRecv || m.Direction == sdp.RecvOnly) && l.forcedDirection() == nil
	l.ml.SetMuted(!l.recvOK)
	l.ml.SetDeaf(!l.sendOK)
	if l.jb == nil || m.EventPT != l.eventPT {
		l.eventPT = m.EventPT
		if jb, err := l.c.e.newJitter(l.eventPT); err == nil {
			l.jb = jb
		} else {
			l.c.e.log.Error("jitter buffer", "leg", l.id, "err", err)
		}
	}
	l.marker = true
	return nil
}

// rtcpAddr is where the party wants RTCP: a=rtcp when its SDP says so, else
// the port above its RTP port (core/sdp decides); zero when it has none.
func rtcpAddr(m sdp.Media) netip.AddrPort {
	if m.RTCPPort <= 0 || !m.RTCPAddr.IsValid() || m.RTCPAddr.IsUnspecified() {
		return netip.AddrPort{}
	}
	return netip.AddrPortFrom(m.RTCPAddr, uint16(m.RTCPPort))
}

// Close ends the leg (BYE, CANCEL, failed dialog or shutdown). When the last
// leg that asked for recording leaves, the recording stops. Safe twice.
func (l *Leg) Close(reason string) {
	c := l.c
	c.mu.Lock()
	if l.closed {
		c.mu.Unlock()
		return
	}
	l.closed = true
	c.removeLocked(l)
	if !c.hasRecordingLegLocked() {
		c.auto = false
	}
	if c.rec != nil && c.orphanedLocked(l) {
		c.stopLocked(time.Now(), "terminate")
	}
	totals := l.totalsLocked()
	c.mu.Unlock()
	_ = l.sess.Close() // also releases the port pair
	c.e.observer().LegLeft(totals)
	c.e.legGone(c)
	c.e.log.Debug("leg closed", "leg", l.id, "reason", reason)
}

func (c *Conference) removeLocked(l *Leg) {
	c.legLeftLocked(l)
	c.mix.RemoveLeg(l.ml)
	for i, x := range c.legs {
		if x == l {
			c.legs = append(c.legs[:i], c.legs[i+1:]...)
			break
		}
	}
}

func (c *Conference) hasRecordingLegLocked() bool {
	for _, l := range c.legs {
		if l.record {
			return true
		}
	}
	return false
}
