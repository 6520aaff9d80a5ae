package proxy

import (
	"crypto/tls"
	"net"
	"strconv"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/admit"
)

// readFilter drops, before parsing, what the Gate refuses in silent mode.
func (p *Proxy) readFilter(props sip.TransportReadProps, data []byte) ([]byte, error) {
	if p.cfg.Gate != nil && p.cfg.Gate.Drop(props.Transport, props.RemoteAddr) {
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

// admit applies the Gate to req and answers a refused request itself:
// 403, or 503 with Retry-After over the INVITE rate; nothing in silent
// mode or to an ACK. The Gate counts and logs refusals.
func (p *Proxy) admit(req *sip.Request, tx sip.ServerTransaction) bool {
	g := p.cfg.Gate
	if g == nil {
		return true
	}
	switch g.Admit(req.Transport(), req.Source(), req.IsInvite() && toTag(req) == "") {
	case admit.Pass:
		return true
	case admit.Forbidden:
		if !req.IsAck() {
			p.respond(req, tx, 403, "Forbidden")
		}
	case admit.Busy:
		p.respond(req, tx, 503, "Service Unavailable",
			sip.NewHeader("Retry-After", strconv.Itoa(int(g.RetryAfter().Seconds()))))
	}
	return false
}
