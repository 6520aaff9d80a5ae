package proxy

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"
)

var update = flag.Bool("update", false, "rewrite the expected part of the golden files")

// separator splits a golden file into the request the proxy receives and
// the copy it sends to the next hop.
const separator = "\n-- want: transport, destination, then the request sent --\n"

// ourBranch matches the branch of the Via the proxy adds.
var ourBranch = regexp.MustCompile(`branch=z9hG4bK\.[A-Za-z0-9]{16}`)

// TestForwardedRequestsMatchTheGoldenFiles runs every
// testdata/forward/*.sip through the proxy's forwarding (an initial INVITE
// to the MCP 10.0.0.5:5070, any other request to its next hop) and
// compares the copy byte for byte. "RM" in a file stands for the proxy's
// address, "OURS" for the branch it generates. The request received must
// be left as it was, apart from the proxy's own Route.
func TestForwardedRequestsMatchTheGoldenFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/forward/*.sip")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	p := startProxy(t, "10.0.0.5:5070")
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".sip"), func(t *testing.T) {
			forwardGolden(t, p, path)
		})
	}
}

func forwardGolden(t *testing.T, p *Proxy, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, want, ok := bytes.Cut(raw, []byte(separator))
	if !ok && !*update {
		t.Fatalf("no separator line %q", strings.TrimSpace(separator))
	}
	req := parseRequest(t, strings.ReplaceAll(string(in), "RM", p.udpAddr()))
	out := forwardCopy(t, p, req)
	got := out.Transport() + " " + out.Destination() + "\n" + out.String()
	got = strings.ReplaceAll(strings.ReplaceAll(got, "\r\n", "\n"), p.udpAddr(), "RM")
	got = ourBranch.ReplaceAllString(got, "branch=OURS")
	if *update {
		if err := os.WriteFile(path, append(append(in, separator...), got...), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// forwardCopy builds the copy of req for its next hop and checks that
// building it left req alone.
func forwardCopy(t *testing.T, p *Proxy, req *sip.Request) *sip.Request {
	t.Helper()
	if toTag(req) == "" {
		before := req.String()
		tgt, err := selectTarget(req, fuzzRules)
		if err != nil {
			t.Fatal(err)
		}
		out := p.inviteFor(&inviteCall{req: req, t: tgt}, p.deps.Pool.Nodes()[0])
		if req.String() != before {
			t.Errorf("the INVITE received changed:\n%s\nwas:\n%s", req.String(), before)
		}
		return out
	}
	h, err := p.nextHop(req)
	if err != nil {
		t.Fatal(err)
	}
	before := req.String()
	out := p.outFor(req, h)
	if req.String() != before {
		t.Errorf("the request received changed:\n%s\nwas:\n%s", req.String(), before)
	}
	return out
}

// parseRequest parses text with LF line ends as a request that arrived
// over UDP from 10.0.0.9:5062.
func parseRequest(t *testing.T, text string) *sip.Request {
	t.Helper()
	msg, err := sip.ParseMessage([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	req, ok := msg.(*sip.Request)
	if !ok {
		t.Fatalf("not a request: %s", text)
	}
	req.SetSource("10.0.0.9:5062")
	req.SetTransport("UDP")
	return req
}
