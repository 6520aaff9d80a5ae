package app

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/sdes"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// One leg SRTP, the other plain RTP, in one conference: each party hears
// the other, the MCP re-keys on the 3PCC re-INVITE and keeps the secure leg
// secure, and the recording is checked exactly as a plain call's.
func TestSRTPAndPlainLegsAreBridgedAndRecorded(t *testing.T) {
	m, addr := startMCP(t, nil)
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpCallWith(t, emu, addr, "conf-srtp", func(a, _ *sipemu.Party) {
		if err := a.UseSRTP(sdes.AESCM128HMACSHA180); err != nil {
			t.Fatal(err)
		}
	})
	if !strings.Contains(string(c.a.Answer()), "RTP/SAVP") || strings.Contains(string(c.b.Answer()), "crypto") {
		t.Fatalf("answers:\n%s\n%s", c.a.Answer(), c.b.Answer())
	}
	c.talk(t, audio(t, g711.MuLaw, 10, 4), audio(t, g711.ALaw, 60, 4))
	time.Sleep(200 * time.Millisecond) // let the last frames play out of the jitter buffers
	c.hangUp(t)
	dir := m.cfg.RecordingDir()
	docs := waitSidecars(t, dir, 2)

	checkHears(t, received(c.a.Party, g711.MuLaw), decode(g711.ALaw, c.sentB))
	checkHears(t, received(c.b.Party, g711.ALaw), decode(g711.MuLaw, c.sentA))
	wavPath, _ := recordedFiles(t, dir)
	info := probe(t, wavPath, "pcm_mulaw", 2)
	if media := c.lastBye.Sub(c.firstSend).Seconds(); math.Abs(info.Duration-media) > 0.1+float64(m.cfg.Jitter.TargetMs)/1000 {
		t.Errorf("WAV %.3f s, call media %.3f s", info.Duration, media)
	}
	pcm, err := oracle.DecodePCM(wavPath)
	if err != nil {
		t.Fatal(err)
	}
	report := wavDoc(t, docs).MediaFiles[0].Completeness
	checkRecorded(t, "left (party A, SRTP)", oracle.Channel(pcm, 2, 0), decode(g711.MuLaw, c.sentA), report)
	checkRecorded(t, "right (party B, RTP)", oracle.Channel(pcm, 2, 1), muLawOf(decode(g711.ALaw, c.sentB)), report)
}

// The profile's policy: required refuses a plain offer with 488 and takes an
// SRTP one; off refuses an SRTP-only offer with 488.
func TestSRTPPolicyRefusesWith488(t *testing.T) {
	for _, tc := range []struct {
		policy string
		secure bool
		ok     bool
	}{{"required", false, false}, {"required", true, true}, {"off", true, false}, {"off", false, true}} {
		_, addr := startMCP(t, func(c *config.MCP) {
			p := c.Profiles[config.DefaultProfile]
			p.SRTP = tc.policy
			c.Profiles[config.DefaultProfile] = p
		})
		emu, err := sipemu.New(addr, "udp")
		if err != nil {
			t.Fatal(err)
		}
		p, err := sipemu.NewParty(0, 0x3333)
		if err != nil {
			t.Fatal(err)
		}
		if tc.secure {
			if err := p.UseSRTP(sdes.AEADAES128GCM); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		l, err := emu.Invite(ctx, "sip:msml=conf-policy@"+addr+";dn=7001", p)
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s, secure %v: %v", tc.policy, tc.secure, err)
		case !tc.ok && (err == nil || !strings.Contains(err.Error(), "488")):
			t.Errorf("%s, secure %v: %v, want 488", tc.policy, tc.secure, err)
		case tc.ok:
			if err := l.ThirdPartyReinvite(ctx); err != nil {
				t.Errorf("%s re-INVITE: %v", tc.policy, err)
			}
			if err := l.Bye(ctx); err != nil && !errors.Is(err, context.Canceled) {
				t.Error(err)
			}
		}
		cancel()
		p.Close()
		emu.Close()
	}
}
