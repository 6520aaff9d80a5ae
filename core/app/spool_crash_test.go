package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/internal/testlog"
)

// buildMCP builds cmd/reel-mcp into dir.
func buildMCP(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "reel-mcp")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/reel-project/reel/cmd/reel-mcp").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %s", out)
	}
	return bin
}

// startMCPProcess runs reel-mcp on dataDir and waits until it is ready.
func startMCPProcess(t *testing.T, bin, dataDir, sip string, yaml ...string) *exec.Cmd {
	t.Helper()
	base := 40000 + int(rtpBase.Add(1))*200
	cmd := exec.Command(bin)
	conf := filepath.Join(dataDir, "mcp.yaml") // ;record calls record from the first audio (firstAudioUnlessSet)
	if err := os.WriteFile(conf, []byte("profiles:\n  default:\n    storage: [localdir]\n    metadata: [localdir]\n"+
		"    record_from: first-audio\n"+strings.Join(yaml, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), config.EnvConfig+"="+conf, "REEL_DATA_DIR="+dataDir, "REEL_SIP_LISTEN="+sip, "REEL_SIP_TRANSPORTS=udp",
		"REEL_HTTP_LISTEN=127.0.0.1:0", "REEL_RTP_BIND_IP=127.0.0.1", "REEL_CAPACITY_MAX_CALLS=10", "REEL_CAPACITY_MIN_FREE_MB=0",
		"REEL_RTP_PORT_MIN="+strconv.Itoa(base), "REEL_RTP_PORT_MAX="+strconv.Itoa(base+199))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ready := make(chan struct{})
	log := testlog.Writer(t) // the process may still write after the test ended
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(log, "reel-mcp: "+sc.Text())
			if strings.Contains(sc.Text(), "reel-mcp ready") {
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("reel-mcp did not start in 30 s")
	}
	return cmd
}

// killedMidCall runs reel-mcp on data (yaml added to its configuration),
// records 3 s of a call and kills the process with SIGKILL mid-call; it
// returns the SIP address.
func killedMidCall(t *testing.T, bin, data, conf string, yaml ...string) string {
	t.Helper()
	sip := fmt.Sprintf("127.0.0.1:%d", freeUDPPort(t))
	first := startMCPProcess(t, bin, data, sip, yaml...)
	emu, err := sipemu.New(sip, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCall(t, emu, sip, conf)
	c.talk(t, audio(t, g711.MuLaw, 0, 3), audio(t, g711.ALaw, 0, 3))
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err := first.Wait(); !errors.As(err, &exit) {
		t.Fatalf("reel-mcp exited with %v, want killed", err)
	}
	return sip
}

func TestAnMCPKilledMidCallRepairsAndDeliversTheRecordingAtRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs reel-mcp")
	}
	bin, data := buildMCP(t, t.TempDir()), t.TempDir()
	sip := killedMidCall(t, bin, data, "conf-crash")
	second := startMCPProcess(t, bin, data, sip)
	docs := waitSidecars(t, filepath.Join(data, "recordings"), 2)
	for _, d := range docs {
		mf := d.MediaFiles[0]
		ms, _ := strconv.Atoi(mf.Duration)
		if !mf.Completeness.CutShort || ms < 1000 {
			t.Errorf("%s: cutShort %v, %d ms; want cut short with at most the last 2 s of 3 s lost", mf.MediaID, mf.Completeness.CutShort, ms)
		}
		// The counters saved while recording (used to be all 0): both
		// parties sent 50 packets a second for 3 s, and at least the first
		// second's were counted.
		if c := mf.Completeness; c.PacketsReceived < 100 || c.PacketsExpected < c.PacketsReceived {
			t.Errorf("%s: %d of %d packets received, want the first second's at least", mf.MediaID, c.PacketsReceived, c.PacketsExpected)
		}
	}
	_ = second.Process.Signal(syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	go func() { <-ctx.Done(); _ = second.Process.Kill() }()
	_ = second.Wait()
}
