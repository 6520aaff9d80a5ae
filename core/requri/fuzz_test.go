package requri

import (
	"errors"
	"testing"
	"unicode/utf8"
)

var seedURIs = []string{
	"sip:msml=conf123@10.0.0.5:5070;dn=7001;record;gvp-tenant-id=acme;media-service=record;reel-profile=gold",
	"sip:record=abc-123@rec;calluuid=XYZ;dn=7001;recordDN=7001;otherDN=7002",
	"sips:MSML=c%20one@[2001:db8::1]:5061;Record=true?X-Genesys-CallUUID=ABC",
	"sip:7001@host",
	"sip:msml=../../etc/passwd@h",
	"sip:msml=%2e%2e%2fx@h;dn=%",
	"<sip:record=a:b@h>",
}

// FuzzParse: no panic, only our sentinels, and a nil error means a Target
// whose id is non-empty (a dialog's is empty and it has a voicexml URI), bounded and printable (recmeta.FuzzSafeName
// checks that any id makes a safe file name).
func FuzzParse(f *testing.F) {
	for _, s := range seedURIs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		got, err := Parse(uri)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrNotReel) {
				t.Fatalf("error outside our sentinels: %v", err)
			}
			return
		}
		if got.Kind == Dialog && (got.ID != "" || got.VoiceXML == "") {
			t.Fatalf("Parse(%q) = %+v: a dialog has no id and a voicexml URI", uri, got)
		}
		if got.Kind == Unknown || got.Kind != Dialog && (got.ID == "" || len(got.ID) > maxID) || !utf8.ValidString(got.ID) {
			t.Fatalf("Parse(%q) = %+v", uri, got)
		}
		for k, v := range got.Params {
			if checkRawValue(k) != nil || checkRawValue(v) != nil || !utf8.ValidString(k+v) {
				t.Fatalf("param %q=%q", k, v)
			}
		}
	})
}
