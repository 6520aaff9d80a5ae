package rm

import (
	"testing"

	"github.com/reel-project/reel/rm/config"
)

func TestCallsCountLegsAndCallsPerNode(t *testing.T) {
	p := NewPool([]config.RMGroup{config.MCPGroup("a:1", "b:1")})
	a, b := p.Node("a:1"), p.Node("b:1")
	c := NewCalls()
	c.Join("msml=x", a)
	c.Join("msml=x", a)
	c.Join("", a)
	if a.Calls() != 2 || a.Legs() != 3 || c.Pin("msml=x") != a {
		t.Fatalf("after 3 legs: calls %d legs %d pin %v", a.Calls(), a.Legs(), c.Pin("msml=x"))
	}
	c.Join("msml=x", b) // a split conference
	c.Leave("msml=x", a)
	c.Leave("msml=x", a)
	if c.Pin("msml=x") != b || a.Calls() != 1 || b.Calls() != 1 {
		t.Errorf("pin %v, calls a %d b %d; want the pin moved to b", c.Pin("msml=x"), a.Calls(), b.Calls())
	}
	c.Leave("msml=x", b)
	c.Leave("msml=x", b) // a second Leave does nothing
	c.Leave("", a)
	if a.Calls() != 0 || a.Legs() != 0 || b.Legs() != 0 || c.Len() != 0 || c.Pin("msml=x") != nil {
		t.Errorf("after all legs left: a %d/%d b %d, %d calls", a.Calls(), a.Legs(), b.Legs(), c.Len())
	}
}

func TestNodeAvailability(t *testing.T) {
	p := NewPool([]config.RMGroup{{Name: "g", Policy: config.PolicyRoundRobin, MCPs: []config.RMNode{{Address: "a:1", Capacity: 1}}}})
	n := p.Node("a:1")
	if !n.Available() || n.State().String() != "up" {
		t.Fatal("a new node is not available")
	}
	NewCalls().Join("", n)
	if n.Available() || n.Load() != 1 {
		t.Errorf("a full node is available (load %v)", n.Load())
	}
	if !n.SetState(Down) || n.SetState(Down) || n.State().String() != "down" {
		t.Error("SetState does not report changes")
	}
	if _, err := p.Group("nope"); err == nil {
		t.Error("unknown group found")
	}
}
