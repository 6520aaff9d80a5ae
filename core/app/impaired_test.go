package app

import (
	"context"
	"math"
	"testing"
	"time"

	"path/filepath"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

func TestLossReorderDuplicatesAndJitterLeaveOneCompleteRecording(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCall(t, emu, addr, "conf-impaired")
	relays := make([]*sipemu.Relay, 2)
	for i, p := range []*sipemu.Party{c.a.Party, c.b.Party} {
		r, err := sipemu.NewRelay(p.Remote(), sipemu.Impairment{Loss: 0.03, Duplicate: 0.03, Jitter: 50 * time.Millisecond, Seed: uint64(i + 1)})
		if err != nil {
			t.Fatal(err)
		}
		p.SetRemote(r.Addr())
		relays[i] = r
	}
	c.talk(t, audio(t, g711.MuLaw, 30, 5), audio(t, g711.ALaw, 70, 5))
	time.Sleep(200 * time.Millisecond)
	c.hangUp(t)
	dropped := 0
	for _, r := range relays {
		r.Close()
		d, _ := r.Stats()
		dropped += d
	}
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")

	t.Run("the file is as long as the call's media", func(t *testing.T) {
		info := probe(t, wav, "pcm_mulaw", 2)
		media := c.lastBye.Sub(c.firstSend).Seconds()
		if math.Abs(info.Duration-media) > 0.1+float64(m.cfg.Jitter.TargetMs)/1000 {
			t.Errorf("WAV %.3f s, call media %.3f s", info.Duration, media)
		}
	})
	t.Run("the audio survives", func(t *testing.T) {
		pcm, err := oracle.DecodePCM(wav)
		if err != nil {
			t.Fatal(err)
		}
		a := decode(g711.MuLaw, c.sentA)
		if _, r := oracle.BestLag(a[8000:16000], oracle.Channel(pcm, 2, 0), 12000); r < 0.9 {
			t.Errorf("left vs party A: r=%.3f", r)
		}
	})
	t.Run("the completeness report counts the losses", func(t *testing.T) {
		cr := docs[0].MediaFiles[0].Completeness
		if cr.PacketsLost < int64(dropped)/2 || cr.PacketsLost > int64(dropped)+2 || cr.ConcealedMs == 0 || cr.PacketsDuplicated == 0 {
			t.Errorf("relays dropped %d; report %+v", dropped, cr)
		}
	})
}

func TestATransferMidRecordingKeepsOneContinuousFile(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCall(t, emu, addr, "conf-transfer")
	b1 := audio(t, g711.ALaw, 50, 2)
	c.talk(t, audio(t, g711.MuLaw, 10, 2), b1)

	// Party B is transferred to another phone: new port, SSRC and codec.
	b2party, err := sipemu.NewParty(0, 0x3333)
	if err != nil {
		t.Fatal(err)
	}
	defer b2party.Close()
	c.b.SetParty(b2party)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.b.Reinvite(ctx); err != nil {
		t.Fatalf("transfer re-INVITE: %v", err)
	}
	b2 := audio(t, g711.MuLaw, 90, 2)
	c.talk(t, audio(t, g711.MuLaw, 12, 2), b2)
	time.Sleep(200 * time.Millisecond)
	c.hangUp(t)
	waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	info := probe(t, wav, "pcm_mulaw", 2)
	media := c.lastBye.Sub(c.firstSend).Seconds()
	if math.Abs(info.Duration-media) > 0.1+float64(m.cfg.Jitter.TargetMs)/1000 {
		t.Errorf("WAV %.3f s, call media %.3f s", info.Duration, media)
	}
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	right := oracle.Channel(pcm, 2, 1)
	k1 := find(right, muLawOf(decode(g711.ALaw, b1))[:160])
	if k1 < 0 {
		t.Fatal("right channel: the first party's audio is not in the recording")
	}
	// After the SSRC change the jitter buffer re-anchors and may time-scale a
	// few frames to get back to its target delay, so the new party is found
	// by correlation rather than sample by sample.
	lag, r := oracle.BestLag(decode(g711.MuLaw, b2)[1600:5600], right, len(right))
	if r < 0.95 || lag < k1+len(b1) {
		t.Errorf("right channel: first party at %d, transferred party at %d with r=%.3f", k1, lag, r)
	}
}

// recordedFilesOf returns the single file with the extension and its sidecar.
func recordedFilesOf(t *testing.T, dir, ext string) (string, string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*."+ext))
	if len(files) != 1 {
		t.Fatalf("want one .%s file, have %v", ext, files)
	}
	return files[0], files[0] + ".json"
}
