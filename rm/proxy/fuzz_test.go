package proxy

import (
	"strings"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/profile"
)

var fuzzRules = profile.Rules{Default: "std", Tenants: map[string]config.RMTenant{
	"acme": {RecordProfile: "acme-rec", Geo: map[string]string{"emea": "acme-eu"}, ProfileIDs: map[string]string{"1001": "acme-gold"},
		IVR: map[string]config.RMIVR{"5551000": {URL: "http://ivr.example/pay.vxml?a=1;b=%41 c", Profile: "acme-ivr", Application: "Pay App;v2"}}}}}

// FuzzSelectTarget: for any INVITE the parser accepts, selection never
// panics, and the Request-URI sent to the MCP carries exactly one valid
// reel-profile, no gvp-tenant-id, and (for a Reel URI) the same call id.
func FuzzSelectTarget(f *testing.F) {
	for _, s := range []string{
		"sip:msml=c1@rm:5060;dn=7001;record;gvp-tenant-id=acme;media-service=record",
		"sip:record=r1@rm;calluuid=X;gvp-tenant-id=acme;reel-profile=forged",
		"sip:7001@rm;GVP-TENANT-ID=acme",
		"sip:msml=c%zz@rm",
		"sip:5551000@rm;gvp-tenant-id=acme;user=phone",
	} {
		f.Add(s, "1001", "", "emea")
		f.Add(s, "", "gold", "")
	}
	f.Fuzz(func(t *testing.T, uri, id, name, geo string) {
		raw := "INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKf\r\n" +
			"From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: f\r\nCSeq: 1 INVITE\r\n" +
			"X-Genesys-gsw-ivr-profile-id: " + id + "\r\nX-Genesys-gsw-ivr-profile-name: " + name + "\r\n" +
			"X-Genesys-geo-location: " + geo + "\r\nContent-Length: 0\r\n\r\n"
		msg, err := sip.ParseMessage([]byte(raw))
		req, ok := msg.(*sip.Request)
		if err != nil || !ok {
			return
		}
		tgt, err := selectTarget(req, fuzzRules)
		if err != nil {
			return
		}
		out := req.Recipient.Clone()
		rewriteURI(out, "127.0.0.1", 5070, tgt.choice.Profile)
		if tgt.ivr != nil {
			rewriteIVR(out, tgt.ivr)
		}
		checkRewritten(t, out, tgt)
	})
}

func checkRewritten(t *testing.T, out *sip.Uri, tgt target) {
	profiles := 0
	for _, kv := range out.UriParams {
		switch {
		case strings.EqualFold(kv.K, paramTenant):
			t.Fatalf("gvp-tenant-id left in %s", out.String())
		case strings.EqualFold(kv.K, paramProfile):
			profiles++
			if !config.ValidProfileName(kv.V) {
				t.Fatalf("reel-profile %q is not a valid name", kv.V)
			}
		}
	}
	if profiles != 1 {
		t.Fatalf("%d reel-profile parameters in %s", profiles, out.String())
	}
	if tgt.ivr != nil {
		again, err := requri.Parse(out.String())
		if err != nil || again.Kind != requri.Dialog || again.VoiceXML != tgt.ivr.URL || again.Params["ivr-application"] != tgt.ivr.Application {
			t.Fatalf("IVR URI %s reads back as %+v (%v), want the dialog of %+v", out.String(), again, err, tgt.ivr)
		}
		return
	}
	if tgt.key == "" {
		return
	}
	again, err := requri.Parse(out.String())
	if err != nil || callKey(again) != tgt.key || again.Profile != tgt.choice.Profile {
		t.Fatalf("rewritten %s reads back as %+v (%v), want key %q profile %q", out.String(), again, err, tgt.key, tgt.choice.Profile)
	}
}

// FuzzRetryAfter: any Retry-After value an MCP sends reads as a pause of
// 1 s to maxRetryAfter, or as none, and never panics.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "18000;duration=3600", "120 (I'm in a meeting)", " 5 ", "0", "-1", "soon", "99999999999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := retryAfter(v)
		if ok && (d < time.Second || d > maxRetryAfter) {
			t.Fatalf("retryAfter(%q) = %v", v, d)
		}
		if !ok && d != 0 {
			t.Fatalf("retryAfter(%q) = %v, false", v, d)
		}
	})
}
