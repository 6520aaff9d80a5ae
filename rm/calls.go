package rm

import "sync"

// Calls counts the legs of each call and the calls of each node. A call is
// the set of legs with one key ("msml=<conf-id>" or "record=<id>"); a leg
// without a key is a call of its own. The node of a call's first live leg
// is its pin: later legs go there while it takes calls.
type Calls struct {
	mu sync.Mutex
	m  map[string]*call
}

// call is one key's legs, per node (one node unless the call was split).
type call struct {
	legs map[*Node]int
	pin  *Node
}

// NewCalls returns an empty table.
func NewCalls() *Calls { return &Calls{m: map[string]*call{}} }

// Pin returns the node holding a live leg of the call key, or nil.
func (c *Calls) Pin(key string) *Node {
	if key == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if k := c.m[key]; k != nil {
		return k.pin
	}
	return nil
}

// Join counts a new leg of call key on node n.
func (c *Calls) Join(key string, n *Node) {
	n.legs.Add(1)
	if key == "" {
		n.calls.Add(1)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.m[key]
	if k == nil {
		k = &call{legs: map[*Node]int{}, pin: n}
		c.m[key] = k
	}
	if k.legs[n]++; k.legs[n] == 1 {
		n.calls.Add(1)
	}
}

// Leave counts the end of a leg of call key on node n.
func (c *Calls) Leave(key string, n *Node) {
	if key == "" {
		n.legs.Add(-1)
		n.calls.Add(-1)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.m[key]
	if k == nil || k.legs[n] == 0 {
		return
	}
	n.legs.Add(-1)
	if k.legs[n]--; k.legs[n] > 0 {
		return
	}
	delete(k.legs, n)
	n.calls.Add(-1)
	if len(k.legs) == 0 {
		delete(c.m, key)
		return
	}
	if k.pin == n {
		for other := range k.legs {
			k.pin = other
			break
		}
	}
}

// Len returns the number of calls with a key that have a live leg.
func (c *Calls) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
