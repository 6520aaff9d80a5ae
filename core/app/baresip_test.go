package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// TestBaresipSRTPCallIsRecorded: baresip, a real UA whose SRTP is libre's
// own implementation, calls reel-mcp with SDES keys and SRTP mandatory
// (mediaenc=srtp-mand), into a conference whose other party speaks plain
// RTP. Both hear each other and the recording holds both, checked with
// ffprobe/ffmpeg as for plain calls.
func TestBaresipSRTPCallIsRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts baresip")
	}
	bin, err := exec.LookPath("baresip")
	if err != nil {
		t.Fatal("baresip not installed (Debian baresip; make deps installs it)")
	}
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// The plain party joins first: the left channel.
	plain, err := sipemu.NewParty(8, 0x4444)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	uri := "sip:msml=conf-baresip@" + addr + ";dn=7001;record"
	leg, err := emu.Invite(ctx, uri, plain)
	if err != nil {
		t.Fatal(err)
	}
	if err := leg.ThirdPartyReinvite(ctx); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	fromBaresip := audio(t, g711.MuLaw, 30, 4)
	writeBaresipConfig(t, dir, fromBaresip)
	cmd := exec.CommandContext(ctx, bin, "-f", dir, "-s", "-t", "6", "-e", "/dial "+strings.Replace(uri, "dn=7001", "dn=7002", 1))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	fromPlain := audio(t, g711.ALaw, 90, 6)
	tick := time.NewTicker(20 * time.Millisecond)
	for i := 0; i+160 <= len(fromPlain) && cmd.ProcessState == nil; i += 160 {
		if err := plain.SendFrame(fromPlain[i:i+160], i == 0); err != nil {
			t.Fatal(err)
		}
		<-tick.C
	}
	tick.Stop()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("baresip: %v\n%s", err, tail([]byte(out.String())))
	}
	log := out.String()
	if !strings.Contains(log, "RTP/SAVP") || !strings.Contains(log, "a=crypto:") || !strings.Contains(log, "SRTP is Enabled") {
		t.Fatalf("baresip did not speak SRTP:\n%s", tail([]byte(log)))
	}
	if err := leg.Bye(ctx); err != nil {
		t.Fatal(err)
	}
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	path, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	wav := probe(t, path, "pcm_mulaw", 2)
	t.Logf("recording %.2f s", wav.Duration)
	pcm, err := oracle.DecodePCM(path)
	if err != nil {
		t.Fatal(err)
	}
	// Sample-exact 20 ms frames prove the SRTP path (a wrong key or a
	// broken transform finds none). On a loaded machine the jitter buffers
	// time-scale and conceal (the completeness report says how much), so
	// half the frames is the bar here, not checkRecorded's three in four.
	slack := 1600 + int(docs[0].MediaFiles[0].Completeness.TimeScaledMs+docs[0].MediaFiles[0].Completeness.ConcealedMs)*8
	checkFrames(t, "left (the plain party)", oracle.Channel(pcm, 2, 0), muLawOf(decode(g711.ALaw, fromPlain)), slack)
	checkFrames(t, "right (baresip over SRTP)", oracle.Channel(pcm, 2, 1), decode(g711.MuLaw, fromBaresip), slack)
	heard, _ := filepath.Glob(filepath.Join(dir, "dump-*-dec.wav"))
	if len(heard) != 1 {
		t.Fatalf("baresip's sndfile wrote %v", heard)
	}
	got, err := oracle.DecodePCM(heard[0])
	if err != nil {
		t.Fatal(err)
	}
	// baresip starts hearing when its call is up, some time into the plain
	// party's audio: from its first sound on, what it heard must be the
	// plain party's audio.
	want := muLawOf(decode(g711.ALaw, fromPlain))
	s := 0
	for s+160 <= len(got) && oracle.RMS(got[s:s+160]) < 100 {
		s += 160
	}
	if s+160 > len(got) {
		t.Fatal("baresip heard silence")
	}
	k := find(want, got[s:s+160])
	if k < 0 {
		t.Fatal("baresip's first heard frame is not the plain party's audio")
	}
	heardLen := min(len(got)-s, len(want)-k)
	checkFrames(t, "what baresip heard over SRTP", want[k:k+heardLen+slack], got[s:s+heardLen], slack)
}

// checkFrames wants half of want's 20 ms frames sample-exact in got, each
// within ±slack samples of where the first one found puts it.
// (For what baresip heard, got and want swap: its frames are looked up in
// what the plain party sent.)
func checkFrames(t *testing.T, name string, got, want []int16, slack int) {
	t.Helper()
	found, frames := framesFound(got, want, max(find(got, want[:160]), 0), slack)
	t.Logf("%s: %d of %d frames sample-exact", name, found, frames)
	if found*2 < frames {
		t.Errorf("%s: %d of %d frames found sample-exact, want half", name, found, frames)
	}
}

// writeBaresipConfig writes a baresip config dir: UDP on 127.0.0.1, G.711,
// SRTP mandatory, audio from a WAV of ulaw (aufile) and what it hears
// written by sndfile, no sound card (ALSA's null device plays).
func writeBaresipConfig(t *testing.T, dir string, ulaw []byte) {
	t.Helper()
	raw := filepath.Join(dir, "in.ulaw")
	if err := os.WriteFile(raw, ulaw, 0o644); err != nil {
		t.Fatal(err)
	}
	wav := filepath.Join(dir, "in.wav")
	if out, err := exec.Command("ffmpeg", "-loglevel", "error", "-f", "mulaw", "-ar", "8000", "-ac", "1", "-i", raw,
		"-c:a", "pcm_s16le", wav).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	port := freeUDPPort(t)
	conf := fmt.Sprintf(`poll_method epoll
sip_listen 127.0.0.1:%d
audio_source aufile,%s
audio_player alsa,null
audio_alert alsa,null
rtp_ports 35000-35999
module_path /usr/lib/baresip/modules
module g711.so
module aufile.so
module alsa.so
module sndfile.so
module srtp.so
module_app account.so
module_app menu.so
snd_path %s
`, port, wav, dir)
	if err := os.WriteFile(filepath.Join(dir, "config"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	acc := "<sip:baresip@127.0.0.1>;regint=0;mediaenc=srtp-mand;audio_codecs=PCMU\n"
	if err := os.WriteFile(filepath.Join(dir, "accounts"), []byte(acc), 0o644); err != nil {
		t.Fatal(err)
	}
}
