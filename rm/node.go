package rm

import (
	"sync/atomic"
	"time"
)

// State is an MCP's health as the RM sees it.
type State int32

// States. The zero value is Up: a new node takes calls until a check fails.
const (
	Up       State = iota // answers OPTIONS with 200: takes new calls
	Draining              // answers 503: keeps its dialogs, gets no new calls
	Down                  // does not answer: gets nothing new
)

func (s State) String() string {
	switch s {
	case Up:
		return "up"
	case Draining:
		return "draining"
	case Down:
		return "down"
	}
	return "unknown"
}

// Node is one MCP. Addr and Capacity never change; the rest is atomic.
type Node struct {
	Addr     string // host:port of its SIP listener; also its identity in hashing
	Group    string
	Capacity int
	// Transport to the MCP, "UDP", "TCP" or "TLS"; "": the transport the
	// request came in on.
	Transport string
	Admin     string // base URL of its admin listener; "" when not configured

	state    atomic.Int32
	calls    atomic.Int64 // calls (conferences, recorder sessions) with a live leg here
	legs     atomic.Int64 // live dialogs through this RM
	invites  atomic.Uint64
	failures atomic.Uint64
	pausedTo atomic.Int64 // unix ns until which it gets no new calls (Retry-After)
}

// State returns the node's current state.
func (n *Node) State() State { return State(n.state.Load()) }

// SetState sets the state and reports whether it changed.
func (n *Node) SetState(s State) bool { return State(n.state.Swap(int32(s))) != s }

// Calls is the number of calls with a live leg on this node.
func (n *Node) Calls() int64 { return n.calls.Load() }

// Legs is the number of live dialogs on this node.
func (n *Node) Legs() int64 { return n.legs.Load() }

// HasRoom reports whether the node is below its capacity.
func (n *Node) HasRoom() bool { return n.Calls() < int64(n.Capacity) }

// Available reports whether the node takes new calls: up, with room and
// not paused.
func (n *Node) Available() bool {
	return n.State() == Up && n.HasRoom() && time.Now().UnixNano() >= n.pausedTo.Load()
}

// Pause keeps new calls away from the node until until (an MCP's 503 with
// Retry-After); a later pause already set is kept. Its dialogs, and further
// legs of its calls, are not affected.
func (n *Node) Pause(until time.Time) {
	t := until.UnixNano()
	for {
		cur := n.pausedTo.Load()
		if cur >= t || n.pausedTo.CompareAndSwap(cur, t) {
			return
		}
	}
}

// PausedUntil returns the end of the node's pause; zero when none is left.
func (n *Node) PausedUntil() time.Time {
	t := n.pausedTo.Load()
	if t <= time.Now().UnixNano() {
		return time.Time{}
	}
	return time.Unix(0, t)
}

// Load is the share of capacity in use, 0–1 (more when over capacity).
func (n *Node) Load() float64 { return float64(n.Calls()) / float64(n.Capacity) }

// CountInvite records an initial INVITE sent to the node; failed says it
// did not succeed there (5xx, 408, timeout or transport error).
func (n *Node) CountInvite(failed bool) {
	n.invites.Add(1)
	if failed {
		n.failures.Add(1)
	}
}

// Invites returns the initial INVITEs sent to the node and how many of
// them failed over.
func (n *Node) Invites() (sent, failed uint64) { return n.invites.Load(), n.failures.Load() }
