package app

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
)

// TestMSMLFlowThroughSipp drives recording control with sipp, a real
// external UAC: INFO dialogstart after the ACK, then pause and resume, each
// answered 200 with <result response="200"> (sipp checks the bodies), then
// BYE, which ends the recording.
func TestMSMLFlowThroughSipp(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"mp3-16-stereo", "wav-pcmu"} })
	runSipp(t, addr, "uac_msml.xml", "sipp-msml")
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 1)
	files, _ := filepath.Glob(filepath.Join(dir, "SIPP-MSML-1_*"))
	if len(files) != 2 || len(docs) != 1 {
		t.Fatalf("files %v and %d sidecars: want one WAV (the format MSML asked for) and its metadata", files, len(docs))
	}
	wav, d := files[0], docs[0]
	at := offsets(t, d)
	info := probe(t, wav, "pcm_mulaw", 2)
	if math.Abs(info.Duration-at["stop"]) > 0.1 || at["stop"] < 5 || at["stop"] > 6.5 {
		t.Errorf("WAV %.3f s, events %v: want about 5.5 s from the start INFO to the BYE", info.Duration, at)
	}
	if c := d.MediaFiles[0].Completeness; math.Abs(float64(c.PausedMs)-1500) > 150 || c.EndReason != "terminate" {
		t.Errorf("completeness %+v: want 1.5 s paused, ended when the leg left", c)
	}
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	if mx := oracle.MaxAbs(window(pcm, 0, at["pause"]+0.04, at["resume"]-0.04)); mx != 0 {
		t.Errorf("paused time peaks at %d, want digital silence", mx)
	}
	if r := oracle.RMS(window(pcm, 0, 0.2, at["pause"]-0.1)); r < 100 {
		t.Errorf("before the pause: RMS %.0f, want the captured audio", r)
	}
}

// TestTheGIRFlowThroughSipp is issue 19 §1 with sipp as SIP Server:
// ;record in the INVITE, the dialogstart 2 s into the call naming
// audio/wav and the recording id, a pause of a dialog that does not exist
// refused 4xx, pause, resume, dialogend, the msml.dialog.exit INFO. The
// file is WAV only and starts at the dialogstart.
func TestTheGIRFlowThroughSipp(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	m, addr := startMCP(t, gir)
	runSipp(t, addr, "uac_gir.xml", "sipp-gir")
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 1)
	time.Sleep(300 * time.Millisecond) // a second file would be finished by now
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 2 || len(docs) != 1 || !strings.HasPrefix(filepath.Base(files[0]), "GIR-SIPP-1_") {
		t.Fatalf("files %v: want one WAV named after the id param, and its metadata", files)
	}
	d := docOf(t, docs, "audio/wav")
	at := offsets(t, d)
	info := probe(t, filepath.Join(dir, d.MediaFiles[0].MediaID), "pcm_mulaw", 2)
	if math.Abs(info.Duration-at["stop"]) > 0.1 || at["stop"] < 4 || at["stop"] > 5.5 {
		t.Errorf("WAV %.3f s, events %v: want about 4.5 s, from the dialogstart to the dialogend", info.Duration, at)
	}
	mf := d.MediaFiles[0]
	if c := mf.Completeness; math.Abs(float64(c.PausedMs)-1500) > 150 || c.EndReason != "terminate" {
		t.Errorf("completeness %+v: want 1.5 s paused, ended by the dialogend", c)
	}
	if d.ID != "GIR-SIPP-1" || mf.Parameters["rp.site"] != "sipp" {
		t.Errorf("metadata id %q, parameters %v", d.ID, mf.Parameters)
	}
}

// runSipp plays testdata/sipp/<scenario> once against addr (service is
// sipp's [service], the conf-id), failing the test if sipp does.
func runSipp(t *testing.T, addr, scenario, service string) {
	t.Helper()
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatal("sipp not installed (Debian sip-tester; make deps installs it)")
	}
	pcap, _ := filepath.Abs("../../testdata/rtp-dtmf/g711a.pcap")
	raw, err := os.ReadFile(filepath.Join("testdata/sipp", scenario))
	if err != nil {
		t.Fatal(err)
	}
	sf := filepath.Join(t.TempDir(), scenario)
	if err := os.WriteFile(sf, []byte(strings.ReplaceAll(string(raw), "PCAP_PATH", pcap)), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, addr, "-sf", sf, "-s", service, "-m", "1", "-l", "1",
		"-i", "127.0.0.1", "-p", strconv.Itoa(freeUDPPort(t)), "-mi", "127.0.0.1", "-mp", strconv.Itoa(freeUDPPort(t)),
		"-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", filepath.Join(t.TempDir(), "err.log"))
	cmd.Dir = t.TempDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sipp failed: %v\n%s", err, tail(out))
	}
}
