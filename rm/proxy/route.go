package proxy

import (
	"fmt"
	"net"
	"strconv"

	"github.com/emiago/sipgo/sip"
)

// hop is where an in-dialog request goes next.
type hop struct {
	uri       sip.Uri // next hop: a Route, the Request-URI or a dialog contact
	retarget  bool    // the Request-URI is ours: replace it with uri
	d         *dialog // nil when the proxy does not know the dialog
	transport string  // when the URI names none: the request's, or that of our second Route
}

// nextHop removes our Routes from req (RFC 3261 §16.4; two of them when
// the dialog was double record-routed across transports, RFC 5658) and
// finds the next hop: the next Route, else the Request-URI, else (when
// the Request-URI is the proxy itself) the other end of the dialog.
func (p *Proxy) nextHop(req *sip.Request) (hop, error) {
	h := hop{transport: req.Transport()}
	ours := 0
	for r := route(req); r != nil && p.isUs(&r.Address) && ours < 2; r = route(req) {
		if ours == 1 { // the side the request leaves by
			h.transport = transportOf(&r.Address, "UDP")
		}
		req.RemoveHeader("Route")
		ours++
	}
	h.d = p.dialogs.find(req)
	switch r := route(req); {
	case r != nil:
		h.uri = r.Address
	case !p.isUs(&req.Recipient) && (ours > 0 || h.d != nil):
		h.uri = req.Recipient
	case p.isUs(&req.Recipient) && h.d != nil:
		h.uri, h.retarget = h.d.peer(req), true
	case p.isUs(&req.Recipient):
		return hop{}, fmt.Errorf("%w: %s", ErrDialogGone, callID(req))
	default:
		return hop{}, fmt.Errorf("%w: %s is not behind this proxy", ErrNoRoute, req.Recipient.Host)
	}
	return h, nil
}

// route is req.Route(), without the allocation that makes when req has
// no Route (most in-dialog requests of UAs that ignore Record-Route).
func route(req *sip.Request) *sip.RouteHeader {
	for _, h := range req.Headers() {
		if asciiEqualFold(h.Name(), "route") {
			return req.Route()
		}
	}
	return nil
}

// outFor builds the copy of req for hop h.
func (p *Proxy) outFor(req *sip.Request, h hop) *sip.Request {
	out := p.prepare(req, hostPort(&h.uri), transportOf(&h.uri, h.transport), false)
	if h.retarget {
		out.Recipient = *h.uri.Clone()
	}
	return out
}

// inDialog forwards a request inside a dialog through a client transaction.
func (p *Proxy) inDialog(req *sip.Request, tx sip.ServerTransaction) {
	h, err := p.nextHop(req)
	if err != nil {
		p.reject(req, tx, err)
		return
	}
	p.relay(req, tx, p.outFor(req, h), h.d)
}

// onAck forwards an ACK for a 2xx statelessly (ACKs for our own non-2xx
// answers never get here: sipgo's server transaction absorbs them).
func (p *Proxy) onAck(req *sip.Request, _ sip.ServerTransaction) {
	if checkHops(req) != nil {
		return
	}
	h, err := p.nextHop(req)
	if err != nil {
		p.log.Debug("ACK dropped", "call_id", callID(req), "error", err)
		return
	}
	if err := p.cli.WriteRequest(p.outFor(req, h), keep); err != nil {
		p.log.Debug("ACK not forwarded", "call_id", callID(req), "error", err)
	}
}

// onStray handles responses no client transaction wants: 2xx
// retransmissions of a dialog the proxy relayed go upstream statelessly;
// a 2xx of an INVITE the proxy gave up is ACKed and hung up; a non-2xx
// final answer to such an INVITE is ACKed.
func (p *Proxy) onStray(res *sip.Response) {
	v, cseq := res.Via(), res.CSeq()
	if v == nil || cseq == nil || cseq.MethodName != sip.INVITE || !p.isOurVia(v) {
		return
	}
	switch {
	case res.IsSuccess() && p.dialogs.find(res) != nil:
		p.forwardStateless(res)
	case res.IsSuccess():
		p.hangUpStray(res)
	case res.StatusCode >= 300:
		p.ackStray(res)
	}
}

// forwardStateless sends res to the next Via (RFC 3261 §16.11).
func (p *Proxy) forwardStateless(res *sip.Response) {
	res.RemoveHeader("Via")
	v := res.Via()
	if v == nil {
		return
	}
	host, port := v.Host, v.Port
	if r, ok := v.Params.Get("received"); ok && r != "" {
		host = r
	}
	if rp, ok := v.Params.Get("rport"); ok && rp != "" {
		port, _ = strconv.Atoi(rp)
	}
	if port == 0 {
		port = 5060
	}
	res.SetDestination(net.JoinHostPort(host, strconv.Itoa(port)))
	res.SetTransport(v.Transport)
	if err := p.srv.WriteResponse(res); err != nil {
		p.log.Debug("2xx retransmission not forwarded", "error", err)
	}
}

func (p *Proxy) isOurVia(v *sip.ViaHeader) bool {
	return v.Host == p.me.host && (v.Port == p.me.udpPort || v.Port == p.me.tcpPort)
}
