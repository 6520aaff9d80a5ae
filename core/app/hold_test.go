package app

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

func TestHoldAndResumeKeepTheRecordingGoing(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCall(t, emu, addr, "conf-hold")
	c.talk(t, audio(t, g711.MuLaw, 0, 1), audio(t, g711.ALaw, 0, 1))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	c.b.Party.SetDirection("sendonly") // B holds: it still sends (music on hold) but must get nothing
	if err := c.b.Reinvite(ctx); err != nil {
		t.Fatalf("hold re-INVITE: %v", err)
	}
	time.Sleep(100 * time.Millisecond)
	before := len(c.b.Party.Received())
	c.talk(t, audio(t, g711.MuLaw, 1, 1), audio(t, g711.ALaw, 1, 1))
	if got := len(c.b.Party.Received()) - before; got > 0 {
		t.Errorf("the held party received %d packets", got)
	}

	c.b.Party.SetDirection("sendrecv")
	if err := c.b.Reinvite(ctx); err != nil {
		t.Fatalf("resume re-INVITE: %v", err)
	}
	before = len(c.b.Party.Received())
	c.talk(t, audio(t, g711.MuLaw, 2, 1), audio(t, g711.ALaw, 2, 1))
	if got := len(c.b.Party.Received()) - before; got < 40 {
		t.Errorf("after resuming, the party received only %d packets in 1 s", got)
	}
	c.hangUp(t)
	waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	info := probe(t, wav, "pcm_mulaw", 2)
	media := c.lastBye.Sub(c.firstSend).Seconds()
	if math.Abs(info.Duration-media) > 0.1+float64(m.cfg.Jitter.TargetMs)/1000 {
		t.Errorf("WAV %.3f s, call media %.3f s", info.Duration, media)
	}
	if !strings.Contains(string(c.b.Answer()), "sendrecv") {
		t.Errorf("initial answer not sendrecv")
	}
}
