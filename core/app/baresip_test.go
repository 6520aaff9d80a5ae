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
	t.Logf("completeness %+v", docs[0].MediaFiles[0].Completeness)
	path, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	wav := probe(t, path, "pcm_mulaw", 2)
	t.Logf("recording %.2f s", wav.Duration)
	pcm, err := oracle.DecodePCM(path)
	if err != nil {
		t.Fatal(err)
	}
	checkWindows(t, "left channel vs the plain party", oracle.Channel(pcm, 2, 0), decode(g711.ALaw, fromPlain), 0, 4000, 4)
	checkWindows(t, "right channel vs what baresip sent over SRTP", oracle.Channel(pcm, 2, 1), decode(g711.MuLaw, fromBaresip), 0, 4000, 3)
	heard, _ := filepath.Glob(filepath.Join(dir, "dump-*-dec.wav"))
	if len(heard) != 1 {
		t.Fatalf("baresip's sndfile wrote %v", heard)
	}
	got, err := oracle.DecodePCM(heard[0])
	if err != nil {
		t.Fatal(err)
	}
	checkWindows(t, "what baresip heard over SRTP vs the plain party", got, decode(g711.ALaw, fromPlain), 0, 8000, 3)
}

// checkWindows checks 200 ms of got each second against sent: got[i] should
// be sent[i+shift], within ±slack samples. At least want windows must be
// checked and 60 % of them must match (r ≥ 0.95): on a loaded machine the
// jitter buffer may time-scale or a clock overrun cut a frame inside one
// (the completeness report says so), but broken SRTP matches none.
func checkWindows(t *testing.T, name string, got, sent []int16, shift, slack, want int) {
	t.Helper()
	const win = 1600
	checked, matched := 0, 0
	for w := 8000; w+win <= len(got); w += 8000 {
		lo := w + shift - slack
		if lo < 0 || lo+win+2*slack > len(sent) {
			continue
		}
		checked++
		_, r := oracle.BestLag(got[w:w+win], sent[lo:lo+win+2*slack], 2*slack)
		if r >= 0.95 {
			matched++
		}
	}
	if checked < want || matched*10 < checked*6 {
		t.Errorf("%s: %d of %d one-second windows match, want %d checked and 60 %% matching", name, matched, checked, want)
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
