package loadgen

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// keyFrames is the length of each key the IVR caller presses, in packets.
const keyFrames = 4

// errNoBye is an IVR call the application did not end in time.
var errNoBye = errors.New("the application did not hang up within the hold time")

// placeIVR runs one RFC 5552 IVR call: the caller talks (looped audio),
// keys cfg.DTMF as RFC 4733 events after cfg.DTMFAfter, and the call
// succeeds when the application hangs up (BYE) within cfg.Hold — which it
// does only if it got what it expects: the outcome is the application's.
func (r *runner) placeIVR(ctx context.Context, id int) *call {
	c := &call{id: id}
	defer c.close()
	begin := time.Now()
	if err := c.openIVR(ctx, r); err != nil {
		return c
	}
	c.setup = time.Since(begin)
	r.pacer.add(c)
	defer r.pacer.remove(c)
	start := time.Now()
	leg := c.legs[0]
	select {
	case <-time.After(r.cfg.DTMFAfter):
		if err := c.parties[0].QueueDigits(r.cfg.DTMF, keyFrames); err != nil {
			c.fail("dtmf", err)
		}
	case <-leg.ByeReceived():
	case <-ctx.Done():
	}
	select {
	case <-leg.ByeReceived():
	case <-time.After(r.cfg.Hold - time.Since(start)):
		c.fail("ivr outcome", errNoBye)
		c.hangUp(r)
	case <-ctx.Done():
		c.hangUp(r)
	}
	c.held = time.Since(start)
	return c
}

// openIVR places the caller's INVITE to the application.
func (c *call) openIVR(ctx context.Context, r *runner) error {
	uri := fmt.Sprintf("sip:dialog@%s;voicexml=%s", r.cfg.MCP, url.QueryEscape(r.cfg.IVR))
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p, err := sipemu.NewLoadParty(0, uint32(c.id+1))
	if err != nil {
		return c.fail("rtp socket", err)
	}
	c.parties[0] = p
	c.offset[0] = c.id * 7919 * g711.FrameBytes % len(r.pacer.audio)
	uuid := sip.NewHeader("X-Genesys-CallUUID", fmt.Sprintf("%s-%d", r.cfg.Prefix, c.id))
	if c.legs[0], err = r.emu.Invite(sctx, uri, p, uuid); err != nil {
		return c.fail("invite", err)
	}
	return nil
}
