package sipua

import (
	"crypto/tls"
	"net"
	"strconv"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/admit"
	"github.com/reel-project/reel/internal/siptls"
)

// gate applies Config.Gate to req and answers a refused request itself
// (403, or 503 with Retry-After over the INVITE rate; nothing in silent
// mode or for an ACK). It reports whether req may be handled. Refusals
// are counted and logged by the Gate, not here.
func (u *UA) gate(req *sip.Request, tx sip.ServerTransaction) bool {
	g := u.cfg.Gate
	if g == nil {
		return true
	}
	switch g.Admit(req.Transport(), req.Source(), req.IsInvite() && toTag(req) == "") {
	case admit.Pass:
		return true
	case admit.Forbidden:
		if !req.IsAck() {
			_ = u.respond(req, tx, 403, "", nil)
		}
	case admit.Busy:
		_ = u.respond(req, tx, 503, "", nil,
			sip.NewHeader("Retry-After", strconv.Itoa(int(g.RetryAfter().Seconds()))))
	}
	return false
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
