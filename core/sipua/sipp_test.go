package sipua

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestSippCallAgainstTheUA drives the UA with SIPp (Debian sip-tester), an
// implementation we did not write: INVITE with SDP → 200 → ACK → BYE over
// UDP. It fails, not skips, when sipp is missing, unless -short.
func TestSippCallAgainstTheUA(t *testing.T) {
	m := newFakeMedia()
	runSipp(t, m, "uac_record.xml", nil)
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

// TestSippSessionTimer: SIPp asks for a 3 s session and refreshes it once;
// the scenario checks the grants (Session-Expires 3;refresher=uac, Require:
// timer) and waits for the UA's BYE after the refreshes stop.
func TestSippSessionTimer(t *testing.T) {
	t.Parallel() // sleeps through session intervals
	m := newFakeMedia()
	runSipp(t, m, "uac_session_timer.xml", func(c *Config) { c.MinSE = time.Second })
	l := recv(t, m.opened)
	if r := recv(t, l.closed); r != ReasonSessionExpired {
		t.Errorf("Close(%q), want %q", r, ReasonSessionExpired)
	}
}

// runSipp runs one call of testdata/sipp/<scenario> against a UA over UDP
// and fails the test unless sipp exits 0.
func runSipp(t *testing.T, m Media, scenario string, mod func(*Config)) {
	t.Helper()
	if testing.Short() {
		t.Skip("sipp end-to-end test skipped with -short")
	}
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatalf("sipp not found (apt-get install sip-tester): %v", err)
	}
	path, err := filepath.Abs(filepath.Join("testdata/sipp", scenario))
	if err != nil {
		t.Fatal(err)
	}
	u := startUA(t, m, mod)
	udp, _ := u.Addr()
	ctx, cancel := context.WithTimeout(context.Background(), 2*hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, "-sf", path, "-s", "msml=conf1",
		"-m", "1", "-t", "u1", "-i", "127.0.0.1", "-nostdin",
		"-timeout", "30s", "-timeout_error", udp.String())
	cmd.Dir = t.TempDir()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("sipp: %v\n%s", err, lastLines(out.Bytes(), 40))
	}
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
