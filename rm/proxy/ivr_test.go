package proxy

import (
	"testing"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/requri"
)

// TestAnIVRNumberBecomesAnRFC5552Dialog: a plain INVITE to a tenant's IVR
// number goes to the MCP as sip:dialog with the initial page, the dialed
// number, the application name and the IVR profile's recording profile;
// another number or tenant keeps its URI.
func TestAnIVRNumberBecomesAnRFC5552Dialog(t *testing.T) {
	for _, tc := range []struct {
		uri, wantURL, wantProfile string
	}{
		{"sip:5551000@rm;gvp-tenant-id=acme", "http://ivr.example/pay.vxml?a=1;b=%41 c", "acme-ivr"},
		{"sip:5551001@rm;gvp-tenant-id=acme", "", "std"},
		{"sip:5551000@rm;gvp-tenant-id=other", "", "std"},
	} {
		msg, err := sip.ParseMessage([]byte("INVITE " + tc.uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKi\r\n" +
			"From: <sip:a@b>;tag=1\r\nTo: <sip:5551000@rm>\r\nCall-ID: i\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		req := msg.(*sip.Request)
		tgt, err := selectTarget(req, fuzzRules)
		if err != nil {
			t.Fatal(err)
		}
		out := req.Recipient.Clone()
		rewriteURI(out, "127.0.0.1", 5070, tgt.choice.Profile)
		if tgt.ivr != nil {
			rewriteIVR(out, tgt.ivr)
		}
		got, err := requri.Parse(out.String())
		switch {
		case tc.wantURL == "" && err == nil:
			t.Errorf("%s became the Reel URI %s", tc.uri, out)
		case tc.wantURL != "" && (err != nil || got.VoiceXML != tc.wantURL || got.Profile != tc.wantProfile ||
			got.Params["dnis"] != "5551000" || got.Params["ivr-application"] != "Pay App;v2"):
			t.Errorf("%s → %s = %+v (%v)", tc.uri, out, got, err)
		case tgt.choice.Profile != tc.wantProfile:
			t.Errorf("%s: profile %q, want %q", tc.uri, tgt.choice.Profile, tc.wantProfile)
		}
	}
}
