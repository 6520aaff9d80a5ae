package sipua

import (
	"crypto/tls"
	"net"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/admit"
	"github.com/reel-project/reel/internal/siptls"
)

// gate applies Config.Gate to req (admit.Gate.Request) and reports
// whether it may be handled.
func (u *UA) gate(req *sip.Request, tx sip.ServerTransaction) bool {
	if u.cfg.Gate == nil {
		return true
	}
	ok, _ := u.cfg.Gate.Request(req, tx, u.sua.TransportLayer())
	return ok
}

// screen applies Config.Gate to a UDP datagram before sipgo parses it
// and answers a refused request from the socket; it reports whether the
// datagram goes on.
func (u *UA) screen(src net.Addr, data []byte) bool {
	v, req := u.cfg.Gate.Screen(src, data, u.parser)
	if req != nil {
		if _, err := u.udp.WriteTo([]byte(u.cfg.Gate.Refusal(v, req).String()), src); err != nil {
			u.log.Debug("sip refusal not sent", "call_id", callID(req), "error", err)
		}
	}
	return v == admit.Pass
}

// admitted is l with the Gate's accept-time check (silent mode).
func (u *UA) admitted(l net.Listener, transport string) net.Listener {
	if u.cfg.Gate == nil {
		return l
	}
	return u.cfg.Gate.Listener(l, transport)
}

// clientTLS is the TLS configuration of connections the UA opens; nil
// leaves sipgo's default.
func clientTLS(t *siptls.TLS) *tls.Config {
	if t == nil {
		return nil
	}
	return t.ClientConfig()
}
