package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// callWithURI sets up a two-party recorded call on uri (setUpCall's flow).
func callWithURI(t *testing.T, emu *sipemu.Emulator, uri string) *call {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &call{}
	for _, p := range []struct {
		leg *(*sipemu.Leg)
		pt  uint8
	}{{&c.a, 0}, {&c.b, 8}} {
		party, err := sipemu.NewParty(p.pt, 0x3333+uint32(p.pt))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = party.Close() })
		l, err := emu.Invite(ctx, uri, party)
		if err != nil {
			t.Fatalf("INVITE: %v", err)
		}
		if err := l.ThirdPartyReinvite(ctx); err != nil {
			t.Fatalf("re-INVITE: %v", err)
		}
		*p.leg = l
	}
	return c
}

func TestTheRequestURIsProfileChoosesFormatsTenantAndRPParameters(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) {
		c.Profiles["gold"] = config.Profile{Tenant: "gold-tenant", Formats: []string{"wav-pcmu"}, Storage: []string{"localdir"},
			Metadata: []string{"localdir"}, RP: map[string]string{"campaign": "spring"}}
	})
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := callWithURI(t, emu, "sip:msml=conf-gold@"+addr+";dn=7001;record;reel-profile=gold")
	c.talk(t, audio(t, g711.MuLaw, 0, 1), audio(t, g711.ALaw, 0, 1))
	c.hangUp(t)
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	time.Sleep(300 * time.Millisecond)
	if mp3, _ := filepath.Glob(filepath.Join(m.cfg.RecordingDir(), "*.mp3")); len(mp3) != 0 {
		t.Errorf("profile gold records WAV only, got %v", mp3)
	}
	if got := docs[0].MediaFiles[0].Parameters["rp.campaign"]; got != "spring" {
		t.Errorf("rp.campaign = %q, want spring", got)
	}
	if got := docs[0].MediaFiles[0].Tenant; got != "gold-tenant" {
		t.Errorf("tenant = %q, want the profile's (the URI has no gvp-tenant-id)", got)
	}
}

func TestAnUnknownProfileFallsBackToTheDefault(t *testing.T) {
	m, addr := startMCP(t, nil)
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := callWithURI(t, emu, "sip:msml=conf-nope@"+addr+";dn=7001;record;reel-profile=nope")
	c.talk(t, audio(t, g711.MuLaw, 0, 1), audio(t, g711.ALaw, 0, 1))
	c.hangUp(t)
	if docs := waitSidecars(t, m.cfg.RecordingDir(), 2); len(docs) != 2 {
		t.Errorf("%d sidecars, want the default profile's two files", len(docs))
	}
}
