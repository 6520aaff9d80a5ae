package proxy

import (
	"crypto/tls"
	"net"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/admit"
)

// readFilter applies the Gate before parsing: a UDP datagram is screened
// (a refused request answered from the socket), a stream's bytes from a
// source not allowed are dropped in silent mode.
func (p *Proxy) readFilter(props sip.TransportReadProps, data []byte) ([]byte, error) {
	g := p.cfg.Gate
	if g == nil {
		return data, nil
	}
	if props.Transport != "UDP" {
		if g.Drop(props.Transport, props.RemoteAddr) {
			return nil, nil
		}
		return data, nil
	}
	v, req := g.Screen(props.RemoteAddr, data, p.parser)
	if req != nil {
		res := g.Refusal(v, req)
		if _, err := p.udp.WriteTo([]byte(res.String()), props.RemoteAddr); err != nil {
			p.log.Debug("sip refusal not sent", "call_id", callID(req), "error", err)
		}
		p.obs.Answered(string(req.Method), res.StatusCode)
	}
	if v != admit.Pass {
		return nil, nil
	}
	return data, nil
}

// admitted is l with the Gate's accept-time check (silent mode).
func (p *Proxy) admitted(l net.Listener, transport string) net.Listener {
	if p.cfg.Gate == nil {
		return l
	}
	return p.cfg.Gate.Listener(l, transport)
}

// clientTLS is the TLS configuration of connections to MCPs; nil leaves
// sipgo's default.
func (p *Proxy) clientTLS() *tls.Config {
	if p.cfg.TLS == nil {
		return nil
	}
	return p.cfg.TLS.ClientConfig()
}

// admit applies the Gate to req (admit.Gate.Request), counts a refusal
// it sent, and reports whether req may be handled.
func (p *Proxy) admit(req *sip.Request, tx sip.ServerTransaction) bool {
	if p.cfg.Gate == nil {
		return true
	}
	ok, res := p.cfg.Gate.Request(req, tx, p.sua.TransportLayer())
	if res != nil {
		p.obs.Answered(string(req.Method), res.StatusCode)
	}
	return ok
}
