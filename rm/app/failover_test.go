package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/reel-project/reel/rm/config"
)

// keep sets up calls and keeps them; hang up with hangUpAll.
func keepCalls(t *testing.T, ctx context.Context, n int, prefix string, place func(string) (*call, error)) []*call {
	t.Helper()
	calls, errs := runCalls(n, 8, func(i int) (*call, error) { return place(fmt.Sprintf("%s-%02d", prefix, i)) }, nil)
	for _, err := range errs {
		t.Error(err)
	}
	for _, c := range calls {
		if c.on[0] == nil || c.on[0] != c.on[1] {
			t.Errorf("%s: legs on %v and %v", c.conf, c.on[0], c.on[1])
		}
	}
	return calls
}

func countOn(calls []*call, m *mcpProc) int {
	n := 0
	for _, c := range calls {
		if c.on[0] == m {
			n++
		}
	}
	return n
}

func TestKilledMCPIsBypassedAndTakesCallsAgainAfterRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reel-mcp processes")
	}
	mcps := []*mcpProc{startMCP(t), startMCP(t), startMCP(t)}
	caps := []int{100, 100, 100}
	rms := [2]*testRM{startRM(t, config.PolicyLeastCalls, mcps, caps, nil), startRM(t, config.PolicyLeastCalls, mcps, caps, nil)}
	emu := newEmu(t, rms[0].sip)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	place := func(conf string) (*call, error) { return placeCall(ctx, emu, conf, rms, mcps) }

	before := keepCalls(t, ctx, 12, "before", place)
	victim := mcps[0]
	for _, m := range mcps {
		if countOn(before, m) > countOn(before, victim) {
			victim = m
		}
	}
	victim.kill()
	duringc := make(chan []*call, 1) // placed while the checks have not noticed yet: failover
	go func() { duringc <- keepCalls(t, ctx, 4, "during", place) }()
	took := waitState(t, 2*time.Second, victim.addr(), "down", rms[0], rms[1])
	during := <-duringc
	t.Logf("killed %s (%d calls): both RMs saw it down after %s (interval 200 ms, timeout 150 ms, down after 2)",
		victim.addr(), countOn(before, victim), took.Round(time.Millisecond))
	if limit := 2*200*time.Millisecond + 150*time.Millisecond + 250*time.Millisecond; took > limit {
		t.Errorf("detection took %s, want within two intervals (%s with slack)", took, limit)
	}
	sent, _ := rms[0].Pool().Node(victim.addr()).Invites()

	after := keepCalls(t, ctx, 12, "after", place)
	if n := countOn(after, victim); n != 0 {
		t.Errorf("%d new calls landed on the killed MCP", n)
	}
	if now, _ := rms[0].Pool().Node(victim.addr()).Invites(); now != sent {
		t.Errorf("RM sent %d INVITEs to the MCP that is down", now-sent)
	}
	for _, c := range append(append(before, during...), after...) {
		if c.on[0] == victim {
			c.close()
			continue
		}
		if err := c.legs[0].ThirdPartyReinvite(ctx); err != nil {
			t.Errorf("%s on a survivor: re-INVITE: %v", c.conf, err)
		}
		if err := c.hangUp(ctx); err != nil {
			t.Errorf("%s on a survivor: %v", c.conf, err)
		}
	}

	victim.start()
	took = waitState(t, 3*time.Second, victim.addr(), "up", rms[0], rms[1])
	t.Logf("restarted: up again after %s", took.Round(time.Millisecond))
	again := keepCalls(t, ctx, 12, "again", place)
	if countOn(again, victim) == 0 {
		t.Error("no call landed on the restarted MCP")
	}
	for _, c := range again {
		if err := c.hangUp(ctx); err != nil {
			t.Error(err)
		}
	}
}

func TestDrainingMCPFinishesItsCallsAndGetsNoNewOnes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reel-mcp processes")
	}
	mcps := []*mcpProc{startMCP(t), startMCP(t), startMCP(t)}
	r := startRM(t, config.PolicyLeastCalls, mcps, []int{100, 100, 100}, nil)
	rms := [2]*testRM{r, r}
	emu := newEmu(t, r.sip)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	place := func(conf string) (*call, error) { return placeCall(ctx, emu, conf, rms, mcps) }

	before := keepCalls(t, ctx, 12, "before", place)
	victim := mcps[0]
	for _, m := range mcps {
		if countOn(before, m) > countOn(before, victim) {
			victim = m
		}
	}
	victim.term()
	waitState(t, 2*time.Second, victim.addr(), "draining", r)
	after := keepCalls(t, ctx, 12, "after", place)
	if n := countOn(after, victim); n != 0 {
		t.Errorf("%d new calls landed on the draining MCP", n)
	}
	for _, c := range append(before, after...) {
		if err := c.hangUp(ctx); err != nil {
			t.Errorf("%s (on the draining MCP: %v): %v", c.conf, c.on[0] == victim, err)
		}
	}
	if err := victim.wait(4 * time.Second); err != nil {
		t.Errorf("draining MCP after its calls ended: %v", err)
	}
	waitState(t, 2*time.Second, victim.addr(), "down", r)
}
