package proxy

import (
	"strconv"
	"testing"

	"github.com/emiago/sipgo/sip"
)

// BenchmarkInvitePrepare is the CPU work of one initial INVITE between
// arrival and departure: Request-URI and profile selection, the copy for
// the MCP with Via, Record-Route and the rewritten Request-URI.
func BenchmarkInvitePrepare(b *testing.B) {
	p := startProxy(b, "127.0.0.1:5070")
	raw := "INVITE sip:msml=00F8A2B4C7E1@127.0.0.1:5060;dn=7001;record;gvp-tenant-id=acme;media-service=record SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKbench\r\nFrom: <sip:sipserver@127.0.0.1>;tag=1\r\n" +
		"To: <sip:msml=00F8A2B4C7E1@127.0.0.1>\r\nCall-ID: bench\r\nCSeq: 1 INVITE\r\n" +
		"Contact: <sip:sipserver@127.0.0.1:5061>\r\nMax-Forwards: 70\r\nX-Genesys-CallUUID: ABC\r\n" +
		"Content-Type: application/sdp\r\nContent-Length: 0\r\n\r\n"
	msg, err := sip.ParseMessage([]byte(raw))
	if err != nil {
		b.Fatal(err)
	}
	req := msg.(*sip.Request)
	req.SetSource("127.0.0.1:5061")
	n := p.deps.Pool.Nodes()[0]
	b.ReportAllocs()
	for b.Loop() {
		t, err := selectTarget(req, p.deps.Profiles)
		if err != nil {
			b.Fatal(err)
		}
		p.inviteFor(&inviteCall{req: req, t: t}, n)
	}
}

// BenchmarkInviteTransaction is one INVITE transaction through a running
// proxy over UDP loopback: a raw UAC sends the INVITE, a raw UAS behind the
// proxy answers 200 at once, the UAC reads the 200 (ACK and BYE are not
// sent; the proxy's dialog table grows by one per iteration).
func BenchmarkInviteTransaction(b *testing.B) {
	mcp := startFake(b, 200)
	p := startProxy(b, mcp.addr())
	u := newUAC(b, p)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		id := "bench-" + strconv.Itoa(i)
		u.send(u.request("INVITE", rmURI(p, "7001"), id))
		if res := u.final(id, sip.INVITE); res.StatusCode != 200 {
			b.Fatalf("%d", res.StatusCode)
		}
	}
}
