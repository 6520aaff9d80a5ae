package rm

import (
	"github.com/emiago/sipgo/sip"

	"fmt"

	"github.com/reel-project/reel/rm/config"
)

// Group is a resource group: its MCPs in configuration order and the
// policy for legs without a call id.
type Group struct {
	Name   string
	Policy string
	Nodes  []*Node
}

// Pool holds every group and node. It does not change after NewPool.
type Pool struct {
	groups []*Group
	byAddr map[string]*Node
}

// NewPool builds the pool from validated groups.
func NewPool(groups []config.RMGroup) *Pool {
	p := &Pool{byAddr: map[string]*Node{}}
	for _, g := range groups {
		grp := &Group{Name: g.Name, Policy: g.Policy}
		for _, m := range g.MCPs {
			n := &Node{Addr: m.Address, Group: g.Name, Capacity: m.Capacity, Transport: sip.NetworkToUpper(m.Transport),
				Admin: m.Admin}
			grp.Nodes = append(grp.Nodes, n)
			p.byAddr[n.Addr] = n
		}
		p.groups = append(p.groups, grp)
	}
	return p
}

// Group returns the group called name; "" is the first group.
func (p *Pool) Group(name string) (*Group, error) {
	if name == "" && len(p.groups) > 0 {
		return p.groups[0], nil
	}
	for _, g := range p.groups {
		if g.Name == name {
			return g, nil
		}
	}
	return nil, fmt.Errorf("%w: %q", ErrNoGroup, name)
}

// Groups returns the groups in configuration order. The caller must not
// change the slice.
func (p *Pool) Groups() []*Group { return p.groups }

// Node returns the node at addr (host:port), or nil.
func (p *Pool) Node(addr string) *Node { return p.byAddr[addr] }

// Nodes returns every node, group by group.
func (p *Pool) Nodes() []*Node {
	var out []*Node
	for _, g := range p.groups {
		out = append(out, g.Nodes...)
	}
	return out
}
