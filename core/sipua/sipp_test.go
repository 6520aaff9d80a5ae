package sipua

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	sipp(t, startUA(t, m, mod), "UDP", scenario, nil)
}

// sipp runs one call of testdata/sipp/<scenario> against u over transport
// ("UDP" or "TCP"), with files (name → content) in its working directory,
// and fails the test unless sipp exits 0. It fails, not skips, when sipp
// is missing, unless -short.
func sipp(t *testing.T, u *UA, transport, scenario string, files map[string]string) {
	t.Helper()
	if testing.Short() {
		t.Skip("sipp end-to-end test skipped with -short")
	}
	bin, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatalf("sipp not found (apt-get install sip-tester): %v", err)
	}
	path, err := filepath.Abs(filepath.Join("testdata/sipp", scenario))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	udp, tcp := u.Addr()
	mode, addr := "u1", udp
	if transport == "TCP" {
		mode, addr = "t1", tcp
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-sf", path, "-s", "msml=conf1",
		"-m", "1", "-t", mode, "-i", "127.0.0.1", "-p", "0", "-nostdin",
		"-timeout", "30s", "-timeout_error", addr.String())
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("sipp: %v\n%s", err, lastLines(out.Bytes(), 40))
	}
}

// TestSippOversize: SIPp, over UDP and TCP, sends requests over 32 KiB and
// asks for responses over 1,300 bytes, and expects an answer to each
// (testdata/sipp/oversize*.xml).
func TestSippOversize(t *testing.T) {
	pads := map[string]string{"pad3k.txt": strings.Repeat("x", 3000), "pad40k.txt": strings.Repeat("y", 40<<10)}
	transports(t, func(t *testing.T, tr string) {
		sipp(t, startUA(t, newFakeMedia(), func(c *Config) { c.MaxBody = 16 << 10 }), tr, "oversize.xml", pads)
	})
	t.Run("Content-Length beyond the datagram", func(t *testing.T) {
		sipp(t, startUA(t, newFakeMedia(), nil), "UDP", "oversize_udp.xml", nil)
	})
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
