package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

func TestReceiveOnlyRecorderSessionsFormOneStereoRecording(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &call{}
	// The other party's fork arrives first: the recorded DN must still be left.
	for i, p := range []struct {
		leg **sipemu.Leg
		dn  string
		pt  uint8
	}{{&c.b, "7002", 8}, {&c.a, "7001", 0}} {
		party, err := sipemu.NewParty(p.pt, uint32(0x500+i))
		if err != nil {
			t.Fatal(err)
		}
		defer party.Close()
		party.SetDirection("sendonly")
		uri := "sip:record=fork-42@" + addr + ";calluuid=CU42;dn=" + p.dn + ";recordDN=7001;otherDN=7002"
		l, err := emu.Invite(ctx, uri, party)
		if err != nil {
			t.Fatalf("INVITE %s: %v", p.dn, err)
		}
		if ans := string(l.Answer()); !strings.Contains(ans, "a=recvonly") {
			t.Fatalf("answer to a sendonly fork is not recvonly:\n%s", ans)
		}
		*p.leg = l
	}
	c.talk(t, audio(t, g711.MuLaw, 5, 3), audio(t, g711.ALaw, 40, 3))
	time.Sleep(200 * time.Millisecond)
	c.hangUp(t)
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	if !strings.HasPrefix(filepath.Base(wav), "CU42_") || docs[0].ID != "CU42" {
		t.Errorf("file %s, metadata id %q: want both named after the CallUUID", filepath.Base(wav), docs[0].ID)
	}
	if got := len(c.a.Party.Received()) + len(c.b.Party.Received()); got != 0 {
		t.Errorf("the recorder sent %d packets to receive-only forks", got)
	}
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	report := docs[0].MediaFiles[0].Completeness
	checkRecorded(t, "left (recordDN 7001)", oracle.Channel(pcm, 2, 0), decode(g711.MuLaw, c.sentA), report)
	checkRecorded(t, "right (otherDN 7002)", oracle.Channel(pcm, 2, 1), muLawOf(decode(g711.ALaw, c.sentB)), report)
}
