package proxy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/profile"
)

// URI parameters the proxy reads, removes or adds.
const (
	paramTenant  = "gvp-tenant-id"
	paramProfile = "reel-profile"
)

// target is what an initial INVITE asks for.
type target struct {
	key    string         // "msml=<id>", "record=<id>" or "" (no call id)
	choice profile.Choice // profile, tenant, group
	ivr    *config.RMIVR  // the IVR profile of a dialed number; nil: none
}

// selectTarget reads the Request-URI and the Genesys headers of an initial
// INVITE. A URI that is not Reel's (no msml= or record=) has no call id;
// a malformed one is ErrBadRequest.
func selectTarget(req *sip.Request, rules profile.Rules) (target, error) {
	t, err := requri.Parse(uriString(&req.Recipient))
	switch {
	case errors.Is(err, requri.ErrNotReel):
	case err != nil:
		return target{}, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	q := profile.Request{
		Tenant: t.Tenant, MediaService: t.MediaService,
		ProfileID:   headerValue(req, profile.HeaderProfileID),
		ProfileName: headerValue(req, profile.HeaderProfileName),
		Geo:         headerValue(req, profile.HeaderGeoLocation),
	}
	var ivr *config.RMIVR
	if t.Kind == requri.Unknown {
		q.Tenant, q.MediaService = uriParam(&req.Recipient, paramTenant), uriParam(&req.Recipient, "media-service")
		ivr = ivrFor(rules, q.Tenant, &req.Recipient)
	}
	c := rules.Select(q)
	if ivr != nil && ivr.Profile != "" {
		c.Profile, c.Rule = ivr.Profile, RuleIVR
	}
	return target{key: callKey(t), choice: c, ivr: ivr}, nil
}

// callKey names the call a leg belongs to: every leg with the same key
// goes to the same MCP.
func callKey(t requri.Target) string {
	switch t.Kind {
	case requri.Conference:
		return "msml=" + t.ID
	case requri.Recorder:
		return "record=" + t.ID
	}
	return ""
}

// rewriteURI points uri at the MCP at host:port, removes gvp-tenant-id
// and sets reel-profile.
func rewriteURI(uri *sip.Uri, host string, port int, prof string) {
	uri.Host, uri.Port = host, port
	params := make(sip.HeaderParams, 0, len(uri.UriParams)+1)
	for _, kv := range uri.UriParams {
		if !strings.EqualFold(kv.K, paramTenant) && !strings.EqualFold(kv.K, paramProfile) {
			params = append(params, kv)
		}
	}
	uri.UriParams = append(params, sip.HeaderKV{K: paramProfile, V: prof})
}

// uriString is uri.String with one allocation instead of one per part.
func uriString(uri *sip.Uri) string {
	var b strings.Builder
	b.Grow(128)
	uri.StringWrite(&b)
	return b.String()
}

// headerValue is the value of req's first header called name (in any
// case, like req.GetHeader, which allocates for each name in capitals).
func headerValue(req *sip.Request, name string) string {
	for _, h := range req.Headers() {
		if asciiEqualFold(h.Name(), name) {
			return h.Value()
		}
	}
	return ""
}

// asciiEqualFold is strings.EqualFold for ASCII letters only, as sipgo
// compares header names.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func uriParam(uri *sip.Uri, name string) string {
	for _, kv := range uri.UriParams {
		if strings.EqualFold(kv.K, name) {
			return kv.V
		}
	}
	return ""
}
