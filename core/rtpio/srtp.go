package rtpio

import (
	"fmt"
	"net/netip"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/srtp/v3"

	"github.com/reel-project/reel/core/sdes"
)

// rxKeys is the receive side of SRTP: the context of the peer's current key
// and, after a re-key, the previous one, so that packets the peer sent
// before it switched still play; the first packet the new key opens retires
// the old one. Only Poll uses the contexts; SetSRTP swaps the whole value.
type rxKeys struct {
	key  sdes.Crypto
	cur  *srtp.Context
	prev *srtp.Context // written by Poll only
}

// secureScratch is the per-Poll memory of unprotecting: the plaintext and
// the headers pion parses, reused for every datagram.
type secureScratch struct {
	plain   [maxDatagram]byte
	rtpHdr  rtp.Header
	rtcpHdr rtcp.Header
}

// SetSRTP switches the session to SRTP (RFC 3711): what we send is protected
// with local (our key, as our SDP announced it), what arrives is unprotected
// with remote (the peer's). Two zero keys switch back to plain RTP. A key
// that did not change keeps its context, and with it the replay window and
// rollover counter; a new remote key keeps the old one for packets in
// flight. Call it from the SDP exchange, like SetRemote.
func (s *Session) SetSRTP(local, remote sdes.Crypto) error {
	if (local.Suite == 0) != (remote.Suite == 0) {
		return fmt.Errorf("rtpio: srtp needs both keys (local %v, remote %v)", local, remote)
	}
	if remote.Suite == 0 {
		s.srx.Store(nil)
		s.tx.setSRTP(nil, sdes.Crypto{})
		return nil
	}
	old := s.srx.Load()
	if old == nil || old.key != remote {
		rx, err := sdes.NewContext(remote)
		if err != nil {
			return err
		}
		next := &rxKeys{key: remote, cur: rx}
		if old != nil {
			next.prev = old.cur
		}
		s.srx.Store(next)
	}
	s.tx.mu.Lock()
	same := s.tx.srtpKey == local && s.tx.srtp != nil
	s.tx.mu.Unlock()
	if same {
		return nil
	}
	tx, err := sdes.NewContext(local)
	if err != nil {
		return err
	}
	s.tx.setSRTP(tx, local)
	return nil
}

// Secure reports whether the session speaks SRTP.
func (s *Session) Secure() bool { return s.srx.Load() != nil }

func (t *sender) setSRTP(ctx *srtp.Context, key sdes.Crypto) {
	t.mu.Lock()
	t.srtp, t.srtpKey = ctx, key
	t.mu.Unlock()
}

// unprotect authenticates and decrypts one datagram into sc and returns
// the plaintext; false means it was dropped (and counted). A source the
// latch would refuse is dropped before any cryptography, and nothing
// latches before a packet authenticates: receiveRTP and receiveRTCP latch
// on the plaintext afterwards.
func (s *Session) unprotect(k *rxKeys, on socket, b []byte, src netip.AddrPort, sc *secureScratch) ([]byte, bool) {
	kind := demux(b)
	l := &s.rtpLatch
	if on == rtcpSocket {
		l = &s.rtcpLatch
	}
	if ok, _ := l.admit(src, false); !ok {
		s.stats.foreign.Add(1)
		return nil, false
	}
	var open func(*srtp.Context) ([]byte, error)
	switch {
	case kind == kindRTP && validRTP(b):
		open = func(c *srtp.Context) ([]byte, error) { return c.DecryptRTP(sc.plain[:0], b, &sc.rtpHdr) }
	case kind == kindRTCP:
		open = func(c *srtp.Context) ([]byte, error) { return c.DecryptRTCP(sc.plain[:0], b, &sc.rtcpHdr) }
	default:
		s.stats.malformed.Add(1)
		return nil, false
	}
	out, err := open(k.cur)
	if err == nil {
		if k.prev != nil {
			k.prev = nil // the peer switched: the old key is done
		}
		return out, true
	}
	if k.prev != nil {
		if out, perr := open(k.prev); perr == nil {
			return out, true
		}
	}
	s.stats.srtpFailed.Add(1)
	if s.srtpErrLogged.CompareAndSwap(false, true) {
		s.log.Warn("srtp packet dropped", "socket", on.String(), "peer", src.String(), "err", err)
	}
	return nil, false
}
