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

// prepare copies req for the next hop dest (host:port) over transport
// ("UDP", "TCP"): our Via on top, the sender's Via marked with where it
// really came from, Max-Forwards decremented (70 if it had none).
func (p *Proxy) prepare(req *sip.Request, dest, transport string) *sip.Request {
	out := req.Clone()
	markReceived(out.Via(), req.Source())
	out.PrependHeader(p.via(transport))
	hops := sip.MaxForwardsHeader(defaultMaxForwards - 1)
	if mf := out.MaxForwards(); mf != nil {
		hops = sip.MaxForwardsHeader(mf.Val() - 1)
		out.ReplaceHeader(&hops) // sipgo's Clone shares Max-Forwards with req
	} else {
		out.AppendHeader(&hops)
	}
	out.SetTransport(transport)
	out.SetDestination(dest)
	if transport == "UDP" {
		out.Laddr = p.me.udpAddr // leave from the listening socket
	}
	return out
}

// via is a new top Via of ours with a fresh branch.
func (p *Proxy) via(transport string) *sip.ViaHeader {
	params := sip.NewParams()
	params.Add("branch", sip.GenerateBranchN(16))
	return &sip.ViaHeader{ProtocolName: "SIP", ProtocolVersion: "2.0", Transport: transport,
		Host: p.me.host, Port: p.port(transport), Params: params}
}

// recordRoute keeps the proxy in the dialog's path (loose routing).
func (p *Proxy) recordRoute(transport string) *sip.RecordRouteHeader {
	params := sip.NewParams()
	if transport == "TCP" {
		params.Add("transport", "tcp")
	}
	params.Add("lr", "")
	return &sip.RecordRouteHeader{Address: sip.Uri{Scheme: "sip", Host: p.me.host, Port: p.port(transport), UriParams: params}}
}

// markReceived adds received= (RFC 3261 §18.2.1) and fills an empty rport
// (RFC 3581) on the sender's Via, so responses find their way back.
func markReceived(v *sip.ViaHeader, source string) {
	host, port, err := net.SplitHostPort(source)
	if v == nil || err != nil {
		return
	}
	if v.Host != host {
		v.Params.Add("received", host)
	}
	if rp, ok := v.Params.Get("rport"); ok && rp == "" {
		v.Params.Add("rport", port)
	}
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

// transportOf returns the transport ("UDP", "TCP") a hop URI asks for,
// else fallback.
func transportOf(uri *sip.Uri, fallback string) string {
	if t, ok := uri.UriParams.Get("transport"); ok {
		switch t {
		case "tcp", "TCP":
			return "TCP"
		case "udp", "UDP":
			return "UDP"
		}
	}
	return fallback
}

// hostPort is uri's host:port, port 5060 when it has none.
func hostPort(uri *sip.Uri) string {
	port := uri.Port
	if port == 0 {
		port = 5060
	}
	return net.JoinHostPort(strings.Trim(uri.Host, "[]"), strconv.Itoa(port))
}
