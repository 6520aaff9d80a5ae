package proxy

import (
	"context"

	"github.com/emiago/sipgo/sip"
)

// sendCancel cancels the INVITE out (RFC 3261 §9.1: same Request-URI,
// top Via, Call-ID, From, To and CSeq number).
func (p *Proxy) sendCancel(out *sip.Request) {
	req := sip.NewRequest(sip.CANCEL, *out.Recipient.Clone())
	req.AppendHeader(sip.HeaderClone(out.Via()))
	req.AppendHeader(sip.HeaderClone(out.From()))
	req.AppendHeader(sip.HeaderClone(out.To()))
	req.AppendHeader(sip.HeaderClone(out.CallID()))
	req.AppendHeader(&sip.CSeqHeader{SeqNo: out.CSeq().SeqNo, MethodName: sip.CANCEL})
	p.sendAside(req, out.Transport(), out.Destination())
}

// hangUpStray ends a dialog that a 2xx created after the proxy gave up
// its INVITE: ACK, then BYE, straight to the MCP that sent it.
func (p *Proxy) hangUpStray(res *sip.Response) {
	c := res.Contact()
	if c == nil || res.CSeq() == nil {
		return
	}
	p.log.Info("hanging up a dialog nobody wants", "call_id", res.CallID().Value(), "source", res.Source())
	seq := res.CSeq().SeqNo
	ack := p.strayRequest(sip.ACK, res, c.Address, seq)
	if err := p.cli.WriteRequest(ack, keep); err != nil {
		p.log.Debug("ACK of stray 2xx not sent", "error", err)
	}
	go p.sendAside(p.strayRequest(sip.BYE, res, c.Address, seq+1), res.Transport(), res.Source())
}

// ackStray acknowledges a final non-2xx response to an INVITE transaction
// that is gone (RFC 3261 §17.1.1.3): its own Via branch, so the MCP stops
// retransmitting.
func (p *Proxy) ackStray(res *sip.Response) {
	to := res.To()
	if to == nil || res.CSeq() == nil {
		return
	}
	ack := p.strayRequest(sip.ACK, res, to.Address, res.CSeq().SeqNo)
	ack.RemoveHeader("Via")
	ack.PrependHeader(sip.HeaderClone(res.Via()))
	if err := p.cli.WriteRequest(ack, keep); err != nil {
		p.log.Debug("ACK of stray response not sent", "error", err)
	}
}

// strayRequest builds a request of ours inside the dialog of res.
func (p *Proxy) strayRequest(m sip.RequestMethod, res *sip.Response, target sip.Uri, seq uint32) *sip.Request {
	req := sip.NewRequest(m, *target.Clone())
	req.AppendHeader(p.via(res.Transport()))
	req.AppendHeader(sip.HeaderClone(res.From()))
	req.AppendHeader(sip.HeaderClone(res.To()))
	req.AppendHeader(sip.HeaderClone(res.CallID()))
	req.AppendHeader(&sip.CSeqHeader{SeqNo: seq, MethodName: m})
	mf := sip.MaxForwardsHeader(defaultMaxForwards)
	req.AppendHeader(&mf)
	req.SetBody(nil)
	req.SetTransport(res.Transport())
	req.SetDestination(res.Source())
	if res.Transport() == "UDP" {
		req.Laddr = p.me.udpAddr
	}
	return req
}

// sendAside runs a client transaction whose answer nobody waits for.
func (p *Proxy) sendAside(req *sip.Request, transport, dest string) {
	if req.MaxForwards() == nil {
		mf := sip.MaxForwardsHeader(defaultMaxForwards)
		req.AppendHeader(&mf)
	}
	req.SetBody(nil)
	req.SetTransport(transport)
	req.SetDestination(dest)
	if transport == "UDP" {
		req.Laddr = p.me.udpAddr
	}
	ctx, cancel := context.WithTimeout(p.ctx, p.cfg.InviteTimeout)
	defer cancel()
	if _, err := p.cli.Do(ctx, req, keep); err != nil {
		p.log.Debug("sip request not answered", "method", string(req.Method), "error", err)
	}
}
