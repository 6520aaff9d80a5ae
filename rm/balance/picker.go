package balance

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/config"
)

// Picker chooses nodes. Its zero value is not usable: call New.
type Picker struct {
	calls  *rm.Calls
	groups map[*rm.Group]*groupState // built by New, read-only after
}

// groupState is what the policies remember per group.
type groupState struct {
	next    atomic.Uint64      // round-robin position
	mu      sync.Mutex         // guards current
	current map[*rm.Node]int64 // smooth weighted round-robin
}

// New returns a picker over pool's groups that reads pins from calls.
func New(pool *rm.Pool, calls *rm.Calls) *Picker {
	p := &Picker{calls: calls, groups: map[*rm.Group]*groupState{}}
	for _, g := range pool.Groups() {
		p.groups[g] = &groupState{current: map[*rm.Node]int64{}}
	}
	return p
}

// Pick returns the node for the next attempt of a leg of call key (""
// for none) in group g, skipping the nodes in tried; nil when no node
// takes calls.
//
// A leg with a call key goes to its pin, or else down the rendezvous ranking
// of every node that is not down, whatever this RM counts of their room or
// heard of their pauses: an RM without a pin cannot know whether a full or
// draining MCP holds the call, and only a ranking that is the same in every
// RM keeps the legs together. Such an MCP admits further legs of its calls
// and refuses a new one with 503, and the leg fails over to the next rank,
// as the call's first leg did (Available tells the caller which attempts
// were such probes).
func (p *Picker) Pick(g *rm.Group, key string, tried []*rm.Node) *rm.Node {
	fresh := func(n *rm.Node) bool { return n.Available() && !slices.Contains(tried, n) }
	if key != "" {
		// A pinned node that is draining (full, or shutting down) still gets
		// its calls' further legs: a full MCP admits them, one shutting down
		// answers 503 and the leg fails over.
		if pin := p.calls.Pin(key); pin != nil && pin.Group == g.Name && pin.State() != rm.Down && !slices.Contains(tried, pin) {
			return pin
		}
		return best(key, g.Nodes, func(n *rm.Node) bool { return n.State() != rm.Down && !slices.Contains(tried, n) })
	}
	st := p.groups[g]
	if st == nil {
		return nil
	}
	switch g.Policy {
	case config.PolicyLeastCalls:
		return st.leastCalls(g.Nodes, fresh)
	case config.PolicyWeighted:
		return st.weighted(g.Nodes, fresh)
	}
	return st.roundRobin(g.Nodes, fresh)
}

// roundRobin takes the next node in turn that ok accepts.
func (s *groupState) roundRobin(nodes []*rm.Node, ok func(*rm.Node) bool) *rm.Node {
	start := s.next.Add(1) - 1
	for i := range nodes {
		if n := nodes[(start+uint64(i))%uint64(len(nodes))]; ok(n) {
			return n
		}
	}
	return nil
}

// leastCalls takes the node with the lowest share of capacity in use;
// ties go round-robin so that an idle group fills evenly.
func (s *groupState) leastCalls(nodes []*rm.Node, ok func(*rm.Node) bool) *rm.Node {
	start := s.next.Add(1) - 1
	var win *rm.Node
	for i := range nodes {
		n := nodes[(start+uint64(i))%uint64(len(nodes))]
		if ok(n) && (win == nil || n.Calls()*int64(win.Capacity) < win.Calls()*int64(n.Capacity)) {
			win = n
		}
	}
	return win
}

// weighted is nginx's smooth weighted round-robin over the nodes ok
// accepts, with the capacities as weights.
func (s *groupState) weighted(nodes []*rm.Node, ok func(*rm.Node) bool) *rm.Node {
	s.mu.Lock()
	defer s.mu.Unlock()
	var win *rm.Node
	var total int64
	for _, n := range nodes {
		if !ok(n) {
			continue
		}
		s.current[n] += int64(n.Capacity)
		total += int64(n.Capacity)
		if win == nil || s.current[n] > s.current[win] {
			win = n
		}
	}
	if win != nil {
		s.current[win] -= total
	}
	return win
}
