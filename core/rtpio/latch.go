package rtpio

import (
	"net/netip"
	"sync"
	"sync/atomic"
)

// latch decides which sources one socket accepts and where the session sends
// (symmetric RTP, RFC 4961). Rules, with latching enabled:
//
//   - before latching, any source is accepted and the first that may latch
//     becomes the peer; until then we send to the address from SDP;
//   - a packet from the address in SDP is always accepted and latches it
//     again (signalling is trusted: after a transfer, the new party wins
//     over late packets of the old one that latched first);
//   - otherwise only the latched peer is accepted; the caller counts the
//     rest as foreign.
//
// Without latching every source is accepted and we send to the SDP address.
// Reads are lock-free (one atomic load per packet); changes, which are rare,
// are serialised by mu and allocate a new state.
type latch struct {
	enabled bool
	mu      sync.Mutex
	cur     atomic.Pointer[latchState]
}

type latchState struct {
	remote netip.AddrPort // from signalling
	peer   netip.AddrPort // latched source; zero until latched
}

func (l *latch) init(enabled bool, remote netip.AddrPort) {
	l.enabled = enabled
	l.cur.Store(&latchState{remote: remote})
}

// reset sets the signalled address and forgets the latched peer.
func (l *latch) reset(remote netip.AddrPort) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cur.Store(&latchState{remote: remote})
}

// dest returns where to send: the latched peer, else the SDP address (zero
// when neither is known).
func (l *latch) dest() netip.AddrPort {
	st := l.cur.Load()
	if st.peer.IsValid() {
		return st.peer
	}
	return st.remote
}

// peer returns the latched source, zero when none.
func (l *latch) peer() netip.AddrPort { return l.cur.Load().peer }

// admit reports whether a packet from src is accepted and, when learn is set,
// latches onto src if the rules allow. latched is true when the peer changed.
func (l *latch) admit(src netip.AddrPort, learn bool) (ok, latched bool) {
	st := l.cur.Load()
	switch {
	case !l.enabled || src == st.peer:
		return true, false
	case st.peer.IsValid() && src != st.remote:
		return false, false
	case !learn:
		return true, false
	}
	return true, l.latchOnto(src)
}

func (l *latch) latchOnto(src netip.AddrPort) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.cur.Load()
	if st.peer == src {
		return false
	}
	l.cur.Store(&latchState{remote: st.remote, peer: src})
	return true
}

// unmap turns an IPv4-mapped IPv6 address (as a dual-stack socket reports
// IPv4 peers) into plain IPv4, so it compares equal to the address in SDP.
func unmap(a netip.AddrPort) netip.AddrPort {
	return netip.AddrPortFrom(a.Addr().Unmap(), a.Port())
}
