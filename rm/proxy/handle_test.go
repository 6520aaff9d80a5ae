package proxy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/emiago/sipgo/sip"
)

// TestTryingIsWhatSipgoBuilds: the 100 the proxy answers an INVITE with
// is byte for byte sipgo's NewResponseFromRequest, and building it leaves
// the INVITE as it was, for the requests of the golden files and one with
// an empty rport and a Timestamp.
func TestTryingIsWhatSipgoBuilds(t *testing.T) {
	files, _ := filepath.Glob("testdata/forward/*.sip")
	texts := []string{"INVITE sip:7001@rm.example SIP/2.0\n" +
		"Via: SIP/2.0/UDP 192.168.1.20:5070;rport;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bKb\n" +
		"From: <sip:a@b>;tag=1\nTo: <sip:c@d>\nCall-ID: ts-1\nCSeq: 1 INVITE\nContact: <sip:a@192.168.1.20>\n" +
		"timestamp: 54\nContent-Length: 0\n\n"}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in, _, _ := bytes.Cut(raw, []byte(separator))
		texts = append(texts, string(in))
	}
	for _, text := range texts {
		req := parseRequest(t, text)
		before := req.String()
		want := sip.NewResponseFromRequest(req, 100, "Trying", nil)
		got := trying(req)
		if got.String() != want.String() || got.Destination() != want.Destination() || got.Transport() != want.Transport() {
			t.Errorf("got (to %s over %s):\n%s\nwant (to %s over %s):\n%s", got.Destination(), got.Transport(), got,
				want.Destination(), want.Transport(), want)
		}
		if req.String() != before {
			t.Errorf("the request changed:\n%s\nwas:\n%s", req.String(), before)
		}
	}
}
