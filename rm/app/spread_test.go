package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/rm/config"
)

func newEmu(t *testing.T, target string) *sipemu.Emulator {
	t.Helper()
	emu, err := sipemu.New(target, "udp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	return emu
}

func TestCallsSpreadAndEveryLegMeetsOnOneMCPWhicheverRMItPasses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reel-mcp processes")
	}
	mcps := []*mcpProc{startMCP(t), startMCP(t), startMCP(t)}
	caps := []int{100, 100, 200}
	rms := [2]*testRM{startRM(t, config.PolicyWeighted, mcps, caps, nil), startRM(t, config.PolicyRoundRobin, mcps, caps, nil)}
	emu := newEmu(t, rms[0].sip)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	const n = 200
	landed := map[*mcpProc]int{}
	calls, errs := runCalls(n, 16, func(i int) (*call, error) {
		return placeCall(ctx, emu, fmt.Sprintf("conf-%03d", i), rms, mcps)
	}, func(c *call) error { return c.hangUp(ctx) })
	for _, err := range errs {
		t.Error(err)
	}
	for _, c := range calls {
		if c.on[0] == nil || c.on[0] != c.on[1] {
			t.Errorf("%s: legs on %v and %v", c.conf, c.on[0], c.on[1])
			continue
		}
		landed[c.on[0]]++
	}
	for i, m := range mcps {
		share, want := float64(landed[m])/n, float64(caps[i])/400
		t.Logf("MCP %s (capacity %d): %d of %d calls", m.addr(), caps[i], landed[m], n)
		if math.Abs(share-want) > 0.12 {
			t.Errorf("MCP %s has %.2f of the calls, want about %.2f", m.addr(), share, want)
		}
		for _, r := range rms {
			if sent, _ := r.Pool().Node(m.addr()).Invites(); sent != uint64(landed[m]) {
				t.Errorf("RM %s sent %d INVITEs to %s, %d calls landed there", r.sip, sent, m.addr(), landed[m])
			}
		}
	}
	waitIdle(t, rms[:]...)

	t.Run("legs without a call id follow each RM's policy", func(t *testing.T) {
		policySpread(t, ctx, emu, rms, mcps, [2][]uint64{{15, 15, 30}, {20, 20, 20}})
	})
	t.Run("recordings of calls with audio complete with the profile the RM chose", func(t *testing.T) {
		audioCalls(t, ctx, emu, rms, mcps)
	})
}

// waitIdle waits until no RM counts a dialog or a call.
func waitIdle(t *testing.T, rms ...*testRM) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for _, r := range rms {
		for r.report(t).Dialogs != 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		rep := r.report(t)
		for _, m := range rep.Groups[0].MCPs {
			if m.Calls != 0 || m.Legs != 0 || rep.Dialogs != 0 {
				t.Errorf("RM %s after every BYE: %+v, %d dialogs", r.sip, m, rep.Dialogs)
			}
		}
	}
}

// policySpread sends 60 INVITEs without a call id through each RM (the
// MCPs answer 404: not a Reel URI) and checks how many each MCP got.
func policySpread(t *testing.T, ctx context.Context, emu *sipemu.Emulator, rms [2]*testRM, mcps []*mcpProc, want [2][]uint64) {
	for r, rmp := range rms {
		before := make([]uint64, len(mcps))
		for i, m := range mcps {
			before[i], _ = rmp.Pool().Node(m.addr()).Invites()
		}
		for i := range 60 {
			p, err := sipemu.NewParty(0, uint32(i))
			if err != nil {
				t.Fatal(err)
			}
			_, err = emu.Invite(ctx, fmt.Sprintf("sip:70%02d@%s", i, rmp.sip), p)
			p.Close()
			if err == nil {
				t.Fatal("a non-Reel URI was accepted")
			}
		}
		for i, m := range mcps {
			got, _ := rmp.Pool().Node(m.addr()).Invites()
			if got-before[i] != want[r][i] {
				t.Errorf("RM %d (%s): MCP %d got %d INVITEs, want %d", r, rmp.Pool().Groups()[0].Policy, i, got-before[i], want[r][i])
			}
		}
	}
}

// audioCalls places three calls that send a second of audio and checks
// that each recording's metadata appears on the MCP the legs met on.
func audioCalls(t *testing.T, ctx context.Context, emu *sipemu.Emulator, rms [2]*testRM, mcps []*mcpProc) {
	calls, errs := runCalls(3, 3, func(i int) (*call, error) {
		return placeCall(ctx, emu, fmt.Sprintf("audio-%d", i), rms, mcps, sip.NewHeader("X-Genesys-CallUUID", fmt.Sprintf("AUDIOCALL%d", i)))
	}, func(c *call) error {
		if err := c.talk(1); err != nil {
			return err
		}
		time.Sleep(200 * time.Millisecond)
		return c.hangUp(ctx)
	})
	for _, err := range errs {
		t.Fatal(err)
	}
	for _, c := range calls {
		doc := waitSidecar(t, c.on[0], "AUDIOCALL"+c.conf[len("audio-"):])
		if doc.Profile != "acme-rec" || doc.Received == 0 {
			t.Errorf("%s: recording profile %q, %d packets; want acme-rec and audio", c.conf, doc.Profile, doc.Received)
		}
	}
}

type sidecar struct {
	Profile  string
	Received int64
}

// waitSidecar waits for the metadata of the recording of callUUID in m's
// recordings directory.
func waitSidecar(t *testing.T, m *mcpProc, callUUID string) sidecar {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(m.dataDir, "recordings", callUUID+"_*.json"))
		for _, f := range files {
			var doc struct {
				MediaFiles []struct {
					IVRProfile   string `json:"ivrprofile"`
					Completeness struct {
						PacketsReceived int64 `json:"packetsReceived"`
					} `json:"completeness"`
				} `json:"mediaFiles"`
			}
			if b, err := os.ReadFile(f); err == nil && json.Unmarshal(b, &doc) == nil && len(doc.MediaFiles) > 0 {
				return sidecar{doc.MediaFiles[0].IVRProfile, doc.MediaFiles[0].Completeness.PacketsReceived}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no recording metadata for %s in %s", callUUID, m.dataDir)
	return sidecar{}
}
