package proxy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/requri"
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
}

// selectTarget reads the Request-URI and the Genesys headers of an initial
// INVITE. A URI that is not Reel's (no msml= or record=) has no call id;
// a malformed one is ErrBadRequest.
func selectTarget(req *sip.Request, rules profile.Rules) (target, error) {
	t, err := requri.Parse(req.Recipient.String())
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
	if t.Kind == requri.Unknown {
		q.Tenant, q.MediaService = uriParam(&req.Recipient, paramTenant), uriParam(&req.Recipient, "media-service")
	}
	return target{key: callKey(t), choice: rules.Select(q)}, nil
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
	params := uri.UriParams[:0:0]
	for _, kv := range uri.UriParams {
		if !strings.EqualFold(kv.K, paramTenant) && !strings.EqualFold(kv.K, paramProfile) {
			params = append(params, kv)
		}
	}
	uri.UriParams = append(params, sip.HeaderKV{K: paramProfile, V: prof})
}

func headerValue(req *sip.Request, name string) string {
	if h := req.GetHeader(name); h != nil {
		return h.Value()
	}
	return ""
}

func uriParam(uri *sip.Uri, name string) string {
	for _, kv := range uri.UriParams {
		if strings.EqualFold(kv.K, name) {
			return kv.V
		}
	}
	return ""
}
