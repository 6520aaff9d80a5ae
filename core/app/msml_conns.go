package app

import (
	"sync"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/sipua"
)

// connections finds a leg by the id an MSML conn:<id> gives: our To tag of
// its dialog (RFC 5707's connection id) or its Call-ID. Safe for
// concurrent use.
type connections struct {
	mu sync.Mutex
	m  map[string]*conference.Leg
}

func newConnections() *connections {
	return &connections{m: map[string]*conference.Leg{}}
}

// add lists the leg of dialog d and returns the function that unlists it;
// a nil registry lists nothing.
func (c *connections) add(d *sipua.Dialog, l *conference.Leg) func() {
	if c == nil || d == nil {
		return func() {}
	}
	keys := []string{d.LocalTag(), d.CallID()}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		c.m[k] = l
	}
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, k := range keys {
			if c.m[k] == l {
				delete(c.m, k)
			}
		}
	}
}

func (c *connections) lookup(id string) *conference.Leg {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[id]
}
