package sipua

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"
)

func TestMediaType(t *testing.T) {
	cases := []struct{ give, want string }{
		{"application/msml+xml", "application/msml+xml"},
		{"Application/MSML+XML", "application/msml+xml"},
		{"application/msml+xml;charset=utf-8", "application/msml+xml"},
		{"  application/sdp ; version=1", "application/sdp"},
		{"", ""},
		{";", ""},
	}
	for _, tc := range cases {
		if got := mediaType(tc.give); got != tc.want {
			t.Errorf("mediaType(%q) = %q, want %q", tc.give, got, tc.want)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	cases := []struct{ give, want string }{
		{"X-Genesys-CallUUID", "X-Genesys-Calluuid"},
		{"x-genesys-calluuid", "X-Genesys-Calluuid"},
		{"k", "Supported"},
		{"S", "Subject"},
		{" P-Asserted-Identity ", "P-Asserted-Identity"},
	}
	for _, tc := range cases {
		if got := headerKey(tc.give); got != tc.want {
			t.Errorf("headerKey(%q) = %q, want %q", tc.give, got, tc.want)
		}
	}
}

func TestExtraHeadersKeepsWhatTheUADoesNotConsume(t *testing.T) {
	msg := "INVITE sip:msml=c@h SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKx\r\n" +
		"f: <sip:a@h>;tag=1\r\nt: <sip:b@h>\r\ni: id\r\nCSeq: 1 INVITE\r\n" +
		"X-Genesys-CallUUID: U1\r\nX-Genesys-geo-location: site-a\r\n" +
		"Diversion: <sip:1@h>\r\nDiversion: <sip:2@h>\r\ns: subject\r\n" +
		"Content-Length: 0\r\n\r\n"
	m, err := sip.ParseMessage([]byte(msg))
	if err != nil {
		t.Fatal(err)
	}
	got := extraHeaders(m.(*sip.Request))
	want := map[string]string{
		"X-Genesys-Calluuid":     "U1",
		"X-Genesys-Geo-Location": "site-a",
		"Diversion":              "<sip:1@h>, <sip:2@h>",
		"Subject":                "subject",
	}
	if len(got) != len(want) {
		t.Errorf("extraHeaders = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("extraHeaders[%q] = %q, want %q", k, got[k], v)
		}
	}
}

func TestRequireTokens(t *testing.T) {
	m, _ := sip.ParseMessage([]byte("OPTIONS sip:h SIP/2.0\r\nRequire: 100rel , Timer\r\nRequire: ,foo,\r\nContent-Length: 0\r\n\r\n"))
	if got := tokens(m.(*sip.Request), "Require"); !slices.Equal(got, []string{"100rel", "timer", "foo"}) {
		t.Errorf("tokens = %q", got)
	}
}

// FuzzInfoRouting checks that INFO routing by Content-Type finds a handler
// exactly when the media types match, for any registered and received value.
func FuzzInfoRouting(f *testing.F) {
	f.Add("application/msml+xml", "application/msml+xml; charset=UTF-8")
	f.Add("Application/XML", "application/xml")
	f.Add("application/msml+xml", "application/dtmf-relay")
	f.Add("", ";")
	f.Fuzz(func(t *testing.T, registered, received string) {
		u := &UA{info: make(map[string]InfoHandler)}
		u.HandleInfo(registered, func(context.Context, *Dialog, string, []byte) (int, string, []byte) { return 200, "", nil })
		found := u.infoHandler(received) != nil
		if want := mediaType(registered) == mediaType(received); found != want {
			t.Errorf("registered %q, received %q: found %v, want %v", registered, received, found, want)
		}
		mt := mediaType(received)
		if mediaType(mt) != mt || strings.ContainsRune(mt, ';') || strings.ToLower(mt) != mt {
			t.Errorf("mediaType(%q) = %q is not normal", received, mt)
		}
	})
}

// FuzzRequestChecks feeds whatever sipgo parses as a request to the checks
// and header extraction of this package: no panic, and extracted headers are
// canonical and never ones the UA consumes.
func FuzzRequestChecks(f *testing.F) {
	f.Add([]byte("INVITE sip:msml=conf1@127.0.0.1;dn=1001;record SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n" +
		"From: <sip:a@h>;tag=1\r\nTo: <sip:msml=conf1@h>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1>\r\n" +
		"X-Genesys-CallUUID: U\r\nRequire: 100rel\r\nContent-Type: application/sdp\r\nContent-Length: 3\r\n\r\nv=0"))
	f.Add([]byte("INFO sip:h SIP/2.0\r\nv: SIP/2.0/TCP h\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>;tag=2\r\ni: x\r\nCSeq: 2 INFO\r\nc: application/msml+xml\r\nl: 0\r\n\r\n"))
	f.Add([]byte("OPTIONS sip:h SIP/3.0\r\nk: timer\r\nContent-Length: 0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := sip.ParseMessage(data)
		req, ok := m.(*sip.Request)
		if err != nil || !ok {
			return
		}
		_ = checkRequest(req, 1024)
		_ = unsupported(req)
		for k := range extraHeaders(req) {
			if headerKey(k) != k || consumed[strings.ToLower(k)] {
				t.Errorf("extracted header %q is not canonical or is consumed", k)
			}
		}
	})
}
