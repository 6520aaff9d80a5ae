package balance

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/config"
)

func pool(policy string, caps ...int) (*rm.Pool, *rm.Group) {
	g := config.RMGroup{Name: "g", Policy: policy}
	for i, c := range caps {
		g.MCPs = append(g.MCPs, config.RMNode{Address: fmt.Sprintf("10.0.0.%d:5070", i+1), Capacity: c})
	}
	p := rm.NewPool([]config.RMGroup{g})
	grp, _ := p.Group("")
	return p, grp
}

func counts(p *Picker, g *rm.Group, n int, key func(int) string) map[string]int {
	out := map[string]int{}
	for i := range n {
		if node := p.Pick(g, key(i), nil); node != nil {
			out[node.Addr]++
		}
	}
	return out
}

func TestRendezvousSharesFollowTheCapacities(t *testing.T) {
	pl, g := pool(config.PolicyLeastCalls, 100, 100, 200)
	got := counts(New(pl, rm.NewCalls()), g, 40000, func(i int) string { return fmt.Sprintf("msml=conf-%d", i) })
	for i, want := range []float64{0.25, 0.25, 0.5} {
		share := float64(got[g.Nodes[i].Addr]) / 40000
		if math.Abs(share-want) > 0.015 {
			t.Errorf("%s: share %.3f, want %.2f", g.Nodes[i].Addr, share, want)
		}
	}
}

func TestRendezvousMovesOnlyTheCallsOfAFailedNode(t *testing.T) {
	pl, g := pool(config.PolicyLeastCalls, 100, 100, 200, 50)
	p := New(pl, rm.NewCalls())
	before := map[string]*rm.Node{}
	for i := range 5000 {
		k := fmt.Sprintf("msml=%d", i)
		before[k] = p.Pick(g, k, nil)
	}
	g.Nodes[2].SetState(rm.Down)
	for k, was := range before {
		now := p.Pick(g, k, nil)
		if was != g.Nodes[2] && now != was {
			t.Fatalf("%s moved from %s to %s though its node stayed up", k, was.Addr, now.Addr)
		}
		if now == g.Nodes[2] {
			t.Fatalf("%s still on the node that is down", k)
		}
	}
}

func TestTwoPickersAgreeWithoutSharedState(t *testing.T) {
	p1, g1 := pool(config.PolicyWeighted, 10, 20, 30)
	p2, g2 := pool(config.PolicyWeighted, 10, 20, 30)
	a, b := New(p1, rm.NewCalls()), New(p2, rm.NewCalls())
	for i := range 1000 {
		k := fmt.Sprintf("record=%d", i)
		if x, y := a.Pick(g1, k, nil), b.Pick(g2, k, nil); x.Addr != y.Addr {
			t.Fatalf("%s: %s vs %s", k, x.Addr, y.Addr)
		}
	}
}

func TestPoliciesSkipFullDrainingAndPausedNodes(t *testing.T) {
	pl, g := pool(config.PolicyRoundRobin, 1, 5, 5, 5)
	calls := rm.NewCalls()
	calls.Join("msml=x", g.Nodes[0]) // node 0 is now full
	g.Nodes[1].SetState(rm.Draining)
	g.Nodes[2].Pause(time.Now().Add(time.Hour))
	p := New(pl, calls)
	for range 100 {
		if n := p.Pick(g, "", nil); n != g.Nodes[3] {
			t.Fatalf("policy picked %s, want the only node that takes new calls", n.Addr)
		}
	}
	g.Nodes[3].SetState(rm.Down)
	if n := p.Pick(g, "", nil); n != nil {
		t.Errorf("picked %s with nothing available", n.Addr)
	}
}

// Legs with a call key rank every node that is not down: an RM that counts
// a node full, or heard it is paused or draining, still agrees with one
// that does not, so the legs of a call meet whichever RM each one used.
func TestKeyedLegsRankEveryNodeThatIsNotDown(t *testing.T) {
	plA, gA := pool(config.PolicyRoundRobin, 1, 1, 1, 1)
	plB, gB := pool(config.PolicyRoundRobin, 1, 1, 1, 1)
	callsA := rm.NewCalls()
	callsA.Join("msml=other", gA.Nodes[0]) // A counts node 0 full
	gA.Nodes[1].SetState(rm.Draining)
	gA.Nodes[2].Pause(time.Now().Add(time.Hour))
	a, b := New(plA, callsA), New(plB, rm.NewCalls())
	seen := map[string]bool{}
	for i := range 1000 {
		k := fmt.Sprintf("msml=%d", i)
		x, y := a.Pick(gA, k, nil), b.Pick(gB, k, nil)
		if x.Addr != y.Addr {
			t.Fatalf("%s: %s vs %s", k, x.Addr, y.Addr)
		}
		seen[x.Addr] = true
		// the failover order agrees too
		if x2, y2 := a.Pick(gA, k, []*rm.Node{x}), b.Pick(gB, k, []*rm.Node{y}); x2.Addr != y2.Addr {
			t.Fatalf("%s, second choice: %s vs %s", k, x2.Addr, y2.Addr)
		}
	}
	if len(seen) != 4 {
		t.Errorf("keyed legs went to %d nodes, want all 4", len(seen))
	}
	for _, g := range [][]*rm.Node{gA.Nodes, gB.Nodes} {
		g[3].SetState(rm.Down)
	}
	for i := range 100 {
		if n := a.Pick(gA, fmt.Sprintf("msml=%d", i), nil); n == gA.Nodes[3] {
			t.Fatal("a keyed leg went to a node that is down")
		}
	}
}

func TestAPinnedCallStaysOnItsNodeEvenWhenFull(t *testing.T) {
	pl, g := pool(config.PolicyLeastCalls, 1, 1, 1)
	calls := rm.NewCalls()
	p := New(pl, calls)
	first := p.Pick(g, "msml=conf", nil)
	calls.Join("msml=conf", first)
	if n := p.Pick(g, "msml=conf", nil); n != first {
		t.Errorf("second leg on %s, first on %s", n.Addr, first.Addr)
	}
	if n := p.Pick(g, "msml=conf", []*rm.Node{first}); n == first || n == nil {
		t.Errorf("failover picked %v", n)
	}
	first.SetState(rm.Draining) // a full MCP answers OPTIONS 503 but admits its calls' legs
	if n := p.Pick(g, "msml=conf", nil); n != first {
		t.Errorf("a leg of a call on a draining MCP went to %v", n)
	}
	first.SetState(rm.Down)
	if n := p.Pick(g, "msml=conf", nil); n == first {
		t.Error("a leg went to a node that is down")
	}
}

func TestPolicies(t *testing.T) {
	none := func(int) string { return "" }
	t.Run("round-robin takes turns", func(t *testing.T) {
		pl, g := pool(config.PolicyRoundRobin, 1, 1, 10)
		got := counts(New(pl, rm.NewCalls()), g, 300, none)
		for _, n := range g.Nodes {
			if got[n.Addr] != 100 {
				t.Errorf("%s got %d of 300", n.Addr, got[n.Addr])
			}
		}
	})
	t.Run("weighted follows the capacities exactly", func(t *testing.T) {
		pl, g := pool(config.PolicyWeighted, 1, 2, 3)
		got := counts(New(pl, rm.NewCalls()), g, 600, none)
		for i, want := range []int{100, 200, 300} {
			if got[g.Nodes[i].Addr] != want {
				t.Errorf("%s got %d, want %d", g.Nodes[i].Addr, got[g.Nodes[i].Addr], want)
			}
		}
	})
	t.Run("least-calls fills the emptiest share first", func(t *testing.T) {
		pl, g := pool(config.PolicyLeastCalls, 10, 10, 20)
		calls := rm.NewCalls()
		p := New(pl, calls)
		for range 40 {
			calls.Join("", p.Pick(g, "", nil))
		}
		for i, want := range []int64{10, 10, 20} {
			if got := g.Nodes[i].Calls(); got != want {
				t.Errorf("%s has %d calls, want %d", g.Nodes[i].Addr, got, want)
			}
		}
		if n := p.Pick(g, "", nil); n != nil {
			t.Errorf("picked %s with every node full", n.Addr)
		}
	})
}

func TestUnitStaysInTheOpenInterval(t *testing.T) {
	for i := range 100000 {
		u := Unit(fmt.Sprint(i), "a:1")
		if u <= 0 || u >= 1 {
			t.Fatalf("Unit = %v", u)
		}
	}
	if Unit("k", "a:1") != Unit("k", "a:1") || Unit("k", "a:1") == Unit("k", "a:2") {
		t.Error("Unit is not a deterministic function of both arguments")
	}
}

func TestRankPutsTheWinnerFirst(t *testing.T) {
	pl, g := pool(config.PolicyLeastCalls, 3, 1, 2)
	p := New(pl, rm.NewCalls())
	for i := range 200 {
		k := fmt.Sprint("msml=", i)
		if r := Rank(k, g.Nodes); r[0] != p.Pick(g, k, nil) || len(r) != 3 {
			t.Fatalf("%s: Rank %v disagrees with Pick", k, r[0].Addr)
		}
	}
}

func BenchmarkPickRendezvous(b *testing.B) {
	pl, g := pool(config.PolicyLeastCalls, 100, 100, 200, 50, 300)
	p := New(pl, rm.NewCalls())
	b.ReportAllocs()
	for b.Loop() {
		p.Pick(g, "msml=00F8A2B4C7E1", nil)
	}
}
