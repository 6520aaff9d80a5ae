package proxy

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/balance"
)

func TestRequestsTheProxyAnswersItself(t *testing.T) {
	mcp := startFake(t, 200)
	p := startProxy(t, mcp.addr())
	u := newUAC(t, p)
	tests := []struct {
		name   string
		method sip.RequestMethod
		uri    string
		header string // header to replace ("" value removes it)
		value  string
		want   int
	}{
		{"OPTIONS to the proxy is answered 200", sip.OPTIONS, rmURI(p, "rm"), "", "", 200},
		{"a missing Call-ID is a bad request", sip.OPTIONS, rmURI(p, "rm"), "Call-ID", "", 400},
		{"a From without tag is a bad request", sip.INVITE, rmURI(p, "msml=c1"), "From", "<sip:a@b>", 400},
		{"a CSeq of another method is a bad request", sip.OPTIONS, rmURI(p, "rm"), "CSeq", "1 INFO", 400},
		{"an INVITE without Contact is a bad request", sip.INVITE, rmURI(p, "msml=c1"), "Contact", "", 400},
		{"a malformed Reel Request-URI is a bad request", sip.INVITE, rmURI(p, "msml=c%zz"), "", "", 400},
		{"Max-Forwards 0 is too many hops", sip.INVITE, rmURI(p, "msml=c1"), "Max-Forwards", "0", 483},
		{"a BYE for a dialog the proxy does not know", sip.BYE, rmURI(p, "msml=c1"), "To", "<sip:rm@127.0.0.1>;tag=x", 481},
		{"an in-dialog request for a host behind nobody", sip.INFO, "sip:x@192.0.2.1", "To", "<sip:rm@127.0.0.1>;tag=x", 404},
		{"REGISTER is not allowed", sip.REGISTER, rmURI(p, "rm"), "", "", 405},
		{"a CANCEL matching nothing", sip.CANCEL, rmURI(p, "msml=c1"), "", "", 481},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := nextID("local")
			lines := u.request(string(tc.method), tc.uri, id)
			if tc.header != "" {
				lines = edit(lines, tc.header, tc.value)
			}
			u.send(lines)
			if tc.header == "Call-ID" {
				return // no Call-ID: nothing to match the 400 by; sipgo answers it, see the next case
			}
			method := tc.method
			if tc.header == "CSeq" {
				method = sip.INFO
			}
			if res := u.final(id, method); res.StatusCode != tc.want {
				t.Errorf("%d %s, want %d", res.StatusCode, res.Reason, tc.want)
			}
		})
	}
	if n := len(mcp.received(sip.INVITE)); n != 0 {
		t.Errorf("the MCP got %d INVITEs from requests the proxy should have refused", n)
	}
}

func TestInviteFailsOverOn503AndSilence(t *testing.T) {
	busy, dead, ok := startFake(t, 503), startFake(t, 0), startFake(t, 200)
	p := startProxy(t, busy.addr(), dead.addr(), ok.addr())
	u := newUAC(t, p)
	id := nextID("failover")
	u.send(u.request("INVITE", rmURI(p, "7001")+";gvp-tenant-id=acme;media-service=record", id)) // no call id: round-robin
	res := u.final(id, sip.INVITE)
	if res.StatusCode != 200 || res.Contact() == nil || res.Contact().Address.Port != portOf(ok.addr()) {
		t.Fatalf("%d from %v, want 200 from the third MCP", res.StatusCode, res.Contact())
	}
	if len(busy.received(sip.INVITE)) != 1 || len(dead.received(sip.INVITE)) == 0 {
		t.Errorf("INVITEs: busy %d, dead %d; want each tried", len(busy.received(sip.INVITE)), len(dead.received(sip.INVITE)))
	}
	got := ok.received(sip.INVITE)[0]
	switch {
	case uriParam(&got.Recipient, paramProfile) != "acme-rec" || uriParam(&got.Recipient, paramTenant) != "":
		t.Errorf("MCP got Request-URI %s, want reel-profile=acme-rec and no gvp-tenant-id", got.Recipient.String())
	case got.RecordRoute() == nil || !p.isUs(&got.RecordRoute().Address):
		t.Errorf("no Record-Route of the proxy: %v", got.RecordRoute())
	case got.MaxForwards().Val() != 69 || len(got.GetHeaders("Via")) != 2:
		t.Errorf("Max-Forwards %d, %d Vias; want 69 and 2", got.MaxForwards().Val(), len(got.GetHeaders("Via")))
	}
	if n := p.Dialogs(); n != 1 {
		t.Errorf("%d dialogs, want 1", n)
	}
}

func TestTheMCPGetsTheProfileInTheRequestURI(t *testing.T) {
	mcp := startFake(t, 200)
	p := startProxy(t, mcp.addr())
	u := newUAC(t, p)
	id := nextID("profile")
	u.send(u.request("INVITE", rmURI(p, "msml=conf1")+";dn=7001;record;GVP-Tenant-Id=acme;media-service=record;reel-profile=forged", id))
	if res := u.final(id, sip.INVITE); res.StatusCode != 200 {
		t.Fatalf("%d", res.StatusCode)
	}
	got := mcp.received(sip.INVITE)[0].Recipient.String()
	target, err := requri.Parse(got)
	if err != nil || target.Profile != "acme-rec" || target.Tenant != "" || target.ID != "conf1" || target.DN != "7001" || !target.Record {
		t.Errorf("MCP got Request-URI %s (%v), want reel-profile=acme-rec and no gvp-tenant-id", got, err)
	}
}

func TestInviteGetsTheLastFailureWhenEveryMCPFails(t *testing.T) {
	a, b := startFake(t, 503), startFake(t, 500)
	p := startProxy(t, a.addr(), b.addr())
	u := newUAC(t, p)
	id := nextID("allfail")
	u.send(u.request("INVITE", rmURI(p, "7009"), id))
	if res := u.final(id, sip.INVITE); res.StatusCode != 500 {
		t.Errorf("%d, want the last MCP's 500", res.StatusCode)
	}
}

func TestA4xxIsNotFailedOver(t *testing.T) {
	a, b := startFake(t, 486), startFake(t, 200)
	p := startProxy(t, a.addr(), b.addr())
	u := newUAC(t, p)
	id := nextID("busy")
	u.send(u.request("INVITE", rmURI(p, "7001"), id))
	if res := u.final(id, sip.INVITE); res.StatusCode != 486 {
		t.Errorf("%d, want 486 relayed", res.StatusCode)
	}
	if n := len(b.received(sip.INVITE)); n != 0 {
		t.Errorf("second MCP got %d INVITEs", n)
	}
}

func TestALoopEndsWithTooManyHops(t *testing.T) {
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	self := c.LocalAddr().String()
	c.Close()
	p := startProxyOn(t, self, self) // the proxy's only MCP is itself
	u := newUAC(t, p)
	id := nextID("loop")
	// Each pass adds a Via and a Record-Route: from 70, the INVITE would
	// outgrow a UDP datagram before Max-Forwards runs out.
	u.send(edit(u.request("INVITE", rmURI(p, "msml=loop"), id), "Max-Forwards", "5"))
	if res := u.final(id, sip.INVITE); res.StatusCode != 483 {
		t.Errorf("%d %s, want 483", res.StatusCode, res.Reason)
	}
}

func TestCancelReachesTheMCP(t *testing.T) {
	mcp := startFake(t, 180)
	p := startProxy(t, mcp.addr())
	u := newUAC(t, p)
	id := nextID("cancel")
	inv := u.request("INVITE", rmURI(p, "msml=c2"), id)
	u.send(inv)
	waitFor(t, func() bool { return len(mcp.received(sip.INVITE)) > 0 })
	cancel := edit(inv, "CSeq", "1 CANCEL")
	cancel[0] = strings.Replace(cancel[0], "INVITE", "CANCEL", 1)
	u.send(cancel)
	if res := u.final(id, sip.INVITE); res.StatusCode != 487 {
		t.Errorf("INVITE got %d, want 487", res.StatusCode)
	}
	waitFor(t, func() bool { return len(mcp.received(sip.CANCEL)) == 1 })
}

func TestAn503WithRetryAfterKeepsNewCallsAwayFromThatMCP(t *testing.T) {
	for _, tt := range []struct {
		retryAfter string
		want       int // INVITEs the busy MCP gets of four
	}{
		{"120 (overloaded);duration=60", 1},
		{"", 4},     // without it the policy keeps choosing it first
		{"soon", 4}, // unreadable: ignored
	} {
		t.Run("Retry-After "+tt.retryAfter, func(t *testing.T) {
			busy, ok := startFakeRetryAfter(t, 503, tt.retryAfter), startFake(t, 200)
			p := startProxy(t, busy.addr(), ok.addr())
			u := newUAC(t, p)
			for i := range 4 {
				id := nextID(fmt.Sprintf("retry-after-%d", i))
				u.send(u.request("INVITE", rmURI(p, "7001"), id)) // no conf-id: the group's policy picks
				if res := u.final(id, sip.INVITE); res.StatusCode != 200 {
					t.Fatalf("INVITE %d: %d, want 200 from the other MCP", i, res.StatusCode)
				}
			}
			if got := len(busy.received(sip.INVITE)); got != tt.want {
				t.Errorf("the busy MCP got %d INVITEs, want %d", got, tt.want)
			}
		})
	}
}

// A leg with a call id tries the MCP its call ranks first even when this
// RM sees that MCP draining (a full MCP answers OPTIONS 503): it may hold
// the call's first leg, which came through another RM. Such a try does not
// count against max_attempts.
func TestAKeyedLegTriesADrainingMCPThatMayHoldItsCall(t *testing.T) {
	for _, tt := range []struct {
		name     string
		code     int // the draining MCP's answer
		wantFrom int // 0: the draining MCP, 1: the other
	}{
		{"it holds the call: 200", 200, 0},
		{"a new call: 503, then the next rank", 503, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fakes := []*fakeMCP{startFake(t, tt.code), startFake(t, 200)}
			p := startProxyWith(t, "127.0.0.1:0", func(c *Config) { c.MaxAttempts = 1 }, fakes[0].addr(), fakes[1].addr())
			g, _ := p.deps.Pool.Group("")
			g.Nodes[0].SetState(rm.Draining)
			conf := confRankedFirst(t, g, g.Nodes[0])
			u := newUAC(t, p)
			id := nextID("keyed-draining")
			u.send(u.request("INVITE", "sip:msml="+conf+"@"+p.udpAddr()+";dn=7001;record", id))
			res := u.final(id, sip.INVITE)
			if res.StatusCode != 200 || res.Contact() == nil || res.Contact().Address.Port != portOf(fakes[tt.wantFrom].addr()) {
				t.Fatalf("%d from %v, want 200 from MCP %d", res.StatusCode, res.Contact(), tt.wantFrom)
			}
			if n := len(fakes[0].received(sip.INVITE)); n != 1 {
				t.Errorf("the draining MCP got %d INVITEs, want 1", n)
			}
		})
	}
}

// confRankedFirst returns a conf-id whose rendezvous ranking puts n first.
func confRankedFirst(t *testing.T, g *rm.Group, n *rm.Node) string {
	t.Helper()
	for i := range 1000 {
		conf := fmt.Sprintf("CONF%04d", i)
		if balance.Rank("msml="+conf, g.Nodes)[0] == n {
			return conf
		}
	}
	t.Fatal("no conf-id ranks the node first")
	return ""
}
