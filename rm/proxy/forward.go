package proxy

import (
	"net"
	"strconv"
	"strings"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// keep is a client option that changes nothing: with it sipgo sends the
// request exactly as the proxy built it.
func keep(*sipgo.Client, *sip.Request) error { return nil }

// prepare builds the copy of req for the next hop dest (host:port) over
// transport ("UDP", "TCP"): our Via on top, the sender's Via marked with
// where it really came from, Max-Forwards decremented (70 if it had none).
// For an initial INVITE (initial) it puts our Record-Route above all (two
// when the request changes transport: the one facing the next hop on top,
// RFC 5658) and leaves out every Route.
//
// The copy shares with req its Request-URI parameters, its body and every
// header it does not change, instead of cloning them as req.Clone does: a
// copy lives as long as its client transaction (32 s after a 2xx), and
// the clones were most of the proxy's garbage. Neither message may change
// a shared part afterwards; sipgo does not (it changes only the top Via of
// what it sends, which is ours).
func (p *Proxy) prepare(req *sip.Request, dest, transport string, initial bool) *sip.Request {
	out := sip.NewRequest(req.Method, sip.Uri{})
	out.Recipient = req.Recipient
	out.SipVersion = req.SipVersion
	if initial {
		out.AppendHeader(p.me.recordRoute(transport))
		if in := req.Transport(); in != transport { // RFC 5658: one for each side
			out.AppendHeader(p.me.recordRoute(in))
		}
	}
	hh := p.hopHeaders(transport, req.MaxForwards())
	out.AppendHeader(&hh.via)
	top, hops := req.Via(), false
	for _, h := range req.Headers() {
		switch {
		case h == top:
			h = marked(top, req.Source())
		case !hops && h.Name() == "Max-Forwards":
			h, hops = &hh.hops, true
		case initial && h.Name() == "Route":
			continue
		}
		out.AppendHeader(h)
	}
	out.SetBody(req.Body()) // adds Content-Length when req has none
	if !hops {
		out.AppendHeader(&hh.hops)
	}
	out.SetTransport(transport)
	out.SetSource(req.Source())
	out.SetDestination(dest)
	if transport == "UDP" {
		out.Laddr = p.me.udpAddr // leave from the listening socket
	}
	return out
}

// hopHeaders are the headers prepare adds to every copy, allocated
// together.
type hopHeaders struct {
	via    sip.ViaHeader
	branch [1]sip.HeaderKV
	hops   sip.MaxForwardsHeader
}

// hopHeaders returns our Via with a fresh branch and Max-Forwards one
// below mf (70 when nil).
func (p *Proxy) hopHeaders(transport string, mf *sip.MaxForwardsHeader) *hopHeaders {
	hh := &hopHeaders{hops: sip.MaxForwardsHeader(defaultMaxForwards - 1)}
	if mf != nil {
		hh.hops = sip.MaxForwardsHeader(mf.Val() - 1)
	}
	hh.branch[0] = sip.HeaderKV{K: "branch", V: sip.GenerateBranchN(16)}
	hh.via = sip.ViaHeader{ProtocolName: "SIP", ProtocolVersion: "2.0", Transport: transport,
		Host: p.me.host, Port: p.port(transport), Params: hh.branch[:]}
	return hh
}

// via is a new top Via of ours with a fresh branch.
func (p *Proxy) via(transport string) *sip.ViaHeader {
	return &p.hopHeaders(transport, nil).via
}

// marked returns the sender's Via v with received= (RFC 3261 §18.2.1) and
// an empty rport filled (RFC 3581), so responses find their way back: v
// itself when it needs neither, else a changed clone.
func marked(v *sip.ViaHeader, source string) *sip.ViaHeader {
	host, port, err := net.SplitHostPort(source)
	if err != nil {
		return v
	}
	rp, ok := v.Params.Get("rport")
	fill := ok && rp == ""
	if v.Host == host && !fill {
		return v
	}
	v = v.Clone()
	if v.Host != host {
		v.Params.Add("received", host)
	}
	if fill {
		v.Params.Add("rport", port)
	}
	return v
}

// upstream is where responses to req go (RFC 3261 §18.2.2, RFC 3581):
// the source address, with the Via port unless rport asks for the source
// port.
func upstream(req *sip.Request) string {
	host, port, err := net.SplitHostPort(req.Source())
	v := req.Via()
	if err != nil || v == nil {
		return ""
	}
	if _, rport := v.Params.Get("rport"); !rport && v.Port > 0 {
		port = strconv.Itoa(v.Port)
	}
	return net.JoinHostPort(host, port)
}

// relayResponse sends a downstream response upstream on tx: our Via off.
func (p *Proxy) relayResponse(req *sip.Request, tx sip.ServerTransaction, res *sip.Response) {
	res.RemoveHeader("Via")
	res.SetDestination(upstream(req))
	if err := tx.Respond(res); err != nil {
		p.log.Debug("sip response not relayed", "call_id", callID(req), "status", res.StatusCode, "error", err)
	}
	if res.StatusCode >= 200 {
		p.obs.Answered(string(req.Method), res.StatusCode)
	}
}

// transportOf returns the transport ("UDP", "TCP", "TLS") a hop URI asks
// for (a sips URI: TLS), else fallback.
func transportOf(uri *sip.Uri, fallback string) string {
	if t, ok := uri.UriParams.Get("transport"); ok {
		switch t {
		case "tcp", "TCP":
			return "TCP"
		case "udp", "UDP":
			return "UDP"
		case "tls", "TLS":
			return "TLS"
		}
	}
	if uri.Scheme == "sips" {
		return "TLS"
	}
	return fallback
}

// hostPort is uri's host:port, port 5060 (5061 for TLS) when it has none.
func hostPort(uri *sip.Uri) string {
	port := uri.Port
	if port == 0 {
		port = 5060
		if transportOf(uri, "") == "TLS" {
			port = 5061
		}
	}
	return net.JoinHostPort(strings.Trim(uri.Host, "[]"), strconv.Itoa(port))
}
