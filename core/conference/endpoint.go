package conference

import (
	"fmt"

	"github.com/reel-project/reel/core/mixer"
)

// Endpoint is a party of a conference that is not an RTP leg: an IVR
// session's prompts and ears (core/ivr). The clock calls it on every tick,
// under the conference lock, so none of its methods may block: Digit first
// with the RFC 4733 keys that completed since the last tick, then Say for
// the frame it puts into the mix, and after the mix Hear with what it hears.
type Endpoint interface {
	// Digit is one telephone-event key ('0'–'9', '*', '#', 'A'–'D') from a
	// leg the endpoint listens to.
	Digit(key rune)
	// Say fills frame (one 20 ms frame of 8 kHz PCM16) and reports whether
	// it holds audio; false leaves the endpoint silent for this tick.
	Say(frame []int16) bool
	// Hear is what the endpoint hears this tick: the mix of the legs it
	// listens to; nil when there was nothing to hear. The slice is valid
	// only during the call.
	Hear(frame []int16)
	// Left is told once, and the endpoint detached, when the leg it is
	// bound to leaves, or — bound to none — when the last leg leaves.
	Left()
}

// attached is an Endpoint in a conference: its mixer input and the one leg
// it is bound to (nil: every leg).
type attached struct {
	ep   Endpoint
	ml   *mixer.Leg
	only *Leg
}

// Attach adds ep to the conference on the right channel of its
// recordings (the left is the recorded party: the caller). Bound to one
// leg (only, MSML conn:<id> or an RFC 5552 call), it takes that leg's
// digits and speaks once that leg can be sent to; only nil takes every
// leg's digits. Detach, returned, removes it; it is also gone when the
// conference ends.
func (c *Conference) Attach(id string, ep Endpoint, only *Leg) (detach func(), err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if only != nil && (only.c != c || only.closed) {
		return nil, fmt.Errorf("%w: %s", ErrClosed, only.id)
	}
	a := &attached{ep: ep, ml: c.mix.AddLeg(c.target.ID+"/"+id, mixer.Right), only: only}
	c.eps = append(c.eps, a)
	return func() { c.detach(a) }, nil
}

func (c *Conference) detach(a *attached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, x := range c.eps {
		if x == a {
			c.mix.RemoveLeg(a.ml)
			c.eps = append(c.eps[:i], c.eps[i+1:]...)
			return
		}
	}
}

// leftLocked detaches the endpoints bound to l, or every endpoint when l
// was the last leg, and tells them.
func (c *Conference) leftLocked(l *Leg) {
	kept := c.eps[:0]
	for _, a := range c.eps {
		if a.only == l || a.only == nil && len(c.legs) == 0 {
			c.mix.RemoveLeg(a.ml)
			a.ep.Left()
			continue
		}
		kept = append(kept, a)
	}
	clear(c.eps[len(kept):])
	c.eps = kept
}

// endpointsSayLocked hands the endpoints the keys that arrived and their
// frames for this tick's mix.
func (c *Conference) endpointsSayLocked() {
	if len(c.eps) == 0 {
		return
	}
	for _, l := range c.legs {
		c.digitsLocked(l)
	}
	for _, a := range c.eps {
		if a.only != nil && !a.only.sendOK {
			continue // nobody can hear it yet
		}
		a.ml.SetActive(a.ep.Say(a.ml.In()))
	}
}

// digitsLocked pops l's completed telephone-events to the endpoints bound
// to it.
func (c *Conference) digitsLocked(l *Leg) {
	if l.jb == nil {
		return
	}
	for {
		ev, ok := l.jb.PopEvent()
		if !ok {
			return
		}
		d := ev.Digit()
		if d == 0 {
			continue
		}
		for _, a := range c.eps {
			if a.only == nil || a.only == l {
				a.ep.Digit(d)
			}
		}
	}
}

// endpointsHearLocked gives each endpoint what it heard in this tick.
func (c *Conference) endpointsHearLocked() {
	for _, a := range c.eps {
		if a.only != nil {
			var in []int16
			if a.only.had {
				in = a.only.ml.In()
			}
			a.ep.Hear(in)
			continue
		}
		a.ep.Hear(a.ml.Out())
	}
}
