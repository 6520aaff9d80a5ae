package loadgen

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

const pinApp = `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" xmlns:gvp="http://www.genesyslab.com/2006/vxml21-extension" version="2.1">
<form id="pin"><block><log gvp:dest="record">start;</log></block>
  <field name="pin" type="digits?length=4"/>
  <block><if cond="pin == '1234'"><log gvp:dest="record">stop;</log><exit/></if><goto next="#hold"/></block></form>
<form id="hold"><field name="x" type="digits"><property name="timeout" value="60s"/></field></form></vxml>`

// TestIVRCallsSucceedOnlyWhenTheApplicationGotTheKeys: N RFC 5552 calls
// key 1234 and each ends with the application's BYE; keying 9999, none
// does and each is reported failed at its outcome.
func TestIVRCallsSucceedOnlyWhenTheApplicationGotTheKeys(t *testing.T) {
	addr, _ := startMCP(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, pinApp) }))
	defer srv.Close()
	audio, err := os.ReadFile("../../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		keys   string
		failed int
	}{{"1234", 0}, {"9999", 3}} {
		rep, err := Run(context.Background(), Config{MCP: addr, Calls: 3, Rate: 20, Hold: 3 * time.Second,
			Audio: audio, IVR: srv.URL + "/pin.vxml", DTMF: tc.keys, DTMFAfter: 300 * time.Millisecond, Prefix: "ivr" + tc.keys})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Calls != 3 || rep.Failed != tc.failed || rep.FailedAt["ivr outcome"] != tc.failed {
			t.Fatalf("keys %s: calls %d failed %d (%v, %s), want %d failed at the outcome", tc.keys, rep.Calls, rep.Failed,
				rep.FailedAt, rep.FirstError, tc.failed)
		}
	}
}
