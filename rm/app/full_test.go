package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/reel-project/reel/rm/balance"
	"github.com/reel-project/reel/rm/config"
)

// A full MCP answers OPTIONS 503, so every RM sees it draining. The second
// leg of a call it holds, sent through the RM that did not see the first
// leg, must still reach it (the MCP admits further legs of its calls), and
// a new call that ranks it first goes to the next MCP after its 503.
func TestTheLegsOfACallMeetOnAFullMCPWhicheverRMTheyPass(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reel-mcp processes")
	}
	full, other := startMCPFor(t, 1), startMCPFor(t, 10)
	mcps := []*mcpProc{full, other}
	caps := []int{1, 10}
	rms := [2]*testRM{startRM(t, config.PolicyRoundRobin, mcps, caps, nil), startRM(t, config.PolicyRoundRobin, mcps, caps, nil)}
	emu := newEmu(t, rms[0].sip)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	g, _ := rms[0].Pool().Group("")
	rankedFirst := func(prefix string) string {
		for i := range 1000 {
			conf := fmt.Sprintf("%s-%03d", prefix, i)
			if balance.Rank("msml="+conf, g.Nodes)[0].Addr == full.addr() {
				return conf
			}
		}
		t.Fatal("no conf-id ranks the small MCP first")
		return ""
	}

	held := &call{conf: rankedFirst("held")}
	defer held.close()
	if err := held.placeLeg(ctx, emu, 0, rms[0], mcps); err != nil || held.on[0] != full {
		t.Fatalf("first leg on %s (%v), want the small MCP %s", where(held.on[0]), err, full.addr())
	}
	waitState(t, 3*time.Second, full.addr(), "draining", rms[0], rms[1])
	if err := held.placeLeg(ctx, emu, 1, rms[1], mcps); err != nil || held.on[1] != full {
		t.Fatalf("second leg, through the other RM, on %s (%v); want %s with the first", where(held.on[1]), err, full.addr())
	}

	fresh, err := placeCall(ctx, emu, rankedFirst("fresh"), rms, mcps)
	defer fresh.close()
	if err != nil || fresh.on[0] != other || fresh.on[1] != other {
		t.Fatalf("a new call ranked to the full MCP: legs on %s, %s (%v); want both on %s", where(fresh.on[0]), where(fresh.on[1]), err, other.addr())
	}
	for _, c := range []*call{held, fresh} {
		if err := c.hangUp(ctx); err != nil {
			t.Error(err)
		}
	}
}

// where names the MCP a leg landed on.
func where(m *mcpProc) string {
	if m == nil {
		return "no known MCP"
	}
	return m.addr()
}
