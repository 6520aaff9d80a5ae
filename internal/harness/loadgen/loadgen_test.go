package loadgen

import (
	"context"
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/app"
	"github.com/reel-project/reel/core/config"
)

// startMCP runs an in-process MCP on 127.0.0.1 for the run to drive.
func startMCP(t *testing.T) (string, string) {
	return startMCPWith(t, nil, nil)
}

// startMCPWith is startMCP with edit applied to the config; tlsAddr, when
// not nil, gets the TLS listener's address.
func startMCPWith(t *testing.T, edit func(*config.MCP), tlsAddr *string) (string, string) {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.SIP.Listen, cfg.HTTP.Listen, cfg.RTP.BindIP = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1"
	cfg.RTP.PortMin, cfg.RTP.PortMax = 34000, 34999
	cfg.Capacity.MinFreeMB = 0 // CI machines may run with little free disk
	// The load generator sends ;record and no MSML: record from the first
	// audio, as scripts/capacity.sh configures it (decision 0011).
	p := cfg.Profiles[config.DefaultProfile]
	p.RecordFrom = config.RecordFromFirstAudio
	cfg.Profiles[config.DefaultProfile] = p
	if edit != nil {
		edit(&cfg)
	}
	m, err := app.NewMCP(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	udp, _ := m.SIPAddr()
	if tlsAddr != nil {
		*tlsAddr = m.SIPTLSAddr().String()
	}
	return udp.String(), cfg.RecordingDir()
}

func TestARunPlacesCallsAndReportsWhatHappened(t *testing.T) {
	addr, dir := startMCP(t)
	audio, err := os.ReadFile("../../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Config{MCP: addr, Calls: 4, Rate: 20, Hold: 2 * time.Second,
		Audio: audio, Record: true, PID: os.Getpid(), RecordingsDir: dir, Prefix: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep.Table())
	if rep.Calls != 4 || rep.Failed != 0 || rep.PeakCalls < 1 {
		t.Fatalf("calls %d failed %d peak %d", rep.Calls, rep.Failed, rep.PeakCalls)
	}
	if rep.PacketsRecv < rep.PacketsExpect*8/10 || rep.PacketsSent < rep.PacketsExpect*8/10 {
		t.Errorf("packets sent %d received %d of %d expected", rep.PacketsSent, rep.PacketsRecv, rep.PacketsExpect)
	}
	if rep.SpacingP50 < 15 || rep.SpacingP50 > 25 {
		t.Errorf("egress spacing p50 %.1f ms, want about 20", rep.SpacingP50)
	}
	if rep.MCP == nil || rep.MCP.CPUSeconds <= 0 {
		t.Errorf("MCP usage not measured: %+v", rep.MCP)
	}
	waitFiles(t, dir, 8)
	rep.Recordings = readRecordings(dir, "t1")
	if rep.Recordings.Files != 8 || rep.Recordings.Complete != 8 {
		t.Errorf("recordings %+v, want 8 complete files (MP3 and WAV of 4 calls)", rep.Recordings)
	}
}

// TestSIPRECRunRecordsEverySession: in SIPREC mode each call is one
// recording session with both parties' streams, recorded in full.
func TestSIPRECRunRecordsEverySession(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0") // one port for SIP over UDP and TCP
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().String()
	l.Close()
	addr, dir := startMCPWith(t, func(c *config.MCP) { c.SIP.Listen = port }, nil)
	audio, err := os.ReadFile("../../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Config{MCP: addr, Transport: "tcp", Calls: 2, Rate: 20, Hold: 2 * time.Second,
		Audio: audio, SIPREC: true, Prefix: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Calls != 2 || rep.Failed != 0 || rep.PacketsSent < rep.PacketsExpect*8/10 {
		t.Fatalf("calls %d failed %d, packets sent %d of %d", rep.Calls, rep.Failed, rep.PacketsSent, rep.PacketsExpect)
	}
	waitFiles(t, dir, 4)
	if got := readRecordings(dir, "t1"); got.Files != 4 || got.Complete != 4 || got.PacketsReceived < rep.PacketsSent*8/10 {
		t.Errorf("recordings %+v, want 4 complete files holding the %d packets sent", got, rep.PacketsSent)
	}
}

func TestBadConfigsAreRefused(t *testing.T) {
	for name, c := range map[string]Config{
		"no MCP":          {Calls: 1, Hold: time.Second, Audio: make([]byte, 8000)},
		"no calls":        {MCP: "x:1", Hold: time.Second, Audio: make([]byte, 8000)},
		"short hold":      {MCP: "x:1", Calls: 1, Hold: time.Millisecond, Audio: make([]byte, 8000)},
		"no audio":        {MCP: "x:1", Calls: 1, Hold: time.Second},
		"siprec over udp": {MCP: "x:1", Calls: 1, Hold: time.Second, Audio: make([]byte, 8000), SIPREC: true},
	} {
		if _, err := Run(context.Background(), c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func waitFiles(t *testing.T, dir string, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if readRecordings(dir, "t1").Files >= n {
			return
		}
	}
}

func TestHistogramPercentiles(t *testing.T) {
	h := make([]int64, 256)
	h[20], h[21], h[40] = 90, 5, 5
	p50, p95, top := histPercentiles(h)
	if p50 != 20 || p95 != 21 || top != 40 {
		t.Fatalf("p50 %v p95 %v max %v", p50, p95, top)
	}
}

// Beyond capacity new calls get 503 and the calls in progress keep their
// quality: every packet of theirs arrives and their recordings are complete.
func TestOverloadRefusesNewCallsAndKeepsTheRunningOnesWhole(t *testing.T) {
	addr, dir := startMCPWith(t, func(c *config.MCP) { c.Capacity.MaxCalls = 3 }, nil)
	audio, err := os.ReadFile("../../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Config{MCP: addr, Calls: 6, Rate: 50, Hold: 2 * time.Second,
		Audio: audio, Record: true, RecordingsDir: dir, Prefix: "over"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep.Table())
	if rep.Failed != 3 || rep.FailedAt["invite"] != 3 || !strings.Contains(rep.FirstError, "503") {
		t.Fatalf("failed %d %v (%s), want the 3 calls beyond capacity refused 503 at INVITE", rep.Failed, rep.FailedAt, rep.FirstError)
	}
	if rep.PacketsRecv < rep.PacketsExpect || rep.Recordings.Files != 6 || rep.Recordings.Complete != 6 ||
		rep.Recordings.PacketsLost != 0 {
		t.Errorf("calls in progress degraded: received %d of %d, recordings %+v", rep.PacketsRecv, rep.PacketsExpect, rep.Recordings)
	}
}

// Every leg SRTP: calls set up (RTP/SAVP both ways, re-keyed on the 3PCC
// re-INVITE), media flows authentic both ways and the recordings are whole.
func TestAnSRTPRunKeysEveryLeg(t *testing.T) {
	addr, dir := startMCP(t)
	audio, err := os.ReadFile("../../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Config{MCP: addr, Calls: 2, Rate: 20, Hold: 2 * time.Second,
		Audio: audio, Record: true, RecordingsDir: dir, Prefix: "t1", SRTP: "AEAD_AES_128_GCM"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep.Table())
	if rep.Failed != 0 || rep.PacketsRecv < rep.PacketsExpect*8/10 || rep.SRTPFailed > int64(2*rep.Calls) {
		t.Fatalf("failed %d (%s), received %d of %d, %d not authentic", rep.Failed, rep.FirstError, rep.PacketsRecv, rep.PacketsExpect, rep.SRTPFailed)
	}
	waitFiles(t, dir, 4)
	if r := readRecordings(dir, "t1"); r.Files != 4 || r.Complete != 4 {
		t.Errorf("recordings %+v, want 4 complete files", r)
	}
	if _, err := Run(context.Background(), Config{MCP: addr, Calls: 1, Hold: time.Second, Audio: audio, SRTP: "AES_256_CM"}); err == nil {
		t.Error("an unknown suite was accepted")
	}
}
