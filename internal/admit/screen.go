package admit

import (
	"bytes"
	"net"
	"strconv"

	"github.com/emiago/sipgo/sip"
)

// Screen is the check of a UDP datagram from remote before the SIP stack
// sees it, so that a refused request creates no transaction (no 100
// Trying, no retransmissions): Pass hands the datagram on; Ignore drops
// it; Forbidden and Busy come with the parsed request to answer
// statelessly (see Refusal). Only what may be refused is parsed: a
// datagram from a source not allowed, and an INVITE when a rate is set.
// Stream transports are screened at accept (Listener) and per request
// (Admit) instead: their reads are not whole messages.
func (g *Gate) Screen(remote net.Addr, data []byte, parser *sip.Parser) (Verdict, *sip.Request) {
	src := remote.String()
	if !g.Allowed("UDP", addrOf(src)) {
		g.refuse("UDP", src, "source")
		if g.cfg.Silent {
			return Ignore, nil
		}
		req := parseRequest(parser, data, src)
		if req == nil || req.IsAck() {
			return Ignore, nil
		}
		return Forbidden, req
	}
	if g.cfg.InviteRate <= 0 || !bytes.HasPrefix(data, []byte("INVITE ")) {
		return Pass, nil
	}
	req := parseRequest(parser, data, src)
	if req == nil || hasToTag(req) || g.limiter(addrOf(src)).Allow() {
		return Pass, nil // the stack answers what does not parse
	}
	g.refuse("UDP", src, "rate")
	return Busy, req
}

// Refusal is the stateless response to a request Screen or Admit refused.
func (g *Gate) Refusal(v Verdict, req *sip.Request) *sip.Response {
	if v == Busy {
		res := sip.NewResponseFromRequest(req, 503, "Service Unavailable", nil)
		res.AppendHeader(sip.NewHeader("Retry-After", strconv.Itoa(int(g.cfg.RetryAfter.Seconds()))))
		return res
	}
	return sip.NewResponseFromRequest(req, 403, "Forbidden", nil)
}

func parseRequest(parser *sip.Parser, data []byte, src string) *sip.Request {
	msg, err := parser.ParseSIP(data)
	if err != nil {
		return nil
	}
	req, ok := msg.(*sip.Request)
	if !ok || req.Via() == nil || req.From() == nil || req.To() == nil || req.CallID() == nil || req.CSeq() == nil {
		return nil
	}
	req.SetTransport("UDP")
	req.SetSource(src)
	return req
}

func hasToTag(req *sip.Request) bool {
	to := req.To()
	if to == nil {
		return false
	}
	_, ok := to.Params.Get("tag")
	return ok
}

// Request applies Admit to req, a request that came over a stream
// transport (UDP was screened before parsing: it passes here). A refused
// request's transaction is ended at once (no 100 Trying, no
// retransmissions) and the refusal, if any, written statelessly through
// tl and returned, so the caller can count it. It reports whether req may
// be handled.
func (g *Gate) Request(req *sip.Request, tx sip.ServerTransaction, tl *sip.TransportLayer) (bool, *sip.Response) {
	if req.Transport() == "UDP" {
		return true, nil
	}
	v := g.Admit(req.Transport(), req.Source(), req.IsInvite() && !hasToTag(req))
	if v == Pass {
		return true, nil
	}
	tx.Terminate()
	if v == Ignore || req.IsAck() {
		return false, nil
	}
	res := g.Refusal(v, req)
	if err := tl.WriteMsg(res); err != nil && g.cfg.Log != nil {
		g.cfg.Log.Debug("sip refusal not sent", "source", req.Source(), "status", res.StatusCode, "error", err)
	}
	return false, res
}
