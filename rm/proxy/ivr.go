package proxy

import (
	"strings"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/profile"
)

// RuleIVR is Choice.Rule when an IVR profile named the recording profile.
const RuleIVR = "ivr"

// ivrFor is the IVR profile a plain INVITE (no Reel user part) dials: the
// tenant's ivr[<Request-URI user>]; nil when there is none.
func ivrFor(rules profile.Rules, tenant string, uri *sip.Uri) *config.RMIVR {
	t, ok := rules.Tenants[tenant]
	if !ok || uri.User == "" {
		return nil
	}
	if p, ok := t.IVR[uri.User]; ok {
		return &p
	}
	return nil
}

// rewriteIVR turns the Request-URI into RFC 5552's: user dialog, the
// initial page as voicexml=, the dialed number kept as dnis= and the
// application name as ivr-application= (both reach the recording's
// metadata through the MCP's Request-URI parameters).
func rewriteIVR(uri *sip.Uri, p *config.RMIVR) {
	dnis := uri.User
	uri.User = "dialog"
	uri.UriParams = append(uri.UriParams, sip.HeaderKV{K: "voicexml", V: escapeParam(p.URL)},
		sip.HeaderKV{K: "dnis", V: escapeParam(dnis)})
	if p.Application != "" {
		uri.UriParams = append(uri.UriParams, sip.HeaderKV{K: "ivr-application", V: escapeParam(p.Application)})
	}
}

// escapeParam %-escapes what a SIP URI parameter value may not hold
// (RFC 3261 §25.1: paramchar = param-unreserved / unreserved / escaped).
func escapeParam(v string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isParamChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isParamChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("-_.!~*'()[]/:&+$", c) >= 0
}
