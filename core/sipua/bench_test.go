package sipua

import (
	"context"
	"testing"

	"github.com/emiago/sipgo/sip"
)

// benchMedia answers every call with canned SDP and keeps nothing.
type benchMedia struct{}

func (benchMedia) Available() bool                           { return true }
func (benchMedia) Open(context.Context, Invite) (Leg, error) { return benchLeg{}, nil }

type benchLeg struct{}

func (benchLeg) Answer([]byte) ([]byte, error) { return sdpAnswer, nil }
func (benchLeg) Offer() ([]byte, error)        { return sdpOurOffer, nil }
func (benchLeg) Accept([]byte) error           { return nil }
func (benchLeg) Close(string)                  {}

// BenchmarkThirdPartyCallSetup runs one GIR leg's whole signalling over
// loopback UDP per op: INVITE with offer + ACK, re-INVITE without SDP + ACK
// with the answer, BYE. Time and allocations include the sipgo peer.
func BenchmarkThirdPartyCallSetup(b *testing.B) {
	u := startUA(b, benchMedia{}, nil)
	p := newPeer(b, "UDP", u)
	b.ReportAllocs()
	for b.Loop() {
		c := p.newCall(ruri)
		if res := c.invite(sdpOffer); res.StatusCode != 200 {
			b.Fatalf("INVITE: %d", res.StatusCode)
		}
		c.ack(nil)
		if res := c.invite(nil); res.StatusCode != 200 {
			b.Fatalf("re-INVITE: %d", res.StatusCode)
		}
		c.ack(sdpLateReply)
		if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
			b.Fatalf("BYE: %d", res.StatusCode)
		}
	}
}
