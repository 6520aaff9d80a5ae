package sipua

import (
	"context"
	"strings"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// call is one dialog as the peer sees it.
type call struct {
	p        *peer
	ruri     sip.Uri // Request-URI of the INVITE, then the UA's Contact
	callID   string
	from     sip.FromHeader
	to       sip.ToHeader
	cseq     uint32
	inviteCS uint32 // CSeq of the last INVITE, for its ACK
	contact  *sip.ContactHeader
}

// newCall starts a call to spec, "user[;uri-params]" at the UA.
func (p *peer) newCall(spec string) *call {
	p.t.Helper()
	var uri sip.Uri
	user, params, _ := strings.Cut(spec, ";")
	if params != "" {
		params = ";" + params
	}
	if err := sip.ParseUri("sip:"+user+"@"+p.target.String()+params, &uri); err != nil {
		p.t.Fatal(err)
	}
	c := &call{p: p, ruri: uri, callID: "call-" + sip.GenerateTagN(12), cseq: 100, contact: p.contact()}
	c.from = sip.FromHeader{Address: sip.Uri{Scheme: "sip", User: "sipserver", Host: "127.0.0.1"}}
	c.from.Params.Add("tag", sip.GenerateTagN(10))
	c.to = sip.ToHeader{Address: uri}
	c.to.Address.UriParams = nil
	return c
}

// build makes a request in this call with the next CSeq (or cseq for ACK).
func (c *call) build(method sip.RequestMethod, ct string, body []byte, hdrs ...sip.Header) *sip.Request {
	if method != sip.ACK {
		c.cseq++
	}
	cseq := c.cseq
	if method == sip.ACK {
		cseq = c.inviteCS
	}
	req := sip.NewRequest(method, c.ruri)
	req.SetTransport(c.p.transport)
	req.AppendHeader(sip.HeaderClone(&c.from))
	req.AppendHeader(sip.HeaderClone(&c.to))
	id := sip.CallIDHeader(c.callID)
	req.AppendHeader(&id)
	req.AppendHeader(&sip.CSeqHeader{SeqNo: cseq, MethodName: method})
	mf := sip.MaxForwardsHeader(70)
	req.AppendHeader(&mf)
	req.AppendHeader(c.contact.Clone())
	for _, h := range hdrs {
		req.AppendHeader(h)
	}
	if len(body) > 0 {
		req.AppendHeader(sip.NewHeader("Content-Type", ct))
	}
	req.SetBody(body)
	req.SetDestination(c.p.target.String())
	if c.p.transport == "UDP" {
		req.Laddr = c.p.laddr // leave from the listener, as a SIP Server does
	}
	return req
}

// start sends an INVITE (initial or re-INVITE) and returns its transaction.
func (c *call) start(body []byte, hdrs ...sip.Header) (*sip.Request, sip.ClientTransaction) {
	c.p.t.Helper()
	req := c.build(sip.INVITE, "application/sdp", body, hdrs...)
	c.inviteCS = c.cseq
	tx, err := c.p.cli.TransactionRequest(context.Background(), req, sipgo.ClientRequestAddVia)
	if err != nil {
		c.p.t.Fatal(err)
	}
	return req, tx
}

// final waits for the final response of tx; a 2xx to an INVITE sets the
// dialog's remote tag and target.
func (c *call) final(tx sip.ClientTransaction) *sip.Response {
	c.p.t.Helper()
	defer tx.Terminate()
	timeout := time.After(hang)
	for {
		select {
		case res := <-tx.Responses():
			if res.IsProvisional() {
				continue
			}
			if res.IsSuccess() && res.CSeq().MethodName == sip.INVITE {
				c.to = *res.To()
				if ct := res.Contact(); ct != nil {
					c.ruri = ct.Address
				}
			}
			return res
		case <-tx.Done():
			c.p.t.Fatalf("transaction ended without final response: %v", tx.Err())
		case <-timeout:
			c.p.t.Fatal("no final response")
		}
	}
}

// invite sends an INVITE and waits for its final response (no ACK).
func (c *call) invite(body []byte, hdrs ...sip.Header) *sip.Response {
	c.p.t.Helper()
	_, tx := c.start(body, hdrs...)
	return c.final(tx)
}

// ack sends the ACK for the last 2xx, with body as the answer if any.
func (c *call) ack(body []byte) {
	c.p.t.Helper()
	req := c.build(sip.ACK, "application/sdp", body)
	if err := c.p.cli.WriteRequest(req, sipgo.ClientRequestAddVia); err != nil {
		c.p.t.Fatal(err)
	}
}

// do sends a non-INVITE request in the call and returns its final response.
func (c *call) do(method sip.RequestMethod, ct string, body []byte, hdrs ...sip.Header) *sip.Response {
	c.p.t.Helper()
	req := c.build(method, ct, body, hdrs...)
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	res, err := c.p.cli.Do(ctx, req, sipgo.ClientRequestAddVia)
	if err != nil {
		c.p.t.Fatalf("%s: %v", method, err)
	}
	return res
}

// cancel CANCELs the pending INVITE inv (same branch, RFC 3261 §9.1).
func (c *call) cancel(inv *sip.Request) *sip.Response {
	c.p.t.Helper()
	req := sip.NewRequest(sip.CANCEL, inv.Recipient)
	req.SetTransport(c.p.transport)
	req.AppendHeader(sip.HeaderClone(inv.Via()))
	for _, name := range []string{"From", "To", "Call-ID", "Max-Forwards"} {
		req.AppendHeader(sip.HeaderClone(inv.GetHeader(name)))
	}
	req.AppendHeader(&sip.CSeqHeader{SeqNo: inv.CSeq().SeqNo, MethodName: sip.CANCEL})
	req.SetBody(nil)
	req.SetDestination(inv.Destination())
	req.Laddr = inv.Laddr
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	keep := func(*sipgo.Client, *sip.Request) error { return nil }
	res, err := c.p.cli.Do(ctx, req, keep)
	if err != nil {
		c.p.t.Fatalf("CANCEL: %v", err)
	}
	return res
}

// established runs INVITE with an offer → 200 → ACK and returns the leg.
func (c *call) established(m *fakeMedia) *fakeLeg {
	c.p.t.Helper()
	res := c.invite(sdpOffer)
	if res.StatusCode != 200 {
		c.p.t.Fatalf("INVITE: %d %s", res.StatusCode, res.Reason)
	}
	c.ack(nil)
	return recv(c.p.t, m.opened)
}
