package rtpio

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/pion/rtp"
)

func TestLatchRules(t *testing.T) {
	sdp := netip.MustParseAddrPort("192.0.2.1:4000")
	a := netip.MustParseAddrPort("198.51.100.7:61000")
	b := netip.MustParseAddrPort("203.0.113.9:5004")
	type step struct {
		src           netip.AddrPort
		learn         bool
		ok, latched   bool
		dest          netip.AddrPort
		resetRemoteTo netip.AddrPort // instead of a packet: SetRemote
	}
	tests := []struct {
		name    string
		enabled bool
		steps   []step
	}{
		{"the first source latches and a second is dropped", true, []step{
			{src: a, learn: true, ok: true, latched: true, dest: a},
			{src: b, learn: true, ok: false, dest: a},
			{src: a, learn: true, ok: true, dest: a},
		}},
		{"the signalled address is always accepted and latches again", true, []step{
			{src: a, learn: true, ok: true, latched: true, dest: a},
			{src: sdp, learn: true, ok: true, latched: true, dest: sdp},
			{src: a, learn: true, ok: false, dest: sdp},
		}},
		{"a source that may not learn is accepted before latching but does not latch", true, []step{
			{src: b, learn: false, ok: true, dest: sdp},
			{src: a, learn: true, ok: true, latched: true, dest: a},
			{src: b, learn: false, ok: false, dest: a},
		}},
		{"a new remote undoes the latch", true, []step{
			{src: a, learn: true, ok: true, latched: true, dest: a},
			{resetRemoteTo: b, dest: b},
			{src: sdp, learn: true, ok: true, latched: true, dest: sdp},
		}},
		{"without latching every source is accepted and we send to SDP", false, []step{
			{src: a, learn: true, ok: true, dest: sdp},
			{src: b, learn: true, ok: true, dest: sdp},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l latch
			l.init(tt.enabled, sdp)
			for i, st := range tt.steps {
				if st.resetRemoteTo.IsValid() {
					l.reset(st.resetRemoteTo)
				} else if ok, latched := l.admit(st.src, st.learn); ok != st.ok || latched != st.latched {
					t.Fatalf("step %d: admit(%v) = %v, %v; want %v, %v", i, st.src, ok, latched, st.ok, st.latched)
				}
				if got := l.dest(); got != st.dest {
					t.Fatalf("step %d: dest = %v, want %v", i, got, st.dest)
				}
			}
		})
	}
}

func TestSessionSendsToSDPThenToTheLatchedSourceAndDropsOthers(t *testing.T) {
	sdpPeer, a, b := newPeer(t), newPeer(t), newPeer(t)
	s, sink := session(t, Config{Remote: sdpPeer.rtpAddr(), Latch: true})

	if err := s.Send([]byte{1}, 160, false); err != nil {
		t.Fatal(err)
	}
	readRTP(t, sdpPeer.RTP)

	barrier(t, a.RTP, s, sink, 1)
	if st := s.Stats(); st.Peer != a.rtpAddr() || st.Dest != a.rtpAddr() {
		t.Fatalf("Peer = %v, Dest = %v; want %v", st.Peer, st.Dest, a.rtpAddr())
	}
	send(t, b.RTP, sessionAddr(s), marshalRTP(t, rtp.Header{SequenceNumber: 77}, []byte{2}))
	barrier(t, a.RTP, s, sink, 2)
	sink.empty(t)
	if got := s.Stats().DroppedForeign; got != 1 {
		t.Fatalf("DroppedForeign = %d, want 1", got)
	}
	if err := s.Send([]byte{3}, 160, false); err != nil {
		t.Fatal(err)
	}
	if got := readRTP(t, a.RTP); got.Payload[0] != 3 {
		t.Fatalf("latched peer got payload %x", got.Payload)
	}
}

func TestSetRemoteLetsTheNewPartyLatch(t *testing.T) {
	a, b, c := newPeer(t), newPeer(t), newPeer(t)
	s, sink := session(t, Config{Latch: true})
	barrier(t, a.RTP, s, sink, 1)

	s.SetRemote(c.rtpAddr(), c.rtcpAddr()) // transfer: SDP says c, b's NAT'd packets arrive first
	if s.Stats().Peer.IsValid() {
		t.Fatal("SetRemote kept the latched peer")
	}
	barrier(t, b.RTP, s, sink, 2)
	if err := s.Send([]byte{1}, 160, false); err != nil {
		t.Fatal(err)
	}
	readRTP(t, b.RTP)
	if got := s.Stats().Peer; got != b.rtpAddr() {
		t.Fatalf("Peer = %v, want %v", got, b.rtpAddr())
	}
}

func TestWithoutLatchingPacketsFromAnySourceAreAccepted(t *testing.T) {
	sdpPeer, a, b := newPeer(t), newPeer(t), newPeer(t)
	s, sink := session(t, Config{Remote: sdpPeer.rtpAddr(), Latch: false})
	barrier(t, a.RTP, s, sink, 1)
	barrier(t, b.RTP, s, sink, 2)
	if err := s.Send([]byte{1}, 160, false); err != nil {
		t.Fatal(err)
	}
	readRTP(t, sdpPeer.RTP)
	if st := s.Stats(); st.DroppedForeign != 0 || st.Peer.IsValid() {
		t.Fatalf("DroppedForeign = %d, Peer = %v; want 0 and none", st.DroppedForeign, st.Peer)
	}
}

func TestSendBeforeAnyAddressIsKnownFailsWithErrNoRemote(t *testing.T) {
	a := newPeer(t)
	s, sink := session(t, Config{Latch: true})
	if err := s.Send([]byte{1}, 160, false); !errors.Is(err, ErrNoRemote) {
		t.Fatalf("err = %v, want ErrNoRemote", err)
	}
	barrier(t, a.RTP, s, sink, 1)
	if err := s.Send([]byte{1}, 160, false); err != nil {
		t.Fatalf("after latching: %v", err)
	}
	readRTP(t, a.RTP)
}

func TestIPv4MappedSourcesCompareEqualToTheirSDPAddress(t *testing.T) {
	mapped := netip.MustParseAddrPort("[::ffff:192.0.2.1]:4000")
	if got := unmap(mapped); got != netip.MustParseAddrPort("192.0.2.1:4000") {
		t.Fatalf("unmap(%v) = %v", mapped, got)
	}
}
