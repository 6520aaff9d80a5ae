package proxy

import (
	"strconv"
	"testing"
	"time"

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

// BenchmarkInDialogPrepare is the CPU work of one in-dialog request (the
// BYE; an ACK is the same) between arrival and departure: the dialog
// lookup and the copy for the MCP. The BYE has no Route and is addressed
// to the proxy, as sipp's scenarios send it.
func BenchmarkInDialogPrepare(b *testing.B) {
	p := startProxy(b, "127.0.0.1:5070")
	n := p.deps.Pool.Nodes()[0]
	inv := benchRequest(b, "INVITE sip:msml=00F8A2B4C7E1@"+p.udpAddr()+" SIP/2.0\r\n"+
		"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKbench\r\nFrom: <sip:sipserver@127.0.0.1>;tag=1\r\n"+
		"To: <sip:msml=00F8A2B4C7E1@127.0.0.1>\r\nCall-ID: bench\r\nCSeq: 1 INVITE\r\n"+
		"Contact: <sip:sipserver@127.0.0.1:5061>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
	ok := sip.NewResponseFromRequest(inv, 200, "OK", nil)
	ok.To().Params.Add("tag", "mcp")
	ok.AppendHeader(&sip.ContactHeader{Address: sip.Uri{Scheme: "sip", Host: "127.0.0.1", Port: 5070}})
	p.dialogs.add(newDialog(inv, ok, n, "msml=00F8A2B4C7E1"))
	bye := benchRequest(b, "BYE sip:"+p.udpAddr()+" SIP/2.0\r\n"+
		"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKbye\r\nFrom: <sip:sipserver@127.0.0.1>;tag=1\r\n"+
		"To: <sip:msml=00F8A2B4C7E1@127.0.0.1>;tag=mcp\r\nCall-ID: bench\r\nCSeq: 2 BYE\r\n"+
		"Contact: <sip:sipserver@127.0.0.1:5061>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
	b.ReportAllocs()
	for b.Loop() {
		h, err := p.nextHop(bye)
		if err != nil || h.d == nil {
			b.Fatal(err)
		}
		p.outFor(bye, h)
	}
}

// benchRequest parses raw as a request that arrived over UDP.
func benchRequest(b *testing.B, raw string) *sip.Request {
	msg, err := sip.ParseMessage([]byte(raw))
	if err != nil {
		b.Fatal(err)
	}
	req := msg.(*sip.Request)
	req.SetSource("127.0.0.1:5061")
	req.SetTransport("UDP")
	return req
}

// BenchmarkInviteTransaction is one INVITE transaction through a running
// proxy over UDP loopback: a raw UAC sends the INVITE, a raw UAS behind the
// proxy answers 200 at once, the UAC reads the 200 (ACK and BYE are not
// sent; the proxy's dialog table grows by one per iteration).
func BenchmarkInviteTransaction(b *testing.B) {
	mcp := startFake(b, 200)
	p := startProxy(b, mcp.addr())
	u := newUAC(b, p)
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		id := "bench-" + strconv.Itoa(i)
		start := time.Now()
		u.send(u.request("INVITE", rmURI(p, "7001"), id))
		if res := u.final(id, sip.INVITE); res.StatusCode != 200 {
			b.Fatalf("%d", res.StatusCode)
		}
		lat = append(lat, time.Since(start))
	}
	reportP99(b, lat)
}
