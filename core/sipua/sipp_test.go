package sipua

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSippCallAgainstTheUA drives the UA with SIPp (Debian sip-tester), an
// implementation we did not write: INVITE with SDP → 200 → ACK → BYE over
// UDP. It fails, not skips, when sipp is missing, unless -short.
func TestSippCallAgainstTheUA(t *testing.T) {
	if testing.Short() {
		t.Skip("sipp end-to-end test skipped with -short")
	}
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatalf("sipp not found (apt-get install sip-tester): %v", err)
	}
	scenario, err := filepath.Abs("testdata/sipp/uac_record.xml")
	if err != nil {
		t.Fatal(err)
	}
	m := newFakeMedia()
	u := startUA(t, m, nil)
	udp, _ := u.Addr()

	ctx, cancel := context.WithTimeout(context.Background(), 2*hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, "-sf", scenario, "-s", "msml=conf1",
		"-m", "1", "-t", "u1", "-i", "127.0.0.1", "-nostdin",
		"-timeout", "30s", "-timeout_error", udp.String())
	cmd.Dir = t.TempDir()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("sipp: %v\n%s", err, lastLines(out.Bytes(), 40))
	}

	l := recv(t, m.opened)
	if got := l.inv.Header("X-Genesys-CallUUID"); got != "0123456789ABCDEF1" {
		t.Errorf("X-Genesys-CallUUID %q", got)
	}
	if offers := l.answered(); len(offers) != 1 || !bytes.Contains(offers[0], []byte("m=audio")) {
		t.Errorf("Answer got %q, want sipp's SDP", offers)
	}
	if r := recv(t, l.closed); r != ReasonBye {
		t.Errorf("Close(%q), want %q", r, ReasonBye)
	}
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
